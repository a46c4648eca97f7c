// The full formula check the validator runs on every column formula by default: Quire's formula parser and
// type checker (quire_formula). Reference resolution stays with the validator's own rule
// (formula/unknown-column, which knows sources, warehouse prefixes and controls), so every reference a
// formula makes is registered here and this check adds syntax, unknown functions, arity, argument types
// and aggregate misuse.
#include <quire/validate/validator.h>

#include <quire/formula/checker.h>
#include <quire/formula/parser.h>

#include <memory>
#include <mutex>
#include <set>

namespace quire::validate {
namespace {

// Registers the formula's references: a bare [Name] that is a control id as that control, any other as a
// column. Only the controls the formula names go into the context (the checker looks up nothing else, since
// every reference resolves), so a formula costs the same whatever the number of controls in the workbook.
void collectReferences(const formula::Node& node, const std::set<std::string, std::less<>>& allControls,
                       formula::CheckContext& context) {
    if (node.kind == formula::NodeKind::Reference) {
        const std::string key = node.hasPrefix ? node.prefix + "/" + node.name : node.name;
        if (!node.hasPrefix && allControls.count(key)) context.controls.insert(key);
        else context.columns.emplace(key, formula::Type::Unknown);
    }
    for (const auto& child : node.children)
        if (child) collectReferences(*child, allControls, context);
}

// The formula as quoted in a message: long ones (a generated 100,000-term chain) are cut, on a UTF-8
// character boundary, so one diagnostic does not repeat megabytes of formula.
std::string quoted(const std::string& formula) {
    constexpr std::size_t kMax = 120;
    if (formula.size() <= kMax) return "formula `" + formula + "`";
    std::size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(formula[cut]) & 0xC0) == 0x80) --cut;
    return "formula `" + formula.substr(0, cut) + "...` (" + std::to_string(formula.size()) + " bytes)";
}

// Control ids of a document, computed once per document (the checker is called once per formula).
struct ControlCache {
    std::mutex mutex;
    const Json* root = nullptr;
    std::set<std::string, std::less<>> controls;
};

const std::set<std::string, std::less<>>& controlIds(ControlCache& cache, const doc::Document& document) {
    if (cache.root == &document.root) return cache.controls;
    cache.root = &document.root;
    cache.controls.clear();
    if (const Json* body = document.contents(); body && body->contains("elements") && (*body)["elements"].is_array())
        for (const auto& e : (*body)["elements"])
            // Only string members are read: `kind: true` is a schema error elsewhere, never an exception here.
            if (e.is_object() && e.contains("kind") && e["kind"] == "control" && e.contains("controlId") && e["controlId"].is_string())
                cache.controls.insert(e["controlId"].get<std::string>());
    return cache.controls;
}

} // namespace

FormulaChecker fullFormulaChecker() {
    auto cache = std::make_shared<ControlCache>();
    return [cache](const doc::Document& document, const FormulaSite& site) {
        std::vector<Diagnostic> out;
        auto parsed = formula::parseFormula(site.formula);
        if (!parsed.ok()) {
            for (auto& d : parsed.diagnostics) {
                d.message = quoted(site.formula) + ": " + d.message;
                out.push_back(std::move(d));
            }
            return out;
        }
        formula::CheckContext context;
        {
            std::lock_guard<std::mutex> lock(cache->mutex);
            collectReferences(*parsed.root, controlIds(*cache, document), context);
        }
        auto result = formula::checkExpression(*parsed.root, context);
        for (auto& d : result.diagnostics) {
            if (d.rule == "formula/unknown-column") continue; // the validator's reference rule reports these
            d.message = quoted(site.formula) + ": " + d.message;
            out.push_back(std::move(d));
        }
        return out;
    };
}

} // namespace quire::validate
