// readYamlFast (yaml_fast_path.h): a line-oriented reader for block-style YAML that gives up (nullopt) on anything
// it does not handle exactly as libyaml does. The rules followed are libyaml 0.2.5's scanner (yaml_parser_scan_*),
// restricted to the cases listed with each function; everything else throws Unsupported.
#include "yaml_fast_path.h"

#include "utf8.h"
#include "yaml_reader.h"

#include <quire/doc/io.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstring>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace quire::doc::detail {
namespace {

struct Unsupported {}; // the text leaves the fast path's shape: libyaml reads it

[[noreturn]] void unsupported() { throw Unsupported{}; }

// Characters that cannot start a plain scalar (YAML's indicators); '-' may when a non-blank follows, which
// callers check first.
bool isIndicator(char c) {
    switch (c) {
    case '-': case '?': case ':': case ',': case '[': case ']': case '{': case '}': case '#': case '&': case '*':
    case '!': case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
        return true;
    default:
        return false;
    }
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// One pass over the bytes for what libyaml's reader refuses or treats specially: control characters (a tab and a
// line feed aside, and a CR before a line feed: CRLF is one line break, as in libyaml), DEL, C1 controls, U+FFFE/U+FFFF, a BOM past the
// start; and, at the start of a line, directives and document markers (a "---" is allowed only before any content).
void prescan(std::string_view s) {
    bool lineStart = true;
    bool seenContent = false;
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    for (std::size_t i = 0; i < n; ++i) {
        const unsigned char c = p[i];
        if (lineStart) {
            lineStart = false;
            if (c == '%') unsupported();
            if ((c == '-' || c == '.') && i + 2 < n && p[i + 1] == c && p[i + 2] == c &&
                (i + 3 == n || p[i + 3] == ' ' || p[i + 3] == '\n' || p[i + 3] == '\r' || p[i + 3] == '\t')) {
                if (c == '.' || seenContent) unsupported();
            } else {
                std::size_t j = i;
                while (j < n && p[j] == ' ') ++j;
                if (j < n && p[j] != '\n' && p[j] != '\r' && p[j] != '#') seenContent = true;
            }
        }
        if (c < 0x20) {
            if (c == '\n') lineStart = true;
            else if (c == '\r') {
                if (i + 1 >= n || p[i + 1] != '\n') unsupported(); // a CR alone
            } else if (c != '\t') {
                unsupported();
            }
        } else if (c >= 0x7F) {
            if (c == 0x7F) unsupported();
            if (c == 0xC2 && i + 1 < n && p[i + 1] < 0xA0) unsupported(); // U+0080..U+009F
            if (c == 0xEF && i + 2 < n &&
                ((p[i + 1] == 0xBB && p[i + 2] == 0xBF) || (p[i + 1] == 0xBF && p[i + 2] >= 0xBE)))
                unsupported();
        }
    }
}

class FastReader {
public:
    FastReader(std::string_view text, int maxDepth, SourceMap* positions)
        : s_(text), maxDepth_(maxDepth), positions_(positions) {}

    Json read() {
        prescan(s_);
        if (!skipToContent(INT_MAX)) unsupported(); // no content: libyaml words the error
        if (column() == 0 && s_.substr(p_, 3) == "---") { // the document start (prescan checked it is the only one)
            p_ += 3;
            finishLine();
            if (!skipToContent(INT_MAX)) unsupported();
        }
        const char c = s_[p_];
        const bool sequence = c == '-' && blankOrEnd(p_ + 1);
        if (!sequence && !lineHasKey(p_)) unsupported(); // a scalar or flow collection at the top
        std::string pointer;
        record(pointer, mark());
        Json root = sequence ? readSequence(column(), 0, pointer) : readMapping(column(), 0, pointer);
        if (p_ < s_.size()) unsupported(); // a less indented line after the top collection
        return root;
    }

private:
    struct Mark {
        int line;
        int column;
    };

    std::string_view s_;
    int maxDepth_;
    SourceMap* positions_;
    std::size_t p_ = 0;         // the next byte to read
    std::size_t lineStart_ = 0; // where the line holding p_ starts
    int line_ = 0;              // its number, from 0

    char at(std::size_t i) const { return i < s_.size() ? s_[i] : '\n'; } // the end reads as a line break
    // A line break is LF or CRLF (prescan refused a CR alone).
    static bool isBreak(char c) { return c == '\n' || c == '\r'; }
    std::size_t afterBreak(std::size_t i) const { return i + (s_[i] == '\r' ? 2 : 1); }
    bool blankOrEnd(std::size_t i) const { return i >= s_.size() || s_[i] == ' ' || isBreak(s_[i]); }
    int column() const { return static_cast<int>(p_ - lineStart_); } // in bytes: only spaces and "- " precede
    void newLineAt(std::size_t start) {
        p_ = lineStart_ = start;
        ++line_;
    }

    // libyaml's mark of p_: the column counted in characters.
    Mark mark() const {
        int chars = 0;
        for (std::size_t i = lineStart_; i < p_; ++i)
            if ((static_cast<unsigned char>(s_[i]) & 0xC0) != 0x80) ++chars;
        return {line_, chars};
    }
    void record(const std::string& pointer, Mark m) {
        if (positions_) positions_->set(pointer, {m.line + 1, m.column + 1});
    }

    // From the start of a line (or the end of the last): skips blank and comment lines to the first content byte of
    // the next line with content. false at the end of the text. A content line indented more than `maxIndent` is
    // Unsupported (after a scalar it would continue the scalar, or be an error).
    bool skipToContent(int maxIndent) {
        for (;;) {
            std::size_t i = p_;
            while (i < s_.size() && s_[i] == ' ') ++i;
            if (i >= s_.size()) {
                p_ = s_.size();
                return false;
            }
            const char c = s_[i];
            if (isBreak(c)) {
                newLineAt(afterBreak(i));
                continue;
            }
            if (c == '\t') unsupported();
            if (c == '#') {
                const void* nl = std::memchr(s_.data() + i, '\n', s_.size() - i);
                if (!nl) {
                    p_ = s_.size();
                    return false;
                }
                newLineAt(static_cast<std::size_t>(static_cast<const char*>(nl) - s_.data()) + 1);
                continue;
            }
            // A comment never continues a scalar, so only a content line may be too deep.
            if (static_cast<int>(i - lineStart_) > maxIndent) unsupported();
            p_ = i;
            return true;
        }
    }

    // After a value: spaces and a comment may end the line, nothing else; moves to the next line.
    void finishLine() {
        while (p_ < s_.size() && s_[p_] == ' ') ++p_;
        if (p_ >= s_.size()) return;
        if (s_[p_] == '#') {
            if (s_[p_ - 1] != ' ') unsupported();
            const void* nl = std::memchr(s_.data() + p_, '\n', s_.size() - p_);
            if (!nl) {
                p_ = s_.size();
                return;
            }
            p_ = static_cast<std::size_t>(static_cast<const char*>(nl) - s_.data());
        }
        if (!isBreak(s_[p_])) unsupported();
        newLineAt(afterBreak(p_));
    }

    // After a scalar or flow value: the rest of its line, then the next content line, which may not be indented
    // more than the collection holding the value (comment lines may).
    void endValue(int collectionIndent) {
        finishLine();
        skipToContent(collectionIndent);
    }

    void skipSpaces() {
        while (p_ < s_.size() && s_[p_] == ' ') ++p_;
        if (p_ < s_.size() && s_[p_] == '\t') unsupported();
    }

    // Does a mapping key start at `i`: a one-line quoted scalar or a plain one, then ':' and a blank?
    bool lineHasKey(std::size_t i) const {
        const char c = at(i);
        if (c == '"' || c == '\'') {
            const std::size_t end = quotedEnd(i);
            return end != std::string_view::npos && at(end) == ':' && blankOrEnd(end + 1);
        }
        if (isIndicator(c) || c == ' ' || isBreak(c)) return false;
        for (; i < s_.size(); ++i) {
            const char d = s_[i];
            if (isBreak(d)) return false;
            if (d == ':' && blankOrEnd(i + 1)) return true;
            if (d == '#' && s_[i - 1] == ' ') return false;
        }
        return false;
    }

    // Just past the closing quote of the one-line quoted scalar at `i`, or npos.
    std::size_t quotedEnd(std::size_t i) const {
        const char q = s_[i];
        for (++i; i < s_.size(); ++i) {
            const char d = s_[i];
            if (isBreak(d)) return std::string_view::npos;
            if (q == '"' && d == '\\') {
                ++i;
                continue;
            }
            if (d == q) {
                if (q == '\'' && at(i + 1) == '\'') {
                    ++i;
                    continue;
                }
                return i + 1;
            }
        }
        return std::string_view::npos;
    }

    // A one-line double-quoted scalar at p_ (escapes as libyaml decodes them; \N \_ \L \P and escaped line
    // breaks are left to libyaml).
    std::string readDoubleQuoted() {
        std::string out;
        std::size_t i = p_ + 1;
        std::size_t chunk = i;
        for (;; ++i) {
            if (i >= s_.size()) unsupported();
            const char c = s_[i];
            if (c == '"') break;
            if (isBreak(c)) unsupported();
            if (c != '\\') continue;
            out.append(s_.data() + chunk, i - chunk);
            const char e = at(i + 1);
            int digits = 0;
            switch (e) {
            case '0': out += '\0'; break;
            case 'a': out += '\a'; break;
            case 'b': out += '\b'; break;
            case 't': case '\t': out += '\t'; break;
            case 'n': out += '\n'; break;
            case 'v': out += '\v'; break;
            case 'f': out += '\f'; break;
            case 'r': out += '\r'; break;
            case 'e': out += '\x1B'; break;
            case ' ': out += ' '; break;
            case '"': out += '"'; break;
            case '/': out += '/'; break;
            case '\\': out += '\\'; break;
            case 'x': digits = 2; break;
            case 'u': digits = 4; break;
            case 'U': digits = 8; break;
            default: unsupported();
            }
            i += 1;
            if (digits) {
                std::uint32_t cp = 0;
                for (int k = 1; k <= digits; ++k) {
                    const int h = hexValue(at(i + static_cast<std::size_t>(k)));
                    if (h < 0) unsupported();
                    cp = cp * 16 + static_cast<std::uint32_t>(h);
                }
                if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) unsupported();
                appendUtf8(out, cp);
                i += static_cast<std::size_t>(digits);
            }
            chunk = i + 1;
        }
        out.append(s_.data() + chunk, i - chunk);
        p_ = i + 1;
        return out;
    }

    // A one-line single-quoted scalar at p_ ('' is a quote).
    std::string readSingleQuoted() {
        std::string out;
        std::size_t i = p_ + 1;
        std::size_t chunk = i;
        for (;; ++i) {
            if (i >= s_.size() || isBreak(s_[i])) unsupported();
            if (s_[i] != '\'') continue;
            out.append(s_.data() + chunk, i - chunk);
            if (at(i + 1) != '\'') break;
            out += '\'';
            ++i;
            chunk = i + 1;
        }
        p_ = i + 1;
        return out;
    }

    // A mapping key at p_ up to and past its ':'.
    std::string readKey() {
        const char c = s_[p_];
        std::string key;
        const std::size_t start = p_;
        if (c == '"' || c == '\'') {
            key = c == '"' ? readDoubleQuoted() : readSingleQuoted();
        } else {
            if (isIndicator(c)) unsupported();
            std::size_t i = p_;
            for (;; ++i) {
                const char d = at(i);
                if (isBreak(d) || d == '\t') unsupported();
                if (d == ':' && blankOrEnd(i + 1)) break;
                if (d == '#' && s_[i - 1] == ' ') unsupported();
            }
            std::size_t end = i;
            while (end > p_ && s_[end - 1] == ' ') --end;
            key.assign(s_.data() + p_, end - p_);
            if (isPlainNull(key)) unsupported(); // the libyaml reader refuses a null key with its own message
            p_ = i;
        }
        if (at(p_) != ':' || !blankOrEnd(p_ + 1)) unsupported();
        if (p_ - start > 1000) unsupported(); // libyaml allows a simple key 1024 characters
        ++p_;
        return key;
    }

    // A plain scalar on one line at p_, typed by the core schema like the libyaml reader's untagged plain scalars.
    Json readPlain(int collectionIndent) {
        const std::size_t start = p_;
        std::size_t i = p_;
        for (; i < s_.size(); ++i) {
            const char d = s_[i];
            if (isBreak(d)) break;
            if (d == ' ' && at(i + 1) == '#') break;
            if (d == '\t') unsupported();
            if (d == ':' && blankOrEnd(i + 1)) unsupported(); // a key on a value's line: an error
        }
        std::size_t end = i;
        while (end > start && s_[end - 1] == ' ') --end;
        p_ = i;
        std::string text(s_.data() + start, end - start);
        endValue(collectionIndent);
        if (positions_) return {};
        return typedPlain(std::move(text));
    }

    // An untagged plain scalar typed by the core schema, as the libyaml reader types it (a number out of range
    // is its error to report).
    static Json typedPlain(std::string text) {
        if (isPlainNull(text)) return Json(nullptr);
        Expected<Json> typed = resolvePlainScalar(text);
        if (!typed) unsupported();
        if (typed->is_string()) return Json(std::move(text));
        return std::move(*typed);
    }

    // A literal (|) or folded (>) block scalar: clip or strip chomping, indentation detected (libyaml's
    // yaml_parser_scan_block_scalar); a folded scalar with more-indented lines is left to libyaml.
    Json readBlockScalar(int collectionIndent) {
        const bool literal = s_[p_] == '|';
        ++p_;
        bool strip = false;
        if (at(p_) == '-') {
            strip = true;
            ++p_;
        }
        const char after = at(p_);
        if (after == '+' || (after >= '0' && after <= '9')) unsupported();
        if (after != ' ' && !isBreak(after)) unsupported();
        finishLine();
        if (p_ >= s_.size()) unsupported();
        // Leading blank lines, then the first line with content fixes the indentation.
        int leadingBreaks = 0;
        std::size_t maxBlank = 0;
        std::size_t spaces = 0;
        for (;;) {
            std::size_t i = p_;
            while (i < s_.size() && s_[i] == ' ') ++i;
            spaces = i - p_;
            if (i >= s_.size()) unsupported();
            if (s_[i] == '\t') unsupported();
            if (!isBreak(s_[i])) break;
            maxBlank = std::max(maxBlank, spaces);
            ++leadingBreaks;
            newLineAt(afterBreak(i));
        }
        if (maxBlank > spaces) unsupported();
        const std::size_t indent = std::max<std::size_t>({spaces, static_cast<std::size_t>(collectionIndent + 1), 1});
        std::string out;
        if (spaces >= indent) {
            out.append(static_cast<std::size_t>(leadingBreaks), '\n');
            bool first = true;
            int breaks = 0;      // empty lines since the last content line
            bool lastBreak = false; // the last content line ended with a line break
            for (;;) {
                const std::size_t from = lineStart_ + indent;
                const void* nl = std::memchr(s_.data() + from, '\n', s_.size() - from);
                const std::size_t eol = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - s_.data()) : s_.size();
                std::string_view line = s_.substr(from, eol - from);
                if (!line.empty() && line.back() == '\r') line.remove_suffix(1); // CRLF
                if (!literal && !line.empty() && (line[0] == ' ' || line[0] == '\t')) unsupported();
                if (!first) {
                    if (literal) out.append(static_cast<std::size_t>(breaks) + 1, '\n');
                    else if (breaks == 0) out += ' ';
                    else out.append(static_cast<std::size_t>(breaks), '\n');
                }
                if (!positions_) out.append(line);
                first = false;
                breaks = 0;
                if (eol >= s_.size()) {
                    lastBreak = false;
                    p_ = s_.size();
                    break;
                }
                lastBreak = true;
                newLineAt(eol + 1);
                // The following empty lines, up to the next content line or a less indented one.
                bool more = false;
                for (;;) {
                    std::size_t i = p_;
                    while (i < s_.size() && s_[i] == ' ' && i - lineStart_ < indent) ++i;
                    if (i >= s_.size()) {
                        p_ = s_.size();
                        break;
                    }
                    if (isBreak(s_[i])) {
                        ++breaks;
                        newLineAt(afterBreak(i));
                        continue;
                    }
                    if (i - lineStart_ < indent) {
                        if (s_[i] == '\t') unsupported();
                        break; // a less indented line: the scalar ends
                    }
                    more = true;
                    break;
                }
                if (!more) break;
            }
            if (lastBreak && !strip) out += '\n';
        }
        // p_ is at the start of the line after the scalar (or the end): the collection's next line.
        p_ = std::min(p_, s_.size());
        if (p_ < s_.size()) p_ = lineStart_;
        skipToContent(collectionIndent);
        if (positions_) return {};
        return Json(std::move(out));
    }

    // A one-line flow sequence at p_ ("[]", "[a, 'b', [1, 2], {k: v}]").
    Json readFlowSequence(int depth, std::string& pointer) {
        if (depth >= maxDepth_) unsupported();
        Json array = Json::array();
        ++p_;
        skipSpaces();
        if (at(p_) == ']') {
            ++p_;
            return array;
        }
        for (std::size_t index = 0;; ++index) {
            const std::size_t keep = pointer.size();
            if (positions_) {
                pointer += '/';
                pointer += std::to_string(index);
                record(pointer, mark());
            }
            Json item = readFlowValue(depth + 1, pointer, ']');
            pointer.resize(keep);
            if (!positions_) array.push_back(std::move(item));
            if (flowEntryEnds(']')) break;
        }
        return array;
    }

    // A plain scalar in a flow collection, up to ',' or `closer`; no ':' or '#' (left to libyaml).
    Json readFlowPlain(char closer) {
        const std::size_t start = p_;
        std::size_t i = p_;
        for (;; ++i) {
            const char d = at(i);
            if (d == ',' || d == closer) break;
            if (isBreak(d) || d == '\t' || d == ':' || d == '#' || d == '[' || d == ']' || d == '{' || d == '}') unsupported();
        }
        std::size_t end = i;
        while (end > start && s_[end - 1] == ' ') --end;
        if (end == start) unsupported(); // an empty entry
        p_ = end;
        return typedPlain(std::string(s_.data() + start, end - start));
    }

    // After a flow entry: true past `closer`; past a ',' (and not before `closer`: a trailing comma) false.
    bool flowEntryEnds(char closer) {
        skipSpaces();
        const char next = at(p_);
        ++p_;
        if (next == closer) return true;
        if (next != ',') unsupported();
        skipSpaces();
        if (at(p_) == closer) unsupported(); // a trailing comma
        return false;
    }

    // The members, checked unique, moved into an object once (see the libyaml reader's Frame).
    static Json objectOf(std::vector<std::pair<std::string, Json>>& members) {
        Json object = Json::object();
        auto& target = object.get_ref<Json::object_t&>();
        target.reserve(members.size());
        for (auto& m : members) target.emplace_back(std::move(m.first), std::move(m.second));
        return object;
    }

    // One flow value at p_: a quoted or plain scalar, or a flow collection; `closer` ends a plain scalar.
    Json readFlowValue(int depth, std::string& pointer, char closer) {
        const char c = at(p_);
        if (c == '"') return readDoubleQuoted();
        if (c == '\'') return readSingleQuoted();
        if (c == '[') return readFlowSequence(depth, pointer);
        if (c == '{') return readFlowMapping(depth, pointer);
        if (c == '-' && std::isalnum(static_cast<unsigned char>(at(p_ + 1)))) return readFlowPlain(closer);
        if (isIndicator(c) || isBreak(c)) unsupported();
        return readFlowPlain(closer);
    }

    // A one-line flow mapping at p_ ("{}", "{kind: table, id: 'x', cols: [a, b]}"); each key is followed by ':'
    // and a space.
    Json readFlowMapping(int depth, std::string& pointer) {
        if (depth >= maxDepth_) unsupported();
        ++p_;
        skipSpaces();
        Json object = Json::object();
        if (at(p_) == '}') {
            ++p_;
            return object;
        }
        std::vector<std::pair<std::string, Json>> members;
        for (;;) {
            const Mark keyMark = positions_ ? mark() : Mark{};
            std::string key;
            const char c = at(p_);
            if (c == '"') key = readDoubleQuoted();
            else if (c == '\'') key = readSingleQuoted();
            else {
                if (isIndicator(c) || isBreak(c)) unsupported();
                const std::size_t start = p_;
                while (at(p_) != ':') {
                    const char d = at(p_);
                    if (isBreak(d) || d == '\t' || d == '#' || d == ',' || d == '[' || d == ']' || d == '{' || d == '}')
                        unsupported();
                    ++p_;
                }
                std::size_t end = p_;
                while (end > start && s_[end - 1] == ' ') --end;
                key.assign(s_.data() + start, end - start);
                if (end != p_ || isPlainNull(key)) unsupported();
            }
            if (at(p_) != ':' || at(p_ + 1) != ' ') unsupported();
            p_ += 2;
            skipSpaces();
            if (!positions_)
                for (const auto& m : members)
                    if (m.first == key) unsupported(); // a duplicate: the libyaml reader reports it
            const std::size_t keep = pointer.size();
            if (positions_) {
                pointer += '/';
                pointer += escapePointerToken(key);
                record(pointer, keyMark);
            }
            if (at(p_) == ',' || at(p_) == '}') unsupported(); // an empty value
            Json value = readFlowValue(depth + 1, pointer, '}');
            pointer.resize(keep);
            if (!positions_) members.emplace_back(std::move(key), std::move(value));
            if (flowEntryEnds('}')) break;
        }
        return positions_ ? object : objectOf(members);
    }

    // A value that starts on its key's line or its "- " line, at p_ (not blank, not a comment). `inSequence`: a
    // compact mapping or sequence may start here.
    Json readInlineValue(int collectionIndent, int depth, std::string& pointer, bool inSequence) {
        if (depth >= maxDepth_) unsupported();
        const char c = s_[p_];
        if (inSequence) {
            if (c == '-' && blankOrEnd(p_ + 1)) return readSequence(column(), depth, pointer);
            if (lineHasKey(p_)) return readMapping(column(), depth, pointer);
        }
        switch (c) {
        case '"':
        case '\'': {
            std::string text = c == '"' ? readDoubleQuoted() : readSingleQuoted();
            endValue(collectionIndent);
            return Json(std::move(text));
        }
        case '|':
        case '>': return readBlockScalar(collectionIndent);
        case '[': {
            Json array = readFlowSequence(depth, pointer);
            endValue(collectionIndent);
            return array;
        }
        case '{': {
            Json object = readFlowMapping(depth, pointer);
            endValue(collectionIndent);
            return object;
        }
        case '-':
            if (blankOrEnd(p_ + 1)) unsupported(); // "key: - x"
            return readPlain(collectionIndent);
        default:
            if (isIndicator(c)) unsupported(); // anchors, aliases, tags, reserved indicators, '?' and ':' starts
            return readPlain(collectionIndent);
        }
    }

    // The value of a key or a "-" whose line holds nothing more: the block node on the next lines, an indentless
    // sequence (a mapping's value only), or null.
    Json readValueBelow(int collectionIndent, int depth, std::string& pointer, bool mappingValue) {
        finishLine();
        if (!skipToContent(INT_MAX)) {
            if (!mappingValue) unsupported(); // an empty sequence item
            return Json(nullptr);
        }
        const int indent = column();
        const bool dash = s_[p_] == '-' && blankOrEnd(p_ + 1);
        if (indent > collectionIndent) {
            if (!mappingValue) record(pointer, mark()); // a sequence item's position is its node's
            if (dash) return readSequence(indent, depth, pointer);
            if (lineHasKey(p_)) return readMapping(indent, depth, pointer);
            return readInlineValue(collectionIndent, depth, pointer, false);
        }
        if (mappingValue && indent == collectionIndent && dash) return readSequence(indent, depth, pointer);
        if (!mappingValue) unsupported();
        return Json(nullptr);
    }

    // A block mapping whose first key is at p_, in column `indent`.
    Json readMapping(int indent, int depth, std::string& pointer) {
        if (depth >= maxDepth_) unsupported();
        std::vector<std::pair<std::string, Json>> members;
        std::unordered_set<std::string> keys; // only for large mappings, as in the libyaml reader
        for (;;) {
            const Mark keyMark = positions_ ? mark() : Mark{};
            std::string key = readKey();
            if (!positions_) {
                bool duplicate = false;
                if (!keys.empty()) duplicate = keys.count(key) != 0;
                else
                    for (const auto& m : members)
                        if (m.first == key) duplicate = true;
                if (duplicate) unsupported(); // the libyaml reader reports it
                if (members.size() >= 8) {
                    if (keys.empty())
                        for (const auto& m : members) keys.insert(m.first);
                    keys.insert(key);
                }
            }
            const std::size_t keep = pointer.size();
            if (positions_) {
                pointer += '/';
                pointer += escapePointerToken(key);
                record(pointer, keyMark);
            }
            skipSpaces();
            Json value;
            const char c = at(p_);
            if (isBreak(c) || c == '#') value = readValueBelow(indent, depth + 1, pointer, true);
            else value = readInlineValue(indent, depth + 1, pointer, false);
            pointer.resize(keep);
            if (!positions_) members.emplace_back(std::move(key), std::move(value));
            if (p_ >= s_.size() || column() < indent) break;
            if (column() > indent) unsupported();
            if (s_[p_] == '-' && blankOrEnd(p_ + 1)) unsupported(); // a sequence entry among the keys
        }
        return positions_ ? Json::object() : objectOf(members);
    }

    // A block sequence whose first "-" is at p_, in column `indent`. A line in the same column that is no "-"
    // entry ends it (an indentless sequence, the value of a key in that column).
    Json readSequence(int indent, int depth, std::string& pointer) {
        if (depth >= maxDepth_) unsupported();
        Json array = Json::array();
        for (std::size_t index = 0;; ++index) {
            const std::size_t keep = pointer.size();
            if (positions_) {
                pointer += '/';
                pointer += std::to_string(index);
            }
            ++p_; // the '-'
            skipSpaces();
            Json item;
            const char c = at(p_);
            if (isBreak(c) || c == '#') {
                item = readValueBelow(indent, depth + 1, pointer, false);
            } else {
                record(pointer, mark());
                item = readInlineValue(indent, depth + 1, pointer, true);
            }
            pointer.resize(keep);
            if (!positions_) array.push_back(std::move(item));
            if (p_ >= s_.size() || column() < indent) break;
            if (column() > indent) unsupported();
            if (!(s_[p_] == '-' && blankOrEnd(p_ + 1))) break;
        }
        return array;
    }
};

} // namespace

std::optional<Json> readYamlFast(std::string_view text, int maxDepth, SourceMap* positions) {
    try {
        FastReader reader(text, maxDepth, positions);
        return reader.read();
    } catch (const Unsupported&) {
        if (positions) positions->clear();
        return std::nullopt;
    }
}

} // namespace quire::doc::detail
