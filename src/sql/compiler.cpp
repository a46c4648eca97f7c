#include "quire/sql/compiler.h"
#include <quire/core/rules.h>

#include "dialects.h"
#include "quire/formula/catalog.h"
#include "quire/formula/checker.h"
#include "quire/formula/parser.h"

#include <cctype>
#include <map>
#include <quire/core/text.h>

namespace quire::sql {
namespace {

using formula::ExprLevel;
using formula::Node;
using formula::NodeKind;
using formula::Span;
using formula::Type;

struct CompileError {
    Span span;
    RuleCode rule;
    std::string message;
};

struct Frag {
    std::string sql;
    std::vector<Value> params;
    Type type = Type::Unknown;
    std::string warehouseType = {}; // a column's catalog type, for dialects with per-type date functions
};

class Compiler {
public:
    Compiler(const Dialect& d, const CompileOptions& o, std::map<std::string, Resolution> resolved)
        : d_(d), o_(o), resolved_(std::move(resolved)) {}

    Frag compile(const Node& n) {
        switch (n.kind) {
        case NodeKind::Number: return {n.text, {}, n.text.find_first_of(".eE") == std::string::npos ? Type::Integer : Type::Number};
        case NodeKind::String: return {d_.stringLiteral(n.text), {}, Type::Text};
        case NodeKind::Boolean: return {d_.boolLiteral(n.boolean), {}, Type::Logical};
        case NodeKind::Null: return {"NULL", {}, Type::Null};
        case NodeKind::Reference: {
            const auto& r = resolved_.at(refKey(n));
            if (auto* c = std::get_if<ColumnSql>(&r)) return {c->sql, c->params, c->type, c->warehouseType};
            const auto& v = std::get<ControlValue>(r);
            if (v.isList)
                throw CompileError{n.span, "sql/list-control",
                                   "[" + n.name + "] holds several values; compare it with = or != or use In(value, [" + n.name + "])"};
            if (std::holds_alternative<std::monostate>(v.value)) return {"NULL", {}, Type::Null};
            return {"?", {v.value}, v.type};
        }
        case NodeKind::Unary: {
            Frag a = compile(*n.children[0]);
            a.sql = n.name == "not" ? "(NOT " + a.sql + ")" : "(-" + a.sql + ")";
            if (n.name == "not") a.type = Type::Logical;
            return a;
        }
        case NodeKind::Binary: return binary(n);
        case NodeKind::Call: return call(n);
        case NodeKind::Path: return path(n);
        }
        return {};
    }

    static std::string refKey(const Node& n) { return (n.hasPrefix ? n.prefix + "/" : std::string()) + "\x1f" + n.name; }

private:
    static Frag join(std::string sql, std::vector<Frag> parts, Type type) {
        Frag f{std::move(sql), {}, type};
        for (auto& p : parts) f.params.insert(f.params.end(), p.params.begin(), p.params.end());
        return f;
    }

    Frag textOf(Frag f) {
        if (f.type != Type::Text && f.type != Type::Null) f.sql = d_.castText(f.sql);
        return f;
    }

    // The list value of a reference to a multi-value control, or null.
    const ControlValue* listControl(const Node& n) const {
        if (n.kind != NodeKind::Reference) return nullptr;
        const auto* v = std::get_if<ControlValue>(&resolved_.at(refKey(n)));
        return v && v->isList ? v : nullptr;
    }

    // `x IN (?, ?, ...)` over the items of list controls and other arguments; an empty item list is NULL.
    Frag inList(Frag x, const std::vector<const Node*>& items, bool negate) {
        std::vector<Frag> parts{std::move(x)};
        std::string list;
        for (const Node* item : items) {
            if (const ControlValue* v = listControl(*item)) {
                for (const auto& value : v->list) {
                    list += std::string(list.empty() ? "" : ", ") + "?";
                    parts.push_back(Frag{"?", {value}, v->type});
                }
                continue;
            }
            parts.push_back(compile(*item));
            list += std::string(list.empty() ? "" : ", ") + parts.back().sql;
        }
        if (list.empty()) return Frag{"NULL", {}, Type::Logical}; // nothing selected: unknown, as `x = NULL`
        std::string sql = "(" + parts[0].sql + (negate ? " NOT IN (" : " IN (") + list + "))";
        return join(std::move(sql), std::move(parts), Type::Logical);
    }

    Frag binary(const Node& n) {
        if (n.name == "=" || n.name == "!=") {
            // A multi-value control on either side: membership.
            if (listControl(*n.children[1])) return inList(compile(*n.children[0]), {n.children[1].get()}, n.name == "!=");
            if (listControl(*n.children[0])) return inList(compile(*n.children[1]), {n.children[0].get()}, n.name == "!=");
        }
        Frag a = compile(*n.children[0]);
        Frag b = compile(*n.children[1]);
        const std::string& op = n.name;
        if (op == "&") {
            a = textOf(std::move(a));
            b = textOf(std::move(b));
            std::string sql = d_.concat({a.sql, b.sql});
            return join(std::move(sql), {std::move(a), std::move(b)}, Type::Text);
        }
        std::string sql;
        Type type = Type::Number;
        if (op == "/") sql = d_.floatDivide(a.sql, b.sql);
        else if (op == "%") sql = expand(*templateFor("mod", 2, n), {a, b}).sql;
        else if (op == "^") sql = "POWER(" + a.sql + ", " + b.sql + ")";
        else if (op == "and" || op == "or") sql = "(" + a.sql + (op == "and" ? " AND " : " OR ") + b.sql + ")", type = Type::Logical;
        else if (op == "=" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=")
            sql = "(" + a.sql + " " + (op == "!=" ? "<>" : op) + " " + b.sql + ")", type = Type::Logical;
        else {
            sql = "(" + a.sql + " " + op + " " + b.sql + ")";
            if (a.type == Type::Integer && b.type == Type::Integer) type = Type::Integer;
        }
        return join(std::move(sql), {std::move(a), std::move(b)}, type);
    }

    Frag path(const Node& n) {
        Frag base = compile(*n.children[0]);
        Frag key = n.isIndex ? Frag{n.name, {}, Type::Integer} : Frag{d_.stringLiteral(n.name), {}, Type::Text};
        auto t = d_.functionTemplate("path");
        if (!t) throw CompileError{n.span, "sql/unsupported", "variant paths are not supported in " + std::string(d_.name())};
        jsonPath_ = n.isIndex ? "$[" + n.name + "]" : "$." + n.name;
        Frag f = expand(*t, {base, key});
        f.type = Type::Variant;
        return f;
    }

    std::optional<std::string> templateFor(const std::string& name, std::size_t argc, const Node& at) {
        const std::string keyed = name + "/" + std::to_string(argc);
        for (const std::string& key : {keyed, name}) {
            auto t = d_.functionTemplate(key);
            if (!t) t = defaultTemplate(key);
            if (!t) continue;
            if (*t == "!")
                throw CompileError{at.span, "sql/unsupported", at.name + " is not supported by " + std::string(d_.name())};
            return t;
        }
        return std::nullopt;
    }

    std::string over(const std::string& orderBy, const std::string& frame) const {
        std::string s = "OVER (";
        if (!o_.windowPartitionBy.empty()) s += "PARTITION BY " + o_.windowPartitionBy;
        if (!orderBy.empty()) s += std::string(s.size() > 6 ? " " : "") + "ORDER BY " + orderBy;
        if (!frame.empty()) s += std::string(s.size() > 6 ? " " : "") + frame;
        return s + ")";
    }

    Frag expand(const std::string& t, const std::vector<Frag>& args) {
        Frag out;
        for (std::size_t i = 0; i < t.size(); ++i) {
            if (t[i] != '{') {
                out.sql += t[i];
                continue;
            }
            const std::size_t close = t.find('}', i);
            const std::string key = t.substr(i + 1, close - i - 1);
            i = close;
            if (key == "*") {
                for (std::size_t k = 0; k < args.size(); ++k) {
                    out.sql += (k ? ", " : "") + args[k].sql;
                    out.params.insert(out.params.end(), args[k].params.begin(), args[k].params.end());
                }
            } else if (key == "W") out.sql += over(o_.windowOrderBy, "");
            else if (key == "C") out.sql += over(o_.windowOrderBy, o_.windowOrderBy.empty() ? "" : "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW");
            else if (key == "A") out.sql += over(o_.windowOrderBy, "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING");
            else if (key == "M") out.sql += over(o_.windowOrderBy, movingFrame_);
            else if (key == "P") out.sql += d_.stringLiteral(jsonPath_);
            else {
                const auto& a = args.at(static_cast<std::size_t>(std::stoi(key)));
                out.sql += a.sql;
                out.params.insert(out.params.end(), a.params.begin(), a.params.end());
            }
        }
        return out;
    }

    static std::string literalText(const Node& n, const char* what, const std::string& fn) {
        if (n.kind != NodeKind::String) throw CompileError{n.span, "formula/literal-required", fn + " needs " + what + " as a text literal"};
        return n.text;
    }

    static long long literalInt(const Node& n, const std::string& fn) {
        const Node* x = &n;
        bool negative = false;
        if (x->kind == NodeKind::Unary && x->name == "-") negative = true, x = x->children[0].get();
        if (x->kind != NodeKind::Number || x->text.find_first_of(".eE") != std::string::npos || x->text.size() > 9)
            throw CompileError{n.span, "formula/literal-required", fn + " needs a whole-number literal here"};
        const long long v = std::stoll(x->text);
        return negative ? -v : v;
    }

    std::string partOf(const Node& n, const std::string& fn) { return asciiLower(literalText(n, "a date part", fn)); }

    // A dialect's date lowering may repeat an argument's SQL (SQLite's month clamp, week numbers); the `?` of a
    // control value would then be bound once for several placeholders. Refuse instead of binding wrongly.
    Frag onceEach(Frag f, const std::vector<Frag>& args, const Node& at) {
        for (const auto& a : args) {
            if (a.params.empty()) continue;
            std::size_t count = 0;
            for (std::size_t pos = f.sql.find(a.sql); pos != std::string::npos; pos = f.sql.find(a.sql, pos + a.sql.size())) ++count;
            if (count > 1)
                throw CompileError{at.span, "sql/unsupported",
                                   at.name + " of a control value is not supported by " + std::string(d_.name()) + "; use a column"};
        }
        return f;
    }

    Frag unsupportedUnless(std::optional<std::string> sql, const Node& at, std::vector<Frag> args, Type type) {
        if (!sql) throw CompileError{at.span, "sql/unsupported", at.name + " with these arguments is not supported by " + std::string(d_.name())};
        return join(std::move(*sql), std::move(args), type);
    }

    Frag call(const Node& n) {
        const auto* info = formula::FunctionCatalog::builtin().find(n.name);
        std::string name = asciiLower(info->aliasOf.empty() ? info->name : info->aliasOf);
        const auto& c = n.children;
        auto arg = [&](std::size_t i) { return compile(*c[i]); };

        static const std::map<std::string, std::string> shortcuts = {
            {"year", "year"}, {"quarter", "quarter"}, {"month", "month"}, {"week", "week"}, {"day", "day"},
            {"hour", "hour"}, {"minute", "minute"}, {"second", "second"}, {"weekday", "weekday"}};
        auto dateArg = [&](std::size_t i) {
            Frag x = arg(i);
            if (c[i]->kind == NodeKind::Reference && x.warehouseType.empty()) // a warehouse column of unknown type
                x.warehouseType = Dialect::kUnknownColumnType;
            x.sql = d_.dateArgument(x.sql, x.warehouseType);
            return x;
        };
        if (auto it = shortcuts.find(name); it != shortcuts.end()) {
            Frag x = dateArg(0);
            return onceEach(unsupportedUnless(d_.datePart(it->second, x.sql), n, {x}, Type::Integer), {x}, n);
        }
        if (name == "datetrunc") {
            Frag x = dateArg(1);
            const std::string part = partOf(*c[0], info->name);
            auto sql = d_.dateTrunc(part, x.sql);
            if (sql) sql = d_.dateResult(*sql, x.warehouseType, part);
            return onceEach(unsupportedUnless(sql, n, {x}, x.type == Type::Date ? Type::Date : Type::Datetime), {x}, n);
        }
        if (name == "datepart") {
            Frag x = dateArg(1);
            return onceEach(unsupportedUnless(d_.datePart(partOf(*c[0], info->name), x.sql), n, {x}, Type::Integer), {x}, n);
        }
        if (name == "dateadd") {
            Frag k = arg(1), x = dateArg(2);
            std::string part = partOf(*c[0], info->name);
            auto sql = d_.dateAdd(part, k.sql, x.sql);
            if (sql) sql = d_.dateResult(*sql, x.warehouseType, part);
            return onceEach(unsupportedUnless(sql, n, {k, x}, Type::Datetime), {k, x}, n);
        }
        if (name == "datediff") {
            Frag a = dateArg(1), b = dateArg(2);
            auto sql = d_.dateDiff(partOf(*c[0], info->name), a.sql, b.sql);
            // a and b may appear several times in the lowered SQL: bound parameters are not allowed there.
            if (!a.params.empty() || !b.params.empty())
                throw CompileError{n.span, "sql/unsupported", "DateDiff of a control value is not supported; use a column"};
            return unsupportedUnless(sql, n, {}, Type::Integer);
        }
        if (name == "dateformat") {
            Frag x = dateArg(0);
            return unsupportedUnless(d_.dateFormat(x.sql, literalText(*c[1], "a strftime format", info->name)), n, {x}, Type::Text);
        }
        if ((name == "monthname" || name == "weekdayname") && d_.id() != DialectId::SQLite &&
            d_.id() != DialectId::Snowflake) {
            Frag x = dateArg(0);
            return unsupportedUnless(d_.dateFormat(x.sql, name == "monthname" ? "%B" : "%A"), n, {x}, Type::Text);
        }
        if (name == "date") {
            Frag x = arg(0);
            if (formula::isNumeric(x.type)) return expandAs("datefromunix", {x}, n, Type::Datetime);
            return join(d_.toDate(x.sql), {x}, Type::Datetime);
        }
        if (name.rfind("currentuser", 0) == 0) return currentUser(n, name);
        if (name == "text") return textOf(arg(0));
        if (name == "concat") {
            std::vector<Frag> parts;
            std::vector<std::string> sqls;
            for (std::size_t i = 0; i < c.size(); ++i) parts.push_back(textOf(arg(i))), sqls.push_back(parts.back().sql);
            return join(d_.concat(sqls), std::move(parts), Type::Text);
        }
        if (name == "if") {
            std::vector<Frag> parts;
            std::string sql = "CASE";
            std::size_t i = 0;
            for (; i + 1 < c.size(); i += 2) {
                parts.push_back(arg(i));
                parts.push_back(arg(i + 1));
                sql += " WHEN " + parts[parts.size() - 2].sql + " THEN " + parts.back().sql;
            }
            if (i < c.size()) parts.push_back(arg(i)), sql += " ELSE " + parts.back().sql;
            Type t = parts.size() > 1 ? parts[1].type : Type::Unknown;
            return join(sql + " END", std::move(parts), t);
        }
        if (name == "switch") {
            std::vector<Frag> parts{arg(0)};
            std::string sql = "CASE " + parts[0].sql;
            std::size_t i = 1;
            for (; i + 1 < c.size(); i += 2) {
                parts.push_back(arg(i));
                parts.push_back(arg(i + 1));
                sql += " WHEN " + parts[parts.size() - 2].sql + " THEN " + parts.back().sql;
            }
            if (i < c.size()) parts.push_back(arg(i)), sql += " ELSE " + parts.back().sql;
            Type t = parts.size() > 2 ? parts[2].type : Type::Unknown;
            return join(sql + " END", std::move(parts), t);
        }
        if (name == "choose") {
            std::vector<Frag> parts{arg(0)};
            std::string sql = "CASE " + parts[0].sql;
            for (std::size_t i = 1; i < c.size(); ++i) {
                parts.push_back(arg(i));
                sql += " WHEN " + std::to_string(i) + " THEN " + parts.back().sql;
            }
            Type t = parts.size() > 1 ? parts[1].type : Type::Unknown;
            return join(sql + " END", std::move(parts), t);
        }
        if (name == "in") {
            std::vector<const Node*> items;
            for (std::size_t i = 1; i < c.size(); ++i) items.push_back(c[i].get());
            return inList(arg(0), items, false);
        }
        if (name.rfind("moving", 0) == 0) {
            const std::size_t offset = name == "movingcorr" ? 1 : 0;
            const long long above = literalInt(*c[1 + offset], info->name);
            const long long below = c.size() > 2 + offset ? literalInt(*c[2 + offset], info->name) : 0;
            auto bound = [](long long v, bool before) {
                if (v == 0) return std::string("CURRENT ROW");
                const bool preceding = (v > 0) == before;
                return std::to_string(v < 0 ? -v : v) + (preceding ? " PRECEDING" : " FOLLOWING");
            };
            movingFrame_ = "ROWS BETWEEN " + bound(above, true) + " AND " + bound(below, false);
            std::vector<Frag> args{arg(0)};
            if (offset) args.push_back(arg(1));
            return expandAs(name, args, n, info->returns.fixed);
        }
        if (name == "rank" || name == "rankdense" || name == "rankpercentile" || name == "ntile" || name == "cumedist") {
            std::string dir = "ASC";
            if ((name == "rank" || name == "rankdense" || name == "rankpercentile") && c.size() > 1) {
                const std::string d = asciiLower(literalText(*c[1], "\"asc\" or \"desc\"", info->name));
                if (d != "asc" && d != "desc") throw CompileError{c[1]->span, "formula/literal-required", "direction must be \"asc\" or \"desc\""};
                dir = d == "asc" ? "ASC" : "DESC";
            }
            Frag x = c.empty() ? Frag{o_.windowOrderBy, {}, Type::Unknown} : arg(0);
            const std::string fn = name == "rank" ? "RANK()" : name == "rankdense" ? "DENSE_RANK()"
                                   : name == "rankpercentile" ? "PERCENT_RANK()" : name == "cumedist" ? "CUME_DIST()"
                                                                                : "NTILE(" + compile(*c[1]).sql + ")";
            if (name == "ntile" && !compile(*c[1]).params.empty())
                throw CompileError{c[1]->span, "formula/literal-required", "Ntile needs a literal bucket count"};
            const std::string order = x.sql.empty() ? "" : x.sql + (c.empty() ? "" : " " + dir);
            return join(fn + " " + over(order, ""), {x}, name == "rankpercentile" || name == "cumedist" ? Type::Number : Type::Integer);
        }
        std::vector<Frag> args;
        for (std::size_t i = 0; i < c.size(); ++i) args.push_back(arg(i));
        Type type = info->returns.fixed;
        if (info->returns.fromArg >= 0 && static_cast<std::size_t>(info->returns.fromArg) < args.size())
            type = args[info->returns.fromArg].type;
        return expandAs(name, args, n, type);
    }

    // CurrentUser*(): the persona's values as bound parameters (text and numbers cast so every engine types them), team
    // membership as a fixed TRUE/FALSE. Nothing of the persona is ever spliced into the SQL text.
    Frag currentUser(const Node& n, const std::string& name) {
        const CurrentUser* user = o_.user;
        if (!user)
            throw CompileError{n.span, "sql/no-persona",
                               n.name + "() needs a persona to view as: pass --as EMAIL, or mark one persona `default: true` "
                               "in quire.personas.yaml (docs/governance.md)"};
        auto text = [&](const std::string& value) { return Frag{d_.castText("?"), {Value{value}}, Type::Text}; };
        if (name == "currentuseremail") return text(user->email);
        if (name == "currentuserfullname") return text(user->fullName);
        const std::string id = literalText(*n.children.at(0), name == "currentuserinteam" ? "a team" : "an attribute id", n.name);
        if (name == "currentuserinteam") return Frag{d_.boolLiteral(user->inTeam(id)), {}, Type::Logical};
        const auto it = user->attributes.find(id);
        if (it == user->attributes.end())
            throw CompileError{n.children[0]->span, "sql/user-attribute",
                               "persona " + user->email + " has no user attribute '" + id + "' (add it under attributes in quire.personas.yaml)"};
        if (name == "currentuserattributetext") {
            std::string value;
            user->attributeText(id, value);
            return text(value);
        }
        if (name == "currentuserattributenumber") {
            // Cast: PostgreSQL would otherwise type `? + 1` as an integer and refuse 1200.5.
            if (const auto* number = std::get_if<double>(&it->second)) return Frag{d_.castFloat("?"), {Value{*number}}, Type::Number};
            throw CompileError{n.children[0]->span, "sql/user-attribute",
                               "user attribute '" + id + "' of persona " + user->email + " is not a number"};
        }
        // CurrentUserAttributeDate: YYYY-MM-DD text.
        const auto* s = std::get_if<std::string>(&it->second);
        DateValue date;
        if (!s || !parseIsoDate(*s, date))
            throw CompileError{n.children[0]->span, "sql/user-attribute",
                               "user attribute '" + id + "' of persona " + user->email + " is not a YYYY-MM-DD date"};
        return Frag{"?", {Value{date}}, Type::Date};
    }

    static bool parseIsoDate(const std::string& s, DateValue& out) {
        if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
        for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
            if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
        out.year = std::stoi(s.substr(0, 4));
        out.month = std::stoi(s.substr(5, 2));
        out.day = std::stoi(s.substr(8, 2));
        static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        return out.month >= 1 && out.month <= 12 && out.day >= 1 && out.day <= days[out.month - 1];
    }

    Frag expandAs(const std::string& name, const std::vector<Frag>& args, const Node& at, Type type) {
        auto t = templateFor(name, args.size(), at);
        if (!t) throw CompileError{at.span, "sql/unsupported", at.name + " has no SQL lowering for " + std::string(d_.name())};
        Frag f = expand(*t, args);
        f.type = type;
        return f;
    }

    const Dialect& d_;
    const CompileOptions& o_;
    std::map<std::string, Resolution> resolved_;
    std::string movingFrame_;
    std::string jsonPath_;
};

void collectReferences(const Node& n, std::vector<const Node*>& out) {
    if (n.kind == NodeKind::Reference) out.push_back(&n);
    for (const auto& c : n.children) collectReferences(*c, out);
}

Diagnostic makeError(Span span, RuleCode rule, std::string message) {
    Diagnostic d;
    d.rule = rule;
    d.message = std::move(message);
    d.formulaSpan = std::make_pair(span.offset, span.length);
    return d;
}

} // namespace

CompiledExpression compileExpression(const Node& root, const Dialect& dialect, const Resolver& resolver,
                                     const CompileOptions& options) {
    CompiledExpression out;
    std::vector<const Node*> refs;
    collectReferences(root, refs);
    std::map<std::string, Resolution> resolved;
    formula::CheckContext ctx;
    bool aggregateColumn = false;
    for (const Node* r : refs) {
        const std::string key = Compiler::refKey(*r);
        if (!resolved.count(key)) resolved.emplace(key, resolver(Reference{r->prefix, r->name, r->hasPrefix}));
        const Resolution& res = resolved.at(key);
        const std::string checkName = r->hasPrefix ? r->prefix + "/" + r->name : r->name;
        if (auto* e = std::get_if<ResolveError>(&res)) {
            out.diagnostics.push_back(makeError(r->span, e->rule, e->message));
        } else if (auto* col = std::get_if<ColumnSql>(&res)) {
            ctx.columns[checkName] = col->type;
            aggregateColumn |= col->level == ExprLevel::Aggregate;
        } else {
            ctx.controls.insert(checkName);
            if (r->hasPrefix) ctx.columns[checkName] = std::get<ControlValue>(res).type;
        }
    }
    auto checked = formula::checkExpression(root, ctx);
    for (auto& d : checked.diagnostics)
        if (d.rule != "formula/unknown-column" || out.diagnostics.empty()) out.diagnostics.push_back(std::move(d));
    out.type = checked.type;
    out.level = checked.level;
    if (aggregateColumn && out.level != ExprLevel::Window) out.level = ExprLevel::Aggregate;
    if (hasErrors(out.diagnostics)) return out;
    try {
        Compiler compiler(dialect, options, std::move(resolved));
        auto frag = compiler.compile(root);
        out.sql = std::move(frag.sql);
        out.parameters = std::move(frag.params);
    } catch (const CompileError& e) {
        out.diagnostics.push_back(makeError(e.span, e.rule, e.message));
    }
    return out;
}

CompiledExpression compileFormula(std::string_view text, const Dialect& dialect, const Resolver& resolver,
                                  const CompileOptions& options) {
    auto parsed = formula::parseFormula(text);
    if (!parsed.ok()) {
        CompiledExpression out;
        out.diagnostics = std::move(parsed.diagnostics);
        return out;
    }
    return compileExpression(*parsed.root, dialect, resolver, options);
}

} // namespace quire::sql
