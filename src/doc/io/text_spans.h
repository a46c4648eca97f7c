#pragma once
// Where each node of a document sits in its source text: the input of the format-preserving patcher
// (text_patch.h). The scanners run on text that has already loaded (so it is valid YAML / JSON); a construct
// they do not map (explicit "? " keys, a root that is not a block mapping / object ...) throws SpanError and
// the caller falls back to the canonical writer. Both bound their recursion by maxDepth.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace quire::doc::detail {

struct SpanError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

enum class SpanKind {
    Scalar,     // YAML scalar of any style, JSON string/number/true/false/null
    Empty,      // YAML "key:" with no value (null); start == end == where the value would go
    Alias,      // YAML "*name": a copy of another node, never patched inside
    Flow,       // YAML "[...]" / "{...}": patched as a whole
    BlockMap,   // YAML block mapping
    BlockSeq,   // YAML block sequence
    JsonObject,
    JsonArray,
};

enum class ScalarStyle { Plain, Single, Double, Literal, Folded };

struct SpanNode {
    SpanKind kind = SpanKind::Scalar;
    ScalarStyle style = ScalarStyle::Plain;
    std::size_t start = 0;  // first byte of the value (after YAML anchors and tags)
    std::size_t end = 0;    // one past its last byte (not counting a trailing comment or line break)
    bool hasProperties = false; // YAML anchor or tag before the value
    int blockIndent = -1;   // YAML block scalars: column of their content lines

    // As a member or item of its parent:
    std::string key;            // decoded key (mapping members)
    std::size_t keyStart = 0;   // first byte of the key, or of the "-" of an item (JSON: of the key / value)
    std::size_t entryStart = 0; // YAML: start of the key's line, or keyStart when inlineStart
    std::size_t indicatorEnd = 0; // YAML: one past the ':' or '-'
    int column = 0;             // YAML: column (bytes) of the key or '-'; JSON: indentation of the line
    bool isItem = false;        // a sequence item (no key)
    bool inlineStart = false;   // YAML: the key or '-' follows another "- " on its line (does not begin it)

    // Collections: members or items in file order; column of their keys / dashes (YAML).
    std::vector<SpanNode> children;
    int childColumn = -1;
    bool multiline = false; // JSON collections: the first member is on a line of its own
};

// The root node of a YAML document whose root is a block mapping.
SpanNode scanYamlSpans(std::string_view text, int maxDepth);
// The root node of a JSON document whose root is an object.
SpanNode scanJsonSpans(std::string_view text, int maxDepth);

// One past the line break that ends the line holding `pos` (text.size() on the last line).
std::size_t lineEndAfter(std::string_view text, std::size_t pos);

} // namespace quire::doc::detail
