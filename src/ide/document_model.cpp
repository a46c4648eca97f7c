#include "document_model.h"

#include <quire/doc/io.h>
#include <quire/validate/validator.h>

#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <utility>

namespace quire::ide {

namespace {

// A first validation's slice: this long between UI events, the first one of this many elements.
constexpr std::size_t kSliceMs = 50;
constexpr std::size_t kFirstSliceElements = 100;

// Whether two documents differ only in their body's elements (bodyKey: "contents" or "document"), without copying.
bool sameExceptElements(const Json& a, const Json& b, const std::string& bodyKey) {
    if (!a.is_object() || !b.is_object() || a.size() != b.size()) return false;
    for (auto it = a.begin(); it != a.end(); ++it) {
        auto other = b.find(it.key());
        if (other == b.end()) return false;
        if (it.key() != bodyKey) {
            if (*other != it.value()) return false;
            continue;
        }
        const Json& x = it.value();
        const Json& y = *other;
        if (!x.is_object() || !y.is_object() || x.size() != y.size()) return false;
        for (auto member = x.begin(); member != x.end(); ++member) {
            auto same = y.find(member.key());
            if (same == y.end() || (member.key() != "elements" && *same != member.value())) return false;
        }
    }
    return true;
}

} // namespace

DocumentModel::DocumentModel(QObject* parent) : QObject(parent) {
    sliceTimer_ = new QTimer(this);
    sliceTimer_->setSingleShot(true);
    sliceTimer_->setInterval(0);
    connect(sliceTimer_, &QTimer::timeout, this, &DocumentModel::validateSlice);
    connect(&undoStack_, &QUndoStack::cleanChanged, this, [this] {
        if (!sealing_) emit fileStateChanged();
    });
    connect(&undoStack_, &QUndoStack::indexChanged, this, [this] {
        if (replacing_) return;
        revalidate();
        lastChange_ = std::exchange(pendingChange_, Change{false, {}});
        emit changed();
        lastChange_ = Change{};
    });
}

DocumentModel::~DocumentModel() {
    // QUndoStack's destructor clears the stack and emits indexChanged; by then this model's other members are
    // gone, so it must not reach our handlers (they re-validate and notify widgets that read the model).
    undoStack_.disconnect(this);
    undoStack_.blockSignals(true);
}

void DocumentModel::setDocument(doc::Document document, EditLog log) {
    document_ = std::move(document);
    editLog_ = std::move(log);
    ++revision_;
    ++generation_;
    saving_ = false; // a save under way is of the document replaced (the window waits for saves first)
    layoutParsed_ = false;
    replacing_ = true; // the stack's indexChanged must not validate: the new document is validated below
    undoStack_.clear();
    replacing_ = false;
    pendingChange_ = Change{false, {}};
    selection_.clear();
    startValidation();
    emit documentReplaced();
    emit changed();
    emit fileStateChanged();
}

void DocumentModel::setRecoveredDocument(doc::Document document, EditLog log) {
    setDocument(std::move(document), std::move(log));
    undoStack_.resetClean(); // no state of the undo stack is the saved file any more
    emit fileStateChanged();
}

void DocumentModel::markSaved(const QString& path, doc::Format format, std::string savedText) {
    document_.path = path.toStdString();
    document_.format = format;
    document_.sourceText = std::make_shared<const std::string>(std::move(savedText));
    // The saved text reads as the document (a format-preserving save checked it by reading it back).
    editLog_ = EditLog{document_.sourceText, format, nullptr, {}};
    ++revision_;
    undoStack_.setClean();
    emit fileStateChanged();
}

DocumentModel::SaveTicket DocumentModel::beginSave() {
    if (!editLog_.hasBase()) editLog_.baseTree = std::make_shared<const Json>(document_.root);
    SaveTicket ticket;
    ticket.generation = generation_;
    ticket.revision = revision_;
    ticket.index = undoStack_.index();
    ticket.cleanIndexBefore = undoStack_.cleanIndex();
    ticket.wasClean = undoStack_.isClean();
    ticket.sourceText = document_.sourceText;
    ticket.sourceFormat = document_.format;
    ticket.documentPath = document_.path;
    editLog_.sealed = editLog_.entries.size();
    ticket.log = editLog_; // the base and the values are shared: copies of pointers only
    saving_ = true;
    savingClean_ = ticket.wasClean;
    // Neither isModified() nor the path changes here: no fileStateChanged (its listeners ask git for the status).
    sealing_ = true;
    undoStack_.setClean();
    sealing_ = false;
    return ticket;
}

bool DocumentModel::finishSave(const SaveTicket& ticket, const QString& path, doc::Format format,
                               std::shared_ptr<const std::string> savedText) {
    if (ticket.generation != generation_ || !saving_) return true;
    saving_ = false;
    const bool changed = revision_ != ticket.revision;
    document_.path = path.toStdString();
    document_.format = format;
    document_.sourceText = savedText;
    // The saved text reads as the snapshot's tree (the save read it back); the values set since go on from it.
    // A log re-based on a whole new tree since (a source edit) does not depend on the old base: it is kept.
    if (editLog_.baseText == ticket.log.baseText && editLog_.baseTree == ticket.log.baseTree &&
        editLog_.entries.size() >= ticket.log.entries.size()) {
        EditLog next{std::move(savedText), format, nullptr, {}};
        next.entries.assign(editLog_.entries.begin() + std::ptrdiff_t(ticket.log.entries.size()), editLog_.entries.end());
        editLog_ = std::move(next);
    }
    ++revision_;
    emit fileStateChanged();
    return changed;
}

void DocumentModel::abandonSave(const SaveTicket& ticket) {
    if (ticket.generation != generation_ || !saving_) return;
    saving_ = false;
    // The clean index before is still right when it was the snapshot's own. Another one may name a step that
    // an edit since merged into (the barrier was the snapshot's): none is clean then, which only means a save
    // the user did not strictly need. (QUndoStack cannot set a clean index other than the current one.)
    if (ticket.cleanIndexBefore != ticket.index && undoStack_.cleanIndex() == ticket.index) undoStack_.resetClean();
    emit fileStateChanged();
}

void DocumentModel::noteChange(const std::string& pointer, const Json* newRoot) {
    const std::string body = bodyPointer();
    const std::string prefix = body + "/elements/";
    // The elements were added, removed, moved or replaced whole: every index may mean another element now.
    auto elementsMoved = [this] {
        changedAll_ = true;
        pendingChange_.structural = true;
    };
    if (pointer.empty() && newRoot) {
        // The whole document (a source edit): the elements that differ, when none was added, removed or moved.
        const Json* before = elements();
        const Json* afterBody = body.empty() || !newRoot->contains(JsonPointer(body)) ? nullptr : &newRoot->at(JsonPointer(body));
        const Json* after = afterBody && afterBody->is_object() && afterBody->contains("elements") ? &(*afterBody)["elements"] : nullptr;
        if (!before || !after || !after->is_array() || before->size() != after->size()) return elementsMoved();
        // Anything besides the elements (layout, pages, the envelope) changed: the views rebuild, the per-element
        // findings stay (they depend on their element only).
        if (!sameExceptElements(document_.root, *newRoot, body.substr(1))) pendingChange_.structural = true;
        for (std::size_t i = 0; i < before->size(); ++i) {
            const Json& a = (*before)[i];
            const Json& b = (*after)[i];
            if (a.is_object() != b.is_object() || (a.is_object() && a.value("id", Json()) != b.value("id", Json())))
                return elementsMoved(); // an element moved: its index is not its identity any more
            if (a != b) {
                changedElements_.insert(i);
                pendingChange_.elements[i].insert("*");
            }
        }
        return;
    }
    if (body.empty() || pointer.rfind(prefix, 0) != 0) {
        // Outside the elements (layout, pages, the envelope), unless it holds them.
        if (pointer.empty() || pointer == body || pointer == body + "/elements") return elementsMoved();
        pendingChange_.structural = true;
        return;
    }
    // ".../elements/N/<member>...": element N changed in place; ".../elements/N" is one added, removed or replaced.
    const std::size_t slash = pointer.find('/', prefix.size());
    const std::string index = pointer.substr(prefix.size(), slash == std::string::npos ? std::string::npos : slash - prefix.size());
    if (slash == std::string::npos || index.empty() || index.size() > 9 || index.find_first_not_of("0123456789") != std::string::npos)
        return elementsMoved();
    const std::size_t member = pointer.find('/', slash + 1);
    changedElements_.insert(std::stoul(index));
    pendingChange_.elements[std::stoul(index)].insert(
        doc::unescapePointerToken(pointer.substr(slash + 1, member == std::string::npos ? std::string::npos : member - slash - 1)));
}

void DocumentModel::applyValue(const std::string& pointer, const std::optional<Json>& value) {
    noteChange(pointer, pointer.empty() && value ? &*value : nullptr);
    logValue(pointer, value ? &*value : nullptr);
    setValueAt(document_.root, pointer, value ? &*value : nullptr);
}

void DocumentModel::replaceRoot(const Json& root) {
    noteChange("", &root);
    logValue("", &root);
    document_.root = root;
}

void DocumentModel::logValue(const std::string& pointer, const Json* value) {
    // A document not read from a text (new, template, merged): its tree before the first edit is the base.
    if (!editLog_.hasBase()) editLog_.baseTree = std::make_shared<const Json>(document_.root);
    editLog_.record(pointer, value);
    ++revision_;
}

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
        const auto member = e.is_object() ? e.find("id") : e.end();
        if (e.is_object() && (member == e.end() ? id.empty() : member->is_string() && member->get_ref<const std::string&>() == id)) {
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
            out.emplace_back(p["id"].get<std::string>(), p.contains("name") && p["name"].is_string() ? p["name"].get<std::string>() : p["id"].get<std::string>());
    return out;
}

const doc::LayoutTree& DocumentModel::layout() const {
    const Json* b = body();
    const Json* text = b && b->contains("layout") && (*b)["layout"].is_string() ? &(*b)["layout"] : nullptr;
    if (!text) {
        layoutTree_ = {};
        layoutText_.clear();
        layoutParsed_ = false;
        return layoutTree_;
    }
    const auto& current = text->get_ref<const std::string&>();
    if (layoutParsed_ && current == layoutText_) return layoutTree_;
    auto parsed = doc::parseLayout(current);
    layoutTree_ = parsed.ok() ? std::move(parsed.tree) : doc::LayoutTree{};
    layoutText_ = current;
    layoutParsed_ = true;
    return layoutTree_;
}

std::string DocumentModel::uniqueElementId(const std::string& stem) const {
    for (int n = 1;; ++n) {
        std::string id = stem + "-" + std::to_string(n);
        if (!findElement(id)) {
            // Layout handles and page ids share the namespace of layout nodes.
            if (!layout().find(id)) return id;
        }
    }
}

void DocumentModel::setSelection(const QStringList& ids) {
    if (ids == selection_) return;
    selection_ = ids;
    emit selectionChanged(selection_);
}

void DocumentModel::startValidation() {
    validator_.invalidateAll();
    changedAll_ = false;
    changedElements_.clear();
    const Json* list = elements();
    if (!list || list->size() <= std::size_t(std::max(0, backgroundThreshold_))) {
        sliceTimer_->stop();
        validationPending_ = false;
        revalidate();
        return;
    }
    // A big workbook: the window is usable at once, Problems fills in when the last slice is done.
    validationPending_ = true;
    sliceElements_ = kFirstSliceElements;
    validation_.clear();
    publishDiagnostics();
    emit validationProgress(0, int(list->size()));
    sliceTimer_->start();
}

void DocumentModel::validateSlice() {
    if (!validationPending_) return;
    QElapsedTimer timer;
    timer.start();
    const std::size_t left = validator_.checkSomeElements(document_, sliceElements_);
    // The next slice takes about kSliceMs (each one also reads the control ids of the whole workbook).
    const qint64 took = std::max<qint64>(1, timer.elapsed());
    sliceElements_ = std::clamp<std::size_t>(sliceElements_ * kSliceMs / std::size_t(took), 20, 20000);
    const Json* list = elements();
    const int total = list ? int(list->size()) : 0;
    emit validationProgress(total - int(left), total);
    if (left > 0) {
        sliceTimer_->start();
        return;
    }
    validationPending_ = false;
    revalidate();
    emit validationFinished();
}

void DocumentModel::revalidate() {
    if (changedAll_) validator_.invalidateAll();
    for (std::size_t index : changedElements_) validator_.invalidateElement(index);
    changedAll_ = false;
    changedElements_.clear();
    if (validationPending_) return; // the slices check the changed elements too; the last one validates
    validation_ = validator_.validate(document_);
    publishDiagnostics();
}

void DocumentModel::publishDiagnostics() {
    diagnostics_ = validation_;
    diagnostics_.insert(diagnostics_.end(), viewDiagnostics_.begin(), viewDiagnostics_.end());
    emit diagnosticsChanged();
}

void DocumentModel::setViewDiagnostics(std::vector<Diagnostic> diagnostics) {
    viewDiagnostics_ = std::move(diagnostics);
    publishDiagnostics();
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
