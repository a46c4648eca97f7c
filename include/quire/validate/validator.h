#pragma once
// The workbook validator: JSON Schema shape checks (schemas/workbook.schema.json, via valijson) plus semantic
// rules from the spec's validation checklist (§8). Every finding is a Diagnostic with a stable rule code,
// the JSON pointer of the offending value and its file:line:col (Document::locate).
#include <quire/core/diagnostic.h>
#include <quire/core/rules.h>
#include <quire/doc/document.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace quire::validate {

// One column formula handed to a pluggable formula checker.
struct FormulaSite {
    const Json* element = nullptr;   // the element owning the column
    const Json* column = nullptr;    // the column object
    std::string formula;             // the formula text
    std::string pointer;             // JSON pointer of the formula string
};

// Returns the diagnostics for one formula (rule codes of the checker's choice, e.g. "formula/...").
// Locations may be left empty: the validator fills them from the pointer.
using FormulaChecker = std::function<std::vector<Diagnostic>(const doc::Document&, const FormulaSite&)>;

struct ValidationOptions {
    bool schema = true;             // run the JSON Schema check
    bool semantic = true;           // run the semantic rules
    bool shallowFormulaCheck = true; // built-in [Ref] resolution check (formula/unknown-*)
    bool fullFormulaCheck = true;   // parse + type-check every column formula (fullFormulaChecker) when
                                    // no formulaChecker is given
    FormulaChecker formulaChecker;  // optional full checker, called for every column formula
    std::string schemaPath;         // load the schema from this file instead of the embedded copy
};

// All diagnostics for the document, sorted by location (line, column), then rule code.
std::vector<Diagnostic> validate(const doc::Document& document, const ValidationOptions& options = {});

// Load + validate in one step: the loader's diagnostics (syntax errors, duplicate keys, nesting limits)
// come first; `loaded` is false when the text could not be turned into a document (nothing was validated).
struct FileValidation {
    bool loaded = false;
    std::vector<Diagnostic> diagnostics;
};
FileValidation validateText(std::string_view text, doc::Format format, const std::string& path,
                            const ValidationOptions& options = {});
FileValidation validateFile(const std::string& path, const ValidationOptions& options = {});

// Quire's formula parser and checker as a FormulaChecker: syntax, unknown functions, arity, argument types,
// nested or mixed aggregates (rules formula/*). Reference resolution stays with formula/unknown-column.
FormulaChecker fullFormulaChecker();

// The rules the validator reports are declared, with every other layer's codes, in quire/core/rules.h
// (quire::ruleCatalogue(), quire::findRule).

} // namespace quire::validate
