// Combo series (spec §3.5): per yAxis series its mark `type` (bar, line, area, scatter; stored as
// `{columnId, type}`, a bare id when the default is picked back) and whether it sits on the secondary axis
// (`yAxis2.columnIds`, kept a subset of yAxis). Each change is one undo step.
#include "document_commands.h"
#include "editors.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>

namespace quire::ide::props {

namespace {
const std::set<std::string> kSeriesCharts{"bar-chart", "line-chart", "area-chart", "combo-chart", "scatter-chart"};

std::string itemId(const Json& item) { return item.is_string() ? item.get<std::string>() : str(item, "columnId"); }
} // namespace

QWidget* makeSeriesEditor(const Context& c, std::set<std::string>& known) {
    const Json& e = *c.element;
    if (!kSeriesCharts.count(str(e, "kind")) || !e.contains("yAxis") || !e["yAxis"].is_object()) return nullptr;
    const Json ids = e["yAxis"].value("columnIds", Json());
    if (!ids.is_array() || ids.empty()) return nullptr;
    const Json y2 = e.value("yAxis2", Json());
    if (!y2.is_null() && !(y2.is_object() && (!y2.contains("columnIds") || y2["columnIds"].is_array()))) return nullptr;
    known.insert("yAxis2");
    const Json secondary = y2.is_object() ? y2.value("columnIds", Json::array()) : Json::array();
    auto* box = new QGroupBox(QObject::tr("Series"));
    box->setObjectName("series");
    auto* form = new QFormLayout(box);
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const Json& item = ids[i];
        const std::string id = itemId(item);
        if (id.empty()) continue;
        const std::string itemPointer = c.pointer + "/yAxis/columnIds/" + std::to_string(i);
        auto* row = new QWidget;
        auto* h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        auto* type = enumPicker({"bar", "line", "area", "scatter"}, item.is_object() ? str(item, "type") : "", true);
        type->setObjectName(QStringLiteral("series-type-%1").arg(i));
        QObject::connect(type, &QComboBox::currentIndexChanged, type, [model = c.model, type, itemPointer, id] {
            Json next = current(model, itemPointer);
            const std::string picked = pickedId(type);
            if (!next.is_object()) next = Json{{"columnId", id}};
            if (picked.empty()) next.erase("type");
            else next["type"] = picked;
            if (next.size() == 1 && next.contains("columnId")) next = Json(id); // back to the bare id
            setValue(model, itemPointer, next, QObject::tr("Set series type"));
        });
        auto* right = new QCheckBox(QObject::tr("Right axis"));
        right->setObjectName(QStringLiteral("series-y2-%1").arg(i));
        bool onRight = false;
        for (const auto& s : secondary) onRight = onRight || itemId(s) == id;
        right->setChecked(onRight);
        QObject::connect(right, &QCheckBox::toggled, right, [model = c.model, p = c.pointer, id](bool on) {
            Json axis = current(model, p + "/yAxis2");
            if (!axis.is_object()) axis = Json::object();
            Json list = axis.value("columnIds", Json::array());
            Json kept = Json::array();
            for (const auto& s : list)
                if (itemId(s) != id) kept.push_back(s);
            if (on) kept.push_back(id);
            axis["columnIds"] = kept;
            // The key goes away with its last column unless it carries other settings (format…).
            const bool empty = kept.empty() && axis.size() == 1;
            setValue(model, p + "/yAxis2", empty ? std::nullopt : std::optional<Json>(axis),
                     on ? QObject::tr("Put series on the right axis") : QObject::tr("Put series on the left axis"));
        });
        h->addWidget(type, 1);
        h->addWidget(right);
        form->addRow(columnName(e, id), row);
    }
    return box;
}

} // namespace quire::ide::props
