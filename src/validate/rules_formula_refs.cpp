// Shallow formula reference check (spec §3.2 prefixes, §10.1; checklist items 10 and 15): every [Ref] and
// [Prefix/Ref] resolves to a column of the source element, a sibling column or a control id. Also hands
// each formula to the pluggable full checker (ValidationOptions::formulaChecker).
#include "context.h"
#include "formula_refs.h"
#include "pointer.h"

#include <algorithm>
#include <cctype>
#include <unordered_set>

namespace quire::validate {
namespace {

bool specialNamespace(const std::string& prefix) {
    static const std::unordered_set<std::string> names{"Custom SQL", "Metrics", "Selection"};
    const std::string suffix = " repeated container";
    return names.count(prefix) ||
           (prefix.size() > suffix.size() && prefix.compare(prefix.size() - suffix.size(), suffix.size(), suffix) == 0);
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

std::unordered_set<std::string> columnNames(const Json& element) {
    std::unordered_set<std::string> names;
    if (const Json* columns = Context::array(element, "columns"))
        for (const auto& c : *columns)
            if (std::string_view n = Context::sv(c, "name"); !n.empty()) names.emplace(n);
    return names;
}

struct ElementCheck {
    Context& ctx;
    const ElementRef& e;
    std::string sourceKind;
    std::string prefix;                       // the expected prefix ("" when unknown)
    const Json* sourceElement = nullptr;      // table source: the upstream element
    std::unordered_set<std::string> siblings; // names of this element's columns
    std::unordered_set<std::string> upstream; // names of the source element's columns
    std::unordered_set<std::string> qualifiedTails; // column part of siblings' qualified refs

    void init() {
        const Json& source = *e.source;
        sourceKind = Context::str(source, "kind");
        if (sourceKind == "table") {
            if (const ElementRef* up = ctx.element(Context::str(source, "elementId"))) {
                sourceElement = up->json;
                prefix = up->name;
                upstream = columnNames(*up->json);
            }
        } else if (sourceKind == "warehouse-table") {
            if (const Json* path = Context::array(source, "path"); path && !path->empty() && path->back().is_string())
                prefix = path->back().get<std::string>();
        }
        siblings = columnNames(*e.json);
        if (const Json* columns = e.columns)
            for (const auto& c : *columns)
                if (const Json* f = Context::member(c, "formula"); f && f->is_string())
                    for (const auto& ref : scanFormulaRefs(f->get_ref<const std::string&>()))
                        if (ref.qualified()) qualifiedTails.insert(ref.name);
    }

    template <typename PointerFn>
    void formula(const std::string& text, const PointerFn& pointer, std::string_view ownName) {
        if (text.find('[') == std::string::npos) return;
        for (const auto& ref : scanFormulaRefs(text)) {
            if (ref.qualified()) qualifiedRef(ref, pointer);
            else if (ref.name != ownName) bareRef(ref, pointer);
        }
    }

    template <typename PointerFn>
    void qualifiedRef(const FormulaRef& ref, const PointerFn& pointer) {
        if (specialNamespace(ref.prefix)) return;
        if (sourceKind == "table") {
            if (!sourceElement) return; // the unknown source is reported by source/unknown-element
            if (ref.prefix != prefix) {
                ctx.report("formula/unknown-prefix", pointer(),
                           "[" + ref.prefix + "/" + ref.name + "]: element '" + e.id + "' is sourced from '" + prefix +
                               "', so its source columns are written [" + prefix + "/<column>]");
                return;
            }
            if (!upstream.empty() && !upstream.count(ref.name))
                ctx.report("formula/unknown-column", pointer(),
                           "[" + ref.prefix + "/" + ref.name + "]: the source element '" + prefix + "' has no column named '" +
                               ref.name + "'");
        } else if (sourceKind == "warehouse-table") {
            if (!prefix.empty() && !equalsIgnoreCase(ref.prefix, prefix))
                ctx.report("formula/unknown-prefix", pointer(),
                           "[" + ref.prefix + "/" + ref.name + "]: warehouse columns of element '" + e.id +
                               "' are written with the table name, [" + prefix + "/<COLUMN>]");
        }
        // join, union, sql, data-model and other sources: prefixes depend on leg names; left to the full checker.
    }

    template <typename PointerFn>
    void bareRef(const FormulaRef& ref, const PointerFn& pointer) {
        if (siblings.count(ref.name) || ctx.hasControl(ref.name)) return;
        if (sourceKind == "warehouse-table") return; // a bare warehouse column name also resolves
        if (upstream.count(ref.name) || qualifiedTails.count(ref.name)) return;
        if (sourceKind == "table" && !sourceElement) return;
        if (sourceKind == "table" && upstream.empty()) return; // upstream columns are not declared
        ctx.report("formula/unknown-column", pointer(),
                   "[" + ref.name + "] matches no column of element '" + e.id + "', of its source, and no control id");
    }
};

} // namespace

void checkFormulaRefs(Context& ctx) {
    const FormulaChecker checker = ctx.options.formulaChecker ? ctx.options.formulaChecker
                                   : ctx.options.fullFormulaCheck ? fullFormulaChecker()
                                                                  : FormulaChecker();
    for (const auto& e : ctx.elements) {
        if (e.kind == "control" || !e.source) continue;
        const Json* columns = e.columns;
        if (!columns) continue;
        ctx.unit(Unit::FormulaRefs, e, [&] {
            ElementCheck check{ctx, e, {}, {}, nullptr, {}, {}, {}};
            if (ctx.options.shallowFormulaCheck) check.init();
            const std::string columnsPointer = child(e.pointer, "columns");
            for (std::size_t i = 0; i < columns->size(); ++i) {
                const Json& column = (*columns)[i];
                const Json* f = Context::member(column, "formula");
                if (!f || !f->is_string()) continue;
                auto pointer = [&] { return child(child(columnsPointer, i), "formula"); };
                if (ctx.options.shallowFormulaCheck) check.formula(f->get_ref<const std::string&>(), pointer, Context::sv(column, "name"));
                if (checker) {
                    const std::string p = pointer();
                    FormulaSite site{e.json, &column, f->get<std::string>(), p};
                    for (auto d : checker(ctx.document, site)) {
                        if (d.pointer.empty()) d.pointer = p;
                        if (d.location.line == 0) d.location = ctx.document.locate(d.pointer);
                        ctx.emit(std::move(d));
                    }
                }
            }
        });
    }
}

} // namespace quire::validate
