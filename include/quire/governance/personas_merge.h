#pragma once
// `quire personas pull`: the users Sigma reports merged into the personas file's tree. Sigma decides the email,
// full name, member id, teams and the values of its own user attributes; what only a person can write stays:
// `default`, `warehouseRoles`, attributes Sigma does not have, personas Sigma does not list (test users), the
// order of the file. A value that did not change is left as it is, so the format-preserving writer
// (doc::saveDocumentPreserving) rewrites only the bytes of what changed and keeps the comments.
#include <quire/core/json.h>

#include <map>
#include <string>
#include <vector>

namespace quire::governance {

struct PulledUser {
    std::string email;
    std::string fullName;
    std::string userId;
    std::vector<std::string> teams;
    std::map<std::string, std::string> attributes; // name -> value
};

struct PullMergeSummary {
    int added = 0;
    int updated = 0;
    int unchanged = 0;
    std::vector<std::string> notInSigma; // emails of personas kept that Sigma does not list
};

// `existing`: the personas file's root (an empty object or null for a new file). `sigmaAttributes`: the names of
// every user attribute the organisation has (a persona's value for one of them that Sigma no longer assigns is
// removed). Matching is by email, case-insensitive.
Json mergePulledPersonas(const Json& existing, const std::vector<PulledUser>& users, const std::vector<std::string>& sigmaAttributes,
                         PullMergeSummary& summary);

} // namespace quire::governance
