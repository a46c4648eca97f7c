// Reads the compact seed tree into seed::Workbook; every problem is a located "seed/..." diagnostic.
#include "seed_model.h"

#include <quire/core/text.h>

#include <cctype>

namespace quire::doc::seed {
namespace {

std::string key(const std::string& pointer, const std::string& k) { return pointer + "/" + k; }
std::string index(const std::string& pointer, std::size_t i) { return pointer + "/" + std::to_string(i); }

struct Reader {
    Diagnostics& diag;

    // A scalar member as text (numbers and booleans too: YAML `version: 1.0`); "" when absent.
    std::string text(const Json& object, const std::string& pointer, const std::string& k, bool required) {
        auto it = object.find(k);
        if (it == object.end() || it->is_null()) {
            if (required) diag.error("seed/missing-field", pointer, "`" + k + "` is required here");
            return {};
        }
        if (it->is_string()) return it->get<std::string>();
        if (it->is_number() || it->is_boolean()) return it->dump();
        diag.error("seed/wrong-type", key(pointer, k), "`" + k + "` must be a text value, not " + std::string(it->type_name()));
        return {};
    }

    const Json* list(const Json& object, const std::string& pointer, const std::string& k) {
        auto it = object.find(k);
        if (it == object.end() || it->is_null()) return nullptr;
        if (!it->is_array()) {
            diag.error("seed/wrong-type", key(pointer, k), "`" + k + "` must be a list");
            return nullptr;
        }
        return &*it;
    }

    bool object(const Json& value, const std::string& pointer, const std::string& what) {
        if (value.is_object()) return true;
        diag.error("seed/wrong-type", pointer, what + " must be a mapping (key: value pairs)");
        return false;
    }
};

} // namespace

Workbook parse(const Document& seedDoc, Diagnostics& diag) {
    Workbook wb;
    Reader r{diag};
    const Json& root = seedDoc.root;
    if (!root.is_object() || !root.contains("workbook")) {
        diag.error("seed/not-a-seed", "", "a compact seed starts with a `workbook:` mapping");
        return wb;
    }
    const Json& w = root["workbook"];
    if (!r.object(w, "/workbook", "`workbook`")) return wb;
    wb.name = r.text(w, "/workbook", "name", true);
    wb.version = r.text(w, "/workbook", "version", false);
    wb.description = r.text(w, "/workbook", "description", false);

    if (const Json* sources = r.list(w, "/workbook", "data_sources"))
        for (std::size_t i = 0; i < sources->size(); ++i) {
            const std::string p = index("/workbook/data_sources", i);
            const Json& s = (*sources)[i];
            if (!r.object(s, p, "a data source")) continue;
            DataSource ds{r.text(s, p, "name", true), r.text(s, p, "type", false), r.text(s, p, "connection", true),
                          r.text(s, p, "database", false), r.text(s, p, "schema", true), r.text(s, p, "table", true), p};
            wb.dataSources.push_back(std::move(ds));
        }
    if (const Json* elements = r.list(w, "/workbook", "elements"))
        for (std::size_t i = 0; i < elements->size(); ++i) {
            const std::string p = index("/workbook/elements", i);
            const Json& e = (*elements)[i];
            if (!r.object(e, p, "an element")) continue;
            Element el{r.text(e, p, "type", true), r.text(e, p, "name", true), r.text(e, p, "data_source", true), {}, p};
            if (const Json* columns = r.list(e, p, "columns"))
                for (std::size_t c = 0; c < columns->size(); ++c) {
                    const std::string cp = index(key(p, "columns"), c);
                    const Json& col = (*columns)[c];
                    if (!r.object(col, cp, "a column")) continue;
                    el.columns.push_back({r.text(col, cp, "name", true), r.text(col, cp, "type", false),
                                          r.text(col, cp, "format", false), cp});
                }
            wb.elements.push_back(std::move(el));
        }
    if (const Json* actions = r.list(w, "/workbook", "actions"))
        for (std::size_t i = 0; i < actions->size(); ++i) {
            const std::string p = index("/workbook/actions", i);
            const Json& a = (*actions)[i];
            if (!r.object(a, p, "an action")) continue;
            Action action{r.text(a, p, "name", true), r.text(a, p, "type", true), r.text(a, p, "target", true), {}, p};
            if (const Json* params = r.list(a, p, "parameters"))
                for (std::size_t k = 0; k < params->size(); ++k) {
                    const std::string pp = index(key(p, "parameters"), k);
                    if (!r.object((*params)[k], pp, "a parameter")) continue;
                    action.parameters.push_back({r.text((*params)[k], pp, "name", true), r.text((*params)[k], pp, "type", false)});
                }
            wb.actions.push_back(std::move(action));
        }
    return wb;
}

std::string slug(const std::string& text) {
    std::string out;
    bool dash = false;
    for (unsigned char c : text) {
        if (std::isalnum(c)) {
            if (dash && !out.empty()) out += '-';
            out += asciiLower(char(c));
            dash = false;
        } else {
            dash = true;
        }
    }
    return out.empty() ? std::string("item") : out;
}

} // namespace quire::doc::seed
