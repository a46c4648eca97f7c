#pragma once
// Reading and writing workbook documents. Loading keeps every field in file order and records where each
// value came from (Document::positions); saving is canonical: the same document always gives the same bytes.
#include <quire/core/diagnostic.h>
#include <quire/core/expected.h>
#include <quire/core/file_io.h>
#include <quire/doc/document.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quire::doc {

struct LoadResult {
    std::optional<Document> document; // empty when the text could not be read as a document
    std::vector<Diagnostic> diagnostics;
    bool ok() const { return document.has_value() && !hasErrors(diagnostics); }
};

struct LoadLimits {
    int maxDepth = 512;                            // deeper nesting is an error (io/too-deep), not a crash
    std::size_t maxBytes = kDefaultMaxFileBytes;   // 1 GiB
};

// Format from the extension (.json, .yaml, .yml); otherwise sniffed from the first non-space character.
Format detectFormat(const std::string& path, std::string_view text);

LoadResult loadDocument(const std::string& path, const LoadLimits& limits = {});
LoadResult parseDocument(std::string_view text, Format format, const std::string& path = {},
                         const LoadLimits& limits = {});

// Canonical text. JSON: 2-space indentation, keys in stored order, UTF-8 unescaped, trailing newline.
// YAML: block style, keys in stored order, strings quoted whenever a plain scalar would change type or
// meaning, multi-line strings as literal block scalars.
std::string saveDocument(const Document& document, Format format);
std::string toJsonText(const Json& value);
std::string toYamlText(const Json& value);

// Format-preserving save: the document's source text (Document::sourceText) with only the nodes that differ
// from the tree as loaded rewritten. Comments, blank lines, key order, quoting, flow or block style and the
// indentation of every untouched node keep their bytes; a new member or item copies its siblings'
// indentation; a changed flow collection is rewritten whole, in flow style. The result is read back and
// must give exactly document.root; otherwise (and for documents without source text, a format change, or a
// text the span scanners cannot map) the canonical text of saveDocument is returned, with the reason.
struct PreservingSave {
    std::string text;
    bool preserved = false;     // false: `text` is canonical
    std::string fallbackReason; // why the canonical writer was used
};
PreservingSave saveDocumentPreserving(const Document& document, Format format, const LoadLimits& limits = {});
// The same, for a caller that has read document.sourceText already: `loadedRoot` must be exactly what it reads
// as (the tree the edits started from), so the source text is not read again. A changed text is still read
// back once and must give document.root.
PreservingSave saveDocumentPreserving(const Document& document, Format format, const Json& loadedRoot,
                                      const LoadLimits& limits = {});
// The core of saveDocumentPreserving: `original` (which loads as oldRoot) patched to read as newRoot; nullopt
// with the reason in *why when that cannot be done safely. Unchanged trees give `original` byte for byte.
std::optional<std::string> patchText(std::string_view original, Format format, const Json& oldRoot, const Json& newRoot,
                                     std::string* why = nullptr, const LoadLimits& limits = {});

// Writes atomically (core/file_io.h: symlinks followed, special files refused, mode kept, fsync, no temporary
// left on failure). Throws std::runtime_error. The same function as quire::writeFileAtomically, so code that
// uses both namespaces is not ambiguous.
using quire::writeFileAtomically;
// Reads at most maxBytes + 1 bytes (quire::readFileBounded); otherwise the reason as `io/read-failed` or
// `io/too-large` at `path` (the message is the reason alone, e.g. "no such file").
Expected<std::string> readFileBytes(const std::string& path, std::size_t maxBytes = kDefaultMaxFileBytes);

// RFC 6901 escaping of one reference token ("~" -> "~0", "/" -> "~1").
std::string escapePointerToken(std::string_view token);
// Its inverse ("~1" -> "/", "~0" -> "~"; any other "~" is kept as it is).
std::string unescapePointerToken(std::string_view token);

} // namespace quire::doc
