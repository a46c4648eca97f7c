#include <quire/preview/action_engine.h>

#include <algorithm>
#include <stdexcept>

namespace quire::preview {
namespace {

Diagnostic diag(Severity severity, std::string rule, std::string message) {
    Diagnostic d;
    d.severity = severity;
    d.rule = std::move(rule);
    d.message = std::move(message);
    return d;
}

bool isChartKind(std::string_view kind) {
    return kind.size() > 6 && kind.substr(kind.size() - 6) == "-chart" && kind != "waterfall-chart";
}

std::string str(const Json& object, const char* key) {
    if (object.is_object() && object.contains(key) && object[key].is_string()) return object[key].get<std::string>();
    return {};
}

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

std::vector<std::string> ActionEngine::triggersFor(std::string_view hostKind) {
    if (hostKind == "button" || hostKind == "image") return {"on-click"};
    if (hostKind == "table" || hostKind == "pivot-table" || hostKind == "kpi-chart" || isChartKind(hostKind) ||
        (hostKind.size() > 4 && hostKind.substr(hostKind.size() - 4) == "-map"))
        return {"on-select"};
    if (hostKind == "overlay") return {"on-primary-cta-click", "on-secondary-cta-click", "on-close"};
    return {};
}

ActionRun ActionEngine::fire(const TriggerEvent& event) {
    ActionRun run;
    const Json* host = session_.element(event.hostId);
    std::string hostKind;
    if (host) {
        hostKind = str(*host, "kind");
    } else if (session_.hasOverlay(event.hostId)) {
        hostKind = "overlay";
        for (const auto& overlay : session_.contents()["overlays"])
            if (str(overlay, "id") == event.hostId) host = &overlay;
    } else {
        run.diagnostics.push_back(diag(Severity::Error, "preview/unknown-host", "no element or overlay '" + event.hostId + "'"));
        return run;
    }
    const auto allowed = triggersFor(hostKind);
    if (std::find(allowed.begin(), allowed.end(), event.trigger) == allowed.end()) {
        run.diagnostics.push_back(diag(Severity::Error, "preview/bad-trigger",
                                       "'" + hostKind + "' cannot fire " + event.trigger));
        return run;
    }
    if (event.trigger == "on-select") session_.selection = event.selection;
    if (hostKind == "overlay" && event.trigger == "on-close") session_.openOverlay.reset();
    if (!host->contains("actions") || !(*host)["actions"].is_array()) return run;
    std::vector<std::string> controls, elements;
    for (const auto& action : (*host)["actions"]) {
        if (str(action, "trigger") != event.trigger) continue;
        ActionRun one = runAction(action, event);
        for (auto& e : one.effects) {
            controls.insert(controls.end(), e.changedControls.begin(), e.changedControls.end());
            elements.insert(elements.end(), e.changedElements.begin(), e.changedElements.end());
            run.effects.push_back(std::move(e));
        }
        for (auto& d : one.diagnostics) run.diagnostics.push_back(std::move(d));
    }
    run.rerun = session_.graph().affectedBy(controls, elements);
    return run;
}

ActionRun ActionEngine::runAction(const Json& action, const TriggerEvent& event) {
    ActionRun run;
    const std::string actionId = str(action, "id");
    auto conditionHolds = [&](const Json& holder) -> std::optional<bool> {
        if (!holder.is_object() || !holder.contains("condition")) return true;
        const Json& c = holder["condition"];
        const std::string formula = c.is_string() ? c.get<std::string>() : str(c, "formula");
        const EvalResult r = evaluate(formula, contextFor(event));
        if (!r.value) {
            run.diagnostics.push_back(diag(Severity::Error, "preview/condition",
                                           "action " + actionId + ": condition '" + formula + "': " + r.error));
            return std::nullopt;
        }
        return isTrue(*r.value);
    };
    const auto actionOk = conditionHolds(action);
    if (!actionOk || !*actionOk) return run;
    if (!action.contains("effects") || !action["effects"].is_array()) {
        run.diagnostics.push_back(diag(Severity::Error, "preview/no-effects", "action " + actionId + " has no effects"));
        return run;
    }
    std::vector<std::string> controls, elements;
    int index = 0;
    for (const auto& effect : action["effects"]) {
        const auto ok = conditionHolds(effect);
        if (!ok || !*ok) {
            EffectResult skipped;
            skipped.actionId = actionId;
            skipped.index = index;
            skipped.kind = str(effect, "kind");
            skipped.skipped = ok.has_value();
            skipped.summary = ok ? "condition false" : "condition failed";
            run.effects.push_back(std::move(skipped));
        } else {
            EffectResult r = runEffect(effect, actionId, index, event, run.diagnostics);
            controls.insert(controls.end(), r.changedControls.begin(), r.changedControls.end());
            elements.insert(elements.end(), r.changedElements.begin(), r.changedElements.end());
            run.effects.push_back(std::move(r));
        }
        ++index;
    }
    run.rerun = session_.graph().affectedBy(controls, elements);
    return run;
}

EffectResult ActionEngine::runEffect(const Json& effect, const std::string& actionId, int index,
                                     const TriggerEvent& event, std::vector<Diagnostic>& diagnostics) {
    EffectResult result;
    result.actionId = actionId;
    result.index = index;
    result.kind = str(effect, "kind");
    const std::string where = "action " + actionId + " effect " + std::to_string(index) + " (" + result.kind + ")";
    auto fail = [&](std::string rule, std::string message) {
        diagnostics.push_back(diag(Severity::Error, std::move(rule), where + ": " + message));
        result.summary = "failed";
        return result;
    };
    const std::string& kind = result.kind;
    try {
        if (kind == "set-control-value") {
            const std::string id = str(effect, "control");
            ControlState* state = session_.control(id);
            if (!state) return fail("preview/unknown-control", "no control with controlId '" + id + "'");
            std::string error;
            const auto value = resolveValueSource(effect.value("value", Json()), event, error);
            if (!value) return fail("preview/value-source", error);
            const bool add = effect.value("selectionMode", "replace") == "add";
            session_.setControlFields(id, fieldsFor(*state, *value, add));
            result.changedControls.push_back(id);
            result.summary = id + " = " + state->formulaValue().dump();
        } else if (kind == "clear-control") {
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
        } else if (kind == "navigate") {
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
        } else if (kind == "open-overlay") {
            const std::string id = str(effect, "overlayId");
            if (!session_.hasOverlay(id)) return fail("preview/unknown-overlay", "no overlay '" + id + "'");
            session_.openOverlay = id;
            result.summary = "overlay " + id + " open";
        } else if (kind == "close-overlay") {
            session_.openOverlay.reset();
            result.summary = "overlay closed";
        } else if (kind == "select-tab") {
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
        } else if (kind == "refresh-element") {
            const std::string el = str(effect.value("target", Json::object()), "element");
            if (!session_.element(el)) return fail("preview/unknown-element", "no element '" + el + "'");
            ++session_.refreshCounters[el];
            result.changedElements.push_back(el);
            result.summary = "refresh " + el;
        } else if (kind == "insert-rows" || kind == "update-rows" || kind == "delete-rows") {
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
                    std::string error;
                    const auto v = resolveValueSource(source, event, error);
                    if (!v) return fail("preview/value-source", col + ": " + error);
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
                            std::string error;
                            const auto v = resolveValueSource(source, event, error);
                            if (!v) return fail("preview/value-source", col + ": " + error);
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
        } else if (kind == "open-url" || kind == "open-document" || kind == "download" || kind == "export") {
            ExternalEffect external{actionId, kind, effect};
            if (kind == "open-url") {
                if (str(effect, "openTarget").empty()) return fail("preview/bad-effect", "open-url needs openTarget");
                const Json url = effect.value("url", Json());
                std::string error;
                const auto resolved = url.is_object() ? resolveValueSource(url, event, error) : std::optional<Json>(url);
                if (!resolved) return fail("preview/value-source", error);
                external.effect["resolved"] = *resolved;
            } else if (kind == "open-document") {
                if (str(effect, "documentId").empty() || str(effect, "documentType").empty() ||
                    str(effect, "openTarget").empty())
                    return fail("preview/bad-effect", "open-document needs documentId, documentType and openTarget");
                Json controls = Json::object();
                const Json targetControls = effect.value("targetControls", Json::object());
                if (!targetControls.is_object()) return fail("preview/bad-effect", "targetControls must be an object");
                for (const auto& [name, source] : targetControls.items()) {
                    std::string error;
                    const auto v = resolveValueSource(source, event, error);
                    if (!v) return fail("preview/value-source", name + ": " + error);
                    controls[name] = *v;
                }
                external.effect["resolved"] = Json{{"targetControls", controls}};
            }
            session_.pendingExternal.push_back(std::move(external));
            result.summary = kind + " queued for confirmation";
        } else if (kind == "set-single-row-container") {
            const Json target = effect.value("target", Json());
            const std::string el = target.is_string() ? target.get<std::string>() : str(target, "element");
            if (!session_.element(el)) return fail("preview/unknown-element", "no element '" + el + "'");
            std::string error;
            const auto v = resolveValueSource(effect.value("value", Json()), event, error);
            if (!v) return fail("preview/value-source", error);
            session_.singleRowContainers[el] = *v;
            result.changedElements.push_back(el);
            result.summary = el + " shows a row";
        } else {
            diagnostics.push_back(diag(Severity::Warning, "preview/unknown-effect", where + ": effect kind not supported"));
            result.summary = "unknown effect";
            return result;
        }
    } catch (const std::invalid_argument& e) {
        return fail("preview/bad-value", e.what());
    } catch (const Json::exception& e) {
        return fail("preview/bad-effect", e.what());
    }
    result.applied = true;
    return result;
}

} // namespace quire::preview
