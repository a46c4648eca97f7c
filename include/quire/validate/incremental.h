#pragma once
// Validation that re-checks only what changed (the IDE after an edit; docs/validator.md, "Incremental
// validation"). The result of validate() is always exactly quire::validate::validate(document, options) —
// the same diagnostics in the same order — but the per-element work of a full validation is remembered:
//  - the JSON Schema findings of each element and its columns (they depend on that element's value only), kept
//    until the caller says the element changed;
//  - the full formula check of each column formula (it depends on the formula text and on the set of control
//    ids of the document), kept per formula text and dropped when the set of control ids changes.
//  - the findings of each element's rule units (the per-element part of the semantic rule families), kept while
//    the element, every element id the unit looked up (still naming the same, unchanged element) and the control /
//    page / overlay id sets it read are unchanged (docs/validator.md, "Incremental validation").
// The remaining parts of the rules across elements (unique ids, the layout walk, source cycles, lineage) run over
// the whole document on every validate().
#include <quire/validate/validator.h>

#include <cstddef>
#include <memory>
#include <vector>

namespace quire::validate {

class IncrementalValidator {
public:
    explicit IncrementalValidator(ValidationOptions options = {});
    ~IncrementalValidator();
    IncrementalValidator(const IncrementalValidator&) = delete;
    IncrementalValidator& operator=(const IncrementalValidator&) = delete;

    // Forgets every element: a new document, or elements inserted, removed or reordered.
    void invalidateAll();
    // The element at this index of the body's `elements` changed in place since the last validation.
    void invalidateElement(std::size_t index);

    // Checks at most `maxElements` elements that were not checked since they changed (schema and formulas), so a
    // first validation can run in slices between UI events. Returns how many are still unchecked.
    std::size_t checkSomeElements(const doc::Document& document, std::size_t maxElements);
    std::size_t uncheckedElements(const doc::Document& document) const;

    // Exactly validate(document, options) of the constructor's options.
    std::vector<Diagnostic> validate(const doc::Document& document);

private:
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace quire::validate
