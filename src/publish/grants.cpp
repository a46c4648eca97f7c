#include <quire/core/rules.h>
#include <quire/core/text.h>
#include <quire/publish/grants.h>
#include <quire/publish/sigma_client.h>

#include <QUrl>

#include <map>

namespace quire::publish {
namespace {

std::string granteeWord(GranteeKind kind) { return kind == GranteeKind::Team ? "team" : "user"; }

std::string clipped(const std::string& text) { return text.size() > 120 ? text.substr(0, 120) + "..." : text; }

std::string encodeSegment(const std::string& segment) {
    return QUrl::toPercentEncoding(QString::fromStdString(segment)).toStdString();
}

std::string nameOf(const Grant& grant) {
    return granteeWord(grant.kind) + " " + (grant.label.empty() ? grant.granteeId : grant.label);
}

ApiError malformed(const std::string& path, const std::string& message) {
    ApiError error;
    error.kind = ApiError::Kind::Malformed;
    error.method = "GET";
    error.path = path;
    error.message = message;
    return error;
}

const std::string* stringMember(const Json& object, const char* key) {
    if (!object.is_object()) return nullptr;
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
}

} // namespace

bool isGrantPermission(const std::string& permission) { return permissionRank(permission) >= 0; }

int permissionRank(const std::string& permission) {
    if (permission == "view") return 0;
    if (permission == "explore") return 1;
    if (permission == "edit") return 2;
    return -1;
}

std::string_view grantActionName(GrantAction action) {
    switch (action) {
    case GrantAction::Add: return "add";
    case GrantAction::Change: return "change";
    case GrantAction::Remove: return "remove";
    case GrantAction::Keep: return "keep";
    }
    return "keep";
}

bool GrantPlan::hasWrites() const {
    for (const GrantChange& c : changes)
        if (c.action != GrantAction::Keep) return true;
    return false;
}

GrantPlan diffGrants(const std::vector<ResolvedGrant>& wanted, const std::vector<Grant>& current, bool prune) {
    GrantPlan plan;
    plan.managed = true;
    plan.prune = prune;
    std::vector<bool> matched(current.size(), false);
    for (const ResolvedGrant& w : wanted) {
        std::optional<std::size_t> found;
        for (std::size_t i = 0; i < current.size(); ++i)
            if (!matched[i] && current[i].kind == w.grant.kind && current[i].granteeId == w.grant.granteeId) {
                found = i;
                break;
            }
        if (!found) {
            plan.changes.push_back(GrantChange{GrantAction::Add, w.grant, std::nullopt});
            continue;
        }
        matched[*found] = true;
        // Sigma may list one grantee twice (e.g. a grant per version tag): every further one is its own entry.
        if (current[*found].permission == w.grant.permission) {
            ++plan.unchanged;
            continue;
        }
        Grant from = current[*found];
        if (from.label.empty()) from.label = w.grant.label;
        plan.changes.push_back(GrantChange{GrantAction::Change, w.grant, from});
    }
    for (std::size_t i = 0; i < current.size(); ++i)
        if (!matched[i]) plan.changes.push_back(GrantChange{prune ? GrantAction::Remove : GrantAction::Keep, current[i], current[i]});
    return plan;
}

std::string renderGrantPlanText(const GrantPlan& plan) {
    if (!plan.managed) return {};
    std::string out = "sharing:";
    if (!plan.hasWrites()) out += " no changes";
    if (plan.unchanged > 0) out += " (" + std::to_string(plan.unchanged) + " grant(s) already in place)";
    out += "\n";
    for (const GrantChange& c : plan.changes) {
        switch (c.action) {
        case GrantAction::Add: out += "  + " + nameOf(c.wanted) + ": " + c.wanted.permission + "\n"; break;
        case GrantAction::Change:
            out += "  ~ " + nameOf(c.wanted) + ": " + c.current->permission + " -> " + c.wanted.permission + "\n";
            break;
        case GrantAction::Remove: out += "  - " + nameOf(*c.current) + ": " + c.current->permission + "\n"; break;
        case GrantAction::Keep:
            out += "  = " + nameOf(*c.current) + ": " + c.current->permission + " (not declared; kept, --prune-grants removes it)\n";
            break;
        }
    }
    return out;
}

Json grantPlanJson(const GrantPlan& plan) {
    if (!plan.managed) return Json();
    Json changes = Json::array();
    for (const GrantChange& c : plan.changes) {
        const Grant& g = c.action == GrantAction::Add || c.action == GrantAction::Change ? c.wanted : *c.current;
        Json entry{{"action", std::string(grantActionName(c.action))},
                   {"grantee", granteeWord(g.kind)},
                   {"name", g.label.empty() ? Json() : Json(g.label)},
                   {"id", g.granteeId},
                   {"permission", g.permission}};
        if (c.current) {
            entry["from"] = c.current->permission;
            entry["grantId"] = c.current->grantId;
        }
        changes.push_back(std::move(entry));
    }
    return Json{{"prune", plan.prune}, {"unchanged", plan.unchanged}, {"changes", std::move(changes)}};
}

GrantResolution resolveGrants(SigmaClient& client, const std::vector<GrantSpec>& specs) {
    GrantResolution out;
    bool needMembers = false, needTeams = false;
    for (const GrantSpec& s : specs) (s.kind == GranteeKind::Team ? needTeams : needMembers) = true;
    std::map<std::string, std::string> memberByEmail; // lower-case email -> memberId
    std::vector<std::pair<std::string, std::string>> teams; // name, teamId
    if (needMembers) {
        ApiResult members = client.listAll("/v2/members");
        if (!members.ok()) {
            out.error = members.error;
            return out;
        }
        for (const Json& m : members.body["entries"]) {
            const std::string* id = stringMember(m, "memberId");
            const std::string* email = stringMember(m, "email");
            if (!id || !email) {
                out.error = malformed("/v2/members", "a member entry without a memberId and email string");
                return out;
            }
            memberByEmail[asciiLower(*email)] = *id;
        }
    }
    if (needTeams) {
        ApiResult list = client.listAll("/v2/teams");
        if (!list.ok()) {
            out.error = list.error;
            return out;
        }
        for (const Json& t : list.body["entries"]) {
            const std::string* id = stringMember(t, "teamId");
            const std::string* name = stringMember(t, "name");
            if (!id || !name) {
                out.error = malformed("/v2/teams", "a team entry without a teamId and name string");
                return out;
            }
            teams.emplace_back(*name, *id);
        }
    }
    for (const GrantSpec& s : specs) {
        std::string id;
        std::string problem;
        if (s.kind == GranteeKind::User) {
            auto it = memberByEmail.find(asciiLower(s.name));
            if (it != memberByEmail.end()) id = it->second;
            else problem = "no Sigma member has the email '" + clipped(s.name) + "'";
        } else {
            std::vector<std::string> exact, folded;
            for (const auto& [name, teamId] : teams) {
                if (name == s.name) exact.push_back(teamId);
                else if (asciiLower(name) == asciiLower(s.name)) folded.push_back(teamId);
            }
            const auto& candidates = exact.empty() ? folded : exact;
            if (candidates.size() == 1) id = candidates.front();
            else if (candidates.empty()) problem = "no Sigma team is called '" + clipped(s.name) + "'";
            else problem = std::to_string(candidates.size()) + " Sigma teams are called '" + clipped(s.name) + "'; rename one";
        }
        if (!problem.empty()) {
            out.diagnostics.push_back(Diagnostic{Severity::Error, RuleCode("sharing/unknown-grantee"),
                                                 problem + "; nothing was sent", s.pointer, s.location, std::nullopt});
            continue;
        }
        out.grants.push_back(ResolvedGrant{Grant{"", s.kind, id, s.permission, s.name}, s});
    }
    return out;
}

GrantList listWorkbookGrants(SigmaClient& client, const std::string& workbookId, const std::vector<ResolvedGrant>& resolved) {
    GrantList out;
    const std::string path = "/v2/workbooks/" + encodeSegment(workbookId) + "/grants";
    ApiResult list = client.listAll(path);
    if (!list.ok()) {
        out.error = list.error;
        return out;
    }
    for (const Json& entry : list.body["entries"]) {
        const std::string* grantId = stringMember(entry, "grantId");
        const std::string* permission = stringMember(entry, "permission");
        const std::string* memberId = stringMember(entry, "memberId");
        const std::string* teamId = stringMember(entry, "teamId");
        if (!grantId || !permission || (!memberId == !teamId)) {
            out.error = malformed(path, "a grant entry without a grantId, a permission and exactly one of memberId and teamId");
            return out;
        }
        Grant g{*grantId, memberId ? GranteeKind::User : GranteeKind::Team, memberId ? *memberId : *teamId, *permission, ""};
        for (const ResolvedGrant& r : resolved)
            if (r.grant.kind == g.kind && r.grant.granteeId == g.granteeId) g.label = r.grant.label;
        out.grants.push_back(std::move(g));
    }
    return out;
}

std::optional<ApiError> applyGrantPlan(SigmaClient& client, const std::string& workbookId, const GrantPlan& plan) {
    const std::string base = "/v2/workbooks/" + encodeSegment(workbookId) + "/grants";
    Json raise = Json::array();
    for (const GrantChange& c : plan.changes) {
        // Removals, and lowered permissions (Sigma's POST only raises one), go first: DELETE the current grant.
        const bool lowers = c.action == GrantAction::Change && permissionRank(c.wanted.permission) < permissionRank(c.current->permission);
        if (c.action == GrantAction::Remove || lowers) {
            ApiResult deleted = client.call({"DELETE", base + "/" + encodeSegment(c.current->grantId), std::nullopt, true, true});
            if (!deleted.ok()) return deleted.error;
        }
        if (c.action == GrantAction::Add || c.action == GrantAction::Change) {
            Json grantee = c.wanted.kind == GranteeKind::Team ? Json{{"teamId", c.wanted.granteeId}} : Json{{"memberId", c.wanted.granteeId}};
            raise.push_back(Json{{"grantee", std::move(grantee)}, {"permission", c.wanted.permission}});
        }
    }
    if (raise.empty()) return std::nullopt;
    // Granting again what is granted changes nothing, so a repeat after a lost reply is harmless.
    ApiResult added = client.call({"POST", base, Json{{"grants", std::move(raise)}}, true, true});
    if (!added.ok()) return added.error;
    return std::nullopt;
}

} // namespace quire::publish
