#pragma once
// checkSchema() in parts, for the incremental validator (incremental.cpp), which re-checks only the elements
// that changed: the raw findings of the document with element items left open, those of one element (with its
// columns), and the report of all of them. For every document and schema:
//   checkSchema(d, path) == reportSchemaFindings(d, outside ++ element 0 ++ element 1 ++ ...)
// An element's findings depend on that element's value only (their pointers carry its index).
#include <quire/doc/document.h>

#include <optional>
#include <string>
#include <vector>

namespace quire::validate {

struct SchemaFinding {
    std::string pointer;     // of the value (document pointer)
    std::string description; // valijson's text
};

// nullopt when the schema cannot be used (checkSchema() then reports schema/invalid-schema).
std::optional<std::vector<SchemaFinding>> schemaFindingsOutsideElements(const doc::Document& document, const std::string& schemaPath);
// Empty when the schema is not split per element (the findings outside elements then cover the elements).
std::vector<SchemaFinding> schemaFindingsOfElement(const doc::Document& document, std::size_t index, const std::string& schemaPath);
std::vector<Diagnostic> reportSchemaFindings(const doc::Document& document, const std::vector<SchemaFinding>& findings);

} // namespace quire::validate
