// One source object as a FROM item (Leg): a warehouse table, custom SQL, another element's planned query or a
// union. Joins use these for their legs, unions for their sources.
#include "element_name.h"
#include "plan_support.h"
#include "relation.h"

#include <algorithm>

namespace quire::preview {
namespace {

thread_local int combineDepth = 0;

} // namespace

PlanDepthGuard::PlanDepthGuard() { ++combineDepth; }
PlanDepthGuard::~PlanDepthGuard() { --combineDepth; }
bool PlanDepthGuard::tooDeep() const { return combineDepth > 16; }

bool Leg::hasColumn(const std::string& c) const {
    return !columns || std::find(columns->begin(), columns->end(), c) != columns->end();
}

std::string sourceConnectionId(const PreviewSession& session, const Json& source, int depth) {
    if (depth > 32 || !source.is_object()) return {};
    if (source.contains("connectionId") && source["connectionId"].is_string()) return source["connectionId"].get<std::string>();
    if (source.contains("elementId") && source["elementId"].is_string()) {
        const Json* element = session.element(source["elementId"].get<std::string>());
        return element && element->contains("source") ? sourceConnectionId(session, (*element)["source"], depth + 1) : "";
    }
    std::vector<const Json*> nested;
    if (source.contains("primarySource")) nested.push_back(&source["primarySource"]);
    if (source.contains("joins") && source["joins"].is_array())
        for (const auto& join : source["joins"])
            for (const char* leg : {"left", "right"})
                if (join.is_object() && join.contains(leg)) nested.push_back(&join[leg]);
    if (source.contains("sources") && source["sources"].is_array())
        for (const auto& s : source["sources"]) nested.push_back(&s);
    if (source.contains("source")) nested.push_back(&source["source"]);
    for (const Json* s : nested) {
        std::string id = sourceConnectionId(session, *s, depth + 1);
        if (!id.empty()) return id;
    }
    return {};
}

std::string defaultSourceName(const PreviewSession& session, const Json& source) {
    const std::string kind = source.value("kind", "");
    if (kind == "warehouse-table") {
        const Json path = source.value("path", Json::array());
        return !path.empty() && path.back().is_string() ? path.back().get<std::string>() : "";
    }
    if (kind == "sql") return "Custom SQL";
    if (kind == "table") {
        const Json* element = session.element(source.value("elementId", ""));
        return element ? elementDisplayName(*element) : source.value("elementId", "");
    }
    if (kind == "union") {
        if (source.contains("name") && source["name"].is_string()) return source["name"].get<std::string>();
        return "Union of " + std::to_string(source.value("sources", Json::array()).size()) + " Sources";
    }
    if (kind == "transpose") return "Transpose of " + defaultSourceName(session, source.value("source", Json::object()));
    if (source.contains("name") && source["name"].is_string()) return source["name"].get<std::string>();
    return kind;
}

std::optional<Leg> planLeg(const PreviewSession& session, const Json& source, const std::string& alias,
                           const sql::Dialect& dialect, const PlanOptions& options, const std::string& pointer,
                           std::vector<Diagnostic>& diagnostics) {
    if (!source.is_object()) {
        diagnostics.push_back(planDiagnostic("preview/bad-source", "a source must be an object", pointer));
        return std::nullopt;
    }
    const std::string kind = source.value("kind", "");
    Leg leg;
    leg.alias = alias;
    leg.name = defaultSourceName(session, source);
    const std::string quotedAlias = dialect.quoteIdentifier(alias);
    if (kind == "warehouse-table") {
        std::vector<std::string> path;
        for (const auto& part : source.value("path", Json::array()))
            if (part.is_string()) path.push_back(part.get<std::string>());
        if (path.empty()) {
            diagnostics.push_back(planDiagnostic("preview/bad-source", "warehouse-table source without a path", pointer + "/path"));
            return std::nullopt;
        }
        leg.connectionId = source.value("connectionId", "");
        leg.from = dialect.quotePath(session.tablePath(leg.connectionId, path)) + " " + quotedAlias;
        return leg;
    }
    if (kind == "sql") {
        auto bound = bindStatement(session, source.value("statement", ""), pointer + "/statement");
        if (!bound) {
            diagnostics.push_back(bound.error());
            return std::nullopt;
        }
        leg.params = std::move(bound->params);
        leg.from = "(" + bound->sql + ") " + quotedAlias;
        leg.connectionId = source.value("connectionId", "");
        return leg;
    }
    if (kind == "table") {
        const std::string id = source.value("elementId", "");
        if (!session.element(id)) {
            diagnostics.push_back(planDiagnostic("preview/bad-source", "source element '" + id + "' does not exist", pointer + "/elementId"));
            return std::nullopt;
        }
        PlanDepthGuard guard;
        if (guard.tooDeep()) {
            diagnostics.push_back(planDiagnostic("preview/source-cycle", "elements are sourced from each other in a cycle", pointer));
            return std::nullopt;
        }
        PlanOptions upOptions;
        upOptions.today = options.today;
        const PlannedQuery up = planElement(session, id, dialect, upOptions);
        if (!up.ok()) {
            std::string why = "source element '" + id + "' cannot be previewed";
            for (const auto& d : up.diagnostics)
                if (d.severity == Severity::Error) { why += ": " + d.message; break; }
            diagnostics.push_back(planDiagnostic("preview/source", why, pointer));
            return std::nullopt;
        }
        leg.from = "(" + up.sql + ") " + quotedAlias;
        leg.params = up.parameters;
        leg.connectionId = up.connectionId;
        leg.columns = up.columns;
        return leg;
    }
    if (kind == "union") return unionLeg(session, source, alias, dialect, options, pointer, diagnostics);
    if (kind == "transpose") return transposeLeg(session, source, alias, dialect, options, pointer, diagnostics);
    diagnostics.push_back(planDiagnostic("preview/not-planned", "a '" + kind + "' source cannot be a join leg or union source in the preview", pointer));
    return std::nullopt;
}

} // namespace quire::preview
