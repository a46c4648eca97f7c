#include "problems_widget.h"

#include <QHeaderView>
#include <QStyle>

namespace quire::ide {

QString elementIdForPointer(const DocumentModel& model, const std::string& pointer) {
    const std::string marker = model.bodyPointer() + "/elements/";
    if (marker.size() <= 10 || pointer.rfind(marker, 0) != 0) return {};
    std::size_t end = pointer.find('/', marker.size());
    std::string index = pointer.substr(marker.size(), end == std::string::npos ? std::string::npos : end - marker.size());
    const Json* list = model.elements();
    if (!list || index.empty() || index.find_first_not_of("0123456789") != std::string::npos) return {};
    std::size_t i = std::stoul(index);
    return i < list->size() ? QString::fromStdString((*list)[i].value("id", "")) : QString();
}

ProblemsWidget::ProblemsWidget(DocumentModel* model, QWidget* parent) : QTreeWidget(parent), model_(model) {
    setHeaderLabels({tr("Problem"), tr("Rule"), tr("Location")});
    setRootIsDecorated(false);
    setAlternatingRowColors(true);
    header()->setSectionResizeMode(0, QHeaderView::Stretch);
    header()->setStretchLastSection(false);
    connect(model_, &DocumentModel::diagnosticsChanged, this, &ProblemsWidget::rebuild);
    connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        const QString id = item->data(0, Qt::UserRole).toString();
        if (!id.isEmpty()) model_->setSelection({id});
        emit jumpToLine(item->data(1, Qt::UserRole).toInt(), item->data(2, Qt::UserRole).toInt());
    });
}

void ProblemsWidget::rebuild() {
    clear();
    int errors = 0, warnings = 0;
    for (const auto& d : model_->diagnostics()) {
        auto* item = new QTreeWidgetItem(this);
        item->setText(0, QString::fromStdString(d.message));
        item->setText(1, QString::fromStdString(d.rule));
        QString where = d.location.line > 0 ? tr("line %1:%2").arg(d.location.line).arg(d.location.column) : QString();
        if (!d.pointer.empty()) where += (where.isEmpty() ? "" : "  ") + QString::fromStdString(d.pointer);
        item->setText(2, where);
        item->setToolTip(0, QString::fromStdString(formatDiagnostic(d)));
        item->setIcon(0, style()->standardIcon(d.severity == Severity::Error ? QStyle::SP_MessageBoxCritical
                                               : d.severity == Severity::Warning ? QStyle::SP_MessageBoxWarning
                                                                                 : QStyle::SP_MessageBoxInformation));
        item->setData(0, Qt::UserRole, elementIdForPointer(*model_, d.pointer));
        item->setData(1, Qt::UserRole, d.location.line);
        item->setData(2, Qt::UserRole, d.location.column);
        (d.severity == Severity::Error ? errors : warnings)++;
    }
    errors_ = errors;
    emit countsChanged(errors, warnings);
}

} // namespace quire::ide
