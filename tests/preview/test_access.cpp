// Column security and page visibility as a persona sees them: criteria (no one, users and teams, user
// attributes), the lineage of masked columns through siblings and child elements, withheld elements, and the
// planned SQL of a masked table, which does not mention the restricted column at all.
#include <catch2/catch.hpp>
#include <quire/preview/access.h>
#include <quire/preview/planner.h>

using namespace quire;
using namespace quire::preview;

namespace {

Json workbook() {
    return Json::parse(R"J({"pages": [
        {"id": "p1", "name": "Overview"},
        {"id": "p2", "name": "Payroll", "visibility": {"kind": "specific-users-and-teams", "assignments": {"users": ["hr@x.io"], "teams": ["HR"]}}},
        {"id": "p3", "name": "Drafts", "visibility": "hidden"}],
      "elements": [
      {"id": "emp", "kind": "table", "name": "Employees",
       "source": {"kind": "warehouse-table", "connectionId": "c", "path": ["main", "employees"]},
       "columns": [{"id": "c-name", "name": "Name", "formula": "[employees/name]"},
                   {"id": "c-salary", "name": "Salary", "formula": "[employees/salary]"},
                   {"id": "c-bonus", "name": "Bonus", "formula": "[Salary] * 0.1"},
                   {"id": "c-ssn", "name": "SSN", "formula": "[employees/ssn]"},
                   {"id": "c-dept", "name": "Dept", "formula": "[employees/dept]"}],
       "sort": [{"columnId": "c-salary", "direction": "descending"}],
       "columnSecurities": [
         {"id": "cs-pay", "criteria": {"kind": "specific-users-and-teams", "assignments": [{"type": "team", "teamId": "HR"}, {"type": "user", "userId": "u-ceo"}]},
          "restrictedColumns": ["c-salary"]},
         {"id": "cs-ssn", "criteria": {"kind": "no-one-can-view"}, "restrictedColumns": ["c-ssn"]},
         {"id": "cs-dept", "criteria": {"kind": "user-attribute", "assignments": [{"userAttributeId": "clearance", "value": 3}]},
          "restrictedColumns": ["c-dept"]}]},
      {"id": "by-name", "kind": "table", "name": "Pay by name", "source": {"kind": "table", "elementId": "emp"},
       "columns": [{"id": "b-name", "name": "Name", "formula": "[Employees/Name]"},
                   {"id": "b-pay", "name": "Pay", "formula": "[Employees/Salary] + [Employees/Bonus]"}]},
      {"id": "chart", "kind": "bar-chart", "source": {"kind": "table", "elementId": "emp"},
       "columns": [{"id": "x", "name": "Name", "formula": "[Employees/Name]"}, {"id": "y", "name": "Top pay", "formula": "Max([Employees/Salary])"}],
       "xAxis": {"columnId": "x"}, "yAxis": {"columnIds": ["y"]}},
      {"id": "names", "kind": "table", "name": "Names", "source": {"kind": "table", "elementId": "emp"},
       "columns": [{"id": "n", "name": "Name", "formula": "[Employees/Name]"}]}
    ]})J");
}

sql::CurrentUser persona(std::string email, std::vector<std::string> teams = {}, std::string userId = {}) {
    sql::CurrentUser u;
    u.email = std::move(email);
    u.teams = std::move(teams);
    u.userId = std::move(userId);
    return u;
}

std::vector<std::string> columnNames(const Json& contents, std::size_t element) {
    std::vector<std::string> out;
    for (const auto& c : contents["elements"][element]["columns"]) out.push_back(c["name"].get<std::string>());
    return out;
}

} // namespace

TEST_CASE("access: criteria kinds", "[preview][access]") {
    sql::CurrentUser hr = persona("hr@x.io", {"HR"});
    hr.attributes["clearance"] = 3.0;
    const Json teams = Json::parse(R"({"kind": "specific-users-and-teams", "assignments": [{"type": "team", "teamId": "HR"}, {"type": "user", "userId": "u-ceo"}]})");
    CHECK(criteriaAdmits(teams, hr));
    CHECK(criteriaAdmits(teams, persona("ceo@x.io", {}, "u-ceo")));
    CHECK_FALSE(criteriaAdmits(teams, persona("eve@x.io", {"Sales"})));
    const Json byEmail = Json::parse(R"({"kind": "specific-users-and-teams", "assignments": [{"type": "user", "userId": "Eve@X.io"}]})");
    CHECK(criteriaAdmits(byEmail, persona("eve@x.io")));
    CHECK_FALSE(criteriaAdmits(Json::parse(R"({"kind": "no-one-can-view"})"), hr));
    const Json attr = Json::parse(R"({"kind": "user-attribute", "assignments": [{"userAttributeId": "clearance", "value": 3}]})");
    CHECK(criteriaAdmits(attr, hr));
    CHECK_FALSE(criteriaAdmits(attr, persona("eve@x.io")));
    CHECK_FALSE(criteriaAdmits(Json::parse(R"({"kind": "something-new"})"), hr)); // unknown kinds admit no one
    CHECK_FALSE(criteriaAdmits(Json("hidden"), hr));
}

TEST_CASE("access: hidden pages", "[preview][access]") {
    const auto eve = viewAs(workbook(), nullptr);
    CHECK(eve.hiddenPages.empty()); // no persona: the author view hides nothing
    const sql::CurrentUser e = persona("eve@x.io", {"Sales"});
    CHECK(viewAs(workbook(), &e).hiddenPages == std::set<std::string>{"p2", "p3"});
    const sql::CurrentUser hr = persona("someone@x.io", {"HR"});
    CHECK(viewAs(workbook(), &hr).hiddenPages == std::set<std::string>{"p3"});
    const sql::CurrentUser byMail = persona("HR@x.io");
    CHECK(viewAs(workbook(), &byMail).hiddenPages == std::set<std::string>{"p3"});
}

TEST_CASE("access: masked columns and what reads them", "[preview][access]") {
    const sql::CurrentUser eve = persona("eve@x.io", {"Sales"});
    const PersonaView view = viewAs(workbook(), &eve);
    // Salary (team/user), SSN (no one) and Dept (attribute) are restricted; Bonus reads Salary.
    CHECK(view.maskedNames("emp") == std::vector<std::string>{"Salary", "Bonus", "SSN", "Dept"});
    CHECK(columnNames(view.contents, 0) == std::vector<std::string>{"Name"});
    CHECK(view.contents["elements"][0]["sort"].empty());
    CHECK(view.maskedNames("by-name") == std::vector<std::string>{"Pay"});
    CHECK(columnNames(view.contents, 1) == std::vector<std::string>{"Name"});
    CHECK(view.maskedNames("names").empty());
    // The chart's y axis needs the masked column: the whole chart is withheld, and says why.
    REQUIRE(view.withheld.count("chart"));
    CHECK_THAT(view.withheld.at("chart"), Catch::Contains("[Top pay]"));
    CHECK_FALSE(view.withheld.count("names"));
    std::string all;
    for (const auto& d : view.diagnostics) all += d.rule + " " + d.pointer + " " + d.message + "\n";
    CHECK_THAT(all, Catch::Contains("security/masked-column /elements/0/columns/1 column [Salary] of 'Employees' is masked for eve@x.io (restricted by columnSecurities 'cs-pay')"));
    CHECK_THAT(all, Catch::Contains("security/restricted-dependency /elements/1/columns/1 column [Pay] of 'Pay by name' is not shown to eve@x.io: it reads masked column [Salary] of 'Employees'"));
    CHECK_THAT(all, Catch::Contains("security/hidden-page /pages/1/visibility"));

    const sql::CurrentUser hr = [] {
        sql::CurrentUser u = persona("hr@x.io", {"HR"});
        u.attributes["clearance"] = 3.0;
        return u;
    }();
    const PersonaView hrView = viewAs(workbook(), &hr);
    CHECK(hrView.maskedNames("emp") == std::vector<std::string>{"SSN"});
    CHECK(hrView.withheld.empty());
}

TEST_CASE("access: the planned SQL of a masked element does not select the restricted column", "[preview][access]") {
    const auto& d = sql::dialect(sql::DialectId::PostgreSQL);
    {
        PreviewSession author(workbook());
        const auto plan = planElement(author, "emp", d);
        REQUIRE(plan.ok());
        CHECK_THAT(plan.sql, Catch::Contains("\"salary\""));
    }
    const sql::CurrentUser eve = persona("eve@x.io");
    PreviewSession session(viewAs(workbook(), &eve).contents);
    for (const char* id : {"emp", "by-name", "names"}) {
        const auto plan = planElement(session, id, d);
        INFO(id << ": " << plan.sql);
        REQUIRE(plan.ok());
        CHECK(plan.sql.find("salary") == std::string::npos);
        CHECK(plan.sql.find("Salary") == std::string::npos);
        CHECK(plan.sql.find("ssn") == std::string::npos);
        CHECK(plan.sql.find("dept") == std::string::npos);
    }
}
