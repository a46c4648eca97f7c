#pragma once
// What every semantic rule sees: the document, an index of its collections, and a sink for diagnostics.
#include <quire/doc/document.h>
#include <quire/core/rules.h>
#include <quire/doc/layout.h>
#include <quire/validate/validator.h>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace quire::validate {

struct ElementRef {
    const Json* json = nullptr;
    std::string pointer; // "/contents/elements/3"
    std::string id;
    std::string kind;
    std::string name;
};

class Context {
public:
    Context(const doc::Document& document, const ValidationOptions& options, std::vector<Diagnostic>& out);

    const doc::Document& document;
    const ValidationOptions& options;
    const Json* contents = nullptr; // nullptr when the document has no body
    std::string base;                // "/contents" or "/document"

    std::vector<ElementRef> elements;                          // every element object, in order
    std::unordered_map<std::string, std::size_t> elementById;  // first element with each id
    std::unordered_set<std::string> pageIds, overlayIds, panelIds;
    std::unordered_map<std::string, std::size_t> controlById;  // controlId -> element index

    // Parsed `contents.layout` (nullopt when absent, not a string or not parseable).
    std::optional<doc::LayoutTree> layout;
    std::vector<Diagnostic> layoutErrors;

    const ElementRef* element(std::string_view id) const;
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
};

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
