#include "connections_dialog.h"
#include "color_scheme.h"

#include <quire/connect/odbc.h>
#include <quire/secrets/secret_store.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace quire::ide {

namespace {
// The non-secret fields of each warehouse kind, in form order (see ConnectionProfile).
std::vector<std::string> fieldsOf(const std::string& kind) {
    if (kind == "snowflake") return {"server", "warehouse", "database", "schema", "role", "user", "authenticator", "private_key_file"};
    if (kind == "bigquery") return {"project", "dataset", "oauth_mechanism", "email", "key_file"};
    if (kind == "redshift") return {"server", "port", "database", "user", "iam", "region", "cluster"};
    if (kind == "databricks") return {"host", "port", "http_path"};
    if (kind == "postgresql") return {"host", "port", "database", "user", "sslmode"};
    return {"database"};
}
} // namespace

ConnectionsDialog::ConnectionsDialog(const QString& file, secrets::SecretStore& store, QWidget* parent)
    : QDialog(parent), file_(file), store_(store) {
    setWindowTitle(tr("Connections"));
    resize(760, 460);
    auto* layout = new QHBoxLayout(this);
    list_ = new QListWidget;
    list_->setMaximumWidth(220);
    layout->addWidget(list_);
    auto* right = new QVBoxLayout;
    auto* form = new QFormLayout;
    name_ = new QLineEdit;
    connectionId_ = new QLineEdit;
    connectionId_->setPlaceholderText(tr("Sigma connection UUID used by workbooks"));
    kind_ = new QComboBox;
    for (const char* k : {"snowflake", "bigquery", "redshift", "databricks", "postgresql", "sqlite"}) kind_->addItem(k);
    form->addRow(tr("Name"), name_);
    form->addRow(tr("Sigma connectionId"), connectionId_);
    form->addRow(tr("Warehouse"), kind_);
    right->addLayout(form);
    fieldsForm_ = new QFormLayout;
    right->addLayout(fieldsForm_);
    status_ = new QLabel;
    status_->setWordWrap(true);
    right->addWidget(status_);
    right->addStretch();
    auto* buttons = new QHBoxLayout;
    auto* add = new QPushButton(tr("New"));
    auto* test = new QPushButton(tr("Test"));
    auto* save = new QPushButton(tr("Save"));
    auto* remove = new QPushButton(tr("Remove"));
    buttons->addWidget(add);
    buttons->addWidget(test);
    buttons->addWidget(save);
    buttons->addWidget(remove);
    right->addLayout(buttons);
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    right->addWidget(close);
    layout->addLayout(right, 1);

    connect(kind_, &QComboBox::currentTextChanged, this, [this](const QString& k) { rebuildFields(k.toStdString(), {}); });
    connect(list_, &QListWidget::currentTextChanged, this, [this](const QString& name) { selectProfile(name); });
    connect(add, &QPushButton::clicked, this, [this] { startNewProfile(); });
    connect(test, &QPushButton::clicked, this, [this] {
        const QString error = testForm();
        status_->setText(error.isEmpty() ? tr("Connected.") : error);
        status_->setStyleSheet(toneStyle(error.isEmpty() ? Tone::Ok : Tone::Error));
    });
    connect(save, &QPushButton::clicked, this, [this] {
        QString error;
        const bool ok = saveForm(&error);
        status_->setText(ok ? tr("Saved to %1").arg(QString::fromStdString(registry_.file())) : error);
        status_->setStyleSheet(toneStyle(ok ? Tone::Ok : Tone::Error));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (registry_.remove(name_->text().toStdString())) {
            if (auto saved = registry_.save(); !saved) status_->setText(QString::fromStdString(saved.message()));
            else reload();
        } else {
            status_->setText(tr("Built-in profiles cannot be removed."));
        }
    });
    reload();
}

void ConnectionsDialog::startNewProfile(const QString& connectionId) {
    list_->blockSignals(true);
    list_->clearSelection();
    list_->blockSignals(false);
    name_->clear();
    connectionId_->setText(connectionId);
    name_->setReadOnly(false);
    kind_->blockSignals(true);
    kind_->setCurrentText("postgresql");
    kind_->blockSignals(false);
    rebuildFields("postgresql", {{"host", "127.0.0.1"}, {"port", "5432"}});
    status_->clear();
    name_->setFocus();
}

void ConnectionsDialog::reload() {
    auto loaded = connect::ConnectionRegistry::load(file_.toStdString());
    list_->clear();
    if (!loaded) { // the file stays as it is: nothing is saved over a file that cannot be read
        status_->setText(QString::fromStdString(loaded.message()));
        status_->setStyleSheet(toneStyle(Tone::Error));
        return;
    }
    registry_ = std::move(*loaded);
    for (const auto& e : registry_.entries()) list_->addItem(QString::fromStdString(e.profile.name));
    if (list_->count()) list_->setCurrentRow(0);
}

void ConnectionsDialog::selectProfile(const QString& name) {
    if (auto entry = registry_.find(name.toStdString())) showEntry(*entry);
}

void ConnectionsDialog::showEntry(const connect::RegistryEntry& entry) {
    name_->setText(QString::fromStdString(entry.profile.name));
    name_->setReadOnly(entry.builtIn);
    connectionId_->setText(QString::fromStdString(entry.connectionId));
    kind_->blockSignals(true);
    kind_->setCurrentText(QString::fromStdString(std::string(connect::warehouseKindName(entry.profile.kind))));
    kind_->blockSignals(false);
    rebuildFields(std::string(connect::warehouseKindName(entry.profile.kind)), entry.profile.fields);
    status_->setText(entry.builtIn ? tr("Built-in: the embedded SQLite sample warehouse.") : QString());
    status_->setStyleSheet({});
}

void ConnectionsDialog::rebuildFields(const std::string& kind, const std::map<std::string, std::string>& values) {
    while (fieldsForm_->rowCount()) fieldsForm_->removeRow(0);
    fields_.clear();
    secrets_.clear();
    for (const auto& key : fieldsOf(kind)) {
        auto* edit = new QLineEdit(values.count(key) ? QString::fromStdString(values.at(key)) : QString());
        edit->setProperty("quireField", QString::fromStdString(key));
        fields_[key] = edit;
        fieldsForm_->addRow(QString::fromStdString(key), edit);
    }
    connect::ConnectionProfile probe;
    probe.kind = connect::parseWarehouseKind(kind).value_or(connect::WarehouseKind::SQLite);
    probe.fields = values;
    for (const auto& secret : probe.secretNames()) {
        auto* edit = new QLineEdit;
        edit->setEchoMode(QLineEdit::Password);
        edit->setProperty("quireField", QString::fromStdString(secret));
        edit->setPlaceholderText(tr("stored in %1; leave empty to keep").arg(QString::fromStdString(store_.describe())));
        secrets_[secret] = edit;
        fieldsForm_->addRow(QString::fromStdString(secret), edit);
    }
}

Expected<connect::RegistryEntry> ConnectionsDialog::formEntry() const {
    connect::RegistryEntry entry;
    const std::string name = name_->text().trimmed().toStdString();
    if (name.empty()) return makeDiagnostic("connect/profile", "a connection needs a name");
    nlohmann::json json = {{"type", kind_->currentText().toStdString()}};
    for (const auto& [key, edit] : fields_)
        if (!edit->text().trimmed().isEmpty()) json[key] = edit->text().trimmed().toStdString();
    auto profile = connect::profileFromJson(name, json);
    if (!profile) return profile.error();
    entry.profile = std::move(*profile);
    entry.connectionId = connectionId_->text().trimmed().toStdString();
    return entry;
}

bool ConnectionsDialog::saveForm(QString* error) {
    auto failed = [&](const std::string& why) {
        if (error) *error = QString::fromStdString(why);
        return false;
    };
    const auto entry = formEntry();
    if (!entry) return failed(entry.message());
    for (const auto& [secret, edit] : secrets_)
        if (!edit->text().isEmpty())
            if (auto written = store_.write(connect::ConnectionProfile::secretKey(entry->profile.name, secret), edit->text().toStdString()); !written)
                return failed(written.message());
    registry_.put(*entry);
    if (auto saved = registry_.save(); !saved) return failed(saved.message());
    const QString name = QString::fromStdString(entry->profile.name);
    lastSaved_ = name;
    reload();
    for (int i = 0; i < list_->count(); ++i)
        if (list_->item(i)->text() == name) list_->setCurrentRow(i);
    return true;
}

QString ConnectionsDialog::testForm() {
    const auto entry = formEntry();
    if (!entry) return QString::fromStdString(entry.message());
    std::map<std::string, std::string> secrets;
    for (const auto& [secret, edit] : secrets_) {
        if (!edit->text().isEmpty()) {
            secrets[secret] = edit->text().toStdString();
            continue;
        }
        const auto stored = store_.read(connect::ConnectionProfile::secretKey(entry->profile.name, secret));
        if (!stored) return QString::fromStdString(stored.message());
        if (*stored) secrets[secret] = **stored;
    }
    const auto connectionString = entry->builtIn ? connect::resolveConnectionString(*entry, store_)
                                                 : connect::buildConnectionString(entry->profile, secrets);
    if (!connectionString) return QString::fromStdString(connectionString.message());
    try {
        connect::ConnectOptions options;
        options.loginTimeout = std::chrono::seconds(5);
        auto connection = connect::Connection::open(*connectionString, options);
        connection->query("SELECT 1");
        return {};
    } catch (const std::exception& e) { // the driver's refusal (connect::OdbcError), redacted
        return QString::fromUtf8(e.what());
    }
}

} // namespace quire::ide
