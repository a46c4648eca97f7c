// Element sources (spec §3.2; checklist item 16): references resolve, required fields, path depth, union shape,
// no cycles between elements.
#include "context.h"
#include "pointer.h"

#include <unordered_map>

namespace quire::validate {
namespace {

// Sources nest (join legs, union legs, transposed sources); deeper than this is reported, not walked.
constexpr int kMaxSourceNesting = 128;

struct SourceWalk {
    Context& ctx;
    const ElementRef& owner;
    std::vector<std::string>& dependencies; // element ids this element reads from

    void require(const Json& s, const std::string& p, std::string_view kind, std::initializer_list<const char*> keys) {
        for (const char* key : keys)
            if (!Context::member(s, key))
                ctx.report("source/missing-field", p,
                           "a `" + std::string(kind) + "` source needs `" + key + "` (element '" + owner.id + "')");
    }

    void elementRef(const Json& s, const std::string& p, const char* key) {
        std::string target = Context::str(s, key);
        if (target.empty()) return;
        dependencies.push_back(target);
        const ElementRef* e = ctx.element(target);
        if (!e) {
            ctx.report("source/unknown-element", child(p, key),
                       "element '" + owner.id + "' is sourced from element '" + target +
                           "', which the workbook does not contain");
            return;
        }
        std::string grouping = Context::str(s, "groupingId");
        if (grouping.empty()) return;
        if (const Json* groupings = Context::array(*e->json, "groupings"))
            for (const auto& g : *groupings)
                if (Context::str(g, "id") == grouping) return;
        ctx.report("source/unknown-grouping", child(p, "groupingId"),
                   "grouping '" + grouping + "' does not exist on element '" + target + "'");
    }

    void source(const Json& s, const std::string& p, int depth = 0) {
        if (!s.is_object()) return;
        const std::string kind = Context::str(s, "kind");
        if (depth >= kMaxSourceNesting && (kind == "transpose" || kind == "join" || kind == "union")) {
            ctx.report("source/too-deep", p,
                       "element '" + owner.id + "' nests sources more than " + std::to_string(kMaxSourceNesting) +
                           " levels deep; the sources below are not checked");
            return;
        }
        if (kind == "table") {
            require(s, p, kind, {"elementId"});
            elementRef(s, p, "elementId");
        } else if (kind == "warehouse-table" || kind == "metric-view" || kind == "semantic-view") {
            require(s, p, kind, {"connectionId", "path"});
            if (const Json* path = Context::member(s, "path"); path && path->is_array() && (path->size() < 2 || path->size() > 3))
                ctx.report("source/path-depth", child(p, "path"),
                           "a warehouse path has " + std::to_string(path->size()) +
                               " parts; it must have 2 (schema, table: Redshift, Postgres, MySQL) or 3 (database, schema, table: Snowflake, BigQuery, Databricks)");
        } else if (kind == "sql") {
            require(s, p, kind, {"connectionId", "statement"});
        } else if (kind == "data-model") {
            require(s, p, kind, {"dataModelId", "elementId"});
        } else if (kind == "csv-table") {
            require(s, p, kind, {"connectionId", "inodeId"});
        } else if (kind == "empty") {
            require(s, p, kind, {"connectionId"});
        } else if (kind == "linked") {
            require(s, p, kind, {"from", "connectionId"});
            elementRef(s, p, "from");
        } else if (kind == "transpose") {
            require(s, p, kind, {"source", "direction"});
            if (const Json* inner = Context::member(s, "source")) source(*inner, child(p, "source"), depth + 1);
        } else if (kind == "join") {
            require(s, p, kind, {"joins"});
            if (const Json* primary = Context::member(s, "primarySource"))
                source(*primary, child(p, "primarySource"), depth + 1);
            if (const Json* joins = Context::array(s, "joins"))
                for (std::size_t i = 0; i < joins->size(); ++i)
                    for (const char* leg : {"left", "right"})
                        if (const Json* l = Context::member((*joins)[i], leg))
                            source(*l, child(child(child(p, "joins"), i), leg), depth + 1);
        } else if (kind == "union") {
            require(s, p, kind, {"sources"});
            const Json* sources = Context::array(s, "sources");
            if (sources)
                for (std::size_t i = 0; i < sources->size(); ++i)
                    source((*sources)[i], child(child(p, "sources"), i), depth + 1);
            if (const Json* matches = Context::array(s, "matches"); matches && sources)
                for (std::size_t i = 0; i < matches->size(); ++i) {
                    const Json* cols = Context::array((*matches)[i], "sourceColumns");
                    if (cols && cols->size() != sources->size())
                        ctx.report("source/union-columns", child(child(child(p, "matches"), i), "sourceColumns"),
                                   "`sourceColumns` has " + std::to_string(cols->size()) + " entries but the union has " +
                                       std::to_string(sources->size()) + " sources; they align by position");
                }
        }
    }
};

} // namespace

void checkSources(Context& ctx) {
    std::unordered_map<std::string, std::vector<std::string>> edges;
    for (const auto& e : ctx.elements) {
        if (e.kind == "control") continue; // a control's `source` is its value list (rules_controls.cpp)
        const Json* s = e.source;
        if (!s) continue;
        std::vector<std::string> deps;
        ctx.unit(Unit::Sources, e, [&] { SourceWalk{ctx, e, deps}.source(*s, child(e.pointer, "source")); }, &deps);
        if (!e.id.empty()) edges[e.id] = std::move(deps);
    }
    // Cycles: depth-first search, iterative (a chain of 100,000 elements each sourced from the next must not
    // exhaust the stack); an edge back to an element on the walk's stack closes a cycle.
    std::unordered_map<std::string, int> state; // 0 new, 1 on stack, 2 done
    for (const auto& e : ctx.elements) {
        if (e.id.empty() || state[e.id] != 0 || !edges.count(e.id)) continue;
        std::vector<std::pair<std::string, std::size_t>> stack{{e.id, 0}}; // element, next dependency
        state[e.id] = 1;
        while (!stack.empty()) {
            const std::string id = stack.back().first;
            const std::vector<std::string>& deps = edges[id];
            if (stack.back().second == deps.size()) {
                state[id] = 2;
                stack.pop_back();
                continue;
            }
            const std::string& dep = deps[stack.back().second++];
            if (state[dep] == 1) {
                if (const ElementRef* element = ctx.element(id))
                    ctx.report("source/cycle", child(element->pointer, "source"),
                               "element '" + id + "' is sourced from '" + dep + "', which depends on '" + id +
                                   "' again: sources form a cycle");
            } else if (state[dep] == 0 && edges.count(dep)) {
                state[dep] = 1;
                stack.emplace_back(dep, 0);
            }
        }
    }
}

} // namespace quire::validate
