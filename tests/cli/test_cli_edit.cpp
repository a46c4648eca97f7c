// `quire set`, `quire unset`, `quire fmt` and `quire convert` to the same format, end to end: only the edited
// field's bytes change, invalid results are refused unless --force, fmt writes or checks the canonical style.
#include "cli_run.h"

#include <catch2/catch.hpp>
#include <test_support.h>

#include <fstream>

using namespace quire::test::cli;

namespace {

const std::string kSample = quire::test::sourceDir() + "/resources/examples/marketing.yaml";

void writeText(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    REQUIRE(out.good());
}

std::string copySample(const Sandbox& box, const std::string& name = "wb.yaml") {
    const std::string path = box.dir + "/" + name;
    writeText(path, quire::test::readFile(kSample));
    return path;
}

// `text` with the first occurrence of `from` replaced by `to` (which must occur).
std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

} // namespace

TEST_CASE("quire set changes one field's bytes and keeps comments and quoting", "[cli][edit]") {
    Sandbox box("cli-set");
    const std::string file = copySample(box);
    const std::string original = quire::test::readFile(file);
    Run r = box.run("set " + shellQuote(file) + " /contents/elements/15/name " + shellQuote("Revenue per month"));
    INFO(r.out << r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(quire::test::readFile(file) ==
          replaced(original, "      name: Revenue by month\n", "      name: Revenue per month\n"));
    // A quoted scalar stays quoted; VALUE is typed like YAML (a quoted number is a string).
    r = box.run("set " + shellQuote(file) + " /contents/elements/7/startDate " + shellQuote("\"2025-01-01\""));
    REQUIRE(r.exitCode == 0);
    CHECK(quire::test::readFile(file).find("      startDate: \"2025-01-01\"\n") != std::string::npos);
    // Flow collections stay in flow style; a trailing comment stays.
    r = box.run("set " + shellQuote(file) + " /folderId " + shellQuote("c3d9d2e7-8b4a-4f6e-a0d5-7e1b2c3d4f50"));
    REQUIRE(r.exitCode == 0);
    CHECK(quire::test::readFile(file).find("folderId: c3d9d2e7-8b4a-4f6e-a0d5-7e1b2c3d4f50   # replace with your Sigma folder") !=
          std::string::npos);
    r = box.run("set --force " + shellQuote(file) + " /contents/elements/0/source/path " + shellQuote("[main, sessions]"));
    INFO(r.out << r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(quire::test::readFile(file).find("        path: [main, sessions]\n") != std::string::npos);
}

TEST_CASE("quire set refuses a result with validation errors unless --force", "[cli][edit]") {
    Sandbox box("cli-set-invalid");
    const std::string file = copySample(box);
    const std::string original = quire::test::readFile(file);
    // An element kind Sigma does not have.
    Run r = box.run("set " + shellQuote(file) + " /contents/elements/0/kind no-such-kind");
    INFO(r.out << r.err);
    CHECK(r.exitCode == 1);
    CHECK_THAT(r.out, Catch::Contains(file + ":"));
    CHECK_THAT(r.err, Catch::Contains("not written") && Catch::Contains("--force"));
    CHECK(quire::test::readFile(file) == original);
    r = box.run("set --force " + shellQuote(file) + " /contents/elements/0/kind no-such-kind");
    CHECK(r.exitCode == 0);
    CHECK(quire::test::readFile(file) == replaced(original, "      kind: table\n", "      kind: no-such-kind\n"));
}

TEST_CASE("quire set and unset report bad pointers and values without writing", "[cli][edit]") {
    Sandbox box("cli-set-bad");
    const std::string file = copySample(box);
    const std::string original = quire::test::readFile(file);
    Run r = box.run("set " + shellQuote(file) + " contents/name x");
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.err, Catch::Contains("invalid JSON pointer"));
    r = box.run("set " + shellQuote(file) + " /contents/nothing/here x");
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.err, Catch::Contains("nothing at /contents/nothing"));
    r = box.run("set " + shellQuote(file) + " /contents/pages/7 x");
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.err, Catch::Contains("no item 7") && Catch::Contains("it has 2"));
    r = box.run("set " + shellQuote(file) + " /name " + shellQuote("[unclosed"));
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.err, Catch::Contains("VALUE"));
    r = box.run("unset " + shellQuote(file) + " /contents/pages/9");
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.err, Catch::Contains("nothing at /contents/pages/9"));
    CHECK(quire::test::readFile(file) == original);
}

TEST_CASE("quire unset removes a field with its own lines", "[cli][edit]") {
    Sandbox box("cli-unset");
    const std::string file = copySample(box);
    const std::string original = quire::test::readFile(file);
    Run r = box.run("unset " + shellQuote(file) + " /description");
    INFO(r.out << r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(quire::test::readFile(file) ==
          replaced(original, "description: Sessions, conversions and revenue by channel over the Quire sample warehouse\n", ""));
    // A list item: the last column of the events table.
    r = box.run("unset " + shellQuote(file) + " /contents/elements/0/columns/5");
    REQUIRE(r.exitCode == 0);
    CHECK(quire::test::readFile(file).find("ev-page") == std::string::npos);
    CHECK(quire::test::readFile(file).find("# ---- Data page: warehouse tables") != std::string::npos);
}

TEST_CASE("quire set on JSON keeps the file's indentation", "[cli][edit]") {
    Sandbox box("cli-set-json");
    const std::string file = box.dir + "/wb.json";
    writeText(file, "{\n    \"name\": \"A\",\n    \"folderId\": \"f\",\n    \"contents\": {\"schemaVersion\": 1, \"pages\": [{\"id\": \"p\"}], \"elements\": []}\n}\n");
    const Run r = box.run("set --force " + shellQuote(file) + " /name " + shellQuote("B é"));
    INFO(r.out << r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(quire::test::readFile(file) ==
          "{\n    \"name\": \"B é\",\n    \"folderId\": \"f\",\n    \"contents\": {\"schemaVersion\": 1, \"pages\": [{\"id\": \"p\"}], \"elements\": []}\n}\n");
}

TEST_CASE("quire fmt writes the canonical style and --check reports files that are not in it", "[cli][edit]") {
    Sandbox box("cli-fmt");
    const std::string file = copySample(box);
    Run r = box.run("fmt --check " + shellQuote(file));
    INFO(r.out << r.err);
    CHECK(r.exitCode == 1);
    CHECK_THAT(r.out, Catch::Contains(file + ":1: not in canonical style"));
    CHECK(quire::test::readFile(file) == quire::test::readFile(kSample)); // --check writes nothing
    r = box.run("fmt " + shellQuote(file));
    CHECK(r.exitCode == 0);
    CHECK_THAT(r.out, Catch::Contains("formatted " + file));
    const Run canonical = box.run("convert " + shellQuote(kSample) + " --to json");
    REQUIRE(canonical.exitCode == 0);
    const std::string json = box.dir + "/wb.json";
    writeText(json, canonical.out);
    r = box.run("fmt --check " + shellQuote(file) + " " + shellQuote(json));
    CHECK(r.exitCode == 0);
    CHECK(r.out.empty());
    // The formatted file is the canonical text: comments are gone, the value is the same.
    CHECK(quire::test::readFile(file).find('#') == std::string::npos);
    const Run back = box.run("convert " + shellQuote(file) + " --to json");
    CHECK(back.out == canonical.out);
    // A file that does not load: exit 2, nothing written.
    writeText(box.dir + "/bad.yaml", "name: [\n");
    r = box.run("fmt " + shellQuote(box.dir + "/bad.yaml"));
    CHECK(r.exitCode == 2);
    CHECK(quire::test::readFile(box.dir + "/bad.yaml") == "name: [\n");
}

TEST_CASE("quire convert to the file's own format keeps its text, comments included", "[cli][edit]") {
    Sandbox box("cli-convert-same");
    const std::string file = copySample(box);
    Run r = box.run("convert " + shellQuote(file) + " --to yaml");
    REQUIRE(r.exitCode == 0);
    CHECK(r.out == quire::test::readFile(kSample));
    CHECK_THAT(r.out, Catch::Contains("# replace with your Sigma folder before publishing"));
    r = box.run("convert " + shellQuote(file) + " --to yaml -o " + shellQuote(box.dir + "/out.yaml"));
    REQUIRE(r.exitCode == 0);
    CHECK(quire::test::readFile(box.dir + "/out.yaml") == quire::test::readFile(kSample));
}

TEST_CASE("quire set says so when the file has to be rewritten in canonical style", "[cli][edit]") {
    Sandbox box("cli-set-fallback");
    const std::string file = box.dir + "/wb.yaml";
    // The anchored name is copied to the description: changing one in place would change the other too.
    writeText(file, "# comment\nname: &n Shared\ndescription: *n\ncontents: {}\n");
    const Run r = box.run("set --force " + shellQuote(file) + " /name Other");
    INFO(r.out << r.err);
    REQUIRE(r.exitCode == 0);
    CHECK_THAT(r.err, Catch::Contains("rewritten in canonical style") && Catch::Contains("does not read back"));
    CHECK(quire::test::readFile(file) == "name: Other\ndescription: Shared\ncontents: {}\n");
}
