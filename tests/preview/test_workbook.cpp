#include "test_workbook.h"

namespace quire::preview::test {

const Json& workbook() {
    static const Json contents = Json::parse(R"JSON({
  "pages": [{"id": "p1", "name": "One"}, {"id": "p2", "name": "Two"}],
  "overlays": [{"id": "ov1", "type": "modal", "name": "Details",
    "actions": [
      {"id": "ov-primary", "trigger": "on-primary-cta-click", "effects": [
        {"kind": "set-control-value", "control": "region", "value": {"type": "constant", "value": {"type": "text-list", "value": ["West"]}}},
        {"kind": "close-overlay"}]},
      {"id": "ov-close", "trigger": "on-close", "effects": [{"kind": "clear-control", "scope": {"type": "control", "controlId": "region"}}]}]}],
  "elements": [
    {"id": "base", "kind": "table", "name": "Base", "source": {"kind": "warehouse-table", "connectionId": "c", "path": ["s", "orders"]},
     "columns": [{"id": "b-region", "name": "Region", "formula": "[orders/region]"}, {"id": "b-amt", "name": "Amount", "formula": "[orders/amount]"}]},
    {"id": "child", "kind": "table", "name": "Child", "source": {"kind": "table", "elementId": "base"},
     "columns": [{"id": "c-region", "name": "Region", "formula": "[Base/Region]"}]},
    {"id": "grand", "kind": "pivot-table", "name": "Grand", "source": {"kind": "table", "elementId": "child"}, "values": ["c-region"],
     "actions": [{"id": "grand-select", "trigger": "on-select", "effects": [
        {"kind": "set-control-value", "control": "region", "value": {"type": "column", "column": "Region"}, "selectionMode": "add"}]}]},
    {"id": "other", "kind": "table", "name": "Other", "source": {"kind": "warehouse-table", "connectionId": "c", "path": ["s", "items"]},
     "columns": [{"id": "o-x", "name": "X", "formula": "If([min-amount] > 3, 1, 0)"}]},
    {"id": "custom", "kind": "table", "name": "Custom", "source": {"kind": "sql", "connectionId": "c", "statement": "select * from t where x = {{search}}"},
     "columns": [{"id": "cu-x", "name": "X", "formula": "[Custom SQL/x]"}]},
    {"id": "joined", "kind": "table", "name": "Joined", "source": {"kind": "join", "joins": [{"left": {"kind": "table", "elementId": "base"},
       "right": {"kind": "table", "elementId": "other"}, "columns": [{"left": "[Region]", "right": "[X]"}]}]}, "columns": []},
    {"id": "ctl-region", "kind": "control", "controlId": "region", "controlType": "list", "mode": "include", "selectionMode": "multiple",
     "values": ["East"], "filters": [{"source": {"kind": "table", "elementId": "child"}, "columnId": "c-region"}]},
    {"id": "ctl-region-2", "kind": "control", "controlType": "synced", "controlId": "region"},
    {"id": "ctl-min", "kind": "control", "controlId": "min-amount", "controlType": "number", "mode": ">=", "value": 5},
    {"id": "ctl-search", "kind": "control", "controlId": "search", "controlType": "text", "mode": "equals", "value": "abc"},
    {"id": "ctl-dates", "kind": "control", "controlId": "dates", "controlType": "date-range", "mode": "between",
     "startDate": "2024-01-01", "endDate": "2024-03-31", "filters": [{"source": {"kind": "table", "elementId": "base"}, "columnId": "b-amt"}]},
    {"id": "ctl-amt-range", "kind": "control", "controlId": "amt-range", "controlType": "number-range", "low": 1, "high": 9},
    {"id": "ctl-flag", "kind": "control", "controlId": "flag", "controlType": "checkbox", "mode": "True/All", "value": true},
    {"id": "box", "kind": "container"},
    {"id": "tabs", "kind": "tabbed-container", "tabs": [{"name": "A"}, {"name": "B"}, {"name": "C"}]},
    {"id": "notes", "kind": "input-table", "name": "Notes", "inputMode": "edit", "source": {"kind": "empty", "connectionId": "c"},
     "columns": [{"id": "ID"}, {"id": "k", "key": true}, {"id": "note", "type": "text"}, {"id": "score", "type": "number"}]},
    {"id": "notes-view", "kind": "table", "name": "Notes view", "source": {"kind": "table", "elementId": "notes"}, "columns": []},
    {"id": "falls", "kind": "waterfall-chart", "source": {"kind": "table", "elementId": "base"}},
    {"id": "bars", "kind": "bar-chart", "source": {"kind": "table", "elementId": "base"},
     "actions": [{"id": "bars-select", "trigger": "on-select", "effects": [
        {"kind": "set-control-value", "control": "amt-range", "value": {"type": "column-range", "column": "Amount"}}]}]},
    {"id": "btn", "kind": "button", "text": "Go", "actions": [
      {"id": "act-seq", "trigger": "on-click", "effects": [
        {"kind": "set-control-value", "control": "search", "value": {"type": "constant", "value": {"type": "text", "value": "xyz"}}},
        {"kind": "navigate", "target": {"type": "page", "page": "p2"}},
        {"kind": "open-overlay", "overlayId": "ov1"}]},
      {"id": "act-cond", "trigger": "on-click", "condition": "[min-amount] > 100", "effects": [
        {"kind": "refresh-element", "target": {"type": "element", "element": "base"}}]}]}
  ],
  "layout": "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Page id=\"p1\"><Element elementId=\"base\"/><Element elementId=\"child\"/><Element elementId=\"grand\"/><Element elementId=\"ctl-dates\"/><Element elementId=\"btn\"/><Element elementId=\"bars\"/><Element elementId=\"falls\"/><Container elementId=\"box\"><Element elementId=\"ctl-region\"/><Element elementId=\"ctl-min\"/></Container><TabbedContainer elementId=\"tabs\"><Tab name=\"A\"><Element elementId=\"ctl-flag\"/></Tab></TabbedContainer></Page>\n<Page id=\"p2\"><Element elementId=\"other\"/><Element elementId=\"custom\"/><Element elementId=\"joined\"/><Element elementId=\"ctl-search\"/><Element elementId=\"ctl-region-2\"/><Element elementId=\"ctl-amt-range\"/><Element elementId=\"notes\"/><Element elementId=\"notes-view\"/></Page>\n<Page id=\"ov1\"></Page>\n"
})JSON");
    return contents;
}

} // namespace quire::preview::test
