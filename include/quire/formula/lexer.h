#pragma once
// Tokens of the Sigma formula language.
#include "quire/formula/ast.h"
#include <string>
#include <string_view>
#include <vector>

namespace quire::formula {

enum class TokenKind { Number, String, Reference, Identifier, Operator, LParen, RParen, Comma, Dot, End, Error };

struct Token {
    TokenKind kind = TokenKind::End;
    Span span;
    std::string text; // decoded: string value, reference body (inside [ ]), identifier, operator, error message
};

// Splits text into tokens; the last token is End, or Error (text = message, span = offending bytes).
std::vector<Token> tokenize(std::string_view text);

} // namespace quire::formula
