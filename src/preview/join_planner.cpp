// Join sources (spec §3.2: {name?, primarySource?, joins: [{name?, joinType?, left, right, columns: [{left,
// right, op?}]}]}). The primary leg is `primarySource` (else the first join's `left`) and its columns are
// [<join name>/Col] (default: the primary source's own name); each join adds its `right` leg, whose columns
// are [<join entry name>/Col] (default: the right source's name). A join's `left` is the primary source or
// an earlier right leg (the same source object). Keys are formulas (normally a bare [Col]) in each leg's
// column space, compared with the join's `op` (default `=`): like Sigma, `=` is not NULL-safe, NULL keys
// never match.
#include "plan_support.h"
#include "relation.h"

#include <map>

namespace quire::preview {
namespace {

struct NamedLeg {
    Leg leg;
    Json source;
};

std::string keyword(const std::string& joinType) {
    if (joinType.empty() || joinType == "inner") return "INNER JOIN";
    if (joinType == "left-outer") return "LEFT JOIN";
    if (joinType == "right-outer") return "RIGHT JOIN";
    if (joinType == "full-outer") return "FULL JOIN";
    return {};
}

// The SQL of a reference to leg `leg`'s column `name`, or an error.
sql::Resolution columnOf(const NamedLeg& l, const std::string& name, const sql::Dialect& dialect) {
    if (!l.leg.hasColumn(name)) return sql::ResolveError{"[" + l.leg.name + "/" + name + "] is not a column of '" + l.leg.name + "'"};
    return sql::ColumnSql{dialect.quoteIdentifier(l.leg.alias) + "." + dialect.quoteIdentifier(name)};
}

} // namespace

std::optional<Relation> joinRelation(const PreviewSession& session, const Json& source, const sql::Dialect& dialect,
                                     const PlanOptions& options, std::vector<Diagnostic>& diagnostics) {
    const Json joins = source.value("joins", Json::array());
    if (!joins.is_array() || joins.empty() || !joins[0].is_object()) {
        diagnostics.push_back(planDiagnostic("preview/bad-source", "a join needs at least one entry in `joins`", "/source/joins"));
        return std::nullopt;
    }
    const std::size_t before = diagnostics.size();
    auto legs = std::make_shared<std::vector<NamedLeg>>();
    const bool explicitPrimary = source.contains("primarySource");
    const Json primary = explicitPrimary ? source["primarySource"] : joins[0].value("left", Json());
    const std::string primaryPointer = explicitPrimary ? "/source/primarySource" : "/source/joins/0/left";
    auto first = planLeg(session, primary, "j0", dialect, options, primaryPointer, diagnostics);
    if (!first) return std::nullopt;
    if (source.contains("name") && source["name"].is_string()) first->name = source["name"].get<std::string>();
    legs->push_back({std::move(*first), primary});

    Relation relation;
    relation.connectionId = legs->front().leg.connectionId;
    relation.from = legs->front().leg.from;
    relation.params = legs->front().leg.params;
    for (std::size_t i = 0; i < joins.size(); ++i) {
        const std::string at = "/source/joins/" + std::to_string(i);
        const Json& join = joins[i];
        if (!join.is_object()) {
            diagnostics.push_back(planDiagnostic("preview/bad-source", "a join entry must be an object", at));
            return std::nullopt;
        }
        const std::string type = join.value("joinType", "");
        if (type == "lookup") {
            diagnostics.push_back(planDiagnostic("preview/not-planned", "lookup joins are not previewed (Sigma adds one matched value per row; "
                "the preview does not know which)", at + "/joinType"));
            return std::nullopt;
        }
        if (keyword(type).empty()) {
            diagnostics.push_back(planDiagnostic("preview/bad-source", "unknown joinType '" + type + "'", at + "/joinType"));
            return std::nullopt;
        }
        // The left leg: the primary source or an earlier right leg, written as the same source object.
        const NamedLeg* left = nullptr;
        const Json leftSource = join.value("left", primary);
        for (const auto& l : *legs)
            if (l.source == leftSource) { left = &l; break; }
        if (!left) {
            diagnostics.push_back(planDiagnostic("preview/bad-source", "the join's left source is neither the primary source nor an "
                "earlier join's right source", at + "/left"));
            return std::nullopt;
        }
        const std::size_t leftIndex = static_cast<std::size_t>(left - legs->data());
        auto right = planLeg(session, join.value("right", Json()), "j" + std::to_string(i + 1), dialect, options, at + "/right", diagnostics);
        if (!right) return std::nullopt;
        if (join.contains("name") && join["name"].is_string()) right->name = join["name"].get<std::string>();
        for (const auto& l : *legs)
            if (l.leg.name == right->name) {
                diagnostics.push_back(planDiagnostic("preview/ambiguous-leg", "two join legs are named '" + right->name +
                    "'; give the join entry a `name`", at + "/name"));
                return std::nullopt;
            }
        if (!right->connectionId.empty() && !relation.connectionId.empty() && right->connectionId != relation.connectionId) {
            diagnostics.push_back(planDiagnostic("preview/cross-connection", "the join's legs read different connections ('" +
                relation.connectionId + "', '" + right->connectionId + "'); one query cannot combine them", at + "/right"));
            return std::nullopt;
        }
        if (relation.connectionId.empty()) relation.connectionId = right->connectionId;
        legs->push_back({std::move(*right), join.value("right", Json())});
        const NamedLeg& leftLeg = (*legs)[leftIndex];
        const NamedLeg& rightLeg = legs->back();

        const Json keys = join.value("columns", Json::array());
        if (!keys.is_array() || keys.empty()) {
            diagnostics.push_back(planDiagnostic("preview/bad-source", "a join entry needs key `columns` ({left, right})", at + "/columns"));
            return std::nullopt;
        }
        std::string on;
        std::vector<BoundValue> onParams;
        for (std::size_t k = 0; k < keys.size(); ++k) {
            const std::string keyAt = at + "/columns/" + std::to_string(k);
            const Json& key = keys[k];
            static const std::map<std::string, std::string> ops = {{"=", "="}, {"!=", "<>"}, {"<", "<"}, {"<=", "<="}, {">", ">"}, {">=", ">="}};
            const std::string op = key.is_object() ? key.value("op", "=") : "=";
            if (!ops.count(op)) {
                diagnostics.push_back(planDiagnostic("preview/not-planned", "join operator '" + op + "' (geography) is not previewed", keyAt + "/op"));
                continue;
            }
            std::string sides[2];
            for (int s = 0; s < 2; ++s) {
                const NamedLeg& leg = s == 0 ? leftLeg : rightLeg;
                const char* field = s == 0 ? "left" : "right";
                const Json text = key.is_object() ? key.value(field, Json()) : Json();
                if (!text.is_string()) {
                    diagnostics.push_back(planDiagnostic("preview/bad-source", std::string("join key without `") + field + "`", keyAt));
                    continue;
                }
                auto compiled = sql::compileFormula(text.get<std::string>(), dialect, [&](const sql::Reference& r) -> sql::Resolution {
                    if (r.hasPrefix && r.prefix != leg.leg.name)
                        return sql::ResolveError{"a " + std::string(field) + " join key reads '" + leg.leg.name + "', not '" + r.prefix + "'"};
                    return columnOf(leg, r.name, dialect);
                }, session.compileOptions());
                for (auto d : compiled.diagnostics) {
                    d.pointer = keyAt + "/" + field;
                    diagnostics.push_back(std::move(d));
                }
                if (!compiled.ok()) continue;
                sides[s] = compiled.sql;
                for (const auto& v : compiled.parameters)
                    if (auto b = boundFromSqlValue(v)) onParams.push_back(std::move(*b));
            }
            if (sides[0].empty() || sides[1].empty()) continue;
            on += (on.empty() ? "" : " AND ") + sides[0] + " " + ops.at(op) + " " + sides[1];
        }
        if (diagnostics.size() != before) return std::nullopt;
        relation.from += " " + keyword(type) + " " + rightLeg.leg.from + " ON " + on;
        relation.params.insert(relation.params.end(), rightLeg.leg.params.begin(), rightLeg.leg.params.end());
        relation.params.insert(relation.params.end(), onParams.begin(), onParams.end());
    }
    relation.resolve = [legs, &dialect](const sql::Reference& r) -> sql::Resolution {
        if (r.hasPrefix) {
            for (const auto& l : *legs)
                if (l.leg.name == r.prefix) return columnOf(l, r.name, dialect);
            std::string names;
            for (const auto& l : *legs) names += (names.empty() ? "'" : ", '") + l.leg.name + "'";
            return sql::ResolveError{"no join leg is named '" + r.prefix + "' (legs: " + names + ")"};
        }
        return sql::ResolveError{"[" + r.name + "] is neither a column of this element nor a control; join columns name their leg: [Leg/" + r.name + "]"};
    };
    return relation;
}

} // namespace quire::preview
