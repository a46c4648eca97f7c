// The JSON span scanner: byte ranges of every member and item of an already loaded JSON text
// (text_spans.h). Recursion bounded by maxDepth.
#include "text_spans.h"

#include <quire/core/json.h>

namespace quire::doc::detail {
namespace {

class JsonSpanScanner {
public:
    JsonSpanScanner(std::string_view text, int maxDepth) : t_(text), maxDepth_(maxDepth) {}

    SpanNode scan() {
        std::size_t p = t_.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
        p = skipWs(p);
        if (p >= t_.size() || t_[p] != '{') throw SpanError("the root is not an object");
        SpanNode root = parseValue(p, 1);
        root.keyStart = root.start;
        return root;
    }

private:
    std::size_t skipWs(std::size_t p) const {
        while (p < t_.size() && (t_[p] == ' ' || t_[p] == '\t' || t_[p] == '\n' || t_[p] == '\r')) ++p;
        return p;
    }
    int lineIndent(std::size_t p) const {
        const std::size_t nl = p == 0 ? std::string_view::npos : t_.rfind('\n', p - 1);
        std::size_t q = nl == std::string_view::npos ? 0 : nl + 1;
        int n = 0;
        while (q < p && t_[q] == ' ') { ++q; ++n; }
        return n;
    }
    std::size_t skipString(std::size_t p) const {
        for (std::size_t q = p + 1; q < t_.size(); ++q) {
            if (t_[q] == '\\') ++q;
            else if (t_[q] == '"') return q + 1;
        }
        throw SpanError("unterminated string");
    }
    void expect(std::size_t p, char c) const {
        if (p >= t_.size() || t_[p] != c) throw SpanError(std::string("expected '") + c + "'");
    }

    // Parses the value at p; p is left one past it.
    SpanNode parseValue(std::size_t& p, int depth) {
        if (depth > maxDepth_) throw SpanError("nesting deeper than " + std::to_string(maxDepth_) + " levels");
        SpanNode node;
        node.start = p;
        if (p >= t_.size()) throw SpanError("unexpected end of text");
        const char c = t_[p];
        if (c == '{' || c == '[') {
            const bool object = c == '{';
            node.kind = object ? SpanKind::JsonObject : SpanKind::JsonArray;
            p = skipWs(p + 1);
            if (p < t_.size() && t_[p] == (object ? '}' : ']')) {
                node.end = ++p;
                return node;
            }
            for (;;) {
                const std::size_t keyStart = p;
                std::string key;
                if (object) {
                    expect(p, '"');
                    const std::size_t keyEnd = skipString(p);
                    std::string_view raw = t_.substr(p, keyEnd - p);
                    key = raw.find('\\') == std::string_view::npos ? std::string(raw.substr(1, raw.size() - 2))
                                                                   : Json::parse(raw).get<std::string>();
                    p = skipWs(keyEnd);
                    expect(p, ':');
                    p = skipWs(p + 1);
                }
                SpanNode child = parseValue(p, depth + 1);
                child.key = std::move(key);
                child.isItem = !object;
                child.keyStart = child.entryStart = keyStart;
                child.column = lineIndent(keyStart);
                node.children.push_back(std::move(child));
                p = skipWs(p);
                if (p < t_.size() && t_[p] == ',') {
                    p = skipWs(p + 1);
                    continue;
                }
                expect(p, object ? '}' : ']');
                node.end = ++p;
                break;
            }
            node.multiline = t_.substr(node.start, node.children.front().keyStart - node.start).find('\n') != std::string_view::npos;
            node.childColumn = node.children.front().column;
            return node;
        }
        node.kind = SpanKind::Scalar;
        if (c == '"') {
            p = skipString(p);
        } else {
            while (p < t_.size() && std::string_view(",]} \t\r\n").find(t_[p]) == std::string_view::npos) ++p;
        }
        node.end = p;
        return node;
    }

    std::string_view t_;
    int maxDepth_;
};

} // namespace

SpanNode scanJsonSpans(std::string_view text, int maxDepth) { return JsonSpanScanner(text, maxDepth).scan(); }

} // namespace quire::doc::detail
