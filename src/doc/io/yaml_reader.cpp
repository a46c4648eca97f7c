#include "yaml_reader.h"

#include "utf8.h"

#include <yaml-cpp/yaml.h>

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
    std::string rule;
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
// Conservative (quotes and comments are skipped) and linear in the input size.
int estimateNesting(std::string_view s) {
    int maxDepth = 0;
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
        for (; i < s.size() && s[i] != '\n'; ++i) {
            char c = s[i];
            if (quote) {
                if (c == quote) quote = 0;
                continue;
            }
            if (c == '"' || c == '\'') quote = c;
            else if (c == '#' && (i == 0 || s[i - 1] == ' ')) { while (i < s.size() && s[i] != '\n') ++i; break; }
            else if (c == '[' || c == '{') maxDepth = std::max(maxDepth, int(indents.size()) + ++flow);
            else if (c == ']' || c == '}') flow = std::max(0, flow - 1);
        }
        maxDepth = std::max(maxDepth, int(indents.size()) + flow);
        if (i < s.size()) ++i; // newline
    }
    return maxDepth;
}

class Converter {
public:
    Converter(SourceMap& positions, int maxDepth) : positions_(positions), maxDepth_(maxDepth) {}

    Json convert(const YAML::Node& node, std::string& pointer, int depth) {
        if (depth > maxDepth_)
            throw ConvertError{"io/too-deep", "nesting is deeper than " + std::to_string(maxDepth_) + " levels", node.Mark()};
        switch (node.Type()) {
        case YAML::NodeType::Null:
        case YAML::NodeType::Undefined: return Json(nullptr);
        case YAML::NodeType::Scalar: {
            if (node.Tag() == "?") return resolvePlainScalar(node.Scalar());
            if (node.Tag() == "!" || node.Tag() == "tag:yaml.org,2002:str" || node.Tag() == "!!str") return Json(node.Scalar());
            throw ConvertError{"yaml/unsupported-tag", "unsupported YAML tag '" + node.Tag() + "'", node.Mark()};
        }
        case YAML::NodeType::Sequence: {
            Json array = Json::array();
            const std::size_t base = pointer.size();
            std::size_t index = 0;
            for (const auto& item : node) {
                pointer += '/';
                pointer += std::to_string(index++);
                positions_.set(pointer, position(item.Mark()));
                array.push_back(convert(item, pointer, depth + 1));
                pointer.resize(base);
            }
            return array;
        }
        case YAML::NodeType::Map: {
            Json object = Json::object();
            std::unordered_set<std::string> seen;
            const std::size_t base = pointer.size();
            for (const auto& member : node) {
                const YAML::Node& key = member.first;
                if (!key.IsScalar())
                    throw ConvertError{"yaml/complex-key", "mapping keys must be plain strings", key.Mark()};
                std::string name = key.Scalar();
                if (!seen.insert(name).second)
                    throw ConvertError{"yaml/duplicate-key", "duplicate key \"" + name + "\" in the same mapping", key.Mark()};
                pointer += '/';
                pointer += escapePointerToken(name);
                positions_.set(pointer, position(key.Mark()));
                Json value = convert(member.second, pointer, depth + 1);
                pointer.resize(base);
                object[std::move(name)] = std::move(value);
            }
            return object;
        }
        }
        return Json(nullptr);
    }

    static SourcePos position(const YAML::Mark& mark) {
        if (mark.is_null()) return {};
        return {mark.line + 1, mark.column + 1};
    }

private:
    SourceMap& positions_;
    int maxDepth_;
};

} // namespace

Json resolvePlainScalar(const std::string& s) {
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return Json(nullptr);
    if (s == "true" || s == "True" || s == "TRUE") return Json(true);
    if (s == "false" || s == "False" || s == "FALSE") return Json(false);
    std::string_view v(s);
    // Integers: [-+]?[0-9]+, 0o[0-7]+, 0x[0-9a-fA-F]+
    {
        std::string_view digits = v;
        bool negative = false;
        if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) { negative = digits[0] == '-'; digits.remove_prefix(1); }
        if (isDigits(digits, 10)) {
            if (negative) {
                std::int64_t out;
                auto r = std::from_chars(v.data(), v.data() + v.size(), out);
                if (r.ec == std::errc() && r.ptr == v.data() + v.size()) return Json(out);
            } else {
                std::uint64_t out;
                auto r = std::from_chars(digits.data(), digits.data() + digits.size(), out);
                if (r.ec == std::errc() && r.ptr == digits.data() + digits.size()) {
                    if (out <= static_cast<std::uint64_t>(INT64_MAX)) return Json(static_cast<std::int64_t>(out));
                    return Json(out);
                }
            }
            double d = std::strtod(s.c_str(), nullptr); // beyond 64 bits: keep it a number
            return Json(d);
        }
        if (v.size() > 2 && v[0] == '0' && (v[1] == 'o' || v[1] == 'x')) {
            int base = v[1] == 'o' ? 8 : 16;
            std::string_view body = v.substr(2);
            if (isDigits(body, base)) {
                std::uint64_t out;
                auto r = std::from_chars(body.data(), body.data() + body.size(), out, base);
                if (r.ec == std::errc() && out <= static_cast<std::uint64_t>(INT64_MAX)) return Json(static_cast<std::int64_t>(out));
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
        if (ok && i == v.size()) {
            std::string normal(v[0] == '+' ? v.substr(1) : v);
            return Json(std::strtod(normal.c_str(), nullptr));
        }
        std::string_view body = (!v.empty() && (v[0] == '-' || v[0] == '+')) ? v.substr(1) : v;
        if (body == ".inf" || body == ".Inf" || body == ".INF" || body == ".nan" || body == ".NaN" || body == ".NAN")
            return Json(s); // JSON has no infinities or NaN: keep the text
    }
    return Json(s);
}

LoadResult readYaml(std::string_view text, const std::string& path, const LoadLimits& limits) {
    LoadResult result;
    auto error = [&](std::string rule, std::string message, int line, int column) {
        result.diagnostics.push_back({Severity::Error, std::move(rule), std::move(message), "", {path, line, column}, std::nullopt});
        return std::move(result);
    };
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    if (int depth = estimateNesting(text); depth > limits.maxDepth)
        return error("io/too-deep", "nesting is deeper than " + std::to_string(limits.maxDepth) + " levels", 1, 1);
    std::vector<YAML::Node> documents;
    try {
        documents = YAML::LoadAll(std::string(text));
    } catch (const YAML::Exception& e) {
        return error("yaml/syntax", e.msg.empty() ? "invalid YAML" : e.msg, e.mark.is_null() ? 0 : e.mark.line + 1,
                     e.mark.is_null() ? 0 : e.mark.column + 1);
    }
    if (documents.empty()) return error("yaml/syntax", "the file is empty: expected a YAML mapping", 1, 1);
    if (documents.size() > 1) {
        const auto& mark = documents[1].Mark();
        return error("yaml/multiple-documents", "the file holds several YAML documents; a workbook is exactly one",
                     mark.is_null() ? 0 : mark.line + 1, mark.is_null() ? 0 : mark.column + 1);
    }
    Document document;
    document.format = Format::Yaml;
    document.path = path;
    Converter converter(document.positions, limits.maxDepth);
    try {
        std::string pointer;
        document.positions.set("", Converter::position(documents[0].Mark()));
        document.root = converter.convert(documents[0], pointer, 0);
    } catch (const ConvertError& e) {
        return error(e.rule, e.message, e.mark.is_null() ? 0 : e.mark.line + 1, e.mark.is_null() ? 0 : e.mark.column + 1);
    }
    result.document = std::move(document);
    return result;
}

} // namespace quire::doc::detail
