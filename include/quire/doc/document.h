#pragma once
// The in-memory workbook document: the whole file as an ordered JSON tree (every field, known or unknown,
// in file order) plus where each value came from in the source text. Typed views (include/quire/doc/views.h)
// read through this tree; they never copy workbook state out of it.
#include <quire/core/diagnostic.h>
#include <quire/core/json.h>

#include <string>
#include <unordered_map>

namespace quire::doc {

enum class Format { Json, Yaml };

struct SourcePos {
    int line = 0;   // 1-based
    int column = 0; // 1-based
};

// JSON pointer (RFC 6901 string form) -> position of the value (for object members: of the key).
class SourceMap {
public:
    void set(const std::string& pointer, SourcePos pos) { positions_[pointer] = pos; }
    // Position of the pointer, or of its nearest ancestor that has one; {0,0} when nothing is known.
    SourcePos find(const std::string& pointer) const;
    bool empty() const { return positions_.empty(); }
    std::size_t size() const { return positions_.size(); }
    void clear() { positions_.clear(); }

private:
    std::unordered_map<std::string, SourcePos> positions_;
};

struct Document {
    Json root;              // the whole file: envelope {name, folderId, contents|document, ...} or compact seed
    Format format = Format::Json;
    std::string path;       // file the document was read from ("" for in-memory text)
    SourceMap positions;    // empty for documents built in memory

    // The workbook body: root["contents"], or root["document"] for the legacy shape; nullptr if neither.
    const Json* contents() const;
    Json* contents();
    // "/contents" or "/document" (the pointer prefix of the body), "" if the document has no body.
    std::string contentsPointer() const;

    SourceLocation locate(const std::string& pointer) const;
};

} // namespace quire::doc
