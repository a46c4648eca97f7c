// Expected<T>: the value or the one Diagnostic that says why not (core/expected.h).
#include <quire/core/expected.h>

#include <catch2/catch.hpp>

// GCC 12 at -O3 warns "may be used uninitialized" inside libstdc++'s std::string when a variant holding a
// unique_ptr next to a Diagnostic is moved from (a known false positive of its middle end).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include <memory>
#include <stdexcept>
#include <string>

using namespace quire;

namespace {

Expected<int> half(int n) {
    if (n % 2 != 0) return makeDiagnostic("io/read-failed", std::to_string(n) + " is odd", "/n", {"numbers.txt", 3, 7});
    return n / 2;
}

} // namespace

TEST_CASE("Expected holds either the value or the located diagnostic", "[base][expected]") {
    Expected<int> good = half(8);
    REQUIRE(good.ok());
    CHECK(static_cast<bool>(good));
    CHECK(*good == 4);
    CHECK(good.value() == 4);
    CHECK(good.message().empty());
    CHECK(good.valueOr(-1) == 4);
    CHECK_THROWS_AS(good.error(), std::logic_error);

    Expected<int> bad = half(7);
    REQUIRE_FALSE(bad.ok());
    CHECK_FALSE(static_cast<bool>(bad));
    CHECK(bad.error().rule == "io/read-failed");
    CHECK(bad.error().severity == Severity::Error);
    CHECK(bad.error().pointer == "/n");
    CHECK(bad.error().location.line == 3);
    CHECK(bad.message() == "7 is odd");
    CHECK(bad.valueOr(-1) == -1);
    // Asking a failed result for its value is a programming fault, not undefined behaviour.
    CHECK_THROWS_AS(bad.value(), std::logic_error);
    CHECK(formatDiagnostic(bad.error()) == "numbers.txt:3:7: error [io/read-failed]: 7 is odd (at /n)");
}

TEST_CASE("Expected moves a move-only value out, and Expected<void> reports an action", "[base][expected]") {
    Expected<std::unique_ptr<int>> owned = std::make_unique<int>(42);
    REQUIRE(owned.ok());
    std::unique_ptr<int> taken = std::move(owned).value();
    REQUIRE(taken);
    CHECK(*taken == 42);

    Expected<void> done;
    CHECK(done.ok());
    CHECK(done.message().empty());
    CHECK_THROWS_AS(done.error(), std::logic_error);
    Expected<void> refused = makeDiagnostic("io/read-failed", "no such file");
    CHECK_FALSE(refused.ok());
    CHECK(refused.error().rule == "io/read-failed");
    CHECK(refused.message() == "no such file");
}
