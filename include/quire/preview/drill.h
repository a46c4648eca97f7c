#pragma once
// Drill-down controls (spec §3.6 `drill`): the control picks a level of its `categories` (outer -> inner; its
// `value` is the chosen category's column id, null = the outermost); each target groups by the column its
// `columnIds` entry at that level names (null: the target does not drill to that level and keeps showing the
// nearest level above it that it has a column for).
// A drill path (the values clicked on the outer levels, view state the IDE keeps in the control's
// `drillPath` field) filters the target to those values. The session applies this to every target
// (`PreviewSession::element` returns the drilled element), so every planner, the IDE and `quire preview` see it.
#include <quire/core/json.h>

#include <optional>
#include <string>
#include <vector>

namespace quire::preview {

struct ControlState;

struct DrillTarget {
    std::string elementId;
    std::vector<std::optional<std::string>> columnIds; // aligned with the control's categories
};

struct DrillSpec {
    std::string controlId;
    std::vector<std::string> categories; // category column ids, outer -> inner
    std::vector<DrillTarget> targets;
    // The index of a category column id (the control's `value`); nullopt when it is not one.
    std::optional<std::size_t> levelOf(const std::string& columnId) const;
};

// The drill spec of a drill control element (nullopt for anything else). Malformed entries are skipped
// (the validator reports them).
std::optional<DrillSpec> readDrill(const Json& control);

// Where a drill control is now: the level its `value` picks (0 when null or not a category: `known` false then)
// and the values clicked on the levels above it (`drillPath`, at most `level` entries).
struct DrillPosition {
    std::size_t level = 0;
    bool known = true;
    std::vector<Json> path;
};
DrillPosition drillPosition(const DrillSpec& spec, const Json& fields);

// `element` as `target` shows it at `position`: its drill column of that level replaces the other drill columns
// on every channel (axes, colour, groupBy, sort...); the columns of deeper levels and of outer levels without a
// path value are removed; outer levels with a path value stay, each filtered to that value (an element filter
// with id `drill:<controlId>:<n>`). A null entry at the level: the nearest outer level with a column is shown;
// unchanged when there is none (the outermost entry is null).
Json drilledElement(const Json& element, const DrillTarget& target, const DrillPosition& position, const std::string& controlId);

// The control fields that go one level down (filtering the current level to `clicked`) or back up to `level`
// (keeping the path above it); nullopt when there is no deeper level.
std::optional<Json> drillDownFields(const DrillSpec& spec, const DrillPosition& position, const Json& clicked);
Json drillUpFields(const DrillSpec& spec, const DrillPosition& position, std::size_t level);

} // namespace quire::preview
