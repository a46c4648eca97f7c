// The `quire validate` and `quire import-seed` commands, run as a user would (the quire binary of this build).
#include <quire/core/json.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <sys/wait.h>

#include "deep_formulas.h"
#include "helpers.h"

using namespace quire;
using namespace quire::test;

namespace {

struct Run {
    int exitCode = -1;
    std::string out; // stdout
};

// stdout only, or stdout and stderr together. exitCode is -1 when quire died of a signal.
Run runQuire(const std::string& arguments, bool withStderr = false) {
    const std::string command = std::string(QUIRE_BINARY_DIR) + "/bin/quire " + arguments + (withStderr ? " 2>&1" : " 2>/dev/null");
    Run run;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    std::size_t n = 0;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) run.out.append(buffer, n);
    const int status = pclose(pipe);
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

} // namespace

TEST_CASE("quire validate: exit codes and compiler-style lines", "[cli]") {
    const Run clean = runQuire("validate " + dataPath("minimal.json") + " " + dataPath("marketing-analytics.yaml"));
    INFO(clean.out);
    CHECK(clean.exitCode == 0);
    CHECK_THAT(clean.out, Catch::Contains("0 errors, 0 warnings in 2 files"));

    const std::string tableau = dataPath("invalid/tableau-structural-workarounds.json");
    const Run broken = runQuire("validate " + tableau);
    INFO(broken.out);
    CHECK(broken.exitCode == 1);
    CHECK_THAT(broken.out, Catch::Contains(tableau + ":12:38: error [source/unknown-element]: element 'master' is sourced from element 'dm-base'"));
    CHECK_THAT(broken.out, Catch::Contains("1 error, 2 warnings in 1 file"));

    const std::string dir = makeTempDir("cli-validate");
    {
        FILE* f = std::fopen((dir + "/bad.json").c_str(), "w");
        REQUIRE(f);
        std::fputs("{\"name\": ", f);
        std::fclose(f);
    }
    const Run unreadable = runQuire("validate " + dir + "/bad.json");
    CHECK(unreadable.exitCode == 2);
    CHECK(runQuire("validate " + dir + "/missing.json").exitCode == 2);
}

TEST_CASE("quire validate: --format json, --werror, --list-rules", "[cli]") {
    const Run json = runQuire("validate --format json " + dataPath("invalid/mode-orders-report-normalized-ids.json"));
    CHECK(json.exitCode == 1);
    const Json diagnostics = Json::parse(json.out);
    REQUIRE(diagnostics.is_array());
    CHECK(diagnostics.size() == 14); // 10 errors, 4 warnings (a page with `hidden: true`)
    for (const auto& d : diagnostics)
        for (const char* key : {"file", "line", "column", "severity", "rule", "message", "pointer"}) CHECK(d.contains(key));

    const std::string seedOut = makeTempDir("cli-werror") + "/wb.yaml";
    REQUIRE(runQuire("import-seed " + dataPath("seed/marketing-dashboard.yaml") + " -o " + seedOut).exitCode == 0);
    CHECK(runQuire("validate " + seedOut).exitCode == 0);          // one warning: no folderId
    CHECK(runQuire("validate --werror " + seedOut).exitCode == 1); // the warning counts as an error

    const Run rules = runQuire("validate --list-rules");
    CHECK(rules.exitCode == 0);
    CHECK_THAT(rules.out, Catch::Contains("layout/unplaced-element\terror\t"));
}

TEST_CASE("quire import-seed writes JSON or YAML that validates", "[cli]") {
    const std::string dir = makeTempDir("cli-import-seed");
    const Run json = runQuire("import-seed " + dataPath("seed/marketing-dashboard.yaml") + " -o " + dir + "/wb.json --to json" +
                           " --folder-id 6d1c6a52-2f1e-4a8e-9d55-0c1f3a9e2b11");
    INFO(json.out);
    CHECK(json.exitCode == 0);
    const Json written = Json::parse(readFile(dir + "/wb.json"));
    CHECK(written["folderId"] == "6d1c6a52-2f1e-4a8e-9d55-0c1f3a9e2b11");
    CHECK(runQuire("validate --werror " + dir + "/wb.json").exitCode == 0);

    CHECK(runQuire("import-seed " + dataPath("minimal.json") + " -o " + dir + "/x.json").exitCode == 1); // not a seed
}

TEST_CASE("quire validate and compile refuse 20,000-term formulas with a located error, not a signal", "[cli][depth]") {
    // 50 times the depth limit, enough to overflow the stack if anything recursed (test_depth.cpp checks 100,000
    // terms in process; here each kind costs several runs of the binary).
    const std::string dir = makeTempDir("cli-deep-formulas");
    const char* dialects[] = {"snowflake", "bigquery", "redshift", "databricks", "postgresql", "sqlite"};
    int n = 0;
    for (const auto& f : deepFormulas(20000)) {
        INFO(f.kind);
        const Json workbook = Json::parse(R"JSON({"name": "Deep", "folderId": "f", "contents": {
            "schemaVersion": 1, "kind": "workbook", "pages": [{"id": "p", "name": "P"}],
            "elements": [{"id": "t", "kind": "table", "name": "T",
              "source": {"kind": "warehouse-table", "connectionId": "c", "path": ["DB", "PUBLIC", "ORDERS"]},
              "columns": [{"id": "a", "name": "A", "formula": "[ORDERS/AMOUNT]"},
                          {"id": "b", "name": "B", "formula": "[ORDERS/AMOUNT] > 1"},
                          {"id": "c", "name": "C", "formula": "[ORDERS/PAYLOAD]"},
                          {"id": "x", "name": "X", "formula": ""}]}],
            "layout": "<Page id=\"p\"><Element elementId=\"t\" gridColumn=\"1 / 13\" gridRow=\"1 / 5\"/></Page>"}})JSON");
        Json deep = workbook;
        deep["contents"]["elements"][0]["columns"][3]["formula"] = f.formula;
        const std::string file = dir + "/deep" + std::to_string(n) + ".json";
        const std::string text = deep.dump(2);
        {
            FILE* out = std::fopen(file.c_str(), "w");
            REQUIRE(out);
            std::fwrite(text.data(), 1, text.size(), out);
            std::fclose(out);
        }
        // Diagnostics point at the key of the deep formula.
        const std::size_t key = text.find("\"formula\"", text.find("\"id\": \"x\""));
        const std::size_t lineStart = text.rfind('\n', key) + 1;
        const std::string at = file + ":" + std::to_string(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(key), '\n') + 1) +
                               ":" + std::to_string(key - lineStart + 1) + ": error [formula/too-deep]";
        const Run validated = runQuire("validate " + file);
        CHECK(validated.exitCode == 1);
        CHECK_THAT(validated.out, Catch::Contains(at));
        CHECK(validated.out.size() < 2000); // the formula is not repeated in full

        // `+` chains in every dialect; the other kinds in one dialect each.
        std::vector<std::string> compileIn{dialects[n % 6]};
        if (f.kind == "[A] +") compileIn.assign(std::begin(dialects), std::end(dialects));
        for (const auto& dialect : compileIn) {
            INFO(dialect);
            const Run compiled = runQuire("compile " + file + " --element t --dialect " + dialect, true);
            CHECK(compiled.exitCode == 1);
            CHECK_THAT(compiled.out, Catch::Contains(at));
        }
        ++n;
    }
}

TEST_CASE("quire import-seed refuses a converter envelope and follows the output's extension", "[cli][real]") {
    const std::string dir = makeTempDir("cli-import-seed-real");
    {
        FILE* out = std::fopen((dir + "/envelope.json").c_str(), "w");
        REQUIRE(out);
        const std::string text = "{\"workbook\": " + readFile(dataPath("minimal.json")) + "}";
        std::fwrite(text.data(), 1, text.size(), out);
        std::fclose(out);
    }
    const Run envelope = runQuire("import-seed " + dir + "/envelope.json -o " + dir + "/out.yaml", true);
    INFO(envelope.out);
    CHECK(envelope.exitCode == 1);
    CHECK(envelope.out.find("seed/not-a-seed") != std::string::npos);
    CHECK(envelope.out.find("converter envelope") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir + "/out.yaml"));

    // -o x.json without --to writes JSON; .yaml writes YAML
    REQUIRE(runQuire("import-seed " + dataPath("seed/marketing-dashboard.yaml") + " -o " + dir + "/wb.json").exitCode != 2);
    const std::string json = readFile(dir + "/wb.json");
    CHECK(json.rfind("{", 0) == 0);
    CHECK_NOTHROW(Json::parse(json));
    REQUIRE(runQuire("import-seed " + dataPath("seed/marketing-dashboard.yaml") + " -o " + dir + "/wb.yaml").exitCode != 2);
    CHECK(readFile(dir + "/wb.yaml").rfind("{", 0) != 0);
}

TEST_CASE("quire convert --migrate unwraps an envelope and renames `document` and validate and diff report them", "[cli][real]") {
    const std::string dir = makeTempDir("cli-migrate");
    const std::string original = readFile(dataPath("minimal.json"));
    const auto bodyKey = original.find("\"contents\"");
    REQUIRE(bodyKey != std::string::npos);
    std::string legacy = original;
    legacy.replace(bodyKey, 10, "\"document\"");
    auto write = [&](const std::string& name, const std::string& text) {
        FILE* out = std::fopen((dir + "/" + name).c_str(), "w");
        REQUIRE(out);
        std::fwrite(text.data(), 1, text.size(), out);
        std::fclose(out);
    };
    write("legacy.json", legacy);
    write("wrapped.json", "{\"workbook\": " + legacy + "}");

    const Run before = runQuire("validate " + dir + "/wrapped.json", true);
    CHECK(before.out.find("contents/converter-envelope") != std::string::npos);
    CHECK(before.out.find("compact seed") == std::string::npos);

    // diff: the same body under `document` and under `contents` is a difference Sigma sees
    const Run diff = runQuire("diff " + dataPath("minimal.json") + " " + dir + "/legacy.json", true);
    INFO(diff.out);
    CHECK(diff.out.find("body key") != std::string::npos);
    CHECK(diff.out.find("no differences") == std::string::npos);

    const Run migrated = runQuire("convert --migrate " + dir + "/wrapped.json -o " + dir + "/fixed.json", true);
    INFO(migrated.out);
    CHECK(migrated.exitCode == 0);
    CHECK(migrated.out.find("unwrapped the converter envelope") != std::string::npos);
    CHECK(migrated.out.find("renamed the legacy body key") != std::string::npos);
    CHECK(readFile(dir + "/fixed.json") == original + (original.back() == '\n' ? "" : "\n"));
    CHECK(runQuire("validate --werror " + dir + "/fixed.json").exitCode == runQuire("validate --werror " + dataPath("minimal.json")).exitCode);
    CHECK(runQuire("diff " + dataPath("minimal.json") + " " + dir + "/fixed.json", true).out.find("body key") == std::string::npos);
}
