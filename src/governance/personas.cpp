#include <quire/governance/personas.h>

#include <quire/core/file_io.h>
#include <quire/core/json.h>
#include <quire/core/rules.h>
#include <quire/core/text.h>
#include <quire/doc/io.h>
#include <quire/validate/schema.h>

#include <filesystem>
#include <set>
#include <system_error>

namespace quire::governance {
namespace {

namespace fs = std::filesystem;

bool hasControlCharacter(std::string_view s) {
    for (char c : s)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
    return false;
}

// One address: local@domain, no spaces, no control characters, exactly one '@' with text on both sides.
bool plausibleEmail(std::string_view email) {
    const auto at = email.find('@');
    if (at == std::string_view::npos || at == 0 || at + 1 == email.size() || email.find('@', at + 1) != std::string_view::npos)
        return false;
    return !hasControlCharacter(email) && email.find(' ') == std::string_view::npos;
}

std::string shown(std::string_view s) { return std::string(s.substr(0, 120)); }

} // namespace

std::string Persona::roleFor(const std::string& connectionId) const {
    const auto it = user.warehouseRoles.find(connectionId);
    return it == user.warehouseRoles.end() ? std::string() : it->second;
}

const Persona* PersonaSet::find(std::string_view email) const {
    const std::string wanted = asciiLower(email);
    for (const Persona& p : personas)
        if (asciiLower(p.email()) == wanted) return &p;
    return nullptr;
}

const Persona* PersonaSet::defaultPersona() const {
    for (const Persona& p : personas)
        if (p.isDefault) return &p;
    return nullptr;
}

std::string PersonaSet::emails() const {
    std::string out;
    for (const Persona& p : personas) out += (out.empty() ? "" : ", ") + p.email();
    return out;
}

PersonasLoad parsePersonas(std::string_view bytes, const std::string& path) {
    PersonasLoad out;
    doc::LoadLimits limits;
    limits.maxDepth = kMaxPersonasDepth;
    limits.maxBytes = kMaxPersonasFileBytes;
    doc::LoadResult loaded = doc::parseDocument(bytes, doc::detectFormat(path, bytes), path, limits);
    out.diagnostics = loaded.diagnostics;
    if (!loaded.ok()) return out;
    const doc::Document& document = *loaded.document;
    auto error = [&](RuleCode rule, const std::string& message, const std::string& pointer) {
        out.diagnostics.push_back(makeDiagnostic(rule, message, pointer, document.locate(pointer)));
    };
    if (!document.root.is_object()) {
        error("schema/type", "quire.personas.yaml must be a mapping with `personas`", "");
        return out;
    }
    for (Diagnostic& d : validate::checkEmbeddedSchema(document, "quire-personas.schema.json")) out.diagnostics.push_back(std::move(d));
    if (hasErrors(out.diagnostics)) return out;

    PersonaSet set;
    set.path = path;
    std::set<std::string> emails;
    std::string firstDefault; // email of the first persona marked default
    const Json& personas = document.root["personas"];
    for (std::size_t i = 0; i < personas.size(); ++i) {
        const Json& p = personas[i];
        Persona persona;
        persona.pointer = "/personas/" + std::to_string(i);
        persona.user.email = p["email"].get<std::string>();
        persona.user.fullName = p.value("fullName", std::string());
        persona.user.userId = p.value("userId", std::string());
        persona.isDefault = p.value("default", false);
        if (!plausibleEmail(persona.user.email))
            error("personas/email", "'" + shown(persona.user.email) + "' is not one email address", persona.pointer + "/email");
        else if (!emails.insert(asciiLower(persona.user.email)).second)
            error("personas/duplicate-email", "persona " + shown(persona.user.email) + " is listed twice", persona.pointer + "/email");
        if (persona.isDefault && !firstDefault.empty())
            error("personas/several-defaults",
                  "both " + firstDefault + " and " + shown(persona.user.email) + " are marked default: true", persona.pointer + "/default");
        else if (persona.isDefault)
            firstDefault = shown(persona.user.email);
        if (auto teams = p.find("teams"); teams != p.end())
            for (const Json& t : *teams) persona.user.teams.push_back(t.get<std::string>());
        if (auto attributes = p.find("attributes"); attributes != p.end())
            for (auto a = attributes->begin(); a != attributes->end(); ++a) {
                if (a->is_string()) persona.user.attributes[a.key()] = a->get<std::string>();
                else if (a->is_boolean()) persona.user.attributes[a.key()] = a->get<bool>();
                else persona.user.attributes[a.key()] = a->get<double>();
            }
        if (auto roles = p.find("warehouseRoles"); roles != p.end())
            for (auto r = roles->begin(); r != roles->end(); ++r) {
                const std::string role = r->get<std::string>();
                if (hasControlCharacter(role) || hasControlCharacter(r.key()))
                    error("personas/warehouse-role", "warehouse role names have no control characters",
                          persona.pointer + "/warehouseRoles/" + doc::escapePointerToken(r.key()));
                persona.user.warehouseRoles[r.key()] = role;
            }
        set.personas.push_back(std::move(persona));
    }
    if (!hasErrors(out.diagnostics)) out.set = std::move(set);
    return out;
}

PersonasLoad loadPersonas(const std::string& path) {
    FileReadResult read = readFileBounded(path, kMaxPersonasFileBytes);
    if (!read.ok()) {
        PersonasLoad out;
        const RuleCode rule = read.status == FileReadResult::Status::TooLarge ? RuleCode("io/too-large") : RuleCode("io/read-failed");
        out.diagnostics.push_back(makeDiagnostic(rule, "cannot read " + path + ": " + read.message, "", SourceLocation{path, 0, 0}));
        return out;
    }
    return parsePersonas(read.bytes, path);
}

std::optional<std::string> findPersonasFile(const std::string& workbookPath, const std::string& explicitPath) {
    if (!explicitPath.empty()) return explicitPath;
    std::error_code ec;
    fs::path dir = fs::absolute(fs::path(workbookPath).parent_path().empty() ? fs::path(".") : fs::path(workbookPath).parent_path(), ec);
    if (ec) return std::nullopt;
    dir = dir.lexically_normal();
    if (fs::is_regular_file(dir / kPersonasFileName, ec)) return (fs::path(workbookPath).parent_path() / kPersonasFileName).string();
    for (int depth = 0; depth < kMaxPersonasDepth; ++depth) {
        if (fs::exists(dir / ".git", ec)) {
            if (fs::is_regular_file(dir / kPersonasFileName, ec)) return (dir / kPersonasFileName).string();
            return std::nullopt;
        }
        if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
        dir = dir.parent_path();
    }
    return std::nullopt;
}

PersonaChoice choosePersona(const std::string& workbookPath, const std::string& personasPath, const std::string& asEmail) {
    PersonaChoice out;
    const auto path = findPersonasFile(workbookPath, personasPath);
    if (!path) {
        if (!asEmail.empty())
            out.diagnostics.push_back(makeDiagnostic(
                "personas/no-file", "--as " + shown(asEmail) + " needs a personas file: " + std::string(kPersonasFileName) +
                                        " next to the workbook or in the repository root, or --personas FILE"));
        return out;
    }
    PersonasLoad loaded = loadPersonas(*path);
    out.diagnostics = std::move(loaded.diagnostics);
    if (!loaded.ok()) return out;
    out.set = std::move(loaded.set);
    if (!asEmail.empty()) {
        const Persona* p = out.set->find(asEmail);
        if (!p)
            out.diagnostics.push_back(makeDiagnostic("personas/unknown", "no persona " + shown(asEmail) + " in " + *path +
                                                                             " (personas: " + out.set->emails() + ")",
                                                     "", SourceLocation{*path, 0, 0}));
        else
            out.persona = *p;
    } else if (const Persona* d = out.set->defaultPersona()) {
        out.persona = *d;
    }
    return out;
}

} // namespace quire::governance
