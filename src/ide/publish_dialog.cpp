#include "publish_dialog.h"

#include <quire/diff/render.h>
#include <quire/governance/audit_log.h>
#include <quire/publish/client_setup.h>
#include <quire/publish/grants.h>
#include <quire/publish/project.h>
#include <quire/publish/publish_flow.h>
#include <quire/publish/regions.h>
#include <quire/publish/sidecar.h>

#include <filesystem>

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace quire::ide {

PublishDialog::PublishDialog(const doc::Document& document, QWidget* parent) : QDialog(parent), document_(document) {
    setWindowTitle(tr("Publish to Sigma"));
    resize(640, 460);
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    region_ = new QLineEdit;
    region_->setPlaceholderText(tr("aws-us, aws-eu, azure-us, gcp-us … (or a base URL below)"));
    baseUrl_ = new QLineEdit;
    baseUrl_->setPlaceholderText(tr("https://api.sigmacomputing.com (optional)"));
    profile_ = new QLineEdit("default");
    workbookId_ = new QLineEdit;
    workbookId_->setPlaceholderText(tr("empty: the workbook this file was pulled from or published to, else a new one"));
    // The sidecar is a file in the repository: its host is never put in the base URL field (whatever is
    // there counts as the user's choice). makeClientConfig uses it only when it is a Sigma region host.
    QString sidecarNote;
    if (!document.path.empty()) {
        std::optional<publish::Sidecar> sidecar;
        if (auto loaded = publish::loadSidecar(document.path))
            sidecar = std::move(*loaded);
        else
            sidecarNote = tr("The sidecar cannot be read: %1").arg(QString::fromStdString(loaded.message()));
        if (sidecar) {
            sidecarBaseUrl_ = sidecar->baseUrl;
            workbookId_->setText(QString::fromStdString(sidecar->workbookId));
            if (!sidecar->baseUrl.empty() && publish::isRegionHost(sidecar->baseUrl))
                baseUrl_->setPlaceholderText(tr("from the sidecar: %1").arg(QString::fromStdString(sidecar->baseUrl)));
            else if (!sidecar->baseUrl.empty())
                sidecarNote = tr("The sidecar names %1, which is not a Sigma API host; it is not used. Enter it as the "
                                 "API base URL only if you trust it.")
                                  .arg(QString::fromStdString(sidecar->baseUrl));
        }
    }
    dryRun_ = new QCheckBox(tr("Dry run (Sigma validates, nothing is written)"));
    form->addRow(tr("Region"), region_);
    form->addRow(tr("API base URL"), baseUrl_);
    form->addRow(tr("Credentials profile"), profile_);
    form->addRow(tr("Workbook id"), workbookId_);
    layout->addLayout(form);
    layout->addWidget(dryRun_);
    if (!sidecarNote.isEmpty()) {
        auto* note = new QLabel(sidecarNote);
        note->setWordWrap(true);
        layout->addWidget(note);
    }
    layout->addWidget(new QLabel(tr("Client id and secret come from the keychain (sigma/<profile>/client-id, client-secret) "
                                    "or QUIRE_SIGMA_CLIENT_ID / QUIRE_SIGMA_CLIENT_SECRET.")));
    log_ = new QPlainTextEdit;
    log_->setReadOnly(true);
    layout->addWidget(log_, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    publish_ = buttons->addButton(tr("Publish"), QDialogButtonBox::AcceptRole);
    cancel_ = buttons->addButton(tr("Cancel Publish"), QDialogButtonBox::ActionRole);
    cancel_->setObjectName("publish-cancel");
    cancel_->setEnabled(false);
    connect(publish_, &QPushButton::clicked, this, [this] { run(true); });
    // The requests wait in a local event loop, so this click arrives while the publish runs.
    connect(cancel_, &QPushButton::clicked, this, [this] {
        cancelRequested_ = true;
        cancel_->setEnabled(false);
        log_->appendPlainText(tr("cancelling: the publish stops before its next step (a workbook already being sent is "
                                 "finished and remembered)"));
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QString PublishDialog::log() const { return log_->toPlainText(); }

QString PublishDialog::run(bool askToConfirm) {
    if (!publish_->isEnabled()) return tr("a publish is already running"); // a second click during the first
    auto say = [this](const QString& line) { log_->appendPlainText(line); };
    // While it runs: Publish off (no second publish from inside the first one's event loop), Cancel on.
    cancelRequested_ = false;
    publish_->setEnabled(false);
    cancel_->setEnabled(true);
    struct Restore {
        PublishDialog* dialog;
        ~Restore() {
            dialog->publish_->setEnabled(true);
            dialog->cancel_->setEnabled(false);
        }
    } restore{this};
    publish::ClientSetup setup;
    setup.baseUrl = baseUrl_->text().trimmed().toStdString();
    setup.region = region_->text().trimmed().toStdString();
    setup.sidecarBaseUrl = sidecarBaseUrl_;
    setup.profile = profile_->text().trimmed().isEmpty() ? "default" : profile_->text().trimmed().toStdString();
    auto store = secrets::makeDefaultSecretStore();
    auto config = publish::makeClientConfig(setup, *store);
    if (!config) {
        say(tr("Cannot connect: %1").arg(QString::fromStdString(config.message())));
        return QString::fromStdString(config.message());
    }
    publish::SigmaClient client(*config);
    publish::PublishFlow flow(client);
    publish::PublishOptions options;
    options.workbookId = workbookId_->text().trimmed().toStdString();
    options.dryRun = dryRun_->isChecked();
    // quire.yaml's project-wide `sharing` (docs/governance.md); a broken file is reported, its sharing not applied.
    if (!document_.path.empty()) {
        const std::string dir = std::filesystem::path(document_.path).parent_path().string();
        if (auto path = publish::findProjectFile(dir.empty() ? "." : dir)) {
            publish::ProjectLoad project = publish::loadProject(*path);
            if (project.ok()) options.sharing = project.project->sharingFor(document_.path, nullptr);
            else say(tr("%1 has errors, so its sharing is not applied").arg(QString::fromStdString(*path)));
        }
    }
    publish::PublishCallbacks callbacks;
    callbacks.progress = [say](const std::string& step) { say(QString::fromStdString(step)); };
    callbacks.cancelRequested = [this] { return cancelRequested_; };
    callbacks.confirm = [this, askToConfirm, say](const publish::PublishPlan& plan) {
        const QString changes = QString::fromStdString((plan.contentsUnchanged ? std::string() : diff::renderText(plan.diff)) +
                                                       publish::renderGrantPlanText(plan.grants));
        say(changes.isEmpty() ? tr("No element changes.") : changes);
        if (!askToConfirm) return true;
        return QMessageBox::question(this, tr("Publish to Sigma"),
                                     (plan.create ? tr("Create the workbook \"%1\"?").arg(QString::fromStdString(plan.name))
                                                  : tr("Update workbook %1?").arg(QString::fromStdString(plan.workbookId))) +
                                         "\n\n" + changes.left(4000)) == QMessageBox::Yes;
    };
    const auto result = flow.publish(document_, options, callbacks);
    // The same audit entry as `quire publish` (docs/governance.md, "Audit log"); a failed write never fails this.
    governance::audit::Entry entry;
    entry.action = "publish";
    entry.outcome = std::string(publish::publishStatusName(result.status));
    entry.workbook = document_.path;
    entry.workbookId = result.workbookId;
    entry.sigmaIdentity = config->credentials.clientId;
    governance::audit::record(entry);
    for (const auto& d : result.diagnostics) say(QString::fromStdString(formatDiagnostic(d)));
    const QString outcome = QString::fromStdString(std::string(publish::publishStatusName(result.status)) + ": " + result.message);
    say(outcome);
    if (!result.url.empty()) say(QString::fromStdString(result.url));
    return outcome;
}

} // namespace quire::ide
