#include "document_commands.h"

#include <functional>
#include <set>

namespace quire::ide {

EditCommand::EditCommand(DocumentModel* model, QString text, std::vector<Change> changes, int mergeId)
    : model_(model), changes_(std::move(changes)), mergeId_(mergeId) {
    setText(text);
}

void EditCommand::redo() {
    for (auto& change : changes_) {
        if (!captured_) {
            const Json& root = model_->root();
            JsonPointer ptr(change.pointer);
            if (change.pointer.empty()) change.oldValue = root;
            else if (root.contains(ptr)) change.oldValue = root.at(ptr);
            else change.oldValue.reset();
        }
        model_->applyValue(change.pointer, change.newValue);
    }
    captured_ = true;
}

void EditCommand::undo() {
    for (auto it = changes_.rbegin(); it != changes_.rend(); ++it) model_->applyValue(it->pointer, it->oldValue);
}

bool EditCommand::mergeWith(const QUndoCommand* other) {
    auto* o = dynamic_cast<const EditCommand*>(other);
    if (!o || o->mergeId_ != mergeId_ || mergeId_ < 0 || o->changes_.size() != changes_.size()) return false;
    for (std::size_t i = 0; i < changes_.size(); ++i)
        if (changes_[i].pointer != o->changes_[i].pointer) return false;
    for (std::size_t i = 0; i < changes_.size(); ++i) changes_[i].newValue = o->changes_[i].newValue;
    return true;
}

QUndoCommand* makeSetValue(DocumentModel* model, const std::string& pointer, const Json& value, const QString& text,
                           int mergeId) {
    JsonPointer ptr(pointer);
    if (model->root().contains(ptr) && model->root().at(ptr) == value) return nullptr;
    return new EditCommand(model, text, {{pointer, value, std::nullopt}}, mergeId);
}

QUndoCommand* makeReplaceDocument(DocumentModel* model, const Json& newRoot, const QString& text) {
    if (newRoot == model->root()) return nullptr;
    return new EditCommand(model, text, {{"", newRoot, std::nullopt}});
}

namespace {

std::string layoutPointer(DocumentModel* model) { return model->bodyPointer() + "/layout"; }

doc::LayoutNode makeRegion(const std::string& id) {
    doc::LayoutNode page;
    page.kind = doc::LayoutNode::Kind::Page;
    page.tag = "Page";
    page.attributes = {{"type", "grid"}, {"gridTemplateColumns", "repeat(24, 1fr)"}, {"gridTemplateRows", "auto"}, {"id", id}};
    return page;
}

// Removes nodes whose handle is in ids (with their subtrees); collects every element handle removed.
void removeNodes(std::vector<doc::LayoutNode>& nodes, const std::set<std::string>& ids, std::set<std::string>& removed) {
    std::function<void(const doc::LayoutNode&)> collect = [&](const doc::LayoutNode& n) {
        if (!n.isRegion() && !n.handle().empty()) removed.insert(n.handle());
        for (const auto& c : n.children) collect(c);
    };
    for (auto it = nodes.begin(); it != nodes.end();) {
        if (!it->isRegion() && ids.count(it->handle())) {
            collect(*it);
            it = nodes.erase(it);
        } else {
            removeNodes(it->children, ids, removed);
            ++it;
        }
    }
}

} // namespace

QUndoCommand* makeSetGeometry(DocumentModel* model, const std::string& handle, doc::GridSpan column, doc::GridSpan row,
                              int mergeId) {
    doc::LayoutTree tree = model->layout();
    doc::LayoutNode* node = tree.find(handle);
    if (!node || node->isRegion()) return nullptr;
    if (node->gridColumn() == column && node->gridRow() == row) return nullptr;
    node->setGrid(column, row);
    return new EditCommand(model, QObject::tr("Move/resize %1").arg(QString::fromStdString(handle)),
                           {{layoutPointer(model), Json(doc::writeLayout(tree)), std::nullopt}}, mergeId);
}

QUndoCommand* makeAddElement(DocumentModel* model, const Json& element, const std::string& regionId,
                             doc::GridSpan column, doc::GridSpan row) {
    if (model->bodyPointer().empty()) return nullptr;
    doc::LayoutTree tree = model->layout();
    doc::LayoutNode* region = tree.find(regionId);
    if (!region) {
        tree.regions.push_back(makeRegion(regionId));
        region = &tree.regions.back();
    }
    // A tabbed container holds <Tab>s; new elements go into the first (the tab shown in design).
    if (region->kind == doc::LayoutNode::Kind::TabbedContainer)
        for (auto& tab : region->children)
            if (tab.kind == doc::LayoutNode::Kind::Tab) { region = &tab; break; }
    if (region->kind == doc::LayoutNode::Kind::Element) return nullptr; // leaves hold no children
    doc::LayoutNode leaf;
    const std::string kind = element.value("kind", "");
    leaf.kind = kind == "container" ? doc::LayoutNode::Kind::Container : doc::LayoutNode::Kind::Element;
    leaf.tag = kind == "container" ? "Container" : kind == "tabbed-container" ? "TabbedContainer" : "Element";
    if (kind == "tabbed-container") leaf.kind = doc::LayoutNode::Kind::TabbedContainer;
    leaf.attributes = {{"elementId", element.value("id", "")}};
    if (kind == "container")
        leaf.attributes.push_back({"type", "grid"});
    leaf.setGrid(column, row);
    if (kind == "container") {
        leaf.setAttribute("gridTemplateColumns", "repeat(24, 1fr)");
        leaf.setAttribute("gridTemplateRows", "auto");
    }
    if (kind == "tabbed-container") {
        std::size_t tabs = element.contains("tabs") && element["tabs"].is_array() ? element["tabs"].size() : 0;
        for (std::size_t i = 0; i < tabs; ++i) {
            doc::LayoutNode tab;
            tab.kind = doc::LayoutNode::Kind::Tab;
            tab.tag = "Tab";
            tab.attributes = {{"gridTemplateColumns", "repeat(24, 1fr)"}, {"gridTemplateRows", "auto"}};
            leaf.children.push_back(tab);
        }
    }
    region->children.push_back(leaf);
    Json elements = model->elements() ? *model->elements() : Json::array();
    elements.push_back(element);
    const std::string body = model->bodyPointer();
    return new EditCommand(model, QObject::tr("Add %1").arg(QString::fromStdString(kind)),
                           {{body + "/elements", elements, std::nullopt},
                            {body + "/layout", Json(doc::writeLayout(tree)), std::nullopt}});
}

QUndoCommand* makeDeleteElements(DocumentModel* model, const QStringList& ids) {
    if (ids.isEmpty() || !model->elements()) return nullptr;
    std::set<std::string> wanted;
    for (const auto& id : ids) wanted.insert(id.toStdString());
    doc::LayoutTree tree = model->layout();
    std::set<std::string> removed = wanted;
    for (auto& region : tree.regions) removeNodes(region.children, wanted, removed);
    Json elements = Json::array();
    for (const auto& e : *model->elements())
        if (!(e.is_object() && removed.count(e.value("id", "")))) elements.push_back(e);
    if (elements.size() == model->elements()->size()) return nullptr;
    const std::string body = model->bodyPointer();
    return new EditCommand(model, QObject::tr("Delete %n element(s)", nullptr, int(model->elements()->size() - elements.size())),
                           {{body + "/elements", elements, std::nullopt},
                            {body + "/layout", Json(doc::writeLayout(tree)), std::nullopt}});
}

QUndoCommand* makeAddPage(DocumentModel* model, const std::string& name) {
    if (model->bodyPointer().empty()) return nullptr;
    std::string id = model->uniqueElementId("page");
    Json pages = model->body()->value("pages", Json::array());
    pages.push_back({{"id", id}, {"name", name}});
    doc::LayoutTree tree = model->layout();
    tree.regions.push_back(makeRegion(id));
    const std::string body = model->bodyPointer();
    return new EditCommand(model, QObject::tr("Add page"),
                           {{body + "/pages", pages, std::nullopt},
                            {body + "/layout", Json(doc::writeLayout(tree)), std::nullopt}});
}

} // namespace quire::ide
