// `quire validate --format sarif|junit`: the reports CI systems read (GitHub code scanning, GitLab/Jenkins test
// reports), checked structurally: the SARIF 2.1.0 fields code scanning requires, and well-formed JUnit XML
// (QtXml's parser) whose failures carry file:line:col.
#include "cli_run.h"

#include <QDomDocument>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <test_support.h>

#include <filesystem>
#include <fstream>
#include <algorithm>
#include <set>
#include <unistd.h>

using namespace quire::test::cli;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

void writeText(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    REQUIRE(out.good());
}

// The sample with the KPI's source pointing at a missing element whose id needs escaping everywhere.
const char* kBadId = "no<such>&\\\"el'";   // as written in YAML (double-quoted)
const char* kBadIdValue = "no<such>&\"el'"; // the value

struct Files {
    std::string dir;
    int badLine = 0, badColumn = 0; // where source/unknown-element is reported in "bad wb.yaml"
};

// In `dir`: "bad wb.yaml" (one semantic error), good.yaml (the sample), broken.json (a syntax error).
Files makeFiles(const std::string& dir) {
    Files f{dir};
    std::string text = quire::test::readFile(quire::test::sourceDir() + "/resources/examples/marketing.yaml");
    const std::string from = "    - id: kpi-sessions\n      kind: kpi-chart\n      name: Sessions\n      source:\n        kind: table\n"
                             "        elementId: sessions\n";
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    const std::string upToTheLine = text.substr(0, at + from.size());
    f.badLine = static_cast<int>(std::count(upToTheLine.begin(), upToTheLine.end(), '\n'));
    text.replace(at + from.size() - std::string("sessions\n").size(), std::string("sessions").size(),
                 std::string("\"") + kBadId + "\"");
    f.badColumn = 9; // the key `elementId`
    writeText(dir + "/bad wb.yaml", text);
    writeText(dir + "/good.yaml", quire::test::readFile(quire::test::sourceDir() + "/resources/examples/marketing.yaml"));
    writeText(dir + "/broken.json", "{\n  \"name\": \"x\",\n  \"contents\": {\n}\n");
    return f;
}

// Runs quire in `dir` (relative file names, as a CI job does from the checkout).
Run runIn(const Sandbox& box, const std::string& dir, const std::string& arguments) {
    char previous[4096];
    REQUIRE(::getcwd(previous, sizeof previous) != nullptr);
    REQUIRE(::chdir(dir.c_str()) == 0);
    const Run r = box.run(arguments);
    REQUIRE(::chdir(previous) == 0);
    return r;
}

} // namespace

TEST_CASE("quire validate --format sarif: SARIF 2.1.0 with catalogue rules and line-accurate locations", "[cli][reports]") {
    Sandbox box("cli-sarif");
    const Files files = makeFiles(box.dir);
    const Run r = runIn(box, box.dir, "validate --format sarif 'bad wb.yaml' good.yaml broken.json");
    INFO(r.err);
    CHECK(r.exitCode == 2); // broken.json cannot be read
    const json log = json::parse(r.out);
    CHECK(log.at("version") == "2.1.0");
    CHECK(log.at("$schema").get<std::string>().find("sarif-2.1.0") != std::string::npos);
    REQUIRE(log.at("runs").size() == 1);
    const json& run = log["runs"][0];
    CHECK(run.at("tool").at("driver").at("name") == "quire");
    const json& rules = run["tool"]["driver"].at("rules");

    // Every catalogue rule, with its description, once.
    const json catalogue = json::parse(box.run("validate --list-rules --format json").out);
    std::set<std::string> ids;
    for (const json& rule : rules) {
        CHECK(ids.insert(rule.at("id").get<std::string>()).second);
        CHECK_FALSE(rule.at("shortDescription").at("text").get<std::string>().empty());
        CHECK(rule.at("defaultConfiguration").at("level").is_string());
    }
    for (const json& entry : catalogue) {
        INFO(entry["code"]);
        CHECK(ids.count(entry["code"].get<std::string>()) == 1);
    }
    auto ruleById = [&](const std::string& id) {
        for (const json& rule : rules)
            if (rule["id"] == id) return rule;
        FAIL("no rule " << id);
        return json();
    };
    for (const json& entry : catalogue)
        if (entry["code"] == "source/unknown-element")
            CHECK(ruleById("source/unknown-element")["shortDescription"]["text"] == entry["description"]);

    // Results: the required fields, consistent with the rules, at the right places.
    const json& results = run.at("results");
    REQUIRE_FALSE(results.empty());
    bool foundBad = false, foundSyntax = false;
    for (const json& result : results) {
        const std::string ruleId = result.at("ruleId");
        CHECK(rules.at(result.at("ruleIndex").get<std::size_t>()).at("id") == ruleId);
        CHECK(std::set<std::string>{"error", "warning", "note"}.count(result.at("level").get<std::string>()) == 1);
        CHECK_FALSE(result.at("message").at("text").get<std::string>().empty());
        const json& location = result.at("locations").at(0).at("physicalLocation");
        const std::string uri = location.at("artifactLocation").at("uri");
        CHECK(location.at("artifactLocation").at("uriBaseId") == "%SRCROOT%");
        CHECK(location.at("region").at("startLine").get<int>() >= 1);
        CHECK(uri != "good.yaml"); // the sample has no findings
        if (ruleId == "source/unknown-element" && uri == "bad%20wb.yaml") {
            foundBad = true;
            CHECK(result["level"] == "error");
            CHECK(location["region"]["startLine"] == files.badLine);
            CHECK(location["region"]["startColumn"] == files.badColumn);
            CHECK(result["message"]["text"].get<std::string>().find(kBadIdValue) != std::string::npos);
        }
        if (ruleId == "json/syntax") {
            foundSyntax = true;
            CHECK(uri == "broken.json");
            CHECK(location["region"]["startLine"] == 5); // the end of the file: the object is not closed
        }
    }
    CHECK(foundBad);
    CHECK(foundSyntax);
    CHECK_FALSE(ruleById("json/syntax")["shortDescription"]["text"].get<std::string>().empty());
    CHECK(run.at("originalUriBaseIds").at("%SRCROOT%").at("uri") == "file://" + fs::path(box.dir).generic_string() + "/");

    // The text output names the same place.
    const Run text = runIn(box, box.dir, "validate 'bad wb.yaml'");
    CHECK_THAT(text.out, Catch::Contains("bad wb.yaml:" + std::to_string(files.badLine) + ":" + std::to_string(files.badColumn) +
                                         ": error [source/unknown-element]"));
}

TEST_CASE("quire validate --format junit: well-formed XML, one failing testcase per rule with locations", "[cli][reports]") {
    Sandbox box("cli-junit");
    const Files files = makeFiles(box.dir);
    const Run r = runIn(box, box.dir, "validate --format junit 'bad wb.yaml' good.yaml");
    INFO(r.out << r.err);
    CHECK(r.exitCode == 1);
    QDomDocument document;
    QString error;
    int line = 0, column = 0;
    REQUIRE(document.setContent(QByteArray::fromStdString(r.out), &error, &line, &column));
    const QDomElement root = document.documentElement();
    CHECK(root.tagName() == "testsuites");
    CHECK(root.attribute("tests") == "2");
    CHECK(root.attribute("failures") == "1");
    const QDomNodeList suites = root.elementsByTagName("testsuite");
    REQUIRE(suites.size() == 2);
    const QDomElement bad = suites.at(0).toElement(), good = suites.at(1).toElement();
    CHECK(bad.attribute("name") == "bad wb.yaml");
    CHECK(bad.attribute("failures") == "1");
    const QDomElement testcase = bad.firstChildElement("testcase");
    CHECK(testcase.attribute("name") == "source/unknown-element");
    CHECK(testcase.attribute("classname") == "bad wb.yaml");
    const QDomElement failure = testcase.firstChildElement("failure");
    REQUIRE_FALSE(failure.isNull());
    CHECK(failure.attribute("type") == "source/unknown-element");
    CHECK(failure.attribute("message").contains(QString::fromUtf8(kBadIdValue)));
    CHECK(failure.text().contains(QString::fromStdString("bad wb.yaml:" + std::to_string(files.badLine) + ":" +
                                                         std::to_string(files.badColumn) + ": error [source/unknown-element]")));
    CHECK(good.attribute("name") == "good.yaml");
    CHECK(good.attribute("failures") == "0");
    const QDomElement passing = good.firstChildElement("testcase");
    REQUIRE_FALSE(passing.isNull());
    CHECK(passing.firstChildElement("failure").isNull());
}

TEST_CASE("validate reports stay well-formed for hostile file names and messages", "[cli][reports]") {
    Sandbox box("cli-reports-hostile");
    const std::string name = "odd\x01\xff<&>\"'.yaml"; // a control character, a byte that is not UTF-8, markup
    writeText(box.dir + "/" + name, "name: [\n");
    const std::string quoted = shellQuote(name);

    const Run sarif = runIn(box, box.dir, "validate --format sarif " + quoted);
    CHECK(sarif.exitCode == 2);
    const json log = json::parse(sarif.out); // valid UTF-8 JSON
    const json& result = log.at("runs").at(0).at("results").at(0);
    CHECK(result.at("ruleId").get<std::string>().rfind("yaml/", 0) == 0);
    CHECK(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "odd%01%FF%3C%26%3E%22%27.yaml");

    const Run junit = runIn(box, box.dir, "validate --format junit " + quoted);
    CHECK(junit.exitCode == 2);
    QDomDocument document;
    QString error;
    int line = 0, column = 0;
    INFO(junit.out);
    REQUIRE(document.setContent(QByteArray::fromStdString(junit.out), &error, &line, &column));
    const QDomElement suite = document.documentElement().firstChildElement("testsuite");
    CHECK(suite.attribute("name") == QString::fromUtf8("odd\xEF\xBF\xBD\xEF\xBF\xBD<&>\"'.yaml"));
    CHECK(suite.attribute("failures") == "1");
    CHECK(suite.firstChildElement("testcase").firstChildElement("failure").attribute("type").startsWith("yaml/"));
}
