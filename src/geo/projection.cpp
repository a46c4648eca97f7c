#include <quire/geo/projection.h>

#include <algorithm>
#include <cmath>

namespace quire::geo {
namespace {

constexpr double kDegree = 3.14159265358979323846 / 180;

bool inside(const Bounds& b, LonLat p) { return !b.empty() && p.lon >= b.west && p.lon <= b.east && p.lat >= b.south && p.lat <= b.north; }

Bounds box(double west, double south, double east, double north) {
    Bounds b;
    b.add(LonLat{west, south});
    b.add(LonLat{east, north});
    return b;
}

} // namespace

MapProjection MapProjection::fitted(Bounds view) {
    if (view.empty()) return world();
    // An 8% margin, at least half a degree, so edge shapes are not cut and a single point gets a plane.
    const double padLon = std::max(0.5, (view.east - view.west) * 0.08);
    const double padLat = std::max(0.5, (view.north - view.south) * 0.08);
    view.west -= padLon, view.east += padLon;
    view.south = std::max(-90.0, view.south - padLat), view.north = std::min(90.0, view.north + padLat);
    MapProjection m;
    Part main;
    main.west = view.west, main.north = view.north;
    const double middle = std::clamp((view.south + view.north) / 2, -80.0, 80.0);
    main.xScale = std::cos(middle * kDegree);
    m.parts_.push_back(main);
    m.size_ = {(view.east - view.west) * main.xScale, view.north - view.south};
    return m;
}

MapProjection MapProjection::world(bool withAntarctica) {
    MapProjection m;
    Part main;
    main.west = -180, main.north = 84;
    main.clampLongitude = true; // a few shapes (Chukotka) run past 180E
    m.parts_.push_back(main);
    m.size_ = {360, 84 - (withAntarctica ? -90.0 : -60.0)};
    return m;
}

MapProjection MapProjection::usStates() {
    MapProjection m;
    const double height = 27; // the lower 48 span 24.4N..49.4N; the insets sit in the space under the south-west
    Part alaska; // 51N..71.5N, 172E (stored as -188)..130W at 0.3 of the scale
    alaska.covers = box(-200, 50, -129, 75);
    alaska.west = -190, alaska.north = 72;
    alaska.yScale = 0.3, alaska.xScale = 0.3 * std::cos(61 * kDegree);
    alaska.x0 = 0.3, alaska.y0 = height - 6.6;
    Part hawaii; // 18.9N..22.3N, 160.3W..154.8W at 0.9 of the scale
    hawaii.covers = box(-162, 15, -150, 30);
    hawaii.west = -160.6, hawaii.north = 22.6;
    hawaii.yScale = 0.9, hawaii.xScale = 0.9 * std::cos(20.5 * kDegree);
    hawaii.x0 = 9.3, hawaii.y0 = height - 3.8;
    Part main; // 125W..66.9W, 49.5N..24.4N
    main.west = -125, main.north = 49.6;
    main.xScale = std::cos(38 * kDegree);
    m.parts_ = {alaska, hawaii, main};
    m.insetFrames_ = {{0.1, height - 6.8, 9.0, 6.7}, {9.1, height - 4.0, 5.3, 3.9}};
    m.size_ = {(125 - 66.8) * main.xScale, height};
    return m;
}

PlanePoint MapProjection::project(LonLat p) const {
    const Part* part = &parts_.back();
    for (std::size_t i = 0; i + 1 < parts_.size(); ++i)
        if (inside(parts_[i].covers, p)) {
            part = &parts_[i];
            break;
        }
    const double lon = part->clampLongitude ? std::clamp(p.lon, -180.0, 180.0) : p.lon;
    return {part->x0 + (lon - part->west) * part->xScale, part->y0 + (part->north - p.lat) * part->yScale};
}

} // namespace quire::geo
