// IncrementalValidator (quire/validate/incremental.h) gives exactly what validate() gives, after every one of
// many random edits of generated, example and corpus workbooks: renames, new ids, formulas, kinds, control
// ids, sources, schema-breaking values, elements added and removed. Each edit tells the validator which
// element changed (or that the elements moved), as the IDE does; everything else is the validator's own
// dependency tracking: formula checks remembered per text and dropped when the control ids change, and each
// element's rule units (sources, columns, references, charts, tables, controls, actions, colours) replayed while
// the elements they looked up and the control / page / overlay ids they read are unchanged. The edits below
// therefore also change what units read elsewhere: ids, names, sources, groupings, control wiring and handles,
// actions to pages, elements, overlays and controls, column security, colours, pages, overlays and the layout.
#include <quire/doc/io.h>
#include <quire/validate/incremental.h>
#include <quire/validate/validator.h>

#include <catch2/catch.hpp>

#include "helpers.h"

#include <random>

using namespace quire;
using namespace quire::test;

namespace {

std::vector<std::string> lines(const std::vector<Diagnostic>& diagnostics) {
    std::vector<std::string> out;
    for (const auto& d : diagnostics)
        out.push_back(d.rule + " " + std::to_string(int(d.severity)) + " " + d.pointer + " " +
                      std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + " " + d.message);
    return out;
}

// A workbook with tables, child tables, charts and controls whose formulas read each other by name and id.
doc::Document generated(int count) {
    Json elements = Json::array();
    std::string layout = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Page type=\"grid\" gridTemplateColumns=\"repeat(24, 1fr)\" "
                         "gridTemplateRows=\"auto\" id=\"page-1\">\n";
    for (int i = 0; i < count; ++i) {
        const std::string id = "el-" + std::to_string(i);
        Json e{{"id", id}, {"name", "Element " + std::to_string(i)}};
        if (i % 7 == 6) {
            e["kind"] = "control";
            e["controlType"] = "text-input";
            e["controlId"] = "ctl-" + std::to_string(i);
        } else {
            e["kind"] = i % 3 == 1 ? "bar-chart" : "table";
            const int parent = i - i % 3;
            if (i % 3 == 0)
                e["source"] = Json{{"kind", "warehouse-table"}, {"connectionId", "0b7e1d2c-5a44-4f0e-8d3a-7a1c9e6f4b20"},
                                   {"path", Json::array({"DB", "PUBLIC", "T" + std::to_string(i)})}};
            else
                e["source"] = Json{{"kind", "table"}, {"elementId", "el-" + std::to_string(parent)}};
            Json columns = Json::array();
            for (int c = 0; c < 3; ++c) {
                const std::string formula = i % 3 == 0 ? "[T" + std::to_string(i) + "/COL_" + std::to_string(c) + "]"
                                                       : (c == 1 ? "Sum([Element " + std::to_string(parent) + "/Col " + std::to_string(c) + "])"
                                                                 : "Sum([Col " + std::to_string(c) + "]) + [ctl-6]");
                columns.push_back({{"id", id + "-c" + std::to_string(c)}, {"name", "Col " + std::to_string(c)}, {"formula", formula}});
            }
            e["columns"] = std::move(columns);
            if (e["kind"] == "bar-chart") {
                e["xAxis"] = {{"columnId", id + "-c0"}};
                e["yAxis"] = {{"columnIds", Json::array({id + "-c1"})}};
            }
        }
        elements.push_back(std::move(e));
        layout += "  <Element elementId=\"" + id + "\" gridColumn=\"1 / 13\" gridRow=\"" + std::to_string(1 + 10 * i) + " / " +
                  std::to_string(11 + 10 * i) + "\"/>\n";
    }
    layout += "</Page>\n";
    doc::Document d;
    d.root = Json{{"name", "Generated"},
                  {"folderId", "6d1c6a52-2f1e-4a8e-9d55-0c1f3a9e2b11"},
                  {"contents", {{"schemaVersion", 1}, {"kind", "workbook"}, {"pages", Json::array({{{"id", "page-1"}, {"name", "Page 1"}}})},
                                {"elements", elements}, {"layout", layout}}}};
    return d;
}

doc::Document loaded(const std::string& path) {
    auto result = doc::loadDocument(path);
    INFO(path << "\n" << describe(result.diagnostics));
    REQUIRE(result.document);
    return std::move(*result.document);
}

template <typename T>
const T& pick(std::mt19937& rng, const std::vector<T>& from) {
    return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)];
}

// One random edit of `document`; tells `validator` what changed, as the IDE's document model does.
void randomEdit(std::mt19937& rng, doc::Document& document, validate::IncrementalValidator& validator) {
    Json& list = (*document.contents())["elements"];
    if (list.empty()) {
        list.push_back(generated(1).root["contents"]["elements"][0]);
        validator.invalidateAll();
        return;
    }
    const std::size_t i = std::uniform_int_distribution<std::size_t>(0, list.size() - 1)(rng);
    Json& e = list[i];
    // Names and ids that other elements use, so edits make and break references and duplicates.
    std::vector<std::string> names{"Element 0", "Element 1", "Element 3", "Renamed", ""};
    std::vector<std::string> ids{"el-0", "el-1", "el-3", "el-new", "ctl-6"};
    for (std::size_t k = 0; k < list.size() && k < 6; ++k)
        if (list[k].is_object()) {
            if (list[k].contains("name") && list[k]["name"].is_string()) names.push_back(list[k]["name"]);
            if (list[k].contains("id") && list[k]["id"].is_string()) ids.push_back(list[k]["id"]);
        }
    const std::vector<std::string> formulas{"[Col 0]",        "Sum([Col 1])", "[ctl-6]",          "Sum([ctl-13])", "[Element 0/Col 1]",
                                            "Sum(Sum([Col 0]))", "Foo(1)",   "Sum(",             "[Col 0] + \"a\"", "If([ctl-6], 1, 2)",
                                            "[ctl-new] * 2", "Count()",      "[Renamed/Col 0]",
                                            // an aggregate beside a control is fine, beside a column it is mixed:
                                            // their check depends on which control ids the workbook has
                                            "Sum([Col 1]) + [ctl-6]", "Sum([Col 1]) + [ctl-new]", "Sum([Col 1]) + [ctl-13]"};
    const int kind = std::uniform_int_distribution<int>(0, 22)(rng);
    Json& body = *document.contents();
    const std::vector<std::string> pageIds{"page-1", "page-2", "page-x"};
    if (!e.is_object()) {
        e = generated(1).root["contents"]["elements"][0];
        validator.invalidateElement(i);
        return;
    }
    switch (kind) {
    case 0: e["name"] = pick(rng, names); break;
    case 1: e["id"] = pick(rng, ids); break;
    case 2: // a formula of a column
        if (e.contains("columns") && e["columns"].is_array() && !e["columns"].empty()) {
            Json& c = e["columns"][std::uniform_int_distribution<std::size_t>(0, e["columns"].size() - 1)(rng)];
            if (c.is_object()) c["formula"] = pick(rng, formulas);
        } else {
            e["columns"] = Json::array({{{"id", "x"}, {"name", "X"}, {"formula", pick(rng, formulas)}}});
        }
        break;
    case 3: e["kind"] = pick(rng, std::vector<Json>{"table", "bar-chart", "control", "kpi", 5}); break;
    case 4: // a control id appears, changes or goes: the formulas naming it read differently
        e["kind"] = "control";
        e["controlType"] = "text-input";
        e["controlId"] = pick(rng, std::vector<std::string>{"ctl-6", "ctl-13", "ctl-new", "Col 0"});
        break;
    case 5: e["bogus"] = 1; break;
    case 6: e.erase(pick(rng, std::vector<std::string>{"columns", "source", "controlId", "name", "id"})); break;
    case 7: e["source"] = Json{{"kind", "table"}, {"elementId", pick(rng, ids)}}; break;
    case 8: e["name"] = 42; break;
    case 9: // an element removed: the later ones move
        list.erase(i);
        validator.invalidateAll();
        return;
    case 10: // an element copied after itself
        list.insert(list.begin() + std::ptrdiff_t(i) + 1, Json(e));
        validator.invalidateAll();
        return;
    case 11: // the layout (not an element): nothing for the validator to forget
        (*document.contents())["layout"] = (*document.contents())["layout"].get<std::string>() + " ";
        return;
    case 13: // a page added or removed (outside the elements): actions naming pages read differently
        if (std::uniform_int_distribution<int>(0, 1)(rng) == 0 || body["pages"].size() <= 1)
            body["pages"].push_back({{"id", pick(rng, pageIds)}, {"name", "P"}});
        else
            body["pages"].erase(body["pages"].size() - 1);
        return;
    case 14: // an overlay added or removed
        if (!body.contains("overlays") || body["overlays"].empty())
            body["overlays"] = Json::array({{{"id", "ov-1"}, {"name", "Overlay"}}});
        else
            body.erase("overlays");
        return;
    case 15: // an action reaching a page, an element, an overlay, a control or an input table
        e["actions"] = Json::array({{{"id", pick(rng, std::vector<std::string>{"a1", "a2"})},
                                     {"trigger", "on-click"},
                                     {"effects", Json::array({pick(rng, std::vector<Json>{
                                                     {{"kind", "navigate"}, {"target", {{"type", "page"}, {"page", pick(rng, pageIds)}}}},
                                                     {{"kind", "navigate"}, {"target", {{"type", "element"}, {"element", pick(rng, ids)}}}},
                                                     {{"kind", "open-overlay"}, {"overlayId", "ov-1"}},
                                                     {{"kind", "set-control-value"}, {"control", pick(rng, ids)}, {"value", {{"type", "static"}, {"value", 1}}}},
                                                     {{"kind", "insert-row"}, {"tableElementId", pick(rng, ids)}},
                                                     {{"kind", "select-tab"}, {"tabbedContainerElementId", pick(rng, ids)}, {"selectedTab", {{"index", 0}}}}})})}}});
        break;
    case 16: // a control wired to an element's column, or listing its values
        e["kind"] = "control";
        e["controlType"] = pick(rng, std::vector<std::string>{"list", "synced", "drill"});
        e["controlId"] = pick(rng, std::vector<std::string>{"ctl-6", "ctl-new"});
        e["filters"] = Json::array({{{"source", {{"elementId", pick(rng, ids)}}}, {"columnId", pick(rng, std::vector<std::string>{"el-0-c0", "el-1-c1", "x"})}}});
        if (std::uniform_int_distribution<int>(0, 1)(rng) == 0)
            e["source"] = Json{{"kind", "source"}, {"source", {{"kind", "table"}, {"elementId", pick(rng, ids)}}}, {"columnId", "el-0-c0"}};
        break;
    case 17: // a grouping, and a source naming a grouping of another element
        e["groupings"] = Json::array({{{"id", pick(rng, std::vector<std::string>{"g1", "g2"})}, {"groupBy", Json::array({"el-0-c0"})}}});
        e["source"] = Json{{"kind", "table"}, {"elementId", pick(rng, ids)}, {"groupingId", "g1"}};
        break;
    case 18: // column security: restricted columns whose readers leak them
        e["columnSecurities"] = Json::array({{{"id", "cs1"}, {"restrictedColumns", Json::array({pick(rng, std::vector<std::string>{"el-0-c0", "el-0-c1", "x"})})},
                                               {"criteria", {{"kind", "user-attribute"}}}}});
        break;
    case 19: // colours, good and bad
        e["style"] = {{"backgroundColor", pick(rng, std::vector<std::string>{"#fff", "red"})}};
        break;
    case 20: // page visibility: navigation to a hidden page
        if (!body["pages"].empty()) body["pages"][0]["visibility"] = pick(rng, std::vector<Json>{"hidden", "visible"});
        return;
    case 21: { // the layout places or stops placing an element
        if (!body.contains("layout") || !body["layout"].is_string()) return;
        std::string layout = body["layout"].get<std::string>();
        const std::string place = "<Element elementId=\"" + pick(rng, ids) + "\" gridColumn=\"1 / 13\" gridRow=\"1 / 2\"/>";
        const auto at = layout.find("</Page>");
        if (at != std::string::npos) layout.insert(at, place + "\n");
        body["layout"] = layout;
        return;
    }
    default: e["controlType"] = pick(rng, std::vector<std::string>{"text-input", "list", "slider", "nonsense"}); break;
    }
    validator.invalidateElement(i);
}

void checkRandomEdits(doc::Document document, unsigned seed, int edits) {
    std::mt19937 rng(seed);
    validate::IncrementalValidator validator;
    REQUIRE(lines(validator.validate(document)) == lines(validate::validate(document)));
    for (int step = 0; step < edits; ++step) {
        randomEdit(rng, document, validator);
        // Sometimes several edits land before the next validation, sometimes a first validation runs in slices.
        if (std::uniform_int_distribution<int>(0, 3)(rng) == 0) continue;
        if (std::uniform_int_distribution<int>(0, 5)(rng) == 0) validator.checkSomeElements(document, 2);
        INFO("seed " << seed << ", edit " << step);
        REQUIRE(lines(validator.validate(document)) == lines(validate::validate(document)));
    }
}

} // namespace

TEST_CASE("incremental validation equals a full validation after random edits of a generated workbook", "[incremental]") {
    for (unsigned seed : {1u, 2u, 3u, 4u}) checkRandomEdits(generated(30), seed, 150);
}

TEST_CASE("incremental validation equals a full validation after random edits of example and corpus workbooks", "[incremental]") {
    std::vector<std::string> files;
    for (const char* name : {"gallery.yaml", "marketing.yaml", "minimal.json"}) files.push_back(sourceDir() + "/resources/examples/" + name);
    for (const char* name : {"marketing-analytics.yaml", "invalid/tableau-structural-workarounds.json", "invalid/mode-orders-report-normalized-ids.json"})
        files.push_back(dataPath(name));
    unsigned seed = 10;
    for (const auto& file : files) {
        INFO(file);
        checkRandomEdits(loaded(file), seed++, 120);
    }
}

TEST_CASE("a first validation in slices gives the full result", "[incremental]") {
    doc::Document document = generated(40);
    validate::IncrementalValidator validator;
    CHECK(validator.uncheckedElements(document) == 40);
    std::size_t left = validator.checkSomeElements(document, 15);
    CHECK(left == 25);
    while (left > 0) left = validator.checkSomeElements(document, 15);
    CHECK(validator.uncheckedElements(document) == 0);
    CHECK(lines(validator.validate(document)) == lines(validate::validate(document)));
}
