#pragma once
// Formula AST. Every node carries its source span (byte offset, length) in the formula text.
#include <memory>
#include <string>
#include <vector>

namespace quire::formula {

struct Span {
    int offset = 0;
    int length = 0;
    int end() const { return offset + length; }
};

enum class NodeKind {
    Number,    // number, text = literal spelling
    String,    // text = decoded value
    Boolean,   // boolean
    Null,
    Reference, // [Name] or [Prefix/Name]: prefix, name (column or control; the resolver decides)
    Unary,     // name = "-" or "not"; children[0]
    Binary,    // name = operator ("+", "-", "*", "/", "%", "^", "&", "=", "!=", "<", "<=", ">", ">=", "and", "or")
    Call,      // name = function name as written; children = arguments
    Path,      // variant path step: children[0] = base; name = field, or index digits when isIndex
};

struct Node {
    NodeKind kind = NodeKind::Null;
    Span span;
    std::string name;
    std::string prefix;
    std::string text;
    double number = 0;
    bool boolean = false;
    bool hasPrefix = false;
    bool isIndex = false;
    int height = 1; // levels in this subtree (a leaf is 1); the parser keeps it <= kMaxNestingDepth
    std::vector<std::unique_ptr<Node>> children;
};

using NodePtr = std::unique_ptr<Node>;

} // namespace quire::formula
