#pragma once
// Sharing: the grants a workbook should have (declared under `sharing:` in quire.yaml, for the project and per
// environment; docs/governance.md), compared with the grants Sigma reports, and applied through the workbook
// grants API:
//   GET    /v2/workbooks/{workbookId}/grants            -> paged {entries: [{grantId, memberId|null, teamId|null, permission}]}
//   POST   /v2/workbooks/{workbookId}/grants            {grants: [{grantee: {memberId} | {teamId}, permission}]}
//   DELETE /v2/workbooks/{workbookId}/grants/{grantId}
// A grant names a user by email or a team by name; both become ids through GET /v2/members and GET /v2/teams,
// so quire.yaml never holds an id and never decides anything about credentials. Sigma's POST only raises a
// grant, so a lowered permission is a DELETE followed by a POST. Grants that are on the workbook but not
// declared are kept unless the user asks for them to be removed (`--prune-grants`).
#include <quire/core/diagnostic.h>
#include <quire/core/json.h>
#include <quire/publish/api_error.h>

#include <optional>
#include <string>
#include <vector>

namespace quire::publish {

class SigmaClient;

enum class GranteeKind { User, Team };

// One grant as declared in quire.yaml.
struct GrantSpec {
    GranteeKind kind = GranteeKind::User;
    std::string name;              // the user's email or the team's name, as written
    std::string permission;        // view, explore or edit
    std::vector<std::string> files; // workbook files (relative to quire.yaml) it applies to; empty = every workbook
    std::string pointer;           // "/sharing/0" in quire.yaml
    SourceLocation location;       // quire.yaml:line:col
};

bool isGrantPermission(const std::string& permission);
// view < explore < edit; -1 for anything else.
int permissionRank(const std::string& permission);

// A grant as it is on the server (or about to be).
struct Grant {
    std::string grantId;           // "" for one not created yet
    GranteeKind kind = GranteeKind::User;
    std::string granteeId;         // memberId or teamId
    std::string permission;
    std::string label;             // the email or team name, for people ("" when not known)
};

// A declared grant with its grantee resolved to an id.
struct ResolvedGrant {
    Grant grant;
    GrantSpec spec;
};

enum class GrantAction { Add, Change, Remove, Keep };
std::string_view grantActionName(GrantAction action);

struct GrantChange {
    GrantAction action = GrantAction::Add;
    Grant wanted;                  // Add, Change: the grant to make (Keep: the undeclared one left alone)
    std::optional<Grant> current;  // Change, Remove, Keep: the grant on the server
};

struct GrantPlan {
    bool managed = false;          // sharing is declared for this workbook (otherwise grants are not touched)
    bool prune = false;            // undeclared grants are removed
    std::vector<GrantChange> changes; // Add, Change, Remove (to send) and Keep (undeclared, left alone)
    int unchanged = 0;             // declared grants the server already has
    bool hasWrites() const;        // anything to send
};

// The plan from the declared (resolved) grants and the server's: same grantee and permission = unchanged;
// another permission = Change; not on the server = Add; on the server, not declared = Remove with `prune`,
// else Keep. Pure: no I/O.
GrantPlan diffGrants(const std::vector<ResolvedGrant>& wanted, const std::vector<Grant>& current, bool prune);

// "+ team Finance: view", "~ user ana@example.com: view -> edit", "- team Old: edit", "= ... (kept: not declared)".
std::string renderGrantPlanText(const GrantPlan& plan);
Json grantPlanJson(const GrantPlan& plan);

// Resolves each spec's grantee through GET /v2/members (every page, email case-insensitive) and GET /v2/teams
// (every page, exact name, else a unique case-insensitive match). An unknown or ambiguous grantee is a located
// `sharing/unknown-grantee` error; a failed call is returned in `error`.
struct GrantResolution {
    std::vector<ResolvedGrant> grants;
    std::vector<Diagnostic> diagnostics;
    std::optional<ApiError> error;
    bool ok() const { return !error && !hasErrors(diagnostics); }
};
GrantResolution resolveGrants(SigmaClient& client, const std::vector<GrantSpec>& specs);

// The workbook's grants (GET .../grants, every page); members and teams named in `resolved` get their labels.
// A reply entry of the wrong shape is an error (Malformed), never skipped silently.
struct GrantList {
    std::vector<Grant> grants;
    std::optional<ApiError> error;
};
GrantList listWorkbookGrants(SigmaClient& client, const std::string& workbookId, const std::vector<ResolvedGrant>& resolved);

// Sends the plan's Add, Change and Remove; stops at the first failure (returned).
std::optional<ApiError> applyGrantPlan(SigmaClient& client, const std::string& workbookId, const GrantPlan& plan);

} // namespace quire::publish
