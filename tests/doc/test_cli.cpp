// `quire convert` and `quire info`, run as a user would (the quire binary of this build).
#include <catch2/catch.hpp>
#include <quire/doc/io.h>
#include <test_support.h>

#include <cstdio>
#include <filesystem>
#include <sys/wait.h>

using namespace quire;
using namespace quire::doc;

namespace {

struct Run {
    int exitCode = -1;
    std::string out;
    std::string err;
};

Run runQuire(const std::string& arguments) {
    static int counter = 0;
    const std::string errFile = quire::test::makeTempDir("cli-stderr") + "/err" + std::to_string(counter++);
    const std::string command = quire::test::binaryDir() + "/bin/quire " + arguments + " 2>" + errFile;
    Run run;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    std::size_t n = 0;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) run.out.append(buffer, n);
    const int status = pclose(pipe);
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.err = quire::test::readFile(errFile);
    return run;
}

std::string corpus(const std::string& name) { return quire::test::sourceDir() + "/tests/corpus/" + name; }

Json parsed(const std::string& text, Format format) {
    auto r = parseDocument(text, format);
    REQUIRE(r.ok());
    return r.document->root;
}

} // namespace

TEST_CASE("quire convert writes canonical JSON and YAML to stdout", "[cli]") {
    const auto original = loadDocument(corpus("marketing-analytics.yaml"));
    REQUIRE(original.ok());
    const Run json = runQuire("convert " + corpus("marketing-analytics.yaml") + " --to json");
    INFO(json.err);
    REQUIRE(json.exitCode == 0);
    CHECK(json.out == saveDocument(*original.document, Format::Json));
    CHECK(parsed(json.out, Format::Json) == original.document->root);
    const Run yaml = runQuire("convert " + corpus("invalid/mode-orders-report-normalized-ids.json") + " --to yaml");
    REQUIRE(yaml.exitCode == 0);
    CHECK(yaml.out.rfind("name: ", 0) == 0);
    CHECK(parsed(yaml.out, Format::Yaml) == loadDocument(corpus("invalid/mode-orders-report-normalized-ids.json")).document->root);
}

TEST_CASE("quire convert -o writes the file and leaves no temporary behind", "[cli]") {
    const std::string dir = quire::test::makeTempDir("cli-convert");
    const Run run = runQuire("convert " + corpus("minimal.json") + " --to yaml -o " + dir + "/out.yaml");
    INFO(run.err);
    REQUIRE(run.exitCode == 0);
    CHECK(run.out.empty());
    auto back = loadDocument(dir + "/out.yaml");
    REQUIRE(back.ok());
    CHECK(back.document->root == loadDocument(corpus("minimal.json")).document->root);
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++files;
    CHECK(files == 1);
    // An output directory that does not exist: exit 1 and a message, nothing written.
    const Run bad = runQuire("convert " + corpus("minimal.json") + " --to json -o " + dir + "/no/such/dir/out.json");
    CHECK(bad.exitCode == 1);
    CHECK_THAT(bad.err, Catch::Contains("cannot write"));
}

TEST_CASE("quire convert and info report load errors with locations and exit 2", "[cli]") {
    const std::string dir = quire::test::makeTempDir("cli-bad");
    {
        FILE* f = std::fopen((dir + "/dup.json").c_str(), "w");
        REQUIRE(f);
        std::fputs("{\n  \"name\": \"a\",\n  \"name\": \"b\"\n}\n", f);
        std::fclose(f);
    }
    for (const char* command : {"convert", "info"}) {
        INFO(command);
        const Run run = runQuire(std::string(command) + " " + dir + "/dup.json" + (command[0] == 'c' ? " --to yaml" : ""));
        CHECK(run.exitCode == 2);
        CHECK(run.out.empty());
        CHECK_THAT(run.err, Catch::Contains(dir + "/dup.json:3:3: error [json/duplicate-key]"));
    }
    const Run missing = runQuire("info " + dir + "/missing.yaml");
    CHECK(missing.exitCode == 2);
    CHECK_THAT(missing.err, Catch::Contains("[io/read-failed]"));
}

TEST_CASE("quire info summarizes a workbook", "[cli]") {
    const Run run = runQuire("info " + corpus("invalid/tableau-structural-workarounds.json") + " --format json");
    INFO(run.err);
    REQUIRE(run.exitCode == 0);
    const Json info = parsed(run.out, Format::Json);
    CHECK(info["name"] == "Structural Workarounds Test");
    CHECK(info["body"] == "document");
    CHECK(info["pages"].size() == 2);
    CHECK(info["pages"][1]["name"] == "Overview Dash");
    CHECK(info["elementsByKind"] == Json::parse(R"({"bar-chart": 1, "control": 1, "line-chart": 1, "table": 2})"));
    REQUIRE(info["controls"].size() == 1);
    CHECK(info["controls"][0]["controlId"] == "ctl-region");
    CHECK(info["controls"][0]["controlType"] == "list");

    const Run marketing = runQuire("info " + corpus("marketing-analytics.yaml") + " --format json");
    REQUIRE(marketing.exitCode == 0);
    const Json m = parsed(marketing.out, Format::Json);
    CHECK(m["connections"] ==
          Json::parse(R"({"9a3e2f71-0c5d-4b8e-a1f6-3d7c2b9e8a40": ["MARKETING.ANALYTICS.USER_EVENTS"]})"));
    CHECK(m["columns"] == 13);

    const Run text = runQuire("info " + corpus("marketing-analytics.yaml"));
    REQUIRE(text.exitCode == 0);
    CHECK_THAT(text.out, Catch::Contains("Workbook:    Marketing Analytics Dashboard"));
    CHECK_THAT(text.out, Catch::Contains("Pages:       2: data (Data), overview (Overview)"));
}

TEST_CASE("loadDocument reads at most the size limit from endless and oversized inputs", "[cli][files]") {
    LoadLimits limits;
    limits.maxBytes = 1000; // the corpus file is about 4 KB
    for (const std::string& path : {std::string("/dev/zero"), corpus("marketing-analytics.yaml")}) {
        INFO(path);
        const auto loaded = loadDocument(path, limits);
        REQUIRE(loaded.diagnostics.size() == 1);
        CHECK(loaded.diagnostics[0].rule == "io/too-large");
        CHECK(loaded.diagnostics[0].location.file == path);
        CHECK_THAT(loaded.diagnostics[0].message, Catch::Contains("larger than the limit of 1000 bytes"));
    }
    auto endless = readFileBytes("/dev/zero", 100);
    REQUIRE_FALSE(endless.ok());
    CHECK(endless.message() == "larger than the limit of 100 bytes");
    CHECK(endless.error().rule == "io/too-large");
    CHECK(endless.error().location.file == "/dev/zero");
    auto missing = readFileBytes("/nonexistent/quire-test-file");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().rule == "io/read-failed");
}
