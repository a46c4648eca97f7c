#include <catch2/catch.hpp>
#include <quire/preview/condition.h>

using namespace quire;
using namespace quire::preview;

namespace {
EvalContext ctx() {
    EvalContext c;
    c.resolve = [](std::string_view ref) -> std::optional<Json> {
        if (ref == "n") return Json(5);
        if (ref == "s") return Json("West");
        if (ref == "list") return Json::array({"A", "B"});
        if (ref == "none") return Json(nullptr);
        return std::nullopt;
    };
    return c;
}
Json eval(std::string_view f) {
    auto r = evaluateSimpleFormula(f, ctx());
    INFO(f << " -> " << r.error);
    REQUIRE(r.value);
    return *r.value;
}
} // namespace

TEST_CASE("condition: comparisons, logic, nulls", "[preview][condition]") {
    CHECK(eval("[n] > 3") == true);
    CHECK(eval("[n] >= 5 and [s] = \"West\"") == true);
    CHECK(eval("=[n] < 5 or [s] != 'West'") == false);
    CHECK(eval("not ([n] = 5)") == false);
    CHECK(eval("[list] = \"B\"") == true);
    CHECK(eval("[list] != \"C\"") == true);
    CHECK(eval("[none] > 1").is_null());
    CHECK(eval("IsNull([none]) && IsNotNull([n])") == true);
    CHECK(eval("True") == true);
    CHECK(eval("-2.5 < 1") == true);
    CHECK_FALSE(isTrue(eval("[none] = 1")));
}

TEST_CASE("condition: errors instead of guesses", "[preview][condition]") {
    for (std::string_view bad : {"[missing] = 1", "Sum([n])", "[n] = \"x\"", "(1 = 1", "\"open", "[n] > ", "1 2"}) {
        const auto r = evaluateSimpleFormula(bad, ctx());
        INFO(bad);
        CHECK_FALSE(r.value);
        CHECK_FALSE(r.error.empty());
    }
}
