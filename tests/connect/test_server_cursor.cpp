// Which statements psqlODBC's server cursor (UseDeclareFetch) cannot hold: cursorUnsafeStatement.
#include <quire/connect/server_cursor.h>

#include <catch2/catch.hpp>

#include <string>

using quire::connect::cursorUnsafeStatement;

TEST_CASE("SELECT ... INTO and data-modifying WITH statements are cursor-unsafe", "[connect]") {
    CHECK(cursorUnsafeStatement("SELECT 1 AS x INTO TEMP t"));
    CHECK(cursorUnsafeStatement("  (select * into t from u)"));
    CHECK(cursorUnsafeStatement("WITH w AS (SELECT 1) INSERT INTO t SELECT * FROM w"));
    CHECK(cursorUnsafeStatement("with w as (delete from t returning *) select count(*) from w"));
    CHECK(cursorUnsafeStatement("WITH w AS (SELECT 1) UPDATE t SET a = 1"));
    CHECK(cursorUnsafeStatement("WITH w AS (SELECT 1) MERGE INTO t USING w ON true WHEN MATCHED THEN DO NOTHING"));
    CHECK(cursorUnsafeStatement("WITH w AS (SELECT 1)\n-- a comment\nInSeRt\tINTO t VALUES (1)"));
    // A false positive only costs speed: FOR UPDATE is a valid cursor query but is run without the cursor.
    CHECK(cursorUnsafeStatement("SELECT * FROM t FOR UPDATE"));
}

TEST_CASE("plain queries and other statements are not cursor-unsafe", "[connect]") {
    CHECK_FALSE(cursorUnsafeStatement("SELECT event_id, session_id FROM user_events"));
    CHECK_FALSE(cursorUnsafeStatement("WITH w AS (SELECT 1 AS id) SELECT * FROM w"));
    CHECK_FALSE(cursorUnsafeStatement("(WITH w AS (SELECT 1) SELECT * FROM w)"));
    // psqlODBC does not wrap statements that start with another word (comments included): nothing to avoid.
    CHECK_FALSE(cursorUnsafeStatement("INSERT INTO t VALUES (1)"));
    CHECK_FALSE(cursorUnsafeStatement("/* c */ WITH w AS (SELECT 1) INSERT INTO t SELECT * FROM w"));
    CHECK_FALSE(cursorUnsafeStatement("UPDATE t SET a = 1"));
    CHECK_FALSE(cursorUnsafeStatement(""));
    CHECK_FALSE(cursorUnsafeStatement("   ((("));
    // The keywords inside literals, quoted identifiers, dollar quotes, comments or longer words do not count.
    CHECK_FALSE(cursorUnsafeStatement("SELECT 'insert into t', \"update\", $$delete$$, $q$ merge $q$ FROM t"));
    CHECK_FALSE(cursorUnsafeStatement("SELECT 'it''s into' AS a, E'\\' into' AS b FROM t"));
    CHECK_FALSE(cursorUnsafeStatement("SELECT 1 -- insert into t\n FROM t /* update /* nested */ delete */"));
    CHECK_FALSE(cursorUnsafeStatement("SELECT inserted, updated_at, deleted, intos, $1 FROM t WHERE a = $2"));
    CHECK_FALSE(cursorUnsafeStatement("SELECT dollar$into FROM t"));
}

TEST_CASE("cursorUnsafeStatement survives unterminated quotes and comments", "[connect]") {
    for (const char* sql : {"SELECT 'into", "SELECT \"into", "SELECT $$into", "SELECT /* into", "SELECT E'\\", "SELECT $",
                            "SELECT $a", "SELECT -- into", "WITH '", "SELECT /*/*/ into"}) {
        INFO(sql);
        CHECK_NOTHROW(cursorUnsafeStatement(sql));
    }
    CHECK_FALSE(cursorUnsafeStatement("SELECT 'into"));
    CHECK_FALSE(cursorUnsafeStatement("SELECT /*/*/ into")); // still inside the outer comment
    std::string deep = "SELECT ";
    for (int i = 0; i < 100000; ++i) deep += "/*";
    CHECK_FALSE(cursorUnsafeStatement(deep + " into"));
}
