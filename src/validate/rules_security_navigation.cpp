// A page hidden from some viewers (page `visibility`) must not be the target of a `navigate` action — or a
// navigation element's option — that those viewers can see (docs/governance.md). The audience of the action's
// host is the visibility of the page it is placed on; a panel's is every page that lists it; an overlay's is
// every page (or overlay) with an element that opens it. Reported at the action, with the path.
#include "context.h"
#include "pointer.h"

#include <algorithm>
#include <map>
#include <set>

namespace quire::validate {
namespace {

constexpr int kMaxNavigationDepth = 64; // layout nesting walked for the elements of a region

// Who sees a region: everyone, or the listed users and teams (none at all for `visibility: hidden`).
struct Audience {
    bool everyone = false;
    std::set<std::string> users, teams;
    void add(const Audience& other) {
        everyone = everyone || other.everyone;
        users.insert(other.users.begin(), other.users.end());
        teams.insert(other.teams.begin(), other.teams.end());
    }
    bool operator==(const Audience& o) const { return everyone == o.everyone && users == o.users && teams == o.teams; }
    std::string describe() const {
        if (everyone) return "every viewer";
        if (users.empty() && teams.empty()) return "no viewer";
        std::string out;
        for (const auto& t : teams) out += (out.empty() ? "team " : ", team ") + t;
        for (const auto& u : users) out += (out.empty() ? "user " : ", user ") + u;
        return out;
    }
};

std::string assignmentName(const Json& a, const char* idKey) {
    if (a.is_string()) return a.get<std::string>();
    if (!a.is_object()) return {};
    for (const char* key : {idKey, "email", "name"})
        if (std::string v = Context::str(a, key); !v.empty()) return v;
    return {};
}

Audience pageAudience(const Json& page) {
    Audience out;
    const Json* v = Context::member(page, "visibility");
    if (!v) {
        out.everyone = true;
        return out;
    }
    if (v->is_string()) {
        out.everyone = v->get<std::string>() != "hidden";
        return out;
    }
    if (!v->is_object() || Context::str(*v, "kind") != "specific-users-and-teams") return out;
    const Json* assignments = Context::member(*v, "assignments");
    if (!assignments) return out;
    if (assignments->is_object()) {
        if (const Json* users = Context::array(*assignments, "users"))
            for (const auto& u : *users) out.users.insert(assignmentName(u, "userId"));
        if (const Json* teams = Context::array(*assignments, "teams"))
            for (const auto& t : *teams) out.teams.insert(assignmentName(t, "teamId"));
    } else if (assignments->is_array()) {
        for (const auto& a : *assignments) {
            const bool team = a.is_object() && Context::str(a, "type") == "team";
            (team ? out.teams : out.users).insert(assignmentName(a, team ? "teamId" : "userId"));
        }
    }
    out.users.erase("");
    out.teams.erase("");
    return out;
}

// Viewers of `from` that `to` does not admit, in words; "" when every viewer of `from` may see `to`. A user
// listed on `from` but not on `to` may still be in one of `to`'s teams, so users count only when `to` names no team.
std::string shutOut(const Audience& from, const Audience& to) {
    if (to.everyone) return {};
    if (from.everyone) return to.users.empty() && to.teams.empty() ? "every viewer" : "every viewer outside " + to.describe();
    std::string out;
    for (const auto& t : from.teams)
        if (!to.teams.count(t)) out += (out.empty() ? "team " : ", team ") + t;
    if (to.teams.empty())
        for (const auto& u : from.users)
            if (!to.users.count(u)) out += (out.empty() ? "user " : ", user ") + u;
    return out;
}

void collectPlaced(const doc::LayoutNode& node, const std::string& region, int depth, std::map<std::string, std::string>& out) {
    if (depth > kMaxNavigationDepth) return;
    if (!node.isRegion())
        if (std::string handle = node.handle(); !handle.empty()) out.emplace(handle, region);
    for (const auto& c : node.children) collectPlaced(c, region, depth + 1, out);
}

struct NavigationTarget {
    std::string pointer; // of the action effect or navigation option
    std::string via;     // "navigate action 'a1' (on-click)"
    std::string page;    // the target page id
    std::string element; // the target element, when it names one
};

} // namespace

void checkHiddenPageNavigation(Context& ctx) {
    const Json* pages = Context::array(*ctx.contents, "pages");
    if (!pages) return;
    std::map<std::string, Audience> audience; // region id -> who sees it
    std::map<std::string, std::string> pageNames;
    bool anyRestricted = false;
    for (const auto& page : *pages) {
        const std::string id = Context::str(page, "id");
        if (id.empty()) continue;
        audience[id] = pageAudience(page);
        pageNames[id] = Context::str(page, "name").empty() ? id : Context::str(page, "name");
        anyRestricted = anyRestricted || !audience[id].everyone;
    }
    if (!anyRestricted || !ctx.layout) return;
    std::map<std::string, std::string> regionOf; // element id -> region id
    for (const auto& region : ctx.layout->regions) collectPlaced(region, region.handle(), 0, regionOf);
    // Panels: seen on the pages that list them (every page when none are listed).
    if (const Json* panels = Context::array(*ctx.contents, "panels"))
        for (const auto& panel : *panels) {
            Audience seen;
            const Json* listed = Context::array(panel, "pages");
            for (const auto& [id, a] : audience)
                if (!listed || std::find(listed->begin(), listed->end(), Json(id)) != listed->end()) seen.add(a);
            if (!Context::str(panel, "id").empty()) audience[Context::str(panel, "id")] = seen;
        }
    // Overlays: seen by whoever sees an element that opens them (to a fixed point; overlays open overlays).
    std::vector<std::pair<std::string, std::string>> opens; // (host region, overlay id)
    for (const ElementRef& host : ctx.elements) {
        const auto region = regionOf.find(host.id);
        const Json* actions = Context::array(*host.json, "actions");
        if (region == regionOf.end() || !actions) continue;
        for (const auto& action : *actions)
            if (const Json* effects = Context::array(action, "effects"))
                for (const auto& effect : *effects)
                    if (Context::str(effect, "kind") == "open-overlay" && !Context::str(effect, "overlayId").empty())
                        opens.emplace_back(region->second, Context::str(effect, "overlayId"));
    }
    for (std::size_t round = 0; round <= opens.size(); ++round) {
        bool grew = false;
        for (const auto& [from, overlay] : opens) {
            const auto seen = audience.find(from);
            if (seen == audience.end()) continue;
            Audience next = audience[overlay];
            next.add(seen->second);
            if (!(next == audience[overlay])) {
                audience[overlay] = next;
                grew = true;
            }
        }
        if (!grew) break;
    }
    auto check = [&](const std::string& hostRegion, const std::string& hostLabel, const NavigationTarget& target) {
        std::string page = target.page;
        if (page.empty()) {
            const auto r = regionOf.find(target.element);
            if (r == regionOf.end()) return;
            page = r->second;
        }
        const auto to = audience.find(page);
        const auto from = audience.find(hostRegion);
        if (to == audience.end() || from == audience.end() || page == hostRegion || !pageNames.count(page)) return;
        const std::string who = shutOut(from->second, to->second);
        if (who.empty()) return;
        const std::string regionLabel = pageNames.count(hostRegion) ? "page '" + pageNames[hostRegion] + "'" : "'" + hostRegion + "'";
        ctx.report("security/navigate-hidden-page", target.pointer,
                   "page '" + pageNames[page] + "' is hidden from " + who + ", who can reach it: " + regionLabel + " (" +
                       from->second.describe() + ") -> " + hostLabel + " -> " + target.via +
                       (target.element.empty() ? "" : " to element '" + target.element + "'") + " -> page '" + pageNames[page] +
                       "' (" + to->second.describe() + ")");
    };
    for (const ElementRef& host : ctx.elements) {
        const auto region = regionOf.find(host.id);
        if (region == regionOf.end()) continue;
        const std::string hostLabel = (host.kind.empty() ? "element" : host.kind) + " '" + host.id + "'";
        if (const Json* actions = Context::array(*host.json, "actions"))
            for (std::size_t a = 0; a < actions->size(); ++a) {
                const Json* effects = Context::array((*actions)[a], "effects");
                if (!effects) continue;
                for (std::size_t k = 0; k < effects->size(); ++k) {
                    const Json& effect = (*effects)[k];
                    const Json* t = Context::member(effect, "target");
                    if (Context::str(effect, "kind") != "navigate" || !t || !t->is_object()) continue;
                    const std::string actionId = Context::str((*actions)[a], "id");
                    check(region->second, hostLabel,
                          {child(child(child(child(host.pointer, "actions"), a), "effects"), k),
                           "navigate action" + (actionId.empty() ? std::string() : " '" + actionId + "'"), Context::str(*t, "page"),
                           Context::str(*t, "element")});
                }
            }
        if (host.kind != "navigation") continue;
        if (const Json* options = Context::array(*host.json, "options"))
            for (std::size_t o = 0; o < options->size(); ++o) {
                const Json* d = Context::member((*options)[o], "destination");
                if (!d || !d->is_object()) continue;
                const std::string type = Context::str(*d, "type");
                if (type != "page" && type != "element") continue;
                check(region->second, hostLabel,
                      {child(child(child(host.pointer, "options"), o), "destination"), "option '" + Context::str((*options)[o], "label") + "'",
                       Context::str(*d, "pageId"), Context::str(*d, "elementId")});
            }
    }
}

} // namespace quire::validate
