#pragma once
// Who is in the Sigma organisation, for `quire personas pull`: members with their teams and user attribute
// values, read through the REST API (every page of each list):
//   GET /v2/members                                   {entries: [{memberId, email, firstName, lastName, isArchived}]}
//   GET /v2/teams, GET /v2/teams/{teamId}/members     {entries: [{teamId, name}]}, {entries: [{memberId}]}
//   GET /v2/user-attributes                           {entries: [{userAttributeId, name, defaultValue: {type, val}|null}]}
//   GET /v2/user-attributes/{id}/users                {entries: [{userId, value: {type, val}}]}
//   GET /v2/user-attributes/{id}/teams                {entries: [{teamId, value: {type, val}, priority}]}
// A member's attribute value is its own assignment, else the assignment of its team with the lowest priority
// number, else the attribute's default. Every reply is checked for the documented shape: a missing id or a
// field of the wrong type is an error naming the call and the entry, never a crash or a silently dropped user.
#include <quire/publish/api_error.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace quire::publish {

class SigmaClient;

inline constexpr std::size_t kMaxDirectoryMembers = 10000; // what a personas file holds
inline constexpr std::size_t kMaxDirectoryTeams = 10000;
inline constexpr std::size_t kMaxDirectoryAttributes = 1000;

struct DirectoryMember {
    std::string memberId;
    std::string email;
    std::string fullName;                           // "First Last" (either may be missing)
    std::vector<std::string> teams;                 // team names, in the order Sigma lists the teams
    std::map<std::string, std::string> attributes;  // attribute name -> value (text)
};

struct Directory {
    std::vector<DirectoryMember> members;           // active members (archived ones left out), in Sigma's order
    std::vector<std::string> attributeNames;        // every user attribute of the organisation
};

struct DirectoryResult {
    std::optional<Directory> directory;
    std::optional<ApiError> error;                  // the failing call, or Malformed with the entry it names
};

DirectoryResult fetchDirectory(SigmaClient& client);

} // namespace quire::publish
