#pragma once
// A local stand-in for Sigma's REST API (spec §7) on 127.0.0.1:<free port>, HTTP/1.1 over QTcpServer, in the
// test's thread. It checks requests the way the API does: client-credentials token (Basic auth, form body),
// bearer token validity, content types, JSON bodies, the create/update body shapes (flat body -> 400,
// legacy `document` body -> blank workbook, pages[].elements -> 400, stale documentVersion -> 409). Every
// request is recorded; faults can be queued per method and path prefix.
#include <quire/core/json.h>

#include <QByteArray>
#include <QObject>
#include <QTcpServer>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace quire::test {

struct RecordedRequest {
    std::string method;
    std::string path;                               // with the query string
    std::map<std::string, std::string> headers;     // lower-case names
    std::string body;
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
    Json json() const { return Json::parse(body, nullptr, false); }
};

struct Fault {
    std::string method;                      // "" = any
    std::string pathPrefix;                  // "" = any
    int status = 0;                          // 0 = answer normally (after the delay)
    Json body;                               // reply body (JSON)
    std::string rawBody;                     // used instead of `body` when not empty (malformed replies)
    std::map<std::string, std::string> headers;
    int delayMs = 0;                         // answer this late; -1: never answer
    int times = 1;                           // how many matching requests it applies to
};

// An organisation member (GET /v2/members), a team (GET /v2/teams, /v2/teams/{id}/members), a user attribute
// (GET /v2/user-attributes, /v2/user-attributes/{id}/users and /teams) and a workbook grant
// (GET/POST /v2/workbooks/{id}/grants, DELETE /v2/workbooks/{id}/grants/{grantId}).
struct FakeMember {
    std::string memberId;
    std::string email;
    std::string firstName;
    std::string lastName;
    bool isArchived = false;
};
struct FakeTeam {
    std::string teamId;
    std::string name;
    std::vector<std::string> memberIds;
};
struct FakeUserAttribute {
    std::string userAttributeId;
    std::string name;
    std::optional<std::string> defaultValue;
    std::map<std::string, std::string> userValues;              // memberId -> value
    std::vector<std::pair<std::string, std::string>> teamValues; // teamId -> value, priority = position + 1
};
struct FakeGrant {
    std::string grantId;
    std::string memberId;                   // one of memberId and teamId
    std::string teamId;
    std::string permission;                 // view, explore, edit
};

// A fault answering `status` with `body` (JSON, or `rawBody` when given) to the next request matching.
inline Fault replyFault(const std::string& method, const std::string& pathPrefix, int status, const Json& body,
                        const std::string& rawBody = {}) {
    Fault f;
    f.method = method;
    f.pathPrefix = pathPrefix;
    f.status = status;
    f.body = body;
    f.rawBody = rawBody;
    return f;
}

struct FakeWorkbook {
    std::string workbookId;
    std::string name;
    std::string folderId;
    std::string description;
    std::string urlId;
    long long documentVersion = 1;
    Json contents;
};

class FakeSigmaServer : public QObject {
public:
    FakeSigmaServer();
    ~FakeSigmaServer() override;

    std::string baseUrl() const;            // "http://127.0.0.1:<port>"
    std::string clientId = "quire-test-client";
    std::string clientSecret = "s3cr3t:with:colons";
    int tokenTtlSeconds = 3600;
    std::string userId = "user-1";
    std::string homeFolderId = "folder-home";
    int pageSize = 2;                       // list endpoints page this small to exercise paging

    std::vector<RecordedRequest> requests;
    std::vector<Fault> faults;
    std::map<std::string, FakeWorkbook> workbooks;
    int tokensIssued = 0;
    // Folders a create may name when strictFolders is set (Sigma answers 404 for an unknown folder); listed
    // by GET /v2/files.
    std::vector<std::string> folders{"folder-home", "folder-team", "folder-ci"};
    bool strictFolders = false;
    // Version tags that exist in the organisation (an admin creates them); POST /v2/workbooks/tag {workbookId,
    // tag: <name>} puts one on a workbook's latest version, GET /v2/workbooks/{id}/tags lists them.
    std::vector<std::string> versionTags;
    std::map<std::string, std::vector<Json>> workbookTags; // workbook id -> tag objects
    // Recorded compiled SQL per workbook id and element id, served by GET /v2/workbooks/{id}/elements/{eid}/query
    // as {"sql": ...}; an element of a known workbook without one gets Sigma's 400 for elements without a query.
    std::map<std::string, std::map<std::string, std::string>> elementSql;
    std::vector<FakeMember> members;        // besides userId (the API client's own user, always a member)
    std::vector<FakeTeam> teams;
    std::vector<FakeUserAttribute> userAttributes;
    std::map<std::string, std::vector<FakeGrant>> grants; // workbook id -> its direct grants
    // Requests that change something (POST, PUT, PATCH, DELETE), token requests and dry runs left out.
    std::vector<RecordedRequest> writes() const;

    void expireTokens();                    // every issued token becomes invalid (-> 401)
    // Changes a workbook as another user would: runs `edit` on its contents and bumps documentVersion.
    void editRemotely(const std::string& workbookId, const std::function<void(Json&)>& edit);
    FakeWorkbook& addWorkbook(const std::string& name, const Json& contents);
    // Requests other than the token endpoint.
    std::vector<RecordedRequest> apiRequests() const;

private:
    struct Reply {
        int status = 200;
        std::string contentType = "application/json";
        std::string body;
        std::map<std::string, std::string> headers;
    };
    void onConnection();
    Reply handle(const RecordedRequest& request);
    Reply route(const RecordedRequest& request, const std::string& path, const std::map<std::string, std::string>& query);
    Reply createWorkbook(const RecordedRequest& request);
    Reply getWorkbook(const std::string& id, bool includeContents, const RecordedRequest& request);
    Reply putContents(const std::string& id, const RecordedRequest& request);
    Reply tagWorkbook(const RecordedRequest& request);
    Reply elementQuery(const std::string& workbookId, const std::string& elementId);
    Reply workbookGrants(const std::string& workbookId, const RecordedRequest& request, const std::map<std::string, std::string>& query);
    Reply deleteGrant(const std::string& workbookId, const std::string& grantId);
    Reply userAttributeAssignments(const std::string& attributeId, bool teams, const std::map<std::string, std::string>& query);
    Reply list(const Json& all, const std::map<std::string, std::string>& query);
    Json workbookJson(const FakeWorkbook& wb, bool includeContents) const;

    QTcpServer server_;
    std::map<std::string, bool> tokens_;    // token -> valid
    int nextId_ = 1;
};

} // namespace quire::test
