#include <quire/publish/sigma_client.h>

#include <QDateTime>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <random>

namespace quire::publish {

struct SigmaClient::Operation {
    ApiRequest request;
    std::function<void(ApiResult)> done;
    int attempts = 0;
    bool refreshedAfter401 = false;
    // The token request sends a form body with Basic auth instead of JSON with the bearer token.
    QByteArray rawBody;
    QByteArray contentType;
    QByteArray authorization;
    bool idempotent() const { return request.method != "POST" || !authorization.isEmpty(); }
};

std::string redactHeader(const std::string& name, const std::string& value) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "authorization" || lower == "proxy-authorization") {
        const auto space = value.find(' ');
        return (space == std::string::npos ? std::string() : value.substr(0, space + 1)) + "<redacted>";
    }
    return value;
}

SigmaClient::SigmaClient(ClientConfig config)
    : config_(std::move(config)), network_(std::make_unique<QNetworkAccessManager>()) {
    while (!config_.baseUrl.empty() && config_.baseUrl.back() == '/') config_.baseUrl.pop_back();
}

SigmaClient::~SigmaClient() = default;

std::chrono::milliseconds SigmaClient::backoff(int attempt) const {
    const double exponential = double(config_.backoffBase.count()) * double(1LL << std::min(attempt - 1, 20));
    const double capped = std::min(exponential, double(config_.backoffMax.count()));
    static thread_local std::mt19937 random{std::random_device{}()};
    std::uniform_real_distribution<double> jitter(0.5, 1.0); // "equal jitter": half fixed, half random
    return std::chrono::milliseconds(static_cast<long long>(capped * jitter(random)));
}

void SigmaClient::send(ApiRequest request, std::function<void(ApiResult)> done) {
    auto op = std::make_shared<Operation>();
    op->request = std::move(request);
    op->done = std::move(done);
    start(op);
}

void SigmaClient::start(std::shared_ptr<Operation> op) {
    if (!op->request.authenticated) {
        issue(op);
        return;
    }
    withToken([this, op](ApiError error) {
        if (error) {
            finish(op, ApiResult{0, Json(), std::move(error)});
            return;
        }
        issue(op);
    });
}

void SigmaClient::finish(std::shared_ptr<Operation> op, ApiResult result) {
    if (result.error) {
        if (result.error.method.empty()) { // an error of the token request keeps its own method and path
            result.error.method = op->request.method;
            result.error.path = op->request.path;
            result.error.attempts = op->attempts;
        }
        spdlog::debug("sigma: {}", result.error.describe());
    }
    auto done = std::move(op->done);
    if (done) done(std::move(result));
}

namespace {

std::optional<std::chrono::milliseconds> retryAfter(const QNetworkReply* reply) {
    const QByteArray value = reply->rawHeader("Retry-After").trimmed();
    if (value.isEmpty()) return std::nullopt;
    bool isNumber = false;
    const double seconds = value.toDouble(&isNumber);
    if (isNumber) return std::chrono::milliseconds(static_cast<long long>(std::max(0.0, seconds) * 1000));
    const QDateTime when = QDateTime::fromString(QString::fromLatin1(value), Qt::RFC2822Date);
    if (!when.isValid()) return std::nullopt;
    return std::chrono::milliseconds(std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(when)));
}

} // namespace

void SigmaClient::issue(std::shared_ptr<Operation> op) {
    ++op->attempts;
    const std::string urlText = config_.baseUrl + op->request.path;
    QNetworkRequest request{QUrl(QString::fromStdString(urlText))};
    request.setRawHeader("Accept", "application/json");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    QByteArray payload;
    if (!op->authorization.isEmpty()) {
        request.setRawHeader("Authorization", op->authorization);
    } else if (op->request.authenticated) {
        request.setRawHeader("Authorization", QByteArray("Bearer ") + QByteArray::fromStdString(token_));
    }
    if (!op->contentType.isEmpty()) {
        request.setRawHeader("Content-Type", op->contentType);
        payload = op->rawBody;
    } else if (op->request.body) {
        request.setRawHeader("Content-Type", "application/json");
        payload = QByteArray::fromStdString(op->request.body->dump());
    }
    if (spdlog::should_log(spdlog::level::debug)) {
        std::string headers;
        for (const QByteArray& name : request.rawHeaderList())
            headers += " " + name.toStdString() + ": " + redactHeader(name.toStdString(), request.rawHeader(name).toStdString()) + ";";
        spdlog::debug("sigma: {} {} (attempt {}){} {} body bytes", op->request.method, urlText, op->attempts, headers,
                      payload.size());
    }
    QNetworkReply* reply = network_->sendCustomRequest(request, QByteArray::fromStdString(op->request.method), payload);
    auto timedOut = std::make_shared<bool>(false);
    auto* timer = new QTimer(reply);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, reply, [reply, timedOut] {
        *timedOut = true;
        reply->abort();
    });
    timer->start(config_.timeout);
    QObject::connect(reply, &QNetworkReply::finished, network_.get(), [this, op, reply, timedOut] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray data = reply->isOpen() ? reply->readAll() : QByteArray();
        const bool last = op->attempts >= config_.maxAttempts;
        auto retryLater = [this, op](std::chrono::milliseconds delay) {
            spdlog::debug("sigma: retrying {} {} in {} ms", op->request.method, op->request.path, delay.count());
            QTimer::singleShot(delay, network_.get(), [this, op] { start(op); });
        };
        ApiResult result;
        result.status = status;
        result.error.status = status;
        if (*timedOut || status == 0) {
            result.error.kind = *timedOut ? ApiError::Kind::Timeout : ApiError::Kind::Network;
            result.error.message = *timedOut ? "no complete reply within " + std::to_string(config_.timeout.count()) + " ms"
                                             : reply->errorString().toStdString();
            if (!last && op->idempotent()) return retryLater(backoff(op->attempts));
            return finish(op, std::move(result));
        }
        result.error.requestId = reply->rawHeader("x-request-id").toStdString();
        if (status >= 200 && status < 300) {
            if (!data.trimmed().isEmpty()) {
                result.body = Json::parse(data.begin(), data.end(), nullptr, false);
                if (result.body.is_discarded()) {
                    result.body = Json();
                    result.error.kind = ApiError::Kind::Malformed;
                    result.error.message = "the reply is not valid JSON: " + data.left(200).toStdString();
                    return finish(op, std::move(result));
                }
            }
            result.error.requestId.clear();
            return finish(op, std::move(result));
        }
        if (status == 401 && op->request.authenticated && op->authorization.isEmpty() && !op->refreshedAfter401) {
            op->refreshedAfter401 = true; // the token expired early or was revoked: get a new one, once
            --op->attempts;
            invalidateToken();
            return start(op);
        }
        const bool retryable = status == 429 || status == 502 || status == 503 || status == 504 ||
                               (status >= 500 && op->idempotent());
        if (retryable && !last) {
            auto delay = backoff(op->attempts);
            if (auto after = retryAfter(reply)) delay = std::min(std::max(delay, *after), config_.retryAfterMax);
            return retryLater(delay);
        }
        const std::string text = data.toStdString();
        result.body = Json::parse(text, nullptr, false);
        if (result.body.is_discarded()) result.body = Json();
        if (result.body.is_object()) {
            if (result.body.contains("code") && result.body["code"].is_string()) result.error.code = result.body["code"].get<std::string>();
            if (result.error.requestId.empty() && result.body.contains("requestId") && result.body["requestId"].is_string())
                result.error.requestId = result.body["requestId"].get<std::string>();
        }
        result.error.kind = ApiError::Kind::Http;
        result.error.message = text.empty() ? reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString().toStdString()
                                            : errorTextFromBody(text);
        finish(op, std::move(result));
    });
}

void SigmaClient::invalidateToken() {
    token_.clear();
    tokenExpiry_ = {};
}

void SigmaClient::withToken(std::function<void(ApiError)> then) {
    if (!token_.empty() && std::chrono::steady_clock::now() + config_.tokenRefreshMargin < tokenExpiry_) {
        then(ApiError{});
        return;
    }
    tokenWaiters_.push_back(std::move(then));
    if (!tokenPending_) fetchToken();
}

void SigmaClient::fetchToken() {
    auto notify = [this](ApiError error) {
        tokenPending_ = false;
        auto waiters = std::move(tokenWaiters_);
        tokenWaiters_.clear();
        for (auto& waiter : waiters) waiter(error);
    };
    if (config_.credentials.clientId.empty() || config_.credentials.clientSecret.empty()) {
        ApiError error;
        error.kind = ApiError::Kind::Credentials;
        error.message = "no Sigma client id/secret configured";
        notify(error);
        return;
    }
    tokenPending_ = true;
    auto op = std::make_shared<Operation>();
    op->request.method = "POST";
    op->request.path = "/v2/auth/token";
    op->request.authenticated = false;
    op->rawBody = "grant_type=client_credentials";
    op->contentType = "application/x-www-form-urlencoded";
    // Base64 without line wraps (QByteArray::toBase64 never wraps).
    op->authorization = "Basic " + QByteArray::fromStdString(config_.credentials.clientId + ":" +
                                                             config_.credentials.clientSecret).toBase64();
    op->done = [this, notify](ApiResult result) {
        if (result.ok()) {
            const Json& body = result.body;
            if (!body.is_object() || !body.contains("access_token") || !body["access_token"].is_string() ||
                body["access_token"].get_ref<const std::string&>().empty()) {
                result.error.kind = ApiError::Kind::Malformed;
                result.error.method = "POST";
                result.error.path = "/v2/auth/token";
                result.error.message = "the token reply has no access_token";
            } else {
                token_ = body["access_token"].get<std::string>();
                long long seconds = 3600;
                if (body.contains("expires_in") && body["expires_in"].is_number()) seconds = body["expires_in"].get<long long>();
                tokenExpiry_ = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
            }
        }
        notify(result.error);
    };
    issue(op);
}

namespace {

template <typename Start>
ApiResult runLoop(Start start) {
    std::optional<ApiResult> result;
    QEventLoop loop;
    start([&](ApiResult r) {
        result = std::move(r);
        loop.quit();
    });
    if (!result) loop.exec();
    return std::move(*result);
}

std::string encode(const std::string& segment) {
    return QUrl::toPercentEncoding(QString::fromStdString(segment)).toStdString();
}

} // namespace

ApiResult SigmaClient::call(ApiRequest request) {
    return runLoop([&](auto done) { send(std::move(request), done); });
}

ApiError SigmaClient::ensureToken() {
    ApiResult r = runLoop([&](auto done) { withToken([done](ApiError e) { done(ApiResult{0, Json(), std::move(e)}); }); });
    return r.error;
}

ApiResult SigmaClient::whoami() { return call({"GET", "/v2/whoami", std::nullopt, true}); }

ApiResult SigmaClient::member(const std::string& userId) {
    return call({"GET", "/v2/members/" + encode(userId), std::nullopt, true});
}

ApiResult SigmaClient::getWorkbook(const std::string& workbookId) {
    return call({"GET", "/v2/workbooks/" + encode(workbookId) + "?includeContents=true", std::nullopt, true});
}

ApiResult SigmaClient::createWorkbook(const Json& body) { return call({"POST", "/v2/workbooks", body, true}); }

ApiResult SigmaClient::updateContents(const std::string& workbookId, const Json& body) {
    return call({"PUT", "/v2/workbooks/" + encode(workbookId) + "/contents", body, true});
}

ApiResult SigmaClient::listAll(const std::string& path) {
    Json entries = Json::array();
    std::string page;
    const char separator = path.find('?') == std::string::npos ? '?' : '&';
    for (int pages = 0; pages < 10000; ++pages) {
        std::string url = path + separator + "limit=100";
        if (!page.empty()) url += "&page=" + encode(page);
        ApiResult r = call({"GET", url, std::nullopt, true});
        if (!r.ok()) return r;
        if (!r.body.is_object() || !r.body.contains("entries") || !r.body["entries"].is_array()) {
            r.error.kind = ApiError::Kind::Malformed;
            r.error.method = "GET";
            r.error.path = url;
            r.error.message = "a list reply without an `entries` array";
            return r;
        }
        for (auto& entry : r.body["entries"]) entries.push_back(std::move(entry));
        const Json next = r.body.value("nextPage", Json());
        if (next.is_string() && !next.get_ref<const std::string&>().empty()) page = next.get<std::string>();
        else if (next.is_number()) page = next.dump();
        else break;
    }
    return ApiResult{200, Json{{"entries", std::move(entries)}}, ApiError{}};
}

ApiResult SigmaClient::listWorkbooks() { return listAll("/v2/workbooks"); }
ApiResult SigmaClient::listFolders() { return listAll("/v2/files?typeFilters=folder"); }
ApiResult SigmaClient::listConnections() { return listAll("/v2/connections"); }

ApiResult SigmaClient::lookupConnectionPath(const std::string& connectionId, const std::vector<std::string>& path) {
    return call({"POST", "/v2/connection/" + encode(connectionId) + "/lookup", Json{{"path", path}}, true});
}

} // namespace quire::publish
