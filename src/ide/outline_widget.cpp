#include "outline_widget.h"
#include "color_scheme.h"

#include "element_templates.h"
#include "kind_style.h"

#include <QHeaderView>
#include <QColor>
#include <QItemSelection>

#include <functional>
#include <set>
#include <unordered_map>

namespace quire::ide {

struct OutlineModel::Node {
    QString text;
    QString id;
    QString type;     // "element", "region" or "" (a group, a tab, a connection)
    QString kind;     // icon: element kind or "page"/"overlay"; "" for none
    QString control;  // icon: control type
    bool missing = false;
    bool controlRow = false; // a row of the Controls group (its text is the control id, not the name)
    Node* parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;

    Node* add(QString text_, QString id_ = {}, QString type_ = {}) {
        auto node = std::make_unique<Node>();
        node->text = std::move(text_);
        node->id = std::move(id_);
        node->type = std::move(type_);
        node->parent = this;
        node->row = int(children.size());
        children.push_back(std::move(node));
        return children.back().get();
    }
    // Two nodes are the same row when they show the same thing; a rename is a change of the same row.
    bool sameRow(const Node& other) const {
        return type == other.type && (type.isEmpty() ? text == other.text : id == other.id);
    }
    bool sameLook(const Node& other) const {
        return text == other.text && kind == other.kind && control == other.control && missing == other.missing;
    }
};

namespace {

// A string member, or `fallback` when it is absent or not a string (a hand-edited `kind: 7` is a finding of the
// validator, never an exception here).
std::string outlineText(const Json& object, const char* key, const std::string& fallback = {}) {
    if (!object.is_object()) return fallback;
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : fallback;
}

// The fresh tree of the document (the same content the outline always showed).
std::unique_ptr<OutlineModel::Node> buildTree(const DocumentModel& model) {
    using Node = OutlineModel::Node;
    auto root = std::make_unique<Node>();
    const doc::LayoutTree& tree = model.layout();
    std::set<std::string> placed;
    // id -> the first element with it (what DocumentModel::findElement answers), built once: a search per
    // placed element would be quadratic in a workbook of 20,000 elements.
    std::unordered_map<std::string, const Json*> byId;
    if (const Json* list = model.elements())
        for (const auto& e : *list) {
            if (!e.is_object()) continue;
            auto id = e.find("id");
            if (id == e.end()) byId.emplace(std::string(), &e);
            else if (id->is_string()) byId.emplace(id->get<std::string>(), &e);
        }
    auto elementNode = [&](Node* parent, const std::string& id) {
        const auto found = byId.find(id);
        const Json* e = found == byId.end() ? nullptr : found->second;
        const std::string kind = e ? outlineText(*e, "kind") : "";
        const std::string controlType = e ? outlineText(*e, "controlType") : "";
        QString name = e && e->contains("name") && (*e)["name"].is_string() ? QString::fromStdString((*e)["name"].get<std::string>())
                                                                            : kindLabel(kind, controlType);
        Node* node = parent->add(name + "  (" + QString::fromStdString(id) + ")", QString::fromStdString(id), "element");
        node->kind = QString::fromStdString(kind);
        node->control = QString::fromStdString(controlType);
        node->missing = !e;
        placed.insert(id);
        return node;
    };
    // Layout trees are bounded by the document reader's depth limit (512).
    std::function<void(Node*, const doc::LayoutNode&)> addChildren = [&](Node* parent, const doc::LayoutNode& node) {
        for (const auto& child : node.children) {
            if (child.kind == doc::LayoutNode::Kind::Tab) {
                addChildren(parent->add(QObject::tr("Tab")), child);
                continue;
            }
            addChildren(elementNode(parent, child.handle()), child);
        }
    };
    const Json* body = model.body();
    auto addRegions = [&](const char* key, const QString& title) {
        if (!body || !body->contains(key) || !(*body)[key].is_array() || (*body)[key].empty()) return;
        Node* group = root->add(title);
        for (const auto& r : (*body)[key]) {
            if (!r.is_object()) continue;
            const std::string id = outlineText(r, "id");
            Node* item = group->add(QString::fromStdString(outlineText(r, "name", id)), QString::fromStdString(id), "region");
            item->kind = std::string(key) == "pages" ? "page" : "overlay";
            if (const auto* region = tree.findRegion(id)) addChildren(item, *region);
        }
    };
    addRegions("pages", QObject::tr("Pages"));
    addRegions("overlays", QObject::tr("Overlays"));
    addRegions("panels", QObject::tr("Panels"));
    if (const Json* list = model.elements()) {
        Node* unplaced = nullptr;
        Node* controls = nullptr;
        std::set<std::string> connections;
        for (const auto& e : *list) {
            if (!e.is_object()) continue;
            const std::string id = outlineText(e, "id");
            if (outlineText(e, "kind") == "control") {
                if (!controls) controls = root->add(QObject::tr("Controls"));
                Node* c = controls->add(QString::fromStdString(outlineText(e, "controlId", id)) + "  (" +
                                            QString::fromStdString(outlineText(e, "controlType")) + ")",
                                        QString::fromStdString(id), "element");
                c->kind = "control";
                c->control = QString::fromStdString(outlineText(e, "controlType"));
                c->controlRow = true;
            }
            if (!placed.count(id)) {
                if (!unplaced) unplaced = root->add(QObject::tr("Not placed"));
                elementNode(unplaced, id);
            }
            // Connections named by the element's source (a flat look: source.connectionId and join/union legs).
            const auto source = e.find("source");
            if (source == e.end()) continue;
            std::vector<const Json*> pending{&*source};
            for (std::size_t i = 0; i < pending.size() && i < 10000; ++i) {
                const Json& v = *pending[i];
                if (v.is_object()) {
                    if (v.contains("connectionId") && v["connectionId"].is_string()) connections.insert(v["connectionId"].get<std::string>());
                    for (const auto& [k, c] : v.items()) pending.push_back(&c);
                } else if (v.is_array()) {
                    for (const auto& c : v) pending.push_back(&c);
                }
            }
        }
        if (!connections.empty()) {
            Node* group = root->add(QObject::tr("Connections"));
            for (const auto& c : connections) group->add(QString::fromStdString(c));
        }
    }
    return root;
}

} // namespace

OutlineModel::OutlineModel(DocumentModel* model, QObject* parent)
    : QAbstractItemModel(parent), model_(model), root_(std::make_unique<Node>()) {
    connect(model_, &DocumentModel::changed, this, &OutlineModel::refresh);
}

OutlineModel::~OutlineModel() = default;

QModelIndex OutlineModel::indexFor(const Node* node) const {
    if (!node || node == root_.get()) return {};
    return createIndex(node->row, 0, const_cast<Node*>(node));
}

QModelIndex OutlineModel::index(int row, int column, const QModelIndex& parent) const {
    const Node* p = parent.isValid() ? static_cast<const Node*>(parent.internalPointer()) : root_.get();
    if (column != 0 || row < 0 || row >= int(p->children.size())) return {};
    return createIndex(row, 0, p->children[std::size_t(row)].get());
}

QModelIndex OutlineModel::parent(const QModelIndex& child) const {
    if (!child.isValid()) return {};
    return indexFor(static_cast<const Node*>(child.internalPointer())->parent);
}

int OutlineModel::rowCount(const QModelIndex& parent) const {
    const Node* p = parent.isValid() ? static_cast<const Node*>(parent.internalPointer()) : root_.get();
    return int(p->children.size());
}

int OutlineModel::columnCount(const QModelIndex&) const { return 1; }

Qt::ItemFlags OutlineModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) return Qt::NoItemFlags;
    const Node* node = static_cast<const Node*>(index.internalPointer());
    // Group headings are not selectable (as before); everything else is.
    return node->type.isEmpty() && !node->children.empty() && node->parent == root_.get() ? Qt::ItemIsEnabled
                                                                                         : Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

QVariant OutlineModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) return {};
    const Node* node = static_cast<const Node*>(index.internalPointer());
    switch (role) {
    case Qt::DisplayRole: return node->text;
    case Qt::DecorationRole: {
        if (node->kind.isEmpty()) return {};
        const QString key = node->kind + "|" + node->control;
        auto it = icons_.find(key);
        if (it == icons_.end()) it = icons_.insert(key, kindIcon(node->kind.toStdString(), node->control.toStdString()));
        return *it;
    }
    case Qt::ForegroundRole: return node->missing ? QVariant(onBase(QColor("#dc2626"))) : QVariant();
    case IdRole: return node->id;
    case TypeRole: return node->type;
    }
    return {};
}

QModelIndexList OutlineModel::indexesOf(const QString& id) const {
    QModelIndexList out;
    for (auto it = byId_.find(id); it != byId_.end() && it.key() == id; ++it) out << indexFor(*it);
    return out;
}

void OutlineModel::refresh() {
    if (refreshInPlace()) return;
    std::unique_ptr<Node> fresh = buildTree(*model_);
    merge(root_.get(), *fresh);
    reindex();
}

// The outline's rows come from the elements' id, kind, controlType, controlId, source and name. A command that
// changed only other members of elements, or their names, changes no row but the text of the renamed elements'
// rows: that is done in place, without building the tree of a 20,000-element workbook again.
bool OutlineModel::refreshInPlace() {
    const DocumentModel::Change& change = model_->lastChange();
    const Json* list = model_->elements();
    if (change.structural || change.elements.empty() || !list || root_->children.empty()) return false;
    for (const auto& [index, members] : change.elements) {
        if (index >= list->size()) return false;
        for (const std::string& member : members)
            if (member == "id" || member == "kind" || member == "controlType" || member == "controlId" || member == "source" || member == "*")
                return false;
    }
    for (const auto& [index, members] : change.elements) {
        if (!members.count("name")) continue;
        const Json& e = (*list)[index];
        if (!e.is_object()) return false;
        const auto idMember = e.find("id");
        if (idMember != e.end() && !idMember->is_string()) return false;
        const std::string id = idMember == e.end() ? std::string() : idMember->get<std::string>();
        int first = -1;
        model_->findElement(id, &first);
        if (first != int(index)) continue; // the rows of this id show an earlier element with it
        const std::string kind = outlineText(e, "kind");
        const std::string controlType = outlineText(e, "controlType");
        const QString name = e.contains("name") && e["name"].is_string() ? QString::fromStdString(e["name"].get<std::string>()) : kindLabel(kind, controlType);
        const QString text = name + "  (" + QString::fromStdString(id) + ")";
        const QString key = QString::fromStdString(id);
        for (auto it = byId_.find(key); it != byId_.end() && it.key() == key; ++it) {
            auto* node = const_cast<Node*>(*it);
            if (node->controlRow || node->text == text) continue;
            node->text = text;
            const QModelIndex at = indexFor(node);
            emit dataChanged(at, at);
        }
    }
    return true;
}

// Brings `current` (shown) to the content of `fresh` with the fewest signals: its own look, then its
// children matched by identity; the unmatched span between the equal head and tail is replaced.
void OutlineModel::merge(Node* current, Node& fresh) {
    if (current != root_.get() && !current->sameLook(fresh)) {
        current->text = fresh.text;
        current->kind = fresh.kind;
        current->control = fresh.control;
        current->missing = fresh.missing;
        const QModelIndex at = indexFor(current);
        emit dataChanged(at, at);
    }
    auto& mine = current->children;
    auto& theirs = fresh.children;
    std::size_t head = 0;
    while (head < mine.size() && head < theirs.size() && mine[head]->sameRow(*theirs[head])) ++head;
    std::size_t tail = 0;
    while (tail < mine.size() - head && tail < theirs.size() - head &&
           mine[mine.size() - 1 - tail]->sameRow(*theirs[theirs.size() - 1 - tail]))
        ++tail;
    const std::size_t oldMiddle = mine.size() - head - tail;
    const std::size_t newMiddle = theirs.size() - head - tail;
    const QModelIndex parentIndex = indexFor(current);
    if (oldMiddle > 0) {
        beginRemoveRows(parentIndex, int(head), int(head + oldMiddle - 1));
        mine.erase(mine.begin() + std::ptrdiff_t(head), mine.begin() + std::ptrdiff_t(head + oldMiddle));
        for (std::size_t i = head; i < mine.size(); ++i) mine[i]->row = int(i);
        endRemoveRows();
    }
    if (newMiddle > 0) {
        beginInsertRows(parentIndex, int(head), int(head + newMiddle - 1));
        for (std::size_t i = 0; i < newMiddle; ++i) {
            auto& node = theirs[head + i];
            node->parent = current;
            mine.insert(mine.begin() + std::ptrdiff_t(head + i), std::move(node));
        }
        for (std::size_t i = head; i < mine.size(); ++i) mine[i]->row = int(i);
        endInsertRows();
    }
    // The matched head and tail: same rows, maybe a new look or new children. Layout depth is bounded by the
    // document reader's limit (512), so this recursion is too.
    for (std::size_t i = 0; i < head; ++i) merge(mine[i].get(), *theirs[i]);
    for (std::size_t i = 0; i < tail; ++i) merge(mine[mine.size() - 1 - i].get(), *theirs[theirs.size() - 1 - i]);
}

void OutlineModel::reindex() {
    byId_.clear();
    std::vector<const Node*> pending{root_.get()};
    while (!pending.empty()) {
        const Node* node = pending.back();
        pending.pop_back();
        if (node->type == "element") byId_.insert(node->id, node);
        for (const auto& child : node->children) pending.push_back(child.get());
    }
}

OutlineWidget::OutlineWidget(DocumentModel* model, QWidget* parent)
    : QTreeView(parent), model_(model), outline_(new OutlineModel(model, this)) {
    setModel(outline_);
    setHeaderHidden(true);
    setUniformRowHeights(true);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    // New rows open expanded, as the whole outline used to be; rows the user collapsed stay collapsed.
    connect(outline_, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex& parent, int first, int last) {
        if (parent.isValid()) expand(parent);
        for (int row = first; row <= last; ++row) expandRecursively(outline_->index(row, 0, parent));
    });
    connect(model_, &DocumentModel::changed, this, &OutlineWidget::syncSelection);
    connect(model_, &DocumentModel::selectionChanged, this, &OutlineWidget::syncSelection);
    connect(selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        if (syncing_) return;
        QStringList ids;
        for (const QModelIndex& index : selectionModel()->selectedRows())
            if (index.data(OutlineModel::TypeRole).toString() == "element") {
                const QString id = index.data(OutlineModel::IdRole).toString();
                if (!ids.contains(id)) ids << id;
            }
        model_->setSelection(ids);
    });
    connect(this, &QTreeView::clicked, this, [this](const QModelIndex& index) {
        const QString type = index.data(OutlineModel::TypeRole).toString();
        if (type == "region") emit regionActivated(index.data(OutlineModel::IdRole).toString());
        else if (type == "element")
            for (QModelIndex p = index.parent(); p.isValid(); p = p.parent())
                if (p.data(OutlineModel::TypeRole).toString() == "region") {
                    emit regionActivated(p.data(OutlineModel::IdRole).toString());
                    break;
                }
    });
    outline_->refresh();
    syncSelection();
}

void OutlineWidget::syncSelection() {
    syncing_ = true;
    QItemSelection selection;
    for (const QString& id : model_->selection())
        for (const QModelIndex& index : outline_->indexesOf(id)) selection.select(index, index);
    selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    syncing_ = false;
}

} // namespace quire::ide
