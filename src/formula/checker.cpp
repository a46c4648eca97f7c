#include "quire/formula/checker.h"
#include <quire/core/rules.h>

#include "quire/formula/parser.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <quire/core/text.h>

namespace quire::formula {
namespace {

struct Info {
    Type type = Type::Unknown;
    ExprLevel level = ExprLevel::Constant;
    bool hasRowColumn = false; // refers to a row-level column outside any aggregate
};

ExprLevel maxLevel(ExprLevel a, ExprLevel b) { return static_cast<int>(a) > static_cast<int>(b) ? a : b; }

Type commonType(Type a, Type b) {
    if (a == Type::Null || a == Type::Unknown) return b;
    if (b == Type::Null || b == Type::Unknown) return a;
    if (a == b) return a;
    if (isNumeric(a) && isNumeric(b)) return Type::Number;
    if (isTemporal(a) && isTemporal(b)) return Type::Datetime;
    return Type::Variant;
}

class Checker {
public:
    Checker(const CheckContext& ctx) : ctx_(ctx), catalog_(ctx.catalog ? *ctx.catalog : FunctionCatalog::builtin()) {}

    CheckResult run(const Node& root) {
        const Info info = visit(root, 0);
        CheckResult r;
        r.type = info.type;
        r.level = info.level;
        r.diagnostics = std::move(diags_);
        return r;
    }

private:
    void error(const Node& n, RuleCode rule, std::string message) { error(n.span, rule, std::move(message)); }
    void error(Span span, RuleCode rule, std::string message) {
        Diagnostic d;
        d.rule = rule;
        d.message = std::move(message);
        d.formulaSpan = std::make_pair(span.offset, span.length);
        diags_.push_back(std::move(d));
    }

    void expect(const Node& n, const Info& info, Type expected, std::string_view what) {
        if (!typeAccepts(expected, info.type))
            error(n, "formula/type", std::string(what) + " expects " + std::string(typeName(expected)) + ", got " +
                                         std::string(typeName(info.type)));
    }

    // Sigma rejects row-level columns combined with aggregates at one level.
    Info combine(const Node& at, const std::vector<Info>& parts) {
        Info out;
        bool agg = false, row = false;
        for (const auto& p : parts) {
            out.level = maxLevel(out.level, p.level);
            if (p.level == ExprLevel::Aggregate) agg = true;
            if (p.hasRowColumn) row = true;
        }
        if (agg && row)
            error(at, "formula/mixed-aggregate",
                  "cannot combine an aggregate with a row-level column here; aggregate the column too (e.g. Sum([x]))");
        out.hasRowColumn = row && !agg;
        return out;
    }

    Info visit(const Node& n, int aggDepth) {
        switch (n.kind) {
        case NodeKind::Number: {
            const bool integral = n.text.find_first_of(".eE") == std::string::npos;
            return Info{integral ? Type::Integer : Type::Number, ExprLevel::Constant, false};
        }
        case NodeKind::String: return Info{Type::Text, ExprLevel::Constant, false};
        case NodeKind::Boolean: return Info{Type::Logical, ExprLevel::Constant, false};
        case NodeKind::Null: return Info{Type::Null, ExprLevel::Constant, false};
        case NodeKind::Reference: return reference(n);
        case NodeKind::Path: {
            Info base = visit(*n.children[0], aggDepth);
            if (base.type != Type::Variant && base.type != Type::Unknown)
                error(n, "formula/type", "a path step needs a variant value, got " + std::string(typeName(base.type)));
            base.type = Type::Variant;
            return base;
        }
        case NodeKind::Unary: {
            const Info a = visit(*n.children[0], aggDepth);
            Info out = a;
            if (n.name == "not") {
                expect(*n.children[0], a, Type::Logical, "'not'");
                out.type = Type::Logical;
            } else {
                expect(*n.children[0], a, Type::Number, "unary '-'");
                out.type = a.type == Type::Integer ? Type::Integer : Type::Number;
            }
            return out;
        }
        case NodeKind::Binary: return binary(n, aggDepth);
        case NodeKind::Call: return call(n, aggDepth);
        }
        return {};
    }

    Info reference(const Node& n) {
        const std::string key = n.hasPrefix ? n.prefix + "/" + n.name : n.name;
        if (auto it = ctx_.columns.find(key); it != ctx_.columns.end()) return Info{it->second, ExprLevel::RowLevel, true};
        if (!n.hasPrefix) {
            if (ctx_.controls.count(n.name)) return Info{Type::Unknown, ExprLevel::Constant, false};
            // Bare [Name] also resolves to a source column [Prefix/Name].
            for (const auto& [name, type] : ctx_.columns) {
                const auto slash = name.find('/');
                if (slash != std::string::npos && std::string_view(name).substr(slash + 1) == n.name)
                    return Info{type, ExprLevel::RowLevel, true};
            }
        }
        std::vector<std::string> candidates;
        for (const auto& [name, type] : ctx_.columns) candidates.push_back(name);
        for (const auto& c : ctx_.controls) candidates.push_back(c);
        const auto near = closestNames(key, candidates, 1);
        error(n, "formula/unknown-column",
              "unknown column or control [" + key + "]" + (near.empty() ? "" : "; did you mean [" + near[0] + "]?"));
        return Info{Type::Unknown, ExprLevel::RowLevel, false};
    }

    Info binary(const Node& n, int aggDepth) {
        const Info a = visit(*n.children[0], aggDepth);
        const Info b = visit(*n.children[1], aggDepth);
        Info out = combine(n, {a, b});
        const std::string& op = n.name;
        const std::string what = "operator '" + op + "'";
        if (op == "and" || op == "or") {
            expect(*n.children[0], a, Type::Logical, what);
            expect(*n.children[1], b, Type::Logical, what);
            out.type = Type::Logical;
        } else if (op == "&") {
            out.type = Type::Text;
        } else if (op == "=" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=") {
            const Type c = commonType(a.type, b.type);
            if (c == Type::Variant && a.type != Type::Variant && b.type != Type::Variant)
                error(n, "formula/type", "cannot compare " + std::string(typeName(a.type)) + " with " + std::string(typeName(b.type)));
            out.type = Type::Logical;
        } else {
            expect(*n.children[0], a, Type::Number, what);
            expect(*n.children[1], b, Type::Number, what);
            out.type = (op != "/" && op != "^" && a.type == Type::Integer && b.type == Type::Integer) ? Type::Integer : Type::Number;
        }
        return out;
    }

    Info call(const Node& n, int aggDepth) {
        const FunctionInfo* f = catalog_.find(n.name);
        const Span nameSpan{n.span.offset, static_cast<int>(n.name.size())};
        if (!f) {
            const auto near = catalog_.suggest(n.name);
            error(nameSpan, "formula/unknown-function",
                  "unknown function " + n.name + (near.empty() ? "" : "; did you mean " + near[0] + "?"));
            for (const auto& c : n.children) visit(*c, aggDepth);
            return Info{Type::Unknown, ExprLevel::RowLevel, false};
        }
        const int argc = static_cast<int>(n.children.size());
        if (argc < f->minArgs() || (f->maxArgs() >= 0 && argc > f->maxArgs()))
            error(n, "formula/arity",
                  f->name + " takes " +
                      (f->maxArgs() < 0 ? "at least " + std::to_string(f->minArgs())
                       : f->minArgs() == f->maxArgs() ? std::to_string(f->minArgs())
                                                      : std::to_string(f->minArgs()) + " to " + std::to_string(f->maxArgs())) +
                      " argument(s), got " + std::to_string(argc) + ": " + f->signature);

        const bool isAgg = f->kind == FunctionKind::Aggregate;
        if (isAgg && aggDepth > 0) error(n, "formula/nested-aggregate", "aggregate " + f->name + " cannot be nested inside another aggregate");
        std::vector<Info> args;
        for (int i = 0; i < argc; ++i) {
            const Node& arg = *n.children[i];
            const ParamSpec* p = nullptr;
            if (!f->params.empty()) p = &f->params[std::min<std::size_t>(i, f->params.size() - 1)];
            if (p && i >= static_cast<int>(f->params.size()) && !p->variadic) p = nullptr;
            Info a = visit(arg, aggDepth + (isAgg ? 1 : 0));
            if (p) {
                if (p->datePart) {
                    if (arg.kind != NodeKind::String || !isDatePart(asciiLower(arg.text)))
                        error(arg, "formula/date-part", f->name + " needs a date part as a text literal, e.g. \"month\"");
                } else {
                    expect(arg, a, p->type, f->name + " argument " + std::to_string(i + 1));
                }
            }
            if (f->kind == FunctionKind::Window && a.level == ExprLevel::Window)
                error(arg, "formula/window-argument", "window function " + f->name + " cannot take another window function as argument");
            args.push_back(a);
        }
        Info out;
        if (isAgg) {
            out.level = ExprLevel::Aggregate;
            for (const auto& a : args) out.level = maxLevel(out.level, a.level == ExprLevel::Window ? ExprLevel::Window : ExprLevel::Aggregate);
        } else {
            out = combine(n, args);
            if (f->kind == FunctionKind::Window) out.level = ExprLevel::Window;
            // Sigma accepts First/Last as aggregates in a grouped context (`Sum([x]) / First([y])`): their value is
            // one per group, not a bare row-level column, so they never make an aggregate "mixed".
            if (f->name == "First" || f->name == "Last") out.hasRowColumn = false;
            else if (out.level == ExprLevel::Constant && (f->name == "Now" || f->name == "Today")) out.level = ExprLevel::Constant;
        }
        out.type = returnType(*f, args);
        return out;
    }

    static Type returnType(const FunctionInfo& f, const std::vector<Info>& args) {
        if (f.returns.fromArg < 0) return f.returns.fixed;
        if (!f.returns.common) return f.returns.fromArg < static_cast<int>(args.size()) ? args[f.returns.fromArg].type : Type::Unknown;
        Type t = Type::Null;
        const int step = (f.name == "If" || f.name == "Switch") ? 2 : 1;
        for (std::size_t i = f.returns.fromArg; i < args.size(); i += step) t = commonType(t, args[i].type);
        if (step == 2 && args.size() % 2 == (f.name == "If" ? 1u : 0u) && !args.empty()) t = commonType(t, args.back().type);
        return t;
    }

    const CheckContext& ctx_;
    const FunctionCatalog& catalog_;
    std::vector<Diagnostic> diags_;
};

} // namespace

bool isDatePart(std::string_view part) {
    static constexpr std::array<std::string_view, 15> parts = {
        "year", "quarter", "month", "week", "day", "hour", "minute", "second", "weekday", "day_of_year", "millisecond",
        "epoch", "week_starting_sunday", "week_starting_monday", "dayofweek"};
    return std::find(parts.begin(), parts.end(), part) != parts.end();
}

CheckResult checkExpression(const Node& root, const CheckContext& context) { return Checker(context).run(root); }

CheckResult checkFormula(std::string_view text, const CheckContext& context) {
    auto parsed = parseFormula(text);
    if (!parsed.ok()) {
        CheckResult r;
        r.diagnostics = std::move(parsed.diagnostics);
        return r;
    }
    return checkExpression(*parsed.root, context);
}

std::vector<quire::Diagnostic> checkFormulaText(std::string_view text, const CheckContext& context) {
    return checkFormula(text, context).diagnostics;
}

} // namespace quire::formula
