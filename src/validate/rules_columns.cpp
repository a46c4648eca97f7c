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
            for (const auto& ref : scanFormulaRefs(text))
                if (!ref.qualified() && ref.name == name) {
                    const std::string n(name);
                    ctx.report("column/self-reference", child(child(child(e.pointer, "columns"), i), "formula"),
                               "column '" + n + "' refers to itself ([" + n + "]): a circular reference");
                    break;
                }
        }
    }
}

} // namespace quire::validate
