#pragma once
// A pipeline result (CachedResult: JSON cells) as a connect::ResultSet, so the CLI's table/CSV/JSON writers
// print what the preview pipeline fetched exactly as they print a direct query: decimals with their exact text,
// dates and timestamps typed. Part of quire_preview_odbc.
#include <quire/connect/result_batch.h>
#include <quire/preview/result_cache.h>

namespace quire::preview {

// Throws std::invalid_argument when a cell does not match its column type (a corrupt cache entry).
connect::ResultSet toResultSet(const CachedResult& result);

} // namespace quire::preview
