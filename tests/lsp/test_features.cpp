// The language features over the sample workbook: diagnostics ranges, completion, hover, definition,
// document symbols and format-preserving formatting edits.
#include <quire/formula/catalog.h>
#include "lsp_fixture.h"

#include <quire/lsp/features.h>

#include <catch2/catch.hpp>
#include <test_support.h>

#include <algorithm>

using namespace quire::lsp;
using namespace quire::test::lsp;

namespace {

std::vector<std::string> labels(const quire::Json& list) {
    std::vector<std::string> out;
    for (const auto& item : list["items"]) out.push_back(item["label"].get<std::string>());
    return out;
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

Position pos(const quire::Json& json) { return {json["line"].get<int>(), json["character"].get<int>()}; }

// The text a range covers.
std::string covered(const std::string& text, const quire::Json& range) {
    const LineIndex lines(text);
    const std::size_t from = lines.offset(pos(range["start"])), to = lines.offset(pos(range["end"]));
    return text.substr(from, to - from);
}

} // namespace

TEST_CASE("a formula diagnostic covers the span the checker reported, inside the quoted value", "[lsp][diagnostics]") {
    const std::string text = sampleText();
    const LineIndex lines(text);
    const Position formulaKey = positionOf(text, "formula: \"Summ(");
    quire::Diagnostic d;
    d.rule = "formula/unknown-function";
    d.location = {"sample.yaml", formulaKey.line + 1, formulaKey.character + 1};
    d.formulaSpan = std::make_pair(0, 4);
    const quire::Json lsp = toLspDiagnostics({d}, lines);
    REQUIRE(lsp.size() == 1);
    CHECK(lsp[0]["code"] == "formula/unknown-function");
    CHECK(covered(text, lsp[0]["range"]) == "Summ");

    quire::Diagnostic onKey; // no span: the token at the location
    onKey.rule = "schema/type";
    const Position idKey = positionOf(text, "controlType: text");
    onKey.location = {"sample.yaml", idKey.line + 1, idKey.character + 1};
    CHECK(covered(text, toLspDiagnostics({onKey}, lines)[0]["range"]) == "controlType");
}

TEST_CASE("completion offers functions with signatures inside a formula", "[lsp][completion]") {
    const std::string text = sampleText();
    const auto indexed = indexText(text);
    const auto lines = indexed.lines();
    const quire::Json list = completion(indexed.index.get(), lines, positionOf(text, "Summ(", 2));
    const auto names = labels(list);
    CHECK(contains(names, "Sum"));
    CHECK(contains(names, "SumIf"));
    CHECK_FALSE(contains(names, "Count"));
    for (const auto& item : list["items"])
        if (item["label"] == "Sum") {
            CHECK(item["detail"].get<std::string>().rfind("Sum(", 0) == 0);
            CHECK(item["textEdit"]["newText"] == "Sum");
        }
}

TEST_CASE("completion offers [Element/Column] references, sibling columns and controls in brackets", "[lsp][completion]") {
    const std::string text = sampleText();
    const auto indexed = indexText(text);
    const auto lines = indexed.lines();
    const auto all = labels(completion(indexed.index.get(), lines, positionOf(text, "[Events/Channel]", 1)));
    CHECK(contains(all, "Events/Revenue"));
    CHECK(contains(all, "Events/Double Revenue"));
    CHECK(contains(all, "Revenue"));     // a sibling column of by-channel
    CHECK(contains(all, "Min-Revenue")); // a control id
    CHECK_FALSE(contains(all, "Revenue by channel/Channel")); // the element's own columns are bare

    const auto narrowed = labels(completion(indexed.index.get(), lines, positionOf(text, "[Events/Revenue]", 9))); // after "Events/R"
    CHECK(contains(narrowed, "Events/Revenue"));
    CHECK_FALSE(contains(narrowed, "Events/Channel"));
}

TEST_CASE("completion offers element ids after elementId:", "[lsp][completion]") {
    const std::string text = sampleText();
    const auto indexed = indexText(text);
    const auto lines = indexed.lines();
    const auto ids = labels(completion(indexed.index.get(), lines, positionOf(text, "elementId: events", 11)));
    CHECK(ids == std::vector<std::string>{"events", "by-channel", "channel-filter"});
}

TEST_CASE("hover shows a function's signature and a reference's column and type", "[lsp][hover]") {
    const std::string text = sampleText();
    const auto indexed = indexText(text);
    const auto lines = indexed.lines();
    const std::string text2 = text.substr(0, text.find("Summ(")) + "Sum(" + text.substr(text.find("Summ(") + 5);
    const auto indexed2 = indexText(text2);
    const auto lines2 = indexed2.lines();
    const quire::Json onFunction = hover(indexed2.index.get(), lines2, positionOf(text2, "\"Sum(", 2));
    REQUIRE(onFunction.is_object());
    const std::string doc = onFunction["contents"]["value"];
    CHECK(doc.find("Sum(") != std::string::npos);
    CHECK(covered(text2, onFunction["range"]) == "Sum");
    // The same help as `quire functions Sum`: its example and the dialects that compile it.
    CHECK(doc.find("Example: `" + quire::formula::FunctionCatalog::builtin().find("Sum")->example + "`") != std::string::npos);
    CHECK(doc.find("Dialects: all six dialects") != std::string::npos);

    const quire::Json onReference = hover(indexed.index.get(), lines, positionOf(text, "[Events/Revenue]", 3));
    REQUIRE(onReference.is_object());
    const std::string about = onReference["contents"]["value"];
    CHECK(about.find("ev-revenue") != std::string::npos);
    CHECK(about.find("element `events`") != std::string::npos);

    // [Revenue] * 2 over a warehouse column: the checker knows it is a number.
    const quire::Json typed = hover(indexed.index.get(), lines, positionOf(text, "Summ([Events/Revenue])", 6));
    REQUIRE(typed.is_object());
    const quire::Json doubled = hover(indexed.index.get(), lines, positionOf(text, "[Revenue] * 2", 2));
    REQUIRE(doubled.is_object());
    CHECK(doubled["contents"]["value"].get<std::string>().find("column **Revenue**") != std::string::npos);

    const auto& events = *indexed.index->findElement("events");
    CHECK(indexed.index->columnType(events, *events.findColumnByName("Double Revenue")) == "number");
    CHECK(indexed.index->columnType(events, *events.findColumnByName("Revenue")).empty()); // a warehouse column
    // A reference is typed by following it: [Events/Double Revenue] is [Revenue] * 2, a number.
    const auto& chart = *indexed.index->findElement("by-channel");
    CHECK(indexed.index->columnType(chart, *chart.findColumnByName("Doubled")) == "number");
    const quire::Json followed = hover(indexed.index.get(), lines, positionOf(text, "[Events/Double Revenue]", 3));
    REQUIRE(followed.is_object());
    CHECK(followed["contents"]["value"].get<std::string>().find("type: number") != std::string::npos);

    CHECK(hover(indexed.index.get(), lines, positionOf(text, "name: Events")).is_null());
}

TEST_CASE("definition of an element id, a control id, a column id and a column reference", "[lsp][definition]") {
    const std::string text = sampleText();
    const auto indexed = indexText(text);
    const auto lines = indexed.lines();
    const std::string uri = "file:///w/sample.yaml";

    const quire::Json element = definition(*indexed.index, lines, positionOf(text, "elementId: events", 12), uri);
    REQUIRE(element.is_object());
    CHECK(element["uri"] == uri);
    CHECK(pos(element["range"]["start"]) == positionOf(text, "id: events", 4));

    const quire::Json layout = definition(*indexed.index, lines, positionOf(text, "elementId=\"by-channel\"", 12), uri);
    REQUIRE(layout.is_object());
    CHECK(pos(layout["range"]["start"]) == positionOf(text, "id: by-channel", 4));

    const quire::Json column = definition(*indexed.index, lines, positionOf(text, "[Events/Revenue]", 9), uri);
    REQUIRE(column.is_object());
    CHECK(covered(text, column["range"]) == "Revenue");
    CHECK(pos(column["range"]["start"]) == positionOf(text, "name: Revenue", 6));

    const quire::Json columnId = definition(*indexed.index, lines, positionOf(text, "columnId: bc-channel", 12), uri);
    REQUIRE(columnId.is_object());
    CHECK(pos(columnId["range"]["start"]) == positionOf(text, "id: bc-channel", 4));

    const std::string withControl = text.substr(0, text.find("[Revenue] * 2")) + "[Min-Revenue] * 2" +
                                    text.substr(text.find("[Revenue] * 2") + 13);
    const auto indexed2 = indexText(withControl);
    const auto lines2 = indexed2.lines();
    const quire::Json control = definition(*indexed2.index, lines2, positionOf(withControl, "[Min-Revenue]", 2), uri);
    REQUIRE(control.is_object());
    CHECK(pos(control["range"]["start"]) == positionOf(withControl, "controlId: Min-Revenue", 11));

    CHECK(definition(*indexed.index, lines, positionOf(text, "[USER_EVENTS/CHANNEL]", 2), uri).is_null());
}

TEST_CASE("document symbols: pages holding the elements their layout places, elements holding columns", "[lsp][symbols]") {
    const std::string text = sampleText();
    const auto indexed = indexText(text);
    const quire::Json symbols = documentSymbols(*indexed.index);
    REQUIRE(symbols.size() == 2);
    CHECK(symbols[0]["name"] == "Data");
    CHECK(symbols[1]["name"] == "Overview");
    REQUIRE(symbols[0]["children"].size() == 1);
    CHECK(symbols[0]["children"][0]["name"] == "Events");
    CHECK(symbols[0]["children"][0]["children"].size() == 3); // its columns
    REQUIRE(symbols[1]["children"].size() == 2);
    CHECK(symbols[1]["children"][0]["name"] == "Minimum revenue");
    CHECK(symbols[1]["children"][1]["name"] == "Revenue by channel");
    // The element's range runs from its first key to its last value.
    const quire::Json& chart = symbols[1]["children"][1];
    CHECK(pos(chart["range"]["start"]) == positionOf(text, "id: by-channel"));
    CHECK(chart["range"]["end"]["line"] == positionOf(text, "- bc-revenue").line);
    CHECK(pos(chart["selectionRange"]["start"]) == positionOf(text, "id: by-channel", 4));
}

TEST_CASE("a JSON workbook: symbols end at the closing brace, the escaped layout leads to the element", "[lsp][symbols][definition]") {
    const std::string text = quire::test::readFile(quire::test::sourceDir() + "/tests/corpus/minimal.json");
    auto loaded = quire::doc::parseDocument(text, quire::doc::Format::Json, "minimal.json");
    REQUIRE(loaded.document);
    const auto shared = std::make_shared<const std::string>(text);
    const WorkbookIndex index(std::make_shared<const quire::doc::Document>(std::move(*loaded.document)), shared);
    const LineIndex lines(text);
    const quire::Json symbols = documentSymbols(index);
    REQUIRE(symbols.size() == 1);
    const quire::Json& table = symbols[0]["children"][0];
    CHECK(table["name"] == "Sales Data");
    // The element object runs from its "{" to its "}" (the line after its last column).
    CHECK(covered(text, table["range"]).front() == '{');
    CHECK(covered(text, table["range"]).back() == '}');
    CHECK(covered(text, table["range"]).find("\"col-amount\"") != std::string::npos);
    const quire::Json target = definition(index, lines, positionOf(text, "elementId=\\\"sales-table", 14), "file:///m.json");
    REQUIRE(target.is_object());
    CHECK(covered(text, target["range"]) == "sales-table");
    CHECK(pos(target["range"]["start"]) == positionOf(text, "\"id\": \"sales-table\"", 7));
}

TEST_CASE("formatting edits touch only the lines that are not canonical", "[lsp][formatting]") {
    const std::string text = sampleText();
    std::string error;
    const auto none = formattingEdits(text, quire::doc::Format::Yaml, "sample.yaml", &error);
    REQUIRE(none);
    CHECK(none->empty()); // already canonical: no edit at all

    // Two non-canonical spots: extra indentation-free spacing after a key and a needlessly quoted plain value.
    std::string messy = text;
    messy.replace(messy.find("name: LSP sample"), 16, "name:    LSP sample");
    messy.replace(messy.find("kind: bar-chart"), 15, "kind: 'bar-chart'");
    const auto edits = formattingEdits(messy, quire::doc::Format::Yaml, "sample.yaml", &error);
    REQUIRE(edits);
    REQUIRE(edits->size() == 2);
    CHECK((*edits)[0]["newText"] == "name: LSP sample\n");
    CHECK((*edits)[1]["newText"] == "      kind: bar-chart\n");
    // Applying them gives the canonical text.
    std::string applied = messy;
    for (auto it = edits->rbegin(); it != edits->rend(); ++it) {
        const LineIndex lines(applied);
        const std::size_t from = lines.offset(pos((*it)["range"]["start"])), to = lines.offset(pos((*it)["range"]["end"]));
        applied = applied.substr(0, from) + (*it)["newText"].get<std::string>() + applied.substr(to);
    }
    CHECK(applied == text);

    CHECK_FALSE(formattingEdits("a: [1,", quire::doc::Format::Yaml, "x.yaml", &error));
    CHECK_FALSE(error.empty());
}

TEST_CASE("formatting keeps a yaml-language-server modeline", "[lsp][formatting]") {
    const std::string text = "# yaml-language-server: $schema=/usr/share/quire/schemas/workbook.schema.json\n" + sampleText();
    std::string error;
    const auto edits = formattingEdits(text, quire::doc::Format::Yaml, "sample.yaml", &error);
    REQUIRE(edits);
    CHECK(edits->empty());
}
