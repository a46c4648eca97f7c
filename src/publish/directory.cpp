#include <quire/publish/directory.h>
#include <quire/publish/sigma_client.h>

#include <QUrl>

#include <algorithm>
#include <limits>
#include <set>

namespace quire::publish {
namespace {

// Thrown inside fetchDirectory only: a reply that is not of the documented shape.
struct ShapeError {
    ApiError error;
};

[[noreturn]] void badShape(const std::string& path, std::size_t index, const std::string& what) {
    ApiError e;
    e.kind = ApiError::Kind::Malformed;
    e.method = "GET";
    e.path = path;
    e.message = "entry " + std::to_string(index) + ": " + what;
    throw ShapeError{e};
}

std::string pathSegment(const std::string& segment) {
    return QUrl::toPercentEncoding(QString::fromStdString(segment)).toStdString();
}

// A required string member.
std::string requiredText(const Json& entry, const char* key, const std::string& path, std::size_t index) {
    if (!entry.is_object()) badShape(path, index, "not an object");
    auto it = entry.find(key);
    if (it == entry.end() || !it->is_string() || it->get_ref<const std::string&>().empty())
        badShape(path, index, std::string("`") + key + "` is missing or not a non-empty string");
    return it->get<std::string>();
}

// An optional string member: absent or null is "", anything but a string is an error.
std::string optionalText(const Json& entry, const char* key, const std::string& path, std::size_t index) {
    auto it = entry.find(key);
    if (it == entry.end() || it->is_null()) return {};
    if (!it->is_string()) badShape(path, index, std::string("`") + key + "` is not a string");
    return it->get<std::string>();
}

// {type: "string", val: "..."}; null is "no value".
std::optional<std::string> attributeValue(const Json& entry, const char* key, const std::string& path, std::size_t index) {
    auto it = entry.find(key);
    if (it == entry.end() || it->is_null()) return std::nullopt;
    if (!it->is_object()) badShape(path, index, std::string("`") + key + "` is not an object {type, val}");
    return requiredText(*it, "val", path, index);
}

Json entriesOf(SigmaClient& client, const std::string& path, std::size_t max, const char* what) {
    ApiResult r = client.listAll(path);
    if (!r.ok()) throw ShapeError{r.error};
    Json entries = std::move(r.body["entries"]);
    if (entries.size() > max) {
        ApiError e;
        e.kind = ApiError::Kind::Malformed;
        e.method = "GET";
        e.path = path;
        e.message = "more than " + std::to_string(max) + " " + what + " (" + std::to_string(entries.size()) + ")";
        throw ShapeError{e};
    }
    return entries;
}

} // namespace

DirectoryResult fetchDirectory(SigmaClient& client) {
    DirectoryResult out;
    try {
        Directory directory;
        std::map<std::string, std::size_t> memberIndex; // memberId -> position in directory.members
        const Json members = entriesOf(client, "/v2/members", kMaxDirectoryMembers, "members");
        for (std::size_t i = 0; i < members.size(); ++i) {
            const Json& m = members[i];
            DirectoryMember member;
            member.memberId = requiredText(m, "memberId", "/v2/members", i);
            member.email = requiredText(m, "email", "/v2/members", i);
            const std::string first = optionalText(m, "firstName", "/v2/members", i);
            const std::string last = optionalText(m, "lastName", "/v2/members", i);
            member.fullName = first + (first.empty() || last.empty() ? "" : " ") + last;
            auto archived = m.find("isArchived");
            if (archived != m.end() && !archived->is_null() && !archived->is_boolean()) badShape("/v2/members", i, "`isArchived` is not a boolean");
            if (archived != m.end() && archived->is_boolean() && archived->get<bool>()) continue;
            if (memberIndex.count(member.memberId)) badShape("/v2/members", i, "memberId '" + member.memberId.substr(0, 64) + "' is listed twice");
            memberIndex[member.memberId] = directory.members.size();
            directory.members.push_back(std::move(member));
        }

        std::map<std::string, std::vector<std::string>> teamsOfMember; // memberId -> teamIds
        std::map<std::string, std::string> teamNames;                   // teamId -> name
        const Json teams = entriesOf(client, "/v2/teams", kMaxDirectoryTeams, "teams");
        for (std::size_t i = 0; i < teams.size(); ++i) {
            const std::string teamId = requiredText(teams[i], "teamId", "/v2/teams", i);
            const std::string name = requiredText(teams[i], "name", "/v2/teams", i);
            teamNames[teamId] = name;
            const std::string path = "/v2/teams/" + pathSegment(teamId) + "/members";
            const Json people = entriesOf(client, path, std::numeric_limits<std::size_t>::max(), "team members");
            for (std::size_t j = 0; j < people.size(); ++j) {
                const std::string memberId = requiredText(people[j], "memberId", path, j);
                auto at = memberIndex.find(memberId);
                if (at == memberIndex.end()) continue; // archived, or not visible to this client
                auto& mine = directory.members[at->second].teams;
                if (std::find(mine.begin(), mine.end(), name) == mine.end()) mine.push_back(name);
                teamsOfMember[memberId].push_back(teamId);
            }
        }

        const Json attributes = entriesOf(client, "/v2/user-attributes", kMaxDirectoryAttributes, "user attributes");
        for (std::size_t i = 0; i < attributes.size(); ++i) {
            const std::string id = requiredText(attributes[i], "userAttributeId", "/v2/user-attributes", i);
            const std::string name = requiredText(attributes[i], "name", "/v2/user-attributes", i);
            const std::optional<std::string> fallback = attributeValue(attributes[i], "defaultValue", "/v2/user-attributes", i);
            directory.attributeNames.push_back(name);

            std::map<std::string, std::string> userValue;
            const std::string usersPath = "/v2/user-attributes/" + pathSegment(id) + "/users";
            const Json users = entriesOf(client, usersPath, std::numeric_limits<std::size_t>::max(), "assignments");
            for (std::size_t j = 0; j < users.size(); ++j) {
                const std::string userId = requiredText(users[j], "userId", usersPath, j);
                auto value = attributeValue(users[j], "value", usersPath, j);
                if (!value) badShape(usersPath, j, "`value` is missing");
                userValue[userId] = *value;
            }
            std::map<std::string, std::pair<double, std::string>> teamValue; // teamId -> (priority, value)
            const std::string teamsPath = "/v2/user-attributes/" + pathSegment(id) + "/teams";
            const Json teamAssignments = entriesOf(client, teamsPath, std::numeric_limits<std::size_t>::max(), "assignments");
            for (std::size_t j = 0; j < teamAssignments.size(); ++j) {
                const std::string teamId = requiredText(teamAssignments[j], "teamId", teamsPath, j);
                auto value = attributeValue(teamAssignments[j], "value", teamsPath, j);
                if (!value) badShape(teamsPath, j, "`value` is missing");
                auto priority = teamAssignments[j].find("priority");
                if (priority != teamAssignments[j].end() && !priority->is_number()) badShape(teamsPath, j, "`priority` is not a number");
                const double rank = priority != teamAssignments[j].end() ? priority->get<double>() : 0.0;
                teamValue[teamId] = {rank, *value};
            }
            for (DirectoryMember& member : directory.members) {
                if (auto own = userValue.find(member.memberId); own != userValue.end()) {
                    member.attributes[name] = own->second;
                    continue;
                }
                std::optional<std::pair<double, std::string>> best;
                for (const std::string& teamId : teamsOfMember[member.memberId])
                    if (auto t = teamValue.find(teamId); t != teamValue.end() && (!best || t->second.first < best->first)) best = t->second;
                if (best) member.attributes[name] = best->second;
                else if (fallback) member.attributes[name] = *fallback;
            }
        }
        out.directory = std::move(directory);
    } catch (const ShapeError& e) {
        out.error = e.error;
    } catch (const Json::exception& e) { // a value of an unexpected type the checks above did not foresee
        ApiError error;
        error.kind = ApiError::Kind::Malformed;
        error.message = std::string("unexpected reply: ") + e.what();
        out.error = error;
    }
    return out;
}

} // namespace quire::publish
