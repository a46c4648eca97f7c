#pragma once
// The effects an action runs (spec §5), one handler per kind, looked up in a table (action_effects.cpp).
// ActionEngine::runEffect turns a handler's failure, or an exception it throws (std::invalid_argument for a value
// a control cannot hold, Json::exception for a malformed effect), into a diagnostic on the action's run.
#include <quire/core/rules.h>
#include <quire/preview/action_engine.h>

#include <optional>
#include <string>
#include <string_view>

namespace quire::preview {

struct EffectFailure {
    RuleCode rule;
    std::string message;
};
using EffectOutcome = std::optional<EffectFailure>; // nullopt: the effect applied

// A string member of a JSON object, "" when absent or not a string.
inline std::string str(const Json& object, const char* key) {
    if (object.is_object() && object.contains(key) && object[key].is_string()) return object[key].get<std::string>();
    return {};
}

class EffectRunner {
public:
    explicit EffectRunner(ActionEngine& engine) : engine_(engine), session_(engine.session_) {}
    // False for effect kinds the preview does not run.
    static bool knows(std::string_view kind);
    // Runs one effect of a known kind, filling `result` (summary, changed controls and elements).
    EffectOutcome run(const Json& effect, const TriggerEvent& event, EffectResult& result);

private:
    using Handler = EffectOutcome (EffectRunner::*)(const Json&, const TriggerEvent&, EffectResult&);
    static const Handler* handlerFor(std::string_view kind);

    EffectOutcome setControlValue(const Json& effect, const TriggerEvent& event, EffectResult& result);
    EffectOutcome clearControl(const Json& effect, const TriggerEvent& event, EffectResult& result);
    EffectOutcome navigate(const Json& effect, const TriggerEvent& event, EffectResult& result);
    EffectOutcome openOverlay(const Json& effect, const TriggerEvent& event, EffectResult& result);
    EffectOutcome closeOverlay(const Json& effect, const TriggerEvent& event, EffectResult& result);
    EffectOutcome selectTab(const Json& effect, const TriggerEvent& event, EffectResult& result);
    EffectOutcome refreshElement(const Json& effect, const TriggerEvent& event, EffectResult& result);
    EffectOutcome changeRows(const Json& effect, const TriggerEvent& event, EffectResult& result);         // insert/update/delete-rows
    EffectOutcome queueExternal(const Json& effect, const TriggerEvent& event, EffectResult& result);      // open-url, open-document, download, export
    EffectOutcome setSingleRowContainer(const Json& effect, const TriggerEvent& event, EffectResult& result);

    Expected<Json> resolveValueSource(const Json& source, const TriggerEvent& event) const {
        return engine_.resolveValueSource(source, event);
    }
    EvalResult evaluate(std::string_view formula, const EvalContext& context) const { return engine_.evaluate(formula, context); }
    EvalContext contextFor(const TriggerEvent& event, const Json* row = nullptr) const { return engine_.contextFor(event, row); }

    ActionEngine& engine_;
    PreviewSession& session_;
};

} // namespace quire::preview
