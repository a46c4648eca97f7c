#pragma once
// Who the SQL runs as: the values of CurrentUserEmail(), CurrentUserFullName(), CurrentUserInTeam(t) and
// CurrentUserAttributeText/Number/Date(a). They come from a persona (quire.personas.yaml, docs/governance.md)
// and reach SQL only as bound parameters or fixed TRUE/FALSE literals, never as spliced text.
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace quire::sql {

// A user attribute as the personas file holds it: text (dates are YYYY-MM-DD text), a number or a boolean.
using AttributeValue = std::variant<std::string, double, bool>;

struct CurrentUser {
    std::string email;
    std::string fullName;
    std::string userId;                                  // Sigma member id ("" = unknown)
    std::vector<std::string> teams;                      // team ids or names
    std::map<std::string, AttributeValue> attributes;    // by user attribute id
    std::map<std::string, std::string> warehouseRoles;   // connection id -> warehouse role its queries run as

    bool inTeam(const std::string& team) const;
    // The attribute as text ("" and false when the persona has none); numbers print without a trailing ".0".
    bool attributeText(const std::string& id, std::string& out) const;
};

} // namespace quire::sql
