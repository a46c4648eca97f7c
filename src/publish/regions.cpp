#include <quire/publish/regions.h>

#include <algorithm>
#include <cctype>
#include <regex>

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

namespace {
std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}
} // namespace

std::optional<std::string> resolveBaseUrl(const std::string& regionOrUrl) {
    const std::string key = lower(regionOrUrl);
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

std::optional<WorkbookRef> parseWorkbookRef(const std::string& idOrUrl) {
    static const std::regex bareId(R"(^[A-Za-z0-9_-]+$)");
    if (std::regex_match(idOrUrl, bareId)) return WorkbookRef{idOrUrl, {}, {}};
    if (idOrUrl.rfind("http://", 0) != 0 && idOrUrl.rfind("https://", 0) != 0) return std::nullopt;
    static const std::regex uuid(R"([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})");
    std::smatch match;
    if (std::regex_search(idOrUrl, match, uuid)) return WorkbookRef{match[0].str(), {}, idOrUrl};
    // https://app.sigmacomputing.com/<org>/workbook/<Title-Slug>-<urlId>[/...][?...]
    static const std::regex slug(R"(/workbook/(?:[^/?#]*-)?([A-Za-z0-9]{6,})(?:[/?#]|$))");
    if (std::regex_search(idOrUrl, match, slug)) return WorkbookRef{{}, match[1].str(), idOrUrl};
    return std::nullopt;
}

} // namespace quire::publish
