#pragma once
// The in-memory workbook document: the whole file as an ordered JSON tree (every field, known or unknown,
// in file order) plus where each value came from in the source text. Typed views (include/quire/doc/views.h)
// read through this tree; they never copy workbook state out of it.
#include <quire/core/diagnostic.h>
#include <quire/core/json.h>

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace quire::doc {

enum class Format { Json, Yaml };

struct SourcePos {
    int line = 0;   // 1-based
    int column = 0; // 1-based
};

// JSON pointer (RFC 6901 string form) -> position of the value (for object members: of the key).
// Loaders fill it lazily: the positions are computed from the retained source text the first time one is
// asked for, so loading a document that has nothing to report costs no position bookkeeping.
class SourceMap {
public:
    void set(const std::string& pointer, SourcePos pos) { positions_[pointer] = pos; }
    // Position of the pointer, or of its nearest ancestor that has one; {0,0} when nothing is known.
    SourcePos find(const std::string& pointer) const;
    bool empty() const { materialize(); return positions_.empty(); }
    std::size_t size() const { materialize(); return positions_.size(); }
    void clear() { positions_.clear(); lazy_.reset(); }
    void reserve(std::size_t count) { positions_.reserve(count); }
    // Defers filling the map to `build`, run once on first use (thread-safe).
    void setLazy(std::function<void(SourceMap&)> build);

private:
    void materialize() const;
    struct Lazy {
        std::function<void(SourceMap&)> build;
        std::mutex mutex;
    };
    mutable std::unordered_map<std::string, SourcePos> positions_;
    mutable std::shared_ptr<Lazy> lazy_;
};

struct Document {
    Json root;              // the whole file: envelope {name, folderId, contents|document, ...} or compact seed
    Format format = Format::Json;
    std::string path;       // file the document was read from ("" for in-memory text)
    SourceMap positions;    // empty for documents built in memory
    // The text the document was read from, or last saved as (shared with the lazy SourceMap, never copied):
    // what saveDocumentPreserving() patches so that a save changes only the bytes of changed nodes. null for
    // documents built in memory; after a save, set it to the saved text (see docs/document-model.md).
    std::shared_ptr<const std::string> sourceText;

    // The workbook body: root["contents"], or root["document"] for the legacy shape; nullptr if neither.
    const Json* contents() const;
    Json* contents();
    // "/contents" or "/document" (the pointer prefix of the body), "" if the document has no body.
    std::string contentsPointer() const;

    SourceLocation locate(const std::string& pointer) const;
};

} // namespace quire::doc
