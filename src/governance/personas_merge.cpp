#include <quire/governance/personas_merge.h>

#include <quire/core/text.h>

#include <algorithm>
#include <set>

namespace quire::governance {
namespace {

// Sets `key` only when the value differs, so an unchanged value keeps its bytes in the file.
bool assign(Json& object, const char* key, const Json& value) {
    auto it = object.find(key);
    if (it != object.end() && *it == value) return false;
    object[key] = value;
    return true;
}

Json pulledPersonaJson(const PulledUser& user) {
    Json persona = Json::object();
    persona["email"] = user.email;
    if (!user.fullName.empty()) persona["fullName"] = user.fullName;
    persona["userId"] = user.userId;
    if (!user.teams.empty()) persona["teams"] = user.teams;
    if (!user.attributes.empty()) {
        Json attributes = Json::object();
        for (const auto& [name, value] : user.attributes) attributes[name] = value;
        persona["attributes"] = std::move(attributes);
    }
    return persona;
}

// Brings an existing persona up to date; true when anything changed.
bool update(Json& persona, const PulledUser& user, const std::set<std::string>& sigmaAttributes) {
    bool changed = false;
    if (!user.fullName.empty()) changed |= assign(persona, "fullName", user.fullName);
    changed |= assign(persona, "userId", user.userId);
    if (!user.teams.empty() || persona.contains("teams")) changed |= assign(persona, "teams", Json(user.teams));
    Json attributes = persona.contains("attributes") && persona["attributes"].is_object() ? persona["attributes"] : Json::object();
    const Json before = attributes;
    for (const std::string& name : sigmaAttributes) {
        auto value = user.attributes.find(name);
        if (value == user.attributes.end()) attributes.erase(name);
        else if (!attributes.contains(name) || attributes[name] != Json(value->second)) attributes[name] = value->second;
    }
    if (attributes != before) {
        if (attributes.empty() && !persona.contains("attributes")) return changed;
        persona["attributes"] = std::move(attributes);
        changed = true;
    }
    return changed;
}

} // namespace

Json mergePulledPersonas(const Json& existing, const std::vector<PulledUser>& users, const std::vector<std::string>& sigmaAttributes,
                         PullMergeSummary& summary) {
    Json root = existing.is_object() && !existing.empty() ? existing : Json{{"version", 1}};
    if (!root.contains("personas") || !root["personas"].is_array()) root["personas"] = Json::array();
    Json& personas = root["personas"];
    const std::set<std::string> attributeNames(sigmaAttributes.begin(), sigmaAttributes.end());
    std::set<std::string> pulledEmails;
    for (const PulledUser& user : users) {
        const std::string email = asciiLower(user.email);
        pulledEmails.insert(email);
        auto match = std::find_if(personas.begin(), personas.end(), [&](const Json& p) {
            return p.is_object() && p.contains("email") && p["email"].is_string() && asciiLower(p["email"].get<std::string>()) == email;
        });
        if (match == personas.end()) {
            personas.push_back(pulledPersonaJson(user));
            ++summary.added;
        } else if (update(*match, user, attributeNames)) {
            ++summary.updated;
        } else {
            ++summary.unchanged;
        }
    }
    for (const Json& p : personas)
        if (p.is_object() && p.contains("email") && p["email"].is_string() && !pulledEmails.count(asciiLower(p["email"].get<std::string>())))
            summary.notInSigma.push_back(p["email"].get<std::string>());
    return root;
}

} // namespace quire::governance
