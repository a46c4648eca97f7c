#pragma once
// What every semantic rule sees: the document, an index of its collections, and a sink for diagnostics.
#include <quire/doc/document.h>
#include <quire/core/rules.h>
#include <quire/doc/layout.h>
#include <quire/validate/validator.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace quire::validate {

struct ElementRef {
    const Json* json = nullptr;
    std::size_t index = 0; // in the body's `elements` (non-objects are skipped, so not always the position here)
    std::string pointer;   // "/contents/elements/3"
    std::string id;
    std::string kind;
    std::string name;
    // Members every rule family reads, found in one pass over the element (an ordered JSON object finds a key by
    // a linear search, and the rules ran about ten of them per element on every validation).
    const Json* source = nullptr;  // any type
    const Json* columns = nullptr; // only when an array
};

// The part of a rule family that reads one element (and what it looks up elsewhere through the Context): run
// through Context::unit() so an incremental validation can replay its findings while nothing it read changed.
enum class Unit : std::uint8_t {
    Ids, Sources, Columns, FormulaRefs, Charts, ChartOptions, Tables, Controls, Actions, Colors, Count
};

class Context;

// What an incremental validation plugs into the rules (IncrementalValidator; none for a full validation).
class UnitHooks {
public:
    virtual ~UnitHooks() = default;
    // The parsed layout for this text, remembered across runs (nullptr: parse it here).
    virtual const doc::LayoutParseResult* layout(const std::string& text) = 0;
    // After the Context's indexes are built, before any rule runs.
    virtual void start(const Context& ctx) = 0;
    // Replays the unit's remembered findings (and `data`) when nothing it read changed; false: run it.
    virtual bool replay(Context& ctx, const ElementRef& e, Unit unit, std::vector<std::string>* data) = 0;
    virtual void begin(const ElementRef& e, Unit unit) = 0;
    // The unit ran and added out[first..] (and filled `data`).
    virtual void end(const ElementRef& e, Unit unit, const std::vector<Diagnostic>& out, std::size_t first,
                     const std::vector<std::string>* data) = 0;
    // While a unit runs: it looked up an element id (found at body index `index`, or npos), or read the sets of
    // control, page or overlay ids.
    virtual void lookedUp(std::string_view id, std::size_t index) = 0;
    virtual void readIdSets() = 0;
};

class Context {
public:
    Context(const doc::Document& document, const ValidationOptions& options, std::vector<Diagnostic>& out,
            UnitHooks* hooks = nullptr);

    const doc::Document& document;
    const ValidationOptions& options;
    const Json* contents = nullptr; // nullptr when the document has no body
    std::string base;                // "/contents" or "/document"

    std::vector<ElementRef> elements;                               // every element object, in order (never grows
                                                                    // after the constructor: the keys below view it)
    std::unordered_map<std::string_view, std::size_t> elementById;  // first element with each id
    std::unordered_set<std::string> pageIds, overlayIds, panelIds;
    std::unordered_map<std::string_view, std::size_t> controlById;  // controlId -> element index

    // Parsed `contents.layout` (nullptr when absent, not a string or not parseable).
    const doc::LayoutTree* layout = nullptr;
    const std::vector<Diagnostic>* layoutErrors = nullptr; // never nullptr

    // The element with this id (the first one); inside a unit the lookup is remembered as a dependency.
    const ElementRef* element(std::string_view id) const;
    // Same, without recording a dependency (for the hooks).
    const ElementRef* findElement(std::string_view id) const;
    // Inside a unit these record that the unit depends on the set of control / page / overlay ids.
    bool hasControl(std::string_view controlId) const;
    bool hasPage(const std::string& pageId) const;
    bool hasOverlay(const std::string& overlayId) const;

    // Runs `check` (the unit's rule code for element e), or replays its remembered findings.
    template <typename Check>
    void unit(Unit u, const ElementRef& e, Check&& check, std::vector<std::string>* data = nullptr) {
        if (!hooks_) return check();
        if (hooks_->replay(*this, e, u, data)) return;
        hooks_->begin(e, u);
        const std::size_t first = out_.size();
        check();
        hooks_->end(e, u, out_, first, data);
    }
    // Column object of an element with this id, nullptr if none.
    static const Json* findColumn(const Json& element, std::string_view columnId);
    static std::string str(const Json& object, std::string_view key); // "" unless a string member
    static std::string_view sv(const Json& object, std::string_view key); // same, without a copy
    static const Json* member(const Json& object, std::string_view key); // nullptr unless present
    static const Json* array(const Json& object, std::string_view key);  // nullptr unless an array

    // Reports rule `code` (severity from the rule catalogue) at pointer.
    void report(RuleCode code, const std::string& pointer, std::string message);
    // Adds a diagnostic made elsewhere (e.g. by the pluggable formula checker) as is.
    void emit(Diagnostic diagnostic) { out_.push_back(std::move(diagnostic)); }
    // Reports at the layout string: the location of `<base>/layout`, the layout line:col in the message.
    void reportLayout(RuleCode code, int layoutLine, int layoutColumn, std::string message);

private:
    std::vector<Diagnostic>& out_;
    UnitHooks* hooks_ = nullptr;
    doc::LayoutParseResult ownLayout_; // the layout parsed here (no hooks, or they keep none)
};

// The semantic rule families in their fixed order (validate() and IncrementalValidator::validate()).
void runSemanticRules(const doc::Document& document, const ValidationOptions& options, std::vector<Diagnostic>& out,
                      UnitHooks* hooks);

// Rule families: each lives in its own rules_<family>.cpp.
void checkContents(Context& ctx);
void checkIds(Context& ctx);
void checkLayout(Context& ctx);
void checkSources(Context& ctx);
void checkColumns(Context& ctx);
void checkFormulaRefs(Context& ctx);
void checkCharts(Context& ctx);
void checkTables(Context& ctx);
void checkControls(Context& ctx);
void checkActions(Context& ctx);
void checkStyle(Context& ctx);
void checkChartOptions(Context& ctx); // rules_chart_options.cpp
void checkMaps(Context& ctx);         // rules_maps.cpp
void checkSecurity(Context& ctx);
void checkHiddenPageNavigation(Context& ctx); // rules_security_navigation.cpp
void checkPersonaDefaults(Context& ctx);      // rules_security_defaults.cpp

} // namespace quire::validate
