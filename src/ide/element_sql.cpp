#include "element_sql.h"

#if HAVE_QUIRE_PREVIEW && HAVE_QUIRE_CONNECT && HAVE_QUIRE_PREVIEW_ODBC
#include <quire/connect/connection_registry.h>
#include <quire/preview/connect_params.h>
#include <quire/preview/planner.h>
#include <quire/preview/session.h>
#include <quire/sql/dialect.h>
#endif

#include <QDate>
#include <QObject>

#include <exception>

namespace quire::ide {
namespace {

// One clause per line, so a line diff shows which clause changed.
QString breakClauses(QString sql) {
    for (const char* keyword : {" FROM ", " WHERE ", " GROUP BY ", " HAVING ", " ORDER BY ", " LIMIT ", " UNION ALL ",
                                " LEFT JOIN ", " INNER JOIN ", " JOIN ", " WINDOW "})
        sql.replace(QString::fromLatin1(keyword), "\n" + QString::fromLatin1(keyword).trimmed() + " ");
    // Select lists: one column per line.
    QString out;
    int depth = 0;
    bool quoted = false;
    for (QChar c : sql) {
        if (c == '\'') quoted = !quoted;
        if (!quoted && c == '(') ++depth;
        if (!quoted && c == ')') --depth;
        out += c;
        if (!quoted && depth == 0 && c == ',') out += "\n ";
    }
    return out;
}

} // namespace

ElementSql elementSql(const Json& body, const std::string& elementId, const QString& connectionsFile) {
    ElementSql result;
#if HAVE_QUIRE_PREVIEW && HAVE_QUIRE_CONNECT && HAVE_QUIRE_PREVIEW_ODBC
    try {
        preview::PreviewSession session(body);
        const Json* element = session.element(elementId);
        if (!element) return {{}, QObject::tr("not in this version")};
        if (!element->contains("source")) return {{}, QObject::tr("runs no query")};
        const auto loaded = connect::ConnectionRegistry::load(connectionsFile.toStdString());
        if (!loaded) return {{}, QString::fromStdString(loaded.message())};
        const connect::ConnectionRegistry& registry = *loaded;
        session.setTablePathResolver(preview::registryPathResolver(registry));
        sql::DialectId dialect = sql::DialectId::SQLite;
        const std::string connectionId = preview::connectionIdOf(session, elementId);
        if (auto entry = registry.find(connectionId)) dialect = entry->profile.dialect();
        else result.note = QObject::tr("connection not in the connections file: SQLite dialect assumed");
        preview::PlanOptions options;
        options.today = QDate::currentDate().toString(Qt::ISODate).toStdString();
        const auto plan = preview::planElement(session, elementId, sql::dialect(dialect), options);
        if (!plan.ok()) {
            for (const auto& d : plan.diagnostics)
                if (d.severity == Severity::Error) return {{}, QObject::tr("cannot be planned: %1").arg(QString::fromStdString(d.message))};
            return {{}, QObject::tr("cannot be planned")};
        }
        result.sql = breakClauses(QString::fromStdString(plan.sql));
    } catch (const std::exception& e) {
        return {{}, QObject::tr("cannot be planned: %1").arg(QString::fromUtf8(e.what()))};
    }
#else
    (void)body, (void)elementId, (void)connectionsFile;
    result.note = QObject::tr("this build has no preview engine");
#endif
    return result;
}

} // namespace quire::ide
