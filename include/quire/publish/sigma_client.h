#pragma once
// Sigma REST API client over QNetworkAccessManager. Every call exists asynchronously (callback on the
// thread that owns the client, for the GUI) and synchronously (a local QEventLoop, for the CLI and the
// publish flow). Needs a Q(Core)Application. One client = one thread.
//
// - Authentication: client credentials (POST /v2/auth/token, Basic base64(id:secret), form body
//   grant_type=client_credentials); the token is cached, refreshed `tokenRefreshMargin` before it expires,
//   and refreshed once more when a call gets 401.
// - Retries with exponential backoff and jitter, at most `maxAttempts` requests and `retryBudget` of waiting
//   per call: 429 (honouring Retry-After up to `retryAfterMax`; a longer wait is reported, not slept) and 503
//   for every request (the server did not act on it), as well as a connection that could not be made; other
//   5xx, timeouts and dropped connections only for repeatable requests (GET, PUT, the token request, dry
//   runs, lookups). A POST that creates is never repeated after it may have been processed, so a workbook
//   is never created twice.
// - Credentials go only to an https host, or over http to a loopback one (regions.h); redirects are
//   followed only to the same origin.
// - Secrets never reach the logs: debug logging prints requests with Authorization redacted.
#include <quire/core/json.h>
#include <quire/publish/api_error.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class QNetworkAccessManager;

namespace quire::publish {

struct Credentials {
    std::string clientId;
    std::string clientSecret;
};

struct ClientConfig {
    std::string baseUrl;                   // "https://aws-api.sigmacomputing.com" (resolveBaseUrl)
    Credentials credentials;
    std::chrono::milliseconds timeout{60000};       // per request, from send to the last byte
    int maxAttempts = 4;                             // requests per call, retries included
    std::chrono::milliseconds backoffBase{500};      // first retry delay (doubles each time, +-jitter)
    std::chrono::milliseconds backoffMax{8000};
    std::chrono::milliseconds retryAfterMax{60000};  // longest Retry-After honoured (longer: not retried)
    std::chrono::milliseconds retryBudget{120000};   // no retry starts later than this after the first send
    long long maxReplyBytes = 256LL << 20;           // a longer reply is cut off and reported as malformed
    std::chrono::seconds tokenRefreshMargin{120};    // refresh this long before the token expires
};

struct ApiRequest {
    std::string method = "GET";          // GET, POST, PUT, DELETE
    std::string path;                    // "/v2/workbooks/abc?includeContents=true"
    std::optional<Json> body;            // sent as application/json
    bool authenticated = true;
    // May the request be sent again after it may have been processed? Unset: by method (POST is not).
    std::optional<bool> repeatable;
};

struct ApiResult {
    int status = 0;
    Json body;                           // parsed JSON reply (null for an empty body)
    ApiError error;                      // kind None on success (2xx with a JSON or empty body)
    bool ok() const { return !error; }
};

// Authorization header values replaced by "<redacted>" (for logs).
std::string redactHeader(const std::string& name, const std::string& value);

class SigmaClient {
public:
    explicit SigmaClient(ClientConfig config);
    ~SigmaClient();
    SigmaClient(const SigmaClient&) = delete;
    SigmaClient& operator=(const SigmaClient&) = delete;

    const ClientConfig& config() const { return config_; }

    // Generic call.
    void send(ApiRequest request, std::function<void(ApiResult)> done);
    ApiResult call(ApiRequest request);

    // Endpoints (synchronous; each also works through send() with the same path).
    ApiResult whoami();                                      // {userId, organizationId, ...}
    ApiResult member(const std::string& userId);             // {..., homeFolderId}
    ApiResult getWorkbook(const std::string& workbookId);    // with contents, Accept: application/json
    ApiResult createWorkbook(const Json& body);              // POST /v2/workbooks (body from createBody())
    ApiResult updateContents(const std::string& workbookId, const Json& body); // PUT .../contents
    ApiResult listWorkbooks();                               // every page: {"entries": [...]}
    // Version tags: POST /v2/workbooks/tag {workbookId, tag: <tag name>} tags the latest version and replies
    // with the tag object {versionTagId, taggedWorkbookId, taggedWorkbookVersion, name, ...};
    // GET /v2/workbooks/{id}/tags lists the workbook's tags (every page).
    ApiResult tagWorkbook(const std::string& workbookId, const std::string& tagName);
    ApiResult workbookTags(const std::string& workbookId);
    ApiResult listFolders();                                 // GET /v2/files?typeFilters=folder, every page
    ApiResult listConnections();                             // every page
    // Sigma's compiled SQL of one element: GET /v2/workbooks/{id}/elements/{eid}/query -> {sql} (4xx for
    // elements without a query, such as controls). Read-only, so repeatable.
    ApiResult elementQuery(const std::string& workbookId, const std::string& elementId);
    ApiResult lookupConnectionPath(const std::string& connectionId, const std::vector<std::string>& path);
    // Every page of a paged list endpoint (limit/page/nextPage), entries concatenated.
    ApiResult listAll(const std::string& path);

    // Token handling (exposed for tests and the GUI's "test connection").
    ApiError ensureToken();
    void invalidateToken();

private:
    struct Operation;
    void start(std::shared_ptr<Operation> op);
    void issue(std::shared_ptr<Operation> op);
    void finish(std::shared_ptr<Operation> op, ApiResult result);
    void withToken(std::function<void(ApiError)> then);
    void fetchToken();
    std::chrono::milliseconds backoff(int attempt) const;

    ClientConfig config_;
    std::unique_ptr<QNetworkAccessManager> network_;
    std::string token_;
    std::chrono::steady_clock::time_point tokenExpiry_{};
    bool tokenPending_ = false;
    std::vector<std::function<void(ApiError)>> tokenWaiters_;
    std::shared_ptr<bool> alive_;
};

} // namespace quire::publish
