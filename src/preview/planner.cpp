#include <quire/preview/planner.h>

#include "chart_trellis.h"
#include "control_refs.h"
#include "grouped_plan.h"
#include "plan_support.h"

#include <quire/preview/effective_filters.h>
#include <quire/sql/table_select.h>

#include <map>
#include <variant>

namespace quire::preview {
namespace {


std::optional<BoundValue> fromJson(const Json& v) {
    if (v.is_boolean()) return BoundValue{BoundValue::Type::Boolean, v};
    if (v.is_number()) return BoundValue{BoundValue::Type::Number, v};
    if (v.is_string()) return BoundValue{BoundValue::Type::Text, v};
    return std::nullopt;
}

} // namespace

// Custom SQL: every {{controlId}} becomes `?` (a list control: `?, ?, ...`; no value: NULL) bound to the
// control's current value. The statement text itself is the author's SQL, used as a subquery.
Expected<BoundStatement> bindStatement(const PreviewSession& session, const std::string& statement,
                                       const std::string& pointer) {
    auto failure = [&](std::string message) { return planDiagnostic("preview/custom-sql", std::move(message), pointer); };
    BoundStatement bound;
    std::string& out = bound.sql;
    std::size_t pos = 0;
    for (;;) {
        const auto open = statement.find("{{", pos);
        if (open == std::string::npos) {
            out += statement.substr(pos);
            return bound;
        }
        const auto close = statement.find("}}", open + 2);
        if (close == std::string::npos) {
            return failure("unterminated {{ in custom SQL");
        }
        out += statement.substr(pos, open - pos);
        std::string name = statement.substr(open + 2, close - open - 2);
        name.erase(0, name.find_first_not_of(' '));
        name.erase(name.find_last_not_of(' ') + 1);
        if (name.size() > 2 && name.front() == '[' && name.back() == ']') name = name.substr(1, name.size() - 2);
        const ControlState* control = session.control(name);
        if (!control) {
            return failure("custom SQL references unknown control '" + name + "'");
        }
        const Json value = control->formulaValue();
        std::vector<Json> items = value.is_array() ? std::vector<Json>(value.begin(), value.end()) : std::vector<Json>{value};
        std::string marks;
        for (const auto& item : items) {
            if (item.is_null()) continue;
            auto b = fromJson(item);
            if (!b) {
                return failure("control '" + name + "' has a value custom SQL cannot bind");
            }
            bound.params.push_back(std::move(*b));
            marks += std::string(marks.empty() ? "" : ", ") + "?";
        }
        out += marks.empty() ? "NULL" : marks;
        pos = close + 2;
    }
}

std::optional<BoundValue> boundFromSqlValue(const sql::Value& v) {
    if (std::holds_alternative<bool>(v)) return BoundValue{BoundValue::Type::Boolean, std::get<bool>(v)};
    if (std::holds_alternative<std::int64_t>(v)) return BoundValue{BoundValue::Type::Number, std::get<std::int64_t>(v)};
    if (std::holds_alternative<double>(v)) return BoundValue{BoundValue::Type::Number, std::get<double>(v)};
    if (std::holds_alternative<std::string>(v)) return BoundValue{BoundValue::Type::Text, std::get<std::string>(v)};
    if (std::holds_alternative<sql::DateValue>(v)) {
        const auto& d = std::get<sql::DateValue>(v);
        char buf[32];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
        return BoundValue{BoundValue::Type::Date, std::string(buf)};
    }
    return std::nullopt; // NULL parameters are not produced by the compiler for columns
}

Json PlannedQuery::parametersJson() const {
    Json out = Json::array();
    for (const auto& p : parameters) out.push_back(Json{{"t", static_cast<int>(p.type)}, {"v", p.value}});
    return out;
}

// Wraps `inner` (a SELECT whose output columns are `columns`) with the element's effective filters (its own
// and those of the controls targeting it; top-n as window layers), its sort, and the page window.
void finishPlan(const PreviewSession& session, const std::string& elementId, const Json& element, const sql::Dialect& dialect,
                const PlanOptions& options, const std::map<std::string, std::string>& nameOfId, const std::string& inner,
                PlannedQuery& plan) {
    std::string sql = "SELECT * FROM (" + inner + ") q";
    std::vector<std::string> where;
    std::vector<BoundValue> whereParams;
    std::vector<std::pair<LoweredPredicate, std::string>> ranked;
    for (const auto& filter : effectiveFilters(session, elementId, options.today)) {
        const auto name = nameOfId.find(filter.columnId);
        if (name == nameOfId.end()) {
            plan.diagnostics.push_back(planDiagnostic("preview/unknown-column",
                filter.origin + " filters column '" + filter.columnId + "', which element '" + elementId + "' lacks"));
            continue;
        }
        auto lowered = lowerFilter(filter, "q." + dialect.quoteIdentifier(name->second));
        if (!lowered.ok()) {
            plan.diagnostics.push_back(planDiagnostic("preview/filter", filter.origin + ": " + lowered.error));
            continue;
        }
        if (!lowered.windowSql.empty()) {
            ranked.emplace_back(std::move(lowered), name->second);
            continue;
        }
        where.push_back(lowered.sql);
        whereParams.insert(whereParams.end(), lowered.params.begin(), lowered.params.end());
    }
    if (hasErrors(plan.diagnostics)) return;
    if (!where.empty()) {
        sql += " WHERE ";
        for (std::size_t i = 0; i < where.size(); ++i) sql += (i ? " AND " : "") + where[i];
        plan.parameters.insert(plan.parameters.end(), whereParams.begin(), whereParams.end());
    }
    // Top-n ranks the rows that pass the other filters (one window layer per top-n filter).
    int layer = 0;
    for (auto& [lowered, name] : ranked) {
        const std::string alias = dialect.quoteIdentifier("__rank" + std::to_string(layer));
        std::string outer;
        for (std::size_t i = 0; i < plan.columns.size(); ++i)
            outer += (i ? ", " : "") + std::string("r.") + dialect.quoteIdentifier(plan.columns[i]);
        std::string pred = lowered.sql;
        pred.replace(pred.find("{rank}"), 6, "r." + alias);
        std::string window = lowered.windowSql;
        const std::string qcol = "q." + dialect.quoteIdentifier(name);
        window.replace(window.find(qcol), qcol.size(), "w." + dialect.quoteIdentifier(name));
        sql = "SELECT " + outer + " FROM (SELECT w.*, " + window + " AS " + alias + " FROM (" + sql + ") w) r WHERE " + pred;
        plan.parameters.insert(plan.parameters.end(), lowered.params.begin(), lowered.params.end());
        sql = "SELECT * FROM (" + sql + ") q";
        ++layer;
    }
    std::string order;
    auto addOrder = [&](const std::string& columnId, const std::string& direction) {
        const auto name = nameOfId.find(columnId);
        if (name == nameOfId.end()) return;
        order += std::string(order.empty() ? "" : ", ") + "q." + dialect.quoteIdentifier(name->second) +
                 (direction.rfind("desc", 0) == 0 ? " DESC" : " ASC");
    };
    for (const auto& s : element.value("sort", Json::array()))
        if (s.is_object()) addOrder(s.value("columnId", ""), s.value("direction", "ascending"));
    // Trellised charts: panel by panel first (chart_trellis.h).
    const std::string explicitOrder = order;
    if (explicitOrder.empty())
        for (const std::string& id : trellisColumnIds(element)) addOrder(id, "ascending");
    const std::string panelOrder = order;
    // Charts: the x axis (or colour) sort, else the axis itself, so lines run in order.
    for (const char* channel : {"xAxis", "color"}) {
        if (!explicitOrder.empty() || order != panelOrder || !element.contains(channel) || !element[channel].is_object()) continue;
        const Json& axis = element[channel];
        if (axis.contains("sort") && axis["sort"].is_object())
            addOrder(axis["sort"].value("by", axis.value("columnId", "")), axis["sort"].value("direction", "ascending"));
        else if (std::string(channel) == "xAxis")
            addOrder(axis.value("columnId", ""), "ascending");
    }
    sql += orderAndPage(order, dialect, options);
    plan.sql = sql;
}

namespace {
PlannedQuery planAnyElement(const PreviewSession& session, const std::string& elementId, const sql::Dialect& dialect,
                            const PlanOptions& options) {
    PlannedQuery plan;
    const Json* element = elementToPlan(session, elementId, plan);
    if (!element) return plan;
    const std::string kind = element->value("kind", "");
    const Json source = element->value("source", Json::object());
    const std::string sourceKind = source.value("kind", "");
    if (kind == "pivot-table") return planPivotTable(session, elementId, dialect, options);
    if (kind == "table" && needsGroupedPlanner(*element)) return planGroupedTable(session, elementId, dialect, options);
    if (sourceKind == "table" && kind != "control") return planSourcedElement(session, elementId, dialect, options);
    if (kind != "control" && (sourceKind == "join" || sourceKind == "union" || sourceKind == "transpose" ||
                              (kind != "table" && (sourceKind == "warehouse-table" || sourceKind == "sql"))))
        return planCombinedElement(session, elementId, dialect, options);
    if (kind != "table" || (sourceKind != "warehouse-table" && sourceKind != "sql")) {
        const std::string why = kind == "control" ? "a control has no query of its own"
                                : sourceKind.empty() ? "it has no data source"
                                                     : "a '" + sourceKind + "' source is not previewed";
        plan.diagnostics.push_back(planDiagnostic("preview/not-planned", "element '" + elementId + "' (" + kind + "): " + why));
        return plan;
    }
    plan.connectionId = source.value("connectionId", "");
    std::vector<std::string> path;
    for (const auto& part : source.value("path", Json::array()))
        if (part.is_string()) path.push_back(part.get<std::string>());
    if (path.empty() && sourceKind == "warehouse-table") {
        plan.diagnostics.push_back(planDiagnostic("preview/bad-source", "warehouse-table source without a path"));
        return plan;
    }
    std::vector<sql::TableColumn> columns;
    std::map<std::string, std::string> nameOfId;
    const Json cols = element->value("columns", Json::array());
    for (std::size_t i = 0; cols.is_array() && i < cols.size(); ++i) { // an object is no column list
        const Json& c = cols[i];
        if (!c.is_object() || !c.contains("formula") || !c["formula"].is_string()) continue;
        const std::string name = c.value("name", c.value("id", ""));
        columns.push_back({name, c["formula"].get<std::string>(), "/columns/" + std::to_string(i) + "/formula"});
        nameOfId[c.value("id", "")] = name;
        plan.columns.push_back(name);
    }
    sql::TableSelect select;
    std::vector<BoundValue> statementParams;
    if (sourceKind == "sql") {
        auto bound = bindStatement(session, source.value("statement", ""), "/source/statement");
        if (!bound) {
            plan.diagnostics.push_back(bound.error());
            return plan;
        }
        statementParams = std::move(bound->params);
        // Columns read the subquery's output aliases: [Custom SQL/alias], bare [alias] too; a bare name of a
        // sibling column inlines that column, as over a warehouse table.
        select = sql::buildSelectFrom(sql::SelectSource{"(" + bound->sql + ") s", "Custom SQL", "s"}, columns, dialect,
                                      [&](const sql::Reference& r) { return resolveControlReference(session, r); },
                                      session.compileOptions());
    } else {
        select = sql::buildTableSelect(session.tablePath(plan.connectionId, path), columns, dialect, [&](const sql::Reference& r) { return resolveControlReference(session, r); }, session.compileOptions());
    }
    for (const auto& d : select.diagnostics) plan.diagnostics.push_back(d);
    if (!select.ok() || select.sql.empty()) {
        if (!hasErrors(plan.diagnostics)) plan.diagnostics.push_back(planDiagnostic("preview/no-columns", "element has no columns"));
        return plan;
    }
    // Placeholders of the custom SQL come after those of the column list in the text.
    for (const auto& v : select.parameters) {
        auto b = boundFromSqlValue(v);
        if (!b) {
            plan.diagnostics.push_back(planDiagnostic("preview/bad-parameter", "a column formula bound a null parameter"));
            return plan;
        }
        plan.parameters.push_back(std::move(*b));
    }
    plan.parameters.insert(plan.parameters.end(), statementParams.begin(), statementParams.end());

    finishPlan(session, elementId, *element, dialect, options, nameOfId, select.sql, plan);
    return plan;
}

} // namespace

PlannedQuery planElement(const PreviewSession& session, const std::string& elementId, const sql::Dialect& dialect,
                         const PlanOptions& options) {
    PlannedQuery plan = planAnyElement(session, elementId, dialect, options);
    for (auto& d : session.drillDiagnostics(elementId)) plan.diagnostics.push_back(std::move(d));
    plan.session = sessionSettingsFor(dialect, session.currentUser(), plan.connectionId);
    if (const auto* user = session.currentUser()) plan.persona = user->email;
    return plan;
}

SessionSettings sessionSettingsFor(const sql::Dialect& dialect, const sql::CurrentUser* user, const std::string& connectionId) {
    SessionSettings out;
    if (dialect.id() != sql::DialectId::PostgreSQL) return out;
    static const char* kSettings[] = {"quire.user_email", "quire.user_full_name", "quire.user_teams", "quire.user_attributes"};
    std::string clear = "SELECT ";
    for (std::size_t i = 0; i < std::size(kSettings); ++i)
        clear += std::string(i ? ", " : "") + "set_config('" + kSettings[i] + "', '', false)";
    out.reset = {SessionStatement{"RESET ROLE", {}}, SessionStatement{clear, {}}};
    if (!user) return out;
    const auto role = user->warehouseRoles.find(connectionId);
    Json teams = Json::array();
    for (const auto& t : user->teams) teams.push_back(t);
    Json attributes = Json::object();
    // (clang 14 cannot capture a structured binding in a lambda)
    for (const auto& attribute : user->attributes)
        std::visit([&](const auto& v) { attributes[attribute.first] = v; }, attribute.second);
    const std::vector<std::string> values{user->email, user->fullName, teams.dump(), attributes.dump()};
    SessionStatement set{"SELECT ", {}};
    for (std::size_t i = 0; i < std::size(kSettings); ++i) {
        set.sql += std::string(i ? ", " : "") + "set_config('" + kSettings[i] + "', ?, false)";
        set.parameters.push_back(BoundValue{BoundValue::Type::Text, values[i]});
    }
    if (role != user->warehouseRoles.end() && !role->second.empty())
        out.apply.push_back(SessionStatement{"SET ROLE " + dialect.quoteIdentifier(role->second), {}});
    else
        out.apply.push_back(SessionStatement{"RESET ROLE", {}});
    out.apply.push_back(std::move(set));
    out.key = "persona\x1f" + user->email + "\x1f" + (role != user->warehouseRoles.end() ? role->second : std::string()) + "\x1f" +
              teams.dump() + attributes.dump();
    return out;
}

} // namespace quire::preview
