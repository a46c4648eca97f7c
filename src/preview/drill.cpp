// Drill-down controls: which level a drill control is at and what each of its targets looks like there
// (docs/preview.md "Drill-down"). Pure JSON rewriting; the planners see the result through
// PreviewSession::element.
#include <quire/preview/drill.h>

#include <algorithm>
#include <set>

namespace quire::preview {
namespace {

constexpr int kMaxRewriteDepth = 64; // element JSON nests a few levels; deeper parts are left as authored

std::string elementIdOfSource(const Json& holder) {
    if (!holder.is_object() || !holder.contains("source") || !holder["source"].is_object()) return {};
    const Json& source = holder["source"];
    return source.contains("elementId") && source["elementId"].is_string() ? source["elementId"].get<std::string>() : std::string();
}

// A path entry that says "no value picked at this level" (a level set directly, not by clicking): clicked
// values are scalars, so an object cannot be one.
bool isPicked(const Json& entry) { return !entry.is_object(); }

void appendUnique(Json& array, const std::string& id) {
    for (const auto& v : array)
        if (v.is_string() && v.get_ref<const std::string&>() == id) return;
    array.push_back(id);
}

struct Rewrite {
    std::string active;                 // the target's column at the current level
    std::set<std::string> others;       // its other drill columns
    std::vector<std::string> keptOuter; // outer levels with a path value, outer -> inner

    // groupBy lists: the drill columns in it become the filtered outer columns then the active one, in place
    // of the first drill column, so a grouped table keeps one row per group of the current level.
    Json groupBy(const Json& list) const {
        Json out = Json::array();
        bool placed = false;
        for (const auto& v : list) {
            const bool drill = v.is_string() && (v.get_ref<const std::string&>() == active || others.count(v.get<std::string>()));
            if (!drill) {
                out.push_back(v);
                continue;
            }
            if (placed) continue;
            placed = true;
            for (const auto& id : keptOuter) appendUnique(out, id);
            appendUnique(out, active);
        }
        return out;
    }

    void apply(Json& node, int depth, bool inGroupBy = false) const {
        if (depth > kMaxRewriteDepth) return;
        if (node.is_string()) {
            if (others.count(node.get_ref<const std::string&>())) node = active;
            return;
        }
        if (node.is_array()) {
            if (inGroupBy) {
                node = groupBy(node);
                return;
            }
            for (auto& item : node) apply(item, depth + 1);
            // A list of ids that now names the active column twice names it once.
            Json deduped = Json::array();
            for (const auto& item : node)
                if (!item.is_string() || std::find(deduped.begin(), deduped.end(), item) == deduped.end()) deduped.push_back(item);
            node = std::move(deduped);
            return;
        }
        if (!node.is_object()) return;
        for (auto it = node.begin(); it != node.end(); ++it) apply(it.value(), depth + 1, it.key() == "groupBy");
    }
};

} // namespace

std::optional<std::size_t> DrillSpec::levelOf(const std::string& columnId) const {
    const auto it = std::find(categories.begin(), categories.end(), columnId);
    if (it == categories.end()) return std::nullopt;
    return std::size_t(it - categories.begin());
}

std::optional<DrillSpec> readDrill(const Json& control) {
    if (!control.is_object() || control.value("kind", "") != "control" || control.value("controlType", "") != "drill")
        return std::nullopt;
    DrillSpec spec;
    spec.controlId = control.contains("controlId") && control["controlId"].is_string() ? control["controlId"].get<std::string>() : "";
    if (control.contains("categories") && control["categories"].is_array())
        for (const auto& c : control["categories"])
            if (c.is_object() && c.contains("columnId") && c["columnId"].is_string()) spec.categories.push_back(c["columnId"].get<std::string>());
    if (control.contains("targets") && control["targets"].is_array())
        for (const auto& t : control["targets"]) {
            DrillTarget target;
            target.elementId = elementIdOfSource(t);
            if (target.elementId.empty() || !t.contains("columnIds") || !t["columnIds"].is_array()) continue;
            for (const auto& id : t["columnIds"])
                target.columnIds.push_back(id.is_string() ? std::optional<std::string>(id.get<std::string>()) : std::nullopt);
            spec.targets.push_back(std::move(target));
        }
    return spec;
}

DrillPosition drillPosition(const DrillSpec& spec, const Json& fields) {
    DrillPosition position;
    const Json value = fields.is_object() && fields.contains("value") ? fields["value"] : Json();
    if (value.is_string()) {
        if (const auto level = spec.levelOf(value.get<std::string>())) position.level = *level;
        else position.known = false;
    } else if (!value.is_null()) {
        position.known = false;
    }
    if (fields.is_object() && fields.contains("drillPath") && fields["drillPath"].is_array())
        for (const auto& v : fields["drillPath"]) {
            if (position.path.size() >= position.level) break;
            position.path.push_back(v);
        }
    return position;
}

Json drilledElement(const Json& element, const DrillTarget& target, const DrillPosition& position, const std::string& controlId) {
    // A target without a column at this level keeps showing the nearest level above that it has.
    std::size_t shownLevel = std::min(position.level, target.columnIds.empty() ? 0 : target.columnIds.size() - 1);
    while (shownLevel > 0 && !target.columnIds[shownLevel]) --shownLevel;
    if (shownLevel >= target.columnIds.size() || !target.columnIds[shownLevel]) return element;
    Rewrite rewrite;
    rewrite.active = *target.columnIds[shownLevel];
    std::set<std::string> removed;
    std::vector<std::pair<std::string, Json>> filters; // outer column -> its picked value
    for (std::size_t level = 0; level < target.columnIds.size(); ++level) {
        const auto& id = target.columnIds[level];
        if (!id || *id == rewrite.active) continue;
        rewrite.others.insert(*id);
        if (level < shownLevel && level < position.path.size() && isPicked(position.path[level])) {
            rewrite.keptOuter.push_back(*id);
            filters.emplace_back(*id, position.path[level]);
        } else {
            removed.insert(*id);
        }
    }
    for (const auto& id : rewrite.keptOuter) removed.erase(id); // a column on two levels stays when one is picked
    Json out = element;
    if (!out.is_object()) return out;
    Json columns = out.contains("columns") ? out["columns"] : Json();
    Json filtersOut = out.contains("filters") && out["filters"].is_array() ? out["filters"] : Json::array();
    out.erase("columns");
    out.erase("filters");
    // Channels name columns by id: every other drill column there becomes the active one. Ids, names and
    // formulas are not channels.
    for (auto it = out.begin(); it != out.end(); ++it)
        if (it.key() != "id" && it.key() != "kind" && it.key() != "name" && it.key() != "source")
            rewrite.apply(it.value(), 1, it.key() == "groupBy");
    if (columns.is_array()) {
        Json kept = Json::array();
        for (const auto& c : columns)
            if (!(c.is_object() && c.contains("id") && c["id"].is_string() && removed.count(c["id"].get<std::string>()))) kept.push_back(c);
        out["columns"] = std::move(kept);
    } else if (!columns.is_null()) {
        out["columns"] = std::move(columns);
    }
    for (std::size_t i = 0; i < filters.size(); ++i) {
        const auto& [columnId, value] = filters[i];
        Json filter{{"id", "drill:" + controlId + ":" + std::to_string(i)}, {"kind", "list"}, {"columnId", columnId},
                    {"mode", "include"}, {"values", Json::array({value})}};
        if (value.is_null()) filter["includeNulls"] = true;
        filtersOut.push_back(std::move(filter));
    }
    if (!filtersOut.empty()) out["filters"] = std::move(filtersOut);
    return out;
}

std::optional<Json> drillDownFields(const DrillSpec& spec, const DrillPosition& position, const Json& clicked) {
    if (position.level + 1 >= spec.categories.size()) return std::nullopt;
    Json path = Json::array();
    for (std::size_t level = 0; level < position.level; ++level)
        path.push_back(level < position.path.size() ? position.path[level] : Json::object());
    path.push_back(clicked);
    return Json{{"value", spec.categories[position.level + 1]}, {"drillPath", std::move(path)}};
}

Json drillUpFields(const DrillSpec& spec, const DrillPosition& position, std::size_t level) {
    Json path = Json::array();
    for (std::size_t i = 0; i < level && i < position.path.size(); ++i) path.push_back(position.path[i]);
    const Json value = level == 0 || level >= spec.categories.size() ? Json() : Json(spec.categories[level]);
    return Json{{"value", value}, {"drillPath", std::move(path)}};
}

} // namespace quire::preview
