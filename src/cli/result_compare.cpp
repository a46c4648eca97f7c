#include "result_compare.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>
#include <variant>
#include <vector>

namespace quire::cli::verify {
namespace {

// One cell as compared: null, a number (integers, decimals, booleans and numeric text alike) or text.
struct Cell {
    bool null = false;
    std::optional<double> number;
    std::string text;
};

std::optional<double> parseNumber(const std::string& text) {
    if (text.empty() || text.size() > 64) return std::nullopt;
    double value = 0;
    const char* begin = text.data();
    if (*begin == '+') ++begin;
    auto [end, ec] = std::from_chars(begin, text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

Cell cellOf(const connect::ResultSet& result, std::size_t row, std::size_t column) {
    Cell cell;
    const connect::Value value = result.value(row, column);
    if (std::holds_alternative<std::monostate>(value)) {
        cell.null = true;
        return cell;
    }
    if (const auto* b = std::get_if<bool>(&value)) cell.number = *b ? 1.0 : 0.0;
    else if (const auto* i = std::get_if<std::int64_t>(&value)) cell.number = double(*i);
    else if (const auto* d = std::get_if<double>(&value)) cell.number = *d;
    cell.text = result.toString(row, column);
    if (!cell.number) cell.number = parseNumber(cell.text);
    return cell;
}

using Row = std::vector<Cell>;

std::vector<Row> rowsOf(const connect::ResultSet& result) {
    std::vector<Row> rows(result.rowCount());
    for (std::size_t r = 0; r < rows.size(); ++r)
        for (std::size_t c = 0; c < result.columns.size(); ++c) rows[r].push_back(cellOf(result, r, c));
    return rows;
}

// Sort key of a cell: numbers rounded to 6 significant digits so values within the tolerance sort alike.
std::string keyOf(const Cell& cell) {
    if (cell.null) return std::string(1, '\x01');
    if (cell.number) {
        char buf[40];
        std::snprintf(buf, sizeof buf, "\x02%.6g", *cell.number);
        return buf;
    }
    return "\x03" + cell.text;
}

void sortRows(std::vector<Row>& rows) {
    std::vector<std::pair<std::vector<std::string>, std::size_t>> keys;
    keys.reserve(rows.size());
    for (std::size_t r = 0; r < rows.size(); ++r) {
        std::vector<std::string> key;
        for (const Cell& cell : rows[r]) key.push_back(keyOf(cell));
        keys.emplace_back(std::move(key), r);
    }
    std::sort(keys.begin(), keys.end());
    std::vector<Row> sorted;
    sorted.reserve(rows.size());
    for (const auto& [key, index] : keys) sorted.push_back(std::move(rows[index]));
    rows = std::move(sorted);
}

bool same(const Cell& a, const Cell& b, double tolerance) {
    if (a.null || b.null) return a.null == b.null;
    if (a.number && b.number) {
        const double scale = std::max({1.0, std::fabs(*a.number), std::fabs(*b.number)});
        return std::fabs(*a.number - *b.number) <= tolerance * scale;
    }
    return a.text == b.text;
}

std::string shown(const Cell& cell) {
    if (cell.null) return "null";
    std::string text = cell.text.size() > 80 ? cell.text.substr(0, 80) + "..." : cell.text;
    return cell.number ? text : "\"" + text + "\"";
}

} // namespace

std::string firstDifference(const connect::ResultSet& sigma, const connect::ResultSet& quire, const CompareOptions& options) {
    if (sigma.columns.size() != quire.columns.size())
        return "columns: Sigma " + std::to_string(sigma.columns.size()) + ", Quire " + std::to_string(quire.columns.size());
    if (sigma.rowCount() != quire.rowCount())
        return "rows: Sigma " + std::to_string(sigma.rowCount()) + ", Quire " + std::to_string(quire.rowCount());
    const std::vector<Row> inOrder[2] = {rowsOf(sigma), rowsOf(quire)};
    std::vector<Row> left = inOrder[0], right = inOrder[1];
    sortRows(left);
    sortRows(right);
    auto cellDifference = [&](const char* label, std::size_t r, std::size_t c, const Cell& a, const Cell& b) {
        return std::string(label) + std::to_string(r + 1) + ", column " + std::to_string(c + 1) + " (" +
               quire.columns[c].name.substr(0, 64) + "): Sigma " + shown(a) + ", Quire " + shown(b);
    };
    for (std::size_t r = 0; r < left.size(); ++r)
        for (std::size_t c = 0; c < left[r].size(); ++c)
            if (!same(left[r][c], right[r][c], options.tolerance)) return cellDifference("row (sorted) ", r, c, left[r][c], right[r][c]);
    if (!options.ordered) return {};
    // The same rows: now the order, on the sort columns only.
    std::vector<std::size_t> columns = options.orderColumns;
    if (columns.empty())
        for (std::size_t c = 0; c < quire.columns.size(); ++c) columns.push_back(c);
    for (std::size_t r = 0; r < inOrder[0].size(); ++r)
        for (std::size_t c : columns)
            if (c < inOrder[0][r].size() && !same(inOrder[0][r][c], inOrder[1][r][c], options.tolerance))
                return cellDifference("order: row ", r, c, inOrder[0][r][c], inOrder[1][r][c]);
    return {};
}

std::string readOnlyProblem(const std::string& sql) {
    std::string firstWord;
    bool afterEnd = false; // a ';' was seen: only blanks and comments may follow
    for (std::size_t i = 0; i < sql.size();) {
        const char c = sql[i];
        if (std::isspace(static_cast<unsigned char>(c))) { ++i; continue; }
        if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            i = sql.find('\n', i);
            if (i == std::string::npos) break;
            continue;
        }
        if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
            const std::size_t end = sql.find("*/", i + 2);
            if (end == std::string::npos) return "an unterminated /* comment";
            i = end + 2;
            continue;
        }
        if (afterEnd) return "more than one statement";
        if (c == '\'' || c == '"' || c == '`') {
            std::size_t j = i + 1;
            for (;; ++j) {
                if (j >= sql.size()) return "an unterminated quoted string or name";
                if (sql[j] == c) {
                    if (j + 1 < sql.size() && sql[j + 1] == c) { ++j; continue; } // doubled quote
                    break;
                }
                if (c == '\'' && sql[j] == '\\') ++j; // backslash escapes (BigQuery, Databricks, MySQL)
            }
            if (firstWord.empty()) return "it does not start with SELECT or WITH";
            i = j + 1;
            continue;
        }
        if (c == ';') { afterEnd = true; ++i; continue; }
        if (firstWord.empty()) {
            if (c == '(') { ++i; continue; }
            std::size_t j = i;
            while (j < sql.size() && std::isalpha(static_cast<unsigned char>(sql[j]))) ++j;
            firstWord = sql.substr(i, std::min<std::size_t>(j - i, 16));
            std::transform(firstWord.begin(), firstWord.end(), firstWord.begin(), [](unsigned char ch) { return char(std::toupper(ch)); });
            if (firstWord != "SELECT" && firstWord != "WITH")
                return "it starts with '" + (firstWord.empty() ? std::string(1, c) : firstWord) + "', not SELECT or WITH";
            i = std::max(j, i + 1);
            continue;
        }
        ++i;
    }
    if (firstWord.empty()) return "it is empty";
    return {};
}

} // namespace quire::cli::verify
