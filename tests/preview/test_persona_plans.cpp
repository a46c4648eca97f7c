// CurrentUser*() in planned elements: the session's persona reaches every planner as bound values, two
// personas get different rows from one workbook, and without a persona the plan says so (sql/no-persona).
#include <catch2/catch.hpp>
#include <quire/preview/planner.h>
#include <sqlite3.h>

using namespace quire;
using namespace quire::preview;

namespace {

const char* kRows = "CREATE TABLE deals (id INTEGER, owner TEXT, region TEXT, amount REAL);"
                    "INSERT INTO deals VALUES (1,'ana@x.io','EMEA',10),(2,'bob@x.io','US',30),(3,'ana@x.io','US',5),"
                    "(4,'x''y@x.io','EMEA',7);";

Json workbook() {
    return Json::parse(R"J({"pages": [{"id": "p"}], "elements": [
      {"id": "mine", "kind": "table", "name": "My deals",
       "source": {"kind": "warehouse-table", "connectionId": "c", "path": ["main", "deals"]},
       "columns": [{"id": "c-id", "name": "Id", "formula": "[deals/id]"},
                   {"id": "c-mine", "name": "Mine", "formula": "[deals/owner] = CurrentUserEmail()"},
                   {"id": "c-region", "name": "Region", "formula": "[deals/region]"},
                   {"id": "c-in", "name": "In region", "formula": "[Region] = CurrentUserAttributeText(\"region\")"}],
       "filters": [{"id": "f", "columnId": "c-mine", "kind": "list", "mode": "include", "values": [true]}],
       "sort": [{"columnId": "c-id", "direction": "ascending"}]},
      {"id": "kpi", "kind": "kpi-chart", "source": {"kind": "table", "elementId": "mine"},
       "columns": [{"id": "k", "name": "Deals", "formula": "CountIf([In region])"}], "value": {"columnId": "k"}}
    ]})J");
}

std::vector<std::vector<std::string>> run(const PlannedQuery& plan) {
    INFO(plan.sql);
    for (const auto& d : plan.diagnostics) INFO(d.rule << ": " << d.message);
    REQUIRE(plan.ok());
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, kRows, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v2(db, plan.sql.c_str(), -1, &stmt, nullptr);
    INFO(sqlite3_errmsg(db));
    REQUIRE(rc == SQLITE_OK);
    int i = 1;
    for (const auto& b : plan.parameters) {
        if (b.type == BoundValue::Type::Number) sqlite3_bind_double(stmt, i, b.value.get<double>());
        else if (b.type == BoundValue::Type::Boolean) sqlite3_bind_int(stmt, i, b.value.get<bool>());
        else sqlite3_bind_text(stmt, i, b.value.get<std::string>().c_str(), -1, SQLITE_TRANSIENT);
        ++i;
    }
    std::vector<std::vector<std::string>> rows;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        rows.emplace_back();
        for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
            const auto* t = sqlite3_column_text(stmt, c);
            rows.back().push_back(t ? reinterpret_cast<const char*>(t) : "NULL");
        }
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return rows;
}

sql::CurrentUser user(std::string email, std::string region) {
    sql::CurrentUser u;
    u.email = std::move(email);
    u.attributes["region"] = std::move(region);
    return u;
}

} // namespace

TEST_CASE("persona plans: CurrentUser values select each persona's rows", "[preview][persona]") {
    const auto& d = sql::dialect(sql::DialectId::SQLite);
    PreviewSession session(workbook());
    session.setCurrentUser(user("ana@x.io", "EMEA"));
    const auto ana = run(planElement(session, "mine", d));
    REQUIRE(ana.size() == 2);
    CHECK(ana[0][0] == "1");
    CHECK(ana[0][3] == "1"); // EMEA deal in Ana's region
    CHECK(ana[1][0] == "3");
    CHECK(ana[1][3] == "0");
    CHECK(run(planElement(session, "kpi", d)) == std::vector<std::vector<std::string>>{{"1"}});

    session.setCurrentUser(user("bob@x.io", "US"));
    const auto bob = run(planElement(session, "mine", d));
    REQUIRE(bob.size() == 1);
    CHECK(bob[0][0] == "2");

    // A quote in the email is a value, not SQL: it matches the row that has it and nothing else.
    session.setCurrentUser(user("x'y@x.io", "EMEA' OR '1'='1"));
    const auto plan = planElement(session, "mine", d);
    CHECK(plan.sql.find("x'y") == std::string::npos);
    CHECK(plan.sql.find("OR '1'") == std::string::npos);
    const auto hostile = run(plan);
    REQUIRE(hostile.size() == 1);
    CHECK(hostile[0][0] == "4");
    CHECK(hostile[0][3] == "0");
}

TEST_CASE("persona plans: without a persona CurrentUser is an error, not an empty string", "[preview][persona]") {
    PreviewSession session(workbook());
    for (const char* id : {"mine", "kpi"}) {
        const auto plan = planElement(session, id, sql::dialect(sql::DialectId::PostgreSQL));
        INFO(id);
        CHECK_FALSE(plan.ok());
        bool noPersona = false;
        // The table reports sql/no-persona; the KPI built on it says its source cannot be previewed, and why.
        for (const auto& diag : plan.diagnostics)
            noPersona |= diag.rule == "sql/no-persona" || diag.message.find("needs a persona") != std::string::npos;
        CHECK(noPersona);
    }
}
