#pragma once
// JSON Schema (draft 7) check of a workbook document with valijson. The schema is embedded in the binary
// (generated from schemas/*.json at build time) and can be loaded from a file instead.
#include <quire/core/diagnostic.h>
#include <quire/doc/document.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace quire::validate {

// File name ("workbook.schema.json") -> schema text, as embedded at build time.
const std::map<std::string, std::string_view>& embeddedSchemas();

// The text of the workbook schema: read from schemaPath when not empty, else the embedded copy.
// Throws std::runtime_error when the file cannot be read.
std::string workbookSchemaText(const std::string& schemaPath = {});

// Validates document.root against the schema; each valijson error becomes a Diagnostic with rule
// "schema/<keyword>" (schema/type, schema/enum, schema/required, ...), its JSON pointer and location.
// A schema that is not valid JSON yields one "schema/invalid-schema" error.
std::vector<Diagnostic> checkSchema(const doc::Document& document, const std::string& schemaPath = {});

// The same check of any document against another embedded schema ("quire-project.schema.json"), whole (no
// per-element split). Throws std::runtime_error when no schema of that name was embedded.
std::vector<Diagnostic> checkEmbeddedSchema(const doc::Document& document, const std::string& schemaName);

} // namespace quire::validate
