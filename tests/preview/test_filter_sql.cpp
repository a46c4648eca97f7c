// Lowered filters run on a real SQLite table; expected rows are picked by hand from the six rows below.
#include <catch2/catch.hpp>
#include <quire/preview/filter_sql.h>
#include <sqlite3.h>

#include <stdexcept>

using namespace quire;
using namespace quire::preview;
using Ids = std::vector<int>;

namespace {

class Db {
public:
    Db() {
        if (sqlite3_open(":memory:", &db_) != SQLITE_OK) throw std::runtime_error("sqlite open");
        exec("CREATE TABLE t (id INTEGER, region TEXT, amount REAL, day TEXT)");
        exec("INSERT INTO t VALUES (1, 'East', 10, '2024-01-01'), (2, 'West', 25.5, '2024-01-31 18:00:00'),"
             "(3, NULL, 5, '2024-02-01'), (4, 'east', NULL, NULL), (5, '50%_off', 40, '2024-01-15'),"
             "(6, 'West', 25.5, '2023-12-31')");
    }
    ~Db() { sqlite3_close(db_); }
    void exec(const char* sql) {
        if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) throw std::runtime_error(sqlite3_errmsg(db_));
    }
    Ids where(const FilterSpec& filter, const char* column) {
        const LoweredPredicate p = lowerFilter(filter, column);
        INFO(p.error);
        REQUIRE(p.ok());
        std::string sql;
        if (p.windowSql.empty()) {
            sql = "SELECT id FROM t WHERE " + p.sql + " ORDER BY id";
        } else {
            std::string pred = p.sql;
            pred.replace(pred.find("{rank}"), 6, "rnk");
            sql = "SELECT id FROM (SELECT id, " + p.windowSql + " AS rnk FROM t) WHERE " + pred + " ORDER BY id";
        }
        sqlite3_stmt* stmt = nullptr;
        REQUIRE(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
        int i = 1;
        for (const auto& b : p.params) {
            if (b.type == BoundValue::Type::Number) sqlite3_bind_double(stmt, i, b.value.get<double>());
            else if (b.type == BoundValue::Type::Boolean) sqlite3_bind_int(stmt, i, b.value.get<bool>());
            else sqlite3_bind_text(stmt, i, b.value.get<std::string>().c_str(), -1, SQLITE_TRANSIENT);
            ++i;
        }
        Ids ids;
        while (sqlite3_step(stmt) == SQLITE_ROW) ids.push_back(sqlite3_column_int(stmt, 0));
        sqlite3_finalize(stmt);
        return ids;
    }

private:
    sqlite3* db_ = nullptr;
};

FilterSpec spec(const char* kind, const char* json) { return FilterSpec{"c", "test", kind, Json::parse(json)}; }

} // namespace

TEST_CASE("filter sql: list include/exclude with nulls", "[preview][filter-sql]") {
    Db db;
    CHECK(db.where(spec("list", R"J({"mode": "include", "values": ["West", "East"]})J"), "region") == Ids{1, 2, 6});
    CHECK(db.where(spec("list", R"J({"mode": "include", "values": ["West", null]})J"), "region") == Ids{2, 3, 6});
    CHECK(db.where(spec("list", R"J({"mode": "include", "values": ["East"], "includeNulls": "always"})J"), "region") == Ids{1, 3});
    CHECK(db.where(spec("list", R"J({"mode": "exclude", "values": ["West"]})J"), "region") == Ids{1, 3, 4, 5});
    CHECK(db.where(spec("list", R"J({"mode": "exclude", "values": ["West", null]})J"), "region") == Ids{1, 4, 5});
    CHECK(db.where(spec("list", R"J({"mode": "include", "values": []})J"), "region").empty());
}

TEST_CASE("filter sql: ranges, comparisons and half-open date windows", "[preview][filter-sql]") {
    Db db;
    CHECK(db.where(spec("range", R"J({"low": 10, "high": 25.5})J"), "amount") == Ids{1, 2, 6});
    CHECK(db.where(spec("range", R"J({"high": 9})J"), "amount") == Ids{3});
    CHECK(db.where(spec("compare", R"J({"op": "!=", "value": 25.5})J"), "amount") == Ids{1, 3, 5});
    // end day inclusive even with a time part (row 2 at 18:00 on the 31st)
    CHECK(db.where(spec("date-range", R"J({"start": "2024-01-01", "end": "2024-01-31"})J"), "day") == Ids{1, 2, 5});
    CHECK(db.where(spec("date-range", R"J({"end": "2023-12-31", "includeNulls": "always"})J"), "day") == Ids{4, 6});
    CHECK_FALSE(lowerFilter(spec("range", R"J({})J"), "amount").ok());
    CHECK_FALSE(lowerFilter(spec("compare", R"J({"op": "; DROP TABLE t; --", "value": 1})J"), "amount").ok());
}

TEST_CASE("filter sql: text match modes, case, LIKE escaping", "[preview][filter-sql]") {
    Db db;
    CHECK(db.where(spec("text-match", R"J({"mode": "equals", "value": "east", "case": "insensitive"})J"), "region") == Ids{1, 4});
    CHECK(db.where(spec("text-match", R"J({"mode": "equals", "value": "east", "case": "sensitive"})J"), "region") == Ids{4});
    CHECK(db.where(spec("text-match", R"J({"mode": "contains", "value": "%_"})J"), "region") == Ids{5});
    CHECK(db.where(spec("text-match", R"J({"mode": "starts-with", "value": "We"})J"), "region") == Ids{2, 6});
    CHECK(db.where(spec("text-match", R"J({"mode": "does-not-end-with", "value": "st"})J"), "region") == Ids{3, 5});
    CHECK(db.where(spec("text-match", R"J({"mode": "does-not-end-with", "value": "st", "includeNulls": "never"})J"), "region") == Ids{5});
    CHECK(db.where(spec("text-match", R"J({"mode": "like", "value": "_est"})J"), "region") == Ids{2, 6});
    // a hostile value stays a bound parameter
    CHECK(db.where(spec("text-match", R"J({"mode": "equals", "value": "x' OR '1'='1"})J"), "region").empty());
    CHECK_FALSE(lowerFilter(spec("text-match", R"J({"mode": "matches-regexp", "value": "a"})J"), "region").ok());
}

TEST_CASE("filter sql: top-n and bottom-n through a window column", "[preview][filter-sql]") {
    Db db;
    // amounts: 1:10 2:25.5 3:5 4:NULL 5:40 6:25.5 ; SQLite sorts NULL first ascending, last descending
    CHECK(db.where(spec("top-n", R"J({"rankingFunction": "rank", "mode": "top-n", "rowCount": 2})J"), "amount") == Ids{2, 5, 6});
    CHECK(db.where(spec("top-n", R"J({"rankingFunction": "row-number", "mode": "top-n", "rowCount": 1})J"), "amount") == Ids{5});
    CHECK(db.where(spec("top-n", R"J({"rankingFunction": "rank-dense", "mode": "bottom-n", "rowCount": 2})J"), "amount") == Ids{3, 4});
    CHECK_FALSE(lowerFilter(spec("top-n", R"J({"rankingFunction": "rank", "rowCount": "3"})J"), "amount").ok());
}
