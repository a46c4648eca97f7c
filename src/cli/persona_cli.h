#pragma once
// Viewing a workbook as a persona from the command line (--as EMAIL, --personas FILE): which persona, what it
// may see (preview::viewAs), and the notes and errors that follow for one element. docs/governance.md.
#include <CLI/CLI.hpp>

#include <quire/connect/result_batch.h>
#include <quire/core/json.h>
#include <quire/doc/document.h>
#include <quire/governance/personas.h>
#include <quire/preview/access.h>

#include <memory>
#include <optional>
#include <string>

namespace quire::cli {

struct PersonaArgs {
    std::string as;        // --as EMAIL
    std::string personas;  // --personas FILE
};

void addPersonaOptions(CLI::App* cmd, const std::shared_ptr<PersonaArgs>& args);

struct ElementView {
    std::optional<governance::Persona> persona; // none = the author view without personas
    preview::PersonaView view;                  // contents as the persona sees them
    bool skip = false;                          // the element is on a page hidden from the persona: nothing to run
};

// Chooses the persona (printing personas/* errors and throwing ExitCode{2} on them), computes the view, and
// prints the element's security notes to stderr; a withheld element is an error (ExitCode{1}).
// Notes are located in the workbook (file:line:col). `document` must have a body.
ElementView viewElementAs(const std::string& workbookPath, const doc::Document& document, const std::string& elementId,
                          const PersonaArgs& args);

// The result with the masked columns added at the end, every value shown as kMaskedValue: the query never
// selected them.
inline constexpr const char* kMaskedValue = "<masked>";
connect::ResultSet withMaskedColumns(const connect::ResultSet& result, const std::vector<std::string>& masked);

} // namespace quire::cli
