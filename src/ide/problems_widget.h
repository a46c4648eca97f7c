#pragma once
// The validator's findings for the open workbook, refreshed on every change. Activating a row selects
// the element the finding is about and asks the source view to show the line.
#include "document_model.h"

#include <QTreeWidget>

namespace quire::ide {

class ProblemsWidget : public QTreeWidget {
    Q_OBJECT
public:
    explicit ProblemsWidget(DocumentModel* model, QWidget* parent = nullptr);
    int errorCount() const { return errors_; }

signals:
    void jumpToLine(int line, int column);
    void countsChanged(int errors, int warnings);

private:
    void rebuild();
    DocumentModel* model_;
    int errors_ = 0;
};

// The element id a JSON pointer is about (".../elements/N/..."), or empty.
QString elementIdForPointer(const DocumentModel& model, const std::string& pointer);

} // namespace quire::ide
