// Golden SQL for every catalogue function in all six dialects, one data file per category under
// tests/sql/golden/. QUIRE_UPDATE_GOLDEN=1 rewrites the files (review the diff before committing).
#include "quire/formula/catalog.h"
#include "sql_fixture.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>

using namespace quire;

namespace {

std::string sampleArgument(const formula::FunctionInfo& f, std::size_t index, const formula::ParamSpec& p) {
    if (p.datePart) return "\"month\"";
    if (f.category == "User") // a team or attribute id literal: text "x", number "n", date "d" (goldenUser below)
        return f.name.find("Number") != std::string::npos ? "\"n\"" : f.name.find("Date") != std::string::npos ? "\"d\"" : "\"x\"";
    if (f.name == "DateFormat" && index == 1) return "\"%Y-%m-%d\"";
    if ((f.name == "Rank" || f.name == "RankDense" || f.name == "RankPercentile") && index == 1) return "\"desc\"";
    switch (p.type) {
    case formula::Type::Integer: return f.category == "Window" ? "2" : "[I]";
    case formula::Type::Text: return index == 0 ? "[T]" : "\"x\"";
    case formula::Type::Date: case formula::Type::Datetime: return "[D]";
    case formula::Type::Logical: return "[B]";
    case formula::Type::Variant: return "[V]";
    default: return "[N]";
    }
}

// Two sample calls per function: required arguments only, and every optional one (+1 variadic) filled.
std::vector<std::string> sampleCalls(const formula::FunctionInfo& f) {
    std::vector<std::string> calls;
    for (bool full : {false, true}) {
        std::string call = f.name + "(";
        std::size_t k = 0;
        for (std::size_t i = 0; i < f.params.size(); ++i) {
            const auto& p = f.params[i];
            if ((p.optional || p.variadic) && !full) continue;
            call += (k++ ? ", " : "") + sampleArgument(f, i, p);
        }
        call += ")";
        if (calls.empty() || calls.back() != call) calls.push_back(call);
    }
    return calls;
}

std::string render(const std::string& category) {
    std::string out;
    for (const auto& f : formula::FunctionCatalog::builtin().all()) {
        if (f.category != category) continue;
        for (const auto& call : sampleCalls(f)) {
            out += call + "\n";
            for (auto id : sql::kAllDialects) {
                const auto& d = sql::dialect(id);
                sql::CompileOptions opts;
                static const sql::CurrentUser goldenUser = [] {
                    sql::CurrentUser u;
                    u.email = "ana@example.com";
                    u.fullName = "Ana Author";
                    u.teams = {"x"};
                    u.attributes = {{"x", std::string("EMEA")}, {"n", 3.5}, {"d", std::string("2024-05-01")}};
                    return u;
                }();
                if (f.category == "User") opts.user = &goldenUser;
                if (f.kind == formula::FunctionKind::Window) opts.windowOrderBy = d.quoteIdentifier("t") + "." + d.quoteIdentifier("I");
                auto r = sql::compileFormula(call, d, test::fixtureResolver(d), opts);
                out += "  " + std::string(d.name()) + ": ";
                if (r.ok()) out += r.sql;
                else out += "ERROR " + r.diagnostics[0].rule + ": " + r.diagnostics[0].message;
                out += "\n";
            }
        }
    }
    return out;
}

void compareGolden(const std::string& category) {
    const std::string path = test::sourceDir() + "/tests/sql/golden/" + category + ".txt";
    const std::string actual = render(category);
    REQUIRE_FALSE(actual.empty());
    const char* update = std::getenv("QUIRE_UPDATE_GOLDEN");
    if (update && std::string(update) == "1") {
        std::ofstream(path, std::ios::binary) << actual;
        WARN("rewrote " << path);
        return;
    }
    CHECK(test::readFile(path) == actual);
}

} // namespace

TEST_CASE("golden SQL: Aggregate", "[golden]") { compareGolden("Aggregate"); }
TEST_CASE("golden SQL: Window", "[golden]") { compareGolden("Window"); }
TEST_CASE("golden SQL: Date", "[golden]") { compareGolden("Date"); }
TEST_CASE("golden SQL: Text", "[golden]") { compareGolden("Text"); }
TEST_CASE("golden SQL: Logical", "[golden]") { compareGolden("Logical"); }
TEST_CASE("golden SQL: Math", "[golden]") { compareGolden("Math"); }
TEST_CASE("golden SQL: Type", "[golden]") { compareGolden("Type"); }
TEST_CASE("golden SQL: User", "[golden]") { compareGolden("User"); }

TEST_CASE("every catalogue function is in a golden category", "[golden]") {
    for (const auto& f : formula::FunctionCatalog::builtin().all())
        CHECK((f.category == "Aggregate" || f.category == "Window" || f.category == "Date" || f.category == "Text" ||
               f.category == "Logical" || f.category == "Math" || f.category == "Type" || f.category == "User"));
}
