#pragma once
// The starting dashboards the start page offers (resources/templates/*.yaml, compiled in): workbooks over the
// embedded sample warehouse that validate clean and preview as they are.
#include <quire/doc/document.h>

#include <QString>

#include <optional>
#include <vector>

namespace quire::ide {

struct WorkbookTemplate {
    QString key;         // "kpi-overview"
    QString title;       // "KPI overview"
    QString description; // one line
    QString resource;    // ":/templates/kpi-overview.yaml"
};

const std::vector<WorkbookTemplate>& workbookTemplates();
const WorkbookTemplate* findWorkbookTemplate(const QString& key);
// The template as an untitled workbook (its comments kept for the first save); nullopt for an unknown key.
std::optional<doc::Document> loadWorkbookTemplate(const QString& key);

} // namespace quire::ide
