#include "test_workbook.h"

#include <catch2/catch.hpp>
#include <quire/preview/action_engine.h>

using namespace quire;
using namespace quire::preview;
using V = std::vector<std::string>;

namespace {
ActionRun run(ActionEngine& engine, const std::string& effectJson, std::optional<std::string> currentRow = {}) {
    Json action{{"id", "rows"}, {"trigger", "on-click"}, {"effects", Json::array({Json::parse(effectJson)})}};
    return engine.runAction(action, {"btn", "on-click", {}, currentRow});
}
std::vector<Json> column(const PreviewSession& s, const char* col) {
    std::vector<Json> out;
    for (const auto& row : s.inputRows.at("notes").rows()) out.push_back(row.value(col, Json(nullptr)));
    return out;
}
} // namespace

TEST_CASE("input rows: insert adds system columns, values resolve from sources", "[preview][rows]") {
    PreviewSession s(test::workbook());
    s.inputRows["notes"].clock = [] { return std::string("2024-01-02T03:04:05Z"); };
    ActionEngine engine(s);
    auto r = run(engine, R"J({"kind": "insert-rows", "tableElementId": "notes", "values": {"k": "a", "note": {"type": "control", "control": "search"}, "score": 1}})J");
    REQUIRE(r.ok());
    CHECK(r.rerun == V{"notes", "notes-view"});
    run(engine, R"J({"kind": "insert-rows", "tableElementId": "notes", "values": {"k": "b", "score": 7}})J");
    run(engine, R"J({"kind": "insert-rows", "tableElementId": "notes", "values": {"k": "c", "score": 4, "note": "hello world"}})J");
    const auto& rows = s.inputRows.at("notes").rows();
    REQUIRE(rows.size() == 3);
    CHECK(rows[0]["ID"] == "1");
    CHECK(rows[2]["ID"] == "3");
    CHECK(rows[0]["CREATED_AT"] == "2024-01-02T03:04:05Z");
    CHECK(rows[0]["CREATED_BY"] == "preview");
    CHECK(rows[0]["note"] == "abc");
    CHECK(r.diagnostics.empty());
}

TEST_CASE("input rows: whichRows forms select the right rows", "[preview][rows]") {
    PreviewSession s(test::workbook());
    ActionEngine engine(s);
    for (const char* k : {"a", "b", "c", "d"})
        run(engine, std::string(R"J({"kind": "insert-rows", "tableElementId": "notes", "values": {"k": ")J") + k +
                        R"J(", "score": )J" + std::to_string(k[0] - 'a' + 1) + "}}");
    REQUIRE(run(engine, R"J({"kind": "update-rows", "tableElementId": "notes", "whichRows": {"type": "single-row", "primaryKeys": {"k": "b"}}, "values": {"note": "B"}})J").ok());
    CHECK(column(s, "note") == std::vector<Json>{nullptr, "B", nullptr, nullptr});
    REQUIRE(run(engine, R"J({"kind": "update-rows", "tableElementId": "notes", "whichRows": {"type": "column-match", "columnId": "score", "condition": "Between", "low": 3, "high": 4}, "values": {"note": "hi"}})J").ok());
    CHECK(column(s, "note") == std::vector<Json>{nullptr, "B", "hi", "hi"});
    REQUIRE(run(engine, R"J({"kind": "update-rows", "tableElementId": "notes", "whichRows": {"type": "column-match", "columnId": "note", "condition": "IsNull"}, "values": {"note": "was null"}})J").ok());
    CHECK(column(s, "note") == std::vector<Json>{"was null", "B", "hi", "hi"});
    REQUIRE(run(engine, R"J({"kind": "update-rows", "tableElementId": "notes", "whichRows": {"type": "current-row"}, "values": {"score": 40}})J", "4").ok());
    CHECK(column(s, "score") == std::vector<Json>{1, 2, 3, 40});
    REQUIRE(run(engine, R"J({"kind": "delete-rows", "tableElementId": "notes", "whichRows": {"type": "formula", "formula": "[score] > 2 and [note] = \"hi\""}})J").ok());
    CHECK(column(s, "k") == std::vector<Json>{"a", "b"});
    REQUIRE(run(engine, R"J({"kind": "delete-rows", "tableElementId": "notes", "whichRows": {"type": "column-match", "columnId": "k", "condition": "StartsWith", "value": "a"}})J").ok());
    CHECK(column(s, "k") == std::vector<Json>{"b"});
}

TEST_CASE("input rows: system columns, bad targets and bad whichRows are errors", "[preview][rows]") {
    PreviewSession s(test::workbook());
    ActionEngine engine(s);
    auto ruleOf = [](const ActionRun& r) { return r.diagnostics.empty() ? std::string() : r.diagnostics[0].rule; };
    CHECK(ruleOf(run(engine, R"J({"kind": "insert-rows", "tableElementId": "notes", "values": {"ID": "9"}})J")) == "preview/bad-value");
    CHECK(ruleOf(run(engine, R"J({"kind": "insert-rows", "tableElementId": "base", "values": {}})J")) == "preview/not-input-table");
    CHECK(ruleOf(run(engine, R"J({"kind": "delete-rows", "tableElementId": "notes", "whichRows": {"type": "current-row"}})J")) == "preview/no-current-row");
    CHECK(ruleOf(run(engine, R"J({"kind": "delete-rows", "tableElementId": "notes", "whichRows": {"type": "sometimes"}})J")) == "preview/bad-which-rows");
    run(engine, R"J({"kind": "insert-rows", "tableElementId": "notes", "values": {"k": "a"}})J");
    CHECK(ruleOf(run(engine, R"J({"kind": "update-rows", "tableElementId": "notes", "whichRows": {"type": "formula", "formula": "Len([k])"}, "values": {}})J")) == "preview/which-rows");
    CHECK(ruleOf(run(engine, R"J({"kind": "update-rows", "tableElementId": "notes", "whichRows": {"type": "column-match", "columnId": "k", "condition": "Near", "value": 1}, "values": {}})J")) == "preview/bad-value");
    CHECK(s.inputRows.at("notes").rows().size() == 1);
}
