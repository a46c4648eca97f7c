#pragma once
// The yaml-language-server modeline (`# yaml-language-server: $schema=<url>` on a YAML file's first line),
// which lets editors without Quire's language server check a workbook against schemas/workbook.schema.json.
#include <quire/doc/document.h>

#include <string>
#include <string_view>

namespace quire::doc {

// The first line (with its line break) when it is a yaml-language-server modeline, else "".
std::string_view schemaModeline(std::string_view text);
// The text with `# yaml-language-server: $schema=<url>` as its first line: an existing modeline is replaced
// when it names another schema, otherwise only the new line is added before the text. Unchanged when it is there.
std::string withSchemaModeline(std::string_view text, std::string_view url);
// What `quire fmt` writes: the canonical text of the document (saveDocument in its own format), after the
// modeline of `original` (the text it was read from) when it has one.
std::string canonicalText(const Document& document, std::string_view original);

} // namespace quire::doc
