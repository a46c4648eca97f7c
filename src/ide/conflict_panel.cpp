#include "conflict_panel.h"
#include "color_scheme.h"

#include "document_commands.h"

#include <quire/diff/workbook_diff.h>
#include <quire/doc/io.h>
#include <quire/vcs/conflict_markers.h>
#include <quire/vcs/repository.h>

#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace quire::ide {
namespace {

// The bytes of a file as the resolver reads them (bounded like every document read).
std::optional<std::string> readText(const QString& path, QString* error) {
    auto bytes = doc::readFileBytes(path.toStdString());
    if (!bytes) {
        if (error) *error = QString::fromStdString(bytes.message());
        return std::nullopt;
    }
    return std::move(*bytes);
}

QString valueText(const std::optional<Json>& value) {
    if (!value) return QObject::tr("(absent on this side)");
    if (value->is_string()) return QString::fromStdString(value->get<std::string>());
    return QString::fromStdString(doc::toYamlText(*value));
}

constexpr int kSideColumn = 2;

} // namespace

ConflictPanel::ConflictPanel(DocumentModel* model, QWidget* parent) : QWidget(parent), model_(model) {
    auto* layout = new QVBoxLayout(this);
    header_ = new QLabel;
    header_->setWordWrap(true);
    layout->addWidget(header_);
    auto* splitter = new QSplitter(Qt::Vertical);
    table_ = new QTableWidget(0, 3);
    table_->setHorizontalHeaderLabels({tr("Item"), tr("Conflict"), tr("Take")});
    table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    table_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    table_->verticalHeader()->hide();
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    splitter->addWidget(table_);
    // One row per side and differing field, so the values get the dock's whole width.
    fields_ = new QTableWidget(0, 3);
    fields_->setHorizontalHeaderLabels({tr("Field"), tr("Side"), tr("Value")});
    fields_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    fields_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    fields_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    fields_->verticalHeader()->hide();
    fields_->setWordWrap(true);
    fields_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    splitter->addWidget(fields_);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);
    resolveButton_ = new QPushButton(tr("Resolve, save and stage"));
    layout->addWidget(resolveButton_);
    connect(resolveButton_, &QPushButton::clicked, this, [this] {
        QString error;
        if (!resolve(&error)) header_->setText("<span style='color:" + toneColor(Tone::Error).name() + "'>" + error.toHtmlEscaped() + "</span>");
    });
    connect(table_, &QTableWidget::currentCellChanged, this, [this](int row) { showItem(row); });
    clear();
}

bool ConflictPanel::needsResolution(const QString& path) {
    QString error;
    if (auto text = readText(path, &error); text && vcs::hasConflictMarkers(*text)) return true;
    auto repo = vcs::Repository::discover(path.toStdString());
    if (!repo.ok() || !repo->mergeInProgress()) return false;
    auto relative = repo->relativePath(path.toStdString());
    if (!relative) return false;
    auto status = repo->fileStatus(*relative);
    return status.ok() && status->conflicted;
}

std::optional<doc::Document> ConflictPanel::prepare(const QString& path, QString* error) {
    clear();
    std::optional<std::string> base, ours, theirs;
    auto repo = vcs::Repository::discover(path.toStdString());
    std::optional<std::string> relative = repo.ok() ? repo->relativePath(path.toStdString()) : std::nullopt;
    if (repo.ok() && relative && repo->mergeInProgress()) {
        if (auto blobs = repo->conflict(*relative); blobs.ok()) {
            if (!blobs->ours || !blobs->theirs) {
                if (error) *error = tr("%1 was deleted on one side of the merge: keep or delete it with git (git add / git rm)").arg(path);
                return std::nullopt;
            }
            base = blobs->base;
            ours = blobs->ours;
            theirs = blobs->theirs;
        }
    }
    QString readError;
    auto text = readText(path, &readError);
    if (!ours) { // no merge in the index: the markers in the file
        if (!text) {
            if (error) *error = tr("Cannot read %1: %2").arg(path, readError);
            return std::nullopt;
        }
        Diagnostic markerError;
        auto sides = vcs::splitConflictMarkers(*text, &markerError);
        if (!sides) {
            markerError.location.file = path.toStdString();
            if (error) *error = QString::fromStdString(formatDiagnostic(markerError));
            return std::nullopt;
        }
        base = sides->base;
        ours = sides->ours;
        theirs = sides->theirs;
    }
    const doc::Format format = doc::detectFormat(path.toStdString(), *ours);
    std::vector<Diagnostic> diagnostics;
    auto threeWay = vcs::prepareThreeWay(base, *ours, *theirs, format, path.toStdString(), &diagnostics);
    if (!threeWay) {
        QStringList lines;
        for (const auto& d : diagnostics) lines << QString::fromStdString(formatDiagnostic(d));
        if (error) *error = tr("Cannot merge %1 element by element:\n%2").arg(path, lines.join('\n'));
        return std::nullopt;
    }
    path_ = path;
    threeWay_ = std::move(threeWay);
    fill();
    return threeWay_->ours;
}

void ConflictPanel::clear() {
    threeWay_.reset();
    path_.clear();
    table_->setRowCount(0);
    fields_->setRowCount(0);
    header_->setText(tr("No conflicts. Opening a workbook with git conflict markers, or one that a merge left "
                        "conflicted, shows its conflicts here, element by element."));
    resolveButton_->setEnabled(false);
}

void ConflictPanel::fill() {
    const auto& conflicts = threeWay_->conflicts;
    header_->setText(conflicts.empty()
                         ? tr("<b>%1</b>: every change merged element by element without a conflict. Resolve to save "
                              "the merged workbook and stage it.").arg(path_.toHtmlEscaped())
                         : tr("<b>%1</b>: %n item(s) changed on both sides. Everything else is merged. Pick a side "
                              "for each, then resolve.", nullptr, int(conflicts.size())).arg(path_.toHtmlEscaped()));
    table_->setRowCount(int(conflicts.size()));
    for (int row = 0; row < int(conflicts.size()); ++row) {
        const auto& c = conflicts[std::size_t(row)];
        table_->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(c.collection + " " + c.id)));
        table_->setItem(row, 1, new QTableWidgetItem(QString::fromStdString(c.reason)));
        auto* combo = new QComboBox;
        combo->addItem(tr("Ours"), int(vcs::Side::Ours));
        combo->addItem(tr("Theirs"), int(vcs::Side::Theirs));
        combo->addItem(tr("Base"), int(vcs::Side::Base));
        table_->setCellWidget(row, kSideColumn, combo);
    }
    resolveButton_->setEnabled(true);
    if (!conflicts.empty()) table_->setCurrentCell(0, 0);
}

void ConflictPanel::showItem(int row) {
    fields_->setRowCount(0);
    if (!threeWay_ || row < 0 || row >= int(threeWay_->conflicts.size())) return;
    const auto& c = threeWay_->conflicts[std::size_t(row)];
    // The fields in which any side differs from the base (from each other when there is no base).
    const Json none = Json::object();
    const Json& reference = c.base ? *c.base : c.ours ? *c.ours : none;
    std::vector<std::string> pointers;
    auto collect = [&](const std::optional<Json>& side) {
        if (!side) return;
        for (const auto& f : diff::diffJson(reference, *side))
            if (std::find(pointers.begin(), pointers.end(), f.pointer) == pointers.end()) pointers.push_back(f.pointer);
    };
    collect(c.ours);
    collect(c.theirs);
    if (!c.ours || !c.theirs || !c.base) pointers = {""}; // added or deleted on a side: the whole item
    auto at = [](const std::optional<Json>& side, const std::string& pointer) -> std::optional<Json> {
        if (!side) return std::nullopt;
        const Json::json_pointer p(pointer);
        if (!side->contains(p)) return std::nullopt;
        return side->at(p);
    };
    const QString sideNames[] = {tr("ours"), tr("base"), tr("theirs")};
    const QColor sideColors[] = {onBase(QColor("#1d4ed8")), onBase(QColor("#374151")), onBase(QColor("#b45309"))};
    fields_->setRowCount(int(pointers.size()) * 3);
    for (int i = 0; i < int(pointers.size()); ++i) {
        const std::string& pointer = pointers[std::size_t(i)];
        const std::optional<Json> values[] = {at(c.ours, pointer), at(c.base, pointer), at(c.theirs, pointer)};
        for (int side = 0; side < 3; ++side) {
            const int r = i * 3 + side;
            fields_->setItem(r, 0, new QTableWidgetItem(side ? QString() : pointer.empty() ? tr("(whole item)") : QString::fromStdString(pointer)));
            auto* name = new QTableWidgetItem(sideNames[side]);
            name->setForeground(sideColors[side]);
            fields_->setItem(r, 1, name);
            auto* value = new QTableWidgetItem(valueText(values[side]).trimmed());
            value->setToolTip(value->text());
            value->setForeground(sideColors[side]);
            fields_->setItem(r, 2, value);
        }
    }
    fields_->resizeRowsToContents();
}

void ConflictPanel::pick(int row, vcs::Side side) {
    if (auto* combo = qobject_cast<QComboBox*>(table_->cellWidget(row, kSideColumn)))
        combo->setCurrentIndex(combo->findData(int(side)));
}

vcs::Picks ConflictPanel::picks() const {
    vcs::Picks picks;
    if (!threeWay_) return picks;
    for (int row = 0; row < table_->rowCount(); ++row) {
        const auto& c = threeWay_->conflicts[std::size_t(row)];
        if (auto* combo = qobject_cast<QComboBox*>(table_->cellWidget(row, kSideColumn)))
            picks[{c.collection, c.id}] = vcs::Side(combo->currentData().toInt());
    }
    return picks;
}

bool ConflictPanel::resolve(QString* error) {
    if (!threeWay_) {
        if (error) *error = tr("Nothing to resolve");
        return false;
    }
    // Ours is what is open now, so edits made while resolving are kept.
    vcs::ThreeWay current = *threeWay_;
    current.ours.root = model_->root();
    const Json merged = vcs::resolveThreeWay(current, picks());
    if (auto* command = makeReplaceDocument(model_, merged, tr("Resolve conflicts"))) model_->undoStack()->push(command);
    if (!save_ || !save_()) {
        if (error) *error = tr("The resolution is applied but could not be saved; the file still has its conflicts.");
        return false;
    }
    QString message = tr("Resolved %1").arg(path_);
    auto repo = vcs::Repository::discover(path_.toStdString());
    if (repo.ok()) {
        if (auto relative = repo->relativePath(path_.toStdString())) {
            auto staged = repo->stage(*relative);
            if (!staged.ok()) {
                if (error) *error = tr("Saved, but not staged: %1").arg(QString::fromStdString(staged.error->message));
                return false;
            }
            message += tr(" and staged it; commit to finish the merge");
        }
    }
    clear();
    emit resolved(message);
    return true;
}

} // namespace quire::ide
