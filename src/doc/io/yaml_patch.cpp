// Format-preserving edits of YAML text (text_patch.h): changed scalars are rewritten in their own quoting
// style, new members and items are written in their siblings' indentation, removed ones go with their own
// lines, flow collections are rewritten as a whole, in flow style. Everything else keeps its bytes.
#include "text_patch.h"
#include "yaml_emit.h"

#include <algorithm>
#include <unordered_map>

namespace quire::doc::detail {
namespace {

// The indentation the file uses: the first nested mapping's step, and whether sequences under a key are
// indented. Looks at most a few levels deep.
void detectStyle(const SpanNode& node, YamlStyle& style, bool& haveStep, bool& haveSeq, int depth) {
    if (depth > 8 || (haveStep && haveSeq)) return;
    for (const SpanNode& child : node.children) {
        if (node.kind == SpanKind::BlockMap) {
            if (!haveStep && child.kind == SpanKind::BlockMap && child.childColumn > child.column) {
                style.step = child.childColumn - child.column;
                haveStep = true;
            }
            if (!haveSeq && child.kind == SpanKind::BlockSeq) {
                style.indentSequences = child.childColumn > child.column;
                haveSeq = true;
            }
        }
        detectStyle(child, style, haveStep, haveSeq, depth + 1);
    }
}

bool singleQuoteSafe(const std::string& s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c == 0x7F) return false;
    }
    // The Unicode breaks and the BOM are what literalSafe refuses besides control characters.
    return yamlLiteralSafe(s + "\n");
}

// A single-line string written as a folded block ">-" whose lines break at single spaces, at most `width`
// bytes where possible. Empty when the string cannot be folded back exactly.
std::string foldedBlock(const std::string& s, int indentation, std::size_t width) {
    if (s.empty() || s.find('\n') != std::string::npos || s.find('\t') != std::string::npos || s.front() == ' ' ||
        s.back() == ' ' || !singleQuoteSafe(s))
        return {};
    const std::string pad(static_cast<std::size_t>(indentation), ' ');
    std::string out = ">-";
    std::size_t lineStart = 0, lastBreak = std::string::npos;
    auto emit = [&](std::size_t end) {
        out += '\n';
        out += pad;
        out.append(s, lineStart, end - lineStart);
    };
    for (std::size_t i = 1; i + 1 < s.size(); ++i) {
        if (s[i] == ' ' && s[i - 1] != ' ' && s[i + 1] != ' ') {
            if (i - lineStart > width && lastBreak != std::string::npos) {
                emit(lastBreak);
                lineStart = lastBreak + 1;
            }
            lastBreak = i;
        }
    }
    if (s.size() - lineStart > width && lastBreak != std::string::npos && lastBreak > lineStart) {
        emit(lastBreak);
        lineStart = lastBreak + 1;
    }
    emit(s.size());
    return out;
}


class YamlPatcher {
public:
    YamlPatcher(std::string_view text, YamlStyle style) : t_(text), style_(style) {}

    void patch(const SpanNode& node, const Json& oldV, const Json& newV, bool isRoot, int depth) {
        if (oldV == newV) return;
        if (depth > kMaxPatchDepth) throw PatchFailure("nesting too deep to patch");
        if (node.kind == SpanKind::BlockMap && oldV.is_object() && newV.is_object() && !newV.empty() &&
            keysMatch(node, oldV)) {
            if (patchEntries(node, oldV, newV, depth)) return;
        } else if (node.kind == SpanKind::BlockSeq && oldV.is_array() && newV.is_array() && !newV.empty() &&
                   node.children.size() == oldV.size()) {
            if (patchEntries(node, oldV, newV, depth)) return;
        }
        if (isRoot) throw PatchFailure("the root mapping cannot be rewritten in place");
        replace(node, newV);
    }

    std::vector<TextEdit> edits;

private:
    static bool keysMatch(const SpanNode& node, const Json& object) {
        if (node.children.size() != object.size()) return false;
        std::size_t i = 0;
        for (auto it = object.begin(); it != object.end(); ++it, ++i)
            if (node.children[i].key != it.key()) return false;
        return true;
    }

    // Members of a block mapping or items of a block sequence: kept ones patched in place, removed ones
    // deleted with their lines, new ones inserted after the kept sibling before them. false when nothing is
    // kept or the kept ones changed order (the caller rewrites the whole node).
    bool patchEntries(const SpanNode& node, const Json& oldV, const Json& newV, int depth) {
        const bool isMap = node.kind == SpanKind::BlockMap;
        ChildAlignment aligned = alignChildren(oldV, newV, isMap);
        const std::vector<long>& from = aligned.from; // per new entry: old index or -1
        const std::vector<const Json*>& newValues = aligned.values;
        const std::vector<const std::string*>& newKeys = aligned.keys;
        std::vector<bool> kept(node.children.size(), false);
        long last = -1;
        for (long f : from) {
            if (f < 0) continue;
            if (f <= last) return false; // reordered
            last = f;
            kept[static_cast<std::size_t>(f)] = true;
        }
        if (last < 0) return false;

        const std::vector<const Json*> oldValues = valuesOf(oldV);
        long anchor = -1;
        for (std::size_t j = 0; j < from.size(); ++j) {
            if (from[j] >= 0) {
                anchor = from[j];
                patch(node.children[static_cast<std::size_t>(anchor)], *oldValues[static_cast<std::size_t>(anchor)],
                      *newValues[j], false, depth + 1);
                continue;
            }
            std::string text = isMap ? yamlMemberText(*newKeys[j], *newValues[j], node.childColumn, style_)
                                     : yamlItemText(*newValues[j], node.childColumn, style_);
            if (anchor >= 0) {
                insertLines(lineEndAfter(t_, node.children[static_cast<std::size_t>(anchor)].end), std::move(text));
            } else {
                const SpanNode& first = node.children.front();
                if (!first.inlineStart) {
                    edits.push_back({first.entryStart, 0, std::move(text)});
                } else { // the first entry follows "- " on its line: the new one takes its place there
                    text.erase(0, static_cast<std::size_t>(node.childColumn));
                    text += std::string(static_cast<std::size_t>(node.childColumn), ' ');
                    edits.push_back({first.keyStart, 0, std::move(text)});
                }
            }
        }
        for (std::size_t i = 0; i < node.children.size(); ++i) {
            if (kept[i]) continue;
            const SpanNode& child = node.children[i];
            if (child.inlineStart) {
                // Inline after "- ": remove up to the first kept sibling's key, which takes its place.
                std::size_t k = i + 1;
                while (!kept[k]) ++k;
                edits.push_back({child.keyStart, node.children[k].keyStart - child.keyStart, {}});
                i = k;
                continue;
            }
            const std::size_t end = lineEndAfter(t_, child.end);
            edits.push_back({child.entryStart, end - child.entryStart, {}});
        }
        return true;
    }

    static std::vector<const Json*> valuesOf(const Json& v) {
        std::vector<const Json*> out;
        out.reserve(v.size());
        for (auto it = v.begin(); it != v.end(); ++it) out.push_back(&it.value());
        return out;
    }

    void insertLines(std::size_t pos, std::string text) {
        if (pos == t_.size() && !t_.empty() && t_.back() != '\n') {
            text.insert(text.begin(), '\n');
            text.pop_back();
        }
        edits.push_back({pos, 0, std::move(text)});
    }

    static bool hasNestedCollections(const Json& v) {
        for (const auto& child : v)
            if ((child.is_object() || child.is_array()) && !child.empty()) return true;
        return false;
    }

    // Rewrites one node as a whole: a scalar in its own style, a flow collection in flow style, anything
    // else as a block after its ':' or '-'.
    void replace(const SpanNode& node, const Json& v) {
        const bool scalar = !v.is_object() && !v.is_array();
        if (scalar && (node.kind == SpanKind::Scalar || node.kind == SpanKind::Empty)) {
            std::string text = scalarText(node, v);
            if (node.kind == SpanKind::Empty) text.insert(text.begin(), ' ');
            edits.push_back({node.start, node.end - node.start, std::move(text)});
            return;
        }
        if (node.kind == SpanKind::Flow && !scalar && (!hasNestedCollections(v) || node.end - node.start > 2)) {
            edits.push_back({node.start, node.end - node.start, yamlFlowText(v)});
            return;
        }
        if (scalar && (node.kind == SpanKind::Flow || node.kind == SpanKind::Alias)) {
            SpanNode plain = node;
            plain.style = ScalarStyle::Plain;
            edits.push_back({node.start, node.end - node.start, scalarText(plain, v)});
            return;
        }
        edits.push_back({node.indicatorEnd, node.end - node.indicatorEnd,
                         yamlAfterIndicator(v, node.column, node.isItem, style_)});
    }

    int childIndent(const SpanNode& node) const { return node.column + (node.isItem ? 2 : style_.step); }

    std::string scalarText(const SpanNode& node, const Json& v) const {
        if (!v.is_string()) return yamlScalarText(v, 0);
        const std::string& s = v.get_ref<const std::string&>();
        const int blockIndent = node.blockIndent > node.column ? node.blockIndent : childIndent(node);
        switch (node.kind == SpanKind::Empty ? ScalarStyle::Plain : node.style) {
        case ScalarStyle::Double: return yamlDoubleQuoted(s);
        case ScalarStyle::Single: {
            if (!singleQuoteSafe(s)) return yamlDoubleQuoted(s);
            std::string out = "'";
            for (char c : s) {
                out += c;
                if (c == '\'') out += '\'';
            }
            return out + "'";
        }
        case ScalarStyle::Folded: {
            std::size_t width = 40;
            for (std::size_t p = node.start; p < node.end;) {
                const std::size_t next = lineEndAfter(t_, p);
                width = std::max(width, next - p);
                p = next;
            }
            const std::size_t indentBytes = static_cast<std::size_t>(blockIndent) + 1;
            std::string folded = foldedBlock(s, blockIndent, width > indentBytes + 20 ? width - indentBytes : 20);
            if (!folded.empty()) return folded;
            [[fallthrough]];
        }
        case ScalarStyle::Literal:
            if (yamlLiteralSafe(s)) return yamlLiteralBlock(s, blockIndent);
            return yamlPlainOrQuoted(s);
        case ScalarStyle::Plain:
            if (yamlPlainSafe(s)) return s;
            if (yamlLiteralSafe(s)) return yamlLiteralBlock(s, blockIndent);
            return yamlDoubleQuoted(s);
        }
        return yamlDoubleQuoted(s);
    }

    std::string_view t_;
    YamlStyle style_;
};

} // namespace

bool usesCrlf(std::string_view text) {
    const std::size_t nl = text.find('\n');
    return nl != std::string_view::npos && nl > 0 && text[nl - 1] == '\r';
}

std::vector<TextEdit> yamlEdits(std::string_view text, const SpanNode& root, const Json& oldRoot, const Json& newRoot) {
    YamlStyle style;
    bool haveStep = false, haveSeq = false;
    detectStyle(root, style, haveStep, haveSeq, 0);
    YamlPatcher patcher(text, style);
    patcher.patch(root, oldRoot, newRoot, true, 0);
    return std::move(patcher.edits);
}

} // namespace quire::doc::detail
