#include <quire/connect/server_cursor.h>

#include <array>
#include <cctype>

namespace quire::connect {

namespace {
bool isWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || (c & 0x80); }

bool equalsIgnoreCase(std::string_view word, std::string_view keyword) {
    if (word.size() != keyword.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(word[i])) != keyword[i]) return false;
    return true;
}

bool startsWithIgnoreCase(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && equalsIgnoreCase(text.substr(0, prefix.size()), prefix);
}

// The end of the dollar quote opened at `open` ("$tag$"), or npos if `open` does not start one.
std::size_t dollarQuoteEnd(std::string_view sql, std::size_t open) {
    std::size_t i = open + 1;
    while (i < sql.size() && sql[i] != '$' && (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '_'))
        ++i;
    if (i >= sql.size() || sql[i] != '$') return std::string_view::npos;
    if (i > open + 1 && std::isdigit(static_cast<unsigned char>(sql[open + 1]))) return std::string_view::npos; // $1
    const std::string_view tag = sql.substr(open, i - open + 1);
    const std::size_t close = sql.find(tag, i + 1);
    return close == std::string_view::npos ? sql.size() : close + tag.size();
}
} // namespace

bool cursorUnsafeStatement(std::string_view sql) {
    // psqlODBC's own test (statement_type): skip blanks and '(' only, then compare a prefix.
    std::size_t start = 0;
    while (start < sql.size() && (std::isspace(static_cast<unsigned char>(sql[start])) || sql[start] == '(')) ++start;
    const std::string_view head = sql.substr(start);
    if (!startsWithIgnoreCase(head, "select") && !startsWithIgnoreCase(head, "with")) return false;

    constexpr std::array<std::string_view, 5> kKeywords = {"into", "insert", "update", "delete", "merge"};
    std::size_t i = 0;
    const std::size_t n = sql.size();
    while (i < n) {
        const char c = sql[i];
        if (c == '-' && i + 1 < n && sql[i + 1] == '-') { // line comment
            i = sql.find('\n', i);
            if (i == std::string_view::npos) break;
        } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') { // block comment, nested as in PostgreSQL
            std::size_t depth = 1;
            i += 2;
            while (i < n && depth > 0) {
                if (sql[i] == '/' && i + 1 < n && sql[i + 1] == '*') {
                    ++depth;
                    i += 2;
                } else if (sql[i] == '*' && i + 1 < n && sql[i + 1] == '/') {
                    --depth;
                    i += 2;
                } else {
                    ++i;
                }
            }
        } else if (c == '\'' || c == '"') { // 'literal' or "identifier"; a doubled quote stays inside
            const bool escapes = c == '\'' && i > 0 && (sql[i - 1] == 'e' || sql[i - 1] == 'E') &&
                                 (i < 2 || !isWordChar(sql[i - 2]));
            ++i;
            while (i < n) {
                if (escapes && sql[i] == '\\') {
                    i += 2;
                } else if (sql[i] == c) {
                    if (i + 1 < n && sql[i + 1] == c) {
                        i += 2;
                    } else {
                        ++i;
                        break;
                    }
                } else {
                    ++i;
                }
            }
        } else if (c == '$' && (i == 0 || !isWordChar(sql[i - 1]))) {
            const std::size_t end = dollarQuoteEnd(sql, i);
            i = end == std::string_view::npos ? i + 1 : end;
        } else if (isWordChar(c)) {
            const std::size_t begin = i;
            while (i < n && isWordChar(sql[i])) ++i;
            const std::string_view word = sql.substr(begin, i - begin);
            for (std::string_view k : kKeywords)
                if (equalsIgnoreCase(word, k)) return true;
        } else {
            ++i;
        }
    }
    return false;
}

} // namespace quire::connect
