#include <quire/doc/io.h>
#include <quire/doc/migrate.h>
#include <quire/doc/seed.h>

#include <optional>

namespace quire::doc {
namespace {

// Byte offset of (line, column) in text; columns count code points, as SourceLocation does.
std::optional<std::size_t> offsetOf(std::string_view text, int line, int column) {
    if (line < 1 || column < 1) return std::nullopt;
    std::size_t i = 0;
    for (int l = 1; l < line; ++l) {
        i = text.find('\n', i);
        if (i == std::string_view::npos) return std::nullopt;
        ++i;
    }
    for (int c = 1; c < column && i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && text[i] != '\n') {
            // advance to the next code point start
            std::size_t j = i + 1;
            while (j < text.size() && (static_cast<unsigned char>(text[j]) & 0xC0) == 0x80) ++j;
            i = j - 1;
            ++c;
        }
    return i;
}

std::optional<Document> reparse(const std::string& text, Format format) {
    auto loaded = parseDocument(text, format);
    if (!loaded.document) return std::nullopt;
    return std::move(*loaded.document);
}

// The JSON text of the object value of the top-level member "workbook" (a string-aware brace scan).
std::optional<std::string> jsonInnerObject(const Document& d) {
    const auto loc = d.locate("/workbook");
    if (!d.sourceText) return std::nullopt;
    const std::string& t = *d.sourceText;
    auto at = offsetOf(t, loc.line, loc.column);
    if (!at) return std::nullopt;
    std::size_t i = t.find('{', *at);
    if (i == std::string::npos) return std::nullopt;
    const std::size_t start = i;
    int depth = 0;
    bool inString = false;
    for (; i < t.size(); ++i) {
        const char c = t[i];
        if (inString) {
            if (c == '\\') ++i;
            else if (c == '"') inString = false;
            continue;
        }
        if (c == '"') inString = true;
        else if (c == '{') ++depth;
        else if (c == '}' && --depth == 0) return t.substr(start, i - start + 1) + "\n";
    }
    return std::nullopt;
}

// A YAML file that is `workbook:` followed by its indented block: the block, dedented.
std::optional<std::string> yamlInnerBlock(const std::string& t) {
    std::size_t pos = 0;
    std::string out;
    bool seenKey = false;
    std::size_t indent = std::string::npos;
    while (pos < t.size()) {
        std::size_t end = t.find('\n', pos);
        if (end == std::string::npos) end = t.size();
        std::string_view line(t.data() + pos, end - pos);
        pos = end + 1;
        const auto first = line.find_first_not_of(' ');
        if (!seenKey) {
            if (first == std::string_view::npos || line[first] == '#' || line == "---") continue;
            if (line.rfind("workbook:", 0) != 0 || line.find_first_not_of(' ', 9) != std::string_view::npos) return std::nullopt;
            seenKey = true;
            continue;
        }
        if (first == std::string_view::npos) {
            out += "\n";
            continue;
        }
        if (first == 0) return std::nullopt; // another top-level key: not a plain envelope
        if (indent == std::string::npos) indent = first;
        if (first < indent && line[first] != '#') return std::nullopt;
        out += std::string(line.substr(std::min(indent, first))) + "\n";
    }
    if (!seenKey || out.empty()) return std::nullopt;
    return out;
}

} // namespace

Migration migrateDocument(const Document& document) {
    Migration m;
    m.root = document.root;
    std::optional<std::string> text;
    if (document.sourceText) text = *document.sourceText;
    Format format = document.format;

    if (isConverterEnvelope(m.root)) {
        Json inner = m.root["workbook"];
        // Keys beside `workbook` (rare) would be lost by a text unwrap: merge them and write canonically.
        const bool alone = m.root.size() == 1;
        if (alone && text)
            text = format == Format::Json ? jsonInnerObject(document) : yamlInnerBlock(*text);
        else
            text.reset();
        for (auto it = m.root.begin(); it != m.root.end(); ++it)
            if (it.key() != "workbook" && !inner.contains(it.key())) inner[it.key()] = it.value();
        if (!inner.contains("contents") && !inner.contains("document") && (inner.contains("pages") || inner.contains("schemaVersion"))) {
            inner = Json{{"contents", inner}}; // a bare body in the envelope
            text.reset();
        }
        m.root = std::move(inner);
        m.changes.push_back("unwrapped the converter envelope `{workbook: {...}}`");
    }
    if (m.root.is_object() && m.root.contains("document") && !m.root.contains("contents")) {
        Json renamed = Json::object();
        for (auto it = m.root.begin(); it != m.root.end(); ++it) renamed[it.key() == "document" ? "contents" : it.key()] = it.value();
        if (text) { // rename the key where it stands
            std::optional<Document> current = reparse(*text, format);
            std::optional<std::size_t> at;
            if (current) {
                const auto loc = current->locate("/document");
                at = offsetOf(*text, loc.line, loc.column);
            }
            const std::size_t quote = at && *at < text->size() && ((*text)[*at] == '"' || (*text)[*at] == '\'') ? 1 : 0;
            if (at && text->compare(*at + quote, 8, "document") == 0) text->replace(*at + quote, 8, "contents");
            else text.reset();
        }
        m.root = std::move(renamed);
        m.changes.push_back("renamed the legacy body key `document` to `contents`");
    }
    if (text) {
        auto back = reparse(*text, format);
        if (!back || back->root != m.root) text.reset();
    }
    m.preserved = text.has_value();
    if (text) {
        m.text = std::move(*text);
    } else {
        Document out;
        out.root = m.root;
        out.format = format;
        m.text = saveDocument(out, format);
    }
    return m;
}

} // namespace quire::doc
