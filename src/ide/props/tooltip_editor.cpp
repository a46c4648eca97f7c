// Tooltip (spec §3.5): on charts `tooltip {columnIds, columnNames, multiSeries, valueFormat}`, on maps a list
// `tooltip: [{columnId}]`. One column picker per extra column plus an empty one that adds a column; "(none)"
// removes it, and `tooltip` goes away when nothing is left in it. The shown/hidden toggles of charts are
// pickers whose "(default)" removes the key. Each pick is one undo step; other tooltip keys are kept.
#include "document_commands.h"
#include "editors.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QVBoxLayout>

namespace quire::ide::props {

namespace {

const std::set<std::string> kTooltipCharts{"bar-chart",    "line-chart",   "area-chart",    "combo-chart",  "scatter-chart",
                                           "waterfall-chart", "pie-chart", "donut-chart",   "funnel-chart", "treemap-chart",
                                           "gauge-chart",  "sankey-chart"};
const std::set<std::string> kTooltipMaps{"point-map", "region-map", "geography-map"};

// The column id of a tooltip item: "id", {columnId} or (older map documents) {id}.
std::string itemColumn(const Json& item) {
    if (item.is_string()) return item.get<std::string>();
    const std::string id = str(item, "columnId");
    return id.empty() ? str(item, "id") : id;
}

// Sets entry `index` of the tooltip's column list to `columnId` ("" removes it; index == size appends).
void setTooltipColumn(DocumentModel* model, const std::string& elementPointer, bool mapShape, std::size_t index, const std::string& columnId) {
    Json tooltip = current(model, elementPointer + "/tooltip");
    if (tooltip.is_null()) tooltip = mapShape ? Json::array() : Json::object();
    Json list = tooltip.is_array() ? tooltip : tooltip.value("columnIds", Json::array());
    if (!list.is_array()) return;
    if (index < list.size()) {
        if (columnId.empty()) list.erase(index);
        else if (list[index].is_object()) list[index][list[index].contains("columnId") || !list[index].contains("id") ? "columnId" : "id"] = columnId;
        else list[index] = tooltip.is_array() ? Json{{"columnId", columnId}} : Json(columnId);
    } else if (!columnId.empty()) {
        list.push_back(tooltip.is_array() ? Json{{"columnId", columnId}} : Json(columnId));
    }
    if (tooltip.is_array()) tooltip = list;
    else if (list.empty()) tooltip.erase("columnIds");
    else tooltip["columnIds"] = list;
    setValue(model, elementPointer + "/tooltip", tooltip.empty() ? std::nullopt : std::optional<Json>(tooltip), QObject::tr("Set tooltip columns"));
}

void addToggle(const Context& c, QFormLayout* form, const QString& label, const QString& name, const Json& tooltip, const char* key) {
    auto* box = enumPicker({"shown", "hidden"}, str(tooltip, key), true);
    box->setObjectName(name);
    QObject::connect(box, &QComboBox::currentIndexChanged, box, [model = c.model, box, p = c.pointer + "/tooltip", key, label] {
        Json tooltip = current(model, p);
        if (!tooltip.is_object()) tooltip = Json::object();
        const std::string v = pickedId(box);
        if (v.empty()) tooltip.erase(key);
        else tooltip[key] = v;
        setValue(model, p, tooltip.empty() ? std::nullopt : std::optional<Json>(tooltip), QObject::tr("Set %1").arg(label));
    });
    form->addRow(label, box);
}

} // namespace

QWidget* makeTooltipEditor(const Context& c, std::set<std::string>& known) {
    const Json& e = *c.element;
    const std::string kind = str(e, "kind");
    if (!kTooltipCharts.count(kind) && !kTooltipMaps.count(kind)) return nullptr;
    const Json tooltip = e.value("tooltip", Json());
    const bool mapShape = tooltip.is_array() || (tooltip.is_null() && kTooltipMaps.count(kind));
    if (!tooltip.is_null() && !tooltip.is_array() && !tooltip.is_object()) return nullptr; // malformed: read-only
    const Json list = tooltip.is_array() ? tooltip : tooltip.is_object() ? tooltip.value("columnIds", Json::array()) : Json::array();
    if (!list.is_array()) return nullptr;
    known.insert("tooltip");
    auto* box = new QGroupBox(QObject::tr("Tooltip"));
    box->setObjectName("tooltip");
    auto* form = new QFormLayout(box);
    auto* pickers = new QWidget;
    auto* column = new QVBoxLayout(pickers);
    column->setContentsMargins(0, 0, 0, 0);
    for (std::size_t i = 0; i <= list.size(); ++i) { // the last picker adds a column
        auto* picker = columnPicker(e, i < list.size() ? itemColumn(list[i]) : std::string(), true);
        picker->setObjectName(QStringLiteral("tooltip-column-%1").arg(i));
        QObject::connect(picker, &QComboBox::currentIndexChanged, picker,
                         [model = c.model, p = c.pointer, mapShape, i, picker] { setTooltipColumn(model, p, mapShape, i, pickedId(picker)); });
        column->addWidget(picker);
    }
    form->addRow(QObject::tr("Extra columns"), pickers);
    if (!mapShape) {
        addToggle(c, form, QObject::tr("Column names"), "tooltip-column-names", tooltip, "columnNames");
        if (kTooltipCharts.count(kind) && e.contains("yAxis")) addToggle(c, form, QObject::tr("All series"), "tooltip-multi-series", tooltip, "multiSeries");
        if (tooltip.is_object()) addOtherFields(form, tooltip, {"columnIds", "columnNames", "multiSeries"});
    }
    return box;
}

} // namespace quire::ide::props
