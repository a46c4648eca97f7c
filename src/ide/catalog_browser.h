#pragma once
// Tables and columns of a connection from the local registry (quire_connect), loaded off the UI thread.
// Dragging a table onto the canvas creates a table element over it (mime kCatalogTableMime).
#include <QWidget>

class QComboBox;
class QTreeWidget;
class QLabel;

namespace quire::ide {

class CatalogBrowser : public QWidget {
    Q_OBJECT
public:
    explicit CatalogBrowser(QWidget* parent = nullptr);
    void loadSelected();

private:
    QComboBox* connections_;
    QTreeWidget* tree_;
    QLabel* status_;
};

} // namespace quire::ide
