#pragma once
// Connections: the profiles of the local connections file (Sigma connectionId -> warehouse), one per
// warehouse kind with that warehouse's fields. Secrets (password, token, passphrase) go to the secret store
// (system keychain; headless, the environment) and never into the file. "Test" opens a real ODBC connection.
#include <quire/connect/connection_registry.h>

#include <QDialog>

#include <memory>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;

namespace quire::secrets {
class SecretStore;
}

namespace quire::ide {

class ConnectionsDialog : public QDialog {
    Q_OBJECT
public:
    // file: the connections file ("" = the user's default); store: where secrets go.
    ConnectionsDialog(const QString& file, secrets::SecretStore& store, QWidget* parent = nullptr);

    // The profile in the form (for tests); connect/profile when the form is incomplete.
    Expected<connect::RegistryEntry> formEntry() const;
    bool saveForm(QString* error = nullptr);      // put the form's profile into the file (and its secrets)
    QString testForm();                           // "" on success, else the driver's (redacted) message
    void selectProfile(const QString& name);
    // An empty form for a new profile (PostgreSQL on localhost), its Sigma connectionId filled in.
    void startNewProfile(const QString& connectionId = {});
    QString lastSavedProfile() const { return lastSaved_; } // "" when nothing was saved

private:
    void reload();
    void showEntry(const connect::RegistryEntry& entry);
    void rebuildFields(const std::string& kind, const std::map<std::string, std::string>& values);

    QString file_;
    secrets::SecretStore& store_;
    connect::ConnectionRegistry registry_;
    QListWidget* list_;
    QLineEdit* name_;
    QLineEdit* connectionId_;
    QComboBox* kind_;
    QFormLayout* fieldsForm_;
    std::map<std::string, QLineEdit*> fields_;
    std::map<std::string, QLineEdit*> secrets_;
    QLabel* status_;
    QString lastSaved_;
};

} // namespace quire::ide
