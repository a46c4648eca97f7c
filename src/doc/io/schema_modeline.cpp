#include <quire/doc/io.h>
#include <quire/doc/schema_modeline.h>

namespace quire::doc {

std::string_view schemaModeline(std::string_view text) {
    constexpr std::string_view marker = "yaml-language-server:";
    const std::size_t end = text.find('\n');
    const std::string_view first = text.substr(0, end == std::string_view::npos ? text.size() : end + 1);
    std::size_t i = 0;
    if (first.empty() || first[0] != '#') return {};
    for (i = 1; i < first.size() && first[i] == ' '; ++i) {}
    return first.substr(i, marker.size()) == marker ? first : std::string_view();
}

std::string withSchemaModeline(std::string_view text, std::string_view url) {
    const std::string line = "# yaml-language-server: $schema=" + std::string(url) + "\n";
    const std::string_view existing = schemaModeline(text);
    std::string_view existingLine = existing;
    if (!existingLine.empty() && existingLine.back() == '\n') existingLine.remove_suffix(1);
    if (!existingLine.empty() && existingLine.back() == '\r') existingLine.remove_suffix(1);
    if (existingLine == std::string_view(line).substr(0, line.size() - 1)) return std::string(text);
    return line + std::string(text.substr(existing.size()));
}

std::string canonicalText(const Document& document, std::string_view original) {
    std::string canonical = saveDocument(document, document.format);
    if (document.format != Format::Yaml) return canonical;
    std::string modeline(schemaModeline(original));
    if (!modeline.empty() && modeline.back() != '\n') modeline.push_back('\n');
    return modeline + canonical;
}

} // namespace quire::doc
