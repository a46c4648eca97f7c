#include "yaml_reader.h"
#include <quire/core/rules.h>

#include "json_reader.h"
#include "utf8.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <istream>
#include <streambuf>
#include <unordered_map>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <algorithm>
#include <cctype>
#include <vector>
#include <string>
#include <unordered_set>

namespace quire::doc::detail {
namespace {

struct ConvertError {
    RuleCode rule;
    std::string message;
    YAML::Mark mark;
};

bool isDigits(std::string_view s, int base) {
    if (s.empty()) return false;
    for (char c : s) {
        bool ok = base == 16 ? std::isxdigit(static_cast<unsigned char>(c)) != 0
                  : base == 8 ? (c >= '0' && c <= '7')
                              : (c >= '0' && c <= '9');
        if (!ok) return false;
    }
    return true;
}

// Estimate of the nesting depth yaml-cpp would recurse into: flow brackets plus block indentation levels.
// Conservative (quotes and comments are skipped) and linear in the input size. Returns the offset where the
// estimate first exceeds `limit`, or npos.
std::size_t findTooDeep(std::string_view s, int limit) {
    int flow = 0;
    std::vector<std::size_t> indents;
    std::size_t i = 0;
    while (i < s.size()) {
        // Start of a line: measure indentation (spaces, and "- " sequence markers that open a level each).
        std::size_t indent = 0;
        while (i < s.size() && s[i] == ' ') { ++i; ++indent; }
        if (i < s.size() && s[i] != '\n' && s[i] != '#' && flow == 0) {
            std::size_t level = indent;
            while (!indents.empty() && indents.back() > level) indents.pop_back();
            if (indents.empty() || indents.back() < level) indents.push_back(level);
            // "- - - x" opens one level per dash on the same line.
            std::size_t j = i;
            while (j + 1 < s.size() && s[j] == '-' && s[j + 1] == ' ') {
                j += 2;
                while (j < s.size() && s[j] == ' ') ++j;
                indents.push_back(level + (j - i));
            }
        }
        char quote = 0;
        const std::size_t lineStart = i;
        for (; i < s.size() && s[i] != '\n'; ++i) {
            char c = s[i];
            if (quote) {
                if (quote == '"' && c == '\\' && i + 1 < s.size() && s[i + 1] != '\n') ++i; // escaped character
                else if (c == quote) quote = 0;
                continue;
            }
            // A quote opens a quoted scalar only where a token starts ("it's" is a plain scalar): otherwise
            // the brackets after it would be skipped and the estimate would fall short.
            const bool tokenStart = i == lineStart || std::string_view(" \t[{,:-?").find(s[i - 1]) != std::string_view::npos;
            if ((c == '"' || c == '\'') && tokenStart) quote = c;
            else if (c == '#' && (i == 0 || s[i - 1] == ' ')) { while (i < s.size() && s[i] != '\n') ++i; break; }
            else if (c == '[' || c == '{') {
                if (int(indents.size()) + ++flow > limit) return i;
            }
            else if (c == ']' || c == '}') flow = std::max(0, flow - 1);
        }
        if (int(indents.size()) + flow > limit) return lineStart;
        if (i < s.size()) ++i; // newline
    }
    return std::string_view::npos;
}

// yaml-cpp counts columns in bytes; diagnostics count code points. Converts a mark's byte column, remembering
// the last conversion so marks met in document order cost O(1) each, even on one 50 MB line.
class ColumnMapper {
public:
    explicit ColumnMapper(std::string_view text) : text_(text) {}

    SourcePos operator()(const YAML::Mark& mark) {
        if (mark.is_null() || mark.pos < 0 || mark.column < 0 || mark.pos < mark.column) return {};
        const auto pos = std::min(static_cast<std::size_t>(mark.pos), text_.size());
        const auto lineStart = pos - std::min(static_cast<std::size_t>(mark.column), pos);
        if (lineStart != lineStart_ || pos < lastPos_) {
            lineStart_ = lineStart;
            lastPos_ = lineStart;
            lastColumn_ = 1;
        }
        for (; lastPos_ < pos; ++lastPos_)
            if ((static_cast<unsigned char>(text_[lastPos_]) & 0xC0) != 0x80) ++lastColumn_;
        return {mark.line + 1, lastColumn_};
    }

private:
    std::string_view text_;
    std::size_t lineStart_ = std::string_view::npos;
    std::size_t lastPos_ = 0;
    int lastColumn_ = 1;
};

// Builds the JSON tree straight from yaml-cpp's parse events (no intermediate YAML::Node tree), or, given a
// SourceMap, only records the position of every value (for mapping members: of the key) without building
// the tree again: the positions are asked for after a first pass has built and checked the document.
class JsonBuilder : public YAML::EventHandler {
public:
    // aliasBytes: how many bytes aliases may add in total (the file size limit minus the file's size).
    JsonBuilder(int maxDepth, std::size_t aliasBytes) : maxDepth_(maxDepth), maxAliasBytes_(aliasBytes) {}
    JsonBuilder(SourceMap& positions, ColumnMapper& columns, int maxDepth)
        : positions_(&positions), columns_(&columns), maxDepth_(maxDepth), maxAliasBytes_(0) {}

    Json takeResult() { return std::move(result_); }
    bool hasResult() const { return done_; }

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { complete(mark, Json(nullptr), anchor); }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        if (positions_) { // the alias's own position; what it copies was checked by the first pass
            childPointer(mark);
            attach(Json());
            return;
        }
        auto it = anchors_.find(anchor);
        if (it == anchors_.end()) throw ConvertError{"yaml/syntax", "alias to an unknown anchor", mark};
        // Aliases are copied into the tree; a few nested ones can multiply into billions of values, and a
        // big scalar aliased a thousand times into gigabytes. Both are checked before the copy is made.
        aliasValues_ += it->second.size.values;
        if (aliasValues_ > kMaxAliasValues)
            throw ConvertError{"yaml/alias-expansion",
                               "aliases expand to more than " + std::to_string(kMaxAliasValues) + " values", mark};
        aliasBytes_ += it->second.size.bytes;
        if (aliasBytes_ > maxAliasBytes_)
            throw ConvertError{"yaml/alias-expansion",
                               "aliases expand the document by more than " + std::to_string(maxAliasBytes_) +
                                   " bytes (with the file itself, more than the file size limit)",
                               mark};
        complete(mark, it->second.value, YAML::NullAnchor);
    }
    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, const std::string& value) override {
        // The file is valid UTF-8 (checked before parsing), but yaml-cpp writes the escapes \N and \_ as the single
        // bytes 0x85 and 0xA0, and mangles some control characters (a NUL inside a plain scalar): a document holding
        // such a string could be loaded but never written or validated (the JSON writer throws on it).
        if (detail::findInvalidUtf8(value) != std::string_view::npos)
            throw ConvertError{"io/invalid-utf8",
                               "this string does not read as valid UTF-8 (write the escapes \\N and \\_ as \\u0085 "
                               "and \\u00A0; remove control characters)",
                               mark};
        if (positions_) {
            if (expectingKey()) {
                Frame& f = frames_.back();
                f.key = value;
                f.keyMark = mark;
                f.haveKey = true;
                return;
            }
            childPointer(mark);
            attach(Json());
            return;
        }
        if (expectingKey()) {
            if (tag != "?" && tag != "!" && coreTag(tag) != "str")
                throw ConvertError{"yaml/unsupported-tag",
                                   "YAML tag '" + shownTag(tag) + "' on a mapping key: keys are plain strings", mark};
            Frame& f = frames_.back();
            if (f.hasKey(value))
                throw ConvertError{"yaml/duplicate-key", "duplicate key \"" + value + "\" in the same mapping", mark};
            f.key = value;
            f.keyMark = mark;
            f.haveKey = true;
            if (f.members.size() >= 8) {
                if (f.keys.empty())
                    for (const auto& member : f.members) f.keys.insert(member.first);
                f.keys.insert(value);
            }
            return;
        }
        complete(mark, typedScalar(mark, tag, value), anchor);
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
        checkCollectionTag(mark, tag, "seq");
        open(mark, Json::array(), anchor);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
        checkCollectionTag(mark, tag, "map");
        open(mark, Json::object(), anchor);
    }
    void OnMapEnd() override { close(); }

    SourcePos position(const YAML::Mark& mark) const { return columns_ ? (*columns_)(mark) : SourcePos{}; }

private:
    // "tag:yaml.org,2002:int" -> "int"; "" for any other tag.
    static std::string_view coreTag(std::string_view tag) {
        constexpr std::string_view prefix = "tag:yaml.org,2002:";
        return tag.substr(0, prefix.size()) == prefix ? tag.substr(prefix.size()) : std::string_view();
    }
    // The tag as written in the file (yaml-cpp expands the "!!" shorthand).
    static std::string shownTag(std::string_view tag) {
        constexpr std::string_view prefix = "tag:yaml.org,2002:";
        if (tag.substr(0, prefix.size()) == prefix) return "!!" + std::string(tag.substr(prefix.size()));
        return std::string(tag);
    }
    [[noreturn]] static void unsupportedTag(const YAML::Mark& mark, std::string_view tag) {
        throw ConvertError{"yaml/unsupported-tag",
                           "unsupported YAML tag '" + shownTag(tag) +
                               "': only the core-schema tags !!str, !!int, !!float, !!bool, !!null, !!map, !!seq and "
                               "the non-specific '!' have a meaning here",
                           mark};
    }

    // A scalar typed by its tag: "?" (plain: core-schema resolution), "!" (quoted or block: a string) or one
    // of the core-schema tags, whose value must then have that type. Anything else is refused, so no tag
    // (!!python/object, !!binary, !!set, custom ones) is silently dropped.
    static Json typedScalar(const YAML::Mark& mark, const std::string& tag, const std::string& value) {
        if (tag == "!") return Json(value);
        if (tag == "?") {
            Expected<Json> out = resolvePlainScalar(value);
            if (!out) throw ConvertError{"yaml/number-out-of-range", out.message(), mark};
            return std::move(*out);
        }
        const std::string_view core = coreTag(tag);
        if (core == "str") return Json(value);
        if (core != "int" && core != "float" && core != "bool" && core != "null") {
            if (core == "map" || core == "seq")
                throw ConvertError{"yaml/tag-mismatch", "'" + shownTag(tag) + "' is on a scalar", mark};
            unsupportedTag(mark, tag);
        }
        Expected<Json> resolved = resolvePlainScalar(value);
        if (!resolved) throw ConvertError{"yaml/number-out-of-range", resolved.message(), mark};
        Json out = std::move(*resolved);
        const bool fits = core == "int"     ? out.is_number_integer()
                          : core == "float" ? out.is_number()
                          : core == "bool"  ? out.is_boolean()
                                            : out.is_null();
        if (!fits)
            throw ConvertError{"yaml/tag-mismatch", "\"" + value + "\" is not a valid " + shownTag(tag) + " value", mark};
        if (core == "float" && out.is_number_integer()) out = Json(out.get<double>()); // !!float 1 is 1.0
        return out;
    }

    static void checkCollectionTag(const YAML::Mark& mark, const std::string& tag, std::string_view kind) {
        if (tag == "?" || tag == "!") return;
        const std::string_view core = coreTag(tag);
        if (core == kind) return;
        if (core == "map" || core == "seq" || core == "str" || core == "int" || core == "float" || core == "bool" ||
            core == "null")
            throw ConvertError{"yaml/tag-mismatch",
                               "'" + shownTag(tag) + "' is on a " + (kind == "map" ? "mapping" : "sequence"), mark};
        unsupportedTag(mark, tag);
    }

    struct Frame {
        Json value; // sequences: the array being filled; mappings: an empty object until close()
        std::size_t count = 0; // values attached so far (a sequence's next index)
        std::string pointer;
        YAML::anchor_t anchor = YAML::NullAnchor;
        // Mappings: the members so far, and the key waiting for its value. The members are gathered with
        // movable keys and moved into the object once, at the end: ordered_json's member vector holds
        // pair<const std::string, Json>, which its reallocation copies (a deep copy of every member so far),
        // so growing it member by member copied e.g. all elements when `layout` followed them.
        std::vector<std::pair<std::string, Json>> members;
        std::string key;
        YAML::Mark keyMark;
        bool haveKey = false;
        std::unordered_set<std::string> keys; // only for large mappings (duplicate checks stay linear)

        bool hasKey(const std::string& k) const {
            if (!keys.empty()) return keys.count(k) != 0;
            for (const auto& member : members)
                if (member.first == k) return true;
            return false;
        }
    };

    bool expectingKey() const { return !frames_.empty() && frames_.back().value.is_object() && !frames_.back().haveKey; }

    // The pointer a new value gets, and records its position.
    std::string childPointer(const YAML::Mark& mark) {
        if (!positions_) return {};
        if (frames_.empty()) {
            positions_->set("", position(mark));
            return {};
        }
        Frame& f = frames_.back();
        std::string pointer = f.pointer;
        pointer += '/';
        if (f.value.is_array()) {
            pointer += std::to_string(f.count);
            positions_->set(pointer, position(mark));
        } else {
            pointer += escapePointerToken(f.key);
            positions_->set(pointer, position(f.keyMark));
        }
        return pointer;
    }

    void open(const YAML::Mark& mark, Json empty, YAML::anchor_t anchor) {
        if (expectingKey()) throw ConvertError{"yaml/complex-key", "mapping keys must be plain strings", mark};
        if (int(frames_.size()) >= maxDepth_)
            throw ConvertError{"io/too-deep", "nesting is deeper than " + std::to_string(maxDepth_) + " levels", mark};
        std::string pointer = childPointer(mark);
        frames_.push_back(Frame{std::move(empty), 0, std::move(pointer), anchor, {}, {}, {}, false, {}});
    }

    void close() {
        if (positions_) {
            frames_.pop_back();
            attach(Json());
            return;
        }
        Frame f = std::move(frames_.back());
        frames_.pop_back();
        if (f.value.is_object()) {
            auto& object = f.value.get_ref<Json::object_t&>();
            object.reserve(f.members.size());
            for (auto& member : f.members) object.emplace_back(std::move(member.first), std::move(member.second)); // keys checked unique
        }
        if (f.anchor != YAML::NullAnchor) anchors_[f.anchor] = Anchored{f.value, measure(f.value)};
        attach(std::move(f.value));
    }

    void complete(const YAML::Mark& mark, Json value, YAML::anchor_t anchor) {
        if (expectingKey()) {
            if (value.is_null()) throw ConvertError{"yaml/complex-key", "mapping keys must be plain strings", mark};
            throw ConvertError{"yaml/complex-key", "mapping keys must be plain strings", mark};
        }
        childPointer(mark);
        if (anchor != YAML::NullAnchor && !positions_) anchors_[anchor] = Anchored{value, measure(value)};
        attach(std::move(value));
    }

    void attach(Json value) {
        if (frames_.empty()) {
            result_ = std::move(value);
            done_ = true;
            return;
        }
        Frame& f = frames_.back();
        ++f.count;
        if (positions_) {
            f.haveKey = false;
        } else if (f.value.is_array()) {
            f.value.push_back(std::move(value));
        } else {
            f.members.emplace_back(std::move(f.key), std::move(value));
            f.haveKey = false;
        }
    }

    SourceMap* positions_ = nullptr; // set: record positions only, build nothing
    ColumnMapper* columns_ = nullptr;
    int maxDepth_;
    std::vector<Frame> frames_;
    // What a copy of a value adds: its values, and its bytes (strings and keys, plus one per value).
    struct Size {
        std::size_t values = 0;
        std::size_t bytes = 0;
    };
    struct Anchored {
        Json value;
        Size size;
    };
    static constexpr std::size_t kMaxAliasValues = 1'000'000;
    static Size measure(const Json& root) {
        Size size;
        std::vector<const Json*> stack{&root};
        while (!stack.empty()) {
            const Json* v = stack.back();
            stack.pop_back();
            ++size.values;
            ++size.bytes;
            if (v->is_string()) size.bytes += v->get_ref<const std::string&>().size();
            if (v->is_object())
                for (auto it = v->begin(); it != v->end(); ++it) {
                    size.bytes += it.key().size();
                    stack.push_back(&*it);
                }
            else if (v->is_array())
                for (const auto& child : *v) stack.push_back(&child);
        }
        return size;
    }
    std::unordered_map<YAML::anchor_t, Anchored> anchors_;
    std::size_t aliasValues_ = 0;
    std::size_t maxAliasBytes_;
    std::size_t aliasBytes_ = 0;
    Json result_;
    bool done_ = false;
};

// Reads a string the caller keeps alive, without copying it (an std::istringstream copies the text, twice with
// the std::string it is built from: 90 MB more peak memory for a 45 MB workbook). Read-only: yaml-cpp only
// reads, and puts back characters it has read, which needs no write.
class TextStreamBuf : public std::streambuf {
public:
    explicit TextStreamBuf(std::string_view text) {
        char* begin = const_cast<char*>(text.data());
        setg(begin, begin, begin + text.size());
    }
};

// Line of the second document's start ("---" after content), for the multiple-documents error.
int secondDocumentLine(std::string_view text) {
    int line = 1;
    bool content = false;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t nl = text.find('\n', i);
        std::string_view l = text.substr(i, nl == std::string_view::npos ? std::string_view::npos : nl - i);
        if (l.substr(0, 3) == "---" && content) return line;
        if (!l.empty() && l[0] != '#' && l.substr(0, 3) != "---" && l.substr(0, 1) != "%") content = true;
        if (nl == std::string_view::npos) break;
        i = nl + 1;
        ++line;
    }
    return line;
}

} // namespace

Expected<Json> resolvePlainScalar(const std::string& s) {
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return Json(nullptr);
    if (s == "true" || s == "True" || s == "TRUE") return Json(true);
    if (s == "false" || s == "False" || s == "FALSE") return Json(false);
    std::string_view v(s);
    // A number the JSON tree cannot hold exactly is an error (reported by the reader), never a silent
    // infinity, zero or rounded integer. null (not a string) tells the writer to quote such text.
    auto number = [&](std::string_view text, bool integral) -> Expected<Json> {
        Json out;
        if (auto why = numberFromText(text, integral, out)) return makeDiagnostic("yaml/number-out-of-range", *why);
        return out;
    };
    // Integers: [-+]?[0-9]+, 0o[0-7]+, 0x[0-9a-fA-F]+
    {
        std::string_view digits = v;
        if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) digits.remove_prefix(1);
        if (isDigits(digits, 10)) return number(v, true);
        if (v.size() > 2 && v[0] == '0' && (v[1] == 'o' || v[1] == 'x')) {
            int base = v[1] == 'o' ? 8 : 16;
            std::string_view body = v.substr(2);
            if (isDigits(body, base)) {
                std::uint64_t out;
                auto r = std::from_chars(body.data(), body.data() + body.size(), out, base);
                if (r.ec == std::errc() && r.ptr == body.data() + body.size())
                    return out <= static_cast<std::uint64_t>(INT64_MAX) ? Json(static_cast<std::int64_t>(out)) : Json(out);
                return makeDiagnostic("yaml/number-out-of-range", "integer " + s + " does not fit in 64 bits");
            }
        }
    }
    // Floats: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?  and .inf/.nan
    {
        std::size_t i = 0;
        if (i < v.size() && (v[i] == '-' || v[i] == '+')) ++i;
        std::size_t intStart = i;
        while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) ++i;
        bool intDigits = i > intStart;
        bool fracDigits = false;
        bool ok = true;
        if (i < v.size() && v[i] == '.') {
            ++i;
            std::size_t fracStart = i;
            while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) ++i;
            fracDigits = i > fracStart;
        }
        if (!intDigits && !fracDigits) ok = false;
        if (ok && i < v.size() && (v[i] == 'e' || v[i] == 'E')) {
            ++i;
            if (i < v.size() && (v[i] == '-' || v[i] == '+')) ++i;
            std::size_t expStart = i;
            while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) ++i;
            if (i == expStart) ok = false;
        }
        if (ok && i == v.size()) return number(v, false);
        std::string_view body = (!v.empty() && (v[0] == '-' || v[0] == '+')) ? v.substr(1) : v;
        if (body == ".inf" || body == ".Inf" || body == ".INF" || body == ".nan" || body == ".NaN" || body == ".NAN")
            return Json(s); // JSON has no infinities or NaN: keep the text
    }
    return Json(s);
}

LoadResult readYaml(std::shared_ptr<const std::string> source, const std::string& path, const LoadLimits& limits) {
    std::string_view text = *source;
    LoadResult result;
    auto error = [&](RuleCode rule, std::string message, int line, int column) {
        result.diagnostics.push_back({Severity::Error, std::move(rule), std::move(message), "", {path, line, column}, std::nullopt});
        return std::move(result);
    };
    const std::size_t bom = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    text.remove_prefix(bom);
    if (std::size_t at = findTooDeep(text, limits.maxDepth); at != std::string_view::npos) {
        int line, column;
        lineColumnAt(text, at, line, column);
        return error("io/too-deep", "nesting is deeper than " + std::to_string(limits.maxDepth) + " levels", line, column);
    }
    // Aliases may grow the document up to the size a file may have.
    const std::size_t aliasBytes = limits.maxBytes - std::min(limits.maxBytes, text.size());
    Document document;
    document.format = Format::Yaml;
    document.path = path;
    TextStreamBuf buffer(text);
    std::istream in(&buffer);
    try {
        YAML::Parser parser(in);
        JsonBuilder builder(limits.maxDepth, aliasBytes);
        if (!parser.HandleNextDocument(builder) || !builder.hasResult())
            return error("yaml/syntax", "the file is empty: expected a YAML mapping", 1, 1);
        document.root = builder.takeResult();
        JsonBuilder second(limits.maxDepth, aliasBytes);
        if (parser.HandleNextDocument(second))
            return error("yaml/multiple-documents", "the file holds several YAML documents; a workbook is exactly one",
                         secondDocumentLine(text), 1);
    } catch (const ConvertError& e) {
        const SourcePos pos = ColumnMapper(text)(e.mark);
        return error(e.rule, e.message, pos.line, pos.column);
    } catch (const YAML::Exception& e) {
        const SourcePos pos = ColumnMapper(text)(e.mark);
        return error("yaml/syntax", e.msg.empty() ? "invalid YAML" : e.msg, pos.line, pos.column);
    }
    // Positions are computed on first use by parsing a copy of the text again, this time recording them.
    document.sourceText = source;
    document.positions.setLazy([source, bom, limits](SourceMap& map) {
        const std::string_view body = std::string_view(*source).substr(bom);
        map.reserve(body.size() / 16);
        TextStreamBuf buffer(body);
        std::istream again(&buffer);
        try {
            YAML::Parser parser(again);
            ColumnMapper columns(body);
            JsonBuilder builder(map, columns, limits.maxDepth);
            parser.HandleNextDocument(builder);
        } catch (const std::exception&) {
        }
    });
    result.document = std::move(document);
    return result;
}

} // namespace quire::doc::detail
