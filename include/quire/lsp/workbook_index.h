#pragma once
// What the language features need to know about one parsed workbook: its pages, elements (controls included),
// their columns, where each is defined, and how a formula reference resolves. Built from a doc::Document and
// the text it was read from, both shared (the index keeps them alive).
#include <quire/doc/document.h>
#include <quire/doc/layout.h>
#include <quire/lsp/text_lines.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quire::lsp {

struct ColumnEntry {
    std::string id, name, formula;
    std::string pointer; // of the column object
};

struct ElementEntry {
    std::string id, name, kind, controlId;
    std::string pointer; // of the element object
    std::vector<ColumnEntry> columns;
    const ColumnEntry* findColumnByName(std::string_view name) const;
    const ColumnEntry* findColumnById(std::string_view id) const;
};

struct PageEntry {
    std::string id, name;
    std::string pointer;
};

// A formula reference resolved against the workbook.
struct ResolvedReference {
    const ElementEntry* element = nullptr; // the element that defines the column (or the control)
    const ColumnEntry* column = nullptr;   // null for a control
    bool isControl() const { return element && !column; }
};

class WorkbookIndex {
public:
    // `text` is the text `document` was parsed from (positions are mapped through it).
    WorkbookIndex(std::shared_ptr<const doc::Document> document, std::shared_ptr<const std::string> text);
    WorkbookIndex(const WorkbookIndex&) = delete;
    WorkbookIndex& operator=(const WorkbookIndex&) = delete;

    const doc::Document& document() const { return *document_; }
    const LineIndex& lines() const { return lines_; }

    const std::vector<PageEntry>& pages() const { return pages_; }
    const std::vector<ElementEntry>& elements() const { return elements_; }
    const doc::LayoutTree& layout() const { return layout_; }

    const ElementEntry* findElement(std::string_view id) const;
    const ElementEntry* findControl(std::string_view controlId) const;
    // The element whose definition contains the 0-based line (the last one starting at or before it).
    const ElementEntry* elementAtLine(int line) const;

    // `[prefix/name]` (prefix = an element's name or id) or bare `[name]` (a column of `context`, else a control
    // id). Empty when the workbook does not define it (a warehouse column, a typo).
    ResolvedReference resolve(std::string_view reference, const ElementEntry* context) const;
    // The column's type as the formula checker infers it, following references into the workbook (bounded
    // depth); "" when it cannot tell (a warehouse column's type is not in the file).
    std::string columnType(const ElementEntry& element, const ColumnEntry& column) const;

    // The range of the value of member `key` of the object at `pointer` (the member's key when its value is not
    // on the key's line); nullopt when the file does not say where it is.
    std::optional<Range> valueRange(const std::string& pointer, std::string_view key) const;
    // Where the object at `pointer` starts and where its last nested value ends (a bounded walk).
    std::optional<Range> objectRange(const std::string& pointer) const;

private:
    std::string columnTypeAt(const ElementEntry& element, const ColumnEntry& column, int depth) const;
    std::optional<Position> positionOf(const std::string& pointer) const;

    std::shared_ptr<const doc::Document> document_;
    std::shared_ptr<const std::string> text_;
    LineIndex lines_;
    std::vector<PageEntry> pages_;
    std::vector<ElementEntry> elements_;
    std::vector<int> elementLines_; // 0-based start line of each element, -1 when unknown
    doc::LayoutTree layout_;
};

} // namespace quire::lsp
