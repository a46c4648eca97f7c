#pragma once
// The SQL an element compiles to, the way the live preview plans it (quire_preview's planner, the dialect of
// the element's connection in the connections registry; SQLite, the sample warehouse's, when it has none).
#include <quire/core/json.h>

#include <QString>

namespace quire::ide {

struct ElementSql {
    QString sql;   // pretty enough to diff line by line ("" when the element runs no query)
    QString note;  // why there is no SQL, or which dialect was assumed
};

// body: a workbook body (Document::contents()). connectionsFile: "" = the user's default registry.
ElementSql elementSql(const Json& body, const std::string& elementId, const QString& connectionsFile = {});

} // namespace quire::ide
