#include "fake_sigma_server.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>

namespace quire::test {
namespace {

Json error(const std::string& message, const std::string& code) {
    return Json{{"code", code}, {"message", message}, {"requestId", "req-fake"}};
}

std::string reason(int status) {
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 406: return "Not Acceptable";
    case 409: return "Conflict";
    case 415: return "Unsupported Media Type";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

// No std::regex here: the tests send ids and bodies of any length (its matcher recurses per character).
bool isHexColour(const std::string& s) {
    return s.size() == 7 && s[0] == '#' && std::all_of(s.begin() + 1, s.end(), [](unsigned char c) { return std::isxdigit(c) != 0; });
}

bool isKind(const std::string& k) {
    return !k.empty() && k[0] >= 'a' && k[0] <= 'z' && std::all_of(k.begin(), k.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; });
}

// The one segment between `prefix` and `suffix` ("/v2/workbooks/" ID ""), if `path` is exactly that.
std::optional<std::string> segment(std::string_view path, std::string_view prefix, std::string_view suffix) {
    if (path.size() <= prefix.size() + suffix.size() || path.substr(0, prefix.size()) != prefix ||
        path.substr(path.size() - suffix.size()) != suffix)
        return std::nullopt;
    const std::string_view middle = path.substr(prefix.size(), path.size() - prefix.size() - suffix.size());
    if (middle.find('/') != std::string_view::npos) return std::nullopt;
    return std::string(middle);
}

// What Sigma does to a stored body that the tests can see: hex colours lower-cased.
void normalise(Json& value) {
    if (value.is_string()) {
        std::string s = value.get<std::string>();
        if (isHexColour(s)) {
            for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            value = s;
        }
    } else if (value.is_structured()) {
        for (auto& child : value) normalise(child);
    }
}

// The body checks Sigma applies to `contents` (subset): nullopt = acceptable.
std::optional<std::string> contentsProblem(const Json& contents) {
    if (!contents.is_object()) return "contents: Invalid object";
    if (contents.contains("pages") && contents["pages"].is_array())
        for (const Json& page : contents["pages"])
            if (page.is_object() && page.contains("elements")) return "contents.pages[].elements is no longer supported";
    if (contents.contains("elements")) {
        if (!contents["elements"].is_array()) return "contents.elements: Invalid array";
        for (std::size_t i = 0; i < contents["elements"].size(); ++i) {
            const Json& e = contents["elements"][i];
            const std::string k = e.is_object() && e.contains("kind") && e["kind"].is_string() ? e["kind"].get<std::string>() : "";
            if (!isKind(k))
                return "contents.elements[" + std::to_string(i) + "].kind: Invalid kind: \"" + k + "\"";
        }
    }
    return std::nullopt;
}

std::string dump(const Json& j) { return j.dump(); }

} // namespace

FakeSigmaServer::FakeSigmaServer() {
    QObject::connect(&server_, &QTcpServer::newConnection, this, [this] { onConnection(); });
    server_.listen(QHostAddress::LocalHost, 0);
}

FakeSigmaServer::~FakeSigmaServer() = default;

std::string FakeSigmaServer::baseUrl() const { return "http://127.0.0.1:" + std::to_string(server_.serverPort()); }

void FakeSigmaServer::expireTokens() {
    for (auto& [token, valid] : tokens_) valid = false;
}

void FakeSigmaServer::editRemotely(const std::string& workbookId, const std::function<void(Json&)>& edit) {
    FakeWorkbook& wb = workbooks.at(workbookId);
    edit(wb.contents);
    ++wb.documentVersion;
}

FakeWorkbook& FakeSigmaServer::addWorkbook(const std::string& name, const Json& contents) {
    const int n = nextId_++;
    char id[40];
    std::snprintf(id, sizeof id, "0b1f2c3d-0000-4000-8000-%012d", n);
    FakeWorkbook wb{id, name, homeFolderId, "", "Wb" + std::to_string(n) + "xYz12", 1, contents};
    return workbooks[id] = wb;
}

std::vector<RecordedRequest> FakeSigmaServer::apiRequests() const {
    std::vector<RecordedRequest> out;
    for (const auto& r : requests)
        if (r.path != "/v2/auth/token") out.push_back(r);
    return out;
}

std::vector<RecordedRequest> FakeSigmaServer::writes() const {
    std::vector<RecordedRequest> out;
    for (const auto& r : requests) {
        if (r.path == "/v2/auth/token" || r.method == "GET") continue;
        const Json body = r.json();
        if (body.is_object() && body.value("dryRun", false) == true) continue;
        if (r.path.rfind("/v2/connection/", 0) == 0) continue; // lookups are read-only POSTs
        out.push_back(r);
    }
    return out;
}

void FakeSigmaServer::onConnection() {
    while (QTcpSocket* socket = server_.nextPendingConnection()) {
        auto buffer = std::make_shared<QByteArray>();
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QObject::connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
            buffer->append(socket->readAll());
            const qsizetype headerEnd = buffer->indexOf("\r\n\r\n");
            if (headerEnd < 0) return;
            RecordedRequest request;
            const QList<QByteArray> lines = buffer->left(headerEnd).split('\n');
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            request.method = first.value(0).toStdString();
            request.path = first.value(1).toStdString();
            qsizetype length = 0;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon < 0) continue;
                const std::string name = lines[i].left(colon).trimmed().toLower().toStdString();
                const std::string value = lines[i].mid(colon + 1).trimmed().toStdString();
                request.headers[name] = value;
                if (name == "content-length") length = std::stoll(value);
            }
            if (buffer->size() < headerEnd + 4 + length) return;
            request.body = buffer->mid(headerEnd + 4, length).toStdString();
            buffer->remove(0, headerEnd + 4 + length);
            requests.push_back(request);

            Reply reply;
            int delay = 0;
            bool faulted = false;
            for (auto it = faults.begin(); it != faults.end(); ++it) {
                if ((!it->method.empty() && it->method != request.method) || request.path.rfind(it->pathPrefix, 0) != 0) continue;
                delay = it->delayMs;
                if (it->status != 0) {
                    reply.status = it->status;
                    reply.body = it->rawBody.empty() ? dump(it->body) : it->rawBody;
                    reply.headers = it->headers;
                    faulted = true;
                }
                if (--it->times <= 0) faults.erase(it);
                break;
            }
            if (!faulted) reply = handle(request);
            std::string head = "HTTP/1.1 " + std::to_string(reply.status) + " " + reason(reply.status) + "\r\n";
            head += "Content-Type: " + reply.contentType + "\r\nContent-Length: " + std::to_string(reply.body.size()) +
                    "\r\nConnection: close\r\nx-request-id: req-fake\r\n";
            for (const auto& [name, value] : reply.headers) head += name + ": " + value + "\r\n";
            const QByteArray bytes = QByteArray::fromStdString(head + "\r\n" + reply.body);
            QPointer<QTcpSocket> guard(socket);
            auto write = [guard, bytes] {
                if (!guard) return;
                guard->write(bytes);
                guard->disconnectFromHost();
            };
            if (delay < 0) return; // never answers (the socket stays open until the client gives up)
            if (delay > 0) QTimer::singleShot(delay, this, write);
            else write();
        });
    }
}

FakeSigmaServer::Reply FakeSigmaServer::handle(const RecordedRequest& request) {
    const QUrl url(QString::fromStdString("http://x" + request.path));
    std::map<std::string, std::string> query;
    for (const auto& [k, v] : QUrlQuery(url).queryItems(QUrl::FullyDecoded)) query[k.toStdString()] = v.toStdString();
    const std::string path = url.path(QUrl::FullyDecoded).toStdString();

    if (path == "/v2/auth/token") {
        if (request.method != "POST") return {405, "application/json", dump(error("method not allowed", "method_not_allowed")), {}};
        if (request.header("content-type") != "application/x-www-form-urlencoded")
            return {415, "application/json", dump(error("token requests are form encoded", "unsupported_media_type")), {}};
        const std::string expected =
            "Basic " + QByteArray::fromStdString(clientId + ":" + clientSecret).toBase64().toStdString();
        if (request.header("authorization") != expected || request.body != "grant_type=client_credentials")
            return {401, "application/json", dump(error("Invalid client credentials", "unauthorized")), {}};
        const std::string token = "tok-" + std::to_string(++tokensIssued);
        tokens_[token] = true;
        return {200, "application/json",
                dump(Json{{"access_token", token}, {"token_type", "bearer"}, {"expires_in", tokenTtlSeconds}}), {}};
    }
    const std::string auth = request.header("authorization");
    const std::string token = auth.rfind("Bearer ", 0) == 0 ? auth.substr(7) : "";
    if (token.empty() || !tokens_.count(token) || !tokens_[token])
        return {401, "application/json", dump(error("Unauthorized: invalid or expired token", "unauthorized")), {}};
    if (!request.body.empty()) {
        if (request.header("content-type").rfind("application/json", 0) != 0)
            return {415, "application/json", dump(error("request bodies are JSON", "unsupported_media_type")), {}};
        if (request.json().is_discarded())
            return {400, "application/json", dump(error("Invalid JSON body", "bad_request")), {}};
    }
    return route(request, path, query);
}

FakeSigmaServer::Reply FakeSigmaServer::route(const RecordedRequest& request, const std::string& path,
                                              const std::map<std::string, std::string>& query) {
    const auto& method = request.method;
    if (method == "GET" && path == "/v2/whoami")
        return {200, "application/json", dump(Json{{"userId", userId}, {"organizationId", "org-1"}, {"accountType", "Creator"}}), {}};
    auto memberJson = [this](const FakeMember& m) {
        return Json{{"memberId", m.memberId}, {"organizationId", "org-1"}, {"email", m.email}, {"firstName", m.firstName},
                    {"lastName", m.lastName}, {"memberType", "viewer"}, {"isArchived", m.isArchived}, {"isInactive", false},
                    {"createdBy", userId}, {"updatedBy", userId}, {"createdAt", "2026-01-01T00:00:00.000Z"},
                    {"updatedAt", "2026-01-01T00:00:00.000Z"}};
    };
    if (auto member = segment(path, "/v2/members/", ""); method == "GET" && member) {
        if (*member != userId) return {404, "application/json", dump(error("member not found", "not_found")), {}};
        return {200, "application/json", dump(Json{{"memberId", userId}, {"email", "ci@example.com"}, {"homeFolderId", homeFolderId}}), {}};
    }
    if (method == "GET" && path == "/v2/members") {
        Json all = Json::array({memberJson(FakeMember{userId, "ci@example.com", "CI", "Bot", false})});
        for (const FakeMember& m : members) all.push_back(memberJson(m));
        return list(all, query);
    }
    if (method == "GET" && path == "/v2/teams") {
        Json all = Json::array();
        for (const FakeTeam& t : teams)
            all.push_back(Json{{"teamId", t.teamId}, {"name", t.name}, {"description", nullptr}, {"visibility", "private"},
                               {"createdBy", userId}, {"updatedBy", userId}, {"createdAt", "2026-01-01T00:00:00.000Z"},
                               {"updatedAt", "2026-01-01T00:00:00.000Z"}});
        return list(all, query);
    }
    if (auto team = segment(path, "/v2/teams/", "/members"); method == "GET" && team) {
        auto it = std::find_if(teams.begin(), teams.end(), [&](const FakeTeam& t) { return t.teamId == *team; });
        if (it == teams.end()) return {404, "application/json", dump(error("Team not found: " + *team, "not_found")), {}};
        Json all = Json::array();
        for (const std::string& id : it->memberIds)
            for (const FakeMember& m : members)
                if (m.memberId == id) all.push_back(memberJson(m));
        return list(all, query);
    }
    if (method == "GET" && path == "/v2/user-attributes") {
        Json all = Json::array();
        for (const FakeUserAttribute& a : userAttributes)
            all.push_back(Json{{"userAttributeId", a.userAttributeId}, {"name", a.name}, {"description", nullptr},
                               {"defaultValue", a.defaultValue ? Json{{"type", "string"}, {"val", *a.defaultValue}} : Json()},
                               {"createdBy", userId}, {"updatedBy", userId}, {"createdAt", "2026-01-01T00:00:00.000Z"},
                               {"updatedAt", "2026-01-01T00:00:00.000Z"}});
        return list(all, query);
    }
    if (auto attribute = segment(path, "/v2/user-attributes/", "/users"); method == "GET" && attribute)
        return userAttributeAssignments(*attribute, false, query);
    if (auto attribute = segment(path, "/v2/user-attributes/", "/teams"); method == "GET" && attribute)
        return userAttributeAssignments(*attribute, true, query);
    if (auto id = segment(path, "/v2/workbooks/", "/grants"); id && (method == "GET" || method == "POST"))
        return workbookGrants(*id, request, query);
    if (method == "DELETE" && path.rfind("/v2/workbooks/", 0) == 0) {
        const std::string rest = path.substr(14); // "{id}/grants/{grantId}"
        const auto marker = rest.find("/grants/");
        if (marker != std::string::npos && rest.find('/', marker + 8) == std::string::npos)
            return deleteGrant(rest.substr(0, marker), rest.substr(marker + 8));
    }
    if (method == "GET" && path == "/v2/workbooks") {
        Json all = Json::array();
        for (const auto& [id, wb] : workbooks) all.push_back(workbookJson(wb, false));
        return list(all, query);
    }
    if (method == "POST" && path == "/v2/workbooks") return createWorkbook(request);
    if (method == "POST" && path == "/v2/workbooks/tag") return tagWorkbook(request);
    if (auto id = segment(path, "/v2/workbooks/", "/tags"); method == "GET" && id) {
        if (!workbooks.count(*id)) return {404, "application/json", dump(error("Workbook not found: " + *id, "not_found")), {}};
        Json all = Json::array();
        for (const Json& tag : workbookTags[*id]) all.push_back(tag);
        return list(all, query);
    }
    if (method == "GET" && path.rfind("/v2/workbooks/", 0) == 0 && path.size() > 6 && path.substr(path.size() - 6) == "/query") {
        const std::string rest = path.substr(14, path.size() - 14 - 6); // "{id}/elements/{eid}"
        const auto marker = rest.find("/elements/");
        if (marker != std::string::npos) return elementQuery(rest.substr(0, marker), rest.substr(marker + 10));
    }
    if (auto id = segment(path, "/v2/workbooks/", ""); method == "GET" && id) {
        auto it = query.find("includeContents");
        return getWorkbook(*id, it != query.end() && it->second == "true", request);
    }
    if (auto id = segment(path, "/v2/workbooks/", "/contents"); method == "PUT" && id) return putContents(*id, request);
    if (method == "GET" && path == "/v2/files") {
        Json all = Json::array();
        for (const std::string& folder : folders)
            all.push_back(Json{{"id", folder}, {"name", folder == homeFolderId ? std::string("My Documents") : folder}, {"type", "folder"}});
        if (query.count("typeFilters") == 0 || query.at("typeFilters") != "folder")
            return {400, "application/json", dump(error("the fake only lists folders", "bad_request")), {}};
        return list(all, query);
    }
    if (method == "GET" && path == "/v2/connections") {
        Json all = Json::array({Json{{"connectionId", "conn-1"}, {"name", "Snowflake"}, {"type", "snowflake"}, {"writeAccess", true}},
                                Json{{"connectionId", "conn-2"}, {"name", "Postgres"}, {"type", "postgres"}, {"writeAccess", false}},
                                Json{{"connectionId", "conn-3"}, {"name", "BigQuery"}, {"type", "bigquery"}, {"writeAccess", false}}});
        return list(all, query);
    }
    if (method == "POST" && segment(path, "/v2/connection/", "/lookup")) {
        const Json body = request.json();
        if (!body.is_object() || !body.contains("path") || !body["path"].is_array() || body["path"].empty())
            return {400, "application/json", dump(error("path: Invalid array", "bad_request")), {}};
        return {200, "application/json", dump(Json{{"kind", "table"}, {"inodeId", "inode-" + body["path"].back().get<std::string>()}}), {}};
    }
    return {404, "application/json", dump(error("Not found: " + method + " " + path, "not_found")), {}};
}

FakeSigmaServer::Reply FakeSigmaServer::userAttributeAssignments(const std::string& attributeId, bool forTeams,
                                                                  const std::map<std::string, std::string>& query) {
    auto it = std::find_if(userAttributes.begin(), userAttributes.end(),
                           [&](const FakeUserAttribute& a) { return a.userAttributeId == attributeId; });
    if (it == userAttributes.end())
        return {404, "application/json", dump(error("User attribute not found: " + attributeId, "not_found")), {}};
    Json all = Json::array();
    const Json audit{{"createdBy", userId}, {"updatedBy", userId}, {"createdAt", "2026-01-01T00:00:00.000Z"},
                     {"updatedAt", "2026-01-01T00:00:00.000Z"}};
    if (forTeams) {
        for (std::size_t i = 0; i < it->teamValues.size(); ++i) {
            Json entry{{"teamId", it->teamValues[i].first}, {"value", Json{{"type", "string"}, {"val", it->teamValues[i].second}}},
                       {"priority", i + 1}};
            entry.update(audit);
            all.push_back(entry);
        }
    } else {
        for (const auto& [member, value] : it->userValues) {
            Json entry{{"userId", member}, {"value", Json{{"type", "string"}, {"val", value}}}};
            entry.update(audit);
            all.push_back(entry);
        }
    }
    return list(all, query);
}

// GET lists the workbook's direct grants; POST {grants: [{grantee: {memberId} | {teamId}, permission}]} creates
// them or raises an existing one (Sigma's grant POST never lowers access: that is a DELETE and a new grant).
FakeSigmaServer::Reply FakeSigmaServer::workbookGrants(const std::string& workbookId, const RecordedRequest& request,
                                                       const std::map<std::string, std::string>& query) {
    if (!workbooks.count(workbookId)) return {404, "application/json", dump(error("Workbook not found: " + workbookId, "not_found")), {}};
    auto& current = grants[workbookId];
    auto grantJson = [&](const FakeGrant& g) {
        return Json{{"grantId", g.grantId}, {"inodeId", workbookId}, {"organizationId", "org-1"},
                    {"memberId", g.memberId.empty() ? Json() : Json(g.memberId)}, {"teamId", g.teamId.empty() ? Json() : Json(g.teamId)},
                    {"permission", g.permission}, {"createdBy", userId}, {"updatedBy", userId},
                    {"createdAt", "2026-01-01T00:00:00.000Z"}, {"updatedAt", "2026-01-01T00:00:00.000Z"}};
    };
    if (request.method == "GET") {
        Json all = Json::array();
        for (const FakeGrant& g : current) all.push_back(grantJson(g));
        return list(all, query);
    }
    auto bad = [](const std::string& message) { return Reply{400, "application/json", dump(error(message, "bad_request")), {}}; };
    const Json body = request.json();
    if (!body.is_object() || !body.contains("grants") || !body["grants"].is_array() || body["grants"].empty())
        return bad("grants: Invalid array");
    for (auto field = body.begin(); field != body.end(); ++field)
        if (field.key() != "grants") return bad(field.key() + ": unexpected property");
    auto rankOf = [](const std::string& p) { return p == "view" ? 0 : p == "explore" ? 1 : p == "edit" ? 2 : -1; };
    std::vector<FakeGrant> accepted;
    for (std::size_t i = 0; i < body["grants"].size(); ++i) {
        const Json& g = body["grants"][i];
        const std::string at = "grants[" + std::to_string(i) + "]";
        if (!g.is_object() || !g.contains("grantee") || !g["grantee"].is_object() || !g.contains("permission") || !g["permission"].is_string())
            return bad(at + ": grantee and permission are required");
        for (auto field = g.begin(); field != g.end(); ++field)
            if (field.key() != "grantee" && field.key() != "permission" && field.key() != "tagId") return bad(at + "." + field.key() + ": unexpected property");
        const Json& grantee = g["grantee"];
        if (grantee.size() != 1 || !(grantee.contains("memberId") || grantee.contains("teamId")) || !grantee.begin()->is_string())
            return bad(at + ".grantee: exactly one of memberId and teamId");
        FakeGrant grant;
        grant.permission = g["permission"].get<std::string>();
        if (rankOf(grant.permission) < 0) return bad(at + ".permission: Invalid enum value: \"" + grant.permission + "\"");
        if (grantee.contains("memberId")) {
            grant.memberId = grantee["memberId"].get<std::string>();
            const bool known = grant.memberId == userId || std::any_of(members.begin(), members.end(), [&](const FakeMember& m) { return m.memberId == grant.memberId; });
            if (!known) return {404, "application/json", dump(error("Member not found: " + grant.memberId, "not_found")), {}};
        } else {
            grant.teamId = grantee["teamId"].get<std::string>();
            if (std::none_of(teams.begin(), teams.end(), [&](const FakeTeam& t) { return t.teamId == grant.teamId; }))
                return {404, "application/json", dump(error("Team not found: " + grant.teamId, "not_found")), {}};
        }
        for (const FakeGrant& existing : current)
            if (existing.memberId == grant.memberId && existing.teamId == grant.teamId && rankOf(grant.permission) < rankOf(existing.permission))
                return bad(at + ": the grantee already has " + existing.permission + "; a grant can only be raised (delete it first)");
        accepted.push_back(grant);
    }
    for (FakeGrant& grant : accepted) {
        auto existing = std::find_if(current.begin(), current.end(),
                                     [&](const FakeGrant& e) { return e.memberId == grant.memberId && e.teamId == grant.teamId; });
        if (existing != current.end()) {
            existing->permission = grant.permission;
            continue;
        }
        grant.grantId = "grant-" + std::to_string(nextId_++);
        current.push_back(grant);
    }
    return {200, "application/json", "{}", {}};
}

FakeSigmaServer::Reply FakeSigmaServer::deleteGrant(const std::string& workbookId, const std::string& grantId) {
    if (!workbooks.count(workbookId)) return {404, "application/json", dump(error("Workbook not found: " + workbookId, "not_found")), {}};
    auto& current = grants[workbookId];
    auto it = std::find_if(current.begin(), current.end(), [&](const FakeGrant& g) { return g.grantId == grantId; });
    if (it == current.end()) return {404, "application/json", dump(error("Grant not found: " + grantId, "not_found")), {}};
    current.erase(it);
    return {200, "application/json", "{}", {}};
}

FakeSigmaServer::Reply FakeSigmaServer::list(const Json& all, const std::map<std::string, std::string>& query) {
    std::size_t limit = static_cast<std::size_t>(pageSize);
    if (auto it = query.find("limit"); it != query.end()) limit = std::min<std::size_t>(limit, std::stoul(it->second));
    std::size_t start = 0;
    if (auto it = query.find("page"); it != query.end()) start = std::stoul(it->second);
    Json entries = Json::array();
    for (std::size_t i = start; i < all.size() && i < start + limit; ++i) entries.push_back(all[i]);
    Json body{{"entries", entries}, {"total", all.size()}};
    body["nextPage"] = start + limit < all.size() ? Json(std::to_string(start + limit)) : Json();
    return {200, "application/json", dump(body), {}};
}

Json FakeSigmaServer::workbookJson(const FakeWorkbook& wb, bool includeContents) const {
    Json j = Json::object();
    j["workbookId"] = wb.workbookId;
    j["name"] = wb.name;
    j["url"] = "https://app.sigmacomputing.com/quire-test/workbook/" + wb.name.substr(0, wb.name.find(' ')) + "-" + wb.urlId;
    j["folderId"] = wb.folderId;
    if (!wb.description.empty()) j["description"] = wb.description;
    j["ownerId"] = userId;
    j["createdBy"] = userId;
    j["updatedBy"] = userId;
    j["createdAt"] = "2026-01-01T00:00:00.000Z";
    j["updatedAt"] = "2026-01-02T00:00:00.000Z";
    j["documentVersion"] = wb.documentVersion;
    j["latestDocumentVersion"] = wb.documentVersion;
    if (includeContents) j["contents"] = wb.contents;
    return j;
}

FakeSigmaServer::Reply FakeSigmaServer::createWorkbook(const RecordedRequest& request) {
    const Json body = request.json();
    if (!body.is_object()) return {400, "application/json", dump(error("Invalid body", "bad_request")), {}};
    if (!body.contains("name") || !body["name"].is_string() || !body.contains("folderId") || !body["folderId"].is_string())
        return {400, "application/json", dump(error("name and folderId are required", "bad_request")), {}};
    if (body.contains("elements") || body.contains("pages") || body.contains("layout") || body.contains("schemaVersion"))
        return {400, "application/json", dump(error("unexpected keys: workbook body must be under contents", "bad_request")), {}};
    for (const char* key : {"workbookId", "documentVersion", "url", "ownerId", "createdAt", "updatedAt"})
        if (body.contains(key))
            return {400, "application/json", dump(error(std::string(key) + ": unexpected property", "bad_request")), {}};
    if (strictFolders && std::find(folders.begin(), folders.end(), body["folderId"].get<std::string>()) == folders.end())
        return {404, "application/json", dump(error("Folder not found: " + body["folderId"].get<std::string>(), "not_found")), {}};
    Json contents = Json{{"schemaVersion", 1}, {"kind", "workbook"}, {"elements", Json::array()}, {"pages", Json::array({Json{{"id", "page-1"}, {"name", "Page 1"}}})}};
    if (body.contains("contents")) { // a legacy `document` key is silently ignored: blank workbook
        contents = body["contents"];
        if (auto problem = contentsProblem(contents)) {
            if (body.value("dryRun", false))
                return {200, "application/json", dump(Json{{"valid", false}, {"errors", Json::array({Json{{"summary", *problem}}})}, {"warnings", Json::array()}}), {}};
            return {400, "application/json", dump(error(*problem, "bad_request")), {}};
        }
    }
    if (body.value("dryRun", false)) {
        Json warnings = Json::array();
        if (contents.contains("elements") && contents["elements"].empty()) warnings.push_back(Json{{"summary", "the workbook has no elements"}});
        if (warnings.empty()) return {200, "application/json", "{}", {}};
        return {200, "application/json", dump(Json{{"valid", true}, {"warnings", warnings}}), {}};
    }
    normalise(contents);
    FakeWorkbook& wb = addWorkbook(body["name"].get<std::string>(), contents);
    wb.folderId = body["folderId"].get<std::string>();
    if (body.contains("description") && body["description"].is_string()) wb.description = body["description"].get<std::string>();
    return {200, "application/json", dump(Json{{"success", true}, {"workbookId", wb.workbookId}}), {}};
}

FakeSigmaServer::Reply FakeSigmaServer::getWorkbook(const std::string& id, bool includeContents, const RecordedRequest& request) {
    auto it = workbooks.find(id);
    if (it == workbooks.end()) return {404, "application/json", dump(error("Workbook not found: " + id, "not_found")), {}};
    if (includeContents && request.header("accept").find("application/json") == std::string::npos)
        return {200, "application/yaml", "contents:\n  kind: workbook\n", {}}; // YAML is the API's default
    return {200, "application/json", dump(workbookJson(it->second, includeContents)), {}};
}

FakeSigmaServer::Reply FakeSigmaServer::elementQuery(const std::string& workbookId, const std::string& elementId) {
    if (!workbooks.count(workbookId)) return {404, "application/json", dump(error("Workbook not found: " + workbookId, "not_found")), {}};
    auto recorded = elementSql.find(workbookId);
    if (recorded == elementSql.end() || !recorded->second.count(elementId))
        return {400, "application/json", dump(error("element " + elementId + " has no query", "bad_request")), {}};
    return {200, "application/json", dump(Json{{"sql", recorded->second.at(elementId)}}), {}};
}

// POST /v2/workbooks/tag {workbookId, tag}: the tag (by name) must exist; it moves to the latest version.
FakeSigmaServer::Reply FakeSigmaServer::tagWorkbook(const RecordedRequest& request) {
    const Json body = request.json();
    if (!body.is_object() || !body.contains("workbookId") || !body["workbookId"].is_string() || !body.contains("tag") ||
        !body["tag"].is_string())
        return {400, "application/json", dump(error("workbookId and tag are required", "bad_request")), {}};
    for (auto field = body.begin(); field != body.end(); ++field)
        if (field.key() != "workbookId" && field.key() != "tag" && field.key() != "sourceMappingConfig")
            return {400, "application/json", dump(error(field.key() + ": unexpected property", "bad_request")), {}};
    const std::string id = body["workbookId"].get<std::string>();
    const std::string name = body["tag"].get<std::string>();
    auto it = workbooks.find(id);
    if (it == workbooks.end()) return {404, "application/json", dump(error("Workbook not found: " + id, "not_found")), {}};
    if (std::find(versionTags.begin(), versionTags.end(), name) == versionTags.end())
        return {404, "application/json", dump(error("Tag not found: " + name, "not_found")), {}};
    Json tag{{"versionTagId", "vtag-" + name},
             {"name", name},
             {"taggedWorkbookId", id + "-" + name},
             {"taggedWorkbookVersion", it->second.documentVersion},
             {"createdAt", "2026-12-05T00:00:00.000Z"}};
    auto& tags = workbookTags[id];
    tags.erase(std::remove_if(tags.begin(), tags.end(), [&](const Json& t) { return t["name"] == name; }), tags.end());
    tags.push_back(tag);
    return {200, "application/json", dump(tag), {}};
}

FakeSigmaServer::Reply FakeSigmaServer::putContents(const std::string& id, const RecordedRequest& request) {
    auto it = workbooks.find(id);
    if (it == workbooks.end()) return {404, "application/json", dump(error("Workbook not found: " + id, "not_found")), {}};
    const Json body = request.json();
    if (!body.is_object() || !body.contains("contents"))
        return {400, "application/json", dump(error("contents is required", "bad_request")), {}};
    for (auto field = body.begin(); field != body.end(); ++field)
        if (field.key() != "contents" && field.key() != "documentVersion" && field.key() != "name" &&
            field.key() != "folderId" && field.key() != "description")
            return {400, "application/json", dump(error(field.key() + ": unexpected property", "bad_request")), {}};
    if (body.contains("documentVersion") && body["documentVersion"] != it->second.documentVersion)
        return {409, "application/json",
                dump(error("documentVersion " + body["documentVersion"].dump() + " is stale; the latest is " +
                               std::to_string(it->second.documentVersion), "conflict")), {}};
    Json contents = body["contents"];
    if (auto problem = contentsProblem(contents)) return {400, "application/json", dump(error(*problem, "bad_request")), {}};
    normalise(contents);
    it->second.contents = contents;
    ++it->second.documentVersion;
    return {200, "application/json", dump(Json{{"success", true}, {"documentVersion", it->second.documentVersion}}), {}};
}

} // namespace quire::test
