#include "json_reader.h"
#include <quire/core/rules.h>

#include "utf8.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace quire::doc::detail {
namespace {

struct ParseError {
    std::string rule;
    std::string message;
    std::size_t offset;
};

class JsonReader {
public:
    JsonReader(std::string_view text, const LoadLimits& limits, SourceMap* positions)
        : s_(text), limits_(limits), positions_(positions) {}

    Json parseDocument() {
        if (s_.substr(0, 3) == "\xEF\xBB\xBF") advance(3);
        skipSpace();
        if (atEnd()) fail("json/syntax", "the file is empty: expected a JSON value");
        std::string pointer;
        Json value = parseValue(pointer, 0);
        skipSpace();
        if (!atEnd()) fail("json/syntax", "unexpected text after the end of the JSON value");
        return value;
    }

private:
    std::string_view s_;
    const LoadLimits& limits_;
    SourceMap* positions_; // nullptr: parse without recording positions
    std::size_t i_ = 0;
    int line_ = 1;
    int column_ = 1;

    [[noreturn]] void fail(RuleCode rule, std::string message) { failAt(rule, std::move(message), i_); }
    [[noreturn]] void failAt(RuleCode rule, std::string message, std::size_t offset) {
        throw ParseError{rule, std::move(message), offset};
    }
    bool atEnd() const { return i_ >= s_.size(); }
    char peek() const { return s_[i_]; }

    void advance(std::size_t n = 1) {
        for (std::size_t k = 0; k < n && i_ < s_.size(); ++k, ++i_) {
            unsigned char c = static_cast<unsigned char>(s_[i_]);
            if (c == '\n') { ++line_; column_ = 1; }
            else if ((c & 0xC0) != 0x80) ++column_;
        }
    }

    void skipSpace() {
        while (!atEnd()) {
            char c = peek();
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') advance();
            else break;
        }
    }

    void expect(char c, const char* what) {
        if (atEnd() || peek() != c) fail("json/syntax", std::string("expected ") + what);
        advance();
    }

    Json parseValue(std::string& pointer, int depth) {
        if (positions_) positions_->set(pointer, {line_, column_});
        return parseValueNoPosition(pointer, depth);
    }

    Json parseValueNoPosition(std::string& pointer, int depth) {
        if (atEnd()) fail("json/syntax", "unexpected end of file: expected a value");
        switch (peek()) {
        case '{': return parseObject(pointer, depth + 1);
        case '[': return parseArray(pointer, depth + 1);
        case '"': return Json(parseString());
        case 't': return literal("true", Json(true));
        case 'f': return literal("false", Json(false));
        case 'n': return literal("null", Json(nullptr));
        default:
            if (peek() == '-' || (peek() >= '0' && peek() <= '9')) return parseNumber();
            fail("json/syntax", "unexpected character '" + printable(peek()) + "': expected a value");
        }
    }

    static std::string printable(char c) {
        unsigned char u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", u);
            return buf;
        }
        return std::string(1, c);
    }

    Json literal(std::string_view word, Json value) {
        if (s_.substr(i_, word.size()) != word) fail("json/syntax", "invalid literal: expected " + std::string(word));
        advance(word.size());
        return value;
    }

    void checkDepth(int depth) {
        if (depth > limits_.maxDepth)
            fail("io/too-deep", "nesting is deeper than " + std::to_string(limits_.maxDepth) + " levels");
    }

    Json parseObject(std::string& pointer, int depth) {
        checkDepth(depth);
        advance(); // {
        Json object = Json::object();
        skipSpace();
        if (!atEnd() && peek() == '}') { advance(); return object; }
        // Duplicate keys: a linear scan for small objects, a hash set once an object grows (no allocation
        // per object in the common case).
        std::unordered_set<std::string> seen;
        // Members are gathered with movable keys and moved into the object once, when it closes: ordered_json
        // stores pair<const std::string, Json>, which a growing vector copies (deep) instead of moving.
        std::vector<std::pair<std::string, Json>> members;
        auto finish = [&] {
            auto& objectMembers = object.get_ref<Json::object_t&>();
            objectMembers.reserve(members.size());
            for (auto& member : members) objectMembers.emplace_back(std::move(member.first), std::move(member.second)); // keys checked unique
            return std::move(object);
        };
        const std::size_t base = pointer.size();
        for (;;) {
            skipSpace();
            if (atEnd() || peek() != '"') fail("json/syntax", "expected a member name in double quotes");
            const int keyLine = line_, keyColumn = column_;
            const std::size_t keyOffset = i_;
            std::string key = parseString();
            bool duplicate = false;
            if (members.size() < 16) {
                for (const auto& member : members)
                    if (member.first == key) { duplicate = true; break; }
            } else {
                if (seen.empty())
                    for (const auto& member : members) seen.insert(member.first);
                duplicate = !seen.insert(key).second;
            }
            if (duplicate) failAt("json/duplicate-key", "duplicate key \"" + key + "\" in the same object", keyOffset);
            skipSpace();
            expect(':', "':' after the member name");
            skipSpace();
            if (positions_) {
                pointer += '/';
                pointer += escapePointerToken(key);
                positions_->set(pointer, {keyLine, keyColumn});
            }
            Json value = parseValueNoPosition(pointer, depth);
            pointer.resize(base);
            members.emplace_back(std::move(key), std::move(value)); // uniqueness checked above
            skipSpace();
            if (atEnd()) fail("json/syntax", "unexpected end of file: the object is not closed with '}'");
            if (peek() == ',') { advance(); continue; }
            if (peek() == '}') { advance(); return finish(); }
            fail("json/syntax", "expected ',' or '}' after an object member");
        }
    }

    Json parseArray(std::string& pointer, int depth) {
        checkDepth(depth);
        advance(); // [
        Json array = Json::array();
        skipSpace();
        if (!atEnd() && peek() == ']') { advance(); return array; }
        const std::size_t base = pointer.size();
        for (std::size_t index = 0;; ++index) {
            skipSpace();
            if (positions_) {
                pointer += '/';
                pointer += std::to_string(index);
            }
            array.push_back(parseValue(pointer, depth));
            pointer.resize(base);
            skipSpace();
            if (atEnd()) fail("json/syntax", "unexpected end of file: the array is not closed with ']'");
            if (peek() == ',') { advance(); continue; }
            if (peek() == ']') { advance(); return array; }
            fail("json/syntax", "expected ',' or ']' after an array item");
        }
    }

    unsigned parseHex4() {
        if (i_ + 4 > s_.size()) fail("json/syntax", "incomplete \\u escape");
        unsigned v = 0;
        for (int k = 0; k < 4; ++k) {
            char c = s_[i_ + k];
            v <<= 4;
            if (c >= '0' && c <= '9') v |= unsigned(c - '0');
            else if (c >= 'a' && c <= 'f') v |= unsigned(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= unsigned(c - 'A' + 10);
            else fail("json/syntax", "invalid \\u escape: expected four hex digits");
        }
        advance(4);
        return v;
    }

    std::string parseString() {
        const std::size_t start = i_;
        advance(); // opening quote
        std::string out;
        for (;;) {
            if (atEnd()) failAt("json/syntax", "unterminated string", start);
            unsigned char c = static_cast<unsigned char>(peek());
            if (c == '"') { advance(); return out; }
            if (c < 0x20) fail("json/syntax", "control character in a string: write it as an escape (\\n, \\t, \\u00XX)");
            if (c == '\\') {
                advance();
                if (atEnd()) failAt("json/syntax", "unterminated string", start);
                char e = peek();
                advance();
                switch (e) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    unsigned cp = parseHex4();
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        if (s_.substr(i_, 2) != "\\u") fail("io/invalid-utf8", "lone UTF-16 high surrogate in \\u escape");
                        advance(2);
                        unsigned low = parseHex4();
                        if (low < 0xDC00 || low > 0xDFFF) fail("io/invalid-utf8", "invalid UTF-16 surrogate pair in \\u escape");
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                        fail("io/invalid-utf8", "lone UTF-16 low surrogate in \\u escape");
                    }
                    appendUtf8(out, cp);
                    break;
                }
                default: fail("json/syntax", "invalid escape '\\" + printable(e) + "' in a string");
                }
                continue;
            }
            if (c < 0x80) {
                // Copy a run of plain ASCII in one go (the common case).
                std::size_t j = i_;
                while (j < s_.size()) {
                    unsigned char d = static_cast<unsigned char>(s_[j]);
                    if (d == '"' || d == '\\' || d < 0x20 || d >= 0x80) break;
                    ++j;
                }
                out.append(s_.data() + i_, j - i_);
                column_ += int(j - i_);
                i_ = j;
                continue;
            }
            std::size_t n = utf8SequenceLength(s_, i_);
            if (n == 0) fail("io/invalid-utf8", "invalid UTF-8 byte sequence in a string");
            out.append(s_.data() + i_, n);
            advance(n);
        }
    }

    Json parseNumber() {
        const std::size_t start = i_;
        bool isFloat = false;
        if (peek() == '-') advance();
        if (atEnd() || !(peek() >= '0' && peek() <= '9')) fail("json/syntax", "invalid number: expected a digit");
        if (peek() == '0') {
            advance();
            if (!atEnd() && peek() >= '0' && peek() <= '9') fail("json/syntax", "invalid number: leading zeros are not allowed");
        } else {
            while (!atEnd() && peek() >= '0' && peek() <= '9') advance();
        }
        if (!atEnd() && peek() == '.') {
            isFloat = true;
            advance();
            if (atEnd() || !(peek() >= '0' && peek() <= '9')) fail("json/syntax", "invalid number: expected a digit after '.'");
            while (!atEnd() && peek() >= '0' && peek() <= '9') advance();
        }
        if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
            isFloat = true;
            advance();
            if (!atEnd() && (peek() == '+' || peek() == '-')) advance();
            if (atEnd() || !(peek() >= '0' && peek() <= '9')) fail("json/syntax", "invalid number: expected exponent digits");
            while (!atEnd() && peek() >= '0' && peek() <= '9') advance();
        }
        const std::string_view number = s_.substr(start, i_ - start);
        Json value;
        if (auto error = numberFromText(number, !isFloat, value)) failAt("json/number-out-of-range", *error, start);
        return value;
    }
};

} // namespace

std::optional<std::string> numberFromText(std::string_view text, bool integral, Json& out) {
    if (!text.empty() && text[0] == '+') text.remove_prefix(1); // YAML allows a leading '+'
    const char* first = text.data();
    const char* last = text.data() + text.size();
    if (integral) {
        if (*first == '-') {
            std::int64_t v;
            if (auto r = std::from_chars(first, last, v); r.ec == std::errc() && r.ptr == last) {
                out = Json(v);
                return std::nullopt;
            }
        } else {
            std::uint64_t v;
            if (auto r = std::from_chars(first, last, v); r.ec == std::errc() && r.ptr == last) {
                out = v <= static_cast<std::uint64_t>(INT64_MAX) ? Json(static_cast<std::int64_t>(v)) : Json(v);
                return std::nullopt;
            }
        }
        return "integer " + std::string(text) +
               " does not fit in 64 bits; write it in float notation (e.g. 1.5e20) to keep an approximate number";
    }
    double d;
    const auto r = std::from_chars(first, last, d);
    const std::string_view mantissa = text.substr(0, text.find_first_of("eE"));
    const bool zeroDigits = mantissa.find_first_of("123456789") == std::string_view::npos;
    // libstdc++ reports overflow and non-zero values that round to zero as out of range; checked again
    // on the result so another library's from_chars cannot turn them into infinity or 0 silently.
    if (r.ec == std::errc::result_out_of_range || (r.ec == std::errc() && (std::isinf(d) || (d == 0 && !zeroDigits))))
        return "number " + std::string(text) + " is out of range for a 64-bit float";
    if (r.ec != std::errc() || r.ptr != last) return "invalid number " + std::string(text);
    out = Json(d);
    return std::nullopt;
}

LoadResult readJson(std::shared_ptr<const std::string> source, const std::string& path, const LoadLimits& limits) {
    const std::string_view text = *source;
    LoadResult result;
    Document document;
    document.format = Format::Json;
    document.path = path;
    JsonReader reader(text, limits, nullptr);
    try {
        document.root = reader.parseDocument();
    } catch (const ParseError& e) {
        int line, column;
        lineColumnAt(text, e.offset, line, column);
        result.diagnostics.push_back({Severity::Error, e.rule, e.message, "", {path, line, column}, std::nullopt});
        return result;
    }
    // Positions are computed on first use from a copy of the text (one more pass, only when needed).
    document.sourceText = source;
    document.positions.setLazy([source, limits](SourceMap& map) {
        map.reserve(source->size() / 12);
        JsonReader again(*source, limits, &map);
        try {
            again.parseDocument();
        } catch (const ParseError&) {
        }
    });
    result.document = std::move(document);
    return result;
}

} // namespace quire::doc::detail
