// seed::Workbook -> wrapped Sigma document: sources, table elements, date-range controls, page and layout.
#include <quire/doc/seed.h>

#include <map>
#include <set>

#include "seed_model.h"
#include <quire/core/text.h>

namespace quire::doc::seed {
namespace {

constexpr int kControlWidth = 8;  // three controls per 24-column row
constexpr int kControlRows = 3;
constexpr int kTableRows = 17;    // ceil(3 + 10 visible rows * 4/3)

bool isDateType(const std::string& type) { return type == "date" || type == "datetime" || type == "timestamp"; }

// Seed `format` -> Sigma format object; null Json when the seed has none.
Json sigmaFormat(const Column& c, Diagnostics& diag) {
    static const std::map<std::string, std::pair<const char*, const char*>> formats{
        {"percentage", {"number", ".1%"}}, {"percent", {"number", ".1%"}},     {"currency", {"number", "$,.2f"}},
        {"integer", {"number", ",.0f"}},   {"number", {"number", ",.2f"}},     {"decimal", {"number", ",.2f"}},
        {"compact", {"number", ",.2s"}},   {"date", {"datetime", "%Y-%m-%d"}}, {"datetime", {"datetime", "%Y-%m-%d %H:%M"}},
        {"month", {"datetime", "%b %Y"}},
    };
    if (c.format.empty()) return nullptr;
    auto it = formats.find(c.format);
    if (it == formats.end()) {
        diag.warning("seed/unknown-format", c.pointer + "/format",
                     "format '" + c.format + "' is not one Quire can translate; the column keeps Sigma's default format");
        return nullptr;
    }
    return Json{{"kind", it->second.first}, {"formatString", it->second.second}};
}

// "start_date" / "end_date" -> "date"; "from_order_date" -> "order_date".
std::string dateColumnName(const Action& action) {
    for (const auto& p : action.parameters) {
        std::string n = p.name;
        for (const char* affix : {"start_", "end_", "from_", "to_"})
            if (n.rfind(affix, 0) == 0) return n.substr(std::string(affix).size());
        for (const char* affix : {"_start", "_end", "_from", "_to"}) {
            const std::string a(affix);
            if (n.size() > a.size() && n.compare(n.size() - a.size(), a.size(), a) == 0) return n.substr(0, n.size() - a.size());
        }
    }
    return "date";
}

struct Builder {
    const Workbook& wb;
    const std::string& folderId;
    Diagnostics& diag;
    std::set<std::string> usedIds;
    std::map<std::string, const DataSource*> sourceByName;
    struct Built {
        Json* table;          // the element object in `elements`
        const Element* seed;  // the seed element it was built from (columns align by index)
    };
    std::map<std::string, Built> elementByName; // seed element name -> first table built with that name
    std::vector<const Element*> builtFrom;      // parallel to `elements`
    std::map<std::string, std::string> connectionNote;
    Json elements = Json::array();

    std::string uniqueId(std::string base) {
        std::string id = base;
        for (int n = 2; usedIds.count(id); ++n) id = base + "-" + std::to_string(n);
        usedIds.insert(id);
        return id;
    }

    bool snowflake(const DataSource& ds) const { return ds.type.empty() || ds.type == "snowflake"; }
    std::string ident(const DataSource& ds, const std::string& name) const { return snowflake(ds) ? asciiUpper(name) : name; }

    Json source(const DataSource& ds) {
        const std::string uuid = deterministicUuid(ds.connection);
        connectionNote[ds.connection] = uuid;
        Json path = Json::array();
        if (!ds.database.empty()) path.push_back(ident(ds, ds.database));
        else if (snowflake(ds))
            diag.warning("seed/short-path", ds.pointer,
                         "data source '" + ds.name + "' has no `database`; Snowflake tables need database.schema.table, "
                         "so the path has only schema and table until you add it");
        path.push_back(ident(ds, ds.schema));
        path.push_back(ident(ds, ds.table));
        return Json{{"kind", "warehouse-table"}, {"connectionId", uuid}, {"path", path}};
    }

    Json column(const std::string& elementId, const DataSource& ds, const Column& c) {
        std::string formula(1, '[');
        formula.append(ident(ds, ds.table)).append(1, '/').append(ident(ds, c.name)).append(1, ']');
        Json col{{"id", uniqueId(elementId + "-" + slug(c.name))}, {"name", c.name}, {"formula", std::move(formula)}};
        if (Json format = sigmaFormat(c, diag); !format.is_null()) col["format"] = std::move(format);
        return col;
    }

    void element(const Element& e) {
        if (e.type != "table") {
            diag.error("seed/unsupported-element", e.pointer + "/type",
                       "element type '" + e.type + "' is not supported by the seed import (supported: table)");
            return;
        }
        auto ds = sourceByName.find(e.dataSource);
        if (ds == sourceByName.end()) {
            diag.error("seed/unknown-data-source", e.pointer + "/data_source",
                       "element '" + e.name + "' uses data source '" + e.dataSource + "', which `data_sources` does not define");
            return;
        }
        const std::string id = uniqueId(slug(e.name));
        Json el{{"id", id}, {"kind", "table"}, {"name", e.name}, {"source", source(*ds->second)}, {"columns", Json::array()}};
        if (e.columns.empty())
            diag.warning("seed/no-columns", e.pointer, "element '" + e.name + "' lists no columns; the table is empty");
        for (const auto& c : e.columns) el["columns"].push_back(column(id, *ds->second, c));
        el["x-seed"] = Json{{"dataSource", e.dataSource}};
        elements.push_back(std::move(el));
        builtFrom.push_back(&e);
    }

    // A date filter action -> a date-range control element wired to the target's date column.
    Json control(const Action& a) {
        if (a.type != "filter") {
            diag.error("seed/unsupported-action", a.pointer + "/type",
                       "action type '" + a.type + "' is not supported by the seed import (supported: filter)");
            return nullptr;
        }
        for (std::size_t i = 0; i < a.parameters.size(); ++i)
            if (!a.parameters[i].type.empty() && !isDateType(a.parameters[i].type)) {
                diag.error("seed/unsupported-action", a.pointer + "/parameters/" + std::to_string(i) + "/type",
                           "filter parameter '" + a.parameters[i].name + "' has type '" + a.parameters[i].type +
                               "'; the seed import supports date filters only");
                return nullptr;
            }
        auto target = elementByName.find(a.target);
        if (target == elementByName.end()) {
            diag.error("seed/unknown-target", a.pointer + "/target",
                       "action '" + a.name + "' targets '" + a.target + "', which is not an element of the seed");
            return nullptr;
        }
        Json& table = *target->second.table;
        const Element& seedElement = *target->second.seed;
        std::string columnId;
        for (std::size_t c = 0; c < seedElement.columns.size() && columnId.empty(); ++c)
            if (isDateType(seedElement.columns[c].type)) columnId = table["columns"].at(c).at("id").get<std::string>();
        if (columnId.empty()) {
            const DataSource& ds = *sourceByName.at(table["x-seed"]["dataSource"].get<std::string>());
            Column added{dateColumnName(a), "date", "", ""};
            Json col = column(table["id"].get<std::string>(), ds, added);
            columnId = col["id"].get<std::string>();
            diag.warning("seed/added-date-column", a.pointer,
                         "element '" + a.target + "' has no date column, so a column '" + added.name + "' (" +
                             col["formula"].get<std::string>() +
                             ") was added for the date filter; check that the warehouse table has it");
            table["columns"].push_back(std::move(col));
        }
        return Json{{"id", uniqueId(slug(a.name))},
                    {"kind", "control"},
                    {"controlId", slug(a.name)},
                    {"name", a.name},
                    {"controlType", "date-range"},
                    {"mode", "between"},
                    {"filters", Json::array({Json{{"source", {{"kind", "table"}, {"elementId", table["id"]}}},
                                                  {"columnId", columnId}}})}};
    }

    std::string layout(const std::string& pageId, const std::vector<std::string>& controls,
                       const std::vector<std::string>& tables) const {
        std::string xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Page type=\"grid\" gridTemplateColumns=\"repeat(24, "
                          "1fr)\" gridTemplateRows=\"auto\" id=\"" + pageId + "\">\n";
        int row = 1;
        for (std::size_t i = 0; i < controls.size(); ++i) {
            const int col = 1 + static_cast<int>(i % 3) * kControlWidth;
            if (i > 0 && i % 3 == 0) row += kControlRows;
            xml += "  <Element elementId=\"" + controls[i] + "\" gridColumn=\"" + std::to_string(col) + " / " +
                   std::to_string(col + kControlWidth) + "\" gridRow=\"" + std::to_string(row) + " / " +
                   std::to_string(row + kControlRows) + "\"/>\n";
        }
        if (!controls.empty()) row += kControlRows;
        for (const auto& id : tables) {
            xml += "  <Element elementId=\"" + id + "\" gridColumn=\"1 / 25\" gridRow=\"" + std::to_string(row) + " / " +
                   std::to_string(row + kTableRows) + "\"/>\n";
            row += kTableRows;
        }
        return xml + "</Page>\n";
    }

    Json run() {
        for (const auto& ds : wb.dataSources) {
            if (ds.name.empty()) continue;
            if (!sourceByName.emplace(ds.name, &ds).second)
                diag.error("seed/duplicate-name", ds.pointer + "/name", "data source '" + ds.name + "' is defined twice");
        }
        const std::string pageId = uniqueId("overview");
        for (const auto& e : wb.elements) element(e);
        for (std::size_t i = 0; i < elements.size(); ++i)
            elementByName.emplace(elements[i]["name"].get<std::string>(), Built{&elements[i], builtFrom[i]});
        std::vector<Json> controls;
        for (const auto& a : wb.actions)
            if (Json c = control(a); !c.is_null()) controls.push_back(std::move(c));

        std::vector<std::string> tableIds, controlIds;
        for (auto& el : elements) {
            tableIds.push_back(el["id"].get<std::string>());
            el.erase("x-seed");
        }
        for (const auto& c : controls) controlIds.push_back(c["id"].get<std::string>());
        Json all = Json::array();
        for (auto& c : controls) all.push_back(std::move(c));
        for (auto& el : elements) all.push_back(std::move(el));

        std::string description = wb.description;
        std::string note = "Imported from a compact seed";
        if (!wb.version.empty()) note += " (version " + wb.version + ")";
        note += ".";
        for (const auto& [connection, uuid] : connectionNote)
            note += " connectionId " + uuid + " is derived from the seed connection '" + connection +
                    "'; replace it with that connection's id in Sigma.";
        description += description.empty() ? note : "\n\n" + note;

        Json root;
        root["name"] = wb.name;
        if (!folderId.empty()) root["folderId"] = folderId;
        root["description"] = description;
        root["contents"] = Json{{"schemaVersion", 1},
                                {"kind", "workbook"},
                                {"pages", Json::array({Json{{"id", pageId}, {"name", "Overview"}}})},
                                {"elements", std::move(all)},
                                {"layout", layout(pageId, controlIds, tableIds)}};
        return root;
    }
};

} // namespace

Json build(const Workbook& workbook, const std::string& folderId, Diagnostics& diagnostics) {
    return Builder{workbook, folderId, diagnostics, {}, {}, {}, {}, {}, Json::array()}.run();
}

} // namespace quire::doc::seed
