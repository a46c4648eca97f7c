#include "json_brackets.h"

#include <quire/lsp/workbook_index.h>

#include <quire/doc/io.h>
#include <quire/doc/views.h>
#include <quire/formula/checker.h>
#include <quire/formula/parser.h>

#include <algorithm>

namespace quire::lsp {
namespace {

constexpr int kMaxReferenceDepth = 16; // column -> referenced column chains followed for a type
constexpr int kMaxObjectDepth = 64;    // nesting walked to find where an object ends

void collectReferenceNames(const formula::Node& node, std::vector<std::string>& out) {
    if (node.kind == formula::NodeKind::Reference) out.push_back(node.hasPrefix ? node.prefix + "/" + node.name : node.name);
    for (const auto& child : node.children)
        if (child) collectReferenceNames(*child, out);
}

} // namespace

const ColumnEntry* ElementEntry::findColumnByName(std::string_view wanted) const {
    for (const auto& c : columns)
        if (c.name == wanted) return &c;
    return nullptr;
}

const ColumnEntry* ElementEntry::findColumnById(std::string_view wanted) const {
    for (const auto& c : columns)
        if (c.id == wanted) return &c;
    return nullptr;
}

WorkbookIndex::WorkbookIndex(std::shared_ptr<const doc::Document> document, std::shared_ptr<const std::string> text)
    : document_(std::move(document)), text_(std::move(text)), lines_(*text_) {
    const doc::WorkbookView workbook(*document_);
    for (const auto& page : workbook.pages())
        pages_.push_back({std::string(page.id()), std::string(page.name()), page.pointer()});
    for (const auto& element : workbook.elements()) {
        ElementEntry entry{std::string(element.id()), std::string(element.name()), std::string(element.kind()),
                           std::string(element.controlId()), element.pointer(), {}};
        for (const auto& column : element.columns())
            entry.columns.push_back({std::string(column.id()), std::string(column.name()), std::string(column.formula()), column.pointer()});
        const auto start = positionOf(entry.pointer);
        elementLines_.push_back(start ? start->line : -1);
        elements_.push_back(std::move(entry));
    }
    if (const std::string_view layout = workbook.layout(); !layout.empty()) layout_ = doc::parseLayout(layout).tree;
}

std::optional<Position> WorkbookIndex::positionOf(const std::string& pointer) const {
    const doc::SourcePos pos = document_->positions.find(pointer);
    if (pos.line <= 0) return std::nullopt;
    return lines_.position(lines_.offsetOfCodePoint(pos.line, pos.column));
}

const ElementEntry* WorkbookIndex::findElement(std::string_view id) const {
    for (const auto& e : elements_)
        if (e.id == id) return &e;
    return nullptr;
}

const ElementEntry* WorkbookIndex::findControl(std::string_view controlId) const {
    for (const auto& e : elements_)
        if (!e.controlId.empty() && e.controlId == controlId) return &e;
    return nullptr;
}

const ElementEntry* WorkbookIndex::elementAtLine(int line) const {
    const ElementEntry* found = nullptr;
    for (std::size_t i = 0; i < elements_.size(); ++i)
        if (elementLines_[i] >= 0 && elementLines_[i] <= line) found = &elements_[i];
    // A line past the last element's end (the layout, a later section) belongs to no element.
    if (found) {
        const auto range = objectRange(found->pointer);
        if (range && line > range->end.line) return nullptr;
    }
    return found;
}

ResolvedReference WorkbookIndex::resolve(std::string_view reference, const ElementEntry* context) const {
    const std::size_t slash = reference.find('/');
    if (slash != std::string_view::npos) {
        const std::string_view prefix = reference.substr(0, slash);
        const std::string_view name = reference.substr(slash + 1);
        for (const auto& e : elements_)
            if (e.name == prefix || e.id == prefix)
                if (const ColumnEntry* column = e.findColumnByName(name)) return {&e, column};
        return {};
    }
    if (context)
        if (const ColumnEntry* column = context->findColumnByName(reference)) return {context, column};
    if (const ElementEntry* control = findControl(reference)) return {control, nullptr};
    return {};
}

std::string WorkbookIndex::columnType(const ElementEntry& element, const ColumnEntry& column) const {
    return columnTypeAt(element, column, 0);
}

std::string WorkbookIndex::columnTypeAt(const ElementEntry& element, const ColumnEntry& column, int depth) const {
    if (depth > kMaxReferenceDepth || column.formula.empty()) return {};
    const auto parsed = formula::parseFormula(column.formula);
    if (!parsed.ok()) return {};
    std::vector<std::string> references;
    collectReferenceNames(*parsed.root, references);
    formula::CheckContext context;
    for (const auto& reference : references) {
        const ResolvedReference resolved = resolve(reference, &element);
        formula::Type type = formula::Type::Unknown;
        if (resolved.column && resolved.column != &column) {
            const std::string name = columnTypeAt(*resolved.element, *resolved.column, depth + 1);
            for (auto candidate : {formula::Type::Number, formula::Type::Integer, formula::Type::Text, formula::Type::Date,
                                   formula::Type::Datetime, formula::Type::Logical, formula::Type::Variant})
                if (formula::typeName(candidate) == name) type = candidate;
        }
        if (resolved.isControl()) context.controls.insert(reference);
        else context.columns.emplace(reference, type);
    }
    const auto result = formula::checkExpression(*parsed.root, context);
    if (result.type == formula::Type::Unknown || result.type == formula::Type::Null) return {};
    return std::string(formula::typeName(result.type));
}

std::optional<Range> WorkbookIndex::valueRange(const std::string& pointer, std::string_view key) const {
    const std::string memberPointer = pointer + "/" + doc::escapePointerToken(key);
    try {
        if (!document_->root.contains(JsonPointer(memberPointer))) return std::nullopt;
    } catch (const std::exception&) {
        return std::nullopt;
    }
    const auto keyPosition = positionOf(memberPointer);
    if (!keyPosition) return std::nullopt;
    const std::string_view line = lines_.line(keyPosition->line);
    const std::size_t lineStart = lines_.offset({keyPosition->line, 0});
    const std::size_t column = lines_.offset(*keyPosition) - lineStart;
    const LineMember member = scanLineMember(line, column);
    if (!member.found || member.valueStart == member.valueEnd) {
        const std::size_t end = tokenEnd(line, column);
        return Range{*keyPosition, lines_.position(lineStart + end)};
    }
    return Range{lines_.position(lineStart + member.valueStart), lines_.position(lineStart + member.valueEnd)};
}

std::optional<Range> WorkbookIndex::objectRange(const std::string& pointer) const {
    const auto start = positionOf(pointer);
    if (!start) return std::nullopt;
    const Json* node = nullptr;
    try {
        node = &document_->root.at(JsonPointer(pointer));
    } catch (const std::exception&) {
        return std::nullopt;
    }
    // A JSON object or array: through its closing bracket (strings skipped; a loop, not a recursion).
    const std::string_view text = *text_;
    if (const std::size_t open = lines_.offset(*start); open < text.size() && (text[open] == '{' || text[open] == '[')) {
        const std::size_t close = scanJsonBrackets(text, open, [](std::size_t, int depth) { return depth == 0; });
        if (close != std::string_view::npos) return Range{*start, lines_.position(close + 1)};
    }
    Position last = *start;
    // Depth-first over the object's members, bounded: the latest position any nested value starts at.
    struct Step {
        const Json* node;
        std::string pointer;
        int depth;
    };
    std::vector<Step> stack{{node, pointer, 0}};
    while (!stack.empty()) {
        Step step = std::move(stack.back());
        stack.pop_back();
        if (auto p = positionOf(step.pointer); p && (p->line > last.line || (p->line == last.line && p->character > last.character)))
            last = *p;
        if (step.depth >= kMaxObjectDepth) continue;
        if (step.node->is_object()) {
            for (auto it = step.node->begin(); it != step.node->end(); ++it)
                stack.push_back({&*it, step.pointer + "/" + doc::escapePointerToken(it.key()), step.depth + 1});
        } else if (step.node->is_array()) {
            for (std::size_t i = 0; i < step.node->size(); ++i)
                stack.push_back({&(*step.node)[i], step.pointer + "/" + std::to_string(i), step.depth + 1});
        }
    }
    // A block scalar (a multi-line formula or the layout) runs on below its first line: follow its indentation.
    int endLine = last.line;
    const auto indentOf = [](std::string_view line) {
        std::size_t i = 0;
        while (i < line.size() && line[i] == ' ') ++i;
        return i;
    };
    const std::size_t baseIndent = indentOf(lines_.line(last.line));
    while (static_cast<std::size_t>(endLine + 1) < lines_.lineCount()) {
        const std::string_view next = lines_.line(endLine + 1);
        if (next.find_first_not_of(' ') == std::string_view::npos || indentOf(next) <= baseIndent) break;
        ++endLine;
    }
    return Range{*start, {endLine, static_cast<int>(lines_.position(lines_.offset({endLine, 0}) + lines_.line(endLine).size()).character)}};
}

} // namespace quire::lsp
