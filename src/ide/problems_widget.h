#pragma once
// The validator's findings for the open workbook. A table model over the document model's diagnostics,
// updated in place: only the rows between the unchanged head and tail of the list are removed and inserted,
// so a workbook with thousands of findings does not rebuild a widget per row on every edit. Activating a row
// selects the element the finding is about and asks the source view to show the line.
#include "document_model.h"

#include <QAbstractTableModel>
#include <QTreeView>

#include <vector>

namespace quire::ide {

class ProblemsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role { ElementIdRole = Qt::UserRole, LineRole, ColumnRole };
    explicit ProblemsModel(DocumentModel* model, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    int errorCount() const { return errors_; }
    int warningCount() const { return warnings_; }
    // Re-reads the document model's diagnostics and updates only the rows that differ.
    void refresh();

signals:
    void countsChanged(int errors, int warnings);

private:
    struct Row {
        Diagnostic diagnostic;
        QString elementId;
        bool otherFile = false; // about a file beside the workbook (the personas file): located by its name
        bool operator==(const Row& other) const;
    };
    DocumentModel* model_;
    std::vector<Row> rows_;
    int errors_ = 0;
    int warnings_ = 0;
};

class ProblemsWidget : public QTreeView {
    Q_OBJECT
public:
    explicit ProblemsWidget(DocumentModel* model, QWidget* parent = nullptr);
    int errorCount() const { return problems_->errorCount(); }
    ProblemsModel* problems() const { return problems_; }

signals:
    void jumpToLine(int line, int column);
    void countsChanged(int errors, int warnings);

private:
    DocumentModel* model_;
    ProblemsModel* problems_;
};

// The element id a JSON pointer is about (".../elements/N/..."), or empty.
QString elementIdForPointer(const DocumentModel& model, const std::string& pointer);

} // namespace quire::ide
