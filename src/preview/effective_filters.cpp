#include <quire/preview/effective_filters.h>

namespace quire::preview {
namespace {

Json pick(const Json& from, std::initializer_list<const char*> keys) {
    Json out = Json::object();
    for (const char* key : keys)
        if (from.contains(key)) out[key] = from[key];
    return out;
}

std::optional<FilterSpec> dateSpec(const Json& fields, std::string_view today) {
    const auto window = resolveDateWindow(fields, today);
    if (!window || (!window->start && !window->end)) return std::nullopt;
    FilterSpec f;
    f.kind = "date-range";
    if (window->start) f.spec["start"] = *window->start;
    if (window->end) f.spec["end"] = *window->end;
    if (fields.contains("includeNulls")) f.spec["includeNulls"] = fields["includeNulls"];
    return f;
}

std::optional<FilterSpec> fromElementFilter(const Json& filter, std::string_view today) {
    const std::string kind = filter.value("kind", "");
    std::optional<FilterSpec> f;
    if (kind == "list") {
        f = FilterSpec{};
        f->kind = "list";
        f->spec = pick(filter, {"mode", "values", "includeNulls"});
        if (!f->spec.contains("mode")) f->spec["mode"] = "include";
        if (!f->spec.contains("values") || !f->spec["values"].is_array() || f->spec["values"].empty()) return std::nullopt;
    } else if (kind == "number-range") {
        if (!filter.contains("min") && !filter.contains("max")) return std::nullopt;
        f = FilterSpec{};
        f->kind = "range";
        if (filter.contains("min")) f->spec["low"] = filter["min"];
        if (filter.contains("max")) f->spec["high"] = filter["max"];
    } else if (kind == "date-range") {
        f = dateSpec(filter, today);
    } else if (kind == "text-match") {
        if (!filter.contains("value")) return std::nullopt;
        f = FilterSpec{};
        f->kind = "text-match";
        f->spec = pick(filter, {"mode", "value", "case", "includeNulls"});
    } else if (kind == "top-n") {
        f = FilterSpec{};
        f->kind = "top-n";
        f->spec = pick(filter, {"rankingFunction", "mode", "rowCount", "percentile"});
    } else if (kind == "hierarchy") {
        f = FilterSpec{};
        f->kind = "hierarchy";
        f->spec = pick(filter, {"mode", "values"});
    }
    return f;
}

std::optional<FilterSpec> fromControl(const ControlState& c, std::string_view today) {
    if (c.isCleared()) return std::nullopt;
    const Json& fields = c.fields;
    FilterSpec f;
    switch (c.kind) {
    case ControlKind::List: case ControlKind::Segmented: case ControlKind::Legend: {
        f.kind = "list";
        f.spec["mode"] = fields.value("mode", "include");
        f.spec["values"] = Json(c.selectedValues());
        if (fields.contains("includeNulls")) f.spec["includeNulls"] = fields["includeNulls"];
        return f;
    }
    case ControlKind::Hierarchy:
        f.kind = "hierarchy";
        f.spec = pick(fields, {"mode", "values"});
        return f;
    case ControlKind::DateRange:
        return dateSpec(fields, today);
    case ControlKind::Date: {
        // A date control compares against one (possibly relative) date.
        Json probe{{"mode", "on"}, {"date", fields["value"]}};
        const auto d = resolveDateWindow(probe, today);
        if (!d || !d->start) return std::nullopt;
        f.kind = "compare";
        f.spec = Json{{"op", fields.value("mode", "=")}, {"value", *d->start}};
        return f;
    }
    case ControlKind::Text: case ControlKind::TextArea:
        f.kind = "text-match";
        f.spec = pick(fields, {"mode", "value", "case", "includeNulls"});
        if (!f.spec.contains("mode")) f.spec["mode"] = "equals";
        return f;
    case ControlKind::Number: case ControlKind::Slider:
        f.kind = "compare";
        f.spec = Json{{"op", fields.value("mode", c.kind == ControlKind::Slider ? "<=" : "=")}, {"value", fields["value"]}};
        return f;
    case ControlKind::NumberRange: case ControlKind::RangeSlider: {
        const bool slider = c.kind == ControlKind::RangeSlider;
        f.kind = "range";
        if (fields.contains(slider ? "min" : "low")) f.spec["low"] = fields[slider ? "min" : "low"];
        if (fields.contains(slider ? "max" : "high")) f.spec["high"] = fields[slider ? "max" : "high"];
        return f;
    }
    case ControlKind::Checkbox: case ControlKind::Switch: {
        const bool value = fields["value"].is_boolean() && fields["value"].get<bool>();
        // "True/All": unchecked shows everything; "True/False": unchecked keeps the false rows.
        if (!value && fields.value("mode", "True/False") == "True/All") return std::nullopt;
        f.kind = "compare";
        f.spec = Json{{"op", "="}, {"value", value}};
        return f;
    }
    case ControlKind::TopN:
        f.kind = "top-n";
        f.spec = pick(fields, {"rankingFunction", "mode", "rowCount", "percentile"});
        return f;
    case ControlKind::Drill: case ControlKind::Synced: case ControlKind::Unknown:
        return std::nullopt; // drill changes grouping, not rows
    }
    return std::nullopt;
}

} // namespace

std::vector<FilterSpec> effectiveFilters(const PreviewSession& session, std::string_view elementId,
                                         std::string_view todayIso) {
    std::vector<FilterSpec> out;
    const Json* element = session.element(elementId);
    if (!element) return out;
    if (element->contains("filters") && (*element)["filters"].is_array())
        for (const auto& filter : (*element)["filters"]) {
            if (!filter.is_object() || filter.value("state", "enabled") == "disabled") continue;
            if (auto f = fromElementFilter(filter, todayIso)) {
                f->columnId = filter.value("columnId", "");
                f->origin = "filter:" + filter.value("id", "");
                out.push_back(std::move(*f));
            }
        }
    for (const auto& controlId : session.controlIds()) {
        const ControlState* c = session.control(controlId);
        const Json* el = session.element(c->elementId);
        if (!el || !el->contains("filters") || !(*el)["filters"].is_array()) continue;
        for (const auto& target : (*el)["filters"]) {
            if (!target.is_object() || !target.contains("source") || !target["source"].is_object() ||
                target["source"].value("elementId", "") != elementId)
                continue;
            if (auto f = fromControl(*c, todayIso)) {
                f->columnId = target.value("columnId", "");
                f->origin = "control:" + controlId;
                out.push_back(std::move(*f));
            }
        }
    }
    return out;
}

} // namespace quire::preview
