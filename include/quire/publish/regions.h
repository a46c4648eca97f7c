#pragma once
// Sigma's API hosts per cloud region (spec §7) and Sigma workbook URLs.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace quire::publish {

struct Region {
    std::string name;    // "aws-us", "aws-us-west", "aws-ca", ..., "gcp-us", "gcp-sa"
    std::string baseUrl; // "https://aws-api.sigmacomputing.com"
};

const std::vector<Region>& regions();
// Base URL for a region name (case-insensitive), or the value itself when it is already an http(s) URL
// (custom hosts, local test servers). nullopt for anything else.
std::optional<std::string> resolveBaseUrl(const std::string& regionOrUrl);
// "aws-us, aws-us-west, ..." for error messages.
std::string regionNames();

// Where credentials may go (docs/publishing.md, "Which host gets the credentials"). A base URL is compared
// after normalisation: scheme and host lower-case, a default port dropped, trailing '/' removed.
std::string normalizeBaseUrl(const std::string& baseUrl);
bool sameBaseUrl(const std::string& a, const std::string& b);
// True when the URL is one of regions()' API hosts (so a file naming it did not pick an arbitrary host).
bool isRegionHost(const std::string& baseUrl);
// "" when the URL may receive credentials: https, or plain http to a loopback host (127.0.0.0/8, ::1,
// localhost; local test servers). Otherwise why not. No user info, query or fragment.
std::string credentialHostProblem(const std::string& baseUrl);

// What a user typed to name a workbook: a bare workbook id, or a Sigma workbook URL. A URL carries either the
// workbook's UUID, or (the usual ".../workbook/<Title-Slug>-<urlId>") a short URL id, which is resolved by
// listing workbooks and matching their `url`. Linear scanners (no std::regex: ids and URLs come from users and
// servers and may be of any length); a bare id longer than maxWorkbookIdLength is not an id.
struct WorkbookRef {
    std::string workbookId; // set for a bare id or a URL holding a UUID
    std::string urlId;      // set for a URL ending in <slug>-<urlId>
    std::string url;        // the URL as given ("" for a bare id)
};
inline constexpr std::size_t maxWorkbookIdLength = 256;
std::optional<WorkbookRef> parseWorkbookRef(const std::string& idOrUrl);

} // namespace quire::publish
