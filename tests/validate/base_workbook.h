#pragma once
// A valid workbook that touches most rule families: every rule test breaks one thing in a copy of it.
// Keep one JSON member per line where tests point at it (the expected location is found by text search).
#include <string_view>

namespace quire::test {

inline constexpr std::string_view kBaseWorkbookJson = R"JSON({
  "name": "Rules Base",
  "folderId": "5f0c7e9a-1d2b-4c3e-8f40-a1b2c3d4e5f6",
  "contents": {
    "schemaVersion": 1,
    "kind": "workbook",
    "pages": [
      { "id": "p1", "name": "Main" },
      { "id": "p2", "name": "Second" }
    ],
    "overlays": [
      { "id": "ov1", "type": "modal", "name": "Details",
        "actions": [ { "id": "a-ov", "trigger": "on-close", "effects": [ { "kind": "close-overlay" } ] } ] }
    ],
    "elements": [
      { "id": "orders", "kind": "table", "name": "Orders",
        "source": { "kind": "warehouse-table", "connectionId": "c-1", "path": ["DB", "PUBLIC", "ORDERS"] },
        "columns": [
          { "id": "o-region", "name": "Region", "formula": "[ORDERS/REGION]" },
          { "id": "o-date", "name": "Order Date", "formula": "[ORDERS/ORDER_DATE]" },
          { "id": "o-amount", "name": "Amount", "formula": "[ORDERS/AMOUNT]" },
          { "id": "o-double", "name": "Double", "formula": "[Amount] * 2" }
        ],
        "groupings": [ { "id": "g1", "groupBy": ["o-region"], "calculations": ["o-amount"] } ],
        "sort": [ { "columnId": "o-date", "direction": "descending" } ],
        "filters": [ { "id": "f1", "columnId": "o-region", "kind": "list", "mode": "include", "values": ["East"] } ],
        "actions": [ { "id": "a-sel", "trigger": "on-select", "effects": [ { "kind": "open-overlay", "overlayId": "ov1" } ] } ]
      },
      { "id": "by-region", "kind": "bar-chart", "name": "By region",
        "source": { "kind": "table", "elementId": "orders" },
        "columns": [
          { "id": "b-region", "name": "Region", "formula": "[Orders/Region]" },
          { "id": "b-amount", "name": "Amount", "formula": "Sum([Orders/Amount])" },
          { "id": "b-count", "name": "Count", "formula": "Count([Orders/Region])" },
          { "id": "b-filtered", "name": "Filtered", "formula": "If([region-filter] = [Region], [Amount], 0)" }
        ],
        "xAxis": { "columnId": "b-region" },
        "yAxis": { "columnIds": ["b-amount", "b-count"] },
        "yAxis2": { "columnIds": ["b-count"] },
        "color": { "by": "single", "value": "#1f77b4" },
        "stacking": "none"
      },
      { "id": "share", "kind": "donut-chart", "name": "Share",
        "source": { "kind": "table", "elementId": "orders" },
        "columns": [
          { "id": "s-region", "name": "Region", "formula": "[Orders/Region]" },
          { "id": "s-amount", "name": "Amount", "formula": "Sum([Orders/Amount])" },
          { "id": "s-count", "name": "Count", "formula": "Count([Orders/Region])" }
        ],
        "value": { "columnId": "s-amount" },
        "holeValue": { "columnId": "s-count" },
        "color": { "columnId": "s-region" }
      },
      { "id": "region-ctl", "kind": "control", "controlId": "region-filter", "name": "Region",
        "controlType": "list", "mode": "include", "selectionMode": "multiple", "values": [],
        "source": { "kind": "source", "source": { "kind": "table", "elementId": "orders" }, "columnId": "o-region" },
        "filters": [ { "source": { "kind": "table", "elementId": "orders" }, "columnId": "o-region" } ] },
      { "id": "go", "kind": "button", "text": "Go",
        "actions": [ { "id": "a-go", "trigger": "on-click", "effects": [
          { "kind": "navigate", "target": { "type": "page", "page": "p2" } },
          { "kind": "open-url", "url": "https://example.com", "openTarget": "_blank" },
          { "kind": "set-control-value", "control": "region-filter", "value": { "type": "constant", "value": { "type": "text", "value": "East" } } },
          { "kind": "select-tab", "tabbedContainerElementId": "tabs", "selectedTab": { "type": "tab", "index": 1 } }
        ] } ] },
      { "id": "box", "kind": "container", "style": { "backgroundColor": "#ffffff", "padding": "none" } },
      { "id": "note", "kind": "text", "body": "Hello" },
      { "id": "tabs", "kind": "tabbed-container", "tabs": [ { "name": "One" }, { "name": "Two" } ] },
      { "id": "t1", "kind": "text", "body": "Tab one" },
      { "id": "t2", "kind": "text", "body": "Tab two" },
      { "id": "brk", "kind": "page-break" }
    ],
    "layout": "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Page type=\"grid\" gridTemplateColumns=\"repeat(24, 1fr)\" gridTemplateRows=\"auto\" id=\"p1\">\n  <Element elementId=\"region-ctl\" gridColumn=\"1 / 7\" gridRow=\"1 / 3\"/>\n  <Element elementId=\"go\" gridColumn=\"7 / 9\" gridRow=\"1 / 3\"/>\n  <Element elementId=\"orders\" gridColumn=\"1 / 25\" gridRow=\"3 / 15\"/>\n  <Element elementId=\"by-region\" gridColumn=\"1 / 13\" gridRow=\"15 / 25\"/>\n  <Element elementId=\"share\" gridColumn=\"13 / 25\" gridRow=\"15 / 25\"/>\n  <Element elementId=\"brk\" gridColumn=\"1 / 25\" gridRow=\"25 / 26\"/>\n  <Container elementId=\"box\" type=\"grid\" gridColumn=\"1 / 25\" gridRow=\"26 / 30\" gridTemplateColumns=\"repeat(24, 1fr)\" gridTemplateRows=\"auto\">\n    <Element elementId=\"note\" gridColumn=\"1 / 25\" gridRow=\"1 / 3\"/>\n  </Container>\n  <TabbedContainer elementId=\"tabs\" type=\"tabbed-container\" gridColumn=\"1 / 25\" gridRow=\"30 / 40\">\n    <Tab gridTemplateColumns=\"repeat(24, 1fr)\" gridTemplateRows=\"auto\">\n      <Element elementId=\"t1\" gridColumn=\"1 / 25\" gridRow=\"1 / 4\"/>\n    </Tab>\n    <Tab gridTemplateColumns=\"repeat(24, 1fr)\" gridTemplateRows=\"auto\">\n      <Element elementId=\"t2\" gridColumn=\"1 / 25\" gridRow=\"1 / 4\"/>\n    </Tab>\n  </TabbedContainer>\n</Page>\n<Page type=\"grid\" gridTemplateColumns=\"repeat(24, 1fr)\" gridTemplateRows=\"auto\" id=\"p2\">\n</Page>\n<Page type=\"grid\" gridTemplateColumns=\"repeat(24, 1fr)\" gridTemplateRows=\"auto\" id=\"ov1\">\n</Page>\n"
  }
}
)JSON";

// The same kind of workbook in YAML, with the layout as a literal block (layout lines map to file lines).
inline constexpr std::string_view kBaseWorkbookYaml = R"YAML(name: Rules Base YAML
folderId: 5f0c7e9a-1d2b-4c3e-8f40-a1b2c3d4e5f6
contents:
  schemaVersion: 1
  kind: workbook
  pages:
    - id: main
      name: Main
  elements:
    - id: sales
      kind: table
      name: Sales
      source:
        kind: warehouse-table
        connectionId: c-2
        path: [DB, PUBLIC, SALES]
      columns:
        - id: s-store
          name: Store
          formula: "[SALES/STORE]"
        - id: s-total
          name: Total
          formula: "[SALES/TOTAL]"
    - id: trend
      kind: line-chart
      name: Trend
      source:
        kind: table
        elementId: sales
      columns:
        - id: t-store
          name: Store
          formula: "[Sales/Store]"
        - id: t-total
          name: Total
          formula: Sum([Sales/Total])
      xAxis:
        columnId: t-store
      yAxis:
        columnIds: [t-total]
      stacking: stacked
  layout: |
    <?xml version="1.0" encoding="utf-8"?>
    <Page type="grid" gridTemplateColumns="repeat(24, 1fr)" gridTemplateRows="auto" id="main">
      <Element elementId="sales" gridColumn="1 / 25" gridRow="1 / 15"/>
      <Element elementId="trend" gridColumn="1 / 25" gridRow="15 / 25"/>
    </Page>
)YAML";

} // namespace quire::test
