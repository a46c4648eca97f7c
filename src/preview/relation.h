#pragma once
// What the combining planners (joins, unions, direct warehouse charts) share: a source read as one FROM item
// (a Leg), the relation an element's columns read (FROM text + how [Source/Column] resolves), and the step
// that compiles an element's columns over a relation (relation_planner.cpp).
#include <quire/core/diagnostic.h>
#include <quire/preview/planner.h>
#include <quire/sql/compiler.h>

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace quire::preview {

// One source as a FROM item with an alias.
struct Leg {
    std::string from;                 // `"s"."t" j1` or `(SELECT ...) j1`
    std::vector<BoundValue> params;   // placeholders in `from`, in order
    std::string alias;
    std::string name;                 // the prefix formulas use by default (element name, table, Custom SQL)
    std::string connectionId;
    // Output columns when known (elements, unions), in order; nullopt for warehouse tables and custom SQL.
    std::optional<std::vector<std::string>> columns;
    bool hasColumn(const std::string& c) const;
};

// `source` (a warehouse-table, sql, table, union or transpose source object at JSON pointer `pointer`) as a Leg.
std::optional<Leg> planLeg(const PreviewSession& session, const Json& source, const std::string& alias,
                           const sql::Dialect& dialect, const PlanOptions& options, const std::string& pointer,
                           std::vector<Diagnostic>& diagnostics);

// What an element's columns read.
struct Relation {
    std::string from;
    std::vector<BoundValue> params;
    std::string connectionId;
    // Resolves a source column reference ([Prefix/Col], or a bare [Col] that is no sibling or control).
    std::function<sql::Resolution(const sql::Reference&)> resolve;
};

// The relation of a join source object (at /source); unions and transposes are Legs (read like one table).
std::optional<Relation> joinRelation(const PreviewSession& session, const Json& source, const sql::Dialect& dialect,
                                     const PlanOptions& options, std::vector<Diagnostic>& diagnostics);
std::optional<Leg> transposeLeg(const PreviewSession& session, const Json& source, const std::string& alias,
                                const sql::Dialect& dialect, const PlanOptions& options, const std::string& pointer,
                                std::vector<Diagnostic>& diagnostics);
std::optional<Leg> unionLeg(const PreviewSession& session, const Json& source, const std::string& alias,
                            const sql::Dialect& dialect, const PlanOptions& options, const std::string& pointer,
                            std::vector<Diagnostic>& diagnostics);

// The connection of a source object: its own connectionId, else that of its first nested source (join legs,
// union sources, transposed source) or source element that has one. "" when none does.
std::string sourceConnectionId(const PreviewSession& session, const Json& source, int depth = 0);
// The name a source's columns are prefixed with when nothing else names it.
std::string defaultSourceName(const PreviewSession& session, const Json& source);
// Depth guard for planners that plan other elements (cycles through joins and unions).
struct PlanDepthGuard {
    PlanDepthGuard();
    ~PlanDepthGuard();
    PlanDepthGuard(const PlanDepthGuard&) = delete;
    PlanDepthGuard& operator=(const PlanDepthGuard&) = delete;
    bool tooDeep() const;
};

} // namespace quire::preview

namespace quire::preview {
} // namespace quire::preview
