#pragma once
// Conditional formats and table styles of tables and pivots (spec §3.3): `conditionalFormats` — `single`
// rules (a condition on the cell's value: = != > >= < <= IsNull IsNotNull Contains NotContains StartsWith
// EndsWith Between NotBetween; style backgroundColor, color, bold, italic, underline), `backgroundScale` and
// `fontScale` (colour along `scheme` over `domain` or the column's range), `dataBars` (a bar as long as the
// value's share of the range, `valueLabels: hidden` drops the number) — and `tableStyle` (banding,
// bandingColor, gridLines, headerDividerColor, cellSpacing, preset). `formula` conditions are kept, not drawn.
#include "chart_support.h"

#include <functional>
#include <map>
#include <optional>

namespace quire::ide {

struct CellStyle {
    std::optional<QColor> background, text;
    bool bold = false, italic = false, underline = false;
    std::optional<double> bar; // data bar: share of the cell's width in [0, 1]
    QColor barColour;
    bool hideValue = false;
};

class TableFormats {
public:
    // Ranges of the scaled columns come from the rows `include` accepts (all when empty).
    TableFormats(const Json& element, const PreviewData& data, const std::function<bool(std::size_t)>& include = {});
    CellStyle style(const QString& columnId, const QVariant& value) const;
    bool empty() const { return rules_.empty(); }

private:
    struct Rule {
        std::string type, condition;
        Json value, style;
        std::vector<QColor> scheme;
        std::optional<double> min, max;
        bool hideLabels = false; // dataBars valueLabels: hidden
    };
    std::map<QString, std::vector<Rule>> rules_;        // by column id, in document order
    std::map<QString, std::pair<double, double>> range_; // data range per column
};

struct TableLook {
    bool banding = true;
    QColor bandingColor{"#f8fafc"};
    bool verticalLines = false, horizontalLines = false;
    QColor gridColour{"#e2e8f0"};
    QColor headerDivider{"#cbd5e1"};
    int rowHeight = 20;
};
TableLook tableLook(const Json& element);

} // namespace quire::ide
