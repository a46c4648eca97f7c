// IncrementalValidator: validate() with the per-element schema findings, the formula checks and the findings
// of each per-element rule unit (context.h, Unit) remembered.
// Exactness: validate() = stable sort by location of (schema findings ++ semantic findings). The semantic rules
// run in validate()'s order (runSemanticRules); a unit's remembered findings are replayed in place of running it
// while its element is unchanged and everything it read elsewhere is too: each element id it looked up still
// names the same element, unchanged since; the control / page / overlay id sets, if it read them, are the same.
// Findings are stored with their pointer and located again on replay (an edit elsewhere moves lines).
#include <quire/validate/incremental.h>
#include <quire/validate/schema.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>

#include "context.h"
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


constexpr std::size_t kNoElement = std::size_t(-1);
constexpr std::size_t kUnits = std::size_t(Unit::Count);

// What one unit of one element found, and what it read outside its element.
struct UnitRecord {
    struct Dependency {
        std::string id;
        std::size_t index;     // body index it named, kNoElement for none
        std::uint64_t version; // of that element then
    };
    std::vector<Diagnostic> found;
    std::vector<Dependency> dependencies;
    std::vector<std::string> data; // the unit's by-product (source dependencies)
    std::uint64_t idSets = 0;      // version of the id sets it read, 0 for none
    std::size_t formulaChecks = 0; // full formula checks it asked for
};

} // namespace

struct IncrementalValidator::State : UnitHooks {
    ValidationOptions options;
    std::string base;                                                // contents pointer the elements were counted under
    std::vector<std::optional<std::vector<SchemaFinding>>> elements; // schema findings; nullopt = not checked
    std::set<std::string> controls;                                  // of the last run

    // Per element: its version (a new one whenever it changes) and what each of its units found.
    std::vector<std::uint64_t> versions;
    std::vector<std::array<std::shared_ptr<const UnitRecord>, kUnits>> units;
    std::uint64_t nextVersion = 0;
    std::vector<std::string> idSets; // "c"/"p"/"o" + each control / page / overlay id, sorted
    std::uint64_t idSetsVersion = 1;
    std::string layoutText;          // the layout parsed last
    std::optional<doc::LayoutParseResult> parsedLayout;
    std::size_t formulaChecks = 0;   // full formula checks asked for in this run (cached or not)
    // The unit running now, when it is being recorded.
    bool recording = false;
    UnitRecord current;
    std::size_t checksBefore = 0;
    const doc::Document* running = nullptr;
    struct Checked {
        std::vector<Diagnostic> diagnostics;
        unsigned generation = 0;
    };
    std::unordered_map<std::string, Checked> formulas;               // formula text -> the full check's findings
    unsigned generation = 0;

    // Whether the full formula check is ours to remember (a caller's checker may read anything).
    bool cachesFormulas() const { return options.semantic && !options.formulaChecker && options.fullFormulaCheck; }

    void forgetElement(std::size_t index) {
        versions[index] = ++nextVersion;
        for (auto& u : units[index]) u.reset();
    }

    void sync(const doc::Document& document) {
        const Json* list = bodyElements(document);
        const std::size_t count = list ? list->size() : 0;
        const std::string contentsPointer = document.contentsPointer();
        if (count != elements.size() || contentsPointer != base) {
            elements.assign(count, std::nullopt);
            versions.assign(count, 0);
            units.assign(count, {});
            for (std::size_t i = 0; i < count; ++i) forgetElement(i);
            base = contentsPointer;
        }
        std::set<std::string> now = documentControlIds(document);
        if (now != controls) {
            formulas.clear();
            controls = std::move(now);
            // The full formula check reads every control id (synced ones too): the formula units ran it.
            for (auto& u : units) u[std::size_t(Unit::FormulaRefs)].reset();
        }
    }

    // A caller's formula checker may read anything: its findings are never replayed.
    bool replaysFormulaUnits() const { return !options.formulaChecker; }

    const doc::LayoutParseResult* layout(const std::string& text) override {
        if (!parsedLayout || text != layoutText) {
            parsedLayout = doc::parseLayout(text);
            layoutText = text;
        }
        return &*parsedLayout;
    }

    void start(const Context& ctx) override {
        std::vector<std::string> sets;
        sets.reserve(ctx.controlById.size() + ctx.pageIds.size() + ctx.overlayIds.size());
        for (const auto& [id, index] : ctx.controlById) sets.push_back("c" + std::string(id));
        for (const auto& id : ctx.pageIds) sets.push_back("p" + id);
        for (const auto& id : ctx.overlayIds) sets.push_back("o" + id);
        std::sort(sets.begin(), sets.end());
        if (sets != idSets) {
            idSets = std::move(sets);
            ++idSetsVersion;
        }
    }

    bool replay(Context& ctx, const ElementRef& e, Unit unit, std::vector<std::string>* data) override {
        if (unit == Unit::FormulaRefs && !replaysFormulaUnits()) return false;
        auto& slot = units[e.index][std::size_t(unit)];
        if (!slot) return false;
        const UnitRecord& r = *slot;
        bool same = r.idSets == 0 || r.idSets == idSetsVersion;
        for (std::size_t i = 0; same && i < r.dependencies.size(); ++i) {
            const auto& d = r.dependencies[i];
            const ElementRef* now = ctx.findElement(d.id);
            const std::size_t index = now ? now->index : kNoElement;
            same = index == d.index && (index == kNoElement || versions[index] == d.version);
        }
        if (!same) {
            slot.reset();
            return false;
        }
        for (const Diagnostic& d : r.found) {
            Diagnostic copy = d;
            copy.location = running->locate(copy.pointer);
            ctx.emit(std::move(copy));
        }
        if (data) *data = r.data;
        formulaChecks += r.formulaChecks;
        return true;
    }

    void begin(const ElementRef&, Unit) override {
        recording = true;
        current = UnitRecord();
        checksBefore = formulaChecks;
    }

    void end(const ElementRef& e, Unit unit, const std::vector<Diagnostic>& out, std::size_t first,
             const std::vector<std::string>* data) override {
        recording = false;
        current.found.assign(out.begin() + std::ptrdiff_t(first), out.end());
        if (data) current.data = *data;
        current.formulaChecks = formulaChecks - checksBefore;
        static const auto kNothing = std::make_shared<const UnitRecord>();
        const bool nothing = current.found.empty() && current.dependencies.empty() && current.data.empty() &&
                             current.idSets == 0 && current.formulaChecks == 0;
        units[e.index][std::size_t(unit)] = nothing ? kNothing : std::make_shared<const UnitRecord>(std::move(current));
    }

    void lookedUp(std::string_view id, std::size_t index) override {
        if (recording) current.dependencies.push_back({std::string(id), index, index == kNoElement ? 0 : versions[index]});
    }

    void readIdSets() override {
        if (recording) current.idSets = idSetsVersion;
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

void IncrementalValidator::invalidateAll() {
    state_->elements.assign(state_->elements.size(), std::nullopt);
    for (std::size_t i = 0; i < state_->elements.size(); ++i) state_->forgetElement(i);
}

void IncrementalValidator::invalidateElement(std::size_t index) {
    if (index >= state_->elements.size()) return;
    state_->elements[index].reset();
    state_->forgetElement(index);
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
        s.formulaChecks = 0;
        if (s.cachesFormulas()) {
            FormulaChecker cached = s.cachingChecker();
            semantic.formulaChecker = [&s, cached](const doc::Document& d, const FormulaSite& site) {
                ++s.formulaChecks;
                return cached(d, site);
            };
        }
        s.running = &document;
        runSemanticRules(document, semantic, out, &s);
        s.running = nullptr;
        s.prune(s.formulaChecks);
    }
    sortByLocation(out);
    return out;
}

} // namespace quire::validate
