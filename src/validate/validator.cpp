// validate(): schema check, then the semantic rule families, then a stable sort by location.
#include <quire/validate/schema.h>
#include <quire/validate/validator.h>

#include <algorithm>
#include <tuple>

#include "context.h"

namespace quire::validate {

void runSemanticRules(const doc::Document& document, const ValidationOptions& options, std::vector<Diagnostic>& out,
                      UnitHooks* hooks) {
    Context ctx(document, options, out, hooks);
    checkContents(ctx);
        if (ctx.contents) {
            checkIds(ctx);
            checkLayout(ctx);
            checkSources(ctx);
            checkColumns(ctx);
            checkFormulaRefs(ctx);
            checkCharts(ctx);
            checkChartOptions(ctx);
            checkMaps(ctx);
            checkTables(ctx);
            checkControls(ctx);
            checkActions(ctx);
            checkStyle(ctx);
            checkSecurity(ctx);
            checkHiddenPageNavigation(ctx);
            checkPersonaDefaults(ctx);
        }
}

std::vector<Diagnostic> validate(const doc::Document& document, const ValidationOptions& options) {
    std::vector<Diagnostic> out;
    if (options.schema) out = checkSchema(document, options.schemaPath);
    if (options.semantic) runSemanticRules(document, options, out, nullptr);
    std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.location.line, a.location.column, a.rule) < std::tie(b.location.line, b.location.column, b.rule);
    });
    return out;
}

} // namespace quire::validate
