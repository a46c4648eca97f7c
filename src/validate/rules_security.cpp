// Column-level security leaks (docs/governance.md): a column restricted by `columnSecurities` must not flow,
// by formula lineage, into a column without the same restriction — a sibling, a column of a child element
// (table, chart, KPI, pivot, ... sourced from it, directly or through joins and unions), the values a control
// lists, or an element a download/export action sends out. Each leak is reported where it happens, with the
// path it took. Lineage is walked breadth first over a visited set (no recursion over the document).
#include "context.h"
#include "formula_refs.h"
#include "pointer.h"

#include <quire/doc/views.h>

#include <algorithm>
#include <deque>
#include <map>
#include <set>

namespace quire::validate {
namespace {

struct Column {
    std::size_t element;
    std::string id, name, pointer;
    std::vector<FormulaRef> refs;
};

struct Restriction {
    std::string securityId;
    const Json* criteria;
    std::size_t root; // the restricted column
};

} // namespace

void checkSecurity(Context& ctx) {
    // Every report below starts from a columnSecurities list: without one, skip indexing every column.
    if (std::none_of(ctx.elements.begin(), ctx.elements.end(),
                     [](const ElementRef& e) { return Context::array(*e.json, "columnSecurities") != nullptr; }))
        return;
    const std::size_t n = ctx.elements.size();
    std::vector<Column> columns;
    std::vector<std::map<std::string, std::size_t>> byName(n), byId(n);
    std::vector<std::set<std::string>> sources(n);
    for (std::size_t e = 0; e < n; ++e) {
        const ElementRef& el = ctx.elements[e];
        if (const Json* s = el.source) doc::collectElementIds(*s, sources[e]);
        const Json* cols = el.columns;
        if (!cols) continue;
        for (std::size_t c = 0; c < cols->size(); ++c) {
            const Json& col = (*cols)[c];
            if (!col.is_object()) continue;
            Column column{e, Context::str(col, "id"), Context::str(col, "name"), child(child(el.pointer, "columns"), c), {}};
            if (column.name.empty()) column.name = column.id;
            if (const Json* f = Context::member(col, "formula"); f && f->is_string()) column.refs = scanFormulaRefs(f->get<std::string>());
            byName[e].emplace(column.name, columns.size());
            byId[e].emplace(column.id, columns.size());
            columns.push_back(std::move(column));
        }
    }
    // Readers: column index -> the columns whose formulas read it.
    std::vector<std::vector<std::size_t>> readers(columns.size());
    std::map<std::string, std::size_t> elementIndex;
    for (std::size_t e = 0; e < n; ++e) elementIndex.emplace(ctx.elements[e].id, e);
    for (std::size_t x = 0; x < columns.size(); ++x) {
        const Column& col = columns[x];
        for (const FormulaRef& r : col.refs) {
            if (!r.qualified()) {
                if (auto s = byName[col.element].find(r.name); s != byName[col.element].end()) {
                    if (s->second != x) readers[s->second].push_back(x);
                    continue; // a bare name is the sibling when there is one
                }
            }
            for (const std::string& parentId : sources[col.element]) {
                const auto p = elementIndex.find(parentId);
                if (p == elementIndex.end()) continue;
                const ElementRef& parent = ctx.elements[p->second];
                if (r.qualified() && r.prefix != parent.name && r.prefix != parent.id) continue;
                if (auto s = byName[p->second].find(r.name); s != byName[p->second].end()) readers[s->second].push_back(x);
            }
        }
    }
    // Restricted columns, and the criteria each element restricts each of its columns with.
    std::vector<Restriction> restrictions;
    std::map<std::size_t, std::vector<const Json*>> restrictedWith;
    for (std::size_t e = 0; e < n; ++e) {
        const ElementRef& el = ctx.elements[e];
        const Json* securities = Context::array(*el.json, "columnSecurities");
        if (!securities) continue;
        for (std::size_t s = 0; s < securities->size(); ++s) {
            const Json& security = (*securities)[s];
            const Json* ids = Context::array(security, "restrictedColumns");
            if (!ids) continue;
            for (std::size_t i = 0; i < ids->size(); ++i) {
                const std::string id = (*ids)[i].is_string() ? (*ids)[i].get<std::string>() : std::string();
                const auto c = byId[e].find(id);
                if (c == byId[e].end()) {
                    ctx.report("security/unknown-column", child(child(child(child(el.pointer, "columnSecurities"), s), "restrictedColumns"), i),
                               "columnSecurities '" + Context::str(security, "id") + "' of element '" + el.id + "' restricts column '" + id +
                                   "', which the element does not have");
                    continue;
                }
                const Json* criteria = Context::member(security, "criteria");
                restrictions.push_back({Context::str(security, "id"), criteria, c->second});
                restrictedWith[c->second].push_back(criteria);
            }
        }
    }
    if (restrictions.empty()) return;
    auto label = [&](std::size_t c) { return "'" + ctx.elements[columns[c].element].id + "'.[" + columns[c].name + "]"; };
    auto covered = [&](std::size_t c, const Json* criteria) {
        const auto it = restrictedWith.find(c);
        if (it == restrictedWith.end()) return false;
        for (const Json* k : it->second)
            if ((k && criteria && *k == *criteria) || (!k && !criteria)) return true;
        return false;
    };
    // Every column a restriction reaches, with its path; leaks are the reached columns without that restriction.
    std::vector<std::map<std::size_t, std::string>> reached(restrictions.size());
    std::set<std::size_t> leakedColumns;
    std::set<std::size_t> reported;
    for (std::size_t r = 0; r < restrictions.size(); ++r) {
        const Restriction& restriction = restrictions[r];
        auto& paths = reached[r];
        paths[restriction.root] = label(restriction.root);
        std::deque<std::size_t> queue{restriction.root};
        while (!queue.empty()) {
            const std::size_t c = queue.front();
            queue.pop_front();
            for (std::size_t x : readers[c]) {
                if (paths.count(x)) continue;
                paths[x] = paths[c] + " -> " + label(x);
                queue.push_back(x);
                if (covered(x, restriction.criteria)) continue;
                leakedColumns.insert(x);
                if (!reported.insert(x).second) continue;
                ctx.report("security/leak", columns[x].pointer,
                           "column [" + columns[x].name + "] of '" + ctx.elements[columns[x].element].id + "' reads [" +
                               columns[restriction.root].name + "], restricted by columnSecurities '" + restriction.securityId +
                               "', without the same restriction (" + paths[x] + ")");
            }
        }
    }
    // A control listing the values of a restricted or leaked column.
    for (const ElementRef& control : ctx.elements) {
        if (control.kind != "control") continue;
        const Json* s = control.source;
        if (!s || Context::str(*s, "kind") != "source") continue;
        const Json* inner = Context::member(*s, "source");
        const auto from = elementIndex.find(inner ? Context::str(*inner, "elementId") : std::string());
        if (from == elementIndex.end()) continue;
        for (const char* key : {"columnId", "displayColumnId"}) {
            const auto c = byId[from->second].find(Context::str(*s, key));
            if (c == byId[from->second].end()) continue;
            for (std::size_t r = 0; r < restrictions.size(); ++r)
                if (reached[r].count(c->second)) {
                    ctx.report("security/leak", child(child(control.pointer, "source"), key),
                               "control '" + control.id + "' lists the values of " + label(c->second) + ", which reads [" +
                                   columns[restrictions[r].root].name + "] restricted by columnSecurities '" + restrictions[r].securityId +
                                   "' (" + reached[r][c->second] + "); every viewer of the control sees them");
                    break;
                }
        }
    }
    // Downloads and exports of an element that carries a leaked column.
    for (const ElementRef& host : ctx.elements) {
        const Json* actions = Context::array(*host.json, "actions");
        if (!actions) continue;
        for (std::size_t a = 0; a < actions->size(); ++a) {
            const Json* effects = Context::array((*actions)[a], "effects");
            if (!effects) continue;
            for (std::size_t k = 0; k < effects->size(); ++k) {
                const Json& effect = (*effects)[k];
                const std::string kind = Context::str(effect, "kind");
                if (kind != "download" && kind != "export") continue;
                std::set<std::string> targets;
                doc::collectElementIds(effect, targets);
                for (const std::string& target : targets) {
                    const auto t = elementIndex.find(target);
                    if (t == elementIndex.end()) continue;
                    for (std::size_t c : leakedColumns)
                        if (columns[c].element == t->second) {
                            ctx.report("security/leak", child(child(child(child(host.pointer, "actions"), a), "effects"), k),
                                       "this " + kind + " sends element '" + target + "', whose column [" + columns[c].name +
                                           "] reads a column restricted by columnSecurities without the same restriction");
                            break;
                        }
                }
            }
        }
    }
}

} // namespace quire::validate
