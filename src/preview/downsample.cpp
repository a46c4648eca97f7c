#include <quire/preview/downsample.h>

#include <algorithm>
#include <cmath>

namespace quire::preview {

namespace {
std::vector<std::size_t> validPoints(std::span<const double> x, std::span<const double> y) {
    std::vector<std::size_t> valid;
    const std::size_t n = std::min(x.size(), y.size());
    valid.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
        if (std::isfinite(x[i]) && std::isfinite(y[i])) valid.push_back(i);
    return valid;
}
} // namespace

std::vector<std::size_t> lttb(std::span<const double> x, std::span<const double> y, std::size_t threshold) {
    std::vector<std::size_t> valid = validPoints(x, y);
    const std::size_t n = valid.size();
    if (threshold >= n) return valid;
    if (threshold == 0) return {};
    if (threshold == 1) return {valid.front()};
    if (threshold == 2) return {valid.front(), valid.back()};
    std::vector<std::size_t> out;
    out.reserve(threshold);
    out.push_back(valid.front());
    // The inner n-2 points split into threshold-2 buckets; bucket i covers [start(i), start(i+1)).
    const double every = double(n - 2) / double(threshold - 2);
    auto start = [&](std::size_t bucket) { return std::min(n - 1, std::size_t(std::floor(double(bucket) * every)) + 1); };
    std::size_t a = 0; // the last pick, in `valid` positions
    for (std::size_t bucket = 0; bucket + 2 < threshold; ++bucket) {
        const std::size_t from = start(bucket), to = std::max(from + 1, start(bucket + 1));
        // The next bucket's mean (the last point for the last bucket).
        const std::size_t nextFrom = to, nextTo = bucket + 3 < threshold ? std::max(nextFrom + 1, start(bucket + 2)) : n;
        double meanX = 0, meanY = 0;
        for (std::size_t j = nextFrom; j < std::min(nextTo, n); ++j) {
            meanX += x[valid[j]];
            meanY += y[valid[j]];
        }
        const double count = double(std::max<std::size_t>(1, std::min(nextTo, n) - nextFrom));
        meanX /= count;
        meanY /= count;
        const double ax = x[valid[a]], ay = y[valid[a]];
        double best = -1;
        std::size_t pick = from;
        for (std::size_t j = from; j < to; ++j) {
            const double area = std::fabs((ax - meanX) * (y[valid[j]] - ay) - (ax - x[valid[j]]) * (meanY - ay));
            if (area > best) {
                best = area;
                pick = j;
            }
        }
        out.push_back(valid[pick]);
        a = pick;
    }
    out.push_back(valid.back());
    return out;
}

std::vector<std::size_t> pixelCells(std::span<const double> x, std::span<const double> y, std::size_t columns, std::size_t rows) {
    const std::vector<std::size_t> valid = validPoints(x, y);
    if (valid.empty()) return {};
    columns = std::clamp<std::size_t>(columns, 1, kMaxCellsPerSide);
    rows = std::clamp<std::size_t>(rows, 1, kMaxCellsPerSide);
    double x0 = x[valid[0]], x1 = x0, y0 = y[valid[0]], y1 = y0;
    for (std::size_t i : valid) {
        x0 = std::min(x0, x[i]);
        x1 = std::max(x1, x[i]);
        y0 = std::min(y0, y[i]);
        y1 = std::max(y1, y[i]);
    }
    // A cell index in [0, cells): (v - lo) / (hi - lo) of the side, the maximum in the last cell.
    auto cellOf = [](double v, double lo, double hi, std::size_t cells) {
        if (!(hi > lo)) return std::size_t(0);
        return std::min(cells - 1, std::size_t((v - lo) / (hi - lo) * double(cells)));
    };
    std::vector<bool> taken(columns * rows, false);
    std::vector<std::size_t> out;
    for (std::size_t i : valid) {
        const std::size_t cell = cellOf(y[i], y0, y1, rows) * columns + cellOf(x[i], x0, x1, columns);
        if (taken[cell]) continue;
        taken[cell] = true;
        out.push_back(i);
    }
    return out;
}

} // namespace quire::preview
