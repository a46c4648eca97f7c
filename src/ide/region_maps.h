#pragma once
// Map previews drawn from shapes (quire_geo): a region-map fills the bundled country or US state outlines by
// its colour-by value, with a legend and a note counting values that matched no region; a geography-map draws
// the WKT/GeoJSON geometry of its geography column over light country outlines. Region types Quire ships no
// shapes for fall back to paintMap's labelled bubbles.
// Marks: "region" (a region with data; text = its name, value = its value), "region-empty" (drawn grey),
// "legend", "unmatched" (the note; value = how many values matched no region), "unreadable" (geography values
// that did not parse; value = how many).
#include "chart_support.h"

#include <QRect>

class QPainter;

namespace quire::ide {

void paintRegionMap(QPainter& p, const QRect& area, const Json& element, const PreviewData& data, ChartHits& hits, ChartMarks& marks);
void paintGeographyMap(QPainter& p, const QRect& area, const Json& element, const PreviewData& data, ChartHits& hits,
                       ChartMarks& marks);

// The fill of a region or geography without data (and of the basemap under a geography map).
QColor noDataGrey();

} // namespace quire::ide
