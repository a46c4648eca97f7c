#pragma once
// `quire verify`: comparing two query results (Sigma's SQL and Quire's SQL of one element, run on the same
// warehouse) and checking that a SQL text from the server is a single read-only query.
#include <quire/connect/result_batch.h>

#include <string>

namespace quire::cli::verify {

struct CompareOptions {
    bool ordered = false;          // the element sorts: rows must agree position by position
    double tolerance = 1e-6;       // numbers agree within this, relative to the larger magnitude (absolute below 1)
};

// "" when the results agree (same column count, row count and values); else the first difference, e.g.
// "row 3, column 2: Sigma 12.5, Quire 13". Columns are compared by position (the names differ by design).
std::string firstDifference(const connect::ResultSet& sigma, const connect::ResultSet& quire, const CompareOptions& options);

// "" when `sql` is one SELECT/WITH statement (comments, parentheses and one trailing ';' allowed); else why not.
// A lexical check (quotes and comments are skipped), not a parser: the connection is also opened read-only.
std::string readOnlyProblem(const std::string& sql);

} // namespace quire::cli::verify
