#pragma once
// The personas file `quire.personas.yaml`: the users an author previews a workbook as (docs/governance.md).
// Each persona has an email, a full name, teams, user attributes and, per connection id, a warehouse role.
// It is a committed file and holds no secret. Loaded with the document reader's limits (1 MiB, 64 levels),
// checked against schemas/quire-personas.schema.json, then for unique emails and at most one default.
#include <quire/core/diagnostic.h>
#include <quire/sql/current_user.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quire::governance {

inline constexpr const char* kPersonasFileName = "quire.personas.yaml";
inline constexpr std::size_t kMaxPersonasFileBytes = 1 << 20;
inline constexpr int kMaxPersonasDepth = 64;

struct Persona {
    sql::CurrentUser user;                             // email, full name, user id, teams, attributes, warehouse roles
    bool isDefault = false;                            // the author view's persona
    std::string pointer;                               // "/personas/3" in the file

    const std::string& email() const { return user.email; }
    // The role for a connection, "" when none.
    std::string roleFor(const std::string& connectionId) const;
};

struct PersonaSet {
    std::string path;
    std::vector<Persona> personas;                     // in file order
    // Case-insensitive email match; nullptr when absent.
    const Persona* find(std::string_view email) const;
    const Persona* defaultPersona() const;             // the one marked default, or nullptr
    std::string emails() const;                        // "a@x, b@y" for messages
};

struct PersonasLoad {
    std::optional<PersonaSet> set;
    std::vector<Diagnostic> diagnostics;               // file:line:col; rules io/*, yaml/*, json/*, schema/*, personas/*
    bool ok() const { return set.has_value() && !hasErrors(diagnostics); }
};

PersonasLoad parsePersonas(std::string_view text, const std::string& path);
PersonasLoad loadPersonas(const std::string& path);

// Where the personas of a workbook live: `explicitPath` when given, else quire.personas.yaml next to the
// workbook, else in the repository root above it (the directory holding .git, at most 64 levels up).
// nullopt when there is none.
std::optional<std::string> findPersonasFile(const std::string& workbookPath, const std::string& explicitPath = {});

// Which persona a command runs as: `asEmail` (must be in the file), else the file's default persona, else
// none (nullopt persona, no error). Errors (no file for --as, unknown email, a broken file) are diagnostics.
struct PersonaChoice {
    std::optional<PersonaSet> set;
    std::optional<Persona> persona;
    std::vector<Diagnostic> diagnostics;
    bool ok() const { return !hasErrors(diagnostics); }
};
PersonaChoice choosePersona(const std::string& workbookPath, const std::string& personasPath, const std::string& asEmail);

} // namespace quire::governance
