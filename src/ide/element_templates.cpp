#include "element_templates.h"

namespace quire::ide {

const std::vector<PaletteEntry>& paletteEntries() {
    static const std::vector<PaletteEntry> entries = {
        {"table", "Table", "Data", 24, 14},
        {"pivot-table", "Pivot table", "Data", 12, 12},
        {"bar-chart", "Bar chart", "Charts", 12, 10},
        {"line-chart", "Line chart", "Charts", 12, 10},
        {"area-chart", "Area chart", "Charts", 12, 10},
        {"combo-chart", "Combo chart", "Charts", 12, 10},
        {"scatter-chart", "Scatter plot", "Charts", 12, 10},
        {"donut-chart", "Donut chart", "Charts", 8, 10},
        {"pie-chart", "Pie chart", "Charts", 8, 10},
        {"kpi-chart", "KPI", "Charts", 6, 5},
        {"waterfall-chart", "Waterfall", "Charts", 12, 10},
        {"funnel-chart", "Funnel", "Charts", 8, 10},
        {"gauge-chart", "Gauge", "Charts", 6, 8},
        {"sankey-chart", "Sankey", "Charts", 12, 10},
        {"treemap-chart", "Treemap", "Charts", 12, 10},
        {"box-chart", "Box plot", "Charts", 12, 10},
        {"point-map", "Point map", "Charts", 12, 12},
        {"region-map", "Region map", "Charts", 12, 12},
        {"control:list", "List", "Controls", 6, 3},
        {"control:date-range", "Date range", "Controls", 6, 3},
        {"control:date", "Date", "Controls", 6, 3},
        {"control:text", "Text input", "Controls", 6, 3},
        {"control:number", "Number", "Controls", 6, 3},
        {"control:number-range", "Number range", "Controls", 6, 3},
        {"control:slider", "Slider", "Controls", 6, 3},
        {"control:range-slider", "Range slider", "Controls", 6, 3},
        {"control:checkbox", "Checkbox", "Controls", 4, 3},
        {"control:switch", "Switch", "Controls", 4, 3},
        {"control:segmented", "Segmented", "Controls", 8, 3},
        {"control:top-n", "Top N", "Controls", 6, 3},
        {"text", "Text", "Content", 24, 3},
        {"image", "Image", "Content", 6, 6},
        {"button", "Button", "Content", 4, 2},
        {"divider", "Divider", "Content", 24, 1},
        {"embed", "Embed", "Content", 12, 10},
        {"navigation", "Navigation", "Content", 24, 2},
        {"container", "Container", "Layout", 24, 12},
        {"tabbed-container", "Tabs", "Layout", 24, 14},
        {"overlay:modal", "Modal", "Overlays", 24, 12},
        {"overlay:drawer", "Drawer", "Overlays", 12, 20},
    };
    return entries;
}

const PaletteEntry* findPaletteEntry(const QString& key) {
    for (const auto& e : paletteEntries())
        if (e.key == key) return &e;
    return nullptr;
}

std::string idStemFor(const QString& key) {
    if (key.startsWith("control:")) return key.mid(8).toStdString() + "-control";
    if (key.startsWith("overlay:")) return key.mid(8).toStdString();
    return key.toStdString();
}

QString kindLabel(const std::string& kind, const std::string& controlType) {
    if (kind == "control") {
        for (const auto& e : paletteEntries())
            if (e.key == QString::fromStdString("control:" + controlType)) return e.label + " control";
        return "Control";
    }
    for (const auto& e : paletteEntries())
        if (e.key == QString::fromStdString(kind)) return e.label;
    QString label = QString::fromStdString(kind);
    label.replace('-', ' ');
    if (!label.isEmpty()) label[0] = label[0].toUpper();
    return label;
}

namespace {

std::string elementName(const Json& e) {
    if (e.contains("name") && e["name"].is_string()) return e["name"].get<std::string>();
    if (e.contains("name") && e["name"].is_object() && e["name"].contains("text")) return e["name"]["text"].get<std::string>();
    return e.value("id", "");
}

// An element a new one can read from: it has columns and a query of its own (a control, text or container has not).
bool isDataElement(const Json* e) {
    if (!e || !e->is_object() || !e->contains("columns") || !(*e)["columns"].is_array()) return false;
    const std::string kind = e->value("kind", "");
    return kind != "control" && kind != "text" && kind != "button" && kind != "image" && kind != "container";
}

// The data element a control is about: the target of its first filter, else the source of its values.
const Json* controlDataElement(const DocumentModel& model, const Json& control) {
    std::vector<std::string> ids;
    for (const auto& f : control.value("filters", Json::array()))
        if (f.is_object() && f.contains("source") && f["source"].is_object()) ids.push_back(f["source"].value("elementId", ""));
    if (control.contains("source") && control["source"].is_object() && control["source"].contains("source") &&
        control["source"]["source"].is_object())
        ids.push_back(control["source"]["source"].value("elementId", ""));
    for (const auto& id : ids)
        if (const Json* e = model.findElement(id); isDataElement(e)) return e;
    return nullptr;
}

const Json* pickSource(const DocumentModel& model, const std::string& sourceId) {
    // The selected element when it has data; a selected control lends the element it filters; anything else
    // (text, container...) falls back to the first table instead of a source that cannot be queried.
    if (const Json* selected = sourceId.empty() ? nullptr : model.findElement(sourceId)) {
        if (isDataElement(selected)) return selected;
        if (selected->value("kind", "") == "control")
            if (const Json* target = controlDataElement(model, *selected)) return target;
    }
    if (const Json* list = model.elements())
        for (const auto& e : *list)
            if (e.is_object() && e.value("kind", "") == "table") return &e;
    return nullptr;
}

bool looksNumeric(const Json& column) {
    std::string name = column.value("name", "");
    std::string formula = column.value("formula", "");
    for (const char* hint : {"revenue", "amount", "count", "rate", "cost", "spend", "total", "value", "price", "sessions",
                             "clicks", "orders", "Revenue", "Amount", "Count", "Rate", "Cost", "Spend", "Total", "Value"})
        if (name.find(hint) != std::string::npos) return true;
    return formula.rfind("Sum(", 0) == 0 || formula.rfind("Count", 0) == 0 || formula.rfind("Avg(", 0) == 0;
}

} // namespace

Json makeElementFromTemplate(const DocumentModel& model, const QString& key, const std::string& id,
                             const std::string& sourceId) {
    Json e = Json::object();
    e["id"] = id;
    const PaletteEntry* entry = findPaletteEntry(key);
    const std::string label = entry ? entry->label.toStdString() : key.toStdString();

    if (key.startsWith("control:")) {
        const std::string type = key.mid(8).toStdString();
        std::string controlId = id;
        for (auto& c : controlId)
            if (c == '-') c = '_';
        e["kind"] = "control";
        e["controlId"] = controlId;
        e["controlType"] = type;
        e["name"] = label;
        if (type == "list" || type == "segmented") {
            e["mode"] = "include";
            e["selectionMode"] = type == "list" ? "multiple" : "single";
            e["values"] = Json::array();
            if (const Json* src = pickSource(model, sourceId); src && src->contains("columns") && !(*src)["columns"].empty())
                e["source"] = {{"kind", "source"},
                               {"source", {{"kind", "table"}, {"elementId", src->value("id", "")}}},
                               {"columnId", (*src)["columns"][0].value("id", "")}};
        } else if (type == "date-range") {
            e["mode"] = "between";
        } else if (type == "date") {
            e["mode"] = "=";
        } else if (type == "text") {
            e["mode"] = "equals";
            e["case"] = "insensitive";
            e["includeNulls"] = "when-no-value-is-selected";
            e["showOperators"] = false;
        } else if (type == "number") {
            e["mode"] = "=";
        } else if (type == "number-range" || type == "range-slider") {
            e["low"] = 0;
            e["high"] = 100;
        } else if (type == "slider") {
            e["low"] = 0;
            e["high"] = 100;
            e["mode"] = "<=";
            e["value"] = 50;
        } else if (type == "checkbox" || type == "switch") {
            e["value"] = false;
            e["mode"] = "True/All";
        } else if (type == "top-n") {
            e["rankingFunction"] = "rank";
            e["mode"] = "top-n";
            e["rowCount"] = 10;
        }
        return e;
    }
    if (key == "text") return Json{{"id", id}, {"kind", "text"}, {"body", "## New text\nDescribe what this page shows."}};
    if (key == "image") return Json{{"id", id}, {"kind", "image"}, {"url", "https://example.com/logo.png"}, {"alt", "Image"}};
    if (key == "button")
        return Json{{"id", id},
                    {"kind", "button"},
                    {"text", "Button"},
                    {"appearance", "filled"},
                    {"actions", Json::array({{{"id", id + "-click"},
                                              {"trigger", "on-click"},
                                              {"effects", Json::array({{{"kind", "open-url"}, {"url", "https://example.com"}, {"openTarget", "_blank"}}})}}})}};
    if (key == "divider") return Json{{"id", id}, {"kind", "divider"}, {"direction", "horizontal"}};
    if (key == "embed") return Json{{"id", id}, {"kind", "embed"}, {"url", "https://example.com"}};
    if (key == "navigation") return Json{{"id", id}, {"kind", "navigation"}, {"mode", "auto"}};
    if (key == "container") return Json{{"id", id}, {"kind", "container"}};
    if (key == "tabbed-container")
        return Json{{"id", id}, {"kind", "tabbed-container"}, {"tabs", Json::array({{{"name", "Tab 1"}}, {{"name", "Tab 2"}}})}};

    // Data elements: sourced from another element, columns taken from it.
    const std::string kind = key.toStdString();
    e["kind"] = kind;
    e["name"] = label;
    const Json* src = pickSource(model, sourceId);
    Json columns = Json::array();
    std::string dimension, measure, second;
    if (src) {
        e["source"] = {{"kind", "table"}, {"elementId", src->value("id", "")}};
        const std::string prefix = elementName(*src);
        const Json& srcColumns = src->contains("columns") ? (*src)["columns"] : Json::array();
        const Json* dimCol = nullptr;
        const Json* numCol = nullptr;
        for (const auto& c : srcColumns) {
            if (!c.is_object() || !c.contains("name")) continue;
            if (!numCol && looksNumeric(c)) numCol = &c;
            else if (!dimCol && !looksNumeric(c)) dimCol = &c;
        }
        if (kind == "table") {
            for (const auto& c : srcColumns)
                if (c.is_object() && c.contains("name"))
                    columns.push_back({{"id", id + "-" + c.value("id", "col")},
                                       {"name", c["name"]},
                                       {"formula", "[" + prefix + "/" + c["name"].get<std::string>() + "]"}});
        } else {
            if (dimCol) {
                dimension = id + "-dim";
                columns.push_back({{"id", dimension}, {"name", (*dimCol)["name"]},
                                   {"formula", "[" + prefix + "/" + (*dimCol)["name"].get<std::string>() + "]"}});
            }
            measure = id + "-value";
            if (numCol)
                columns.push_back({{"id", measure}, {"name", "Total " + (*numCol)["name"].get<std::string>()},
                                   {"formula", "Sum([" + prefix + "/" + (*numCol)["name"].get<std::string>() + "])"}});
            else
                columns.push_back({{"id", measure}, {"name", "Rows"}, {"formula", "Count()"}});
        }
    } else {
        e["source"] = {{"kind", "sql"}, {"connectionId", ""}, {"statement", "SELECT 1 AS one"}};
        measure = id + "-value";
        columns.push_back({{"id", measure}, {"name", "One"}, {"formula", "[Custom SQL/ONE]"}});
    }
    e["columns"] = columns;
    const bool cartesian = kind == "bar-chart" || kind == "line-chart" || kind == "area-chart" || kind == "combo-chart" ||
                           kind == "scatter-chart" || kind == "waterfall-chart" || kind == "box-chart";
    if (cartesian) {
        if (!dimension.empty() && kind != "box-chart") e["xAxis"] = {{"columnId", dimension}};
        e["yAxis"] = {{"columnIds", Json::array({measure})}};
    } else if (kind == "donut-chart" || kind == "pie-chart") {
        e["value"] = {{"columnId", measure}};
        if (!dimension.empty()) e["color"] = {{"columnId", dimension}};
    } else if (kind == "kpi-chart" || kind == "gauge-chart") {
        e["value"] = {{"columnId", measure}};
    } else if (kind == "pivot-table") {
        e["values"] = Json::array({measure});
        if (!dimension.empty()) e["rowsBy"] = Json::array({{{"columnId", dimension}}});
    } else if (kind == "funnel-chart") {
        if (!dimension.empty()) e["stage"] = {{"columnId", dimension}};
        e["series"] = {{"columnId", measure}};
    } else if (kind == "sankey-chart") {
        if (!dimension.empty()) e["stages"] = Json::array({{{"columnId", dimension}}});
        e["value"] = {{"columnId", measure}};
    } else if (kind == "treemap-chart") {
        if (!dimension.empty()) e["category"] = {{"columnId", dimension}};
    }
    return e;
}

} // namespace quire::ide
