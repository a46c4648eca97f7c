#include "quire/formula/lexer.h"

#include <cctype>

namespace quire::formula {
namespace {

bool identStart(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool identChar(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }

Token make(TokenKind kind, std::size_t begin, std::size_t end, std::string text) {
    return Token{kind, Span{static_cast<int>(begin), static_cast<int>(end - begin)}, std::move(text)};
}

} // namespace

std::vector<Token> tokenize(std::string_view s) {
    std::vector<Token> out;
    std::size_t i = 0;
    while (true) {
        while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
        if (i >= s.size()) {
            out.push_back(make(TokenKind::End, i, i, ""));
            return out;
        }
        const std::size_t begin = i;
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (std::isdigit(c) || (c == '.' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])) &&
                                (out.empty() || (out.back().kind != TokenKind::Reference &&
                                                 out.back().kind != TokenKind::RParen)))) {
            while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
            if (i < s.size() && s[i] == '.') {
                ++i;
                while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
            }
            if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
                std::size_t j = i + 1;
                if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
                if (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) {
                    i = j;
                    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
                }
            }
            out.push_back(make(TokenKind::Number, begin, i, std::string(s.substr(begin, i - begin))));
            continue;
        }
        if (c == '"' || c == '\'') {
            const char quote = static_cast<char>(c);
            std::string value;
            ++i;
            bool closed = false;
            while (i < s.size()) {
                if (s[i] == '\\' && i + 1 < s.size()) {
                    const char e = s[i + 1];
                    value += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
                    i += 2;
                } else if (s[i] == quote) {
                    if (i + 1 < s.size() && s[i + 1] == quote) { // doubled quote
                        value += quote;
                        i += 2;
                    } else {
                        ++i;
                        closed = true;
                        break;
                    }
                } else {
                    value += s[i++];
                }
            }
            if (!closed) {
                out.push_back(make(TokenKind::Error, begin, s.size(), "unterminated string literal"));
                return out;
            }
            out.push_back(make(TokenKind::String, begin, i, std::move(value)));
            continue;
        }
        if (c == '[') {
            const std::size_t close = s.find(']', i + 1);
            if (close == std::string_view::npos) {
                out.push_back(make(TokenKind::Error, begin, s.size(), "unterminated reference: missing ']'"));
                return out;
            }
            std::string body(s.substr(i + 1, close - i - 1));
            i = close + 1;
            if (body.empty()) {
                out.push_back(make(TokenKind::Error, begin, i, "empty reference '[]'"));
                return out;
            }
            out.push_back(make(TokenKind::Reference, begin, i, std::move(body)));
            continue;
        }
        if (identStart(c)) {
            while (i < s.size() && identChar(static_cast<unsigned char>(s[i]))) ++i;
            out.push_back(make(TokenKind::Identifier, begin, i, std::string(s.substr(begin, i - begin))));
            continue;
        }
        auto two = s.substr(i, 2);
        if (two == "<=" || two == ">=" || two == "!=" || two == "<>") {
            i += 2;
            out.push_back(make(TokenKind::Operator, begin, i, two == "<>" ? "!=" : std::string(two)));
            continue;
        }
        ++i;
        switch (c) {
        case '+': case '-': case '*': case '/': case '%': case '^': case '&': case '=': case '<': case '>':
            out.push_back(make(TokenKind::Operator, begin, i, std::string(1, static_cast<char>(c))));
            continue;
        case '(': out.push_back(make(TokenKind::LParen, begin, i, "(")); continue;
        case ')': out.push_back(make(TokenKind::RParen, begin, i, ")")); continue;
        case ',': out.push_back(make(TokenKind::Comma, begin, i, ",")); continue;
        case '.': out.push_back(make(TokenKind::Dot, begin, i, ".")); continue;
        default: break;
        }
        while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i; // whole UTF-8 sequence
        out.push_back(make(TokenKind::Error, begin, i, "unexpected character '" + std::string(s.substr(begin, i - begin)) + "'"));
        return out;
    }
}

} // namespace quire::formula
