#pragma once
// What the IDE shows when it opens without a file: recent workbooks, new from a template, open from Sigma,
// a blank workbook, an existing file, and the guided first dashboard. It only asks; the main window acts.
#include <QWidget>

class QListWidget;
class QPushButton;

namespace quire::ide {

class StartPage : public QWidget {
    Q_OBJECT
public:
    explicit StartPage(QWidget* parent = nullptr);
    // Re-reads the recent list (QSettings "recentFiles", kept by the main window on open and save).
    void refresh();
    QListWidget* recentList() const { return recent_; }
    QPushButton* templateButton(const QString& key) const;
    QPushButton* guidedButton() const { return guided_; }
    QPushButton* sigmaButton() const { return sigma_; }
    QPushButton* blankButton() const { return blank_; }

signals:
    void openRecent(const QString& path);
    void openFileRequested();
    void newBlank();
    void newFromTemplate(const QString& key);
    void openFromSigma();
    void guidedDashboard();

private:
    QListWidget* recent_;
    QPushButton* guided_;
    QPushButton* sigma_;
    QPushButton* blank_;
    QWidget* templates_;
};

} // namespace quire::ide
