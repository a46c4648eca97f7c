#include <quire/preview/condition.h>

#include <cctype>
#include <charconv>
#include <stdexcept>

namespace quire::preview {
namespace {

struct EvalError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

class Parser {
public:
    Parser(std::string_view text, const EvalContext& context) : text_(text), context_(context) {}

    Json parse() {
        Json value = parseOr();
        skipSpace();
        if (pos_ != text_.size()) throw EvalError("unexpected '" + std::string(text_.substr(pos_, 12)) + "'");
        return value;
    }

private:
    void skipSpace() {
        while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    }
    bool consume(std::string_view token) {
        skipSpace();
        if (text_.compare(pos_, token.size(), token) == 0) {
            pos_ += token.size();
            return true;
        }
        return false;
    }
    bool consumeWord(std::string_view word) {
        skipSpace();
        if (pos_ + word.size() > text_.size() || !iequals(text_.substr(pos_, word.size()), word)) return false;
        const std::size_t after = pos_ + word.size();
        if (after < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[after])) || text_[after] == '_'))
            return false;
        pos_ = after;
        return true;
    }

    static Json truth(const Json& v) {
        if (v.is_null()) return nullptr;
        if (!v.is_boolean()) throw EvalError("expected a logical value");
        return v;
    }

    Json parseOr() {
        Json left = parseAnd();
        while (consume("||") || consumeWord("or")) {
            const Json right = parseAnd();
            const Json l = truth(left), r = truth(right);
            if ((l.is_boolean() && l.get<bool>()) || (r.is_boolean() && r.get<bool>())) left = true;
            else if (l.is_null() || r.is_null()) left = nullptr;
            else left = false;
        }
        return left;
    }
    Json parseAnd() {
        Json left = parseNot();
        while (consume("&&") || consumeWord("and")) {
            const Json right = parseNot();
            const Json l = truth(left), r = truth(right);
            if ((l.is_boolean() && !l.get<bool>()) || (r.is_boolean() && !r.get<bool>())) left = false;
            else if (l.is_null() || r.is_null()) left = nullptr;
            else left = true;
        }
        return left;
    }
    Json parseNot() {
        skipSpace();
        if ((pos_ < text_.size() && text_[pos_] == '!' && text_.compare(pos_, 2, "!=") != 0 && (++pos_, true)) ||
            consumeWord("not")) {
            const Json v = truth(parseNot());
            return v.is_null() ? Json(nullptr) : Json(!v.get<bool>());
        }
        return parseComparison();
    }
    Json parseComparison() {
        const Json left = parsePrimary();
        for (std::string_view op : {"<=", ">=", "!=", "<>", "=", "<", ">"}) {
            if (consume(op)) return compare(left, op, parsePrimary());
        }
        return left;
    }
    static Json compare(const Json& l, std::string_view op, const Json& r) {
        if (l.is_array() && (op == "=" || op == "!=")) {
            bool any = false;
            for (const auto& item : l) any = any || (!item.is_null() && item == r);
            return op == "=" ? any : !any;
        }
        if (l.is_null() || r.is_null()) return nullptr;
        int cmp = 0;
        if (l.is_number() && r.is_number()) {
            const double a = l.get<double>(), b = r.get<double>();
            cmp = a < b ? -1 : (a > b ? 1 : 0);
        } else if (l.is_string() && r.is_string()) {
            const auto& a = l.get_ref<const std::string&>();
            const auto& b = r.get_ref<const std::string&>();
            cmp = a.compare(b) < 0 ? -1 : (a.compare(b) > 0 ? 1 : 0);
        } else if (l.is_boolean() && r.is_boolean()) {
            cmp = int(l.get<bool>()) - int(r.get<bool>());
        } else {
            throw EvalError("cannot compare values of different types");
        }
        if (op == "=") return cmp == 0;
        if (op == "!=" || op == "<>") return cmp != 0;
        if (op == "<") return cmp < 0;
        if (op == "<=") return cmp <= 0;
        if (op == ">") return cmp > 0;
        return cmp >= 0;
    }
    Json parsePrimary() {
        skipSpace();
        if (pos_ >= text_.size()) throw EvalError("unexpected end of formula");
        const char c = text_[pos_];
        if (c == '(') {
            ++pos_;
            Json v = parseOr();
            if (!consume(")")) throw EvalError("missing ')'");
            return v;
        }
        if (c == '"' || c == '\'') {
            std::string out;
            ++pos_;
            while (pos_ < text_.size() && text_[pos_] != c) {
                if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) ++pos_;
                out.push_back(text_[pos_++]);
            }
            if (pos_ >= text_.size()) throw EvalError("unterminated string");
            ++pos_;
            return out;
        }
        if (c == '[') {
            const auto end = text_.find(']', pos_);
            if (end == std::string_view::npos) throw EvalError("missing ']'");
            const std::string_view ref = text_.substr(pos_ + 1, end - pos_ - 1);
            pos_ = end + 1;
            if (!context_.resolve) throw EvalError("no references in this context");
            auto value = context_.resolve(ref);
            if (!value) throw EvalError("unknown reference [" + std::string(ref) + "]");
            return *value;
        }
        if (std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '.') {
            std::size_t end = pos_ + 1;
            while (end < text_.size() && (std::isdigit(static_cast<unsigned char>(text_[end])) || text_[end] == '.'))
                ++end;
            const std::string number(text_.substr(pos_, end - pos_));
            pos_ = end;
            if (number.find('.') == std::string::npos) {
                long long v = 0;
                const auto res = std::from_chars(number.data(), number.data() + number.size(), v);
                if (res.ec != std::errc() || res.ptr != number.data() + number.size())
                    throw EvalError("bad number " + number);
                return v;
            }
            try {
                std::size_t used = 0;
                const double d = std::stod(number, &used);
                if (used != number.size()) throw EvalError("bad number " + number);
                return d;
            } catch (const std::logic_error&) {
                throw EvalError("bad number " + number);
            }
        }
        if (consumeWord("true")) return true;
        if (consumeWord("false")) return false;
        if (consumeWord("null")) return nullptr;
        for (std::string_view fn : {"IsNotNull", "IsNull"}) {
            if (consumeWord(fn)) {
                if (!consume("(")) throw EvalError("expected '(' after " + std::string(fn));
                const Json v = parseOr();
                if (!consume(")")) throw EvalError("missing ')'");
                const bool isNull = v.is_null() || (v.is_array() && v.empty());
                return fn == "IsNull" ? isNull : !isNull;
            }
        }
        throw EvalError("unsupported formula syntax at '" + std::string(text_.substr(pos_, 12)) + "'");
    }

    std::string_view text_;
    const EvalContext& context_;
    std::size_t pos_ = 0;
};

} // namespace

EvalResult evaluateSimpleFormula(std::string_view formula, const EvalContext& context) {
    EvalResult result;
    std::string_view text = formula;
    if (!text.empty() && text.front() == '=') text.remove_prefix(1);
    try {
        result.value = Parser(text, context).parse();
    } catch (const EvalError& e) {
        result.error = e.what();
    } catch (const Json::exception& e) {
        result.error = e.what();
    }
    return result;
}

bool isTrue(const Json& value) { return value.is_boolean() && value.get<bool>(); }

} // namespace quire::preview
