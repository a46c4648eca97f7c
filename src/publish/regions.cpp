#include <quire/publish/regions.h>
#include <quire/core/text.h>

#include <QHostAddress>
#include <QUrl>

#include <algorithm>
#include <cctype>
#include <string_view>

namespace quire::publish {

const std::vector<Region>& regions() {
    static const std::vector<Region> all{
        {"aws-us", "https://aws-api.sigmacomputing.com"},
        {"aws-us-west", "https://api.us-a.aws.sigmacomputing.com"},
        {"aws-ca", "https://api.ca.aws.sigmacomputing.com"},
        {"aws-eu", "https://api.eu.aws.sigmacomputing.com"},
        {"aws-au", "https://api.au.aws.sigmacomputing.com"},
        {"aws-uk", "https://api.uk.aws.sigmacomputing.com"},
        {"azure-us", "https://api.us.azure.sigmacomputing.com"},
        {"azure-eu", "https://api.eu.azure.sigmacomputing.com"},
        {"azure-ca", "https://api.ca.azure.sigmacomputing.com"},
        {"azure-uk", "https://api.uk.azure.sigmacomputing.com"},
        {"gcp-us", "https://api.sigmacomputing.com"},
        {"gcp-sa", "https://api.sa.gcp.sigmacomputing.com"},
    };
    return all;
}

std::optional<std::string> resolveBaseUrl(const std::string& regionOrUrl) {
    const std::string key = asciiLower(regionOrUrl);
    if (key.rfind("http://", 0) == 0 || key.rfind("https://", 0) == 0) {
        std::string url = regionOrUrl;
        while (!url.empty() && url.back() == '/') url.pop_back();
        return url;
    }
    for (const Region& r : regions())
        if (r.name == key) return r.baseUrl;
    return std::nullopt;
}

std::string regionNames() {
    std::string names;
    for (const Region& r : regions()) names += (names.empty() ? "" : ", ") + r.name;
    return names;
}

namespace {

bool isAlnum(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool isHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// 8-4-4-4-12 hex digits starting at `at`.
bool uuidAt(std::string_view s, std::size_t at) {
    static constexpr std::size_t groups[] = {8, 4, 4, 4, 12};
    std::size_t i = at;
    for (std::size_t g = 0; g < 5; ++g) {
        if (g > 0) {
            if (i >= s.size() || s[i] != '-') return false;
            ++i;
        }
        for (std::size_t k = 0; k < groups[g]; ++k, ++i)
            if (i >= s.size() || !isHex(s[i])) return false;
    }
    return true;
}

// The first UUID anywhere in `s` (fixed length, so checking each start is linear).
std::optional<std::string> findUuid(std::string_view s) {
    for (std::size_t i = 0; i + 36 <= s.size(); ++i)
        if (isHex(s[i]) && uuidAt(s, i)) return std::string(s.substr(i, 36));
    return std::nullopt;
}

// ".../workbook/<Title-Slug>-<urlId>[/?#...]": the segment after "/workbook/" up to '/', '?', '#' or the end;
// its part after the last '-' (or all of it) must be 6+ letters and digits. Segments after successive
// "/workbook/" never overlap, so the scan is linear.
std::optional<std::string> findUrlId(std::string_view s) {
    static constexpr std::string_view marker = "/workbook/";
    for (std::size_t at = s.find(marker); at != std::string_view::npos; at = s.find(marker, at + 1)) {
        const std::size_t begin = at + marker.size();
        const std::size_t end = std::min(s.find_first_of("/?#", begin), s.size());
        const std::string_view segment = s.substr(begin, end - begin);
        const std::size_t dash = segment.rfind('-');
        const std::string_view id = dash == std::string_view::npos ? segment : segment.substr(dash + 1);
        if (id.size() >= 6 && std::all_of(id.begin(), id.end(), isAlnum)) return std::string(id);
    }
    return std::nullopt;
}

} // namespace

std::optional<WorkbookRef> parseWorkbookRef(const std::string& idOrUrl) {
    const bool bare = !idOrUrl.empty() && std::all_of(idOrUrl.begin(), idOrUrl.end(),
                                                      [](char c) { return isAlnum(c) || c == '_' || c == '-'; });
    if (bare) {
        if (idOrUrl.size() > maxWorkbookIdLength) return std::nullopt;
        return WorkbookRef{idOrUrl, {}, {}};
    }
    const std::string key = asciiLower(idOrUrl.substr(0, 8));
    if (key.rfind("http://", 0) != 0 && key.rfind("https://", 0) != 0) return std::nullopt;
    if (auto uuid = findUuid(idOrUrl)) return WorkbookRef{*uuid, {}, idOrUrl};
    if (auto urlId = findUrlId(idOrUrl)) return WorkbookRef{{}, *urlId, idOrUrl};
    return std::nullopt;
}

std::string normalizeBaseUrl(const std::string& baseUrl) {
    QUrl url(QString::fromStdString(baseUrl), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) return baseUrl;
    url.setScheme(url.scheme().toLower());
    url.setHost(url.host().toLower());
    if ((url.scheme() == "https" && url.port() == 443) || (url.scheme() == "http" && url.port() == 80)) url.setPort(-1);
    QString path = url.path(QUrl::FullyEncoded);
    while (path.endsWith('/')) path.chop(1); // (StripTrailingSlash keeps a lone "/")
    url.setPath(path, QUrl::StrictMode);
    return url.toString(QUrl::FullyEncoded).toStdString();
}

bool sameBaseUrl(const std::string& a, const std::string& b) { return normalizeBaseUrl(a) == normalizeBaseUrl(b); }

bool isRegionHost(const std::string& baseUrl) {
    const std::string normal = normalizeBaseUrl(baseUrl);
    return std::any_of(regions().begin(), regions().end(), [&](const Region& r) { return normalizeBaseUrl(r.baseUrl) == normal; });
}

std::string credentialHostProblem(const std::string& baseUrl) {
    const QUrl url(QString::fromStdString(baseUrl), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) return "'" + baseUrl + "' is not a URL with a host";
    if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment()) // (the user info is not echoed)
        return "'" + url.adjusted(QUrl::RemoveUserInfo).toString().toStdString() +
               "': an API base URL has no user name, password, query or fragment";
    const QString scheme = url.scheme().toLower();
    if (scheme == "https") return {};
    if (scheme != "http") return "'" + baseUrl + "' is not an http(s) URL";
    const QString host = url.host().toLower();
    if (host == "localhost" || QHostAddress(host).isLoopback()) return {};
    return "'" + baseUrl + "' uses plain http: credentials are only sent over https (http only to 127.0.0.1, ::1 or localhost)";
}

} // namespace quire::publish
