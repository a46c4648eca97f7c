#include "workbook_templates.h"

#include <quire/doc/io.h>

#include <QFile>
#include <QObject>

namespace quire::ide {

const std::vector<WorkbookTemplate>& workbookTemplates() {
    static const std::vector<WorkbookTemplate> templates = {
        {"kpi-overview", QObject::tr("KPI overview"),
         QObject::tr("Four KPIs, a monthly trend, revenue by status and the orders, with a date control"),
         ":/templates/kpi-overview.yaml"},
        {"funnel", QObject::tr("Conversion funnel"),
         QObject::tr("Visit, cart, checkout and conversion with step rates, and conversion by channel"),
         ":/templates/funnel.yaml"},
        {"cohort", QObject::tr("Cohort table"),
         QObject::tr("Ordering customers by signup month and months since signup, by country"),
         ":/templates/cohort.yaml"},
        {"geographic", QObject::tr("Geographic"),
         QObject::tr("Revenue by country on a map and users by country, by device"),
         ":/templates/geographic.yaml"},
    };
    return templates;
}

const WorkbookTemplate* findWorkbookTemplate(const QString& key) {
    for (const auto& t : workbookTemplates())
        if (t.key == key) return &t;
    return nullptr;
}

std::optional<doc::Document> loadWorkbookTemplate(const QString& key) {
    const WorkbookTemplate* t = findWorkbookTemplate(key);
    if (!t) return std::nullopt;
    QFile file(t->resource);
    if (!file.open(QIODevice::ReadOnly)) return std::nullopt;
    const QByteArray text = file.readAll();
    auto loaded = doc::parseDocument(std::string_view(text.constData(), std::size_t(text.size())), doc::Format::Yaml);
    if (!loaded.document) return std::nullopt;
    loaded.document->path.clear(); // untitled: the first save asks where
    return std::move(loaded.document);
}

} // namespace quire::ide
