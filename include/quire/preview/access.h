#pragma once
// What a persona may see of a workbook (docs/governance.md): Sigma's column-level security (`columnSecurities`
// on table elements) and page `visibility`, applied before anything is planned. viewAs() returns the body
// with every masked column removed — restricted columns, and every column, filter or element that reads one
// (through sibling formulas or child elements) — so no planner can select them: the SQL that runs does not
// mention them at all.
#include <quire/core/diagnostic.h>
#include <quire/core/json.h>
#include <quire/sql/current_user.h>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace quire::preview {

// Whether `user` meets a criteria object: `{kind: no-one-can-view}` (never), `{kind: specific-users-and-teams,
// assignments: [{type: user, userId} | {type: team, teamId}]}` (a user matches by userId or email, a team by
// the persona's teams), `{kind: user-attribute, assignments: [{userAttributeId, value}]}` (any match). Unknown
// kinds admit no one.
bool criteriaAdmits(const Json& criteria, const sql::CurrentUser& user);
// A page's `visibility`: absent = everyone, `hidden` = no viewer, `{kind: specific-users-and-teams,
// assignments: {users: [...], teams: [...]}}` = those (users by email or id; the list form of criteriaAdmits
// is accepted too).
bool pageVisibleTo(const Json& page, const sql::CurrentUser& user);

struct MaskedColumn {
    std::string elementId;
    std::string columnId;
    std::string columnName;
    bool restricted = false;  // named by a columnSecurities entry (else it reads a masked column)
    std::string because;      // "restricted by columnSecurities 'cs-1'" / "reads masked column [Salary] of 'emp'"
};

struct PersonaView {
    Json contents;                                    // the body as the persona's queries see it
    std::vector<MaskedColumn> masked;                 // in element and column order
    std::map<std::string, std::string> withheld;      // element id -> why it cannot be shown at all
    std::set<std::string> hiddenPages;                // page ids
    std::vector<Diagnostic> diagnostics;              // security/masked-column, restricted-dependency, hidden-page
    // Masked columns of one element (names, in column order).
    std::vector<std::string> maskedNames(const std::string& elementId) const;
    bool isMasked(const std::string& elementId, const std::string& columnId) const;
};

// Without a user nothing is masked or hidden (the plain author view).
PersonaView viewAs(const Json& contents, const sql::CurrentUser* user);

} // namespace quire::preview
