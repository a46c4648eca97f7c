#pragma once
// What the palette offers and the JSON each entry creates: valid Sigma elements with the fields each kind
// requires, wired to a source element of the workbook when the kind needs data.
#include "document_model.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace quire::ide {

struct PaletteEntry {
    QString key;       // unique palette key, e.g. "bar-chart", "control:date-range", "overlay:modal"
    QString label;     // what the palette shows
    QString category;  // Data, Charts, Controls, Content, Layout, Overlays
    int columns;       // default width in grid columns
    int rows;          // default height in grid rows
};

const std::vector<PaletteEntry>& paletteEntries();
const PaletteEntry* findPaletteEntry(const QString& key);

// Builds the element for a palette key. The source for data kinds is the element `sourceId` (its columns
// feed the new element's columns) or, when empty, the first table element of the workbook.
Json makeElementFromTemplate(const DocumentModel& model, const QString& key, const std::string& id,
                             const std::string& sourceId = {});

// The id stem for new elements of a palette key ("bar-chart" -> "bar-chart", "control:list" -> "list-control").
std::string idStemFor(const QString& key);

// Short label for a kind ("bar-chart" -> "Bar chart").
QString kindLabel(const std::string& kind, const std::string& controlType = {});

} // namespace quire::ide
