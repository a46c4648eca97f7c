#pragma once
// Sigma's API hosts per cloud region (spec §7) and Sigma workbook URLs.
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

// What a user typed to name a workbook: a bare workbook id, or a Sigma workbook URL. A URL carries either the
// workbook's UUID, or (the usual ".../workbook/<Title-Slug>-<urlId>") a short URL id, which is resolved by
// listing workbooks and matching their `url`.
struct WorkbookRef {
    std::string workbookId; // set for a bare id or a URL holding a UUID
    std::string urlId;      // set for a URL ending in <slug>-<urlId>
    std::string url;        // the URL as given ("" for a bare id)
};
std::optional<WorkbookRef> parseWorkbookRef(const std::string& idOrUrl);

} // namespace quire::publish
