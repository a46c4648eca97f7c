#include "yaml_reader.h"
#include <quire/core/rules.h>

#include "json_reader.h"
#include "yaml_fast_path.h"
#include "utf8.h"

#include <yaml.h>

#include <cstdio>
#include <optional>
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

// Estimate of the nesting depth: flow brackets plus block indentation levels (the reader's own limit, checked
// before parsing so that hostile depth costs no tree).
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

// A position as libyaml reports it: 0-based line and column, the column counted in characters (code points),
// which is what diagnostics count. line < 0: no position.
struct Mark {
    int line = -1;
    int column = 0;
};

SourcePos toPosition(const Mark& mark) { return mark.line < 0 ? SourcePos{} : SourcePos{mark.line + 1, mark.column + 1}; }

struct ConvertError {
    RuleCode rule;
    std::string message;
    Mark mark;
    std::size_t offset = std::string_view::npos; // set instead of mark: a byte offset (libyaml's reader errors)
};

// Builds the JSON tree straight from libyaml's parse events (no intermediate node tree), or, given a
// SourceMap, only records the position of every value (for mapping members: of the key) without building
// the tree again: the positions are asked for after a first pass has built and checked the document.
//
// The tags it is given: "?" for a plain scalar or a collection without a tag, "!" for a quoted or block scalar
// without one (or with the non-specific "!"), else the tag as libyaml resolved it ("!!int" is
// "tag:yaml.org,2002:int").
class JsonBuilder {
public:
    // aliasBytes: how many bytes aliases may add in total (the file size limit minus the file's size).
    JsonBuilder(int maxDepth, std::size_t aliasBytes) : maxDepth_(maxDepth), maxAliasBytes_(aliasBytes) {}
    JsonBuilder(SourceMap& positions, int maxDepth) : positions_(&positions), maxDepth_(maxDepth), maxAliasBytes_(0) {}

    Json takeResult() { return std::move(result_); }
    bool hasResult() const { return done_; }

    // An empty node, or a plain untagged null ("", "~", null, Null, NULL).
    void onNull(const Mark& mark, std::string_view anchor) { complete(mark, Json(nullptr), anchor); }
    void onAlias(const Mark& mark, std::string_view anchor) {
        if (positions_) { // the alias's own position; what it copies was checked by the first pass
            childPointer(mark);
            attach(Json());
            return;
        }
        auto it = anchors_.find(std::string(anchor));
        if (it == anchors_.end() || it->second.pending)
            throw ConvertError{"yaml/syntax", "alias *" + std::string(anchor) + " refers to an unknown anchor", mark};
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
        complete(mark, it->second.value, {});
    }
    void onScalar(const Mark& mark, std::string_view tag, std::string_view anchor, std::string value) {
        // libyaml decodes and checks the text, escapes included; kept as a guard because a string that is not
        // UTF-8 could be loaded but never written or validated (the JSON writer throws on it).
        if (detail::findInvalidUtf8(value) != std::string_view::npos)
            throw ConvertError{"io/invalid-utf8", "this string does not read as valid UTF-8", mark};
        if (positions_) {
            if (expectingKey()) {
                Frame& f = frames_.back();
                f.key = std::move(value);
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
            if (f.members.size() >= 8) {
                if (f.keys.empty())
                    for (const auto& member : f.members) f.keys.insert(member.first);
                f.keys.insert(value);
            }
            f.key = std::move(value);
            f.keyMark = mark;
            f.haveKey = true;
            return;
        }
        complete(mark, typedScalar(mark, tag, value), anchor);
    }
    void onSequenceStart(const Mark& mark, std::string_view tag, std::string_view anchor) {
        checkCollectionTag(mark, tag, "seq");
        open(mark, Json::array(), anchor);
    }
    void onMapStart(const Mark& mark, std::string_view tag, std::string_view anchor) {
        checkCollectionTag(mark, tag, "map");
        open(mark, Json::object(), anchor);
    }
    void onCollectionEnd() { close(); }

private:
    // "tag:yaml.org,2002:int" -> "int"; "" for any other tag.
    static std::string_view coreTag(std::string_view tag) {
        constexpr std::string_view prefix = "tag:yaml.org,2002:";
        return tag.substr(0, prefix.size()) == prefix ? tag.substr(prefix.size()) : std::string_view();
    }
    // The tag as written in the file (libyaml expands the "!!" shorthand).
    static std::string shownTag(std::string_view tag) {
        constexpr std::string_view prefix = "tag:yaml.org,2002:";
        if (tag.substr(0, prefix.size()) == prefix) return "!!" + std::string(tag.substr(prefix.size()));
        return std::string(tag);
    }
    [[noreturn]] static void unsupportedTag(const Mark& mark, std::string_view tag) {
        throw ConvertError{"yaml/unsupported-tag",
                           "unsupported YAML tag '" + shownTag(tag) +
                               "': only the core-schema tags !!str, !!int, !!float, !!bool, !!null, !!map, !!seq and "
                               "the non-specific '!' have a meaning here",
                           mark};
    }

    // A scalar typed by its tag: "?" (plain: core-schema resolution), "!" (quoted or block: a string) or one
    // of the core-schema tags, whose value must then have that type. Anything else is refused, so no tag
    // (!!python/object, !!binary, !!set, custom ones) is silently dropped.
    static Json typedScalar(const Mark& mark, std::string_view tag, std::string& value) {
        if (tag == "!") return Json(std::move(value));
        if (tag == "?") {
            Expected<Json> out = resolvePlainScalar(value);
            if (!out) throw ConvertError{"yaml/number-out-of-range", out.message(), mark};
            if (out->is_string()) return Json(std::move(value));
            return std::move(*out);
        }
        const std::string_view core = coreTag(tag);
        if (core == "str") return Json(std::move(value));
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

    static void checkCollectionTag(const Mark& mark, std::string_view tag, std::string_view kind) {
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
        std::string anchor;
        std::uint64_t anchorGeneration = 0; // which definition of the anchor's name this collection is
        // Mappings: the members so far, and the key waiting for its value. The members are gathered with
        // movable keys and moved into the object once, at the end: ordered_json's member vector holds
        // pair<const std::string, Json>, which its reallocation copies (a deep copy of every member so far),
        // so growing it member by member copied e.g. all elements when `layout` followed them.
        std::vector<std::pair<std::string, Json>> members;
        std::string key;
        Mark keyMark;
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
    std::string childPointer(const Mark& mark) {
        if (!positions_) return {};
        if (frames_.empty()) {
            positions_->set("", toPosition(mark));
            return {};
        }
        Frame& f = frames_.back();
        std::string pointer = f.pointer;
        pointer += '/';
        if (f.value.is_array()) {
            pointer += std::to_string(f.count);
            positions_->set(pointer, toPosition(mark));
        } else {
            pointer += escapePointerToken(f.key);
            positions_->set(pointer, toPosition(f.keyMark));
        }
        return pointer;
    }

    void open(const Mark& mark, Json empty, std::string_view anchor) {
        if (expectingKey()) throw ConvertError{"yaml/complex-key", "mapping keys must be plain strings", mark};
        if (int(frames_.size()) >= maxDepth_)
            throw ConvertError{"io/too-deep", "nesting is deeper than " + std::to_string(maxDepth_) + " levels", mark};
        // An anchor names its collection from where it is written (an alias refers to the most recent anchor of
        // its name before it): an alias inside the collection, to it or to an earlier node of the same name, is
        // unknown, and a node inside that takes the name keeps it after the collection is complete.
        std::uint64_t generation = 0;
        if (!anchor.empty() && !positions_) {
            Anchored& a = anchors_[std::string(anchor)];
            a = Anchored{};
            a.pending = true;
            a.generation = generation = ++anchorGeneration_;
        }
        std::string pointer = childPointer(mark);
        frames_.push_back(Frame{std::move(empty), 0, std::move(pointer), std::string(anchor), generation, {}, {}, {}, false, {}});
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
        if (!f.anchor.empty())
            if (auto it = anchors_.find(f.anchor); it != anchors_.end() && it->second.generation == f.anchorGeneration)
                it->second = Anchored{f.value, measure(f.value), false, f.anchorGeneration};
        attach(std::move(f.value));
    }

    void complete(const Mark& mark, Json value, std::string_view anchor) {
        if (expectingKey()) throw ConvertError{"yaml/complex-key", "mapping keys must be plain strings", mark};
        childPointer(mark);
        if (!anchor.empty() && !positions_)
            anchors_[std::string(anchor)] = Anchored{value, measure(value), false, ++anchorGeneration_};
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
        bool pending = false; // the anchored collection is still open
        std::uint64_t generation = 0;
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
    std::unordered_map<std::string, Anchored> anchors_;
    std::uint64_t anchorGeneration_ = 0;
    std::size_t aliasValues_ = 0;
    std::size_t maxAliasBytes_;
    std::size_t aliasBytes_ = 0;
    Json result_;
    bool done_ = false;
};

// libyaml's event parser over text the caller keeps alive (read in place, never copied whole). next() returns
// the next event (valid until the following call) or throws ConvertError with libyaml's error and location.
class EventStream {
public:
    explicit EventStream(std::string_view text) {
        yaml_parser_initialize(&parser_);
        yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()), text.size());
        yaml_parser_set_encoding(&parser_, YAML_UTF8_ENCODING);
    }
    ~EventStream() {
        if (haveEvent_) yaml_event_delete(&event_);
        yaml_parser_delete(&parser_);
    }
    EventStream(const EventStream&) = delete;
    EventStream& operator=(const EventStream&) = delete;

    const yaml_event_t& next() {
        if (haveEvent_) yaml_event_delete(&event_);
        haveEvent_ = yaml_parser_parse(&parser_, &event_) != 0;
        if (!haveEvent_) fail();
        return event_;
    }

    // Feeds the events of one document (after its DOCUMENT_START) to `builder`, up to its DOCUMENT_END.
    void document(JsonBuilder& builder) {
        for (;;) {
            const yaml_event_t& e = next();
            const Mark mark = markOf(e.start_mark);
            switch (e.type) {
            case YAML_DOCUMENT_END_EVENT: return;
            case YAML_SCALAR_EVENT: {
                const auto& s = e.data.scalar;
                const std::string_view anchor = text(s.anchor);
                // Untagged: "?" when plain (typed by the core schema), "!" when quoted or a block (a string).
                const std::string_view tag = s.tag ? text(s.tag) : s.style == YAML_PLAIN_SCALAR_STYLE ? "?" : "!";
                std::string value(reinterpret_cast<const char*>(s.value), s.length);
                if (tag == "?" && isPlainNull(value)) builder.onNull(mark, anchor);
                else builder.onScalar(mark, tag, anchor, std::move(value));
                break;
            }
            case YAML_ALIAS_EVENT: builder.onAlias(mark, text(e.data.alias.anchor)); break;
            case YAML_SEQUENCE_START_EVENT:
                builder.onSequenceStart(mark, e.data.sequence_start.tag ? text(e.data.sequence_start.tag) : "?",
                                        text(e.data.sequence_start.anchor));
                break;
            case YAML_MAPPING_START_EVENT:
                builder.onMapStart(mark, e.data.mapping_start.tag ? text(e.data.mapping_start.tag) : "?",
                                   text(e.data.mapping_start.anchor));
                break;
            case YAML_SEQUENCE_END_EVENT:
            case YAML_MAPPING_END_EVENT: builder.onCollectionEnd(); break;
            default: break;
            }
        }
    }

    static Mark markOf(const yaml_mark_t& m) { return {static_cast<int>(m.line), static_cast<int>(m.column)}; }

private:
    static std::string_view text(const yaml_char_t* s) {
        return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
    }

    [[noreturn]] void fail() {
        if (parser_.error == YAML_MEMORY_ERROR) throw ConvertError{"yaml/syntax", "out of memory while reading the YAML", {}};
        if (parser_.error == YAML_READER_ERROR) {
            // The text is valid UTF-8 (checked before parsing): what the reader refuses is a control character.
            char code[16];
            std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(parser_.problem_value));
            ConvertError e{"yaml/syntax",
                           parser_.problem_value >= 0
                               ? std::string("control character ") + code +
                                     " is not allowed in YAML (write it as an escape in a double-quoted string)"
                               : std::string(parser_.problem ? parser_.problem : "unreadable YAML"),
                           {}};
            e.offset = parser_.problem_offset;
            throw e;
        }
        std::string message = parser_.problem ? parser_.problem : "invalid YAML";
        if (parser_.context) message += std::string(" (") + parser_.context + ")";
        // A key without its ':' is noticed where the key can no longer end (often lines later), a quoted string
        // that is not closed at the end of the file: point at the key, the opening quote.
        const std::string_view context = parser_.context ? parser_.context : "";
        const std::string_view problem = parser_.problem ? parser_.problem : "";
        const bool atStart = context == "while scanning a simple key" ||
                             (context == "while scanning a quoted scalar" && problem == "found unexpected end of stream");
        throw ConvertError{"yaml/syntax", std::move(message), markOf(atStart ? parser_.context_mark : parser_.problem_mark)};
    }

    yaml_parser_t parser_;
    yaml_event_t event_;
    bool haveEvent_ = false;
};

// Offset of the first raw NEL, LINE SEPARATOR or PARAGRAPH SEPARATOR, or npos. libyaml reads YAML 1.1, where
// these three are line breaks (a NEL inside a scalar is even folded into a space): a file holding one raw would
// load with other values or lines than it shows. As escapes (\N, \L, \P, \u2028) they are fine.
std::size_t findUnicodeBreak(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) { // a plain loop: find_first_of calls memchr once per byte
        if (s[i] == '\xC2' && i + 1 < s.size() && s[i + 1] == '\x85') return i;
        if (s[i] == '\xE2' && i + 2 < s.size() && s[i + 1] == '\x80' && (s[i + 2] == '\xA8' || s[i + 2] == '\xA9'))
            return i;
    }
    return std::string_view::npos;
}

// Positions are computed on first use by reading the text again, this time recording them (the fast path first
// when it read the tree, since it then reads the positions too).
void setLazyPositions(Document& document, const std::shared_ptr<const std::string>& source, std::size_t bom,
                      const LoadLimits& limits, bool fastPath) {
    document.sourceText = source;
    document.positions.setLazy([source, bom, limits, fastPath](SourceMap& map) {
        const std::string_view body = std::string_view(*source).substr(bom);
        map.reserve(body.size() / 16);
        if (fastPath && readYamlFast(body, limits.maxDepth, &map)) return;
        try {
            EventStream events(body);
            events.next();
            if (events.next().type != YAML_DOCUMENT_START_EVENT) return;
            JsonBuilder builder(map, limits.maxDepth);
            events.document(builder);
        } catch (const ConvertError&) {
        }
    });
}

} // namespace

bool isPlainNull(std::string_view s) { return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL"; }

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

LoadResult readYaml(std::shared_ptr<const std::string> source, const std::string& path, const LoadLimits& limits,
                    bool fastPath) {
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
    if (std::size_t at = findUnicodeBreak(text); at != std::string_view::npos) {
        int line, column;
        lineColumnAt(text, at, line, column);
        return error("yaml/syntax",
                     "a raw NEL, LINE SEPARATOR or PARAGRAPH SEPARATOR character is a line break in YAML 1.1; write "
                     "it as the escape \\N, \\L or \\P in a double-quoted string",
                     line, column);
    }
    // Aliases may grow the document up to the size a file may have.
    const std::size_t aliasBytes = limits.maxBytes - std::min(limits.maxBytes, text.size());
    Document document;
    document.format = Format::Yaml;
    document.path = path;
    if (fastPath)
        if (std::optional<Json> root = readYamlFast(text, limits.maxDepth)) {
            document.root = std::move(*root);
            setLazyPositions(document, source, bom, limits, true);
            result.document = std::move(document);
            return result;
        }
    try {
        EventStream events(text);
        events.next(); // STREAM_START
        if (events.next().type != YAML_DOCUMENT_START_EVENT)
            return error("yaml/syntax", "the file is empty: expected a YAML mapping", 1, 1);
        JsonBuilder builder(limits.maxDepth, aliasBytes);
        events.document(builder);
        document.root = builder.takeResult();
        const yaml_event_t& after = events.next();
        if (after.type == YAML_DOCUMENT_START_EVENT) {
            // The second document is read too, so that an error in it is reported as such.
            const SourcePos second = toPosition(EventStream::markOf(after.start_mark));
            JsonBuilder rest(limits.maxDepth, aliasBytes);
            events.document(rest);
            return error("yaml/multiple-documents", "the file holds several YAML documents; a workbook is exactly one",
                         second.line, 1);
        }
    } catch (const ConvertError& e) {
        SourcePos pos = toPosition(e.mark);
        if (e.offset != std::string_view::npos) lineColumnAt(text, std::min(e.offset, text.size()), pos.line, pos.column);
        return error(e.rule, e.message, pos.line, pos.column);
    }
    setLazyPositions(document, source, bom, limits, false); // the fast path could not read it
    result.document = std::move(document);
    return result;
}

} // namespace quire::doc::detail
