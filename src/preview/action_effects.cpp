// One handler per effect kind (action_effects.h); each returns why it failed, or nullopt once applied.
#include "action_effects.h"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace quire::preview {
namespace {

EffectOutcome fail(RuleCode rule, std::string message) { return EffectFailure{rule, std::move(message)}; }

std::vector<Json> asList(const Json& value) {
    if (value.is_array()) return {value.begin(), value.end()};
    if (value.is_null()) return {};
    return {value};
}

// Maps a resolved value onto the value fields of a control kind. Throws std::invalid_argument on mismatch.
Json fieldsFor(const ControlState& state, const Json& value, bool add) {
    Json fields = Json::object();
    switch (state.kind) {
    case ControlKind::List: case ControlKind::Segmented: case ControlKind::Legend: case ControlKind::Hierarchy: {
        std::vector<Json> values = add ? state.selectedValues() : std::vector<Json>{};
        for (const auto& v : asList(value))
            if (std::find(values.begin(), values.end(), v) == values.end()) values.push_back(v);
        fields["values"] = Json(values);
        fields["value"] = nullptr; // erased: the list is the value
        return fields;
    }
    case ControlKind::NumberRange: case ControlKind::RangeSlider: case ControlKind::DateRange: {
        Json low, high;
        if (value.is_object() && (value.contains("low") || value.contains("high"))) {
            low = value.value("low", Json(nullptr));
            high = value.value("high", Json(nullptr));
        } else if (value.is_array() && value.size() == 2) {
            low = value[0];
            high = value[1];
        } else if (!value.is_array() && !value.is_object()) {
            low = value;
            high = value;
        } else {
            throw std::invalid_argument("a range control needs a {low, high} value");
        }
        if (state.kind == ControlKind::DateRange) {
            fields["mode"] = "between";
            fields["startDate"] = low;
            fields["endDate"] = high;
            for (const char* key : {"date", "value", "unit"}) fields[key] = nullptr;
        } else {
            const bool slider = state.kind == ControlKind::RangeSlider;
            fields[slider ? "min" : "low"] = low;
            fields[slider ? "max" : "high"] = high;
        }
        return fields;
    }
    case ControlKind::TopN:
        if (!value.is_number()) throw std::invalid_argument("a top-n control needs a number");
        fields["rowCount"] = value;
        return fields;
    case ControlKind::Synced: case ControlKind::Unknown:
        throw std::invalid_argument("control kind cannot hold a value");
    default: {
        Json scalar = value;
        if (scalar.is_array()) {
            if (scalar.size() > 1) throw std::invalid_argument("control takes one value, got a list");
            scalar = scalar.empty() ? Json(nullptr) : scalar[0];
        }
        if (scalar.is_object()) throw std::invalid_argument("control takes one value, got a range");
        if ((state.kind == ControlKind::Checkbox || state.kind == ControlKind::Switch) && !scalar.is_boolean() &&
            !scalar.is_null())
            throw std::invalid_argument("checkbox/switch controls take a boolean");
        if ((state.kind == ControlKind::Number || state.kind == ControlKind::Slider) && !scalar.is_number() &&
            !scalar.is_null())
            throw std::invalid_argument("number controls take a number");
        fields["value"] = scalar;
        return fields;
    }
    }
}

bool matches(const Json& cell, const std::string& condition, const Json& value, const Json& low, const Json& high) {
    auto cmp = [](const Json& a, const Json& b) -> std::optional<int> {
        if (a.is_number() && b.is_number()) {
            const double x = a.get<double>(), y = b.get<double>();
            return x < y ? -1 : (x > y ? 1 : 0);
        }
        if (a.is_string() && b.is_string()) {
            const int c = a.get_ref<const std::string&>().compare(b.get_ref<const std::string&>());
            return c < 0 ? -1 : (c > 0 ? 1 : 0);
        }
        if (a.is_boolean() && b.is_boolean()) return int(a.get<bool>()) - int(b.get<bool>());
        return std::nullopt;
    };
    static const std::vector<std::string> known{"IsNull", "IsNotNull", "=", "!=", ">", ">=", "<", "<=", "Contains",
                                                "NotContains", "StartsWith", "EndsWith", "Between", "NotBetween"};
    if (std::find(known.begin(), known.end(), condition) == known.end())
        throw std::invalid_argument("unknown column-match condition '" + condition + "'");
    if (condition == "IsNull") return cell.is_null();
    if (condition == "IsNotNull") return !cell.is_null();
    if (cell.is_null()) return false;
    if (condition == "Contains" || condition == "NotContains" || condition == "StartsWith" || condition == "EndsWith") {
        if (!cell.is_string() || !value.is_string()) return false;
        const auto& s = cell.get_ref<const std::string&>();
        const auto& v = value.get_ref<const std::string&>();
        if (condition == "Contains") return s.find(v) != std::string::npos;
        if (condition == "NotContains") return s.find(v) == std::string::npos;
        if (condition == "StartsWith") return s.rfind(v, 0) == 0;
        return s.size() >= v.size() && s.compare(s.size() - v.size(), v.size(), v) == 0;
    }
    if (condition == "Between" || condition == "NotBetween") {
        const auto a = cmp(cell, low), b = cmp(cell, high);
        if (!a || !b) return false;
        const bool in = *a >= 0 && *b <= 0;
        return condition == "Between" ? in : !in;
    }
    const auto c = cmp(cell, value);
    if (!c) return false;
    if (condition == "=") return *c == 0;
    if (condition == "!=") return *c != 0;
    if (condition == ">") return *c > 0;
    if (condition == ">=") return *c >= 0;
    if (condition == "<") return *c < 0;
    return *c <= 0; // "<="
}

} // namespace

const EffectRunner::Handler* EffectRunner::handlerFor(std::string_view kind) {
    static const std::map<std::string_view, Handler> handlers{
        {"set-control-value", &EffectRunner::setControlValue},
        {"clear-control", &EffectRunner::clearControl},
        {"navigate", &EffectRunner::navigate},
        {"open-overlay", &EffectRunner::openOverlay},
        {"close-overlay", &EffectRunner::closeOverlay},
        {"select-tab", &EffectRunner::selectTab},
        {"refresh-element", &EffectRunner::refreshElement},
        {"insert-rows", &EffectRunner::changeRows},
        {"update-rows", &EffectRunner::changeRows},
        {"delete-rows", &EffectRunner::changeRows},
        {"open-url", &EffectRunner::queueExternal},
        {"open-document", &EffectRunner::queueExternal},
        {"download", &EffectRunner::queueExternal},
        {"export", &EffectRunner::queueExternal},
        {"set-single-row-container", &EffectRunner::setSingleRowContainer},
    };
    const auto it = handlers.find(kind);
    return it == handlers.end() ? nullptr : &it->second;
}

bool EffectRunner::knows(std::string_view kind) { return handlerFor(kind) != nullptr; }

EffectOutcome EffectRunner::run(const Json& effect, const TriggerEvent& event, EffectResult& result) {
    const Handler* handler = handlerFor(result.kind);
    if (!handler) throw std::logic_error("no handler for effect kind '" + result.kind + "'"); // callers check knows()
    return (this->**handler)(effect, event, result);
}

EffectOutcome EffectRunner::setControlValue(const Json& effect, const TriggerEvent& event, EffectResult& result) {
    const std::string id = str(effect, "control");
    ControlState* state = session_.control(id);
    if (!state) return fail("preview/unknown-control", "no control with controlId '" + id + "'");
    const auto value = resolveValueSource(effect.value("value", Json()), event);
    if (!value) return fail("preview/value-source", value.message());
    const bool add = effect.value("selectionMode", "replace") == "add";
    session_.setControlFields(id, fieldsFor(*state, *value, add));
    result.changedControls.push_back(id);
    result.summary = id + " = " + state->formulaValue().dump();
    return std::nullopt;
}

EffectOutcome EffectRunner::clearControl(const Json& effect, const TriggerEvent&, EffectResult& result) {
    const Json scope = effect.value("scope", Json::object());
    const std::string type = str(scope, "type");
    const bool published = effect.value("usePublishedValue", false);
    std::vector<std::string> ids;
    if (type == "control") {
        const std::string id = str(scope, "controlId");
        if (!session_.control(id)) return fail("preview/unknown-control", "no control with controlId '" + id + "'");
        ids.push_back(id);
    } else if (type == "container" || type == "page") {
        const std::string id = str(scope, type == "page" ? "pageId" : "containerElementId");
        if (type == "page" ? !session_.hasPage(id) : !session_.element(id))
            return fail("preview/unknown-scope", "no " + type + " '" + id + "'");
        for (const auto& el : session_.elementsInside(id))
            if (auto c = session_.controlIdOfElement(el))
                if (std::find(ids.begin(), ids.end(), *c) == ids.end()) ids.push_back(*c);
    } else if (type == "workbook") {
        ids = session_.controlIds();
    } else {
        return fail("preview/unknown-scope", "clear-control scope type '" + type + "'");
    }
    for (const auto& id : ids) session_.clearControl(id, published);
    result.changedControls = ids;
    result.summary = "cleared " + std::to_string(ids.size()) + " control(s)";
    return std::nullopt;
}

EffectOutcome EffectRunner::navigate(const Json& effect, const TriggerEvent&, EffectResult& result) {
    const Json target = effect.value("target", Json::object());
    const std::string type = str(target, "type");
    if (type == "page") {
        const std::string page = str(target, "page");
        if (!session_.hasPage(page)) return fail("preview/unknown-page", "no page '" + page + "'");
        session_.currentPage = page;
        session_.focusedElement.reset();
    } else if (type == "element") {
        const std::string el = str(target, "element");
        if (!session_.element(el)) return fail("preview/unknown-element", "no element '" + el + "'");
        if (auto page = session_.pageOf(el); page && session_.hasPage(*page)) session_.currentPage = *page;
        session_.focusedElement = el;
    } else {
        return fail("preview/bad-target", "navigate target type '" + type + "'");
    }
    session_.openOverlay.reset();
    result.summary = "page " + session_.currentPage;
    return std::nullopt;
}

EffectOutcome EffectRunner::openOverlay(const Json& effect, const TriggerEvent&, EffectResult& result) {
    const std::string id = str(effect, "overlayId");
    if (!session_.hasOverlay(id)) return fail("preview/unknown-overlay", "no overlay '" + id + "'");
    session_.openOverlay = id;
    result.summary = "overlay " + id + " open";
    return std::nullopt;
}

EffectOutcome EffectRunner::closeOverlay(const Json&, const TriggerEvent&, EffectResult& result) {
    session_.openOverlay.reset();
    result.summary = "overlay closed";
    return std::nullopt;
}

EffectOutcome EffectRunner::selectTab(const Json& effect, const TriggerEvent&, EffectResult& result) {
    const std::string id = str(effect, "tabbedContainerElementId");
    const int count = session_.tabCount(id);
    if (count < 0) return fail("preview/unknown-element", "no tabbed container '" + id + "'");
    const Json selected = effect.value("selectedTab", Json::object());
    int index = session_.selectedTab(id);
    if (str(selected, "type") == "tab") {
        if (!selected.contains("index") || !selected["index"].is_number_integer())
            return fail("preview/bad-tab", "selectedTab.index must be an integer");
        index = selected["index"].get<int>();
        if (index < 0 || index >= count)
            return fail("preview/bad-tab", "tab index " + std::to_string(index) + " outside 0.." +
                                               std::to_string(count - 1));
    } else if (str(selected, "type") == "direction") {
        const std::string dir = str(selected, "direction");
        if (dir == "next") index = std::min(index + 1, count - 1);
        else if (dir == "previous") index = std::max(index - 1, 0);
        else return fail("preview/bad-tab", "direction '" + dir + "'");
    } else {
        return fail("preview/bad-tab", "selectedTab.type must be tab or direction");
    }
    session_.setSelectedTab(id, index);
    result.summary = id + " tab " + std::to_string(index);
    return std::nullopt;
}

EffectOutcome EffectRunner::refreshElement(const Json& effect, const TriggerEvent&, EffectResult& result) {
    const std::string el = str(effect.value("target", Json::object()), "element");
    if (!session_.element(el)) return fail("preview/unknown-element", "no element '" + el + "'");
    ++session_.refreshCounters[el];
    result.changedElements.push_back(el);
    result.summary = "refresh " + el;
    return std::nullopt;
}

EffectOutcome EffectRunner::changeRows(const Json& effect, const TriggerEvent& event, EffectResult& result) {
    const std::string& kind = result.kind;
    const std::string tableId = str(effect, "tableElementId");
    const Json* table = session_.element(tableId);
    if (!table || str(*table, "kind") != "input-table")
        return fail("preview/not-input-table", "'" + tableId + "' is not an input table");
    InputRowStore& store = session_.inputRows[tableId];
    Json values = Json::object();
    if (kind != "delete-rows") {
        const Json authored = effect.value("values", Json::object());
        if (!authored.is_object()) return fail("preview/bad-values", "values must be an object");
        for (const auto& [col, source] : authored.items()) {
            const auto v = resolveValueSource(source, event);
            if (!v) return fail("preview/value-source", col + ": " + v.message());
            values[col] = *v;
        }
    }
    if (kind == "insert-rows") {
        const std::string id = store.insert(values);
        result.summary = "inserted row " + id;
    } else {
        std::vector<std::size_t> rows;
        const Json which = effect.value("whichRows", Json::object());
        const std::string type = str(which, "type");
        if (type == "current-row") {
            if (!event.currentRowId) return fail("preview/no-current-row", "host is not inside an input-table row");
            if (auto i = store.indexOfId(*event.currentRowId)) rows.push_back(*i);
        } else if (type == "single-row") {
            const Json keys = which.value("primaryKeys", Json::object());
            if (!keys.is_object() || keys.empty()) return fail("preview/bad-which-rows", "primaryKeys is empty");
            for (std::size_t i = 0; i < store.rows().size(); ++i) {
                bool all = true;
                for (const auto& [col, source] : keys.items()) {
                    const auto v = resolveValueSource(source, event);
                    if (!v) return fail("preview/value-source", col + ": " + v.message());
                    all = all && store.rows()[i].value(col, Json(nullptr)) == *v;
                }
                if (all) rows.push_back(i);
            }
        } else if (type == "column-match") {
            const std::string col = str(which, "columnId");
            const std::string condition = str(which, "condition");
            for (std::size_t i = 0; i < store.rows().size(); ++i)
                if (matches(store.rows()[i].value(col, Json(nullptr)), condition, which.value("value", Json()),
                            which.value("low", Json()), which.value("high", Json())))
                    rows.push_back(i);
        } else if (type == "formula") {
            const std::string formula = str(which, "formula");
            for (std::size_t i = 0; i < store.rows().size(); ++i) {
                const EvalResult r = evaluate(formula, contextFor(event, &store.rows()[i]));
                if (!r.value) return fail("preview/which-rows", "formula '" + formula + "': " + r.error);
                if (isTrue(*r.value)) rows.push_back(i);
            }
        } else {
            return fail("preview/bad-which-rows", "whichRows type '" + type + "'");
        }
        const std::size_t n = kind == "update-rows" ? store.update(rows, values) : store.remove(rows);
        result.summary = std::string(kind == "update-rows" ? "updated " : "deleted ") + std::to_string(n) + " row(s)";
    }
    result.changedElements.push_back(tableId);
    return std::nullopt;
}

EffectOutcome EffectRunner::queueExternal(const Json& effect, const TriggerEvent& event, EffectResult& result) {
    const std::string& kind = result.kind;
    ExternalEffect external{result.actionId, kind, effect};
    if (kind == "open-url") {
        if (str(effect, "openTarget").empty()) return fail("preview/bad-effect", "open-url needs openTarget");
        const Json url = effect.value("url", Json());
        const auto resolved = url.is_object() ? resolveValueSource(url, event) : Expected<Json>(url);
        if (!resolved) return fail("preview/value-source", resolved.message());
        external.effect["resolved"] = *resolved;
    } else if (kind == "open-document") {
        if (str(effect, "documentId").empty() || str(effect, "documentType").empty() ||
            str(effect, "openTarget").empty())
            return fail("preview/bad-effect", "open-document needs documentId, documentType and openTarget");
        Json controls = Json::object();
        const Json targetControls = effect.value("targetControls", Json::object());
        if (!targetControls.is_object()) return fail("preview/bad-effect", "targetControls must be an object");
        for (const auto& [name, source] : targetControls.items()) {
            const auto v = resolveValueSource(source, event);
            if (!v) return fail("preview/value-source", name + ": " + v.message());
            controls[name] = *v;
        }
        external.effect["resolved"] = Json{{"targetControls", controls}};
    }
    session_.pendingExternal.push_back(std::move(external));
    result.summary = kind + " queued for confirmation";
    return std::nullopt;
}

EffectOutcome EffectRunner::setSingleRowContainer(const Json& effect, const TriggerEvent& event, EffectResult& result) {
    const Json target = effect.value("target", Json());
    const std::string el = target.is_string() ? target.get<std::string>() : str(target, "element");
    if (!session_.element(el)) return fail("preview/unknown-element", "no element '" + el + "'");
    const auto v = resolveValueSource(effect.value("value", Json()), event);
    if (!v) return fail("preview/value-source", v.message());
    session_.singleRowContainers[el] = *v;
    result.changedElements.push_back(el);
    result.summary = el + " shows a row";
    return std::nullopt;
}

} // namespace quire::preview
