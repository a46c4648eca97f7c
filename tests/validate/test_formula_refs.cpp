// The shallow reference scanner behind formula/unknown-*.
#include <catch2/catch.hpp>

#include "formula_refs.h"

using quire::validate::scanFormulaRefs;

TEST_CASE("scanner finds bare and qualified references", "[formula-refs]") {
    const auto refs = scanFormulaRefs(R"(If([Region] = "East", Sum([Orders/Amount]), [ctl-1]))");
    REQUIRE(refs.size() == 3);
    CHECK(refs[0].prefix.empty());
    CHECK(refs[0].name == "Region");
    CHECK(refs[0].offset == 3);
    CHECK(refs[0].length == 8);
    CHECK(refs[1].prefix == "Orders");
    CHECK(refs[1].name == "Amount");
    CHECK(refs[2].name == "ctl-1");
}

TEST_CASE("scanner skips string literals and keeps names with spaces and symbols", "[formula-refs]") {
    const auto refs = scanFormulaRefs(R"("[not a ref]" & '[nor this]' & [Sales (USD) %] & "say ""[x]""" & [View/Region (CUSTOMER_DIM)])");
    REQUIRE(refs.size() == 2);
    CHECK(refs[0].name == "Sales (USD) %");
    CHECK(refs[1].prefix == "View");
    CHECK(refs[1].name == "Region (CUSTOMER_DIM)");
}

TEST_CASE("scanner tolerates unterminated input", "[formula-refs]") {
    CHECK(scanFormulaRefs("Sum([Orders/Amount").empty());
    CHECK(scanFormulaRefs("\"open string [A]").empty());
    CHECK(scanFormulaRefs("[]").empty());
}

TEST_CASE("scanner skips the index steps of variant paths", "[formula-refs]") {
    const auto refs = scanFormulaRefs("[Payload].items[0].tags[12] & [7] & ([Rows][0])");
    REQUIRE(refs.size() == 3);
    CHECK(refs[0].name == "Payload");
    CHECK(refs[1].name == "7"); // a bare [7] is a (badly named) column
    CHECK(refs[1].offset == 30);
    CHECK(refs[2].name == "Rows");
}
