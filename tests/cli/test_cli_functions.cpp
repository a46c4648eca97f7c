// `quire functions [NAME] [--markdown]`: the formula function reference from the catalogue, run as a user would.
#include "cli_run.h"

#include <catch2/catch.hpp>
#include <test_support.h>

using namespace quire::test::cli;

TEST_CASE("quire functions lists every function with its one-line description", "[cli][functions]") {
    const Sandbox sandbox("functions-list");
    const Run r = sandbox.run("functions");
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.find("Aggregate\n  Sum ") != std::string::npos);
    CHECK(r.out.find("Sum of the values in a column\n") != std::string::npos);
    CHECK(r.out.find("  CumulativeSum ") != std::string::npos);
    CHECK(r.out.find("  CurrentUserAttributeDate ") != std::string::npos);
    CHECK(r.out.find("147 functions.") != std::string::npos);
}

TEST_CASE("quire functions NAME shows the signature, description, example and dialects", "[cli][functions]") {
    const Sandbox sandbox("functions-one");
    const Run r = sandbox.run("functions mode");
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(r.out == "Mode(value)\n"
                   "  Most frequent value\n"
                   "  Category:  Aggregate (aggregate)\n"
                   "  Example:   Mode([Status])\n"
                   "  Dialects:  snowflake, bigquery, databricks, postgresql, sqlite\n"
                   "  Not on redshift: Mode is not supported by redshift\n");
    const Run alias = sandbox.run("functions RunningSum");
    REQUIRE(alias.exitCode == 0);
    CHECK(alias.out.find("  Alias of:  CumulativeSum\n") != std::string::npos);
    CHECK(alias.out.find("  Example:   RunningSum([Revenue])\n") != std::string::npos);
}

TEST_CASE("quire functions with an unknown name fails with a did-you-mean", "[cli][functions]") {
    const Sandbox sandbox("functions-unknown");
    const Run r = sandbox.run("functions CumulativSum");
    CHECK(r.exitCode == 1);
    CHECK(r.out.empty());
    CHECK(r.err == "quire functions: unknown function 'CumulativSum'; did you mean CumulativeSum?\n");
    const Run none = sandbox.run("functions Xyzzyplugh");
    CHECK(none.exitCode == 1);
    CHECK(none.err == "quire functions: unknown function 'Xyzzyplugh'\n");
}

TEST_CASE("functions markdown matches docs", "[cli][functions]") {
    // docs/functions.md is generated: regenerate it with `build/bin/quire functions --markdown > docs/functions.md`.
    const Sandbox sandbox("functions-markdown");
    const Run r = sandbox.run("functions --markdown");
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    const std::string committed = quire::test::readFile(quire::test::sourceDir() + "/docs/functions.md");
    INFO("docs/functions.md is out of date: run build/bin/quire functions --markdown > docs/functions.md");
    CHECK(r.out == committed);
}
