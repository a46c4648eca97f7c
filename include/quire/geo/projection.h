#pragma once
// Longitude/latitude to a flat map plane (x east, y south, in degree-sized units) for the map previews.
#include <quire/geo/shapes.h>

namespace quire::geo {

struct PlanePoint {
    double x = 0, y = 0;
};

// The extent of a projected map: [0, width] x [0, height].
struct PlaneSize {
    double width = 0, height = 0;
};

class MapProjection {
public:
    // Equirectangular over `view`, longitudes scaled by the cosine of its middle latitude so shapes keep
    // their proportions there, with an 8% margin (at least half a degree); an empty view gives world().
    static MapProjection fitted(Bounds view);
    // The whole world, plate carree, 180W..180E (longitudes beyond are clamped to the edge); from 60S
    // (Antarctica left out) or 90S to 84N.
    static MapProjection world(bool withAntarctica = false);
    // The 48 contiguous states and DC (equirectangular at 38N), with Alaska (0.3 of its size) and
    // Hawaii drawn as insets under the south-west, the usual US state map layout. A point is placed in the
    // inset whose area it lies in (Alaska: north of 50N and west of 129W; Hawaii: 15N..30N, west of 150W).
    static MapProjection usStates();

    PlanePoint project(LonLat p) const;
    PlaneSize size() const { return size_; }
    // The rectangles of the insets (for a thin frame around each); empty when none.
    struct Inset {
        double x = 0, y = 0, width = 0, height = 0;
    };
    const std::vector<Inset>& insets() const { return insetFrames_; }

private:
    struct Part {
        Bounds covers;                    // lon/lat area that goes to this part (empty = everything else)
        double west = 0, north = 0;       // the part's origin
        double xScale = 1, yScale = 1;    // plane units per degree
        double x0 = 0, y0 = 0;            // where the origin lands
        bool clampLongitude = false;      // longitudes past 180W/180E are drawn on the edge
    };
    std::vector<Part> parts_; // insets first, the main part last
    std::vector<Inset> insetFrames_;
    PlaneSize size_;
};

} // namespace quire::geo
