#include <quire/lsp/cursor.h>
#include <quire/lsp/features.h>

#include <quire/formula/catalog.h>

namespace quire::lsp {
namespace {

// LSP CompletionItemKind values.
constexpr int kKindFunction = 3;
constexpr int kKindField = 5;
constexpr int kKindVariable = 6;
constexpr int kKindReference = 18;

bool startsWithIgnoringCase(std::string_view text, std::string_view prefix) {
    if (prefix.size() > text.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
        if (lower(text[i]) != lower(prefix[i])) return false;
    }
    return true;
}

// Members whose value names an element, a control or a column (spec §5: `*Id` forms and the bare ones).
bool namesElement(std::string_view key) {
    return key == "elementId" || key == "containerElementId" || key == "tabbedContainerElementId" || key == "element";
}
bool namesControl(std::string_view key) { return key == "controlId" || key == "control"; }
bool namesColumn(std::string_view key) { return key == "columnId" || key == "by"; }

Json item(const std::string& label, int kind, const std::string& detail, const Json& edit) {
    Json out = {{"label", label}, {"kind", kind}};
    if (!detail.empty()) out["detail"] = detail;
    if (!edit.is_null()) out["textEdit"] = edit;
    return out;
}

} // namespace

Json completion(const WorkbookIndex* index, const LineIndex& lines, Position position) {
    Json items = Json::array();
    const CursorContext cursor = analyzeCursor(lines, position);
    const Json replace = {{"start", toJson(lines.position(cursor.tokenStart))}, {"end", toJson(lines.position(cursor.cursor))}};
    auto edit = [&](const std::string& text) { return Json{{"range", replace}, {"newText", text}}; };

    switch (cursor.kind) {
    case CursorContext::Kind::None:
        break;
    case CursorContext::Kind::FormulaName:
        for (const auto& f : formula::FunctionCatalog::builtin().all()) {
            if (!startsWithIgnoringCase(f.name, cursor.prefix)) continue;
            Json entry = item(f.name, kKindFunction, f.signature, edit(f.name));
            std::string doc = f.description;
            if (!f.aliasOf.empty()) doc = "Alias of " + f.aliasOf + ". " + doc;
            if (!f.example.empty()) doc += "\n\nExample: `" + f.example + "`";
            entry["documentation"] = {{"kind", "markdown"}, {"value", "`" + f.signature + "`\n\n" + doc}};
            entry["filterText"] = f.name;
            items.push_back(std::move(entry));
        }
        break;
    case CursorContext::Kind::FormulaReference: {
        if (!index) break;
        const ElementEntry* here = index->elementAtLine(position.line);
        const std::string close = cursor.closed ? "" : "]";
        auto add = [&](const std::string& label, int kind, const std::string& detail) {
            if (startsWithIgnoringCase(label, cursor.prefix)) items.push_back(item(label, kind, detail, edit(label + close)));
        };
        if (here)
            for (const auto& c : here->columns)
                if (!c.name.empty()) add(c.name, kKindField, "column of " + here->id);
        for (const auto& e : index->elements()) {
            if (&e == here || e.name.empty()) continue;
            for (const auto& c : e.columns)
                if (!c.name.empty()) add(e.name + "/" + c.name, kKindField, "column " + c.id + " of element " + e.id);
        }
        for (const auto& e : index->elements())
            if (!e.controlId.empty()) add(e.controlId, kKindVariable, "control " + e.id);
        break;
    }
    case CursorContext::Kind::MemberValue: {
        if (!index) break;
        auto add = [&](const std::string& label, int kind, const std::string& detail) {
            if (!label.empty() && startsWithIgnoringCase(label, cursor.prefix)) items.push_back(item(label, kind, detail, edit(label)));
        };
        if (namesElement(cursor.key))
            for (const auto& e : index->elements()) add(e.id, kKindReference, e.kind + (e.name.empty() ? "" : ": " + e.name));
        else if (namesControl(cursor.key))
            for (const auto& e : index->elements()) add(e.controlId, kKindVariable, "control " + e.id);
        else if (namesColumn(cursor.key))
            if (const ElementEntry* here = index->elementAtLine(position.line))
                for (const auto& c : here->columns) add(c.id, kKindField, c.name);
        break;
    }
    }
    return {{"isIncomplete", false}, {"items", std::move(items)}};
}

} // namespace quire::lsp
