#pragma once
// The workbook outline: pages and overlays with the elements placed on them, controls, and connections.
// It is rebuilt from the document on every change and mirrors the selection.
#include "document_model.h"

#include <QTreeWidget>

namespace quire::ide {

class OutlineWidget : public QTreeWidget {
    Q_OBJECT
public:
    explicit OutlineWidget(DocumentModel* model, QWidget* parent = nullptr);

signals:
    void regionActivated(const QString& regionId);

private:
    void rebuild();
    void syncSelection();
    DocumentModel* model_;
    bool syncing_ = false;
};

} // namespace quire::ide
