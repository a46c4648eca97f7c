#include "document_model.h"

#include <quire/validate/validator.h>

namespace quire::ide {

DocumentModel::DocumentModel(QObject* parent) : QObject(parent) {
    connect(&undoStack_, &QUndoStack::cleanChanged, this, &DocumentModel::fileStateChanged);
    connect(&undoStack_, &QUndoStack::indexChanged, this, [this] {
        revalidate();
        emit changed();
    });
}

DocumentModel::~DocumentModel() {
    // QUndoStack's destructor clears the stack and emits indexChanged; by then this model's other members are
    // gone, so it must not reach our handlers (they re-validate and notify widgets that read the model).
    undoStack_.disconnect(this);
    undoStack_.blockSignals(true);
}

void DocumentModel::setDocument(doc::Document document) {
    document_ = std::move(document);
    undoStack_.clear();
    selection_.clear();
    revalidate();
    emit documentReplaced();
    emit changed();
    emit fileStateChanged();
}

void DocumentModel::setRecoveredDocument(doc::Document document) {
    setDocument(std::move(document));
    undoStack_.resetClean(); // no state of the undo stack is the saved file any more
    emit fileStateChanged();
}

void DocumentModel::markSaved(const QString& path, doc::Format format, std::string savedText) {
    document_.path = path.toStdString();
    document_.format = format;
    document_.sourceText = std::make_shared<const std::string>(std::move(savedText));
    undoStack_.setClean();
    emit fileStateChanged();
}

void DocumentModel::applyValue(const std::string& pointer, const std::optional<Json>& value) {
    if (pointer.empty()) {
        if (value) document_.root = *value;
        return;
    }
    JsonPointer ptr(pointer);
    if (value) {
        document_.root[ptr] = *value;
    } else {
        Json& parent = document_.root[ptr.parent_pointer()];
        const std::string last = ptr.back();
        if (parent.is_object()) parent.erase(last);
        else if (parent.is_array()) parent.erase(static_cast<std::size_t>(std::stoul(last)));
    }
}

void DocumentModel::replaceRoot(const Json& root) { document_.root = root; }

std::string DocumentModel::bodyPointer() const { return document_.contentsPointer(); }

const Json* DocumentModel::elements() const {
    const Json* b = body();
    if (!b) return nullptr;
    auto it = b->find("elements");
    return it != b->end() && it->is_array() ? &*it : nullptr;
}

const Json* DocumentModel::findElement(const std::string& id, int* index) const {
    const Json* list = elements();
    if (!list) return nullptr;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const Json& e = (*list)[i];
        if (e.is_object() && e.value("id", "") == id) {
            if (index) *index = static_cast<int>(i);
            return &e;
        }
    }
    return nullptr;
}

std::vector<std::pair<std::string, std::string>> DocumentModel::pages() const {
    std::vector<std::pair<std::string, std::string>> out;
    const Json* b = body();
    if (!b) return out;
    auto it = b->find("pages");
    if (it == b->end() || !it->is_array()) return out;
    for (const auto& p : *it)
        if (p.is_object() && p.contains("id") && p["id"].is_string())
            out.emplace_back(p["id"].get<std::string>(), p.value("name", p["id"].get<std::string>()));
    return out;
}

doc::LayoutTree DocumentModel::layout() const {
    const Json* b = body();
    if (!b || !b->contains("layout") || !(*b)["layout"].is_string()) return {};
    auto parsed = doc::parseLayout((*b)["layout"].get<std::string>());
    return parsed.ok() ? parsed.tree : doc::LayoutTree{};
}

std::string DocumentModel::uniqueElementId(const std::string& stem) const {
    for (int n = 1;; ++n) {
        std::string id = stem + "-" + std::to_string(n);
        if (!findElement(id)) {
            // Layout handles and page ids share the namespace of layout nodes.
            auto tree = layout();
            if (!tree.find(id)) return id;
        }
    }
}

void DocumentModel::setSelection(const QStringList& ids) {
    if (ids == selection_) return;
    selection_ = ids;
    emit selectionChanged(selection_);
}

void DocumentModel::revalidate() {
    validation_ = validate::validate(document_);
    diagnostics_ = validation_;
    diagnostics_.insert(diagnostics_.end(), viewDiagnostics_.begin(), viewDiagnostics_.end());
    emit diagnosticsChanged();
}

void DocumentModel::setViewDiagnostics(std::vector<Diagnostic> diagnostics) {
    viewDiagnostics_ = std::move(diagnostics);
    diagnostics_ = validation_;
    diagnostics_.insert(diagnostics_.end(), viewDiagnostics_.begin(), viewDiagnostics_.end());
    emit diagnosticsChanged();
}

doc::Document newWorkbookDocument() {
    doc::Document d;
    d.format = doc::Format::Yaml;
    d.root = Json::parse(R"JSON({
  "name": "Untitled workbook",
  "contents": {
    "schemaVersion": 1,
    "kind": "workbook",
    "pages": [{"id": "page-1", "name": "Page 1"}],
    "elements": [],
    "layout": "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Page type=\"grid\" gridTemplateColumns=\"repeat(24, 1fr)\" gridTemplateRows=\"auto\" id=\"page-1\"/>\n"
  }
})JSON");
    return d;
}

} // namespace quire::ide
