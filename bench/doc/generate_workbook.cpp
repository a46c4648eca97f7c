#include "generate_workbook.h"

#include <quire/core/json.h>

#include <algorithm>

namespace quire::bench {
namespace {

constexpr int kElementsPerPage = 50;

// Block-style YAML for a JSON value; scalars as JSON (a double-quoted JSON string is a valid YAML scalar).
void toYaml(const Json& v, int indent, std::string& out) {
    const std::string pad(static_cast<std::size_t>(indent), ' ');
    if (v.is_object()) {
        for (auto it = v.begin(); it != v.end(); ++it) {
            out += pad + it.key() + ":";
            if ((it->is_object() || it->is_array()) && !it->empty()) {
                out += "\n";
                toYaml(*it, indent + 2, out);
            } else {
                out += " " + it->dump() + "\n";
            }
        }
    } else if (v.is_array()) {
        for (const auto& item : v) {
            if (item.is_object() && !item.empty()) {
                std::string nested;
                toYaml(item, indent + 2, nested);
                out += pad + "- " + nested.substr(static_cast<std::size_t>(indent) + 2);
            } else {
                out += pad + "- " + item.dump() + "\n";
            }
        }
    }
}

} // namespace

GeneratedWorkbook generateWorkbook(int elements, int columnsPerElement) {
    Json list = Json::array();
    Json pages = Json::array();
    std::string layout = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
    for (int i = 0; i < elements; ++i) {
        const bool base = i % 5 == 0; // every fifth element reads the warehouse, the others read it
        const std::string id = "el-" + std::to_string(i);
        const std::string name = "Element " + std::to_string(i);
        const int parent = i - i % 5;
        Json e{{"id", id}, {"kind", base ? "table" : (i % 5 == 1 ? "bar-chart" : "table")}, {"name", name}};
        if (base)
            e["source"] = Json{{"kind", "warehouse-table"}, {"connectionId", "0b7e1d2c-5a44-4f0e-8d3a-7a1c9e6f4b20"},
                               {"path", Json::array({"DB", "PUBLIC", "T" + std::to_string(i)})}};
        else
            e["source"] = Json{{"kind", "table"}, {"elementId", "el-" + std::to_string(parent)}};
        Json columns = Json::array();
        for (int c = 0; c < columnsPerElement; ++c) {
            const std::string colName = "Col " + std::to_string(c);
            const std::string formula = base ? "[T" + std::to_string(i) + "/COL_" + std::to_string(c) + "]"
                                             : (c % 2 ? "Sum([Element " + std::to_string(parent) + "/" + colName + "])"
                                                      : "[Element " + std::to_string(parent) + "/" + colName + "]");
            columns.push_back({{"id", id + "-c" + std::to_string(c)}, {"name", colName}, {"formula", formula}});
        }
        e["columns"] = std::move(columns);
        if (e["kind"] == "bar-chart") {
            e["xAxis"] = {{"columnId", id + "-c0"}};
            e["yAxis"] = {{"columnIds", Json::array({id + "-c1"})}};
            e["stacking"] = "none";
        } else {
            e["filters"] = Json::array({Json{{"id", id + "-f"}, {"columnId", id + "-c0"}, {"kind", "list"},
                                             {"mode", "include"}, {"values", Json::array({"x"})}}});
        }
        list.push_back(std::move(e));
    }
    for (int p = 0; p * kElementsPerPage < elements; ++p) {
        const std::string pageId = "page-" + std::to_string(p);
        pages.push_back({{"id", pageId}, {"name", "Page " + std::to_string(p)}});
        layout += "<Page type=\"grid\" gridTemplateColumns=\"repeat(24, 1fr)\" gridTemplateRows=\"auto\" id=\"" + pageId + "\">\n";
        for (int i = p * kElementsPerPage; i < std::min(elements, (p + 1) * kElementsPerPage); ++i) {
            const int slot = i - p * kElementsPerPage;
            const int col = 1 + (slot % 2) * 12;
            const int row = 1 + (slot / 2) * 10;
            layout += "  <Element elementId=\"el-" + std::to_string(i) + "\" gridColumn=\"" + std::to_string(col) + " / " +
                      std::to_string(col + 12) + "\" gridRow=\"" + std::to_string(row) + " / " + std::to_string(row + 10) + "\"/>\n";
        }
        layout += "</Page>\n";
    }
    Json root{{"name", "Benchmark workbook"},
              {"folderId", "6d1c6a52-2f1e-4a8e-9d55-0c1f3a9e2b11"},
              {"contents", {{"schemaVersion", 1}, {"kind", "workbook"}, {"pages", pages}, {"elements", list}, {"layout", layout}}}};
    GeneratedWorkbook out;
    out.json = root.dump(2);
    toYaml(root, 0, out.yaml);
    return out;
}

} // namespace quire::bench
