// Region map (spec §3.5 Maps): `region {columnId, regionType}` — the column of region names or codes and the
// kind of region they name. The colour channel is the Colour editor's (color_editor.cpp). Each pick is one undo
// step; other members of `region` are kept, and a document that spells the pointer `id` keeps that key.
#include "document_commands.h"
#include "editors.h"

#include <QFormLayout>
#include <QGroupBox>

namespace quire::ide::props {

QWidget* makeRegionEditor(const Context& c, std::set<std::string>& known) {
    const Json& e = *c.element;
    if (str(e, "kind") != "region-map") return nullptr;
    const Json region = e.value("region", Json::object());
    if (!region.is_object()) return nullptr; // malformed: read-only (the validator says why)
    known.insert("region");
    const std::string p = c.pointer + "/region";
    const char* columnKey = region.contains("id") && !region.contains("columnId") ? "id" : "columnId";
    auto* box = new QGroupBox(QObject::tr("Region"));
    box->setObjectName("region");
    auto* form = new QFormLayout(box);
    auto* column = columnPicker(e, str(region, columnKey), true);
    column->setObjectName("region-column");
    QObject::connect(column, &QComboBox::currentIndexChanged, column, [model = c.model, column, p, columnKey] {
        Json r = current(model, p);
        if (!r.is_object()) r = Json::object();
        const std::string id = pickedId(column);
        if (id.empty()) r.erase(columnKey);
        else r[columnKey] = id;
        setValue(model, p, r.empty() ? std::nullopt : std::optional<Json>(r), QObject::tr("Set region column"));
    });
    form->addRow(QObject::tr("Region column"), column);
    auto* type = enumPicker({"country", "us-state", "us-county", "us-zipcode", "us-cbsa", "us-postal-place", "ca-province"},
                            str(region, "regionType"), true);
    type->setObjectName("region-type");
    QObject::connect(type, &QComboBox::currentIndexChanged, type, [model = c.model, type, p] {
        Json r = current(model, p);
        if (!r.is_object()) r = Json::object();
        const std::string v = pickedId(type);
        if (v.empty()) r.erase("regionType");
        else r["regionType"] = v;
        setValue(model, p, r.empty() ? std::nullopt : std::optional<Json>(r), QObject::tr("Set region type"));
    });
    form->addRow(QObject::tr("Region type"), type);
    addOtherFields(form, region, {"columnId", "id", "regionType"});
    return box;
}

} // namespace quire::ide::props
