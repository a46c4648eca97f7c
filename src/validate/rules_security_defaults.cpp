// A control's default value computed from who is viewing (a CurrentUser*() formula) looks like row-level
// security but is not: every viewer can change a control's value and see the rows of anyone else
// (docs/governance.md). Reported at the default. Value fields are the control's flat value fields (spec §3.6)
// holding a formula — `{type: formula, formula}` as value sources spell it, or `{formula}`.
#include "context.h"
#include "pointer.h"

#include <quire/formula/parser.h>

namespace quire::validate {
namespace {

constexpr int kMaxDefaultDepth = 16; // nesting of a value field walked for formulas (lists, ranges)
constexpr const char* kValueFields[] = {"value", "values", "startDate", "endDate", "date", "low", "high", "min", "max", "defaultValue"};

// The first CurrentUser*() the formula calls, "" when none.
std::string currentUserCall(const formula::Node& n) {
    if (n.kind == formula::NodeKind::Call && n.name.rfind("CurrentUser", 0) == 0) return n.name;
    for (const auto& c : n.children) // the parser bounds the tree's height
        if (std::string found = currentUserCall(*c); !found.empty()) return found;
    return {};
}

void findPersonaFormulas(Context& ctx, const ElementRef& control, const Json& value, const std::string& pointer, int depth) {
    if (depth > kMaxDefaultDepth) return;
    if (value.is_object()) {
        if (const Json* f = Context::member(value, "formula"); f && f->is_string()) {
            const auto parsed = formula::parseFormula(f->get<std::string>());
            if (parsed.root)
                if (const std::string call = currentUserCall(*parsed.root); !call.empty())
                    ctx.report("security/persona-default", child(pointer, "formula"),
                               "control '" + control.id + "' defaults to a value computed from " + call +
                                   "(): any viewer can change a control, so it does not keep anyone from other users' rows; "
                                   "filter on a CurrentUser*() column (or use warehouse row-level security) instead");
            return;
        }
        for (const auto& [key, child_] : value.items()) findPersonaFormulas(ctx, control, child_, child(pointer, key), depth + 1);
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i) findPersonaFormulas(ctx, control, value[i], child(pointer, i), depth + 1);
    }
}

} // namespace

void checkPersonaDefaults(Context& ctx) {
    for (const ElementRef& control : ctx.elements) {
        if (control.kind != "control") continue;
        for (const char* field : kValueFields)
            if (const Json* value = Context::member(*control.json, field))
                findPersonaFormulas(ctx, control, *value, child(control.pointer, field), 0);
    }
}

} // namespace quire::validate
