// Canonical YAML: block style, keys in stored order, plain scalars only where a YAML reader (1.1 or 1.2)
// reads them back as the same string, literal blocks for multi-line text such as the layout XML.
#include <quire/doc/io.h>

#include "yaml_emit.h"
#include "yaml_reader.h"

#include <cstdio>
#include <string>

namespace quire::doc {
namespace {

bool ambiguousWord(const std::string& s) {
    // YAML 1.1 booleans and nulls that a 1.1 reader (Sigma's server, older tools) would re-type.
    static const char* words[] = {"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON",
                                  "off", "Off", "OFF", "=", "<<"};
    for (const char* w : words)
        if (s == w) return true;
    return false;
}

bool plainSafe(const std::string& s) {
    if (s.empty() || ambiguousWord(s)) return false;
    // What does not resolve to a string (a number, a bool, null, a number too large to hold) is quoted.
    if (const auto resolved = detail::resolvePlainScalar(s); !resolved || !resolved->is_string()) return false;
    // Anything number-like even if not a number under the core schema (e.g. "1_000", "0b1", "1:30").
    const unsigned char first = static_cast<unsigned char>(s[0]);
    if (std::string("-?:,[]{}#&*!|>'\"%@`~ ").find(static_cast<char>(first)) != std::string::npos) return false;
    if (first >= '0' && first <= '9') return false;
    if (first == '.' || first == '+') return false;
    const unsigned char last = static_cast<unsigned char>(s.back());
    if (last == ' ' || last == ':') return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c == 0x7F) return false;
        if (c == ':' && i + 1 < s.size() && s[i + 1] == ' ') return false;
        if (c == '#' && i > 0 && s[i - 1] == ' ') return false;
        if (c == '"' || c == '\'' || c == '[' || c == ']' || c == '{' || c == '}' || c == ',' || c == '\\' ||
            c == '`')
            return false;
        if (c >= 0x80) {
            // Keep non-ASCII but not the Unicode line/paragraph separators and NEL, which YAML treats as breaks.
            if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x85) return false;
            if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9))
                return false;
            if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBB &&
                static_cast<unsigned char>(s[i + 2]) == 0xBF)
                return false;
        }
    }
    return true;
}

std::string doubleQuoted(const std::string& s) {
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        case 0: out += "\\0"; break;
        default:
            if (c < 0x20 || c == 0x7F) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\x%02X", c);
                out += buf;
            } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x85) {
                out += "\\u0085"; // yaml-cpp decodes \N to a raw 0x85 byte, not UTF-8
                ++i;
            } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                       (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
                out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
                i += 2;
            } else if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBB &&
                       static_cast<unsigned char>(s[i + 2]) == 0xBF) {
                out += "\\uFEFF";
                i += 2;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    out += '"';
    return out;
}

// A literal block keeps the text exactly when: it has a line break, no carriage returns or other control
// characters, no line with trailing blanks, and no leading blank on the first line (which would need an
// indentation indicator).
bool literalSafe(const std::string& s) {
    if (s.find('\n') == std::string::npos) return false;
    if (s[0] == ' ' || s[0] == '\n' || s[0] == '\t') return false;
    std::size_t lineStart = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == '\n') {
            if (i > lineStart && (s[i - 1] == ' ' || s[i - 1] == '\t')) return false;
            if (i > lineStart && s[lineStart] == '\t') return false;
            lineStart = i + 1;
            continue;
        }
        unsigned char c = static_cast<unsigned char>(s[i]);
        if ((c < 0x20 && c != '\t') || c == 0x7F) return false;
        if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x85) return false;
        if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
            (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9))
            return false;
    }
    return true;
}

constexpr std::size_t kMaxImplicitKey = 1000; // bytes; YAML's limit is 1024 characters

// A literal block scalar ("|", "|-" or "|+" by the trailing newlines) with its lines at `indentation`.
std::string literalBlock(const std::string& s, int indentation) {
    std::size_t trailing = 0;
    while (trailing < s.size() && s[s.size() - 1 - trailing] == '\n') ++trailing;
    std::string header = trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+";
    std::string body;
    std::string pad(static_cast<std::size_t>(indentation), ' ');
    std::string content = s.substr(0, s.size() - trailing);
    std::size_t start = 0;
    for (;;) {
        std::size_t nl = content.find('\n', start);
        std::string line = content.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
        body += '\n';
        if (!line.empty()) body += pad + line;
        if (nl == std::string::npos) break;
        start = nl + 1;
    }
    for (std::size_t k = 1; k < trailing; ++k) body += '\n';
    return header + body;
}

class YamlWriter {
public:
    explicit YamlWriter(detail::YamlStyle style = {}) : style_(style) {}
    std::string out;

    void writeDocument(const Json& value) {
        if (value.is_object() && !value.empty()) writeObjectBody(value, 0);
        else if (value.is_array() && !value.empty()) writeArrayBody(value, 0);
        else { out += scalarText(value, 0); out += '\n'; }
    }

    // Members of a mapping whose keys start at column `level` (every line ends with a newline).
    void writeObjectBody(const Json& object, int level, bool firstInline = false) {
        bool first = true;
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!(first && firstInline)) indent(level);
            first = false;
            const std::string key = keyText(it.key());
            if (key.size() > kMaxImplicitKey) {
                // YAML limits implicit keys to 1024 characters; longer ones need the explicit "? key" form.
                out += "? ";
                out += key;
                out += '\n';
                indent(level);
            } else {
                out += key;
            }
            out += ':';
            writeMemberValue(it.value(), level);
        }
    }

    // Items of a sequence whose dashes are at column `level`.
    void writeArrayBody(const Json& array, int level) {
        for (const auto& item : array) {
            indent(level);
            out += '-';
            writeItemValue(item, level);
        }
    }

    // What follows "key:" of a member whose key is at column `level`, up to and including the final newline.
    void writeMemberValue(const Json& v, int level) {
        if (v.is_object() && !v.empty()) {
            out += '\n';
            writeObjectBody(v, level + style_.step);
        } else if (v.is_array() && !v.empty()) {
            out += '\n';
            writeArrayBody(v, level + (style_.indentSequences ? style_.step : 0));
        } else {
            out += ' ';
            out += scalarText(v, level + style_.step);
            out += '\n';
        }
    }

    // What follows the "-" of an item whose dash is at column `level`.
    void writeItemValue(const Json& item, int level) {
        if (item.is_object() && !item.empty()) {
            out += ' ';
            writeObjectBody(item, level + 2, true);
        } else if (item.is_array() && !item.empty()) {
            out += '\n'; // "-" alone on its line, the nested sequence below it
            writeArrayBody(item, level + 2);
        } else {
            out += ' ';
            out += scalarText(item, level + 2);
            out += '\n';
        }
    }

    static std::string keyText(const std::string& key) { return plainSafe(key) ? key : doubleQuoted(key); }

    std::string scalarText(const Json& v, int indentForBlock) {
        switch (v.type()) {
        case Json::value_t::null: return "null";
        case Json::value_t::boolean: return v.get<bool>() ? "true" : "false";
        case Json::value_t::number_integer:
        case Json::value_t::number_unsigned:
        case Json::value_t::number_float: return v.dump();
        case Json::value_t::string: {
            const auto& s = v.get_ref<const std::string&>();
            if (plainSafe(s)) return s;
            if (literalSafe(s)) return literalBlock(s, indentForBlock);
            return doubleQuoted(s);
        }
        case Json::value_t::object: return "{}";
        case Json::value_t::array: return "[]";
        default: return "null";
        }
    }

private:
    void indent(int n) { out.append(static_cast<std::size_t>(n), ' '); }

    detail::YamlStyle style_;
};

// Flow style ("[a, b]", "{k: v}"): plain scalars only where plainSafe (which refuses ",[]{}"), otherwise
// double-quoted; never block scalars. Depth is bounded by the caller (the tree was loaded with a depth limit).
void writeFlow(std::string& out, const Json& v) {
    if (v.is_object()) {
        out += '{';
        bool first = true;
        for (auto it = v.begin(); it != v.end(); ++it) {
            if (!first) out += ", ";
            first = false;
            out += YamlWriter::keyText(it.key());
            out += ": ";
            writeFlow(out, it.value());
        }
        out += '}';
    } else if (v.is_array()) {
        out += '[';
        bool first = true;
        for (const auto& item : v) {
            if (!first) out += ", ";
            first = false;
            writeFlow(out, item);
        }
        out += ']';
    } else if (v.is_string()) {
        const auto& s = v.get_ref<const std::string&>();
        out += plainSafe(s) ? s : doubleQuoted(s);
    } else {
        YamlWriter w;
        out += w.scalarText(v, 0);
    }
}

} // namespace

std::string toYamlText(const Json& value) {
    YamlWriter writer;
    writer.writeDocument(value);
    return std::move(writer.out);
}

} // namespace quire::doc

namespace quire::doc::detail {

std::string yamlMemberText(const std::string& key, const Json& value, int level, const YamlStyle& style) {
    YamlWriter writer(style);
    Json one = Json::object();
    one[key] = value;
    writer.writeObjectBody(one, level);
    return std::move(writer.out);
}

std::string yamlItemText(const Json& value, int level, const YamlStyle& style) {
    YamlWriter writer(style);
    writer.out.append(static_cast<std::size_t>(level), ' ');
    writer.out += '-';
    writer.writeItemValue(value, level);
    return std::move(writer.out);
}

std::string yamlAfterIndicator(const Json& value, int level, bool item, const YamlStyle& style) {
    YamlWriter writer(style);
    if (item) writer.writeItemValue(value, level);
    else writer.writeMemberValue(value, level);
    if (!writer.out.empty() && writer.out.back() == '\n') writer.out.pop_back();
    return std::move(writer.out);
}

std::string yamlFlowText(const Json& value) {
    std::string out;
    writeFlow(out, value);
    return out;
}

std::string yamlPlainOrQuoted(const std::string& s) { return plainSafe(s) ? s : doubleQuoted(s); }
bool yamlPlainSafe(const std::string& s) { return plainSafe(s); }
bool yamlLiteralSafe(const std::string& s) { return literalSafe(s); }
std::string yamlDoubleQuoted(const std::string& s) { return doubleQuoted(s); }
std::string yamlLiteralBlock(const std::string& s, int indentation) { return literalBlock(s, indentation); }
std::string yamlScalarText(const Json& value, int indentForBlock) {
    YamlWriter writer;
    return writer.scalarText(value, indentForBlock);
}

} // namespace quire::doc::detail
