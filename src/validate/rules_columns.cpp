// Columns of sourced elements (spec §3.1; checklist item 14): a formula on every column, no self-reference.
#include "context.h"
#include "formula_refs.h"
#include "pointer.h"

namespace quire::validate {

void checkColumns(Context& ctx) {
    for (const auto& e : ctx.elements) {
        if (e.kind == "input-table" || e.kind == "control" || !Context::member(*e.json, "source")) continue;
        const Json* columns = Context::array(*e.json, "columns");
        if (!columns) continue;
        for (std::size_t i = 0; i < columns->size(); ++i) {
            const Json& column = (*columns)[i];
            if (!column.is_object()) continue;
            const std::string p = child(child(e.pointer, "columns"), i);
            const std::string id = Context::str(column, "id");
            const Json* formula = Context::member(column, "formula");
            if (!formula) {
                ctx.report("column/missing-formula", p,
                           "column '" + id + "' of element '" + e.id + "' has no `formula`; every column of a sourced "
                           "element needs one");
                continue;
            }
            if (!formula->is_string()) continue;
            const std::string name = Context::str(column, "name");
            if (name.empty()) continue;
            for (const auto& ref : scanFormulaRefs(formula->get_ref<const std::string&>()))
                if (!ref.qualified() && ref.name == name) {
                    ctx.report("column/self-reference", child(p, "formula"),
                               "column '" + name + "' refers to itself ([" + name + "]): a circular reference");
                    break;
                }
        }
    }
}

} // namespace quire::validate
