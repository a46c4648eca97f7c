#pragma once
// The state of one live preview of a workbook: control values, current page, open overlay, selected tabs,
// the current on-select selection, per-element refresh counters, input-table rows and pending external
// effects (open-url, open-document, download) the UI must confirm. No Qt, no SQL: the query planner and the
// executor read this state; the action engine changes it.
#include <quire/core/diagnostic.h>
#include <quire/core/json.h>
#include <quire/preview/control_state.h>
#include <quire/preview/dependency_graph.h>
#include <quire/preview/drill.h>
#include <quire/preview/input_rows.h>
#include <quire/sql/compiler.h>
#include <quire/sql/current_user.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace quire::preview {

// Rows picked by an on-select trigger: each row maps column id AND column name -> value.
struct Selection {
    std::string elementId;
    std::vector<Json> rows;
};

struct ExternalEffect {
    std::string actionId;
    std::string kind;  // open-url | open-document | download | export
    Json effect;       // the effect as authored, with resolved values in "resolved"
};

class PreviewSession {
public:
    // contents: the workbook body (Document::contents()). Diagnostics for malformed controls go to diagnostics().
    explicit PreviewSession(Json contents);

    const Json& contents() const { return contents_; }
    const DependencyGraph& graph() const { return graph_; }
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

    // Elements and layout. A drill control's target is returned as its current level shows it (drill.h).
    const Json* element(std::string_view elementId) const;
    std::optional<std::string> pageOf(std::string_view elementId) const;      // page or overlay region
    std::vector<std::string> elementsInside(std::string_view containerOrPageId) const; // transitive
    bool hasPage(std::string_view pageId) const;
    bool hasOverlay(std::string_view overlayId) const;

    // Controls. Lookups by controlId resolve `synced` controls to their primary.
    std::vector<std::string> controlIds() const;
    const ControlState* control(std::string_view controlId) const;
    ControlState* control(std::string_view controlId);
    std::optional<std::string> controlIdOfElement(std::string_view elementId) const;
    // Merges value fields into the control; false if the controlId is unknown.
    bool setControlFields(std::string_view controlId, const Json& fields);
    bool clearControl(std::string_view controlId, bool usePublishedValue = false);
    // Drill controls (drill.h), and what a drill control whose value is not one of its levels says about an
    // element it targets (preview/drill-level; the element is then shown at the outermost level).
    const std::vector<DrillSpec>& drills() const { return drills_; }
    std::vector<Diagnostic> drillDiagnostics(std::string_view elementId) const;

    // Navigation state.
    std::string currentPage;                  // first page initially
    std::optional<std::string> openOverlay;   // overlay id
    std::optional<std::string> focusedElement; // target of the last navigate-to-element
    int selectedTab(std::string_view tabbedContainerId) const; // 0 when never selected
    void setSelectedTab(std::string_view tabbedContainerId, int index);
    int tabCount(std::string_view tabbedContainerId) const;    // -1 when not a tabbed container

    std::optional<Selection> selection;
    std::map<std::string, int> refreshCounters;  // element id -> times refreshed
    std::map<std::string, Json> singleRowContainers; // set-single-row-container target -> value
    std::map<std::string, InputRowStore> inputRows;  // input-table element id -> rows
    std::vector<ExternalEffect> pendingExternal;

    std::vector<ExternalEffect> takeExternalEffects();

    // Maps a warehouse-table `path` to the name the connection's warehouse knows (the sample's [main, t] is
    // [public, t] on a PostgreSQL profile). Unset, or when the resolver returns nothing, paths are used as written.
    using TablePathResolver =
        std::function<std::vector<std::string>(const std::string& connectionId, const std::vector<std::string>& path)>;
    void setTablePathResolver(TablePathResolver resolver) { pathResolver_ = std::move(resolver); }
    std::vector<std::string> tablePath(const std::string& connectionId, const std::vector<std::string>& path) const;

    // The persona the preview views as (docs/governance.md): the values of CurrentUser*() in every formula the
    // planners compile. nullopt = none (those functions then report sql/no-persona).
    void setCurrentUser(std::optional<sql::CurrentUser> user) { currentUser_ = std::move(user); }
    const sql::CurrentUser* currentUser() const { return currentUser_ ? &*currentUser_ : nullptr; }
    // Compile options carrying the current user.
    sql::CompileOptions compileOptions() const {
        sql::CompileOptions options;
        options.user = currentUser();
        return options;
    }

private:
    void indexLayout();
    void applyDrills(); // recomputes drilled_ from the drill controls' current fields
    Json contents_;
    std::vector<DrillSpec> drills_;
    std::map<std::string, Json, std::less<>> drilled_;            // target element id -> element at the drill level
    std::map<std::string, std::vector<Diagnostic>, std::less<>> drillNotes_;
    std::optional<sql::CurrentUser> currentUser_;
    DependencyGraph graph_;
    std::vector<Diagnostic> diagnostics_;
    std::map<std::string, ControlState, std::less<>> controls_;       // by controlId (primaries only)
    std::map<std::string, std::string, std::less<>> synced_;          // synced element id -> primary controlId
    std::map<std::string, std::string, std::less<>> controlOfElement_; // element id -> controlId
    std::map<std::string, std::string, std::less<>> regionOf_;         // element id -> page/overlay id
    std::map<std::string, std::string, std::less<>> parentOf_;         // element id -> container element id
    std::map<std::string, int, std::less<>> selectedTabs_;
    TablePathResolver pathResolver_;
};

} // namespace quire::preview
