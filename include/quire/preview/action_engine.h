#pragma once
// Runs Sigma actions (spec §5) against a PreviewSession. Effects run in order; an action or effect whose
// `condition` is false is skipped. open-url, open-document and download/export are never executed: they are
// queued on PreviewSession::pendingExternal for the UI to confirm. Unknown effect kinds and bad references
// yield diagnostics, never exceptions.
#include <quire/core/diagnostic.h>
#include <quire/core/expected.h>
#include <quire/core/json.h>
#include <quire/preview/condition.h>
#include <quire/preview/session.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace quire::preview {

struct TriggerEvent {
    std::string hostId;   // element id (button, image, table, chart...) or overlay id
    std::string trigger;  // on-click | on-select | on-primary-cta-click | on-secondary-cta-click | on-close
    std::optional<Selection> selection; // for on-select
    std::optional<std::string> currentRowId; // input-table row the host sits in (whichRows current-row)
};

struct EffectResult {
    std::string actionId;
    int index = 0;             // position in the action's effects
    std::string kind;
    bool applied = false;      // false when skipped by a condition or failed
    bool skipped = false;      // condition was false
    std::string summary;       // one line: what changed
    std::vector<std::string> changedControls;
    std::vector<std::string> changedElements; // elements changed directly (refresh, rows)
};

struct ActionRun {
    std::vector<EffectResult> effects;
    std::vector<std::string> rerun;  // elements to re-run (transitive, document order)
    std::vector<Diagnostic> diagnostics;
    bool ok() const { return !hasErrors(diagnostics); }
};

// Optional full formula evaluator (the formula engine plugs in here); nullopt result = use the built-in one.
using FormulaEvaluator = std::function<std::optional<EvalResult>(std::string_view formula, const EvalContext&)>;

class EffectRunner; // the effect handlers (src/preview/action_effects.h)

class ActionEngine {
public:
    explicit ActionEngine(PreviewSession& session) : session_(session) {}

    void setFormulaEvaluator(FormulaEvaluator evaluator) { evaluator_ = std::move(evaluator); }

    // Runs every action on the host with this trigger. A trigger the host kind cannot have is an error.
    ActionRun fire(const TriggerEvent& event);
    // Runs one action object ({id, trigger, condition?, effects}).
    ActionRun runAction(const Json& action, const TriggerEvent& event);

    // Triggers valid for an element kind or "overlay" (spec §5).
    static std::vector<std::string> triggersFor(std::string_view hostKind);

private:
    EffectResult runEffect(const Json& effect, const std::string& actionId, int index, const TriggerEvent& event,
                           std::vector<Diagnostic>& diagnostics);
    EvalContext contextFor(const TriggerEvent& event, const Json* row = nullptr) const;
    EvalResult evaluate(std::string_view formula, const EvalContext& context) const;
    Expected<Json> resolveValueSource(const Json& source, const TriggerEvent& event) const; // preview/value-source

    friend class EffectRunner;
    PreviewSession& session_;
    FormulaEvaluator evaluator_;
};

} // namespace quire::preview
