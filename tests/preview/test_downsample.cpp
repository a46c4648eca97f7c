// LTTB and pixel-cell reductions for big line/scatter charts (issue #15): exact output sizes, first/last and
// the peaks of a known signal kept, NaN (null) points skipped, the scatter grid bounded.
#include <catch2/catch.hpp>

#include <quire/preview/downsample.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

using namespace quire::preview;

namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<double> iota(std::size_t n) {
    std::vector<double> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = double(i);
    return v;
}
} // namespace

TEST_CASE("lttb returns exactly the threshold, in order, first and last kept", "[downsample]") {
    const std::size_t n = 100'000;
    const auto x = iota(n);
    std::vector<double> y(n);
    for (std::size_t i = 0; i < n; ++i) y[i] = std::sin(double(i) / 500.0) + 0.001 * double(i % 7);
    for (std::size_t threshold : {3u, 10u, 2000u, 99'999u}) {
        const auto picked = lttb(x, y, threshold);
        REQUIRE(picked.size() == threshold);
        CHECK(picked.front() == 0);
        CHECK(picked.back() == n - 1);
        CHECK(std::is_sorted(picked.begin(), picked.end()));
        CHECK(std::adjacent_find(picked.begin(), picked.end()) == picked.end());
    }
    CHECK(lttb(x, y, 0).empty());
    CHECK(lttb(x, y, 1) == std::vector<std::size_t>{0});
    CHECK(lttb(x, y, 2) == std::vector<std::size_t>{0, n - 1});
    CHECK(lttb(x, y, n + 5).size() == n); // no more points than there are
}

TEST_CASE("lttb keeps the spikes and troughs of a known signal", "[downsample]") {
    // A flat line with five one-point spikes (up and down): a 100-point reduction of 1M points keeps every one,
    // where taking every 10,000th point would keep none.
    const std::size_t n = 1'000'000;
    const auto x = iota(n);
    std::vector<double> y(n, 1.0);
    const std::vector<std::size_t> spikes = {123'457, 400'001, 512'345, 777'777, 999'001};
    for (std::size_t k = 0; k < spikes.size(); ++k) y[spikes[k]] = k % 2 ? -50.0 : 80.0;
    const auto picked = lttb(x, y, 100);
    REQUIRE(picked.size() == 100);
    const std::set<std::size_t> kept(picked.begin(), picked.end());
    for (std::size_t s : spikes) CHECK(kept.count(s) == 1);
    // The extremes of the reduced series are the signal's.
    double lo = 1e9, hi = -1e9;
    for (std::size_t i : picked) lo = std::min(lo, y[i]), hi = std::max(hi, y[i]);
    CHECK(lo == -50.0);
    CHECK(hi == 80.0);
}

TEST_CASE("lttb follows a sine's peaks", "[downsample]") {
    const std::size_t n = 200'000;
    const auto x = iota(n);
    std::vector<double> y(n);
    for (std::size_t i = 0; i < n; ++i) y[i] = std::sin(2 * M_PI * double(i) / 20'000.0); // 10 periods
    const auto picked = lttb(x, y, 500);
    // Every period's crest and trough is represented within 1% of the amplitude.
    for (int period = 0; period < 10; ++period) {
        double hi = -2, lo = 2;
        for (std::size_t i : picked)
            if (i >= std::size_t(period) * 20'000 && i < std::size_t(period + 1) * 20'000) hi = std::max(hi, y[i]), lo = std::min(lo, y[i]);
        CHECK(hi > 0.99);
        CHECK(lo < -0.99);
    }
}

TEST_CASE("lttb skips NaN (null) points and never returns them", "[downsample]") {
    std::vector<double> x = iota(1000), y(1000);
    for (std::size_t i = 0; i < 1000; ++i) y[i] = i % 3 == 0 ? kNaN : double(i % 17);
    y[999] = kNaN;
    x[500] = kNaN;
    x[10] = std::numeric_limits<double>::infinity();
    const auto picked = lttb(x, y, 50);
    REQUIRE(picked.size() == 50);
    for (std::size_t i : picked) {
        CHECK(std::isfinite(x[i]));
        CHECK(std::isfinite(y[i]));
    }
    CHECK(picked.front() == 1);  // the first valid point
    CHECK(picked.back() == 998); // the last valid point
    const std::vector<double> allNaN(10, kNaN);
    CHECK(lttb(allNaN, allNaN, 5).empty());
    // Fewer valid points than the threshold: all of them.
    CHECK(lttb(iota(4), std::vector<double>{1, kNaN, 3, 4}, 10) == std::vector<std::size_t>{0, 2, 3});
}

TEST_CASE("lttb reads up to the shorter of x and y", "[downsample]") {
    const auto picked = lttb(iota(10), iota(6), 100);
    CHECK(picked.size() == 6);
}

TEST_CASE("pixelCells keeps one point per occupied cell, so the occupied pixels stay the same", "[downsample]") {
    // 1M points in a 100x50 cloud over a 100x50 grid: at most 5,000 points, every occupied cell kept.
    const std::size_t n = 1'000'000;
    std::vector<double> x(n), y(n);
    for (std::size_t i = 0; i < n; ++i) {
        x[i] = double((i * 7919) % 100);
        y[i] = double((i * 104729) % 50);
    }
    x[5] = kNaN;
    const auto picked = pixelCells(x, y, 100, 50);
    CHECK(picked.size() <= 5000);
    CHECK(std::is_sorted(picked.begin(), picked.end()));
    std::set<std::pair<int, int>> all, kept;
    for (std::size_t i = 0; i < n; ++i)
        if (std::isfinite(x[i])) all.insert({int(x[i] * 100 / 99.0001), int(y[i] * 50 / 49.0001)});
    for (std::size_t i : picked) {
        REQUIRE(std::isfinite(x[i]));
        kept.insert({int(x[i] * 100 / 99.0001), int(y[i] * 50 / 49.0001)});
    }
    CHECK(kept == all);
    CHECK(kept.size() == picked.size());
}

TEST_CASE("pixelCells bounds the grid and handles degenerate input", "[downsample]") {
    const auto x = iota(100'000);
    // A huge grid request is clamped to kMaxCellsPerSide per side (no 10^12-cell allocation).
    const auto picked = pixelCells(x, x, std::size_t(1) << 40, std::size_t(1) << 40);
    CHECK(picked.size() <= kMaxCellsPerSide);
    CHECK(picked.size() > 4000);
    // All points equal: one cell. Zero-sized grid: one cell. Nothing valid: nothing.
    const std::vector<double> same(1000, 3.0);
    CHECK(pixelCells(same, same, 800, 600).size() == 1);
    CHECK(pixelCells(x, x, 0, 0).size() == 1);
    CHECK(pixelCells(std::vector<double>(5, kNaN), iota(5), 10, 10).empty());
}
