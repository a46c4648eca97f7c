#pragma once
// Editing one field of a workbook file from the command line (`quire set`, `quire unset`): the change is
// made on the loaded tree, saved format-preserving (only the changed node's bytes change), validated, and
// written atomically only when the result has no validation errors (or with --force).
#include <quire/core/expected.h>
#include <quire/core/json.h>

#include <functional>
#include <optional>
#include <string>

namespace quire::cli {

// Applies a change to the root; returns an error message (nothing at the pointer, ...) or nullopt.
using DocumentChange = std::function<std::optional<std::string>(Json& root)>;

// Exit status: 0 written (or nothing changed), 1 not written (validation errors without --force, a write
// error), 2 the file does not load or the change does not apply.
int editDocumentFile(const std::string& command, const std::string& file, bool force, const DocumentChange& change);

// VALUE of `quire set`: one line of YAML or JSON, a scalar typed by the YAML core schema (12 is a number,
// "12" a string, true/null) or a flow collection ([a, b], {k: v}, JSON); cli/argument with the reason otherwise.
Expected<Json> parseValueText(const std::string& text);

// The pointer parsed (RFC 6901: "" or starting with '/'), or cli/argument.
Expected<JsonPointer> parsePointer(const std::string& text);

} // namespace quire::cli
