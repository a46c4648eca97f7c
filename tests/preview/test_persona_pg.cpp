// A persona's PostgreSQL session settings on pooled connections: one pooled connection serves persona A, then
// B, then the author view; each query sees exactly its own persona (set_config values, row-level security),
// never the previous one's, and the result cache keeps the personas apart.
#include <catch2/catch.hpp>

#include <quire/connect/odbc.h>
#include <quire/connect/pool.h>
#include <quire/preview/planner.h>
#include <quire/preview/warehouse_refresh.h>
#include <test_support.h>

using namespace quire;
using namespace quire::preview;

namespace {

Json workbook() {
    return Json::parse(R"J({"pages": [{"id": "p"}], "elements": [
      {"id": "who", "kind": "table", "name": "Who",
       "source": {"kind": "sql", "connectionId": "c", "statement": "SELECT current_setting('quire.user_email', true) AS email, current_setting('quire.user_teams', true) AS teams, current_user AS role_name"},
       "columns": [{"id": "e", "name": "email", "formula": "[Custom SQL/email]"}, {"id": "t", "name": "teams", "formula": "[Custom SQL/teams]"},
                   {"id": "r", "name": "role", "formula": "[Custom SQL/role_name]"}]},
      {"id": "rows", "kind": "table", "name": "Rows",
       "source": {"kind": "warehouse-table", "connectionId": "c", "path": ["public", "gov_pool_rows"]},
       "columns": [{"id": "i", "name": "id", "formula": "[gov_pool_rows/id]"}], "sort": [{"columnId": "i", "direction": "ascending"}]}
    ]})J");
}

sql::CurrentUser user(std::string email, std::vector<std::string> teams) {
    sql::CurrentUser u;
    u.email = std::move(email);
    u.teams = std::move(teams);
    return u;
}

} // namespace

TEST_CASE("persona session settings never leak between personas on a pooled connection", "[pg][preview][persona]") {
    const auto cs = test::postgresConnectionString();
    REQUIRE(cs);
    {
        auto admin = connect::Connection::open(*cs);
        admin->createStatement()->execute(
            "DROP TABLE IF EXISTS gov_pool_rows; CREATE TABLE gov_pool_rows (id int, owner text); "
            "INSERT INTO gov_pool_rows VALUES (1, 'a@x.io'), (2, 'b@x.io'), (3, 'a@x.io'); "
            "ALTER TABLE gov_pool_rows ENABLE ROW LEVEL SECURITY; ALTER TABLE gov_pool_rows FORCE ROW LEVEL SECURITY; "
            "CREATE POLICY mine ON gov_pool_rows USING (owner = current_setting('quire.user_email', true))");
    }
    ResultCache cache;
    connect::ConnectionPool pool(1); // one connection: every persona reuses it
    WarehouseRefresh refresh(cache, pool, [&](const std::string&) { return *cs; });
    RefreshScheduler scheduler(refresh.job(), {}, 1);
    PreviewSession session(workbook());
    const auto& d = sql::dialect(sql::DialectId::PostgreSQL);
    auto runAs = [&](const std::optional<sql::CurrentUser>& as, const std::string& id) -> Json {
        session.setCurrentUser(as);
        auto plan = planElement(session, id, d);
        REQUIRE(plan.ok());
        refresh.setPlan(id, plan);
        scheduler.refresh({id});
        REQUIRE(scheduler.waitIdle(std::chrono::seconds(30)));
        const auto outcome = scheduler.outcome(id);
        REQUIRE(outcome);
        INFO(outcome->error);
        REQUIRE(outcome->status == RefreshOutcome::Status::Done);
        return Json(outcome->result->rows);
    };
    const Json a = runAs(user("a@x.io", {"Finance", "It's \"quoted\""}), "who");
    CHECK(a[0][0] == "a@x.io");
    CHECK(Json::parse(a[0][1].get<std::string>()) == Json::array({"Finance", "It's \"quoted\""}));
    const Json b = runAs(user("b@x.io", {}), "who");
    CHECK(b[0][0] == "b@x.io");
    CHECK(b[0][1] == "[]");
    const Json author = runAs(std::nullopt, "who");
    CHECK(author[0][0] == ""); // reset: the author view carries no persona
    CHECK(runAs(user("a@x.io", {}), "rows") == Json::parse("[[1], [3]]"));
    CHECK(runAs(user("b@x.io", {}), "rows") == Json::parse("[[2]]")); // same SQL, another persona: not a cache hit
    CHECK(runAs(std::nullopt, "rows") == Json::array());
    CHECK(pool.stats().opened == 1);
    auto admin = connect::Connection::open(*cs);
    admin->createStatement()->execute("DROP TABLE gov_pool_rows");
}
