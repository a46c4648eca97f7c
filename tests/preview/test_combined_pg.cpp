// The same joins, unions, direct charts and control formulas on PostgreSQL 15 (the ctest `postgres` fixture),
// in a schema of their own per test process (quire_pc_<pid>: ctest runs the cases in parallel, and each
// case reloads its tables) so they never touch the sample tables or each other. Expected rows by hand, as in
// test_combined_sources.cpp; PostgreSQL sorts NULLs last, so unordered comparisons sort the rows first.
#include "combine_fixture.h"

#include <quire/preview/session.h>
#include <quire/sql/dialect.h>
#include <test_support.h>

#include <algorithm>

#include <unistd.h>

using namespace quire;
using namespace quire::preview;
using namespace quire::preview::test;

namespace {

struct Pg {
    std::shared_ptr<connect::Connection> db;
    const std::string schema = "quire_pc_" + std::to_string(::getpid());
    Pg() {
        auto connection = quire::test::postgresConnectionString();
        if (!connection) FAIL("the postgres fixture is not running (run through ctest)");
        db = connect::Connection::open(*connection);
        loadCombineData(*db, schema, true);
    }
    ~Pg() {
        try {
            db->execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (...) {
        }
    }
    Rows run(const PlannedQuery& plan, bool sorted = false) const {
        INFO(plan.sql);
        auto rows = rowsOf(db->query(plan.sql, toConnectParams(plan.parameters)));
        if (sorted) std::sort(rows.begin(), rows.end());
        return rows;
    }
};

PlannedQuery plan(const PreviewSession& session, const std::string& id) {
    auto p = planElement(session, id, sql::dialect(sql::DialectId::PostgreSQL));
    for (const auto& d : p.diagnostics) UNSCOPED_INFO(d.rule << " " << d.pointer << ": " << d.message);
    REQUIRE(p.ok());
    return p;
}

const std::string kBob = "Bob'; DROP TABLE orders; --";

} // namespace

TEST_CASE("pg: joins of every type, multi-key, element legs", "[pg][preview][join]") {
    Pg pg;
    Json contents = combineWorkbook(pg.schema);
    contents["elements"][1]["source"]["joins"][0]["joinType"] = "full-outer";
    PreviewSession session(contents);
    CHECK(pg.run(plan(session, "left-join"), true) ==
          Rows{{"1", "10", "Ann", "100"}, {"2", "10", "Ann", "50"}, {"3", "20", kBob, "70"}, {"4", "NULL", "NULL", "20"},
               {"5", "NULL", "NULL", "5"}, {"NULL", "40", "Dee", "NULL"}, {"NULL", "NULL", "Nobody", "NULL"}});
    CHECK(pg.run(plan(session, "multi-key")) == Rows{{"1", "-10"}, {"2", "10"}});
    CHECK(pg.run(plan(session, "gold-orders")) == Rows{{"East", "50", "1"}, {"West", "100", "1"}});
    CHECK(rowsOf(pg.db->query("SELECT count(*) FROM " + pg.schema + ".orders")) == Rows{{"5"}});
}

TEST_CASE("pg: unions by matches and by name", "[pg][preview][union]") {
    Pg pg;
    PreviewSession session(combineWorkbook(pg.schema));
    CHECK(pg.run(plan(session, "all-sales")) == Rows{{"1", "West", "10", "NULL"}, {"2", "East", "20", "NULL"}, {"3", "NULL", "30", "Web"}});
    CHECK(pg.run(plan(session, "by-name")) == Rows{{"7", "5", "2", "245"}});
}

TEST_CASE("pg: transposes both ways", "[pg][preview][transpose]") {
    Pg pg;
    PreviewSession session(combineWorkbook(pg.schema));
    CHECK(pg.run(plan(session, "long")) == Rows{{"1", "West", "Amount", "10"}, {"1", "West", "Double", "20"},
                                                 {"2", "East", "Amount", "20"}, {"2", "East", "Double", "40"}});
    CHECK(pg.run(plan(session, "by-region"), true) ==
          Rows{{"10", "100", "50"}, {"20", "70", "NULL"}, {"30", "NULL", "NULL"}, {"NULL", "NULL", "5"}});
}

TEST_CASE("pg: direct charts and control values in formulas", "[pg][preview][direct][controls]") {
    Pg pg;
    PreviewSession session(combineWorkbook(pg.schema));
    CHECK(pg.run(plan(session, "region-chart")) == Rows{{"East", "110"}, {"North", "40"}, {"West", "340"}});
    CHECK(pg.run(plan(session, "sql-kpi")) == Rows{{"3", "220"}});
    session.setControlFields("region-pick", Json{{"value", "West'; DROP TABLE " + pg.schema + ".orders; --"}});
    auto flags = pg.run(plan(session, "flags"));
    REQUIRE(flags.size() == 5);
    for (const auto& row : flags) CHECK(row[1] == "no");
    CHECK(flags[0] == Rows::value_type{"1", "no", "1", "1", "0", "200", "400"});
    session.setControlFields("region-pick", Json{{"value", "West"}});
    CHECK(pg.run(plan(session, "flags"))[2][1] == "yes");
    CHECK(rowsOf(pg.db->query("SELECT count(*) FROM " + pg.schema + ".orders")) == Rows{{"5"}});
}
