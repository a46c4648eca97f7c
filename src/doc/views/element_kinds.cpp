// Element kind classification (spec §3). One table: adding a kind is one line.
#include <quire/doc/views.h>

#include <array>

namespace quire::doc {
namespace {

struct KindInfo {
    std::string_view kind;
    KindCategory category;
};

constexpr std::array kKinds = {
    KindInfo{"table", KindCategory::Table},
    KindInfo{"pivot-table", KindCategory::Table},
    KindInfo{"input-table", KindCategory::Table},
    KindInfo{"bar-chart", KindCategory::Chart},
    KindInfo{"line-chart", KindCategory::Chart},
    KindInfo{"area-chart", KindCategory::Chart},
    KindInfo{"combo-chart", KindCategory::Chart},
    KindInfo{"scatter-chart", KindCategory::Chart},
    KindInfo{"donut-chart", KindCategory::Chart},
    KindInfo{"pie-chart", KindCategory::Chart},
    KindInfo{"kpi-chart", KindCategory::Chart},
    KindInfo{"waterfall-chart", KindCategory::Chart},
    KindInfo{"treemap-chart", KindCategory::Chart},
    KindInfo{"gauge-chart", KindCategory::Chart},
    KindInfo{"sankey-chart", KindCategory::Chart},
    KindInfo{"funnel-chart", KindCategory::Chart},
    KindInfo{"box-chart", KindCategory::Chart},
    KindInfo{"point-map", KindCategory::Map},
    KindInfo{"region-map", KindCategory::Map},
    KindInfo{"geography-map", KindCategory::Map},
    KindInfo{"control", KindCategory::Control},
    KindInfo{"text", KindCategory::Content},
    KindInfo{"image", KindCategory::Content},
    KindInfo{"divider", KindCategory::Content},
    KindInfo{"page-break", KindCategory::Content},
    KindInfo{"embed", KindCategory::Content},
    KindInfo{"button", KindCategory::Content},
    KindInfo{"form", KindCategory::Content},
    KindInfo{"progress", KindCategory::Content},
    KindInfo{"navigation", KindCategory::Content},
    KindInfo{"plugin", KindCategory::Content},
    KindInfo{"container", KindCategory::Container},
    KindInfo{"repeated-container", KindCategory::Container},
    KindInfo{"tabbed-container", KindCategory::Container},
    KindInfo{"single-row-container", KindCategory::Container},
    KindInfo{"chat", KindCategory::Content},
};

constexpr auto kKindNames = [] {
    std::array<std::string_view, kKinds.size()> names{};
    for (std::size_t i = 0; i < kKinds.size(); ++i) names[i] = kKinds[i].kind;
    return names;
}();

constexpr std::array<std::string_view, 17> kControlTypes = {
    "list",         "segmented", "legend",       "hierarchy", "date-range", "date",  "text",  "text-area", "number",
    "number-range", "slider",    "range-slider", "checkbox",  "switch",     "top-n", "drill", "synced"};

bool oneOf(std::string_view kind, std::initializer_list<std::string_view> kinds) {
    for (auto k : kinds)
        if (k == kind) return true;
    return false;
}

} // namespace

KindCategory classifyKind(std::string_view kind) {
    for (const auto& info : kKinds)
        if (info.kind == kind) return info.category;
    return KindCategory::Unknown;
}

std::string_view kindCategoryName(KindCategory category) {
    switch (category) {
    case KindCategory::Table: return "table";
    case KindCategory::Chart: return "chart";
    case KindCategory::Map: return "map";
    case KindCategory::Control: return "control";
    case KindCategory::Container: return "container";
    case KindCategory::Content: return "content";
    case KindCategory::Unknown: break;
    }
    return "unknown";
}

std::span<const std::string_view> knownElementKinds() { return kKindNames; }
std::span<const std::string_view> knownControlTypes() { return kControlTypes; }

bool isKnownKind(std::string_view kind) { return classifyKind(kind) != KindCategory::Unknown; }
bool isTableKind(std::string_view kind) { return classifyKind(kind) == KindCategory::Table; }
bool isChartKind(std::string_view kind) { return classifyKind(kind) == KindCategory::Chart; }
bool isMapKind(std::string_view kind) { return classifyKind(kind) == KindCategory::Map; }
bool isControlKind(std::string_view kind) { return classifyKind(kind) == KindCategory::Control; }
bool isContainerKind(std::string_view kind) { return classifyKind(kind) == KindCategory::Container; }
bool isContentKind(std::string_view kind) { return classifyKind(kind) == KindCategory::Content; }

bool isCartesianChartKind(std::string_view kind) {
    return oneOf(kind, {"bar-chart", "line-chart", "area-chart", "combo-chart", "scatter-chart", "waterfall-chart",
                        "box-chart"});
}

bool isCircularChartKind(std::string_view kind) { return kind == "donut-chart" || kind == "pie-chart"; }

bool isDataElementKind(std::string_view kind) {
    KindCategory c = classifyKind(kind);
    return c == KindCategory::Table || c == KindCategory::Chart || c == KindCategory::Map;
}

bool hasSourceKind(std::string_view kind) { return isDataElementKind(kind) || kind == "repeated-container"; }

bool supportsOnSelect(std::string_view kind) {
    KindCategory c = classifyKind(kind);
    if (kind == "input-table") return false;
    return c == KindCategory::Table || c == KindCategory::Map || (c == KindCategory::Chart && kind != "waterfall-chart");
}

} // namespace quire::doc
