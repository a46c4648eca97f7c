#pragma once
// File > Publish to Sigma: validates, shows the element-level diff against the server for confirmation,
// then creates or updates the workbook through Sigma's REST API (quire_publish). Credentials come from the
// secret store or QUIRE_SIGMA_CLIENT_ID/SECRET; the target is remembered in the file's sidecar (whose host
// is used only when it is a Sigma region host; see publish/client_setup.h).
#include <quire/doc/document.h>

#include <QDialog>

#include <string>

class QCheckBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace quire::ide {

class PublishDialog : public QDialog {
    Q_OBJECT
public:
    PublishDialog(const doc::Document& document, QWidget* parent = nullptr);
    // Runs the flow with the form's settings; `confirm` decides on the plan (the dialog asks the user).
    // Returns the one-line outcome shown in the log.
    QString run(bool askToConfirm = true);
    QString log() const;
    QLineEdit* baseUrlEdit() const { return baseUrl_; }
    QCheckBox* dryRunBox() const { return dryRun_; }
    // Enabled while a publish runs: stops it before its next step, until the workbook is being sent.
    QPushButton* cancelButton() const { return cancel_; }
    QPushButton* publishButton() const { return publish_; }

private:
    const doc::Document& document_;
    QLineEdit* region_;
    QLineEdit* baseUrl_;
    QLineEdit* profile_;
    QLineEdit* workbookId_;
    QCheckBox* dryRun_;
    QPlainTextEdit* log_;
    QPushButton* publish_ = nullptr;
    QPushButton* cancel_ = nullptr;
    bool cancelRequested_ = false;
    std::string sidecarBaseUrl_; // untrusted: passed as ClientSetup::sidecarBaseUrl, never as the base URL
};

} // namespace quire::ide
