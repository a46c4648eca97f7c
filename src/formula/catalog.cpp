#include "quire/formula/catalog.h"

#include "catalog_rows.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace quire::formula {
namespace {

char lowerChar(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lowerChar(x) == lowerChar(y); });
}

Type letterType(char c) {
    switch (c) {
    case 'n': return Type::Number;
    case 'i': return Type::Integer;
    case 't': case 'p': return Type::Text;
    case 'd': return Type::Date;
    case 'D': return Type::Datetime;
    case 'l': return Type::Logical;
    case 'v': return Type::Variant;
    default: return Type::Unknown;
    }
}

const char* letterName(char c) {
    switch (c) {
    case 'n': return "number";
    case 'i': return "integer";
    case 't': return "text";
    case 'p': return "part";
    case 'd': return "date";
    case 'l': return "condition";
    case 'v': return "variant";
    default: return "value";
    }
}

FunctionInfo fromRow(const detail::CatalogRow& row) {
    FunctionInfo f;
    f.name = row.name;
    f.category = row.category;
    f.kind = row.kind == 'A' ? FunctionKind::Aggregate : row.kind == 'W' ? FunctionKind::Window : FunctionKind::RowLevel;
    f.description = row.description;
    f.aliasOf = row.aliasOf;
    f.example = row.example;
    std::istringstream in(row.params);
    std::string tok;
    std::string sig = f.name + "(";
    bool firstParam = true;
    while (in >> tok) {
        ParamSpec p;
        p.type = letterType(tok[0]);
        p.datePart = tok[0] == 'p';
        p.optional = tok.find('?') != std::string::npos;
        p.variadic = tok.find('*') != std::string::npos;
        f.params.push_back(p);
        if (!firstParam) sig += ", ";
        firstParam = false;
        std::string n = letterName(tok[0]);
        if (p.variadic) n += ", ...";
        sig += p.optional || p.variadic ? "[" + n + "]" : n;
    }
    f.signature = sig + ")";
    const std::string r = row.returns;
    if (r[0] == 'c') {
        f.returns.common = true;
        f.returns.fromArg = r[1] - '0';
    } else if (std::isdigit(static_cast<unsigned char>(r[0]))) {
        f.returns.fromArg = r[0] - '0';
    } else {
        f.returns.fixed = letterType(r[0]);
    }
    return f;
}

} // namespace

int FunctionInfo::minArgs() const {
    int n = 0;
    for (const auto& p : params)
        if (!p.optional && !p.variadic) ++n;
    return n;
}

int FunctionInfo::maxArgs() const {
    for (const auto& p : params)
        if (p.variadic) return -1;
    return static_cast<int>(params.size());
}

FunctionCatalog::FunctionCatalog(std::vector<FunctionInfo> functions) : functions_(std::move(functions)) {}

const FunctionCatalog& FunctionCatalog::builtin() {
    static const FunctionCatalog catalog = [] {
        std::vector<FunctionInfo> fs;
        for (const auto& row : detail::catalogRows()) fs.push_back(fromRow(row));
        return FunctionCatalog(std::move(fs));
    }();
    return catalog;
}

const FunctionInfo* FunctionCatalog::find(std::string_view name) const {
    for (const auto& f : functions_)
        if (iequals(f.name, name)) return &f;
    return nullptr;
}

std::vector<std::string> FunctionCatalog::suggest(std::string_view name, int limit) const {
    std::vector<std::string> names;
    for (const auto& f : functions_) names.push_back(f.name);
    return closestNames(name, names, limit);
}

int editDistance(std::string_view a, std::string_view b) {
    std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = static_cast<int>(i);
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const int cost = lowerChar(a[i - 1]) == lowerChar(b[j - 1]) ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::vector<std::string> closestNames(std::string_view name, const std::vector<std::string>& candidates, int limit) {
    const int threshold = std::max<int>(2, static_cast<int>(name.size()) / 3);
    std::vector<std::pair<int, std::string>> scored;
    for (const auto& c : candidates) {
        const int d = editDistance(name, c);
        if (d <= threshold) scored.emplace_back(d, c);
    }
    std::stable_sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    std::vector<std::string> out;
    for (const auto& s : scored) {
        if (static_cast<int>(out.size()) >= limit) break;
        out.push_back(s.second);
    }
    return out;
}

} // namespace quire::formula
