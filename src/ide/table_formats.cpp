#include "table_formats.h"

#include "preview_painter.h"

#include <algorithm>

namespace quire::ide {

namespace {

QColor colourOf(const Json& holder, const char* key) {
    if (!holder.is_object() || !holder.contains(key) || !holder[key].is_string()) return {};
    return QColor(QString::fromStdString(holder[key].get<std::string>()));
}

std::optional<double> numberOf(const Json& v) {
    if (v.is_number()) return v.get<double>();
    if (v.is_string()) { // GET may stringify the value
        bool ok = false;
        const double d = QString::fromStdString(v.get<std::string>()).toDouble(&ok);
        if (ok) return d;
    }
    return std::nullopt;
}

QString textOf(const Json& v) { return v.is_string() ? QString::fromStdString(v.get<std::string>()) : QString::fromStdString(v.dump()); }

bool matches(const std::string& condition, const Json& operand, const QVariant& value) {
    if (condition == "IsNull") return value.isNull();
    if (condition == "IsNotNull") return !value.isNull();
    if (value.isNull()) return false;
    if (condition == "Between" || condition == "NotBetween") {
        std::optional<double> lo, hi;
        if (operand.is_array() && operand.size() == 2) lo = numberOf(operand[0]), hi = numberOf(operand[1]);
        if (operand.is_object()) lo = numberOf(operand.value("min", Json())), hi = numberOf(operand.value("max", Json()));
        if (!lo || !hi || !isNumericVariant(value)) return false;
        const bool inside = value.toDouble() >= *lo && value.toDouble() <= *hi;
        return condition == "Between" ? inside : !inside;
    }
    const QString text = value.toString(), wanted = textOf(operand);
    if (condition == "Contains") return text.contains(wanted, Qt::CaseInsensitive);
    if (condition == "NotContains") return !text.contains(wanted, Qt::CaseInsensitive);
    if (condition == "StartsWith") return text.startsWith(wanted, Qt::CaseInsensitive);
    if (condition == "EndsWith") return text.endsWith(wanted, Qt::CaseInsensitive);
    const auto number = numberOf(operand);
    int order = 0; // value compared with the operand
    if (number && isNumericVariant(value)) order = value.toDouble() < *number ? -1 : value.toDouble() > *number ? 1 : 0;
    else order = QString::compare(text, wanted);
    if (condition == "=") return order == 0;
    if (condition == "!=") return order != 0;
    if (condition == ">") return order > 0;
    if (condition == ">=") return order >= 0;
    if (condition == "<") return order < 0;
    if (condition == "<=") return order <= 0;
    return false; // `formula` conditions and unknown ones are not drawn
}

} // namespace

TableFormats::TableFormats(const Json& element, const PreviewData& data, const std::function<bool(std::size_t)>& include) {
    const Json formats = element.is_object() ? element.value("conditionalFormats", Json::array()) : Json::array();
    if (!formats.is_array()) return;
    for (const auto& f : formats) {
        if (!f.is_object()) continue;
        Rule rule{f.value("type", ""), f.value("condition", ""), f.value("value", Json()), f.value("style", Json::object()), {}, {}, {}, f.value("valueLabels", Json()) == "hidden"};
        for (const auto& c : f.value("scheme", Json::array()))
            if (c.is_string() && QColor(QString::fromStdString(c.get<std::string>())).isValid()) rule.scheme.emplace_back(QString::fromStdString(c.get<std::string>()));
        if (rule.scheme.empty()) {
            if (rule.type == "dataBars") rule.scheme = {QColor("#60a5fa")};
            else if (rule.type == "fontScale") rule.scheme = {QColor("#93c5fd"), QColor("#1e3a8a")};
            else rule.scheme = {QColor("#eff6ff"), QColor("#1d4ed8")};
        }
        const Json domain = f.value("domain", Json::object());
        if (domain.is_object()) rule.min = numberOf(domain.value("min", Json())), rule.max = numberOf(domain.value("max", Json()));
        for (const auto& id : f.value("columnIds", Json::array()))
            if (id.is_string()) rules_[QString::fromStdString(id.get<std::string>())].push_back(rule);
    }
    for (const auto& [id, rules] : rules_) {
        const int c = data.columnIndex(id);
        double lo = 1e300, hi = -1e300;
        for (std::size_t r = 0; c >= 0 && r < data.rows.size(); ++r) {
            if (include && !include(r)) continue;
            const QVariant v = cell(data, r, c);
            if (isNumericVariant(v)) lo = std::min(lo, v.toDouble()), hi = std::max(hi, v.toDouble());
        }
        if (hi >= lo) range_[id] = {lo, hi};
    }
}

CellStyle TableFormats::style(const QString& columnId, const QVariant& value) const {
    CellStyle s;
    const auto it = rules_.find(columnId);
    if (it == rules_.end()) return s;
    const auto range = range_.find(columnId);
    for (const auto& rule : it->second) {
        if (rule.type == "single") {
            if (!matches(rule.condition, rule.value, value)) continue;
            if (QColor c = colourOf(rule.style, "backgroundColor"); c.isValid()) s.background = c;
            if (QColor c = colourOf(rule.style, "color"); c.isValid()) s.text = c;
            s.bold = s.bold || rule.style.value("bold", false) == true;
            s.italic = s.italic || rule.style.value("italic", false) == true;
            s.underline = s.underline || rule.style.value("underline", false) == true;
            continue;
        }
        if (!isNumericVariant(value) || range == range_.end()) continue;
        const double v = value.toDouble();
        if (rule.type == "dataBars") { // bars start at zero (or the domain's min when it is above zero)
            const double lo = rule.min.value_or(std::min(0.0, range->second.first)), hi = rule.max.value_or(std::max(0.0, range->second.second));
            s.bar = hi > lo ? std::clamp((v - lo) / (hi - lo), 0.0, 1.0) : 1.0;
            s.barColour = rule.scheme.front();
            s.hideValue = rule.hideLabels;
            continue;
        }
        const double lo = rule.min.value_or(range->second.first), hi = rule.max.value_or(range->second.second);
        const QColor c = scaleColour(rule.scheme, hi > lo ? (v - lo) / (hi - lo) : 1.0);
        if (rule.type == "backgroundScale") s.background = c;
        if (rule.type == "fontScale") s.text = c;
    }
    return s;
}

TableLook tableLook(const Json& element) {
    TableLook look;
    const Json style = element.is_object() ? element.value("tableStyle", Json::object()) : Json::object();
    if (!style.is_object()) return look;
    const std::string preset = style.value("preset", "");
    if (preset == "spreadsheet") look.verticalLines = look.horizontalLines = true, look.banding = false, look.rowHeight = 18;
    if (preset == "presentation") look.rowHeight = 24;
    const std::string spacing = style.value("cellSpacing", "");
    if (spacing == "extra-small") look.rowHeight = 16;
    if (spacing == "small") look.rowHeight = 18;
    if (spacing == "medium") look.rowHeight = 22;
    if (spacing == "large") look.rowHeight = 28;
    const std::string grid = style.value("gridLines", "");
    if (!grid.empty()) {
        look.verticalLines = grid == "vertical" || grid == "all";
        look.horizontalLines = grid == "horizontal" || grid == "all";
    }
    if (style.value("banding", "") == "hidden") look.banding = false;
    if (style.value("banding", "") == "shown") look.banding = true;
    if (QColor c = colourOf(style, "bandingColor"); c.isValid()) look.bandingColor = c, look.banding = style.value("banding", "shown") != "hidden";
    if (QColor c = colourOf(style, "headerDividerColor"); c.isValid()) look.headerDivider = c;
    return look;
}

} // namespace quire::ide
