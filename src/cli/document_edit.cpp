#include "document_edit.h"

#include "command_registry.h"

#include <quire/doc/io.h>
#include <quire/validate/validator.h>

#include <iostream>

namespace quire::cli {

Expected<Json> parseValueText(const std::string& text) {
    if (text.find('\n') != std::string::npos || text.find('\r') != std::string::npos)
        return makeDiagnostic("cli/argument", "VALUE must be one line: a scalar or a flow collection ([a, b], {k: v})");
    // Read as the value of a one-key mapping, so VALUE gets exactly the typing a file would give it.
    const doc::LoadResult loaded = doc::parseDocument("value: " + text + "\n", doc::Format::Yaml);
    if (!loaded.ok() || loaded.document->root.size() != 1 || !loaded.document->root.contains("value"))
        return makeDiagnostic("cli/argument", "VALUE is not a YAML/JSON scalar or flow collection" +
                                                  (loaded.diagnostics.empty() ? std::string() : ": " + loaded.diagnostics.front().message));
    return loaded.document->root["value"];
}

Expected<JsonPointer> parsePointer(const std::string& text) {
    try {
        return JsonPointer(text);
    } catch (const Json::exception&) { // nlohmann's parser reports a malformed pointer by throwing
        return makeDiagnostic("cli/argument", "invalid JSON pointer '" + text + "' (RFC 6901: empty, or /key/0/...)");
    }
}

int editDocumentFile(const std::string& command, const std::string& file, bool force, const DocumentChange& change) {
    const std::string prefix = "quire " + command + ": ";
    doc::LoadResult loaded = doc::loadDocument(file);
    for (const auto& d : loaded.diagnostics) std::cerr << formatDiagnostic(d) << "\n";
    if (!loaded.ok()) return 2;
    doc::Document& document = *loaded.document;
    const Json before = document.root;
    if (auto problem = change(document.root)) {
        std::cerr << prefix << *problem << "\n";
        return 2;
    }
    if (document.root == before) {
        std::cerr << prefix << file << " unchanged\n";
        return 0;
    }
    doc::PreservingSave saved;
    try {
        saved = doc::saveDocumentPreserving(document, document.format);
    } catch (const std::exception& e) { // a value the canonical writer refuses
        std::cerr << prefix << e.what() << "\n";
        return 1;
    }
    // Validated as the text that would be written, so locations are those of the new file.
    const validate::FileValidation checked = validate::validateText(saved.text, document.format, file);
    bool errors = !checked.loaded;
    for (const auto& d : checked.diagnostics) {
        std::cout << formatDiagnostic(d) << "\n";
        if (d.severity == Severity::Error) errors = true;
    }
    if (errors && !force) {
        std::cerr << prefix << "not written: the result has validation errors (use --force to write it anyway)\n";
        return 1;
    }
    if (!saved.preserved)
        std::cerr << prefix << "the file is rewritten in canonical style: " << saved.fallbackReason << "\n";
    try {
        doc::writeFileAtomically(file, saved.text);
    } catch (const std::exception& e) {
        std::cerr << prefix << e.what() << "\n";
        return 1;
    }
    return 0;
}

} // namespace quire::cli
