#include <quire/help/function_help.h>
#include <quire/lsp/cursor.h>
#include <quire/lsp/features.h>

#include <quire/formula/catalog.h>

namespace quire::lsp {
namespace {

bool isElementKey(std::string_view key) {
    return key == "elementId" || key == "containerElementId" || key == "tabbedContainerElementId" || key == "element";
}
bool isControlKey(std::string_view key) { return key == "controlId" || key == "control"; }
bool isColumnKey(std::string_view key) { return key == "columnId" || key == "by"; }

Json location(const std::string& uri, const std::optional<Range>& range) {
    if (!range) return nullptr;
    return {{"uri", uri}, {"range", toJson(*range)}};
}

std::string referenceDescription(const WorkbookIndex& index, const ResolvedReference& resolved) {
    if (resolved.isControl())
        return "control `" + resolved.element->controlId + "` (element `" + resolved.element->id + "`)";
    std::string text = "column **" + resolved.column->name + "** (`" + resolved.column->id + "`) of element `" +
                       resolved.element->id + "`";
    if (!resolved.element->name.empty()) text += " \"" + resolved.element->name + "\"";
    const std::string type = index.columnType(*resolved.element, *resolved.column);
    text += "\n\ntype: " + (type.empty() ? std::string("unknown") : type);
    if (!resolved.column->formula.empty()) text += "\n\nformula: `" + resolved.column->formula + "`";
    return text;
}

} // namespace

Json hover(const WorkbookIndex* index, const LineIndex& lines, Position position) {
    const CursorContext cursor = analyzeCursor(lines, position);
    const Json range = toJson(Range{lines.position(cursor.tokenStart), lines.position(cursor.tokenEnd)});
    auto answer = [&](const std::string& markdown) {
        return Json{{"contents", {{"kind", "markdown"}, {"value", markdown}}}, {"range", range}};
    };
    if (cursor.kind == CursorContext::Kind::FormulaName && !cursor.token.empty()) {
        const formula::FunctionInfo* f = formula::FunctionCatalog::builtin().find(cursor.token);
        if (!f) return nullptr;
        // The same help as `quire functions NAME` and the IDE (quire_help): example and the dialects that run it.
        const help::FunctionHelp details = help::functionHelp(*f);
        std::string text = "```\n" + f->signature + "\n```\n" + f->description;
        if (!f->aliasOf.empty()) text += "\n\nAlias of " + f->aliasOf + ".";
        text += "\n\n*" + f->category + "* (" + std::string(help::kindName(f->kind)) + ")";
        if (!f->example.empty()) text += "\n\nExample: `" + f->example + "`";
        text += "\n\nDialects: " + help::dialectList(details.dialects);
        for (const auto& gap : details.gaps) text += "\n- not on " + std::string(sql::dialectName(gap.dialect)) + ": " + gap.reason;
        return answer(text);
    }
    if (!index) return nullptr;
    const ElementEntry* here = index->elementAtLine(position.line);
    if (cursor.kind == CursorContext::Kind::FormulaReference && cursor.closed) {
        const ResolvedReference resolved = index->resolve(cursor.token, here);
        if (!resolved.element) return answer("`[" + cursor.token + "]`: not defined in this workbook (a warehouse column, or a typo)");
        return answer(referenceDescription(*index, resolved));
    }
    if (cursor.kind == CursorContext::Kind::MemberValue) {
        if (isElementKey(cursor.key))
            if (const ElementEntry* e = index->findElement(cursor.token))
                return answer("element `" + e->id + "` (" + e->kind + ")" + (e->name.empty() ? "" : ": " + e->name));
        if (isControlKey(cursor.key))
            if (const ElementEntry* e = index->findControl(cursor.token)) return answer(referenceDescription(*index, {e, nullptr}));
        if (isColumnKey(cursor.key) && here)
            if (const ColumnEntry* c = here->findColumnById(cursor.token)) return answer(referenceDescription(*index, {here, c}));
    }
    return nullptr;
}

Json definition(const WorkbookIndex& index, const LineIndex& lines, Position position, const std::string& uri) {
    const CursorContext cursor = analyzeCursor(lines, position);
    const ElementEntry* here = index.elementAtLine(position.line);
    auto defining = [&](const ResolvedReference& resolved) -> Json {
        if (resolved.isControl()) return location(uri, index.valueRange(resolved.element->pointer, "controlId"));
        if (resolved.column) {
            auto range = index.valueRange(resolved.column->pointer, "name");
            if (!range) range = index.valueRange(resolved.column->pointer, "id");
            return location(uri, range);
        }
        return nullptr;
    };
    if (cursor.kind == CursorContext::Kind::FormulaReference) return defining(index.resolve(cursor.token, here));
    if (cursor.kind != CursorContext::Kind::MemberValue) return nullptr;
    if (isElementKey(cursor.key))
        if (const ElementEntry* e = index.findElement(cursor.token)) return location(uri, index.valueRange(e->pointer, "id"));
    if (isControlKey(cursor.key))
        if (const ElementEntry* e = index.findControl(cursor.token)) return defining({e, nullptr});
    if (isColumnKey(cursor.key) && here)
        if (const ColumnEntry* c = here->findColumnById(cursor.token)) return location(uri, index.valueRange(c->pointer, "id"));
    return nullptr;
}

} // namespace quire::lsp
