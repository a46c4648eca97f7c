#pragma once
// The Catalog dock: tables and columns of a connection from the local registry (quire_connect), read off the UI
// thread into a CatalogModel in batches (tables first, then each table's columns), with a filter box. Dragging
// a table onto the canvas creates a table element over it (mime kCatalogTableMime).
#include <QWidget>

#include <memory>
#include <string>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTimer;
class QTreeView;

namespace quire::ide {

class CatalogModel;
struct CatalogLoad;

class CatalogBrowser : public QWidget {
    Q_OBJECT
public:
    // `connectionsFile`: the connections file to list ("" = the user's default one).
    explicit CatalogBrowser(QWidget* parent = nullptr, const QString& connectionsFile = {});
    ~CatalogBrowser() override;

    void loadSelected();
    // Picks the connection named `name` in the list; false when there is none.
    bool selectConnection(const QString& name);
    bool loading() const;
    CatalogModel* model() const { return model_; }
    QTreeView* view() const { return tree_; }
    QLineEdit* filter() const { return filter_; }
    QString status() const;
    // Stops the read in progress: the tables and columns read so far stay, the status says how far it got.
    void cancelLoad();
    QProgressBar* progress() const { return progress_; }
    QPushButton* cancelButton() const { return cancel_; }

private:
    void drain(); // moves what the reader has found so far into the model (UI thread)

    std::string connectionsFile_;
    QComboBox* connections_;
    QLineEdit* filter_;
    QTreeView* tree_;
    QLabel* status_;
    QProgressBar* progress_;  // tables whose columns are read, of all tables (busy while listing the tables)
    QPushButton* cancel_;
    int columnsRead_ = 0;
    CatalogModel* model_;
    QSortFilterProxyModel* proxy_;
    QTimer* poll_;
    std::shared_ptr<CatalogLoad> load_; // the read in progress, shared with its thread
};

} // namespace quire::ide
