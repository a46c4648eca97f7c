#pragma once
// The axes every panel of a trellised chart shares (spec §3.5 `trellis`): one list of categories and colour
// series, and one value range per axis. The trellis painter (trellis_chart.h) renders each panel twice through
// the ordinary chart painters: a collecting pass that only widens the ranges to the panel's data, then the
// drawing pass, in which every panel spans the ranges of all of them.
#include "qt_chart_parts.h"

#include <algorithm>
#include <optional>
#include <utility>

namespace quire::ide {

struct SharedAxes {
    bool collecting = true;
    QStringList xs;    // the categories (slices of a donut) of the whole chart, in order; empty: per panel
    QStringList names; // the colour-by-category series of the whole chart; empty: per panel (the measures)
    std::optional<std::pair<double, double>> primary, secondary; // data extents (stacked) over every panel

    // Collecting: widens the range to [lo, hi]. Drawing: [lo, hi] widened to the shared range.
    void share(std::optional<std::pair<double, double>>& range, double& lo, double& hi) {
        if (collecting) {
            range = range ? std::make_pair(std::min(range->first, lo), std::max(range->second, hi)) : std::make_pair(lo, hi);
        } else if (range) {
            lo = std::min(lo, range->first);
            hi = std::max(hi, range->second);
        }
    }
};

// The table re-laid over the shared categories and series: a category or series a panel lacks has no row (-1)
// and value 0, one the shared lists lack is left out.
void alignSeriesTable(SeriesTable& t, const SharedAxes& shared);

} // namespace quire::ide
