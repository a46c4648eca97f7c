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
#include <cstdint>
#include <string_view>
#include <vector>

namespace quire::doc {

enum class Format { Json, Yaml };

struct SourcePos {
    int line = 0;   // 1-based
    int column = 0; // 1-based
};

// JSON pointer (RFC 6901 string form) -> position of the value (for object members: of the key).
// Loaders fill it lazily: the positions are computed from the retained source text the first time one is
// asked for, so loading a document that has nothing to report costs no position bookkeeping.
// Stored compactly, 16 bytes a value, as a sorted array keyed by a 64-bit FNV-1a hash of the pointer (a
// 20,000-element workbook records about 3 million values: a map of pointer strings took 440 MB and most of the
// time of the first lookup). FNV-1a is sequential, so the hashes of all ancestors come from one pass over the
// pointer. Two different pointers would share a hash with a probability of about 1e-13 per lookup.
class SourceMap {
public:
    // The last position set for a pointer wins.
    void set(std::string_view pointer, SourcePos pos);
    // Position of the pointer, or of its nearest ancestor that has one; {0,0} when nothing is known.
    SourcePos find(std::string_view pointer) const;
    bool empty() const { return size() == 0; }
    std::size_t size() const;
    void clear();
    void reserve(std::size_t count) { entries_.reserve(count); }
    // Defers filling the map to `build`, run once on first use (thread-safe).
    void setLazy(std::function<void(SourceMap&)> build);

private:
    struct Entry {
        std::uint64_t key;
        SourcePos pos;
    };
    void materialize() const;
    void sortEntries() const; // sorted by key, the last set of each key kept
    const Entry* lookup(std::uint64_t key) const;
    struct Lazy {
        std::function<void(SourceMap&)> build;
        std::mutex mutex;
    };
    mutable std::vector<Entry> entries_;
    mutable bool sorted_ = true;
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
