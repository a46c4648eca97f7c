// Union sources (spec §3.2: {name?, sources, matches: [{outputColumnName, sourceColumns: ["[A]", null]}]}):
// one SELECT per source, UNION ALL (Sigma appends rows; duplicates stay). `sourceColumns` aligns with
// `sources` and names a column of that source by name; null (or a source without the column) reads NULL.
// Without `matches`, every source must have known columns (elements, unions) and columns match by name.
#include "plan_support.h"
#include "relation.h"
#include "element_name.h"

#include <algorithm>

namespace quire::preview {
namespace {

} // namespace

std::optional<Leg> unionLeg(const PreviewSession& session, const Json& source, const std::string& alias,
                            const sql::Dialect& dialect, const PlanOptions& options, const std::string& pointer,
                            std::vector<Diagnostic>& diagnostics) {
    const Json sources = source.value("sources", Json::array());
    if (!sources.is_array() || sources.empty()) {
        diagnostics.push_back(planDiagnostic("preview/bad-source", "a union needs at least one source", pointer + "/sources"));
        return std::nullopt;
    }
    const std::size_t before = diagnostics.size();
    std::vector<Leg> legs;
    for (std::size_t i = 0; i < sources.size(); ++i) {
        auto leg = planLeg(session, sources[i], alias + "_" + std::to_string(i), dialect, options,
                           pointer + "/sources/" + std::to_string(i), diagnostics);
        if (leg) legs.push_back(std::move(*leg));
    }
    if (diagnostics.size() != before) return std::nullopt;

    // Output column -> the column each source contributes (nullopt: NULL).
    std::vector<std::string> outputs;
    std::vector<std::vector<std::optional<std::string>>> picks; // [output][source]
    const Json matches = source.value("matches", Json());
    if (matches.is_array()) {
        for (std::size_t m = 0; m < matches.size(); ++m) {
            const Json& match = matches[m];
            const std::string at = pointer + "/matches/" + std::to_string(m);
            const Json columns = match.is_object() ? match.value("sourceColumns", Json()) : Json();
            if (!match.is_object() || !match.contains("outputColumnName") || !match["outputColumnName"].is_string() ||
                !columns.is_array()) {
                diagnostics.push_back(planDiagnostic("preview/bad-source", "a union match needs outputColumnName and sourceColumns", at));
                continue;
            }
            if (columns.size() != legs.size()) {
                diagnostics.push_back(planDiagnostic("preview/bad-source", "sourceColumns has " + std::to_string(columns.size()) +
                    " entries for " + std::to_string(legs.size()) + " sources", at + "/sourceColumns"));
                continue;
            }
            outputs.push_back(match["outputColumnName"].get<std::string>());
            picks.emplace_back();
            for (std::size_t i = 0; i < legs.size(); ++i) {
                if (columns[i].is_null()) {
                    picks.back().push_back(std::nullopt);
                    continue;
                }
                const std::string name = columns[i].is_string() ? bareName(columns[i].get<std::string>()) : "";
                if (name.empty() || !legs[i].hasColumn(name)) {
                    diagnostics.push_back(planDiagnostic("preview/unknown-column", "union source " + std::to_string(i) + " ('" +
                        legs[i].name + "') has no column '" + name + "'", at + "/sourceColumns/" + std::to_string(i)));
                    continue;
                }
                picks.back().push_back(name);
            }
        }
    } else {
        for (std::size_t i = 0; i < legs.size(); ++i)
            if (!legs[i].columns) {
                diagnostics.push_back(planDiagnostic("preview/not-planned", "union source " + std::to_string(i) + " ('" + legs[i].name +
                    "') has no known column list; give the union `matches`", pointer + "/sources/" + std::to_string(i)));
                return std::nullopt;
            }
        for (const auto& leg : legs)
            for (const auto& c : *leg.columns)
                if (std::find(outputs.begin(), outputs.end(), c) == outputs.end()) outputs.push_back(c);
        for (const auto& out : outputs) {
            picks.emplace_back();
            for (const auto& leg : legs)
                picks.back().push_back(leg.hasColumn(out) ? std::optional<std::string>(out) : std::nullopt);
        }
    }
    if (diagnostics.size() != before) return std::nullopt;
    if (outputs.empty()) {
        diagnostics.push_back(planDiagnostic("preview/bad-source", "the union has no output columns", pointer + "/matches"));
        return std::nullopt;
    }

    Leg out;
    out.alias = alias;
    out.name = defaultSourceName(session, source);
    out.columns = outputs;
    std::string body;
    for (std::size_t i = 0; i < legs.size(); ++i) {
        if (!legs[i].connectionId.empty() && !out.connectionId.empty() && legs[i].connectionId != out.connectionId) {
            diagnostics.push_back(planDiagnostic("preview/cross-connection", "union sources read different connections ('" +
                out.connectionId + "', '" + legs[i].connectionId + "'); one query cannot combine them", pointer + "/sources/" + std::to_string(i)));
            return std::nullopt;
        }
        if (out.connectionId.empty()) out.connectionId = legs[i].connectionId;
        std::string list;
        for (std::size_t o = 0; o < outputs.size(); ++o) {
            const auto& pick = picks[o][i];
            list += (o ? ", " : "") +
                    (pick ? dialect.quoteIdentifier(legs[i].alias) + "." + dialect.quoteIdentifier(*pick) : std::string("NULL")) +
                    " AS " + dialect.quoteIdentifier(outputs[o]);
        }
        body += (i ? " UNION ALL " : "") + std::string("SELECT ") + list + " FROM " + legs[i].from;
        out.params.insert(out.params.end(), legs[i].params.begin(), legs[i].params.end());
    }
    out.from = "(" + body + ") " + dialect.quoteIdentifier(alias);
    return out;
}

} // namespace quire::preview
