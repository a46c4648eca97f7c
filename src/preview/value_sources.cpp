// Value sources of set-control-value and input-table row effects (spec §5), and the reference context that
// formulas inside actions see.
#include <quire/preview/action_engine.h>

#include <algorithm>

namespace quire::preview {
namespace {

std::optional<Json> columnOfRow(const Json& row, std::string_view column) {
    if (!row.is_object()) return std::nullopt;
    const std::string key(column);
    if (row.contains(key)) return row[key];
    return std::nullopt;
}

// Values of one column across the selected rows: nullopt when no row has the column.
std::optional<std::vector<Json>> selectedColumn(const Selection& selection, std::string_view column) {
    std::vector<Json> out;
    bool found = false;
    for (const auto& row : selection.rows) {
        if (auto v = columnOfRow(row, column)) {
            out.push_back(*v);
            found = true;
        }
    }
    if (!found) return std::nullopt;
    return out;
}

Json collapse(const std::vector<Json>& values) {
    if (values.size() == 1) return values.front();
    return Json(values);
}

bool less(const Json& a, const Json& b) {
    if (a.is_number() && b.is_number()) return a.get<double>() < b.get<double>();
    if (a.is_string() && b.is_string()) return a.get_ref<const std::string&>() < b.get_ref<const std::string&>();
    return false;
}

} // namespace

EvalContext ActionEngine::contextFor(const TriggerEvent& event, const Json* row) const {
    EvalContext context;
    context.resolve = [this, &event, row](std::string_view ref) -> std::optional<Json> {
        if (ref.substr(0, 10) == "Selection/") {
            // [Selection/Col] binds only inside on-select actions; elsewhere it is silently nothing (null).
            if (event.trigger != "on-select" || !event.selection) return Json(nullptr);
            auto values = selectedColumn(*event.selection, ref.substr(10));
            if (!values) return std::nullopt;
            return collapse(*values);
        }
        if (const ControlState* state = session_.control(ref)) return state->formulaValue();
        if (row) return columnOfRow(*row, ref);
        return std::nullopt;
    };
    return context;
}

EvalResult ActionEngine::evaluate(std::string_view formula, const EvalContext& context) const {
    if (evaluator_)
        if (auto result = evaluator_(formula, context)) return *result;
    return evaluateSimpleFormula(formula, context);
}

Expected<Json> ActionEngine::resolveValueSource(const Json& source, const TriggerEvent& event) const {
    auto failure = [](std::string message) { return makeDiagnostic("preview/value-source", std::move(message)); };
    if (!source.is_object() || !source.contains("type")) return source; // a literal value
    const std::string type = source.value("type", "");
    if (type == "constant") {
        if (!source.contains("value")) {
            return failure("constant value source has no value");
        }
        const Json& typed = source["value"];
        if (typed.is_object() && typed.contains("type")) {
            const std::string valueType = typed.value("type", "");
            const Json v = typed.value("value", Json(nullptr));
            if (valueType.size() > 5 && valueType.substr(valueType.size() - 5) == "-list")
                return v.is_array() ? v : Json::array({v});
            if (valueType == "number-range" || valueType == "date-range") {
                if (v.is_array() && v.size() == 2) return Json{{"low", v[0]}, {"high", v[1]}};
                if (v.is_object())
                    return Json{{"low", v.value("low", v.value("min", v.value("start", Json(nullptr))))},
                                {"high", v.value("high", v.value("max", v.value("end", Json(nullptr))))}};
                return failure(valueType + " constant needs [low, high] or {low, high}");
            }
            return v;
        }
        return typed;
    }
    if (type == "control") {
        const std::string id = source.value("control", "");
        const ControlState* state = session_.control(id);
        if (!state) {
            return failure("value source names unknown control '" + id + "'");
        }
        return state->formulaValue();
    }
    if (type == "formula" || type == "formula-range") {
        auto one = [&](const char* key) -> Expected<Json> {
            const std::string formula = source.value(key, "");
            const EvalResult r = evaluate(formula, contextFor(event));
            if (!r.value) return failure("formula '" + formula + "': " + r.error);
            return *r.value;
        };
        if (type == "formula") return one("formula");
        auto low = one("low");
        if (!low) return low;
        auto high = one("high");
        if (!high) return high;
        return Json{{"low", *low}, {"high", *high}};
    }
    if (type == "column" || type == "column-range") {
        if (event.trigger != "on-select" || !event.selection) {
            return failure(type + " value source is only available in on-select actions");
        }
        const std::string column = source.value("column", source.value("columnId", ""));
        auto values = selectedColumn(*event.selection, column);
        if (!values) {
            return failure("selection has no column '" + column + "'");
        }
        if (type == "column") return collapse(*values);
        std::vector<Json> present;
        for (const auto& v : *values)
            if (!v.is_null()) present.push_back(v);
        if (present.empty()) return Json{{"low", nullptr}, {"high", nullptr}};
        const auto [mn, mx] = std::minmax_element(present.begin(), present.end(), less);
        return Json{{"low", *mn}, {"high", *mx}};
    }
    if (type == "agent-input") {
        return failure("agent-input value sources exist only in agent tools");
    }
    return failure("unknown value source type '" + type + "'");
}

} // namespace quire::preview
