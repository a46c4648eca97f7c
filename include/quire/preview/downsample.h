#pragma once
// Point reductions for big line and scatter charts (issue #15): a chart of a million points cannot be drawn in
// a frame, and the screen cannot show more than a few thousand anyway. Both reductions return indices into
// the input (ascending), so the caller keeps the rows behind every drawn point (clicks, tooltips).
// Points whose x or y is NaN or infinite (SQL nulls become NaN) are never returned. No recursion; the scatter
// grid is bounded (kMaxCellsPerSide per side).
#include <cstddef>
#include <span>
#include <vector>

namespace quire::preview {

// Largest-triangle-three-buckets (Steinarsson 2013) over points in x order: keeps the first and the last
// valid point and, per bucket, the point that spans the largest triangle with the previous pick and the next
// bucket's mean, so peaks and troughs survive. Returns exactly min(threshold, valid points) indices; all valid
// points when there are no more than `threshold`. x and y are read up to the shorter of the two.
std::vector<std::size_t> lttb(std::span<const double> x, std::span<const double> y, std::size_t threshold);

// Scatter reduction that keeps the density picture: the points are binned in a columns x rows grid over
// their x/y extent (a cell per pixel of the plot) and the first point of every occupied cell is kept, so every
// pixel that had a point still has one. Both sides are clamped to [1, kMaxCellsPerSide].
inline constexpr std::size_t kMaxCellsPerSide = 4096;
std::vector<std::size_t> pixelCells(std::span<const double> x, std::span<const double> y, std::size_t columns, std::size_t rows);

} // namespace quire::preview
