#pragma once
// Hostile formulas for the depth limits (issue #10): long flat chains of one operator kind, which the parser
// must refuse (formula/too-deep) before the checker, the SQL compiler or the AST's destructor recurse into them.
#include <string>
#include <utility>
#include <vector>

namespace quire::test {

struct DeepFormula {
    std::string kind;    // what the chain repeats, for INFO()
    std::string formula;
    std::string op = {}; // the operator of a left-deep binary chain, else ""
};

// `terms` repetitions of each operator kind: binary chains (left-deep, and '^' right-deep), unary chains,
// variant paths, nested calls and parentheses. `number`, `logical` and `variant` are column references of
// those types in the caller's context.
inline std::vector<DeepFormula> deepFormulas(int terms, const std::string& number = "[A]",
                                             const std::string& logical = "[B]", const std::string& variant = "[C]") {
    auto chain = [terms](const std::string& operand, const std::string& op) {
        std::string s = operand;
        s.reserve((operand.size() + op.size()) * static_cast<std::size_t>(terms));
        for (int i = 1; i < terms; ++i) s += op + operand;
        return s;
    };
    auto repeat = [terms](const std::string& piece) {
        std::string s;
        s.reserve(piece.size() * static_cast<std::size_t>(terms));
        for (int i = 0; i < terms; ++i) s += piece;
        return s;
    };
    std::vector<DeepFormula> out;
    for (const char* op : {"+", "-", "*", "/", "%"}) out.push_back({number + " " + op, chain(number, std::string(" ") + op + " "), op});
    for (const char* op : {"=", "!=", "<", "<=", ">", ">="}) out.push_back({std::string("1 ") + op, chain("1", std::string(" ") + op + " "), op});
    out.push_back({"\"a\" &", chain("\"a\"", " & "), "&"});
    out.push_back({"and", chain("true", " and "), "and"});
    out.push_back({"or", chain(logical, " or "), "or"});
    out.push_back({"^ (right-deep)", chain("2", " ^ ")});
    out.push_back({"unary -", repeat("- ") + number});
    out.push_back({"unary - (no spaces)", repeat("-") + "1"});
    out.push_back({"not", repeat("not ") + logical});
    out.push_back({"path .a", variant + repeat(".a")});
    out.push_back({"path [0]", variant + ".a" + repeat("[0]")});
    out.push_back({"calls", repeat("Abs(") + "1" + std::string(static_cast<std::size_t>(terms), ')')});
    out.push_back({"parentheses", repeat("(") + "1" + std::string(static_cast<std::size_t>(terms), ')')});
    return out;
}

} // namespace quire::test
