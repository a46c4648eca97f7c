// Columns of sourced elements (spec §3.1; checklist item 14): a formula on every column, no self-reference.
#include "context.h"
#include "formula_refs.h"
#include "pointer.h"

namespace quire::validate {
namespace {
std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

void columnsOf(Context& ctx, const ElementRef& e, const Json* columns) {
    for (std::size_t i = 0; i < columns->size(); ++i) {
        const Json& column = (*columns)[i];
        if (!column.is_object()) continue;
        const Json* formula = Context::member(column, "formula");
        if (!formula) {
            ctx.report("column/missing-formula", child(child(e.pointer, "columns"), i),
                       "column '" + Context::str(column, "id") + "' of element '" + e.id +
                           "' has no `formula`; every column of a sourced element needs one");
            continue;
        }
        if (!formula->is_string()) continue;
        const std::string_view name = Context::sv(column, "name");
        if (name.empty()) continue;
        const std::string& text = formula->get_ref<const std::string&>();
        if (text.find('[') == std::string::npos) continue;
        // Over a warehouse table or custom SQL, a column whose whole formula is its own name ("Current Revenue"
        // = [Current Revenue]) passes the source column of that name through (Sigma's export writes such
        // columns); it is not a circular reference. `[Double] * 2` in "Double" still is.
        const Json* source = e.source;
        const std::string_view sourceKind = source && source->is_object() ? Context::sv(*source, "kind") : "";
        if ((sourceKind == "warehouse-table" || sourceKind == "sql") && trimmed(text) == "[" + std::string(name) + "]")
            continue;
        for (const auto& ref : scanFormulaRefs(text))
            if (!ref.qualified() && ref.name == name) {
                const std::string n(name);
                ctx.report("column/self-reference", child(child(child(e.pointer, "columns"), i), "formula"),
                           "column '" + n + "' refers to itself ([" + n + "]): a circular reference");
                break;
            }
    }
}

} // namespace

void checkColumns(Context& ctx) {
    for (const auto& e : ctx.elements) {
        if (e.kind == "input-table" || e.kind == "control" || !e.source) continue;
        if (const Json* columns = e.columns) ctx.unit(Unit::Columns, e, [&] { columnsOf(ctx, e, columns); });
    }
}

} // namespace quire::validate
