#include <catch2/catch.hpp>
#include <quire/doc/io.h>
#include <quire/doc/views.h>
#include <test_support.h>

#include <set>

using namespace quire;
using namespace quire::doc;

namespace {

Document parse(const std::string& text, Format format = Format::Yaml) {
    auto r = parseDocument(text, format, "v.yaml");
    for (const auto& d : r.diagnostics) INFO(formatDiagnostic(d));
    REQUIRE(r.ok());
    return std::move(*r.document);
}

Document corpus(const std::string& name) {
    auto r = loadDocument(quire::test::sourceDir() + "/tests/corpus/" + name);
    REQUIRE(r.ok());
    return std::move(*r.document);
}

// Every view must point at exactly the value it reads.
void checkPointer(const Document& doc, const NodeView& view) {
    REQUIRE(view.valid());
    INFO(view.pointer());
    CHECK(&doc.root.at(JsonPointer(view.pointer())) == view.json());
}

const char* kWorkbook = R"(name: Views
folderId: f-1
contents:
  schemaVersion: 1
  kind: workbook
  pages:
    - {id: p1, name: Main}
    - {id: p2, name: Hidden, visibility: hidden}
  overlays:
    - {id: ov, type: modal, name: Details, modal: {width: medium}}
  panels:
    - {id: side, type: sidebar, title: Nav, pages: [p1, p2], width: small}
  elements:
    - id: orders
      kind: table
      name: Orders
      source: {kind: warehouse-table, connectionId: c-1, path: [DB, PUBLIC, ORDERS]}
      columns:
        - {id: o-amount, name: Amount, formula: "[ORDERS/AMOUNT]", format: {kind: number}}
        - {id: o-region, name: Region, formula: "[ORDERS/REGION]", hidden: true}
      groupings:
        - {id: g1, groupBy: [o-region], calculations: [o-amount]}
      filters:
        - {id: f1, columnId: o-region, kind: list, mode: include, values: [West]}
    - id: kpi
      kind: kpi-chart
      name: {text: Total, fontSize: 20}
      source: {kind: table, elementId: orders}
      actions:
        - id: a1
          trigger: on-select
          effects:
            - {kind: open-overlay, overlayId: ov}
            - {kind: navigate, target: {type: page, page: p2}}
    - id: joined
      kind: table
      source:
        kind: join
        primarySource: {kind: warehouse-table, connectionId: c-1, path: [DB, PUBLIC, ORDERS]}
        joins:
          - left: {kind: table, elementId: orders}
            right:
              kind: union
              sources:
                - {kind: warehouse-table, connectionId: c-2, path: [WH, S, A]}
                - {kind: sql, connectionId: c-3, statement: select 1}
            columns: [{left: "[Id]", right: "[Id]"}]
    - id: ctl
      kind: control
      controlId: region-filter
      controlType: list
      source: {kind: source, source: {kind: table, elementId: orders}, columnId: o-region}
      filters:
        - {source: {kind: table, elementId: orders}, columnId: o-region}
    - {id: "a/b~c", kind: sparkle-widget}
  layout: "<Page id=\"p1\"/>"
  settings: {theme: {name: Light}}
)";

} // namespace

TEST_CASE("workbook view reads envelope, collections and lookups", "[doc][views]") {
    const Document doc = parse(kWorkbook);
    WorkbookView wb(doc);
    CHECK(wb.name() == "Views");
    CHECK(wb.folderId() == "f-1");
    CHECK(wb.hasContents());
    CHECK_FALSE(wb.isLegacyBody());
    CHECK(wb.kind() == "workbook");
    CHECK(wb.contents().pointer() == "/contents");
    CHECK(wb.layout() == "<Page id=\"p1\"/>");
    CHECK(wb.layoutPointer() == "/contents/layout");
    checkPointer(doc, wb.settings());

    auto pages = wb.pages();
    REQUIRE(pages.size() == 2);
    CHECK(pages[1].id() == "p2");
    CHECK(pages[1].hidden());
    CHECK_FALSE(pages[0].hidden());
    checkPointer(doc, pages[1]);
    CHECK(pages[1].pointer() == "/contents/pages/1");

    auto overlays = wb.overlays();
    REQUIRE(overlays.size() == 1);
    CHECK(overlays[0].isModal());
    CHECK(overlays[0].config().str("width") == "medium");
    CHECK(overlays[0].config().pointer() == "/contents/overlays/0/modal");

    auto panel = wb.findPanel("side");
    REQUIRE(panel);
    CHECK(panel->type() == "sidebar");
    CHECK(panel->title() == "Nav");
    CHECK(panel->pages() == std::vector<std::string_view>{"p1", "p2"});

    CHECK(wb.elements().size() == 5);
    CHECK(wb.findElement("kpi")->kind() == "kpi-chart");
    CHECK_FALSE(wb.findElement("nope"));
    CHECK(wb.findPage("p1")->name() == "Main");
    CHECK(wb.findOverlay("ov")->name() == "Details");
    auto controls = wb.controls();
    REQUIRE(controls.size() == 1);
    CHECK(wb.findControl("region-filter")->id() == "ctl");
    CHECK_FALSE(wb.findControl("ctl")); // the layout id is not the control handle
}

TEST_CASE("element view: columns, groupings, filters, names", "[doc][views]") {
    const Document doc = parse(kWorkbook);
    WorkbookView wb(doc);
    auto orders = *wb.findElement("orders");
    CHECK(orders.isTable());
    CHECK(orders.isDataElement());
    CHECK(orders.name() == "Orders");
    CHECK(orders.namePointer() == "/contents/elements/0/name");
    auto columns = orders.columns();
    REQUIRE(columns.size() == 2);
    CHECK(columns[0].formula() == "[ORDERS/AMOUNT]");
    CHECK(columns[0].format().str("kind") == "number");
    CHECK_FALSE(columns[0].hidden());
    CHECK(columns[1].hidden());
    checkPointer(doc, columns[1]);
    CHECK(columns[1].pointer() == "/contents/elements/0/columns/1");
    CHECK(orders.findColumn("o-region")->name() == "Region");
    CHECK_FALSE(orders.findColumn("o-missing"));
    auto groupings = orders.groupings();
    REQUIRE(groupings.size() == 1);
    CHECK(groupings[0].groupBy() == std::vector<std::string_view>{"o-region"});
    CHECK(groupings[0].calculations() == std::vector<std::string_view>{"o-amount"});
    auto filters = orders.filters();
    REQUIRE(filters.size() == 1);
    CHECK(filters[0].kind() == "list");
    CHECK(filters[0].columnId() == "o-region");

    auto source = orders.source();
    CHECK(source.kind() == "warehouse-table");
    CHECK(source.connectionId() == "c-1");
    CHECK(source.pathText() == "DB.PUBLIC.ORDERS");
    CHECK(source.pointer() == "/contents/elements/0/source");

    auto kpi = *wb.findElement("kpi");
    CHECK(kpi.isChart());
    CHECK(kpi.name() == "Total"); // title object
    CHECK(kpi.namePointer() == "/contents/elements/1/name/text");
    checkPointer(doc, NodeView(&doc.root.at(JsonPointer(kpi.namePointer())), kpi.namePointer()));
    CHECK(kpi.source().elementId() == "orders");
    CHECK(kpi.columns().empty());
}

TEST_CASE("actions and effects", "[doc][views]") {
    const Document doc = parse(kWorkbook);
    auto actions = WorkbookView(doc).findElement("kpi")->actions();
    REQUIRE(actions.size() == 1);
    CHECK(actions[0].id() == "a1");
    CHECK(actions[0].trigger() == "on-select");
    auto effects = actions[0].effects();
    REQUIRE(effects.size() == 2);
    CHECK(effects[0].kind() == "open-overlay");
    CHECK(effects[0].str("overlayId") == "ov");
    CHECK(effects[1].child("target").str("page") == "p2");
    checkPointer(doc, effects[1]);
    CHECK(effects[1].pointer() == "/contents/elements/1/actions/0/effects/1");
}

TEST_CASE("nested sources flatten depth-first", "[doc][views]") {
    const Document doc = parse(kWorkbook);
    auto joined = WorkbookView(doc).findElement("joined")->source();
    CHECK(joined.kind() == "join");
    std::vector<std::string_view> kinds;
    std::set<std::string_view> connections;
    for (const auto& s : joined.flatten()) {
        checkPointer(doc, s);
        kinds.push_back(s.kind());
        if (!s.connectionId().empty()) connections.insert(s.connectionId());
    }
    CHECK(kinds == std::vector<std::string_view>{"join", "warehouse-table", "table", "union", "warehouse-table", "sql"});
    CHECK(connections == std::set<std::string_view>{"c-1", "c-2", "c-3"});
    auto legs = joined.nested();
    REQUIRE(legs.size() == 3);
    CHECK(legs[2].pointer() == "/contents/elements/2/source/joins/0/right");
    CHECK(legs[2].nested()[1].statement() == "select 1");
}

TEST_CASE("control view: controlId, type, value source and targets", "[doc][views]") {
    const Document doc = parse(kWorkbook);
    auto ctl = *WorkbookView(doc).findElement("ctl");
    CHECK(ctl.isControl());
    CHECK_FALSE(ctl.isDataElement());
    CHECK(ctl.controlId() == "region-filter");
    CHECK(ctl.controlType() == "list");
    CHECK(ctl.source().kind() == "source");
    CHECK(ctl.source().inner().elementId() == "orders");
    CHECK(ctl.source().columnId() == "o-region");
    auto targets = ctl.filters();
    REQUIRE(targets.size() == 1);
    CHECK(targets[0].source().elementId() == "orders");
    CHECK(targets[0].source().pointer() == "/contents/elements/3/filters/0/source");
}

TEST_CASE("pointers escape ids and keys, unknown kinds are kept", "[doc][views]") {
    Document doc = parse(kWorkbook);
    doc.root["contents"]["elements"][4]["we/ird~key"] = "x";
    auto odd = *WorkbookView(doc).findElement("a/b~c");
    CHECK(odd.category() == KindCategory::Unknown);
    CHECK(odd.pointerTo("we/ird~key") == "/contents/elements/4/we~1ird~0key");
    CHECK(odd.str("we/ird~key") == "x");
    checkPointer(doc, odd.child("we/ird~key"));
}

TEST_CASE("views never throw on wrong shapes", "[doc][views]") {
    const Document doc = parse(R"(name: 7
contents:
  pages: {not: a list}
  overlays: [1, null]
  elements:
    - 42
    - {id: [x], kind: 3, name: {text: 5}, columns: "no", source: [1], filters: [{source: 1}], actions: [{effects: 2}]}
  layout: 12
)");
    WorkbookView wb(doc);
    CHECK(wb.name().empty());
    CHECK(wb.pages().empty());
    auto overlays = wb.overlays();
    REQUIRE(overlays.size() == 2);
    CHECK(overlays[0].id().empty());
    CHECK_FALSE(overlays[0].config().valid());
    CHECK(wb.layout().empty());
    auto elements = wb.elements();
    REQUIRE(elements.size() == 2);
    CHECK(elements[0].id().empty());
    CHECK(elements[0].columns().empty());
    CHECK(elements[0].category() == KindCategory::Unknown);
    const auto& e = elements[1];
    CHECK(e.id().empty());
    CHECK(e.kind().empty());
    CHECK(e.name().empty());
    CHECK(e.columns().empty());
    CHECK(e.source().kind().empty());
    CHECK(e.source().flatten().empty());
    CHECK(e.filters().at(0).source().elementId().empty());
    CHECK(e.actions().at(0).effects().empty());
    CHECK_FALSE(wb.findElement(""));
}

TEST_CASE("workbook view without a body, and with the legacy body", "[doc][views]") {
    const Document flat = parse("name: only an envelope\n");
    WorkbookView none(flat);
    CHECK_FALSE(none.hasContents());
    CHECK(none.elements().empty());
    CHECK(none.name() == "only an envelope");

    const Document legacy = corpus("invalid/tableau-structural-workarounds.json");
    WorkbookView wb(legacy);
    CHECK(wb.isLegacyBody());
    CHECK(wb.contents().pointer() == "/document");
    auto control = wb.findControl("ctl-region");
    REQUIRE(control);
    CHECK(control->controlType() == "list");
    CHECK(control->pointer().rfind("/document/elements/", 0) == 0);
    checkPointer(legacy, *control);
    // Positions work through view pointers: the control's line in the file.
    CHECK(legacy.locate(control->pointer()).line == 34);
}

TEST_CASE("views over every corpus document point at what they read", "[doc][views][corpus]") {
    for (const char* name : {"minimal.json", "marketing-analytics.yaml", "invalid/tableau-structural-workarounds.json",
                             "invalid/mode-orders-report-normalized-ids.json"}) {
        INFO(name);
        const Document doc = corpus(name);
        WorkbookView wb(doc);
        REQUIRE(wb.hasContents());
        CHECK_FALSE(wb.pages().empty());
        CHECK_FALSE(wb.layout().empty());
        for (const auto& element : wb.elements()) {
            checkPointer(doc, element);
            CHECK_FALSE(element.id().empty());
            CHECK(isKnownKind(element.kind()));
            CHECK(doc.locate(element.pointer()).line > 0);
            for (const auto& column : element.columns()) checkPointer(doc, column);
            for (const auto& source : element.source().flatten()) checkPointer(doc, source);
        }
    }
}

TEST_CASE("element kind classification covers the spec", "[doc][views][kinds]") {
    auto kinds = knownElementKinds();
    CHECK(kinds.size() == 36);
    std::set<std::string_view> unique(kinds.begin(), kinds.end());
    CHECK(unique.size() == kinds.size());
    for (auto kind : kinds) {
        INFO(kind);
        KindCategory c = classifyKind(kind);
        CHECK(c != KindCategory::Unknown);
        // Each kind is in exactly one category.
        int hits = isTableKind(kind) + isChartKind(kind) + isMapKind(kind) + isControlKind(kind) +
                   isContainerKind(kind) + isContentKind(kind);
        CHECK(hits == 1);
        if (kind.ends_with("-chart")) CHECK(c == KindCategory::Chart);
        if (kind.ends_with("-map")) CHECK(c == KindCategory::Map);
        if (kind.ends_with("container")) CHECK(c == KindCategory::Container);
        if (isCartesianChartKind(kind) || isCircularChartKind(kind)) CHECK(isChartKind(kind));
        CHECK(kindCategoryName(c) != "unknown");
    }
    CHECK(isDataElementKind("pivot-table"));
    CHECK(isDataElementKind("region-map"));
    CHECK_FALSE(isDataElementKind("repeated-container"));
    CHECK(hasSourceKind("repeated-container"));
    CHECK_FALSE(hasSourceKind("text"));
    CHECK(isCartesianChartKind("combo-chart"));
    CHECK_FALSE(isCartesianChartKind("kpi-chart"));
    CHECK(isCircularChartKind("donut-chart"));
    CHECK(supportsOnSelect("table"));
    CHECK(supportsOnSelect("kpi-chart"));
    CHECK(supportsOnSelect("point-map"));
    CHECK_FALSE(supportsOnSelect("waterfall-chart"));
    CHECK_FALSE(supportsOnSelect("button"));
    CHECK_FALSE(supportsOnSelect("input-table"));
    CHECK(classifyKind("") == KindCategory::Unknown);
    CHECK(classifyKind("Table") == KindCategory::Unknown); // kinds are case-sensitive
    auto types = knownControlTypes();
    CHECK(std::set<std::string_view>(types.begin(), types.end()).count("date-range") == 1);
    CHECK(types.size() == 17);
}
