#pragma once
// "Map connection...": a workbook names a Sigma connectionId this machine has no profile for (a workbook from
// another organisation). The user picks an existing profile or creates one (the Connections dialog, the id
// filled in); the choice is saved in the user's connections file ("mappings"), never in the workbook.
#include <quire/connect/connection_registry.h>

#include <QDialog>

class QComboBox;
class QLabel;

namespace quire::secrets {
class SecretStore;
}

namespace quire::ide {

class MapConnectionDialog : public QDialog {
    Q_OBJECT
public:
    // file: the connections file ("" = the user's default); elementCount: how many elements use the id.
    MapConnectionDialog(const QString& file, const QString& connectionId, int elementCount,
                        secrets::SecretStore& store, QWidget* parent = nullptr);

    QStringList profiles() const;                 // the profiles offered, in order
    bool chooseProfile(const QString& name);      // false when there is no such profile
    // Saves the mapping of the chosen profile into the connections file; false (and *error) on failure.
    bool apply(QString* error = nullptr);
    // Opens the Connections dialog on a new profile carrying the connectionId; a profile saved there is chosen.
    void newProfile();

private:
    void reload(const QString& select = {});

    QString file_;
    QString connectionId_;
    secrets::SecretStore& store_;
    QComboBox* profiles_;
    QLabel* status_;
};

} // namespace quire::ide
