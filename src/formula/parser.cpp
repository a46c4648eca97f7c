#include "quire/formula/parser.h"
#include <quire/core/rules.h>

#include "quire/formula/lexer.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <initializer_list>
#include <quire/core/text.h>

namespace quire::formula {
namespace {

struct ParseError {
    Span span;
    std::string message;
    RuleCode rule = "formula/syntax";
};

// Binding powers (higher binds tighter).
int infixPower(const Token& t) {
    if (t.kind == TokenKind::Identifier) {
        const auto k = asciiLower(t.text);
        if (k == "or") return 10;
        if (k == "and") return 20;
        return 0;
    }
    if (t.kind != TokenKind::Operator) return 0;
    const std::string& o = t.text;
    if (o == "=" || o == "!=" || o == "<" || o == "<=" || o == ">" || o == ">=") return 40;
    if (o == "&") return 50;
    if (o == "+" || o == "-") return 60;
    if (o == "*" || o == "/" || o == "%") return 70;
    if (o == "^") return 90;
    return 0;
}

class Parser {
public:
    explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

    NodePtr parseAll() {
        auto node = expression(0);
        if (peek().kind != TokenKind::End) fail(peek(), "unexpected '" + peek().text + "' after the end of the expression");
        return node;
    }

private:
    const Token& peek() const { return tokens_[pos_]; }
    const Token& next() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }

    [[noreturn]] void fail(const Token& t, std::string message) {
        if (t.kind == TokenKind::Error) throw ParseError{t.span, t.text};
        if (t.kind == TokenKind::End && message.rfind("unexpected", 0) == 0) message = "unexpected end of formula";
        throw ParseError{t.span.length ? t.span : Span{t.span.offset, 0}, std::move(message)};
    }

    static NodePtr node(NodeKind kind, Span span) {
        auto n = std::make_unique<Node>();
        n->kind = kind;
        n->span = span;
        return n;
    }
    static Span join(Span a, Span b) { return Span{a.offset, b.end() - a.offset}; }

    // The height a node over `children` would have; refused at `at` when it exceeds the limit, so the
    // taller tree is never built.
    static int heightOver(std::initializer_list<const Node*> children, Span at) {
        int height = 1;
        for (const Node* c : children) height = std::max(height, c->height + 1);
        if (height > kMaxNestingDepth)
            throw ParseError{at,
                             "formula is more than " + std::to_string(kMaxNestingDepth) +
                                 " levels deep here (each operator of a chain such as [A] + [B] + ... adds a level); "
                                 "split it into several columns",
                             "formula/too-deep"};
        return height;
    }

    NodePtr expression(int minPower) {
        if (++depth_ > kMaxNestingDepth)
            throw ParseError{peek().span, "formula nests deeper than " + std::to_string(kMaxNestingDepth) + " levels",
                             "formula/too-deep"};
        NodePtr left = prefix();
        while (true) {
            const Token& op = peek();
            const int power = infixPower(op);
            if (power == 0 || power <= minPower) break;
            next();
            // '^' is right-associative; everything else left-associative.
            NodePtr right = expression(op.text == "^" ? power - 1 : power);
            const int height = heightOver({left.get(), right.get()}, op.span);
            auto bin = node(NodeKind::Binary, join(left->span, right->span));
            bin->height = height;
            bin->name = op.kind == TokenKind::Identifier ? asciiLower(op.text) : op.text;
            bin->children.push_back(std::move(left));
            bin->children.push_back(std::move(right));
            left = std::move(bin);
        }
        --depth_;
        return left;
    }

    NodePtr prefix() {
        const Token t = next();
        switch (t.kind) {
        case TokenKind::Number: {
            auto n = node(NodeKind::Number, t.span);
            n->text = t.text;
            n->number = std::strtod(t.text.c_str(), nullptr);
            return n;
        }
        case TokenKind::String: {
            auto n = node(NodeKind::String, t.span);
            n->text = t.text;
            return n;
        }
        case TokenKind::Reference: return postfix(reference(t));
        case TokenKind::LParen: {
            auto inner = expression(0);
            const Token close = next();
            if (close.kind != TokenKind::RParen) fail(close, "expected ')' to close '(' at offset " + std::to_string(t.span.offset));
            inner->span = join(t.span, close.span);
            return postfix(std::move(inner));
        }
        case TokenKind::Operator:
            if (t.text == "-" || t.text == "+") {
                auto operand = expression(80); // binds tighter than * but looser than ^: -2^2 = -(2^2)
                if (t.text == "+") return operand;
                const int height = heightOver({operand.get()}, t.span);
                auto n = node(NodeKind::Unary, join(t.span, operand->span));
                n->height = height;
                n->name = "-";
                n->children.push_back(std::move(operand));
                return n;
            }
            fail(t, "unexpected operator '" + t.text + "'");
        case TokenKind::Identifier: {
            const auto k = asciiLower(t.text);
            if (k == "not") {
                auto operand = expression(30);
                const int height = heightOver({operand.get()}, t.span);
                auto n = node(NodeKind::Unary, join(t.span, operand->span));
                n->height = height;
                n->name = "not";
                n->children.push_back(std::move(operand));
                return n;
            }
            if (peek().kind == TokenKind::LParen) return postfix(call(t));
            if (k == "true" || k == "false") {
                auto n = node(NodeKind::Boolean, t.span);
                n->boolean = k == "true";
                return n;
            }
            if (k == "null") return node(NodeKind::Null, t.span);
            if (k == "and" || k == "or") fail(t, "'" + t.text + "' needs an expression on its left");
            throw ParseError{t.span, "unknown name '" + t.text + "': columns are written [" + t.text +
                                         "], functions need parentheses"};
        }
        default: fail(t, "unexpected '" + t.text + "'");
        }
    }

    NodePtr reference(const Token& t) {
        auto n = node(NodeKind::Reference, t.span);
        const auto slash = t.text.find('/');
        if (slash != std::string::npos) {
            n->prefix = t.text.substr(0, slash);
            n->name = t.text.substr(slash + 1);
            n->hasPrefix = true;
            if (n->name.empty() || n->prefix.empty()) throw ParseError{t.span, "reference '[" + t.text + "]' has an empty part"};
        } else {
            n->name = t.text;
        }
        return n;
    }

    NodePtr call(const Token& name) {
        const Token open = next();
        auto n = node(NodeKind::Call, name.span);
        n->name = name.text;
        if (peek().kind == TokenKind::RParen) {
            n->span = join(name.span, next().span);
            return n;
        }
        while (true) {
            NodePtr argument = expression(0);
            n->height = std::max(n->height, heightOver({argument.get()}, name.span));
            n->children.push_back(std::move(argument));
            const Token sep = next();
            if (sep.kind == TokenKind::RParen) {
                n->span = join(name.span, sep.span);
                return n;
            }
            if (sep.kind != TokenKind::Comma)
                fail(sep, "expected ',' or ')' in the arguments of " + name.text + " (opened at offset " +
                              std::to_string(open.span.offset) + ")");
        }
    }

    // Variant paths: [Col].a.b, [Col].arr[0].x
    NodePtr postfix(NodePtr base) {
        while (true) {
            const Token& t = peek();
            if (t.kind == TokenKind::Dot && t.span.offset == base->span.end()) {
                next();
                const Token field = next();
                if (field.kind != TokenKind::Identifier) fail(field, "expected a field name after '.'");
                const int height = heightOver({base.get()}, field.span);
                auto p = node(NodeKind::Path, join(base->span, field.span));
                p->height = height;
                p->name = field.text;
                p->children.push_back(std::move(base));
                base = std::move(p);
            } else if (t.kind == TokenKind::Reference && base->kind == NodeKind::Path && t.span.offset == base->span.end() &&
                       std::all_of(t.text.begin(), t.text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
                const Token index = next();
                const int height = heightOver({base.get()}, index.span);
                auto p = node(NodeKind::Path, join(base->span, index.span));
                p->height = height;
                p->name = index.text;
                p->isIndex = true;
                p->children.push_back(std::move(base));
                base = std::move(p);
            } else {
                return base;
            }
        }
    }

    std::vector<Token> tokens_;
    std::size_t pos_ = 0;
    int depth_ = 0;
};

} // namespace

ParseResult parseFormula(std::string_view text) {
    ParseResult result;
    try {
        Parser parser(tokenize(text));
        result.root = parser.parseAll();
    } catch (const ParseError& e) {
        Diagnostic d;
        d.rule = e.rule;
        d.message = e.message;
        d.formulaSpan = std::make_pair(e.span.offset, e.span.length);
        result.diagnostics.push_back(std::move(d));
        result.root.reset();
    }
    return result;
}

} // namespace quire::formula
