#include <quire/preview/access.h>

#include <quire/core/rules.h>
#include <quire/core/text.h>
#include <quire/doc/views.h>
#include <quire/formula/parser.h>

#include <algorithm>

namespace quire::preview {
namespace {

constexpr int kMaxWalkDepth = 64; // element bodies are walked for column ids no deeper than this

std::string textOf(const Json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer()) return std::to_string(v.get<long long>());
    if (v.is_number()) {
        sql::CurrentUser tmp;
        tmp.attributes["v"] = v.get<double>();
        std::string out;
        tmp.attributeText("v", out);
        return out;
    }
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    return {};
}

bool sameUser(const std::string& who, const sql::CurrentUser& user) {
    return !who.empty() && (who == user.userId || asciiLower(who) == asciiLower(user.email));
}

// One assignment of either shape: {type: user, userId} / {type: team, teamId} / a plain string.
bool assignmentAdmits(const Json& a, const sql::CurrentUser& user, const char* plainKind) {
    if (a.is_string()) return std::string(plainKind) == "team" ? user.inTeam(a.get<std::string>()) : sameUser(a.get<std::string>(), user);
    if (!a.is_object()) return false;
    const std::string type = a.value("type", std::string(plainKind));
    if (type == "user") return sameUser(textOf(a.value("userId", Json())), user) || sameUser(textOf(a.value("email", Json())), user);
    if (type == "team") return user.inTeam(textOf(a.value("teamId", Json()))) || user.inTeam(textOf(a.value("name", Json())));
    return false;
}

struct Reference {
    std::string prefix;
    std::string name;
};

void collectReferences(const formula::Node& n, std::vector<Reference>& out) {
    if (n.kind == formula::NodeKind::Reference) out.push_back({n.hasPrefix ? n.prefix : std::string(), n.name});
    for (const auto& c : n.children) collectReferences(*c, out); // the parser bounds the height (200)
}

std::vector<Reference> referencesOf(const Json& column) {
    std::vector<Reference> out;
    if (!column.is_object() || !column.contains("formula") || !column["formula"].is_string()) return out;
    const auto parsed = formula::parseFormula(column["formula"].get<std::string>());
    if (parsed.ok()) collectReferences(*parsed.root, out);
    return out;
}

bool columnKey(const std::string& key) {
    return key == "columnId" || key == "columnIds" || key == "values" || key == "groupBy" || key == "calculations" ||
           key == "sourceColumns" || key == "keyColumnId";
}

// The first string under a column-naming key (columnId, values, groupBy, ...) that is one of `ids`.
std::string findColumnUse(const Json& v, const std::set<std::string>& ids, bool underColumnKey, int depth, std::string& key) {
    if (depth > kMaxWalkDepth) return {};
    if (v.is_string()) return underColumnKey && ids.count(v.get<std::string>()) ? v.get<std::string>() : std::string();
    if (v.is_array()) {
        for (const auto& c : v)
            if (auto hit = findColumnUse(c, ids, underColumnKey, depth + 1, key); !hit.empty()) return hit;
    } else if (v.is_object()) {
        for (const auto& [k, c] : v.items()) {
            if (depth == 0 && (k == "columns" || k == "columnSecurities" || k == "sort" || k == "order")) continue;
            const bool isKey = columnKey(k);
            if (auto hit = findColumnUse(c, ids, isKey || (underColumnKey && !c.is_object()), depth + 1, key); !hit.empty()) {
                if (isKey && key.empty()) key = k;
                return hit;
            }
        }
    }
    return {};
}

} // namespace

bool criteriaAdmits(const Json& criteria, const sql::CurrentUser& user) {
    if (!criteria.is_object()) return false;
    const std::string kind = criteria.value("kind", "");
    const Json assignments = criteria.value("assignments", Json::array());
    if (kind == "specific-users-and-teams") {
        if (assignments.is_array())
            return std::any_of(assignments.begin(), assignments.end(), [&](const Json& a) { return assignmentAdmits(a, user, "user"); });
        if (assignments.is_object()) {
            for (const auto& u : assignments.value("users", Json::array()))
                if (assignmentAdmits(u, user, "user")) return true;
            for (const auto& t : assignments.value("teams", Json::array()))
                if (assignmentAdmits(t, user, "team")) return true;
        }
        return false;
    }
    if (kind == "user-attribute" && assignments.is_array()) {
        for (const auto& a : assignments) {
            if (!a.is_object()) continue;
            std::string have;
            if (user.attributeText(textOf(a.value("userAttributeId", Json())), have) && have == textOf(a.value("value", Json())))
                return true;
        }
        return false;
    }
    return false; // no-one-can-view, and anything unknown
}

bool pageVisibleTo(const Json& page, const sql::CurrentUser& user) {
    if (!page.is_object() || !page.contains("visibility")) return true;
    const Json& v = page["visibility"];
    if (v.is_string()) return v.get<std::string>() != "hidden";
    return criteriaAdmits(v, user);
}

std::vector<std::string> PersonaView::maskedNames(const std::string& elementId) const {
    std::vector<std::string> out;
    for (const auto& m : masked)
        if (m.elementId == elementId) out.push_back(m.columnName);
    return out;
}

bool PersonaView::isMasked(const std::string& elementId, const std::string& columnId) const {
    return std::any_of(masked.begin(), masked.end(), [&](const MaskedColumn& m) { return m.elementId == elementId && m.columnId == columnId; });
}

PersonaView viewAs(const Json& contents, const sql::CurrentUser* user) {
    PersonaView view;
    view.contents = contents;
    if (!user || !contents.is_object()) return view;

    if (auto pages = contents.find("pages"); pages != contents.end() && pages->is_array())
        for (std::size_t p = 0; p < pages->size(); ++p) {
            const Json& page = (*pages)[p];
            if (!page.is_object() || pageVisibleTo(page, *user)) continue;
            const std::string id = page.value("id", "");
            view.hiddenPages.insert(id);
            view.diagnostics.push_back(makeDiagnostic("security/hidden-page", "page '" + page.value("name", id) + "' is hidden from " + user->email,
                                                      "/pages/" + std::to_string(p) + "/visibility"));
        }

    auto elementsIt = contents.find("elements");
    if (elementsIt == contents.end() || !elementsIt->is_array()) return view;
    const Json& elements = *elementsIt;
    struct Col {
        std::size_t element, index;
        std::string id, name;
        std::vector<Reference> refs;
    };
    std::vector<Col> cols;
    std::map<std::string, std::size_t> elementIndex;
    std::vector<std::set<std::string>> sources(elements.size());
    std::vector<std::string> elementNames(elements.size());
    for (std::size_t e = 0; e < elements.size(); ++e) {
        const Json& el = elements[e];
        if (!el.is_object()) continue;
        elementIndex.emplace(el.value("id", ""), e);
        elementNames[e] = el.contains("name") && el["name"].is_string() ? el["name"].get<std::string>() : el.value("id", "");
        if (el.contains("source")) doc::collectElementIds(el["source"], sources[e]);
        const Json columns = el.value("columns", Json::array());
        if (!columns.is_array()) continue;
        for (std::size_t c = 0; c < columns.size(); ++c)
            if (columns[c].is_object())
                cols.push_back({e, c, columns[c].value("id", ""), columns[c].value("name", columns[c].value("id", "")), referencesOf(columns[c])});
    }
    std::vector<int> maskedIndex(cols.size(), -1); // into view.masked
    auto mask = [&](std::size_t i, bool restricted, std::string because) {
        maskedIndex[i] = static_cast<int>(view.masked.size());
        const Col& c = cols[i];
        view.masked.push_back({elements[c.element].value("id", ""), c.id, c.name, restricted, std::move(because)});
    };
    // Restricted columns: columnSecurities whose criteria the persona does not meet.
    for (std::size_t e = 0; e < elements.size(); ++e) {
        const Json& el = elements[e];
        if (!el.is_object() || !el.contains("columnSecurities") || !el["columnSecurities"].is_array()) continue;
        for (const Json& security : el["columnSecurities"]) {
            if (!security.is_object() || criteriaAdmits(security.value("criteria", Json()), *user)) continue;
            for (const Json& id : security.value("restrictedColumns", Json::array()))
                for (std::size_t i = 0; i < cols.size(); ++i)
                    if (cols[i].element == e && id.is_string() && cols[i].id == id.get<std::string>() && maskedIndex[i] < 0)
                        mask(i, true, "restricted by columnSecurities '" + security.value("id", std::string("?")) + "'");
        }
    }
    // Lineage: a column reading a masked sibling or a masked column of an element it is sourced from. Each pass
    // masks at least one more column or ends, so the loop is bounded by the column count.
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t i = 0; i < cols.size(); ++i) {
            if (maskedIndex[i] >= 0) continue;
            const Col& c = cols[i];
            for (const Reference& r : c.refs) {
                std::string hit;
                bool sibling = false;
                for (std::size_t j = 0; j < cols.size() && hit.empty(); ++j) {
                    if (j == i || cols[j].name != r.name) continue;
                    if (cols[j].element == c.element && r.prefix.empty()) {
                        sibling = true;
                        if (maskedIndex[j] >= 0) hit = "reads masked column [" + r.name + "]";
                    }
                }
                for (std::size_t j = 0; j < cols.size() && hit.empty() && !sibling; ++j) {
                    const std::size_t parent = cols[j].element;
                    if (maskedIndex[j] < 0 || cols[j].name != r.name || !sources[c.element].count(elements[parent].value("id", ""))) continue;
                    if (r.prefix.empty() || r.prefix == elementNames[parent] || r.prefix == elements[parent].value("id", ""))
                        hit = "reads masked column [" + r.name + "] of '" + elementNames[parent] + "'";
                }
                if (!hit.empty()) {
                    mask(i, false, hit);
                    changed = true;
                    break;
                }
            }
        }
    }
    // Elements that use a masked column in a filter, grouping, channel or control filter cannot be shown at all.
    std::map<std::string, std::set<std::string>> maskedIdsOf;
    std::map<std::pair<std::string, std::string>, std::string> nameOf;
    for (const auto& m : view.masked) maskedIdsOf[m.elementId].insert(m.columnId), nameOf[{m.elementId, m.columnId}] = m.columnName;
    for (std::size_t e = 0; e < elements.size(); ++e) {
        const Json& el = elements[e];
        if (!el.is_object()) continue;
        const std::string id = el.value("id", "");
        if (auto ids = maskedIdsOf.find(id); ids != maskedIdsOf.end()) {
            std::string key;
            const std::string used = findColumnUse(el, ids->second, false, 0, key);
            if (!used.empty()) view.withheld[id] = "its " + key + " uses masked column [" + nameOf[{id, used}] + "]";
        }
        if (el.value("kind", "") == "control")
            for (const Json& f : el.value("filters", Json::array())) {
                if (!f.is_object() || !f.contains("source") || !f["source"].is_object()) continue;
                const std::string target = f["source"].value("elementId", "");
                const std::string column = f["source"].value("columnId", f.value("columnId", std::string()));
                if (maskedIdsOf[target].count(column) && !view.withheld.count(target))
                    view.withheld[target] = "control '" + id + "' filters masked column [" + nameOf[{target, column}] + "]";
            }
    }
    for (bool changed = true; changed;) { // children of a withheld element are withheld too
        changed = false;
        for (std::size_t e = 0; e < elements.size(); ++e) {
            const std::string id = elements[e].is_object() ? elements[e].value("id", "") : std::string();
            if (id.empty() || view.withheld.count(id)) continue;
            for (const auto& parent : sources[e])
                if (view.withheld.count(parent)) {
                    view.withheld[id] = "it reads element '" + parent + "', which cannot be shown";
                    changed = true;
                    break;
                }
        }
    }

    // Remove every masked column (and its sort and order entries) from the body the planners see.
    Json& outElements = view.contents["elements"];
    const std::size_t firstColumnNote = view.diagnostics.size();
    for (std::size_t i = cols.size(); i-- > 0;) {
        if (maskedIndex[i] < 0) continue;
        Json& el = outElements[cols[i].element];
        const std::string pointer = "/elements/" + std::to_string(cols[i].element) + "/columns/" + std::to_string(cols[i].index);
        const MaskedColumn& m = view.masked[static_cast<std::size_t>(maskedIndex[i])];
        if (m.restricted)
            view.diagnostics.push_back(makeDiagnostic("security/masked-column", "column [" + m.columnName + "] of '" + elementNames[cols[i].element] +
                                                                                    "' is masked for " + user->email + " (" + m.because + ")", pointer));
        else
            view.diagnostics.push_back(makeDiagnostic("security/restricted-dependency", "column [" + m.columnName + "] of '" + elementNames[cols[i].element] +
                                                                                            "' is not shown to " + user->email + ": it " + m.because, pointer));
        el["columns"].erase(cols[i].index);
        for (const char* list : {"sort", "order"}) {
            if (!el.contains(list) || !el[list].is_array()) continue;
            Json kept = Json::array();
            for (const Json& s : el[list])
                if (!((s.is_string() && s.get<std::string>() == m.columnId) || (s.is_object() && s.value("columnId", "") == m.columnId))) kept.push_back(s);
            el[list] = std::move(kept);
        }
    }
    std::reverse(view.diagnostics.begin() + static_cast<std::ptrdiff_t>(firstColumnNote), view.diagnostics.end());
    for (const auto& [id, why] : view.withheld)
        view.diagnostics.push_back(makeDiagnostic("security/restricted-dependency",
                                                  "element '" + id + "' is not shown to " + user->email + ": " + why,
                                                  "/elements/" + std::to_string(elementIndex[id])));
    // Masked columns in element and column order (the diagnostics above went from the last column back).
    std::vector<MaskedColumn> ordered;
    for (std::size_t i = 0; i < cols.size(); ++i)
        if (maskedIndex[i] >= 0) ordered.push_back(view.masked[static_cast<std::size_t>(maskedIndex[i])]);
    view.masked = std::move(ordered);
    return view;
}

} // namespace quire::preview
