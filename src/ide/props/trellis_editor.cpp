// Trellis (spec §3.5): `trellis {rowsBy, columnsBy: [{columnId}]}` on bar, line, area, combo, scatter and donut
// charts. One column picker per entry of each dimension plus an empty one that adds a column; picking "(none)"
// removes the entry, and the `trellis` key goes away with its last entry. Each pick is one undo step; other
// members of the trellis object (the legacy shape) are kept.
#include "document_commands.h"
#include "editors.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QVBoxLayout>

namespace quire::ide::props {

namespace {

const std::set<std::string> kTrellisCharts{"bar-chart", "line-chart", "area-chart", "combo-chart", "scatter-chart", "donut-chart"};

void setTrellisEntry(DocumentModel* model, const std::string& elementPointer, const char* dimension, std::size_t index,
                     const std::string& columnId) {
    Json trellis = current(model, elementPointer + "/trellis");
    if (!trellis.is_object()) trellis = Json::object();
    Json list = trellis.contains(dimension) && trellis[dimension].is_array() ? trellis[dimension] : Json::array();
    if (index < list.size()) {
        if (columnId.empty()) list.erase(index);
        else if (list[index].is_object()) list[index]["columnId"] = columnId;
        else list[index] = Json{{"columnId", columnId}};
    } else if (!columnId.empty()) {
        list.push_back(Json{{"columnId", columnId}});
    }
    if (list.empty()) trellis.erase(dimension);
    else trellis[dimension] = list;
    const QString what = std::string(dimension) == "rowsBy" ? QObject::tr("Set trellis rows") : QObject::tr("Set trellis columns");
    setValue(model, elementPointer + "/trellis", trellis.empty() ? std::nullopt : std::optional<Json>(trellis), what);
}

} // namespace

QWidget* makeTrellisEditor(const Context& c, std::set<std::string>& known) {
    const Json& e = *c.element;
    if (!kTrellisCharts.count(str(e, "kind"))) return nullptr;
    const Json trellis = e.value("trellis", Json::object());
    if (!trellis.is_object()) return nullptr; // malformed: shown read-only by the panel
    for (const char* dimension : {"rowsBy", "columnsBy"})
        if (trellis.contains(dimension) && !trellis[dimension].is_array()) return nullptr;
    known.insert("trellis");
    auto* box = new QGroupBox(QObject::tr("Trellis"));
    box->setObjectName("trellis");
    auto* form = new QFormLayout(box);
    for (const char* dimension : {"rowsBy", "columnsBy"}) {
        const Json list = trellis.value(dimension, Json::array());
        auto* pickers = new QWidget;
        auto* column = new QVBoxLayout(pickers);
        column->setContentsMargins(0, 0, 0, 0);
        for (std::size_t i = 0; i <= list.size(); ++i) { // the last picker adds a column
            auto* picker = columnPicker(e, i < list.size() ? str(list[i], "columnId") : std::string(), true);
            picker->setObjectName(QStringLiteral("trellis-%1-%2").arg(dimension).arg(i));
            QObject::connect(picker, &QComboBox::currentIndexChanged, picker,
                             [model = c.model, p = c.pointer, dimension, i, picker] { setTrellisEntry(model, p, dimension, i, pickedId(picker)); });
            column->addWidget(picker);
        }
        form->addRow(std::string(dimension) == "rowsBy" ? QObject::tr("Rows by") : QObject::tr("Columns by"), pickers);
    }
    return box;
}

} // namespace quire::ide::props
