// Viewing a workbook as a persona from the command line (docs/governance.md): `quire preview --as` and
// `quire compile --as` on the embedded sample (masked columns are not in the SQL that runs and print as
// masked; hidden pages are skipped; the default persona; CurrentUser values bound), and PostgreSQL row-level
// security with a real CREATE POLICY table, where two personas see different rows through one workbook.
#include "cli_run.h"

#include <catch2/catch.hpp>
#include <quire/core/json.h>
#include <test_support.h>

#include <fstream>
#include <map>

using namespace quire::test::cli;
using quire::Json;

namespace {

constexpr const char* kSample = "6a1e3c2b-5d4f-4e8a-9b7c-0d1f2e3a4b5c";

// Orders of the sample with revenue restricted to the Finance team, and a Payroll page only HR may see.
std::string ordersWorkbook(const std::string& path, const std::string& extraColumn = {}) {
    Json columns = Json::parse(R"J([{"id": "c-id", "name": "Order", "formula": "[orders/order_id]"},
        {"id": "c-status", "name": "Status", "formula": "[orders/status]"},
        {"id": "c-revenue", "name": "Revenue", "formula": "[orders/revenue]"},
        {"id": "c-net", "name": "Net", "formula": "[Revenue] * (1 - [orders/discount])"},
        {"id": "c-viewer", "name": "Viewer", "formula": "CurrentUserEmail()"}])J");
    if (!extraColumn.empty()) columns.push_back(Json::parse(extraColumn));
    Json elements = Json::array();
    elements.push_back({{"id", "orders"}, {"kind", "table"}, {"name", "Orders"},
                        {"source", {{"kind", "warehouse-table"}, {"connectionId", kSample}, {"path", {"main", "orders"}}}},
                        {"columns", columns},
                        {"sort", Json::parse(R"([{"columnId": "c-id", "direction": "ascending"}])")},
                        {"columnSecurities", Json::parse(R"([{"id": "cs-money", "criteria": {"kind": "specific-users-and-teams",
                            "assignments": [{"type": "team", "teamId": "Finance"}]}, "restrictedColumns": ["c-revenue"]}])")}});
    elements.push_back({{"id", "payroll"}, {"kind", "table"}, {"name", "Payroll"},
                        {"source", {{"kind", "table"}, {"elementId", "orders"}}},
                        {"columns", Json::parse(R"([{"id": "p-id", "name": "Order", "formula": "[Orders/Order]"}])")}});
    const Json workbook = {{"name", "Governed"},
                           {"contents", {{"schemaVersion", 1}, {"kind", "workbook"},
                                         {"pages", Json::parse(R"([{"id": "p1", "name": "Sales"},
                                             {"id": "p2", "name": "Payroll", "visibility": {"kind": "specific-users-and-teams", "assignments": {"teams": ["HR"]}}}])")},
                                         {"elements", elements},
                                         {"layout", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Page id=\"p1\"><Element elementId=\"orders\"/></Page>\n"
                                                    "<Page id=\"p2\"><Element elementId=\"payroll\"/></Page>\n"}}}};
    std::ofstream(path) << workbook.dump(2);
    return path;
}

const char* kPersonas = R"(personas:
  - email: fin@example.com
    fullName: Fin Ance
    teams: [Finance]
  - email: "o'neil@example.com"
    fullName: Sales Rep
    default: true
    teams: [Sales]
)";

Json jsonOut(const Run& r) {
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    return Json::parse(r.out);
}

} // namespace

TEST_CASE("quire preview --as masks restricted columns: not in the SQL that runs, printed as masked", "[cli][e2e][governance]") {
    Sandbox box("cli-governance");
    box.generateSample(2000);
    const std::string workbook = ordersWorkbook(box.dir + "/governed.json");
    std::ofstream(box.dir + "/quire.personas.yaml") << kPersonas;
    const std::string base = "preview " + shellQuote(workbook) + " --element orders --limit 3 --format json --show-sql";

    // Finance sees revenue; the SQL selects it.
    const Run fin = box.run(base + " --as fin@example.com");
    const Json finRows = jsonOut(fin);
    REQUIRE(finRows.size() == 3);
    CHECK(finRows[0].contains("Revenue"));
    CHECK(finRows[0]["Viewer"] == "fin@example.com");
    CHECK_THAT(fin.err, Catch::Contains("\"revenue\""));

    // The sales rep (the default persona: no --as) does not: the column and what reads it are absent from the
    // executed SQL and print as masked.
    const Run rep = box.run(base);
    const Json repRows = jsonOut(rep);
    REQUIRE(repRows.size() == 3);
    CHECK(repRows[0]["Revenue"] == "<masked>");
    CHECK(repRows[0]["Net"] == "<masked>");
    CHECK(repRows[0]["Viewer"] == "o'neil@example.com"); // a bound value: the quote does not break the SQL
    CHECK(repRows[0]["Order"] == finRows[0]["Order"]);
    CHECK_THAT(rep.err, Catch::Contains("viewing as o'neil@example.com (the default persona)"));
    CHECK_THAT(rep.err, Catch::Contains("[security/masked-column]"));
    CHECK_THAT(rep.err, Catch::Contains("column [Net] of 'Orders' is not shown to o'neil@example.com: it reads masked column [Revenue]"));
    const std::size_t select = rep.err.find("SELECT");
    REQUIRE(select != std::string::npos);
    const std::string sql = rep.err.substr(select, rep.err.find("-- parameters") - select);
    CHECK_THAT(sql, !Catch::Contains("revenue"));
    CHECK_THAT(sql, !Catch::Contains("discount"));
    CHECK_THAT(sql, !Catch::Contains("o'neil"));

    // A page hidden from the persona is skipped with a note.
    const Run hidden = box.run("preview " + shellQuote(workbook) + " --element payroll --as fin@example.com");
    INFO(hidden.err);
    CHECK(hidden.exitCode == 0);
    CHECK(hidden.out.empty());
    CHECK_THAT(hidden.err, Catch::Contains("element 'payroll' is on page 'p2', which is hidden from fin@example.com; skipped"));

    // compile --as names the masked columns and never selects them.
    const Run compiled = box.run("compile " + shellQuote(workbook) + " --element orders --dialect postgresql");
    INFO(compiled.err);
    REQUIRE(compiled.exitCode == 0);
    CHECK_THAT(compiled.out, Catch::Contains("-- masked for o'neil@example.com (not selected): Revenue, Net"));
    CHECK_THAT(compiled.out, !Catch::Contains("\"revenue\""));
    const Run compiledFin = box.run("compile " + shellQuote(workbook) + " --element orders --as FIN@example.com");
    REQUIRE(compiledFin.exitCode == 0);
    CHECK_THAT(compiledFin.out, Catch::Contains("\"revenue\""));
}

TEST_CASE("quire preview --as: unknown personas and CurrentUser without a persona are clear errors", "[cli][e2e][governance]") {
    Sandbox box("cli-governance-errors");
    const std::string workbook = ordersWorkbook(box.dir + "/governed.json");
    // No personas file: CurrentUserEmail() cannot be compiled, and says how to fix it.
    const Run none = box.run("compile " + shellQuote(workbook) + " --element orders");
    CHECK(none.exitCode == 1);
    CHECK_THAT(none.err, Catch::Contains("[sql/no-persona]"));
    const Run noFile = box.run("compile " + shellQuote(workbook) + " --element orders --as fin@example.com");
    CHECK(noFile.exitCode == 2);
    CHECK_THAT(noFile.err, Catch::Contains("[personas/no-file]"));
    std::ofstream(box.dir + "/people.yaml") << kPersonas;
    const Run unknown = box.run("compile " + shellQuote(workbook) + " --element orders --personas " + shellQuote(box.dir + "/people.yaml") +
                                " --as eve@example.com");
    CHECK(unknown.exitCode == 2);
    CHECK_THAT(unknown.err, Catch::Contains("[personas/unknown]"));
    std::ofstream(box.dir + "/bad.yaml") << "personas:\n  - email: a@x.io\n    teams: Finance\n";
    const Run bad = box.run("compile " + shellQuote(workbook) + " --element orders --personas " + shellQuote(box.dir + "/bad.yaml"));
    CHECK(bad.exitCode == 2);
    CHECK_THAT(bad.err, Catch::Contains("bad.yaml:3:"));
}

namespace {

// psql as the cluster's superuser over the fixture's socket (local connections trust): roles are cluster-wide.
void psqlAdmin(const std::string& sql) {
    const std::string command = "psql -X -At -v ON_ERROR_STOP=1 -h " + shellQuote(pgEnv("QUIRE_PG_SOCKET_DIR")) + " -p " +
                                shellQuote(pgEnv("QUIRE_PG_PORT")) + " -U postgres -d " + shellQuote(pgEnv("QUIRE_PG_DATABASE")) +
                                " -c " + shellQuote(sql) + " 2>&1";
    int code = -1;
    const std::string out = capture(command, code);
    INFO(sql << "\n" << out);
    REQUIRE(code == 0);
}

} // namespace

TEST_CASE("PostgreSQL row-level security: two personas see different rows through one workbook", "[pg][cli][e2e][governance]") {
    Sandbox box("cli-governance-pg");
    REQUIRE_FALSE(pgEnv("QUIRE_PG_HOST").empty());
    box.env.push_back("QUIRE_SECRET_CONNECTION_PG_PASSWORD=" + pgEnv("QUIRE_PG_PASSWORD"));
    const Run add = box.run("connections add pg --type postgresql --host " + shellQuote(pgEnv("QUIRE_PG_HOST")) + " --port " +
                            pgEnv("QUIRE_PG_PORT") + " --database " + shellQuote(pgEnv("QUIRE_PG_DATABASE")) + " --user " +
                            shellQuote(pgEnv("QUIRE_PG_USER")) + " --connection-id gov-conn");
    INFO(add.err);
    REQUIRE(add.exitCode == 0);

    // A table owned by the login role with FORCE'd row-level security: rows by owner email, plus every EMEA row
    // while the session runs as gov_emea_reader (SET ROLE), which may not read the salary column at all. (The
    // login role is a member of it, so the policy tests current_user rather than naming the role with TO.)
    psqlAdmin("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gov_emea_reader') THEN "
              "CREATE ROLE gov_emea_reader NOLOGIN; END IF; END $$; GRANT gov_emea_reader TO " + pgEnv("QUIRE_PG_USER") + ";");
    psql("DROP TABLE IF EXISTS gov_deals; "
         "CREATE TABLE gov_deals (id int, owner text, region text, amount int, salary int); "
         "INSERT INTO gov_deals VALUES (1, 'ana@example.com', 'EMEA', 10, 100), (2, 'bob@example.com', 'US', 20, 200), "
         "(3, 'ana@example.com', 'US', 30, 300), (4, 'carol@example.com', 'EMEA', 40, 400), (5, 'dan@example.com', 'EMEA', 50, 500); "
         "ALTER TABLE gov_deals ENABLE ROW LEVEL SECURITY; ALTER TABLE gov_deals FORCE ROW LEVEL SECURITY; "
         "CREATE POLICY by_email ON gov_deals USING (owner = current_setting('quire.user_email', true)); "
         "CREATE POLICY emea ON gov_deals FOR SELECT USING (current_user = 'gov_emea_reader' AND region = 'EMEA'); "
         "GRANT SELECT (id, owner, region, amount) ON gov_deals TO gov_emea_reader;");

    const Json workbook = {{"name", "RLS"},
                           {"contents", {{"schemaVersion", 1}, {"kind", "workbook"}, {"pages", {{{"id", "p1"}, {"name", "Deals"}}}},
                                         {"elements", {{{"id", "deals"}, {"kind", "table"}, {"name", "Deals"},
                                                        {"source", {{"kind", "warehouse-table"}, {"connectionId", "gov-conn"}, {"path", {"public", "gov_deals"}}}},
                                                        {"columns", Json::parse(R"([{"id": "d-id", "name": "Id", "formula": "[gov_deals/id]"},
                                                            {"id": "d-amount", "name": "Amount", "formula": "[gov_deals/amount]"},
                                                            {"id": "d-salary", "name": "Salary", "formula": "[gov_deals/salary]"}])")},
                                                        {"sort", Json::parse(R"([{"columnId": "d-id", "direction": "ascending"}])")},
                                                        {"columnSecurities", Json::parse(R"([{"id": "cs", "criteria": {"kind": "specific-users-and-teams",
                                                            "assignments": [{"type": "team", "teamId": "HR"}]}, "restrictedColumns": ["d-salary"]}])")}}}},
                                         {"layout", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Page id=\"p1\"><Element elementId=\"deals\"/></Page>\n"}}}};
    const std::string file = box.dir + "/deals.json";
    std::ofstream(file) << workbook.dump();
    std::ofstream(box.dir + "/quire.personas.yaml") << "personas:\n"
                                                       "  - {email: ana@example.com, teams: [HR]}\n"
                                                       "  - {email: bob@example.com, teams: [HR]}\n"
                                                       "  - {email: carol@example.com, teams: [Sales], warehouseRoles: {gov-conn: gov_emea_reader}}\n"
                                                       "  - {email: \"x');SET/**/ROLE/**/postgres;--@example.com\", teams: [HR]}\n";
    auto ids = [&](const std::string& as) {
        const Run r = box.run("preview " + shellQuote(file) + " --element deals --format json --show-sql --as " + shellQuote(as));
        const Json rows = jsonOut(r);
        std::vector<int> out;
        for (const auto& row : rows) out.push_back(row["Id"].get<int>());
        return std::make_pair(out, rows);
    };
    CHECK(ids("ana@example.com").first == std::vector<int>{1, 3});
    CHECK(ids("bob@example.com").first == std::vector<int>{2});
    // Carol's role adds every EMEA row; her persona cannot see salary, which the role may not even read: had the
    // executed SQL selected it, PostgreSQL would have refused the query.
    const auto carol = ids("carol@example.com");
    CHECK(carol.first == std::vector<int>{1, 4, 5});
    REQUIRE_FALSE(carol.second.empty());
    CHECK(carol.second[0]["Salary"] == "<masked>");
    // A hostile email is a bound setting value, not SQL: it matches no owner.
    CHECK(ids("x');SET/**/ROLE/**/postgres;--@example.com").first.empty());
    // The plain author view (no --as, no default persona) sets nothing: FORCE'd policies show the owner no rows.
    CHECK(jsonOut(box.run("preview " + shellQuote(file) + " --element deals --format json")).empty());
    psql("DROP TABLE gov_deals");
}

TEST_CASE("quire audit-access prints the persona x page/element/column matrix as text, JSON and CSV", "[cli][e2e][governance]") {
    Sandbox box("cli-audit-access");
    const std::string workbook = ordersWorkbook(box.dir + "/governed.json");
    std::ofstream(box.dir + "/people.yaml") << kPersonas;
    const std::string base = "audit-access " + shellQuote(workbook) + " --personas " + shellQuote(box.dir + "/people.yaml");

    const Run json = box.run(base + " --format json");
    INFO(json.err);
    CHECK(json.exitCode == 1); // Net leaks: Sigma would show it, unrestricted, to the sales rep
    const Json matrix = Json::parse(json.out);
    CHECK(matrix["personas"] == Json::array({"fin@example.com", "o'neil@example.com"}));
    std::map<std::string, Json> byKey;
    for (const auto& row : matrix["rows"]) byKey[row["kind"].get<std::string>() + ":" + row["id"].get<std::string>()] = row["access"];
    CHECK(byKey["page:p1"] == Json::parse(R"({"fin@example.com": "visible", "o'neil@example.com": "visible"})"));
    CHECK(byKey["page:p2"] == Json::parse(R"({"fin@example.com": "hidden", "o'neil@example.com": "hidden"})"));
    CHECK(byKey["element:orders"] == Json::parse(R"({"fin@example.com": "visible", "o'neil@example.com": "visible"})"));
    CHECK(byKey["element:payroll"] == Json::parse(R"({"fin@example.com": "hidden", "o'neil@example.com": "hidden"})"));
    CHECK(byKey["column:c-revenue"] == Json::parse(R"({"fin@example.com": "visible", "o'neil@example.com": "masked"})"));
    CHECK(byKey["column:c-net"] == Json::parse(R"({"fin@example.com": "visible", "o'neil@example.com": "leaks"})"));
    CHECK(byKey["column:c-status"] == Json::parse(R"({"fin@example.com": "visible", "o'neil@example.com": "visible"})"));
    CHECK(byKey["column:p-id"] == Json::parse(R"({"fin@example.com": "hidden", "o'neil@example.com": "hidden"})"));

    const Run csv = box.run(base + " --format csv");
    CHECK(csv.exitCode == 1);
    CHECK_THAT(csv.out, Catch::StartsWith("kind,id,element,name,fin@example.com,o'neil@example.com\n"));
    CHECK_THAT(csv.out, Catch::Contains("\ncolumn,c-revenue,orders,Revenue,visible,masked\n"));
    CHECK_THAT(csv.out, Catch::Contains("\ncolumn,c-net,orders,Net,visible,leaks\n"));

    const Run text = box.run(base);
    CHECK(text.exitCode == 1);
    CHECK_THAT(text.out, Catch::Contains("fin@example.com  o'neil@example.com"));
    CHECK_THAT(text.out, Catch::Contains("page Payroll"));
    const std::size_t at = text.out.find("[Revenue]");
    REQUIRE(at != std::string::npos);
    const std::string line = text.out.substr(at, text.out.find('\n', at) - at);
    CHECK_THAT(line, Catch::Contains("visible") && Catch::Contains("masked"));

    // With Net restricted like Revenue nothing leaks: exit 0.
    Json fixed = Json::parse(quire::test::readFile(workbook));
    fixed["contents"]["elements"][0]["columnSecurities"][0]["restrictedColumns"].push_back("c-net");
    std::ofstream(box.dir + "/fixed.json") << fixed.dump();
    const Run clean = box.run("audit-access " + shellQuote(box.dir + "/fixed.json") + " --personas " + shellQuote(box.dir + "/people.yaml") + " --format csv");
    INFO(clean.err);
    CHECK(clean.exitCode == 0);
    CHECK_THAT(clean.out, Catch::Contains("\ncolumn,c-net,orders,Net,visible,masked\n"));

    const Run missing = box.run("audit-access " + shellQuote(workbook));
    CHECK(missing.exitCode == 2);
    CHECK_THAT(missing.err, Catch::Contains("no personas file"));
}
