#pragma once
// Typed, read-only views over the document tree. A view is a pointer to one JSON value plus that value's
// RFC 6901 pointer, so a diagnostic can always name (and locate) what it is about. Views never copy workbook
// state: strings come back as string_views into the tree, collections as lists of views. A view is valid
// only while the Document it points into is alive and unmodified.
//
// Accessors are forgiving: a missing field or a field of the wrong JSON type reads as empty ("" / an
// invalid view / an empty list), never throws. Reporting wrong shapes is the validator's job.
#include <quire/core/json.h>
#include <quire/doc/document.h>

#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace quire::doc {

// ---- element kinds (spec §3) -------------------------------------------------------------------------------

enum class KindCategory {
    Table,     // table, pivot-table, input-table
    Chart,     // every *-chart kind, KPI included
    Map,       // point-map, region-map, geography-map
    Control,   // control (the controlType says which)
    Container, // container, repeated-container, tabbed-container, single-row-container
    Content,   // text, image, divider, page-break, embed, button, form, progress, navigation, plugin, chat
    Unknown    // anything else: kept and round-tripped, but not understood
};

KindCategory classifyKind(std::string_view kind);
std::string_view kindCategoryName(KindCategory category); // "table", "chart", ...
// Every element kind the spec names, in the spec's order.
std::span<const std::string_view> knownElementKinds();
// Every controlType the spec names.
std::span<const std::string_view> knownControlTypes();

bool isKnownKind(std::string_view kind);
bool isTableKind(std::string_view kind);
bool isChartKind(std::string_view kind);
bool isCartesianChartKind(std::string_view kind); // xAxis/yAxis charts: bar, line, area, combo, scatter, waterfall, box
bool isCircularChartKind(std::string_view kind);  // donut-chart, pie-chart
bool isMapKind(std::string_view kind);
bool isControlKind(std::string_view kind);
bool isContainerKind(std::string_view kind);
bool isContentKind(std::string_view kind);
// Elements that query data: source + columns (tables, charts, maps). A repeated-container has a source too
// but is a container; see hasSourceKind.
bool isDataElementKind(std::string_view kind);
bool hasSourceKind(std::string_view kind); // data elements and repeated-container
// Kinds whose actions may use the on-select trigger (spec §5: tables, KPI, every chart and map but waterfall).
bool supportsOnSelect(std::string_view kind);

// ---- the base view ------------------------------------------------------------------------------------------

class NodeView {
public:
    NodeView() = default;
    NodeView(const Json* node, std::string pointer) : node_(node), pointer_(std::move(pointer)) {}

    bool valid() const { return node_ != nullptr; }
    explicit operator bool() const { return valid(); }
    const Json* json() const { return node_; }
    const std::string& pointer() const { return pointer_; }

    // Member `key` of an object, or nullptr (absent, or this is not an object).
    const Json* get(std::string_view key) const;
    bool has(std::string_view key) const { return get(key) != nullptr; }
    // String member, "" when absent or not a string.
    std::string_view str(std::string_view key) const;
    // Pointer of member `key` (escaped), whether or not it exists.
    std::string pointerTo(std::string_view key) const;
    // Member as a view (invalid when absent).
    NodeView child(std::string_view key) const;
    // Items of an array member as views (empty when absent or not an array).
    std::vector<NodeView> items(std::string_view key) const;
    // String items of an array member (non-strings skipped).
    std::vector<std::string_view> strings(std::string_view key) const;

protected:
    template <typename View>
    std::vector<View> itemsAs(std::string_view key) const {
        std::vector<View> out;
        for (auto& item : items(key)) out.emplace_back(item);
        return out;
    }

    const Json* node_ = nullptr;
    std::string pointer_;
};

// ---- sources, columns, filters, groupings, actions ----------------------------------------------------------

// `source` of an element, a control value list, a filter target, a join leg, a union member ...
class SourceView : public NodeView {
public:
    SourceView() = default;
    explicit SourceView(const NodeView& node) : NodeView(node) {}

    std::string_view kind() const { return str("kind"); }   // warehouse-table, table, sql, join, union, ...
    std::string_view connectionId() const { return str("connectionId"); }
    std::vector<std::string_view> path() const { return strings("path"); }
    std::string pathText() const;                           // "DB.SCHEMA.TABLE"
    std::string_view elementId() const { return str("elementId"); }
    std::string_view groupingId() const { return str("groupingId"); }
    std::string_view statement() const { return str("statement"); } // sql
    std::string_view dataModelId() const { return str("dataModelId"); }
    std::string_view inodeId() const { return str("inodeId"); }     // csv-table
    std::string_view from() const { return str("from"); }           // linked input table
    std::string_view columnId() const { return str("columnId"); }   // control value lists, filter targets
    std::string_view name() const { return str("name"); }           // join / union name
    // The nested `source` (control value lists `{kind: source, source}`, transpose).
    SourceView inner() const { return SourceView(child("source")); }
    // Every directly nested source: `source`, `primarySource`, each join's `left`/`right`, each union member.
    std::vector<SourceView> nested() const;
    // This source and everything nested in it, depth-first (a join of joins included).
    std::vector<SourceView> flatten() const;
};

// Every `elementId` anywhere inside `value` (a source with its join legs and union members, an action effect
// ...), added to `out`. The walk stops 64 levels down, so a hostile nesting cannot exhaust the stack. The access
// rules (preview/access.cpp) and the validator's leak lineage (security/leak) read lineage through this one walk.
void collectElementIds(const Json& value, std::set<std::string>& out);

class ColumnView : public NodeView {
public:
    ColumnView() = default;
    explicit ColumnView(const NodeView& node) : NodeView(node) {}

    std::string_view id() const { return str("id"); }
    std::string_view name() const { return str("name"); }
    std::string_view formula() const { return str("formula"); }
    std::string_view description() const { return str("description"); }
    NodeView format() const { return child("format"); }
    bool hidden() const;
};

// An element filter ({id, columnId, kind, ...}) or a control's target ({source, columnId}).
class FilterView : public NodeView {
public:
    FilterView() = default;
    explicit FilterView(const NodeView& node) : NodeView(node) {}

    std::string_view id() const { return str("id"); }
    std::string_view columnId() const { return str("columnId"); }
    std::string_view kind() const { return str("kind"); } // list, top-n, number-range, date-range, ...
    std::string_view state() const { return str("state"); }
    SourceView source() const { return SourceView(child("source")); } // control targets
};

class GroupingView : public NodeView {
public:
    GroupingView() = default;
    explicit GroupingView(const NodeView& node) : NodeView(node) {}

    std::string_view id() const { return str("id"); }
    std::vector<std::string_view> groupBy() const { return strings("groupBy"); }
    std::vector<std::string_view> calculations() const { return strings("calculations"); }
};

class EffectView : public NodeView {
public:
    EffectView() = default;
    explicit EffectView(const NodeView& node) : NodeView(node) {}

    std::string_view kind() const { return str("kind"); } // navigate, set-control-value, open-overlay, ...
};

class ActionView : public NodeView {
public:
    ActionView() = default;
    explicit ActionView(const NodeView& node) : NodeView(node) {}

    std::string_view id() const { return str("id"); }
    std::string_view trigger() const { return str("trigger"); }
    std::vector<EffectView> effects() const { return itemsAs<EffectView>("effects"); }
};

// ---- elements -----------------------------------------------------------------------------------------------

class ElementView : public NodeView {
public:
    ElementView() = default;
    explicit ElementView(const NodeView& node) : NodeView(node) {}

    std::string_view id() const { return str("id"); }
    std::string_view kind() const { return str("kind"); }
    KindCategory category() const { return classifyKind(kind()); }
    // The title: `name` as a string, or the `text` of a title object {text, fontSize, ...}.
    std::string_view name() const;
    // Where the title text lives: "<element>/name" or "<element>/name/text".
    std::string namePointer() const;

    SourceView source() const { return SourceView(child("source")); }
    std::vector<ColumnView> columns() const { return itemsAs<ColumnView>("columns"); }
    std::optional<ColumnView> findColumn(std::string_view columnId) const;
    std::vector<FilterView> filters() const { return itemsAs<FilterView>("filters"); }
    std::vector<GroupingView> groupings() const { return itemsAs<GroupingView>("groupings"); }
    std::vector<ActionView> actions() const { return itemsAs<ActionView>("actions"); }

    // Controls: `id` is the layout handle, `controlId` the handle formulas and actions use.
    std::string_view controlId() const { return str("controlId"); }
    std::string_view controlType() const { return str("controlType"); }

    bool isTable() const { return isTableKind(kind()); }
    bool isChart() const { return isChartKind(kind()); }
    bool isMap() const { return isMapKind(kind()); }
    bool isControl() const { return isControlKind(kind()); }
    bool isContainer() const { return isContainerKind(kind()); }
    bool isContent() const { return isContentKind(kind()); }
    bool isDataElement() const { return isDataElementKind(kind()); }
};

// ---- pages, overlays, panels ------------------------------------------------------------------------------

class PageView : public NodeView {
public:
    PageView() = default;
    explicit PageView(const NodeView& node) : NodeView(node) {}

    std::string_view id() const { return str("id"); }
    std::string_view name() const { return str("name"); }
    std::string_view type() const { return str("type"); }
    bool hidden() const; // visibility: hidden
};

class OverlayView : public NodeView {
public:
    OverlayView() = default;
    explicit OverlayView(const NodeView& node) : NodeView(node) {}

    std::string_view id() const { return str("id"); }
    std::string_view name() const { return str("name"); }
    std::string_view type() const { return str("type"); } // modal | drawer
    bool isModal() const { return type() == "modal"; }
    bool isDrawer() const { return type() == "drawer"; }
    // The type-specific settings: the `modal` or `drawer` member.
    NodeView config() const { return type().empty() ? NodeView() : child(type()); }
};

class PanelView : public NodeView {
public:
    PanelView() = default;
    explicit PanelView(const NodeView& node) : NodeView(node) {}

    std::string_view id() const { return str("id"); }
    std::string_view type() const { return str("type"); } // header | sidebar
    std::string_view title() const { return str("title"); }
    std::string_view width() const { return str("width"); }
    std::vector<std::string_view> pages() const { return strings("pages"); }
    NodeView config() const { return child("config"); }
};

// ---- the workbook ------------------------------------------------------------------------------------------

class WorkbookView {
public:
    explicit WorkbookView(const Document& document);

    // The envelope (outer keys).
    NodeView envelope() const { return envelope_; }
    std::string_view name() const { return envelope_.str("name"); }
    std::string_view folderId() const { return envelope_.str("folderId"); }
    std::string_view description() const { return envelope_.str("description"); }

    // The body: `contents`, or the legacy `document` (isLegacyBody()). Invalid when the file has neither.
    NodeView contents() const { return contents_; }
    bool hasContents() const { return contents_.valid(); }
    bool isLegacyBody() const { return contents_.pointer() == "/document"; }
    std::string_view kind() const { return contents_.str("kind"); } // "workbook"

    std::vector<PageView> pages() const;
    std::vector<OverlayView> overlays() const;
    std::vector<PanelView> panels() const;
    std::vector<ElementView> elements() const;
    std::vector<ElementView> controls() const; // elements of kind control
    std::optional<ElementView> findElement(std::string_view id) const;
    std::optional<ElementView> findControl(std::string_view controlId) const; // by controlId
    std::optional<PageView> findPage(std::string_view id) const;
    std::optional<OverlayView> findOverlay(std::string_view id) const;
    std::optional<PanelView> findPanel(std::string_view id) const;

    std::string_view layout() const { return contents_.str("layout"); }
    std::string layoutPointer() const { return contents_.pointerTo("layout"); }
    NodeView settings() const { return contents_.child("settings"); }

private:
    NodeView envelope_;
    NodeView contents_;
};

} // namespace quire::doc
