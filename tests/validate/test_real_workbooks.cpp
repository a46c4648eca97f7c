// Real workbooks written by others (issue #14 section 3): no false alarms on what Sigma accepts, and a clear
// report of the shapes Sigma silently ignores (converter envelope, legacy `document`, pageLabels as an object,
// `hidden: true` on a page), with `quire convert --migrate` fixing the first two.
#include "base_workbook.h"

#include <quire/doc/io.h>
#include <quire/doc/migrate.h>
#include <quire/doc/seed.h>
#include <quire/validate/validator.h>

#include <catch2/catch.hpp>

using namespace quire;

namespace {

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

std::vector<Diagnostic> validateText(const std::string& text, doc::Format format = doc::Format::Json) {
    auto loaded = doc::parseDocument(text, format, "wb.json");
    REQUIRE(loaded.document);
    return validate::validate(*loaded.document);
}

int count(const std::vector<Diagnostic>& ds, std::string_view rule) {
    return static_cast<int>(std::count_if(ds.begin(), ds.end(), [&](const Diagnostic& d) { return d.rule == rule; }));
}

const std::string kBase(test::kBaseWorkbookJson);

} // namespace

TEST_CASE("First and Last are aggregates next to Sum, not a mixed aggregate", "[real][formulas]") {
    const auto base = validateText(kBase);
    REQUIRE(count(base, "formula/mixed-aggregate") == 0);
    const auto first = validateText(replaced(kBase, R"~("formula": "Sum([Orders/Amount])" },
          { "id": "b-count")~", R"~("formula": "Sum([Orders/Amount]) / First([Orders/Amount])" },
          { "id": "b-count")~"));
    CHECK(count(first, "formula/mixed-aggregate") == 0);
    const auto last = validateText(replaced(kBase, R"~("formula": "Sum([Orders/Amount])" },
          { "id": "b-count")~", R"~("formula": "Sum([Orders/Amount]) - Last([Orders/Amount])" },
          { "id": "b-count")~"));
    CHECK(count(last, "formula/mixed-aggregate") == 0);
    // a bare row-level column next to an aggregate still is one
    const auto mixed = validateText(replaced(kBase, R"~("formula": "Sum([Orders/Amount])" },
          { "id": "b-count")~", R"~("formula": "Sum([Orders/Amount]) / [Orders/Amount]" },
          { "id": "b-count")~"));
    CHECK(count(mixed, "formula/mixed-aggregate") == 1);
}

TEST_CASE("a warehouse column passed through under its own name is not a self-reference", "[real][columns]") {
    const std::string passthrough = replaced(kBase, R"~({ "id": "o-double", "name": "Double", "formula": "[Amount] * 2" })~",
                                             R"~({ "id": "o-double", "name": "Double", "formula": "[Amount] * 2" },
          { "id": "o-current", "name": "Current Revenue", "formula": "[Current Revenue]" })~");
    CHECK(count(validateText(passthrough), "column/self-reference") == 0);
    // [Double] * 2 in "Double" is still circular
    CHECK(count(validateText(replaced(kBase, R"~("formula": "[Amount] * 2")~", R"~("formula": "[Double] * 2")~")), "column/self-reference") == 1);
}

TEST_CASE("a converter envelope is reported as one, not as a compact seed", "[real][envelope]") {
    const std::string wrapped = "{\"workbook\": " + kBase + "}";
    const Json root = Json::parse(wrapped);
    CHECK(doc::isConverterEnvelope(root));
    CHECK_FALSE(doc::isCompactSeed(root));
    const auto ds = validateText(wrapped);
    REQUIRE(count(ds, "contents/converter-envelope") == 1);
    CHECK(count(ds, "contents/missing") == 0);
    const auto it = std::find_if(ds.begin(), ds.end(), [](const Diagnostic& d) { return d.rule == "contents/converter-envelope"; });
    CHECK(it->message.find("quire convert FILE --migrate") != std::string::npos);
    CHECK(it->location.line == 1);
}

TEST_CASE("import-seed refuses a converter envelope and anything else that is not a compact seed", "[real][seed]") {
    auto importText = [](const std::string& text, doc::Format format = doc::Format::Json) {
        auto loaded = doc::parseDocument(text, format, "seed");
        REQUIRE(loaded.document);
        return doc::importSeed(*loaded.document);
    };
    auto envelope = importText("{\"workbook\": " + kBase + "}");
    REQUIRE_FALSE(envelope.ok());
    CHECK(envelope.diagnostics[0].rule == "seed/not-a-seed");
    CHECK(envelope.diagnostics[0].message.find("converter envelope") != std::string::npos);
    auto document = importText(kBase);
    REQUIRE_FALSE(document.ok());
    CHECK(document.diagnostics[0].message.find("already a Sigma workbook document") != std::string::npos);
    auto stranger = importText(R"~({"workbook": {"name": "x", "sheets": []}})~");
    REQUIRE_FALSE(stranger.ok());
    CHECK(stranger.diagnostics[0].pointer == "/workbook/sheets");
    auto empty = importText(R"~({"workbook": {"name": "x"}})~");
    CHECK_FALSE(empty.ok());
    // a real seed still imports
    auto seed = importText("workbook:\n  name: S\n  data_sources:\n    - {name: o, connection: c, schema: P, table: T}\n"
                           "  elements:\n    - {type: table, name: T, data_source: o, columns: [{name: A}]}\n",
                           doc::Format::Yaml);
    CHECK(seed.ok());
}

TEST_CASE("the legacy document key and the converter envelope are migrated, keeping the text", "[real][migrate]") {
    // legacy key, JSON: the key renamed in place, every other byte kept
    const std::string legacy = replaced(kBase, "\"contents\": {", "\"document\": {");
    auto loaded = doc::parseDocument(legacy, doc::Format::Json, "wb.json");
    REQUIRE(loaded.document);
    CHECK(count(validate::validate(*loaded.document), "contents/legacy-document-key") == 1);
    auto m = doc::migrateDocument(*loaded.document);
    CHECK(m.preserved);
    CHECK(m.text == kBase);
    CHECK(m.changes.size() == 1);

    // envelope around it, JSON: both fixed, the inner object's bytes kept
    auto wrapped = doc::parseDocument("{\"workbook\": " + legacy + "}", doc::Format::Json, "wb.json");
    REQUIRE(wrapped.document);
    auto both = doc::migrateDocument(*wrapped.document);
    CHECK(both.changes.size() == 2);
    CHECK(both.preserved);
    CHECK(both.text == kBase); // the inner object's bytes, ending in one newline as kBase does
    CHECK(count(validateText(both.text), "contents/converter-envelope") == 0);

    // YAML envelope with a comment: dedented, comment kept
    const std::string yaml = "# exported by a converter\nworkbook:\n  name: W   # the name\n  folderId: f\n  document:\n"
                             "    schemaVersion: 1\n    kind: workbook\n    pages:\n      - {id: p, name: P}\n    elements: []\n";
    auto y = doc::parseDocument(yaml, doc::Format::Yaml, "wb.yaml");
    REQUIRE(y.document);
    auto ym = doc::migrateDocument(*y.document);
    CHECK(ym.preserved);
    CHECK(ym.text == "name: W   # the name\nfolderId: f\ncontents:\n  schemaVersion: 1\n  kind: workbook\n  pages:\n"
                     "    - {id: p, name: P}\n  elements: []\n");

    // nothing to do
    auto clean = doc::parseDocument(kBase, doc::Format::Json, "wb.json");
    CHECK(doc::migrateDocument(*clean.document).changes.empty());
}

TEST_CASE("pageLabels written as an object and a page hidden with `hidden: true` are reported", "[real][pages]") {
    const std::string hidden = replaced(kBase, R"~({ "id": "p2", "name": "Second" })~", R"~({ "id": "p2", "name": "Second", "hidden": true })~");
    const auto ds = validateText(hidden);
    REQUIRE(count(ds, "contents/page-hidden-key") == 1);
    const std::string nav = replaced(kBase, R"~({ "id": "orders", "kind": "table")~",
                                     R"~({ "id": "nav", "kind": "control", "controlType": "navigation", "controlId": "nav", "mode": "auto",
        "pageLabels": { "p1": "Main", "p2": "Second" } },
      { "id": "orders", "kind": "table")~");
    CHECK(count(validateText(nav), "control/page-labels-shape") == 1);
    const std::string navList = replaced(nav, R"~("pageLabels": { "p1": "Main", "p2": "Second" })~",
                                         R"~("pageLabels": [{ "pageId": "p1", "label": "Main" }])~");
    CHECK(count(validateText(navList), "control/page-labels-shape") == 0);
}
