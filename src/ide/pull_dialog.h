#pragma once
// Start page > Open from Sigma: fetches a Sigma workbook into a local file through the same flow as
// `quire pull ID -o FILE` (publish::PublishFlow::pull: canonical file, sidecar and base snapshot, an audit
// entry), then the start page opens it. Credentials as for publishing (secret store or QUIRE_SIGMA_CLIENT_*).
#include <QDialog>

class QLineEdit;
class QPlainTextEdit;

namespace quire::ide {

class PullDialog : public QDialog {
    Q_OBJECT
public:
    explicit PullDialog(QWidget* parent = nullptr);
    // Pulls with the form's settings; true when the file was written (pulledPath() then names it).
    bool run();
    QString pulledPath() const { return pulled_; }
    QString log() const;
    QLineEdit* workbookEdit() const { return workbook_; }
    QLineEdit* baseUrlEdit() const { return baseUrl_; }
    QLineEdit* outputEdit() const { return output_; }

private:
    QLineEdit* workbook_;
    QLineEdit* region_;
    QLineEdit* baseUrl_;
    QLineEdit* profile_;
    QLineEdit* output_;
    QPlainTextEdit* log_;
    QString pulled_;
};

} // namespace quire::ide
