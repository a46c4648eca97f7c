#include <quire/lsp/features.h>

#include <set>

namespace quire::lsp {
namespace {

// LSP SymbolKind values.
constexpr int kSymbolNamespace = 3;
constexpr int kSymbolField = 8;
constexpr int kSymbolVariable = 13;
constexpr int kSymbolObject = 19;
constexpr int kMaxLayoutDepth = 32;

Json symbol(const std::string& name, const std::string& detail, int kind, const Range& range, const Range& selection) {
    Json out = {{"name", name.empty() ? std::string("(unnamed)") : name}, {"kind", kind}, {"range", toJson(range)},
                {"selectionRange", toJson(selection)}, {"children", Json::array()}};
    if (!detail.empty()) out["detail"] = detail;
    return out;
}

// The selection range must lie inside the range: fall back to the range's start when it does not.
Range selectionWithin(const std::optional<Range>& selection, const Range& range) {
    if (!selection) return {range.start, range.start};
    auto before = [](Position a, Position b) { return a.line < b.line || (a.line == b.line && a.character < b.character); };
    if (before(selection->start, range.start) || before(range.end, selection->end)) return {range.start, range.start};
    return *selection;
}

class SymbolBuilder {
public:
    explicit SymbolBuilder(const WorkbookIndex& index) : index_(index) {}

    std::optional<Json> element(const ElementEntry& e) {
        if (!placed_.insert(&e).second) return std::nullopt; // placed twice: listed once
        const auto range = index_.objectRange(e.pointer);
        if (!range) return std::nullopt;
        const Range selection = selectionWithin(index_.valueRange(e.pointer, "id"), *range);
        const bool control = !e.controlId.empty() || e.kind == "control";
        Json out = symbol(e.name.empty() ? e.id : e.name, e.kind + " " + e.id, control ? kSymbolVariable : kSymbolObject, *range,
                          selection);
        for (const auto& c : e.columns) {
            const auto columnRange = index_.objectRange(c.pointer);
            if (!columnRange) continue;
            out["children"].push_back(symbol(c.name.empty() ? c.id : c.name, c.id, kSymbolField, *columnRange,
                                              selectionWithin(index_.valueRange(c.pointer, "name"), *columnRange)));
        }
        return out;
    }

    // The elements a layout node places, containers holding theirs.
    void placedUnder(const doc::LayoutNode& node, Json& children, int depth) {
        if (depth > kMaxLayoutDepth) return;
        for (const auto& child : node.children) {
            const ElementEntry* e = child.handle().empty() ? nullptr : index_.findElement(child.handle());
            if (!e) {
                placedUnder(child, children, depth + 1); // a <Tab>, or an unknown wrapper
                continue;
            }
            auto entry = element(*e);
            if (!entry) continue;
            placedUnder(child, (*entry)["children"], depth + 1);
            children.push_back(std::move(*entry));
        }
    }

    Json build() {
        Json out = Json::array();
        for (const auto& page : index_.pages()) {
            const auto range = index_.objectRange(page.pointer);
            if (!range) continue;
            Json entry = symbol(page.name.empty() ? page.id : page.name, "page " + page.id, kSymbolNamespace, *range,
                                selectionWithin(index_.valueRange(page.pointer, "id"), *range));
            if (const doc::LayoutNode* region = index_.layout().findRegion(page.id)) placedUnder(*region, entry["children"], 0);
            out.push_back(std::move(entry));
        }
        for (const auto& e : index_.elements())
            if (auto entry = element(e)) out.push_back(std::move(*entry));
        return out;
    }

private:
    const WorkbookIndex& index_;
    std::set<const ElementEntry*> placed_;
};

} // namespace

Json documentSymbols(const WorkbookIndex& index) { return SymbolBuilder(index).build(); }

} // namespace quire::lsp
