// JSON Schema check: valijson over the document tree, each error mapped to a located Diagnostic.
#include <quire/validate/schema.h>
#include <quire/core/rules.h>

#include <quire/core/file_io.h>
#include <quire/core/json.h>

// valijson's nlohmann adapter is written for nlohmann::json; the document is ordered_json (same API, keys in
// file order). Spelling `json` as `ordered_json` while the adapter header is read lets it walk the document
// in place instead of converting the whole tree first (the conversion was ~15% of validation time). The
// headers the adapter includes are included before, so the spelling only touches the adapter itself.
#include <valijson/exceptions.hpp>
#include <valijson/internal/adapter.hpp>
#include <valijson/internal/basic_adapter.hpp>
#include <valijson/internal/frozen_value.hpp>
#define json ordered_json
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#undef json
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>

#include "pointer.h"
#include "schema_parts.h"

namespace quire::validate {
namespace {

constexpr std::string_view kWorkbookSchema = "workbook.schema.json";

struct Keyword {
    std::string_view needle; // start of valijson's description
    RuleCode rule;
    bool aggregate;          // only a summary of errors reported below it
};

constexpr Keyword kKeywords[] = {
    {"Missing required property", "schema/required", false},
    {"Failed to match against any enum values", "schema/enum", false},
    {"Value type not permitted", "schema/type", false},
    {"Failed to match expected value set by 'const'", "schema/const", false},
    {"String should be no fewer than", "schema/min-length", false},
    {"String should be no more than", "schema/max-length", false},
    {"Array should contain no fewer than", "schema/min-items", false},
    {"Array should contain no more than", "schema/max-items", false},
    {"Expected number greater than", "schema/minimum", false},
    {"Expected number less than", "schema/maximum", false},
    {"Target should not validate", "schema/not", false},
    {"Failed to validate against any schemas allowed by anyOf", "schema/any-of", true},
    {"Failed to validate against child schema", "schema/one-of", true},
    {"Failed to validate item #", "schema/items", true},
    {"Failed to validate against schema associated with property", "schema/properties", true},
    {"Failed to validate against additional properties schema", "schema/properties", true},
    {"Object contains a property that could not be validated", "schema/unknown-property", false},
    {"Failed to validate against a conditional schema", "schema/if-then", true},
};

struct Mapped {
    RuleCode rule;
    bool aggregate = false;
};

Mapped classify(const std::string& description) {
    for (const auto& k : kKeywords)
        if (description.rfind(k.needle, 0) == 0) return {k.rule, k.aggregate};
    return {"schema/other", false};
}

// valijson context ["<root>", "[contents]", "[elements]", "[0]"] -> "/contents/elements/0", resolved
// against the document so "[0]" is an index in arrays and a key in objects.
std::string toPointer(const std::vector<std::string>& context) {
    std::string pointer;
    for (std::size_t i = 1; i < context.size(); ++i) {
        const std::string& step = context[i];
        if (step.size() >= 2 && step.front() == '[' && step.back() == ']')
            pointer += "/" + escapePointerToken(step.substr(1, step.size() - 2));
    }
    return pointer;
}

// "/contents/elements/4" -> "elements[4]"; "/contents/elements/4/name" -> "name".
std::string displayName(const std::string& pointer) {
    std::string suffix;
    std::string rest = pointer;
    while (!rest.empty()) {
        const auto slash = rest.rfind('/');
        const std::string token = unescapePointerToken(rest.substr(slash + 1));
        rest = rest.substr(0, slash);
        if (!token.empty() && token.find_first_not_of("0123456789") == std::string::npos) {
            suffix = "[" + token + "]" + suffix;
            continue;
        }
        return token + suffix;
    }
    return "document" + suffix;
}

std::string describe(const Mapped& m, const std::string& description, const Json* value, const std::string& pointer) {
    const std::string field = pointer.empty() ? std::string("the document") : "`" + displayName(pointer) + "`";
    const std::string shown = value ? value->dump() : std::string("?");
    if (m.rule == "schema/enum") return field + " has value " + shown + ", which is not one of the allowed values";
    if (m.rule == "schema/type") return field + " has the wrong type (value " + shown + ")";
    if (m.rule == "schema/const") return field + " must have a fixed value, not " + shown;
    if (m.rule == "schema/required") {
        auto q1 = description.find('\'');
        auto q2 = description.rfind('\'');
        if (q1 != std::string::npos && q2 > q1)
            return field + " is missing the required property `" + description.substr(q1 + 1, q2 - q1 - 1) + "`";
    }
    return field + ": " + description;
}

Diagnostic makeError(RuleCode rule, std::string message, const std::string& pointer, const doc::Document& document) {
    Diagnostic d;
    d.rule = rule;
    d.message = std::move(message);
    d.pointer = pointer;
    d.location = document.locate(pointer);
    return d;
}

// The workbook schema is split in three for speed: valijson copies its error context (the path, one string per
// level) into every node it visits, so validating each element from its own root is much cheaper than one
// walk from the document root. `whole` checks the document with element items left open; `element` is
// {"$ref": "#/definitions/element"} over the same definitions, with column items left open; `column` checks
// one column. A schema without that shape (e.g. one given
// with --schema) is used whole.
struct CompiledSchema {
    valijson::Schema whole;
    valijson::Schema element;
    valijson::Schema column;
    bool split = false;
};

void populate(const Json& schemaJson, valijson::Schema& schema) {
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(schemaJson);
    parser.populateSchema(adapter, schema);
}

std::shared_ptr<const CompiledSchema> compile(const std::string& text) {
    Json schemaJson = Json::parse(text); // throws on bad JSON
    auto compiled = std::make_shared<CompiledSchema>();
    const Json::json_pointer items("/definitions/contents/properties/elements/items");
    const Json::json_pointer element("/definitions/element");
    const Json::json_pointer columnItems("/definitions/element/properties/columns/items");
    if (schemaJson.contains(items) && schemaJson[items] == Json{{"$ref", "#/definitions/element"}} &&
        schemaJson.contains(columnItems) && schemaJson[columnItems] == Json{{"$ref", "#/definitions/column"}}) {
        Json columnSchema{{"$ref", "#/definitions/column"}, {"definitions", schemaJson["definitions"]}};
        schemaJson[columnItems.parent_pointer()].erase("items");
        Json elementSchema{{"$ref", "#/definitions/element"}, {"definitions", schemaJson["definitions"]}};
        schemaJson[items.parent_pointer()].erase("items");
        populate(columnSchema, compiled->column);
        populate(elementSchema, compiled->element);
        compiled->split = true;
    }
    populate(schemaJson, compiled->whole);
    return compiled;
}

// The embedded schema is compiled once per process; a schema read from a path is compiled per call.
std::shared_ptr<const CompiledSchema> schemaFor(const std::string& schemaPath) {
    if (!schemaPath.empty()) return compile(workbookSchemaText(schemaPath));
    static std::once_flag once;
    static std::shared_ptr<const CompiledSchema> embedded;
    static std::string error;
    std::call_once(once, [] {
        try {
            embedded = compile(workbookSchemaText());
        } catch (const std::exception& e) {
            error = e.what();
        }
    });
    if (!embedded) throw std::runtime_error(error);
    return embedded;
}

} // namespace

// A schema file larger than this is not a schema (the embedded one is well under 1 MiB).
constexpr std::size_t kMaxSchemaBytes = std::size_t(64) << 20;

std::string workbookSchemaText(const std::string& schemaPath) {
    if (schemaPath.empty()) {
        const auto& all = embeddedSchemas();
        auto it = all.find(std::string(kWorkbookSchema));
        if (it == all.end()) throw std::runtime_error("the workbook schema was not embedded at build time");
        return std::string(it->second);
    }
    FileReadResult read = readFileBounded(schemaPath, kMaxSchemaBytes);
    if (!read.ok()) throw std::runtime_error("cannot read schema file " + schemaPath + ": " + read.message);
    return std::move(read.bytes);
}

namespace {

struct Raw {
    std::string pointer;
    Mapped mapped;
    std::string description;
};

void runSchema(valijson::Validator& validator, const valijson::Schema& schema, const Json& target, const std::string& prefix,
               std::vector<Raw>& raws) {
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter adapter(target);
    if (validator.validate(schema, adapter, &results)) return;
    for (const auto& error : results) raws.push_back({prefix + toPointer(error.context), classify(error.description), error.description});
}

// One located diagnostic per leaf error (an aggregate is kept only when no leaf below it was reported).
std::vector<Diagnostic> report(const std::vector<Raw>& raws, const doc::Document& document) {
    std::vector<Diagnostic> out;
    auto coveredByLeaf = [&](const std::string& pointer) {
        for (const auto& r : raws)
            if (!r.mapped.aggregate && (r.pointer == pointer || r.pointer.rfind(pointer + "/", 0) == 0)) return true;
        return false;
    };
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto& r : raws) {
        if (r.mapped.aggregate && coveredByLeaf(r.pointer)) continue;
        if (!seen.insert({r.pointer, std::string(r.mapped.rule.code()) + r.description}).second) continue;
        if (r.mapped.rule == "schema/unknown-property") { // located at the unknown key itself
            const auto q1 = r.description.find('\'', r.description.find("constraints:"));
            const auto q2 = r.description.rfind('\'');
            const std::string key = q1 != std::string::npos && q2 > q1 ? r.description.substr(q1 + 1, q2 - q1 - 1) : std::string();
            const std::string field = r.pointer.empty() ? std::string("the document") : "`" + displayName(r.pointer) + "`";
            out.push_back(makeError(r.mapped.rule, field + " has the unknown key `" + key + "`",
                                    r.pointer + "/" + escapePointerToken(key), document));
            continue;
        }
        const Json* value = resolvePointer(document.root, r.pointer);
        out.push_back(makeError(r.mapped.rule, describe(r.mapped, r.description, value, r.pointer), r.pointer, document));
    }
    return out;
}

// One element of a split schema: the element's own schema, then each of its columns'.
void runElementSchemas(valijson::Validator& validator, const CompiledSchema& compiled, const Json& element,
                       const std::string& elementPointer, std::vector<Raw>& raws) {
    runSchema(validator, compiled.element, element, elementPointer, raws);
    if (!element.is_object()) return;
    if (auto columns = element.find("columns"); columns != element.end() && columns->is_array()) {
        const std::string columnsPointer = child(elementPointer, "columns");
        for (std::size_t c = 0; c < columns->size(); ++c)
            runSchema(validator, compiled.column, (*columns)[c], child(columnsPointer, c), raws);
    }
}

std::vector<SchemaFinding> findingsOf(std::vector<Raw> raws) {
    std::vector<SchemaFinding> out;
    out.reserve(raws.size());
    for (auto& r : raws) out.push_back({std::move(r.pointer), std::move(r.description)});
    return out;
}

} // namespace

std::vector<Diagnostic> checkEmbeddedSchema(const doc::Document& document, const std::string& schemaName) {
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<valijson::Schema>> compiled;
    std::shared_ptr<valijson::Schema> schema;
    {
        std::lock_guard<std::mutex> lock(mutex);
        auto it = compiled.find(schemaName);
        if (it == compiled.end()) {
            const auto& all = embeddedSchemas();
            auto text = all.find(schemaName);
            if (text == all.end()) throw std::runtime_error("the schema " + schemaName + " was not embedded at build time");
            auto fresh = std::make_shared<valijson::Schema>();
            populate(Json::parse(text->second), *fresh);
            it = compiled.emplace(schemaName, fresh).first;
        }
        schema = it->second;
    }
    std::vector<Raw> raws;
    valijson::Validator validator;
    runSchema(validator, *schema, document.root, "", raws);
    return report(raws, document);
}

std::vector<Diagnostic> checkSchema(const doc::Document& document, const std::string& schemaPath) {
    std::vector<Diagnostic> out;
    std::shared_ptr<const CompiledSchema> compiled;
    try {
        compiled = schemaFor(schemaPath);
    } catch (const std::exception& e) {
        out.push_back(makeError("schema/invalid-schema", std::string("the JSON Schema cannot be used: ") + e.what(), "",
                                document));
        return out;
    }
    std::vector<Raw> raws;
    valijson::Validator validator; // one for every run (it holds a cache of compiled patterns)
    runSchema(validator, compiled->whole, document.root, "", raws);
    if (compiled->split)
        if (const Json* body = document.contents())
            if (auto it = body->find("elements"); it != body->end() && it->is_array()) {
                const std::string base = document.contentsPointer() + "/elements";
                for (std::size_t i = 0; i < it->size(); ++i) runElementSchemas(validator, *compiled, (*it)[i], child(base, i), raws);
            }
    return report(raws, document);
}

// The parts of checkSchema() (schema_parts.h): the same runs and the same report, split per element.
std::optional<std::vector<SchemaFinding>> schemaFindingsOutsideElements(const doc::Document& document, const std::string& schemaPath) {
    std::shared_ptr<const CompiledSchema> compiled;
    try {
        compiled = schemaFor(schemaPath);
    } catch (const std::exception&) {
        return std::nullopt;
    }
    std::vector<Raw> raws;
    valijson::Validator validator;
    runSchema(validator, compiled->whole, document.root, "", raws);
    return findingsOf(std::move(raws));
}

std::vector<SchemaFinding> schemaFindingsOfElement(const doc::Document& document, std::size_t index, const std::string& schemaPath) {
    std::shared_ptr<const CompiledSchema> compiled;
    try {
        compiled = schemaFor(schemaPath);
    } catch (const std::exception&) {
        return {};
    }
    std::vector<Raw> raws;
    const Json* body = document.contents();
    if (!compiled->split || !body) return {};
    auto it = body->find("elements");
    if (it == body->end() || !it->is_array() || index >= it->size()) return {};
    valijson::Validator validator; // one for the element and its columns (it caches compiled patterns)
    runElementSchemas(validator, *compiled, (*it)[index], child(document.contentsPointer() + "/elements", index), raws);
    return findingsOf(std::move(raws));
}

std::vector<Diagnostic> reportSchemaFindings(const doc::Document& document, const std::vector<SchemaFinding>& findings) {
    std::vector<Raw> raws;
    raws.reserve(findings.size());
    for (const auto& f : findings) raws.push_back({f.pointer, classify(f.description), f.description});
    return report(raws, document);
}

} // namespace quire::validate
