#include "problems_widget.h"

#include <QApplication>
#include <QHeaderView>
#include <QStyle>

namespace quire::ide {

QString elementIdForPointer(const DocumentModel& model, const std::string& pointer) {
    const std::string marker = model.bodyPointer() + "/elements/";
    if (marker.size() <= 10 || pointer.rfind(marker, 0) != 0) return {};
    std::size_t end = pointer.find('/', marker.size());
    std::string index = pointer.substr(marker.size(), end == std::string::npos ? std::string::npos : end - marker.size());
    const Json* list = model.elements();
    if (!list || index.empty() || index.size() > 9 || index.find_first_not_of("0123456789") != std::string::npos) return {};
    std::size_t i = std::stoul(index);
    return i < list->size() ? QString::fromStdString((*list)[i].value("id", "")) : QString();
}

bool ProblemsModel::Row::operator==(const Row& other) const {
    const Diagnostic& a = diagnostic;
    const Diagnostic& b = other.diagnostic;
    return elementId == other.elementId && otherFile == other.otherFile && a.severity == b.severity && a.rule == b.rule && a.message == b.message &&
           a.pointer == b.pointer && a.location.file == b.location.file && a.location.line == b.location.line &&
           a.location.column == b.location.column;
}

ProblemsModel::ProblemsModel(DocumentModel* model, QObject* parent) : QAbstractTableModel(parent), model_(model) {
    connect(model_, &DocumentModel::diagnosticsChanged, this, &ProblemsModel::refresh);
}

int ProblemsModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }
int ProblemsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : 3; }

QVariant ProblemsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case 0: return tr("Problem");
    case 1: return tr("Rule");
    case 2: return tr("Location");
    }
    return {};
}

QVariant ProblemsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= int(rows_.size())) return {};
    const Row& row = rows_[std::size_t(index.row())];
    const Diagnostic& d = row.diagnostic;
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == 0) return QString::fromStdString(d.message);
        if (index.column() == 1) return QString::fromStdString(d.rule);
        if (index.column() == 2) {
            QString where = d.location.line > 0 ? tr("line %1:%2").arg(d.location.line).arg(d.location.column) : QString();
            if (row.otherFile) where = QString::fromStdString(d.location.file) + (where.isEmpty() ? "" : " ") + where;
            if (!d.pointer.empty()) where += (where.isEmpty() ? "" : "  ") + QString::fromStdString(d.pointer);
            return where;
        }
        return {};
    case Qt::ToolTipRole: return index.column() == 0 ? QString::fromStdString(formatDiagnostic(d)) : QVariant();
    case Qt::DecorationRole:
        if (index.column() != 0) return {};
        return QApplication::style()->standardIcon(d.severity == Severity::Error     ? QStyle::SP_MessageBoxCritical
                                                   : d.severity == Severity::Warning ? QStyle::SP_MessageBoxWarning
                                                                                     : QStyle::SP_MessageBoxInformation);
    case ElementIdRole: return row.elementId;
    case LineRole: return row.otherFile ? 0 : d.location.line; // the source view shows the workbook only
    case ColumnRole: return row.otherFile ? 0 : d.location.column;
    }
    return {};
}

void ProblemsModel::refresh() {
    const std::vector<Diagnostic>& diagnostics = model_->diagnostics();
    std::vector<Row> next;
    next.reserve(diagnostics.size());
    int errors = 0, warnings = 0;
    const std::size_t firstOfView = diagnostics.size() - model_->viewDiagnosticCount();
    for (std::size_t i = 0; i < diagnostics.size(); ++i) {
        const Diagnostic& d = diagnostics[i];
        const bool otherFile = i >= firstOfView && !d.location.file.empty();
        next.push_back({d, otherFile ? QString() : elementIdForPointer(*model_, d.pointer), otherFile});
        (d.severity == Severity::Error ? errors : warnings)++;
    }
    // Rows equal at the head and at the tail stay; the span between them is replaced.
    std::size_t head = 0;
    while (head < rows_.size() && head < next.size() && rows_[head] == next[head]) ++head;
    std::size_t tail = 0;
    while (tail < rows_.size() - head && tail < next.size() - head &&
           rows_[rows_.size() - 1 - tail] == next[next.size() - 1 - tail])
        ++tail;
    const std::size_t oldMiddle = rows_.size() - head - tail;
    const std::size_t newMiddle = next.size() - head - tail;
    if (oldMiddle > 0) {
        beginRemoveRows({}, int(head), int(head + oldMiddle - 1));
        rows_.erase(rows_.begin() + std::ptrdiff_t(head), rows_.begin() + std::ptrdiff_t(head + oldMiddle));
        endRemoveRows();
    }
    if (newMiddle > 0) {
        beginInsertRows({}, int(head), int(head + newMiddle - 1));
        rows_.insert(rows_.begin() + std::ptrdiff_t(head), std::make_move_iterator(next.begin() + std::ptrdiff_t(head)),
                     std::make_move_iterator(next.begin() + std::ptrdiff_t(head + newMiddle)));
        endInsertRows();
    }
    errors_ = errors;
    warnings_ = warnings;
    emit countsChanged(errors, warnings);
}

ProblemsWidget::ProblemsWidget(DocumentModel* model, QWidget* parent)
    : QTreeView(parent), model_(model), problems_(new ProblemsModel(model, this)) {
    setModel(problems_);
    setRootIsDecorated(false);
    setAlternatingRowColors(true);
    setUniformRowHeights(true);
    header()->setSectionResizeMode(0, QHeaderView::Stretch);
    header()->setStretchLastSection(false);
    connect(problems_, &ProblemsModel::countsChanged, this, &ProblemsWidget::countsChanged);
    connect(this, &QTreeView::activated, this, [this](const QModelIndex& index) {
        const QString id = index.siblingAtColumn(0).data(ProblemsModel::ElementIdRole).toString();
        if (!id.isEmpty()) model_->setSelection({id});
        emit jumpToLine(index.siblingAtColumn(0).data(ProblemsModel::LineRole).toInt(),
                        index.siblingAtColumn(0).data(ProblemsModel::ColumnRole).toInt());
    });
}

} // namespace quire::ide
