#pragma once
// Internal to quire_preview: planning of tables with groupings, aggregate or window columns, and pivot tables
// (grouping_planner.cpp, window_planner.cpp, pivot_planner.cpp, row_source.cpp, column_model.cpp).
#include <quire/preview/planner.h>
#include <quire/sql/compiler.h>

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace quire::preview {

// A piece of SQL with its bound parameters in placeholder order; appending keeps the order right.
struct Fragment {
    std::string sql;
    std::vector<BoundValue> params;
    Fragment& operator+=(const Fragment& other) {
        sql += other.sql;
        params.insert(params.end(), other.params.begin(), other.params.end());
        return *this;
    }
    Fragment& operator+=(const std::string& text) {
        sql += text;
        return *this;
    }
};

// Where an element's rows come from: `<from> s`; raw references ([prefix/NAME], or bare names that are no
// sibling column) read s."NAME".
struct RowSource {
    std::string connectionId;
    Fragment from;                 // a quoted table path or a parenthesised subquery (no alias)
    std::string prefix;            // the formula prefix naming the source: table, "Custom SQL", parent name
    std::set<std::string> columns; // the parent element's output columns; empty = the warehouse decides
    std::vector<Diagnostic> diagnostics;
    bool ok() const { return !hasErrors(diagnostics) && !from.sql.empty(); }
};
RowSource rowSourceOf(const PreviewSession& session, const Json& element, const sql::Dialect& dialect,
                      const PlanOptions& options);

// The planned rows of an element used as a source: planElement, or the rows of one grouping level when
// `groupingId` is set (source.groupingId). Guards against sourcing cycles.
PlannedQuery planSourceRows(const PreviewSession& session, const std::string& elementId, const std::string& groupingId,
                            const sql::Dialect& dialect, const PlanOptions& options);

// True for table elements planElement hands to planGroupedTable: groupings, window columns, or aggregate
// columns over a warehouse / custom SQL source.
bool needsGroupedPlanner(const Json& element);

// A table with groupings / aggregate / window columns (docs/preview.md, "Grouped tables"). With groupingId,
// the rows of that grouping level only.
PlannedQuery planGroupedTable(const PreviewSession& session, const std::string& elementId, const sql::Dialect& dialect,
                              const PlanOptions& options, const std::string& groupingId = {});
// The same for an element body other than the session's (charts rewritten as grouped tables); filters are
// still those of `elementId`.
PlannedQuery planGroupedElement(const PreviewSession& session, const std::string& elementId, const Json& element,
                                const sql::Dialect& dialect, const PlanOptions& options, const std::string& groupingId = {});

// True when a column formula calls a window function.
bool hasWindowColumns(const Json& element);
// Charts and KPIs sourced from a table with window columns (chart_windows.cpp): planned as a grouped table
// whose outer grouping is the series (colour, other dimensions) and inner grouping the x axis, so windows run
// along the axis within each series.
PlannedQuery planWindowedChart(const PreviewSession& session, const std::string& elementId, const sql::Dialect& dialect,
                               const PlanOptions& options);

// A pivot table in long form with totals rows (docs/preview.md, "Pivot tables").
PlannedQuery planPivotTable(const PreviewSession& session, const std::string& elementId, const sql::Dialect& dialect,
                            const PlanOptions& options);


// ---- column model (column_model.cpp) ----------------------------------------------------------------------

struct ModelColumn {
    std::string id, name, formula, pointer;
    std::string alias;                  // internal output alias, __c<i>
    formula::ExprLevel level = formula::ExprLevel::RowLevel; // including what its sibling references imply
    formula::Type type = formula::Type::Unknown;
    int keyOf = -1;                     // index of the level whose groupBy lists it
    int calcOf = -1;                    // index of the level whose calculations list it
    std::vector<std::size_t> refs;      // sibling columns it references (directly or through them)
    bool window() const { return level == formula::ExprLevel::Window; }
    bool rowLevel() const { return level == formula::ExprLevel::RowLevel || level == formula::ExprLevel::Constant; }
};

// One grouping level. Levels nest: keys are cumulative (every outer level's keys, then this one's own).
struct ModelLevel {
    std::string id;                     // grouping id; "" for the implicit whole-table level of loose aggregates
    std::string pointer;                // /groupings/<i>
    std::vector<std::size_t> ownKeys, keys, calcs;
    Json sort = Json::array();          // the grouping's own sort entries
};

struct ColumnModel {
    std::vector<ModelColumn> columns;   // the element's formula columns, in order
    std::vector<ModelLevel> levels;     // outermost first
    std::map<std::string, std::size_t> byId;
    std::map<std::string, std::vector<std::size_t>> byName; // column indexes with that name, in order
    std::vector<Diagnostic> diagnostics;
    const sql::CurrentUser* user = nullptr; // the session's persona, for CurrentUser*() in every column
    bool ok() const { return !hasErrors(diagnostics); }
    std::optional<std::size_t> find(const std::string& id) const {
        auto it = byId.find(id);
        return it == byId.end() ? std::nullopt : std::optional<std::size_t>(it->second);
    }
};

// How sibling references resolve while compiling one column in one query layer: `available` returns the SQL
// of a sibling computed in an inner layer (then read as a column), nullopt to inline its formula.
struct Layer {
    std::string raw; // alias raw source columns are read through ("s", "d", "f")
    std::function<std::optional<std::string>(std::size_t)> available;
};

// Classifies the element's columns and reads `groupings` (keys, calculations, levels).
ColumnModel buildColumnModel(const Json& element, const RowSource& source, const sql::Dialect& dialect);

// What grouped tables and pivots start from: the element's source rows and its classified columns. On failure
// nullopt, with the diagnostics in `plan`; on success `plan` also gets the connection and the model's warnings.
struct GroupedInputs {
    RowSource source;
    ColumnModel model;
};
std::optional<GroupedInputs> readGroupedInputs(const PreviewSession& session, const Json& element, const sql::Dialect& dialect,
                                               const PlanOptions& options, PlannedQuery& plan);
// The sibling column whose values column `index` returns unchanged (Lag, Lead, First, Nth... of a bare sibling
// reference: functions whose result type is their first argument's), or none.
std::optional<std::size_t> valueColumnOf(const ColumnModel& model, std::size_t index);
// Compiles column `index` for a layer; diagnostics carry the column's pointer.
sql::CompiledExpression compileColumn(const ColumnModel& model, std::size_t index, const Layer& layer,
                                      const RowSource& source, const sql::Dialect& dialect,
                                      const sql::CompileOptions& options = {});
// Fragment of a compiled expression; false (and a diagnostic) when a parameter cannot be bound.
bool toFragment(const sql::CompiledExpression& compiled, Fragment& out, std::vector<Diagnostic>& diagnostics);

// ---- ordering and windows (window_planner.cpp) ------------------------------------------------------------

// ORDER BY items for sort entries ({columnId, direction, nulls?}) whose columns `sqlOf` can express; NULL
// placement is explicit (portable across dialects): nulls last ascending and first descending unless `nulls`.
std::vector<std::string> orderItems(const Json& sortEntries, const std::function<std::optional<std::string>(std::size_t)>& sqlOf,
                                    const ColumnModel& model);
std::string joinList(const std::vector<std::string>& items);

// Adds detail-level window columns over the filtered detail rows `f` (partitioned by every grouping key,
// ordered by the element sort, else by the detail columns): SELECT f.*, <window> AS __cN FROM (<detail>) f.
bool addDetailWindows(const ColumnModel& model, const Json& element, const RowSource& source, const sql::Dialect& dialect,
                      Fragment& detail, std::vector<Diagnostic>& diagnostics);

// ---- filters and the detail layer (grouping_planner.cpp) -------------------------------------------------

// Wraps `query` with `filters` on its columns: SELECT * FROM (query) q WHERE ..., and one window layer per top-n
// (whose rank column stays in the output as __rank_<tag><n>). `aliasOf` maps a filter's column id to the
// column's alias in the query's output.
void applyFilters(Fragment& query, const std::vector<FilterSpec>& filters, const ColumnModel& model,
                  const std::string& tag, const sql::Dialect& dialect, std::vector<Diagnostic>& diagnostics);

// The filtered detail rows: SELECT s.*, <row-level columns AS __cN> FROM <source> s, then the filters on
// row-level columns (before any aggregation).
bool buildDetail(const ColumnModel& model, const RowSource& source, const std::vector<FilterSpec>& rowFilters,
                 const sql::Dialect& dialect, Fragment& detail, std::vector<Diagnostic>& diagnostics);

// Splits the effective filters of an element by where they apply; unknown columns are diagnostics.
struct SplitFilters {
    std::vector<FilterSpec> rows;                // on row-level columns: before aggregation
    std::map<int, std::vector<FilterSpec>> calcs; // on a level's calculations: groups of that level
    std::vector<FilterSpec> windows;              // on detail windows: after the windows are computed
};
SplitFilters splitFilters(const PreviewSession& session, const std::string& elementId, const ColumnModel& model,
                          const PlanOptions& options, std::vector<Diagnostic>& diagnostics);

} // namespace quire::preview
