// The YAML span scanner: maps block mappings, block sequences, scalars of every style and flow collections
// of an already loaded YAML text to byte ranges (text_spans.h). Linear in the text size; recursion bounded
// by maxDepth; no regular expressions.
#include "text_spans.h"

#include <quire/core/json.h>

namespace quire::doc::detail {

std::size_t lineEndAfter(std::string_view text, std::size_t pos) {
    const std::size_t nl = text.find('\n', pos);
    return nl == std::string_view::npos ? text.size() : nl + 1;
}

namespace {

constexpr std::size_t npos = std::string_view::npos;

bool isBlank(char c) { return c == ' ' || c == '\t'; }

class YamlSpanScanner {
public:
    YamlSpanScanner(std::string_view text, int maxDepth) : t_(text), maxDepth_(maxDepth) {}

    SpanNode scan() {
        std::size_t p = t_.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
        p = nextContent(p);
        while (p != npos && t_[p] == '%' && column(p) == 0) p = nextContent(lineEndAfter(t_, p)); // directives
        if (p != npos && isMarker(p, "---")) {
            if (!atLineEndOrComment(skipBlanks(p + 3))) throw SpanError("the root starts on the '---' line");
            p = nextContent(lineEndAfter(t_, p));
        }
        if (p == npos || !looksLikeKey(p)) throw SpanError("the root is not a block mapping");
        SpanNode root = parseBlockMap(p, 1);
        if (next_ != npos && !isMarker(next_, "...")) throw SpanError("text after the root mapping");
        return root;
    }

private:
    std::size_t lineStart(std::size_t p) const {
        const std::size_t nl = p == 0 ? npos : t_.rfind('\n', p - 1);
        return nl == npos ? 0 : nl + 1;
    }
    int column(std::size_t p) const { return static_cast<int>(p - lineStart(p)); }
    bool beginsLine(std::size_t p) const {
        for (std::size_t i = lineStart(p); i < p; ++i)
            if (t_[i] != ' ') return false;
        return true;
    }
    bool atEol(std::size_t p) const { return p >= t_.size() || t_[p] == '\n' || t_[p] == '\r'; }
    bool atLineEndOrComment(std::size_t p) const { return atEol(p) || t_[p] == '#'; }
    std::size_t skipBlanks(std::size_t p) const {
        while (p < t_.size() && isBlank(t_[p])) ++p;
        return p;
    }
    // End of the line's content (before "\r\n" or "\n").
    std::size_t contentEol(std::size_t p) const {
        std::size_t nl = t_.find('\n', p);
        if (nl == npos) nl = t_.size();
        if (nl > p && t_[nl - 1] == '\r') --nl;
        return nl;
    }
    bool isMarker(std::size_t p, std::string_view marker) const {
        return column(p) == 0 && t_.substr(p, 3) == marker && (p + 3 >= t_.size() || isBlank(t_[p + 3]) || atEol(p + 3));
    }
    // First non-blank character of the first line at or after lineStartPos that is not blank or a comment.
    std::size_t nextContent(std::size_t pos) const {
        while (pos < t_.size()) {
            const std::size_t p = skipBlanks(pos);
            if (!atLineEndOrComment(p)) return p;
            pos = lineEndAfter(t_, p);
        }
        return npos;
    }
    bool isDash(std::size_t p) const { return t_[p] == '-' && (p + 1 >= t_.size() || isBlank(t_[p + 1]) || atEol(p + 1)); }

    std::size_t skipQuoted(std::size_t p) const {
        const char quote = t_[p];
        std::size_t q = p + 1;
        while (q < t_.size()) {
            if (quote == '"' && t_[q] == '\\') q += 2;
            else if (t_[q] == quote) {
                if (quote == '\'' && q + 1 < t_.size() && t_[q + 1] == '\'') q += 2;
                else return q + 1;
            } else ++q;
        }
        throw SpanError("unterminated quoted scalar");
    }

    // Position of the ':' that ends the implicit key starting at p, or npos when p does not start a key.
    std::size_t keyColon(std::size_t p) const {
        const char c = t_[p];
        if (c == '?' && (p + 1 >= t_.size() || isBlank(t_[p + 1]) || atEol(p + 1)))
            throw SpanError("explicit '? ' keys are not mapped");
        if (c == '[' || c == '{' || c == '#' || c == '|' || c == '>' || isDash(p)) return npos;
        std::size_t q = p;
        const std::size_t eol = contentEol(p);
        if (c == '"' || c == '\'') {
            q = skipQuoted(p);
            if (q > eol) return npos;
            q = skipBlanks(q);
            return q < t_.size() && t_[q] == ':' && (q + 1 >= t_.size() || isBlank(t_[q + 1]) || atEol(q + 1)) ? q : npos;
        }
        for (; q < eol; ++q) {
            if (t_[q] == ':' && (q + 1 >= eol || isBlank(t_[q + 1]))) return q;
            if (t_[q] == '#' && q > p && isBlank(t_[q - 1])) return npos;
        }
        return npos;
    }
    bool looksLikeKey(std::size_t p) const { return keyColon(p) != npos; }

    std::string decodeKey(std::size_t p, std::size_t colon) const {
        std::size_t end = colon;
        while (end > p && isBlank(t_[end - 1])) --end;
        std::string_view raw = t_.substr(p, end - p);
        if (raw.size() >= 2 && raw.front() == '\'' && raw.back() == '\'') {
            std::string out;
            for (std::size_t i = 1; i + 1 < raw.size(); ++i) {
                out += raw[i];
                if (raw[i] == '\'') ++i;
            }
            return out;
        }
        if (raw.size() >= 2 && raw.front() == '"' && raw.back() == '"') {
            if (raw.find('\\') == npos) return std::string(raw.substr(1, raw.size() - 2));
            try {
                return Json::parse(raw).get<std::string>(); // JSON escapes are YAML's common subset
            } catch (const std::exception&) {
                return std::string("\x01 undecoded key"); // never equal to a loaded key: the mapping is not patched inside
            }
        }
        return std::string(raw);
    }

    void checkDepth(int depth) const {
        if (depth > maxDepth_) throw SpanError("nesting deeper than " + std::to_string(maxDepth_) + " levels");
    }

    SpanNode parseBlockMap(std::size_t p, int depth) {
        checkDepth(depth);
        SpanNode node;
        node.kind = SpanKind::BlockMap;
        node.start = p;
        const int col = column(p);
        node.childColumn = col;
        for (;;) {
            const std::size_t colon = keyColon(p);
            if (colon == npos) throw SpanError("expected a mapping key");
            SpanNode entry;
            entry.key = decodeKey(p, colon);
            entry.keyStart = p;
            entry.inlineStart = !beginsLine(p);
            entry.entryStart = entry.inlineStart ? p : lineStart(p);
            entry.indicatorEnd = colon + 1;
            entry.column = col;
            parseValue(entry, colon + 1, col, false, depth + 1);
            node.end = entry.end;
            node.children.push_back(std::move(entry));
            const std::size_t q = next_;
            if (q == npos || isMarker(q, "---") || isMarker(q, "...")) break;
            const int c = column(q);
            if (c < col) break;
            if (c == col && looksLikeKey(q)) {
                p = q;
                continue;
            }
            throw SpanError("unexpected text in a block mapping");
        }
        return node;
    }

    SpanNode parseBlockSeq(std::size_t p, int depth) {
        checkDepth(depth);
        SpanNode node;
        node.kind = SpanKind::BlockSeq;
        node.start = p;
        const int col = column(p);
        node.childColumn = col;
        for (;;) {
            SpanNode item;
            item.isItem = true;
            item.keyStart = p;
            item.inlineStart = !beginsLine(p);
            item.entryStart = item.inlineStart ? p : lineStart(p);
            item.indicatorEnd = p + 1;
            item.column = col;
            parseValue(item, p + 1, col, true, depth + 1);
            node.end = item.end;
            node.children.push_back(std::move(item));
            const std::size_t q = next_;
            if (q == npos || isMarker(q, "---") || isMarker(q, "...")) break;
            const int c = column(q);
            if (c == col && isDash(q)) {
                p = q;
                continue;
            }
            if (c <= col) break;
            throw SpanError("unexpected text in a block sequence");
        }
        return node;
    }

    static void adopt(SpanNode& entry, SpanNode&& value) {
        entry.kind = value.kind;
        entry.start = value.start;
        entry.end = value.end;
        entry.children = std::move(value.children);
        entry.childColumn = value.childColumn;
    }

    // The value after an indicator (':' or '-') at column ownerColumn: on the same line, on the following
    // lines (more indented, or a sequence at the key's own column), or empty.
    void parseValue(SpanNode& n, std::size_t after, int ownerColumn, bool item, int depth) {
        checkDepth(depth);
        std::size_t p = skipBlanks(after);
        std::size_t emptyAt = after;
        while (p < t_.size() && (t_[p] == '&' || t_[p] == '!')) {
            n.hasProperties = true;
            while (p < t_.size() && !isBlank(t_[p]) && !atEol(p)) ++p;
            emptyAt = p;
            p = skipBlanks(p);
        }
        if (atLineEndOrComment(p)) {
            const std::size_t q = nextContent(lineEndAfter(t_, p));
            if (q != npos && !isMarker(q, "---") && !isMarker(q, "...")) {
                const int c = column(q);
                if (c > ownerColumn || (c == ownerColumn && !item && isDash(q))) {
                    parseNodeAt(n, q, ownerColumn, depth);
                    return;
                }
            }
            n.kind = SpanKind::Empty;
            n.start = n.end = emptyAt;
            next_ = q;
            return;
        }
        parseNodeAt(n, p, ownerColumn, depth);
    }

    void parseNodeAt(SpanNode& n, std::size_t p, int ownerColumn, int depth) {
        const char c = t_[p];
        if (isDash(p)) {
            adopt(n, parseBlockSeq(p, depth));
            return;
        }
        if (c == '|' || c == '>') {
            parseBlockScalar(n, p, ownerColumn);
        } else if (c == '[' || c == '{') {
            n.kind = SpanKind::Flow;
            n.start = p;
            n.end = matchFlow(p);
        } else if (c == '*') {
            n.kind = SpanKind::Alias;
            n.start = p;
            n.end = p;
            while (n.end < t_.size() && !isBlank(t_[n.end]) && !atEol(n.end)) ++n.end;
        } else if (looksLikeKey(p)) {
            adopt(n, parseBlockMap(p, depth));
            return;
        } else if (c == '"' || c == '\'') {
            n.kind = SpanKind::Scalar;
            n.style = c == '"' ? ScalarStyle::Double : ScalarStyle::Single;
            n.start = p;
            n.end = skipQuoted(p);
        } else {
            parsePlain(n, p, ownerColumn);
        }
        next_ = nextContent(lineEndAfter(t_, n.end));
        if (n.kind != SpanKind::Scalar || n.style == ScalarStyle::Plain || n.style == ScalarStyle::Double ||
            n.style == ScalarStyle::Single) {
            // Only a comment may follow a value on its last line.
            const std::size_t rest = skipBlanks(n.end);
            if (!atLineEndOrComment(rest)) throw SpanError("unexpected text after a value");
        }
    }

    std::size_t plainLineEnd(std::size_t p) const {
        const std::size_t eol = contentEol(p);
        std::size_t q = p;
        while (q < eol && !(t_[q] == '#' && q > p && isBlank(t_[q - 1]))) ++q;
        while (q > p && isBlank(t_[q - 1])) --q;
        return q;
    }

    bool hasComment(std::size_t end) const {
        const std::size_t q = skipBlanks(end);
        return q < t_.size() && t_[q] == '#';
    }

    // A plain scalar; continuation lines are more indented than its owner (a comment line ends it).
    void parsePlain(SpanNode& n, std::size_t p, int ownerColumn) {
        n.kind = SpanKind::Scalar;
        n.style = ScalarStyle::Plain;
        n.start = p;
        n.end = plainLineEnd(p);
        if (hasComment(n.end)) return; // a comment ends the scalar
        std::size_t line = lineEndAfter(t_, n.end);
        while (line < t_.size()) {
            const std::size_t q = skipBlanks(line);
            if (atEol(q)) {
                line = lineEndAfter(t_, q);
                continue;
            }
            if (t_[q] == '#' || column(q) <= ownerColumn || isMarker(q, "---") || isMarker(q, "...")) break;
            n.end = plainLineEnd(q);
            if (hasComment(n.end)) break;
            line = lineEndAfter(t_, n.end);
        }
    }

    void parseBlockScalar(SpanNode& n, std::size_t p, int ownerColumn) {
        n.kind = SpanKind::Scalar;
        n.style = t_[p] == '|' ? ScalarStyle::Literal : ScalarStyle::Folded;
        n.start = p;
        std::size_t q = p + 1;
        int explicitIndent = 0;
        while (q < t_.size() && (t_[q] == '+' || t_[q] == '-' || (t_[q] >= '1' && t_[q] <= '9'))) {
            if (t_[q] != '+' && t_[q] != '-') explicitIndent = t_[q] - '0';
            ++q;
        }
        n.end = q;
        if (!atLineEndOrComment(skipBlanks(q))) throw SpanError("unexpected text after a block scalar header");
        int contentIndent = explicitIndent ? ownerColumn + explicitIndent : -1;
        std::size_t line = lineEndAfter(t_, q);
        while (line < t_.size()) {
            std::size_t r = line;
            while (r < t_.size() && t_[r] == ' ') ++r;
            if (atEol(r)) { // an empty line belongs to the scalar only if content follows
                line = lineEndAfter(t_, r);
                continue;
            }
            const int indent = static_cast<int>(r - line);
            if (contentIndent < 0) {
                if (indent <= ownerColumn) break;
                contentIndent = indent;
            }
            if (indent < contentIndent) break;
            n.end = contentEol(r);
            line = lineEndAfter(t_, r);
        }
        n.blockIndent = contentIndent;
    }

    // One past the bracket that closes the flow collection opened at p.
    std::size_t matchFlow(std::size_t p) const {
        int depth = 0;
        for (std::size_t q = p; q < t_.size(); ++q) {
            const char c = t_[q];
            if (c == '[' || c == '{') ++depth;
            else if (c == ']' || c == '}') {
                if (--depth == 0) return q + 1;
            } else if ((c == '"' || c == '\'') && q > p && std::string_view("[{,: \t\n").find(t_[q - 1]) != npos) {
                q = skipQuoted(q) - 1;
            } else if (c == '#' && isBlank(t_[q - 1])) {
                q = lineEndAfter(t_, q) - 1;
            }
        }
        throw SpanError("unterminated flow collection");
    }

    std::string_view t_;
    int maxDepth_;
    std::size_t next_ = npos; // first content after the node parsed last
};

} // namespace

SpanNode scanYamlSpans(std::string_view text, int maxDepth) { return YamlSpanScanner(text, maxDepth).scan(); }

} // namespace quire::doc::detail
