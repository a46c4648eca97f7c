#include "pull_dialog.h"

#if HAVE_QUIRE_PUBLISH
#include <quire/governance/audit_log.h>
#include <quire/publish/client_setup.h>
#include <quire/publish/publish_flow.h>
#include <quire/secrets/secret_store.h>
#endif
#include <quire/doc/io.h>

#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace quire::ide {

PullDialog::PullDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Open from Sigma"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Fetches a workbook from Sigma into a local file (as <code>quire pull</code> does) and "
                                "opens it. The file remembers the workbook for publishing and merging."));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* form = new QFormLayout;
    workbook_ = new QLineEdit;
    workbook_->setPlaceholderText(tr("workbook id or https://app.sigmacomputing.com/… URL"));
    region_ = new QLineEdit;
    region_->setPlaceholderText(tr("aws-us, aws-eu, azure-us, gcp-us, … (default aws-us)"));
    baseUrl_ = new QLineEdit;
    baseUrl_->setPlaceholderText(tr("an API base URL instead of a region"));
    profile_ = new QLineEdit("default");
    output_ = new QLineEdit(QDir::home().filePath("workbook.yaml"));
    form->addRow(tr("Workbook"), workbook_);
    form->addRow(tr("Region"), region_);
    form->addRow(tr("Base URL"), baseUrl_);
    form->addRow(tr("Credentials profile"), profile_);
    form->addRow(tr("Save as"), output_);
    layout->addLayout(form);
    log_ = new QPlainTextEdit;
    log_->setReadOnly(true);
    log_->setMaximumHeight(90);
    layout->addWidget(log_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    auto* pull = buttons->addButton(tr("Pull and open"), QDialogButtonBox::AcceptRole);
    pull->setObjectName("pull-run");
    connect(pull, &QPushButton::clicked, this, [this] {
        if (run()) accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(560, 0);
}

QString PullDialog::log() const { return log_->toPlainText(); }

bool PullDialog::run() {
    auto say = [this](const QString& line) { log_->appendPlainText(line); };
    const std::string id = workbook_->text().trimmed().toStdString();
    const std::string path = output_->text().trimmed().toStdString();
    if (id.empty() || path.empty()) {
        say(tr("Give a workbook id or URL and a file to save it as."));
        return false;
    }
#if HAVE_QUIRE_PUBLISH
    publish::ClientSetup setup;
    setup.baseUrl = baseUrl_->text().trimmed().toStdString();
    setup.region = region_->text().trimmed().toStdString();
    setup.profile = profile_->text().trimmed().isEmpty() ? "default" : profile_->text().trimmed().toStdString();
    auto store = secrets::makeDefaultSecretStore();
    auto config = publish::makeClientConfig(setup, *store);
    if (!config) {
        say(tr("Cannot connect: %1").arg(QString::fromStdString(config.message())));
        return false;
    }
    publish::SigmaClient client(*config);
    publish::PublishFlow flow(client);
    const auto pulled = flow.pull(id, path, doc::detectFormat(path, ""));
    governance::audit::Entry entry;
    entry.action = "pull";
    entry.outcome = pulled.ok ? "ok" : "failed";
    entry.workbook = path;
    entry.workbookId = pulled.workbookId.empty() ? id : pulled.workbookId;
    entry.sigmaIdentity = config->credentials.clientId;
    governance::audit::record(entry);
    say(QString::fromStdString(pulled.message));
    if (pulled.ok) pulled_ = QString::fromStdString(pulled.path.empty() ? path : pulled.path);
    return pulled.ok;
#else
    say(tr("This build has no Sigma client (quire_publish)."));
    return false;
#endif
}

} // namespace quire::ide
