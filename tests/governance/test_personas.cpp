// The personas file: fields read in order, located errors (schema and semantic), the document reader's limits,
// where the file is found, and which persona a command views as.
#include <quire/governance/personas.h>

#include <catch2/catch.hpp>
#include <test_support.h>

#include <filesystem>
#include <fstream>

using namespace quire;
using namespace quire::governance;
namespace fs = std::filesystem;

namespace {

const char* kPersonas = R"(# who the workbook is previewed as
personas:
  - email: ana@example.com
    fullName: Ana Author
    default: true
    teams: [Finance, Sales]
    attributes:
      region: EMEA
      quota: 1200
      hired: "2021-03-01"
    warehouseRoles:
      conn-1: analyst_emea
  - email: bob@example.com
    fullName: Bob Viewer
    userId: u-bob
    attributes: {region: US}
)";

std::string rulesOf(const PersonasLoad& l) {
    std::string out;
    for (const auto& d : l.diagnostics) out += d.rule + "@" + std::to_string(d.location.line) + ":" + d.pointer + " ";
    return out;
}

void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

} // namespace

TEST_CASE("personas: every field is read in file order", "[governance][personas]") {
    const auto l = parsePersonas(kPersonas, "quire.personas.yaml");
    INFO(rulesOf(l));
    REQUIRE(l.ok());
    REQUIRE(l.set->personas.size() == 2);
    const Persona& ana = l.set->personas[0];
    CHECK(ana.email() == "ana@example.com");
    CHECK(ana.user.fullName == "Ana Author");
    CHECK(ana.isDefault);
    CHECK(ana.user.teams == std::vector<std::string>{"Finance", "Sales"});
    CHECK(ana.user.inTeam("Sales"));
    CHECK_FALSE(ana.user.inTeam("sales")); // team names match exactly
    std::string text;
    REQUIRE(ana.user.attributeText("quota", text));
    CHECK(text == "1200");
    REQUIRE(ana.user.attributeText("region", text));
    CHECK(text == "EMEA");
    CHECK(std::get<std::string>(ana.user.attributes.at("hired")) == "2021-03-01");
    CHECK(ana.roleFor("conn-1") == "analyst_emea");
    CHECK(ana.roleFor("other").empty());
    CHECK(l.set->personas[1].user.userId == "u-bob");
    CHECK(l.set->find("BOB@example.com") == &l.set->personas[1]);
    CHECK(l.set->find("carol@example.com") == nullptr);
    CHECK(l.set->defaultPersona() == &ana);
    CHECK(l.set->emails() == "ana@example.com, bob@example.com");
}

TEST_CASE("personas: errors are located", "[governance][personas]") {
    SECTION("schema: unknown key and wrong type") {
        const auto l = parsePersonas("personas:\n  - email: a@x.io\n    teams: Finance\n    colour: red\n", "p.yaml");
        CHECK_FALSE(l.ok());
        const std::string rules = rulesOf(l);
        CHECK_THAT(rules, Catch::Contains("schema/type@3:/personas/0/teams"));
        CHECK_THAT(rules, Catch::Contains("schema/unknown-property@4:/personas/0/colour"));
    }
    SECTION("duplicate emails, two defaults, a non-address") {
        const auto l = parsePersonas("personas:\n  - {email: a@x.io, default: true}\n  - {email: A@X.io, default: true}\n"
                                     "  - {email: 'not an address'}\n",
                                     "p.yaml");
        CHECK_FALSE(l.ok());
        const std::string rules = rulesOf(l);
        CHECK_THAT(rules, Catch::Contains("personas/duplicate-email@3:/personas/1/email"));
        CHECK_THAT(rules, Catch::Contains("personas/several-defaults@3:/personas/1/default"));
        CHECK_THAT(rules, Catch::Contains("personas/email@4:/personas/2/email"));
    }
    SECTION("a role with a control character") {
        const auto l = parsePersonas("personas:\n  - email: a@x.io\n    warehouseRoles: {c1: \"r\\u0001\"}\n", "p.yaml");
        CHECK_THAT(rulesOf(l), Catch::Contains("personas/warehouse-role@3:/personas/0/warehouseRoles/c1"));
    }
    SECTION("malformed YAML") {
        const auto l = parsePersonas("personas: [\n  - email: a@x.io\n", "p.yaml");
        CHECK_FALSE(l.ok());
        REQUIRE_FALSE(l.diagnostics.empty());
        CHECK(l.diagnostics[0].location.line > 0);
    }
    SECTION("not a mapping") {
        const auto l = parsePersonas("- a\n- b\n", "p.yaml");
        CHECK_FALSE(l.ok());
        CHECK_FALSE(l.diagnostics.empty());
    }
}

TEST_CASE("personas: the reader's limits hold (depth, size)", "[governance][personas]") {
    std::string deep = "personas:\n  - email: a@x.io\n    attributes: {x: ";
    for (int i = 0; i < 200; ++i) deep += "[";
    for (int i = 0; i < 200; ++i) deep += "]";
    deep += "}\n";
    const auto d = parsePersonas(deep, "p.yaml");
    CHECK_FALSE(d.ok());
    CHECK_THAT(rulesOf(d), Catch::Contains("too-deep"));

    const fs::path dir = test::makeTempDir("personas-size");
    write(dir / "big.yaml", "personas:\n  - email: a@x.io\n#" + std::string(kMaxPersonasFileBytes, 'x') + "\n");
    const auto big = loadPersonas((dir / "big.yaml").string());
    CHECK_FALSE(big.ok());
    CHECK_THAT(rulesOf(big), Catch::Contains("io/too-large"));
}

TEST_CASE("personas: found next to the workbook, else in the repository root", "[governance][personas]") {
    const fs::path root = test::makeTempDir("personas-find");
    fs::create_directories(root / ".git");
    fs::create_directories(root / "books" / "sales");
    const std::string workbook = (root / "books" / "sales" / "w.yaml").string();
    CHECK_FALSE(findPersonasFile(workbook));
    write(root / kPersonasFileName, kPersonas);
    REQUIRE(findPersonasFile(workbook));
    CHECK(fs::equivalent(*findPersonasFile(workbook), root / kPersonasFileName));
    write(root / "books" / "sales" / kPersonasFileName, "personas:\n  - email: near@x.io\n");
    CHECK(fs::equivalent(*findPersonasFile(workbook), root / "books" / "sales" / kPersonasFileName));
    CHECK(*findPersonasFile(workbook, "/elsewhere/p.yaml") == "/elsewhere/p.yaml");
}

TEST_CASE("personas: --as picks a persona, else the default, else none", "[governance][personas]") {
    const fs::path root = test::makeTempDir("personas-choose");
    fs::create_directories(root / ".git");
    const std::string workbook = (root / "w.yaml").string();
    // No file: --as is an error, no --as is the plain author view.
    auto none = choosePersona(workbook, "", "");
    CHECK(none.ok());
    CHECK_FALSE(none.persona);
    auto missing = choosePersona(workbook, "", "ana@example.com");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.diagnostics[0].rule == "personas/no-file");

    write(root / kPersonasFileName, kPersonas);
    auto byDefault = choosePersona(workbook, "", "");
    REQUIRE(byDefault.persona);
    CHECK(byDefault.persona->email() == "ana@example.com");
    auto bob = choosePersona(workbook, "", "bob@example.com");
    REQUIRE(bob.persona);
    CHECK(bob.persona->user.fullName == "Bob Viewer");
    auto unknown = choosePersona(workbook, "", "eve@example.com");
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.diagnostics[0].rule == "personas/unknown");
    CHECK_THAT(unknown.diagnostics[0].message, Catch::Contains("ana@example.com, bob@example.com"));
}
