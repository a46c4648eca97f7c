// IncrementalValidator: validate() with the per-element schema findings and the formula checks remembered.
// Exactness: validate() = stable sort by location of (schema findings ++ semantic findings), and stable-sorting
// the semantic findings first does not change that order (schema findings stay first among equal keys, the
// semantic ones keep their relative order). The semantic rules run as validate() runs them; only the full
// formula checker is answered from the cache, whose answer depends on the formula text and the control ids.
#include <quire/validate/incremental.h>
#include <quire/validate/schema.h>

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>

#include "pointer.h"
#include "schema_parts.h"

namespace quire::validate {
namespace {

// What fullFormulaChecker() reads besides the formula: the controlId of every control element.
std::set<std::string> documentControlIds(const doc::Document& document) {
    std::set<std::string> ids;
    const Json* body = document.contents();
    if (!body || !body->contains("elements") || !(*body)["elements"].is_array()) return ids;
    for (const auto& e : (*body)["elements"])
        if (e.is_object() && e.contains("kind") && e["kind"] == "control" && e.contains("controlId") && e["controlId"].is_string())
            ids.insert(e["controlId"].get<std::string>());
    return ids;
}

const Json* bodyElements(const doc::Document& document) {
    const Json* body = document.contents();
    if (!body) return nullptr;
    auto it = body->find("elements");
    return it != body->end() && it->is_array() ? &*it : nullptr;
}

std::string kindOf(const Json& element) {
    auto it = element.find("kind");
    return it != element.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void sortByLocation(std::vector<Diagnostic>& out) {
    std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.location.line, a.location.column, a.rule) < std::tie(b.location.line, b.location.column, b.rule);
    });
}

} // namespace

struct IncrementalValidator::State {
    ValidationOptions options;
    std::string base;                                                // contents pointer the elements were counted under
    std::vector<std::optional<std::vector<SchemaFinding>>> elements; // schema findings; nullopt = not checked
    std::set<std::string> controls;                                  // of the last run
    struct Checked {
        std::vector<Diagnostic> diagnostics;
        unsigned generation = 0;
    };
    std::unordered_map<std::string, Checked> formulas;               // formula text -> the full check's findings
    unsigned generation = 0;

    // Whether the full formula check is ours to remember (a caller's checker may read anything).
    bool cachesFormulas() const { return options.semantic && !options.formulaChecker && options.fullFormulaCheck; }

    void sync(const doc::Document& document) {
        const Json* list = bodyElements(document);
        const std::size_t count = list ? list->size() : 0;
        const std::string contentsPointer = document.contentsPointer();
        if (count != elements.size() || contentsPointer != base) {
            elements.assign(count, std::nullopt);
            base = contentsPointer;
        }
        std::set<std::string> now = documentControlIds(document);
        if (now != controls) {
            formulas.clear();
            controls = std::move(now);
        }
    }

    FormulaChecker cachingChecker() {
        FormulaChecker full = fullFormulaChecker(); // one per run: it keeps the control ids of one document
        return [this, full](const doc::Document& document, const FormulaSite& site) {
            auto it = formulas.find(site.formula);
            if (it == formulas.end()) it = formulas.emplace(site.formula, Checked{full(document, site), 0}).first;
            it->second.generation = generation;
            return it->second.diagnostics;
        };
    }

    void checkElement(const doc::Document& document, std::size_t index, const FormulaChecker& checker) {
        elements[index] = options.schema ? schemaFindingsOfElement(document, index, options.schemaPath) : std::vector<SchemaFinding>();
        if (!checker) return;
        // The columns checkFormulaRefs() hands to the checker; checking others too would only warm the cache.
        const Json& e = (*bodyElements(document))[index];
        if (!e.is_object() || kindOf(e) == "control" || !e.contains("source")) return;
        auto columns = e.find("columns");
        if (columns == e.end() || !columns->is_array()) return;
        const std::string elementPointer = child(child(base, "elements"), index);
        for (std::size_t c = 0; c < columns->size(); ++c) {
            const Json& column = (*columns)[c];
            if (!column.is_object()) continue;
            auto f = column.find("formula");
            if (f == column.end() || !f->is_string()) continue;
            checker(document, FormulaSite{&e, &column, f->get<std::string>(), child(child(child(elementPointer, "columns"), c), "formula")});
        }
    }

    // Drops the findings of formulas no run has asked for lately (edited away), once they are many.
    void prune(std::size_t used) {
        if (formulas.size() <= 2 * used + 1024) return;
        for (auto it = formulas.begin(); it != formulas.end();)
            it = it->second.generation == generation ? std::next(it) : formulas.erase(it);
    }
};

IncrementalValidator::IncrementalValidator(ValidationOptions options) : state_(std::make_unique<State>()) {
    state_->options = std::move(options);
}

IncrementalValidator::~IncrementalValidator() = default;

void IncrementalValidator::invalidateAll() { state_->elements.assign(state_->elements.size(), std::nullopt); }

void IncrementalValidator::invalidateElement(std::size_t index) {
    if (index < state_->elements.size()) state_->elements[index].reset();
}

std::size_t IncrementalValidator::uncheckedElements(const doc::Document& document) const {
    const Json* list = bodyElements(document);
    const std::size_t count = list ? list->size() : 0;
    if (count != state_->elements.size() || document.contentsPointer() != state_->base) return count;
    return std::size_t(std::count(state_->elements.begin(), state_->elements.end(), std::nullopt));
}

std::size_t IncrementalValidator::checkSomeElements(const doc::Document& document, std::size_t maxElements) {
    State& s = *state_;
    s.sync(document);
    const FormulaChecker checker = s.cachesFormulas() ? s.cachingChecker() : FormulaChecker();
    std::size_t left = 0;
    for (std::size_t i = 0; i < s.elements.size(); ++i) {
        if (s.elements[i]) continue;
        if (maxElements == 0) {
            ++left;
            continue;
        }
        s.checkElement(document, i, checker);
        --maxElements;
    }
    return left;
}

std::vector<Diagnostic> IncrementalValidator::validate(const doc::Document& document) {
    State& s = *state_;
    s.sync(document);
    ++s.generation;
    std::vector<Diagnostic> out;
    if (s.options.schema) {
        if (auto findings = schemaFindingsOutsideElements(document, s.options.schemaPath)) {
            for (std::size_t i = 0; i < s.elements.size(); ++i) {
                if (!s.elements[i]) s.elements[i] = schemaFindingsOfElement(document, i, s.options.schemaPath);
                findings->insert(findings->end(), s.elements[i]->begin(), s.elements[i]->end());
            }
            out = reportSchemaFindings(document, *findings);
        } else {
            out = checkSchema(document, s.options.schemaPath); // the schema/invalid-schema error
        }
    } else {
        for (auto& e : s.elements) e.emplace(); // nothing per element to remember
    }
    if (s.options.semantic) {
        ValidationOptions semantic = s.options;
        semantic.schema = false;
        std::size_t used = 0;
        if (s.cachesFormulas()) {
            FormulaChecker cached = s.cachingChecker();
            semantic.formulaChecker = [&used, cached](const doc::Document& d, const FormulaSite& site) {
                ++used;
                return cached(d, site);
            };
        }
        std::vector<Diagnostic> found = quire::validate::validate(document, semantic);
        out.insert(out.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
        s.prune(used);
    }
    sortByLocation(out);
    return out;
}

} // namespace quire::validate
