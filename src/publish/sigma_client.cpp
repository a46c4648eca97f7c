#include <quire/publish/regions.h>
#include <quire/publish/sigma_client.h>

#include "limited_json.h"

#include <QDateTime>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <random>

namespace quire::publish {

struct SigmaClient::Operation {
    ApiRequest request;
    std::function<void(ApiResult)> done;
    int attempts = 0;
    bool refreshedAfter401 = false;
    std::chrono::steady_clock::time_point firstSent{};
    // The token request sends a form body with Basic auth instead of JSON with the bearer token.
    QByteArray rawBody;
    QByteArray contentType;
    QByteArray authorization;
    // Sending it twice does no harm (the token request is one too).
    bool repeatable() const {
        if (request.repeatable) return *request.repeatable;
        return request.method != "POST" || !authorization.isEmpty();
    }
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

// Retry-After: delay-seconds (digits only; an absurd value stays absurd instead of overflowing) or an
// HTTP date. nullopt when absent or unreadable.
std::optional<std::chrono::milliseconds> retryAfter(const QNetworkReply* reply) {
    const QByteArray value = reply->rawHeader("Retry-After").trimmed();
    if (value.isEmpty()) return std::nullopt;
    constexpr long long maxSeconds = 1000LL * 1000 * 1000;
    if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        unsigned long long seconds = 0;
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
        if (ec == std::errc::result_out_of_range || seconds > static_cast<unsigned long long>(maxSeconds)) seconds = maxSeconds;
        else if (ec != std::errc() || end != value.data() + value.size()) return std::nullopt;
        return std::chrono::milliseconds(static_cast<long long>(seconds) * 1000);
    }
    // An HTTP date ends in "GMT", which Qt's RFC 2822 parser does not take.
    QString date = QString::fromLatin1(value);
    if (date.endsWith(" GMT")) date = date.chopped(4) + " +0000";
    const QDateTime when = QDateTime::fromString(date, Qt::RFC2822Date);
    if (!when.isValid()) return std::nullopt;
    const qint64 ms = QDateTime::currentDateTimeUtc().msecsTo(when);
    return std::chrono::milliseconds(std::clamp<qint64>(ms, 0, maxSeconds * 1000));
}

// The server certainly did not act on the request: rate limited, unavailable, or never connected.
bool notProcessed(int status, QNetworkReply::NetworkError error) {
    return status == 429 || status == 503 ||
           (status == 0 && (error == QNetworkReply::ConnectionRefusedError || error == QNetworkReply::HostNotFoundError));
}

} // namespace

void SigmaClient::issue(std::shared_ptr<Operation> op) {
    if (op->attempts == 0) op->firstSent = std::chrono::steady_clock::now();
    ++op->attempts;
    const std::string urlText = config_.baseUrl + op->request.path;
    QNetworkRequest request{QUrl(QString::fromStdString(urlText))};
    request.setRawHeader("Accept", "application/json");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::SameOriginRedirectPolicy);
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
    auto tooLarge = std::make_shared<bool>(false);
    // A reply is held in memory whole: a hostile server's endless one is cut off.
    QObject::connect(reply, &QNetworkReply::downloadProgress, reply, [reply, tooLarge, max = config_.maxReplyBytes](qint64 received, qint64) {
        if (received > max && !*tooLarge) {
            *tooLarge = true;
            reply->abort();
        }
    });
    auto* timer = new QTimer(reply);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, reply, [reply, timedOut] {
        *timedOut = true;
        reply->abort();
    });
    timer->start(config_.timeout);
    QObject::connect(reply, &QNetworkReply::finished, network_.get(), [this, op, reply, timedOut, tooLarge] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray data = reply->isOpen() ? reply->readAll() : QByteArray();
        const QNetworkReply::NetworkError networkError = reply->error();
        // A retry starts only while attempts and the time budget last.
        auto withinBudget = [this, op](std::chrono::milliseconds delay) {
            return std::chrono::steady_clock::now() - op->firstSent + delay <= config_.retryBudget;
        };
        auto mayRetry = [this, op, withinBudget](std::chrono::milliseconds delay) {
            return op->attempts < config_.maxAttempts && withinBudget(delay);
        };
        auto retryLater = [this, op](std::chrono::milliseconds delay) {
            spdlog::debug("sigma: retrying {} {} in {} ms", op->request.method, op->request.path, delay.count());
            QTimer::singleShot(delay, network_.get(), [this, op] { start(op); });
        };
        ApiResult result;
        result.status = status;
        result.error.status = status;
        if (*tooLarge) {
            result.error.kind = ApiError::Kind::Malformed;
            result.error.message = "the reply is longer than " + std::to_string(config_.maxReplyBytes) + " bytes";
            return finish(op, std::move(result));
        }
        if (*timedOut || status == 0) {
            result.error.kind = *timedOut ? ApiError::Kind::Timeout : ApiError::Kind::Network;
            result.error.message = *timedOut ? "no complete reply within " + std::to_string(config_.timeout.count()) + " ms"
                                             : reply->errorString().toStdString();
            const auto delay = backoff(op->attempts);
            if ((op->repeatable() || notProcessed(0, networkError)) && mayRetry(delay)) return retryLater(delay);
            return finish(op, std::move(result));
        }
        result.error.requestId = reply->rawHeader("x-request-id").toStdString();
        if (status >= 200 && status < 300) {
            if (!data.trimmed().isEmpty()) {
                detail::LimitedJson parsed = detail::parseLimitedObject(std::string_view(data.constData(), std::size_t(data.size())));
                if (!parsed.value) {
                    result.error.kind = ApiError::Kind::Malformed;
                    result.error.message = "the reply is not valid JSON (" + parsed.problem + "): " + data.left(200).toStdString();
                    return finish(op, std::move(result));
                }
                result.body = std::move(*parsed.value);
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
        const bool retryable = notProcessed(status, networkError) ||
                               (op->repeatable() && (status == 500 || status == 502 || status == 504));
        std::optional<std::chrono::milliseconds> asked;
        if (retryable) {
            auto delay = backoff(op->attempts);
            asked = retryAfter(reply);
            if (asked) delay = std::max(delay, *asked);
            if ((!asked || *asked <= config_.retryAfterMax) && mayRetry(delay)) return retryLater(delay);
        }
        const std::string text = data.toStdString();
        detail::LimitedJson parsed = detail::parseLimitedValue(text);
        if (parsed.value && parsed.value->is_object()) {
            const Json& body = *parsed.value;
            if (body.contains("code") && body["code"].is_string()) result.error.code = body["code"].get<std::string>();
            if (result.error.requestId.empty() && body.contains("requestId") && body["requestId"].is_string())
                result.error.requestId = body["requestId"].get<std::string>();
        }
        result.error.kind = ApiError::Kind::Http;
        result.error.message = text.empty() ? reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString().toStdString()
                                            : errorTextFromJson(parsed.value ? *parsed.value : Json(), text);
        if (asked && (*asked > config_.retryAfterMax || !withinBudget(*asked)))
            result.error.retryAfterSeconds = (asked->count() + 999) / 1000;
        if (parsed.value) result.body = std::move(*parsed.value);
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
    if (std::string why = credentialHostProblem(config_.baseUrl); !why.empty()) {
        ApiError error;
        error.kind = ApiError::Kind::Credentials;
        error.message = "refusing to send the client credentials: " + why;
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
                // expires_in as the server sent it may be negative, fractional or absurd: 0 s .. 1 day.
                long long seconds = 3600;
                if (body.contains("expires_in") && body["expires_in"].is_number()) {
                    const double value = body["expires_in"].get<double>();
                    seconds = std::isfinite(value) ? static_cast<long long>(std::clamp(value, 0.0, 86400.0)) : 3600;
                }
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

ApiResult SigmaClient::whoami() { return call({"GET", "/v2/whoami", std::nullopt, true, std::nullopt}); }

ApiResult SigmaClient::member(const std::string& userId) {
    return call({"GET", "/v2/members/" + encode(userId), std::nullopt, true, std::nullopt});
}

ApiResult SigmaClient::getWorkbook(const std::string& workbookId) {
    return call({"GET", "/v2/workbooks/" + encode(workbookId) + "?includeContents=true", std::nullopt, true, std::nullopt});
}

// A dry run changes nothing, so it may be repeated; a real create may not.
ApiResult SigmaClient::createWorkbook(const Json& body) {
    const bool dryRun = body.is_object() && body.contains("dryRun") && body["dryRun"] == true;
    return call({"POST", "/v2/workbooks", body, true, dryRun});
}

ApiResult SigmaClient::updateContents(const std::string& workbookId, const Json& body) {
    return call({"PUT", "/v2/workbooks/" + encode(workbookId) + "/contents", body, true, std::nullopt});
}

ApiResult SigmaClient::listAll(const std::string& path) {
    Json entries = Json::array();
    std::string page;
    const char separator = path.find('?') == std::string::npos ? '?' : '&';
    for (int pages = 0; pages < 10000; ++pages) {
        std::string url = path + separator + "limit=100";
        if (!page.empty()) url += "&page=" + encode(page);
        ApiResult r = call({"GET", url, std::nullopt, true, std::nullopt});
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

// Tagging again moves the tag to the same (latest) version, so a repeat after a lost reply is harmless.
ApiResult SigmaClient::tagWorkbook(const std::string& workbookId, const std::string& tagName) {
    return call({"POST", "/v2/workbooks/tag", Json{{"workbookId", workbookId}, {"tag", tagName}}, true, true});
}

ApiResult SigmaClient::workbookTags(const std::string& workbookId) {
    return listAll("/v2/workbooks/" + encode(workbookId) + "/tags");
}
ApiResult SigmaClient::listFolders() { return listAll("/v2/files?typeFilters=folder"); }
ApiResult SigmaClient::listConnections() { return listAll("/v2/connections"); }

ApiResult SigmaClient::elementQuery(const std::string& workbookId, const std::string& elementId) {
    return call({"GET", "/v2/workbooks/" + encode(workbookId) + "/elements/" + encode(elementId) + "/query", std::nullopt, true,
                 std::nullopt});
}

ApiResult SigmaClient::lookupConnectionPath(const std::string& connectionId, const std::vector<std::string>& path) {
    return call({"POST", "/v2/connection/" + encode(connectionId) + "/lookup", Json{{"path", path}}, true, true}); // read-only
}

} // namespace quire::publish
