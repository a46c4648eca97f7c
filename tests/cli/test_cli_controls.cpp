// `quire preview --control id=value` types the text by the control's kind (issue #10 item 3). Custom SQL
// elements echo the bound parameter and SQLite's typeof() of it, so the tests see exactly what was bound.
#include "cli_run.h"

#include <catch2/catch.hpp>
#include <quire/core/json.h>
#include <test_support.h>

#include <fstream>

using namespace quire::test::cli;
using quire::Json;

namespace {

constexpr const char* kSample = "6a1e3c2b-5d4f-4e8a-9b7c-0d1f2e3a4b5c"; // the built-in sample connection

Json echo(const std::string& id, const std::string& statement) {
    return {{"id", id}, {"kind", "table"}, {"name", id},
            {"source", {{"kind", "sql"}, {"connectionId", kSample}, {"statement", statement}}},
            {"columns", Json::array({{{"id", id + "-v"}, {"name", "V"}, {"formula", "[Custom SQL/v]"}},
                                     {{"id", id + "-t"}, {"name", "T"}, {"formula", "[Custom SQL/t]"}}})}};
}

Json control(const std::string& controlId, const std::string& type, Json extra = Json::object()) {
    Json c = {{"id", "ctl-" + controlId}, {"kind", "control"}, {"controlId", controlId}, {"controlType", type}};
    c.update(extra);
    return c;
}

// A workbook with one control of each kind and an element that echoes it.
std::string writeWorkbook(const Sandbox& box) {
    Json elements = Json::array({
        echo("echo-code", "SELECT {{code}} AS v, typeof({{code}}) AS t"),
        echo("echo-amount", "SELECT {{amount}} AS v, typeof({{amount}}) AS t"),
        echo("echo-day", "SELECT {{day}} AS v, typeof({{day}}) AS t"),
        echo("echo-flag", "SELECT {{flag}} AS v, typeof({{flag}}) AS t"),
        echo("echo-codes", "SELECT json_array({{codes}}) AS v, 'list' AS t"),
        echo("echo-ids", "SELECT json_array({{ids}}) AS v, 'list' AS t"),
        echo("echo-names", "SELECT json_array({{names}}) AS v, 'list' AS t"),
        {{"id", "orders"}, {"kind", "table"}, {"name", "Orders"},
         {"source", {{"kind", "warehouse-table"}, {"connectionId", kSample}, {"path", {"main", "orders"}}}},
         {"columns", Json::array({{{"id", "or-id"}, {"name", "Order Id"}, {"formula", "[orders/order_id]"}},
                                  {{"id", "or-date"}, {"name", "Order Date"}, {"formula", "[orders/order_date]"}},
                                  {{"id", "or-revenue"}, {"name", "Revenue"}, {"formula", "[orders/revenue]"}},
                                  {{"id", "or-status"}, {"name", "Status"}, {"formula", "[orders/status]"}}})}},
        control("code", "text", {{"mode", "equals"}, {"case", "sensitive"}}),
        control("amount", "number", {{"mode", ">="}}),
        control("day", "date", {{"mode", ">="}}),
        control("flag", "checkbox", {{"mode", "True/All"}}),
        control("codes", "list", {{"mode", "include"}, {"selectionMode", "multiple"}, {"values", Json::array()},
                                  {"source", {{"kind", "manual"}, {"valueType", "text"}, {"values", {"00123", "true"}}}}}),
        control("ids", "segmented", {{"mode", "include"}, {"values", Json::array()},
                                     {"source", {{"kind", "manual"}, {"valueType", "number"}, {"values", {1, 2}}}}}),
        control("names", "list", {{"mode", "include"}, {"selectionMode", "multiple"}, {"values", Json::array()},
                                  {"source", {{"kind", "source"}, {"source", {{"kind", "table"}, {"elementId", "orders"}}},
                                              {"columnId", "or-status"}}}}),
        control("rev", "number-range", {{"filters", {{{"source", {{"kind", "table"}, {"elementId", "orders"}}}, {"columnId", "or-revenue"}}}}}),
        control("period", "date-range", {{"mode", "between"},
                                         {"filters", {{{"source", {{"kind", "table"}, {"elementId", "orders"}}}, {"columnId", "or-date"}}}}}),
    });
    std::string layout = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Page id=\"p1\">";
    for (const auto& e : elements) layout += "<Element elementId=\"" + e["id"].get<std::string>() + "\"/>";
    layout += "</Page>\n";
    const Json workbook = {{"name", "Controls"},
                           {"contents", {{"schemaVersion", 1}, {"kind", "workbook"}, {"pages", {{{"id", "p1"}, {"name", "One"}}}},
                                         {"elements", elements}, {"layout", layout}}}};
    const std::string path = box.dir + "/controls.json";
    std::ofstream(path) << workbook.dump(2);
    return path;
}

struct Preview {
    Sandbox box{"cli-controls"};
    std::string workbook;
    Preview() {
        box.generateSample(1000);
        workbook = writeWorkbook(box);
    }
    Run run(const std::string& element, const std::vector<std::string>& controls, const std::string& extra = "") const {
        std::string args = "preview " + shellQuote(workbook) + " --element " + element + " --format json " + extra;
        for (const auto& c : controls) args += " --control " + shellQuote(c);
        return box.run(args);
    }
    // The one echoed row: {"V": ..., "T": ...}.
    Json row(const std::string& element, const std::vector<std::string>& controls) const {
        const Run r = run(element, controls);
        INFO(r.err);
        REQUIRE(r.exitCode == 0);
        const Json rows = Json::parse(r.out);
        REQUIRE(rows.size() == 1);
        return rows[0];
    }
    std::string rejected(const std::string& element, const std::vector<std::string>& controls) const {
        const Run r = run(element, controls);
        INFO(r.out << r.err);
        CHECK(r.exitCode == 2);
        return r.err;
    }
};

} // namespace

TEST_CASE("a text control takes numeric-looking text exactly", "[cli][controls]") {
    Preview p;
    for (const std::string text : {"00123", "true", "1e5", "-0", " 7 ", ""}) {
        INFO(text);
        const Json row = p.row("echo-code", {"code=" + text});
        CHECK(row["T"] == "text");
        CHECK(row["V"] == text);
    }
}

TEST_CASE("a number control needs a number", "[cli][controls]") {
    Preview p;
    CHECK(p.row("echo-amount", {"amount=1e5"}) == Json{{"V", 100000.0}, {"T", "real"}});
    CHECK(p.row("echo-amount", {"amount=00123"}) == Json{{"V", 123}, {"T", "integer"}});
    CHECK(p.row("echo-amount", {"amount=-2.5"}) == Json{{"V", -2.5}, {"T", "real"}});
    for (const std::string bad : {"abc", "", "12abc", "0x10", "inf", "nan", " 5"})
        CHECK_THAT(p.rejected("echo-amount", {"amount=" + bad}),
                   Catch::Contains("control 'amount' (number) expects a number, got '" + bad + "'"));
}

TEST_CASE("date and checkbox controls need a date and true/false", "[cli][controls]") {
    Preview p;
    CHECK(p.row("echo-day", {"day=2024-02-29"})["V"] == "2024-02-29");
    CHECK(p.row("echo-day", {"day=2024-02-29T13:45"})["V"] == "2024-02-29T13:45");
    for (const std::string bad : {"2023-02-29", "2024-13-01", "yesterday", "2024-1-1", "20240101"})
        CHECK_THAT(p.rejected("echo-day", {"day=" + bad}), Catch::Contains("control 'day' (date) expects a date") &&
                                                               Catch::Contains("got '" + bad + "'"));
    CHECK(p.row("echo-flag", {"flag=false"}) == Json{{"V", 0}, {"T", "integer"}});
    CHECK(p.row("echo-flag", {"flag=true"}) == Json{{"V", 1}, {"T", "integer"}});
    for (const std::string bad : {"yes", "1", "TRUE"})
        CHECK_THAT(p.rejected("echo-flag", {"flag=" + bad}), Catch::Contains("control 'flag' (checkbox) expects true or false"));
}

TEST_CASE("list controls take values of the list's value type", "[cli][controls]") {
    Preview p;
    // Manual source of text: everything stays text.
    CHECK(p.row("echo-codes", {"codes=00123", "codes=true", "codes=5"})["V"] == R"(["00123","true","5"])");
    // Manual source of numbers: numbers, and text is refused.
    CHECK(p.row("echo-ids", {"ids=7", "ids=1e1"})["V"] == R"([7,10.0])");
    CHECK_THAT(p.rejected("echo-ids", {"ids=7", "ids=seven"}),
               Catch::Contains("control 'ids' (segmented) expects a number, got 'seven'"));
    // A warehouse column of unknown type: a number only when that loses nothing.
    CHECK(p.row("echo-names", {"names=00123", "names=42", "names=1e5", "names=shipped"})["V"] ==
          R"(["00123",42,"1e5","shipped"])");
}

TEST_CASE("range controls take low..high of their type", "[cli][controls]") {
    Preview p;
    const Run r = p.run("orders", {"rev=10..20.5", "period=2024-03-01..2024-06-30"}, "--show-sql --limit 1");
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK_THAT(r.err, Catch::Contains("10") && Catch::Contains("20.5") && Catch::Contains("\"2024-03-01\"") &&
                          Catch::Contains("\"2024-07-01\""));
    const Run open = p.run("orders", {"rev=..20"}, "--show-sql --limit 1");
    INFO(open.err);
    CHECK(open.exitCode == 0);
    CHECK_THAT(p.rejected("orders", {"rev=10..abc"}), Catch::Contains("control 'rev' (number-range) expects a number, got 'abc'"));
    CHECK_THAT(p.rejected("orders", {"rev=10"}), Catch::Contains("control 'rev' (number-range) expects low..high of a number"));
    CHECK_THAT(p.rejected("orders", {"period=2024-01-01..2024-02-30"}),
               Catch::Contains("control 'period' (date-range) expects a date") && Catch::Contains("got '2024-02-30'"));
}

TEST_CASE("a scalar control given several values is refused", "[cli][controls]") {
    Preview p;
    CHECK_THAT(p.rejected("echo-code", {"code=a", "code=b"}), Catch::Contains("control 'code' (text) takes one value, got 2"));
    CHECK_THAT(p.rejected("echo-code", {"nope=1"}), Catch::Contains("no control with controlId 'nope'"));
}
