// The JSON and YAML readers accept exactly the same numbers (issue #10): what the document tree cannot hold
// exactly (integers beyond 64 bits, floats that overflow or underflow to zero) is a located error in both,
// never a silent null, 0.0 or rounded float.
#include <catch2/catch.hpp>
#include <quire/doc/io.h>

#include <string>

using namespace quire;
using namespace quire::doc;

namespace {

struct Case {
    std::string text;
    bool ok;
};

const Case kCases[] = {
    {"1e400", false},
    {"-1e400", false},
    {"1.8e308", false},
    {"1e-400", false},
    {"-2e-324", false},
    {"18446744073709551616", false},        // 2^64
    {"-9223372036854775809", false},        // -2^63 - 1
    {"123456789012345678901234567890", false},
    {"18446744073709551615", true},         // 2^64 - 1: uint64
    {"9223372036854775807", true},
    {"-9223372036854775808", true},
    {"9007199254740993", true},             // not a double, but an exact int64
    {"1.7976931348623157e308", true},
    {"4.9e-324", true},                     // the smallest subnormal
    {"0e-999", true},                       // zero written with a tiny exponent is still zero
    {"0.0", true},
    {"-2.5e-3", true},
    {"1.5e20", true},
};

} // namespace

TEST_CASE("JSON and YAML agree on which numbers load, and on their values", "[doc][json][yaml][numbers]") {
    for (const auto& c : kCases) {
        INFO(c.text);
        const auto json = parseDocument("{\n  \"v\": " + c.text + "\n}\n", Format::Json, "n.json");
        const auto yaml = parseDocument("a: 1\nv: " + c.text + "\n", Format::Yaml, "n.yaml");
        CHECK(json.ok() == c.ok);
        CHECK(yaml.ok() == c.ok);
        if (c.ok) {
            if (!json.ok() || !yaml.ok()) continue;
            const Json& j = json.document->root["v"];
            const Json& y = yaml.document->root["v"];
            CHECK(j == y);
            CHECK(j.type() == y.type());
            CHECK(j.dump() == y.dump());
            continue;
        }
        REQUIRE(json.diagnostics.size() == 1);
        CHECK(json.diagnostics[0].rule == "json/number-out-of-range");
        CHECK(json.diagnostics[0].location.line == 2);
        CHECK(json.diagnostics[0].location.column == 8);
        CHECK(json.diagnostics[0].message.find(c.text) != std::string::npos);
        REQUIRE(yaml.diagnostics.size() == 1);
        CHECK(yaml.diagnostics[0].rule == "yaml/number-out-of-range");
        CHECK(yaml.diagnostics[0].location.line == 2);
        CHECK(yaml.diagnostics[0].location.column == 4);
        CHECK(yaml.diagnostics[0].message.find(c.text) != std::string::npos);
    }
}

TEST_CASE("YAML-only number spellings follow the same limits", "[doc][yaml][numbers]") {
    auto r = parseDocument("a: +12\nb: 0xFFFFFFFFFFFFFFFF\nc: 0o17\nd: .5\ne: +1e3\nf: 007\n", Format::Yaml);
    REQUIRE(r.ok());
    const Json& root = r.document->root;
    CHECK(root["a"] == 12);
    CHECK(root["b"].is_number_unsigned());
    CHECK(root["b"].get<std::uint64_t>() == 0xFFFFFFFFFFFFFFFFull);
    CHECK(root["c"] == 15);
    CHECK(root["d"] == 0.5);
    CHECK(root["e"].is_number_float());
    CHECK(root["f"] == 7);
    for (const char* bad : {"0x1FFFFFFFFFFFFFFFF", "0o7777777777777777777777", "+1e400", "+99999999999999999999"}) {
        INFO(bad);
        auto e = parseDocument(std::string("k:\n  v: ") + bad + "\n", Format::Yaml, "b.yaml");
        REQUIRE_FALSE(e.document);
        CHECK(e.diagnostics.at(0).rule == "yaml/number-out-of-range");
        CHECK(e.diagnostics.at(0).location.line == 2);
        CHECK(e.diagnostics.at(0).location.column == 6);
    }
    // Quoted, the same text is a string, and it is written back quoted.
    auto quoted = parseDocument("v: '1e400'\n", Format::Yaml);
    REQUIRE(quoted.ok());
    CHECK(quoted.document->root["v"] == "1e400");
    CHECK(toYamlText(quoted.document->root).find("\"1e400\"") != std::string::npos);
}
