#include <quire/connect/odbc.h>

#include <catch2/catch.hpp>

using quire::connect::OdbcError;
using quire::connect::redactConnectionString;

TEST_CASE("redaction hides passwords, tokens and secrets", "[connect][redact]") {
    CHECK(redactConnectionString("Driver={PostgreSQL Unicode};Server=h;Uid=u;Pwd=hunter2;") ==
          "Driver={PostgreSQL Unicode};Server=h;Uid=u;Pwd=***;");
    CHECK(redactConnectionString("DSN=x;PWD={a;b}}c};UID=me") == "DSN=x;PWD=***;UID=me");
    CHECK(redactConnectionString("Host=h;AuthMech=3;UID=token;PWD=dapi123;") == "Host=h;AuthMech=3;UID=token;PWD=***;");
    CHECK(redactConnectionString("Token=abc;PRIV_KEY_FILE=/k.p8;PRIV_KEY_FILE_PWD=pp;") ==
          "Token=***;PRIV_KEY_FILE=/k.p8;PRIV_KEY_FILE_PWD=***;");
    CHECK(redactConnectionString("SecretAccessKey=AKIA;Password=x") == "SecretAccessKey=***;Password=***");
    // in free text an unbraced value runs to ';' or the end of the line: over-redacting is the safe side
    CHECK(redactConnectionString("connect to Server=a;password=zz failed\nnext") == "connect to Server=a;password=***\nnext");
    CHECK(redactConnectionString("no pairs here") == "no pairs here");
}

TEST_CASE("OdbcError carries SQLSTATE, native code and a redacted message", "[connect][redact]") {
    OdbcError e("connect to Driver=X;Pwd=s3cret;", {{"28P01", 210, "auth failed for Pwd=s3cret"}});
    CHECK(e.sqlstate() == "28P01");
    CHECK(e.nativeCode() == 210);
    CHECK(std::string(e.what()).find("s3cret") == std::string::npos);
    CHECK(e.driverMessage().find("s3cret") == std::string::npos);
    CHECK(std::string(e.what()).find("[28P01]") != std::string::npos);
    CHECK_FALSE(e.isTimeout());
    CHECK(OdbcError("execute", {{"HYT00", 0, "Timeout expired"}}).isTimeout());
    CHECK(OdbcError("execute", {{"08S01", 0, "link failure"}}).isConnectionFailure());
}
