#pragma once
// `quire verify`: comparing two query results (Sigma's SQL and Quire's SQL of one element, run on the same
// warehouse) and checking that a SQL text from the server is a single read-only query.
#include <quire/connect/result_batch.h>

#include <string>
#include <vector>

namespace quire::cli::verify {

struct CompareOptions {
    bool ordered = false;          // the element sorts: rows must also come in the same order
    // With `ordered`: the positions of the sort columns; only they must agree row by row (rows that tie on them
    // may come in any order). Empty: whole rows.
    std::vector<std::size_t> orderColumns;
    double tolerance = 1e-6;       // numbers agree within this, relative to the larger magnitude (absolute below 1)
};

// "" when the results agree (same column count, row count and values); else the first difference, e.g.
// "row (sorted) 3, column 2 (Revenue): Sigma 12.5, Quire 13" or, for an order difference, "order: row 1, ...".
// Columns are compared by position (the names differ by design).
std::string firstDifference(const connect::ResultSet& sigma, const connect::ResultSet& quire, const CompareOptions& options);

// "" when `sql` is one SELECT/WITH statement (comments, parentheses and one trailing ';' allowed); else why not.
// A lexical check (quotes and comments are skipped), not a parser: the connection is also opened read-only.
std::string readOnlyProblem(const std::string& sql);

} // namespace quire::cli::verify
