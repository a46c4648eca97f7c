#include <quire/preview/session.h>
#include <quire/core/rules.h>

#include <quire/doc/layout.h>

namespace quire::preview {

PreviewSession::PreviewSession(Json contents) : contents_(std::move(contents)), graph_(contents_) {
    if (!contents_.is_object()) contents_ = Json::object();
    if (contents_.contains("pages") && contents_["pages"].is_array() && !contents_["pages"].empty() &&
        contents_["pages"][0].is_object())
        currentPage = contents_["pages"][0].value("id", "");
    const Json empty = Json::array();
    const Json& elements = contents_.contains("elements") && contents_["elements"].is_array() ? contents_["elements"] : empty;
    // Primaries first, then synced controls (which only point at a primary's controlId).
    for (std::size_t i = 0; i < elements.size(); ++i) {
        const Json& el = elements[i];
        if (!el.is_object() || el.value("kind", "") != "control") continue;
        const std::string pointer = "/elements/" + std::to_string(i);
        const std::string id = el.value("id", "");
        const std::string controlId = el.contains("controlId") && el["controlId"].is_string() ? el["controlId"].get<std::string>() : "";
        const ControlKind kind = controlKindFromType(el.value("controlType", ""));
        if (controlId.empty()) {
            diagnostics_.push_back({Severity::Error, RuleCode("preview/control-without-id"), "control " + id + " has no controlId", pointer, {}, {}});
            continue;
        }
        if (kind == ControlKind::Synced) {
            synced_[id] = controlId;
            controlOfElement_[id] = controlId;
            continue;
        }
        if (kind == ControlKind::Unknown)
            diagnostics_.push_back({Severity::Warning, RuleCode("preview/unknown-control-type"),
                                    "control " + id + " has an unknown controlType", pointer, {}, {}});
        ControlState state;
        state.controlId = controlId;
        state.elementId = id;
        state.kind = kind;
        for (const auto& field : valueFieldNames(kind))
            if (el.contains(field)) state.fields[field] = el[field];
        state.published = state.fields;
        if (!controls_.emplace(controlId, std::move(state)).second)
            diagnostics_.push_back({Severity::Error, RuleCode("preview/duplicate-control-id"),
                                    "controlId " + controlId + " is used by more than one control", pointer, {}, {}});
        controlOfElement_[id] = controlId;
        if (auto drill = readDrill(el)) drills_.push_back(std::move(*drill));
    }
    for (const auto& [elementId, primary] : synced_)
        if (!controls_.count(primary))
            diagnostics_.push_back({Severity::Error, RuleCode("preview/synced-without-primary"),
                                    "synced control " + elementId + " names unknown controlId " + primary, "", {}, {}});
    indexLayout();
    applyDrills();
}

void PreviewSession::applyDrills() {
    drilled_.clear();
    drillNotes_.clear();
    for (const auto& spec : drills_) {
        const ControlState* state = control(spec.controlId);
        if (!state) continue;
        const DrillPosition position = drillPosition(spec, state->fields);
        for (const auto& target : spec.targets) {
            const Json* current = element(target.elementId); // already drilled by an earlier control, or as authored
            if (!current) continue;
            if (!position.known)
                drillNotes_[target.elementId].push_back(makeDiagnostic(
                    "preview/drill-level", "drill control '" + spec.controlId + "' is set to " + state->fields.value("value", Json()).dump() +
                                               ", which is not one of its categories; '" + target.elementId + "' shows the outermost level"));
            Json drilled = drilledElement(*current, target, position, spec.controlId);
            drilled_[target.elementId] = std::move(drilled);
        }
    }
}

std::vector<Diagnostic> PreviewSession::drillDiagnostics(std::string_view elementId) const {
    const auto it = drillNotes_.find(elementId);
    return it == drillNotes_.end() ? std::vector<Diagnostic>() : it->second;
}

namespace {
void walk(const doc::LayoutNode& node, const std::string& region, const std::string& container,
          std::map<std::string, std::string, std::less<>>& regionOf,
          std::map<std::string, std::string, std::less<>>& parentOf) {
    for (const auto& child : node.children) {
        std::string nextContainer = container;
        const std::string handle = child.kind == doc::LayoutNode::Kind::Tab ? "" : child.handle();
        if (!handle.empty()) {
            regionOf[handle] = region;
            if (!container.empty()) parentOf[handle] = container;
            if (child.kind == doc::LayoutNode::Kind::Container || child.kind == doc::LayoutNode::Kind::TabbedContainer)
                nextContainer = handle;
        }
        walk(child, region, nextContainer, regionOf, parentOf);
    }
}
} // namespace

void PreviewSession::indexLayout() {
    if (!contents_.contains("layout") || !contents_["layout"].is_string()) return;
    const auto parsed = doc::parseLayout(contents_["layout"].get<std::string>());
    for (const auto& d : parsed.diagnostics) diagnostics_.push_back(d);
    for (const auto& region : parsed.tree.regions) walk(region, region.handle(), "", regionOf_, parentOf_);
}

const Json* PreviewSession::element(std::string_view elementId) const {
    if (const auto drilled = drilled_.find(elementId); drilled != drilled_.end()) return &drilled->second;
    if (!contents_.contains("elements") || !contents_["elements"].is_array()) return nullptr;
    for (const auto& el : contents_["elements"])
        if (el.is_object() && el.contains("id") && el["id"].is_string() && el["id"].get_ref<const std::string&>() == elementId)
            return &el;
    return nullptr;
}

std::optional<std::string> PreviewSession::pageOf(std::string_view elementId) const {
    const auto it = regionOf_.find(elementId);
    if (it == regionOf_.end()) return std::nullopt;
    return it->second;
}

std::vector<std::string> PreviewSession::elementsInside(std::string_view containerOrPageId) const {
    std::vector<std::string> out;
    for (const auto& id : graph_.elements()) {
        bool inside = false;
        if (hasPage(containerOrPageId) || hasOverlay(containerOrPageId)) {
            const auto region = regionOf_.find(id);
            inside = region != regionOf_.end() && region->second == containerOrPageId;
        } else {
            std::string cursor = id;
            for (int guard = 0; guard < 256 && !inside; ++guard) {
                const auto parent = parentOf_.find(cursor);
                if (parent == parentOf_.end()) break;
                inside = parent->second == containerOrPageId;
                cursor = parent->second;
            }
        }
        if (inside) out.push_back(id);
    }
    return out;
}

namespace {
bool hasIdIn(const Json& contents, const char* key, std::string_view id) {
    if (!contents.contains(key) || !contents[key].is_array()) return false;
    for (const auto& item : contents[key])
        if (item.is_object() && item.value("id", "") == id) return true;
    return false;
}
} // namespace

bool PreviewSession::hasPage(std::string_view pageId) const { return hasIdIn(contents_, "pages", pageId); }
bool PreviewSession::hasOverlay(std::string_view overlayId) const { return hasIdIn(contents_, "overlays", overlayId); }

std::vector<std::string> PreviewSession::controlIds() const {
    std::vector<std::string> out;
    for (const auto& [id, state] : controls_) out.push_back(id);
    return out;
}

const ControlState* PreviewSession::control(std::string_view controlId) const {
    const auto it = controls_.find(controlId);
    return it == controls_.end() ? nullptr : &it->second;
}

ControlState* PreviewSession::control(std::string_view controlId) {
    const auto it = controls_.find(controlId);
    return it == controls_.end() ? nullptr : &it->second;
}

std::optional<std::string> PreviewSession::controlIdOfElement(std::string_view elementId) const {
    const auto it = controlOfElement_.find(elementId);
    if (it == controlOfElement_.end()) return std::nullopt;
    return it->second;
}

bool PreviewSession::setControlFields(std::string_view controlId, const Json& fields) {
    ControlState* state = control(controlId);
    if (!state || !fields.is_object()) return false;
    for (const auto& [key, value] : fields.items()) {
        if (value.is_null()) state->fields.erase(key);
        else state->fields[key] = value;
    }
    if (state->kind == ControlKind::Drill) applyDrills();
    return true;
}

bool PreviewSession::clearControl(std::string_view controlId, bool usePublishedValue) {
    ControlState* state = control(controlId);
    if (!state) return false;
    state->fields = usePublishedValue ? state->published : clearedFields(state->kind, state->fields);
    if (state->kind == ControlKind::Drill) applyDrills();
    return true;
}

int PreviewSession::selectedTab(std::string_view tabbedContainerId) const {
    const auto it = selectedTabs_.find(tabbedContainerId);
    return it == selectedTabs_.end() ? 0 : it->second;
}

void PreviewSession::setSelectedTab(std::string_view tabbedContainerId, int index) {
    selectedTabs_[std::string(tabbedContainerId)] = index;
}

int PreviewSession::tabCount(std::string_view tabbedContainerId) const {
    const Json* el = element(tabbedContainerId);
    if (!el || el->value("kind", "") != "tabbed-container" || !el->contains("tabs") || !(*el)["tabs"].is_array())
        return -1;
    return static_cast<int>((*el)["tabs"].size());
}

std::vector<ExternalEffect> PreviewSession::takeExternalEffects() {
    std::vector<ExternalEffect> out;
    out.swap(pendingExternal);
    return out;
}

std::vector<std::string> PreviewSession::tablePath(const std::string& connectionId, const std::vector<std::string>& path) const {
    if (!pathResolver_) return path;
    auto resolved = pathResolver_(connectionId, path);
    return resolved.empty() ? path : resolved;
}

} // namespace quire::preview
