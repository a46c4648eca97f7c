#include <quire/preview/action_engine.h>

#include "action_effects.h"
#include <quire/core/rules.h>

#include <algorithm>
#include <stdexcept>

namespace quire::preview {
namespace {

Diagnostic diag(Severity severity, RuleCode rule, std::string message) {
    Diagnostic d;
    d.severity = severity;
    d.rule = rule;
    d.message = std::move(message);
    return d;
}

bool isChartKind(std::string_view kind) {
    return kind.size() > 6 && kind.substr(kind.size() - 6) == "-chart" && kind != "waterfall-chart";
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
    if (!EffectRunner::knows(result.kind)) {
        diagnostics.push_back(diag(Severity::Warning, "preview/unknown-effect", where + ": effect kind not supported"));
        result.summary = "unknown effect";
        return result;
    }
    EffectOutcome failure;
    try {
        failure = EffectRunner(*this).run(effect, event, result);
    } catch (const std::invalid_argument& e) {
        failure = EffectFailure{"preview/bad-value", e.what()};
    } catch (const Json::exception& e) {
        failure = EffectFailure{"preview/bad-effect", e.what()};
    }
    if (failure) {
        diagnostics.push_back(diag(Severity::Error, failure->rule, where + ": " + failure->message));
        result.summary = "failed";
        return result;
    }
    result.applied = true;
    return result;
}

} // namespace quire::preview
