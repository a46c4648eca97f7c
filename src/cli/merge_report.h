#pragma once
// Merge conflicts as diagnostics a person can act on: which element (or page, setting, layout placement,
// workbook key), which property, what each side has, and where ours holds it (file:line:col).
#include <quire/core/diagnostic.h>
#include <quire/diff/merge.h>
#include <quire/doc/document.h>

#include <string>

namespace quire::cli {

// "element 'revenue' property /name" (the subject of a conflict).
std::string conflictSubject(const diff::MergeConflict& conflict);
// Rule merge/conflict, located in ours (the version git keeps in the working tree).
Diagnostic conflictDiagnostic(const diff::MergeConflict& conflict, const doc::Document& ours);

} // namespace quire::cli
