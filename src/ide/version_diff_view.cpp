#include "version_diff_view.h"
#include "color_scheme.h"

#include "element_sql.h"
#include "line_diff.h"

#include <QHeaderView>
#include <QLabel>
#include <QApplication>
#include <QPainter>
#include <QScrollArea>
#include <QSplitter>
#include <QTabBar>
#include <QTextEdit>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <set>

namespace quire::ide {
namespace {

QString shortValue(const std::optional<Json>& value) {
    if (!value) return QObject::tr("(none)");
    QString text = QString::fromStdString(value->is_string() ? value->get<std::string>() : value->dump());
    text.replace('\n', QStringLiteral(" ⏎ "));
    return text.size() > 160 ? text.left(157) + "…" : text;
}

QColor changeColor(diff::ChangeKind kind) {
    switch (kind) {
    case diff::ChangeKind::Added: return onBase(QColor("#15803d"));
    case diff::ChangeKind::Removed: return onBase(QColor("#b91c1c"));
    case diff::ChangeKind::Changed: return onBase(QColor("#b45309"));
    case diff::ChangeKind::Reordered: return onBase(QColor("#6d28d9"));
    }
    return QApplication::palette().color(QPalette::Text);
}

QString changeSymbol(diff::ChangeKind kind) {
    switch (kind) {
    case diff::ChangeKind::Added: return "+";
    case diff::ChangeKind::Removed: return "−";
    case diff::ChangeKind::Changed: return "~";
    case diff::ChangeKind::Reordered: return "↕";
    }
    return "~";
}

// The element id of a layout field pointer "/nodes/<handle>/...", "" otherwise.
std::string layoutHandle(const std::string& pointer) {
    const std::string prefix = "/nodes/";
    if (pointer.rfind(prefix, 0) != 0) return {};
    const auto end = pointer.find('/', prefix.size());
    std::string token = pointer.substr(prefix.size(), end == std::string::npos ? std::string::npos : end - prefix.size());
    // Undo RFC 6901 escaping.
    for (std::size_t at = 0; (at = token.find("~1", at)) != std::string::npos;) token.replace(at, 2, "/");
    for (std::size_t at = 0; (at = token.find("~0", at)) != std::string::npos;) token.replace(at, 2, "~");
    return token;
}

QString escaped(const std::string& text) { return QString::fromStdString(text).toHtmlEscaped(); }

} // namespace

QHash<QString, DiffMark> VersionDiffView::marksFor(const diff::WorkbookDiff& diff) {
    QHash<QString, DiffMark> marks;
    std::set<std::string> elementIds;
    for (const auto& change : diff.changes) {
        if (change.collection != "elements") continue;
        const QString id = QString::fromStdString(change.id);
        switch (change.change) {
        case diff::ChangeKind::Added: marks[id] = DiffMark::Added; break;
        case diff::ChangeKind::Removed: marks[id] = DiffMark::Removed; break;
        case diff::ChangeKind::Changed: marks[id] = DiffMark::Changed; break;
        case diff::ChangeKind::Reordered: break;
        }
    }
    // Placement-only changes: the element itself is unchanged but its card moved or was resized.
    for (const auto& change : diff.changes) {
        if (change.collection != "layout" || change.change != diff::ChangeKind::Changed) continue;
        for (const auto& field : change.fields) {
            const QString handle = QString::fromStdString(layoutHandle(field.pointer));
            if (!handle.isEmpty() && !marks.contains(handle)) marks[handle] = DiffMark::Moved;
        }
    }
    return marks;
}

VersionDiffView::VersionDiffView(doc::Document before, doc::Document after, const QString& beforeLabel,
                                 const QString& afterLabel, QWidget* parent)
    : QWidget(parent), before_(std::move(before)) {
    setWindowTitle(tr("Compare %1 → %2").arg(beforeLabel, afterLabel));
    diff_ = diff::diffDocuments(before_, after);
    marks_ = marksFor(diff_);
    after_.setDocument(std::move(after));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    summary_ = new QLabel;
    summary_->setWordWrap(true);
    summary_->setTextFormat(Qt::RichText);
    int added = 0, changed = 0, removed = 0, moved = 0;
    for (DiffMark mark : marks_) {
        added += mark == DiffMark::Added;
        changed += mark == DiffMark::Changed;
        removed += mark == DiffMark::Removed;
        moved += mark == DiffMark::Moved;
    }
    const QColor window = QApplication::palette().color(QPalette::Window);
    const auto tone = [&](const char* light) { return readableOn(QColor(light), window).name(); };
    summary_->setText(tr("<b>%1</b> → <b>%2</b>: elements "
                         "<span style='color:%8'>%3 changed</span>, <span style='color:%9'>%4 added</span>, "
                         "<span style='color:%10'>%5 removed</span>, <span style='color:%11'>%6 moved</span>; "
                         "%7 differences in all")
                          .arg(beforeLabel.toHtmlEscaped(), afterLabel.toHtmlEscaped())
                          .arg(changed).arg(added).arg(removed).arg(moved).arg(diff_.changes.size())
                          .arg(tone("#b45309"), tone("#15803d"), tone("#b91c1c"), tone("#6d28d9")));
    layout->addWidget(summary_);

    auto* splitter = new QSplitter(Qt::Horizontal);
    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->setSpacing(0);
    canvas_ = new CanvasWidget(&after_);
    canvas_->setReadOnly(true);
    canvas_->setDiffMarks(marks_);
    canvas_->setGhostProvider([this](const QString& region, int width) { return ghosts(region, width); });
    // A snapshot has no live data: cards show what they are made of (column names, text), not a preview hint.
    canvas_->setContentPainter([this](QPainter& p, const QRect& area, const Json& element) {
        if (!element.contains("columns") || !element["columns"].is_array()) return false;
        QStringList names;
        for (const auto& c : element["columns"])
            if (c.is_object()) names << QString::fromStdString(c.value("name", c.value("id", "")));
        QFont f = canvas_->font();
        f.setPixelSize(11);
        p.setFont(f);
        p.setPen(QColor("#6b7280"));
        p.drawText(area, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, names.join("  ·  "));
        return true;
    });
    auto* scroll = new QScrollArea;
    scroll->setWidget(canvas_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    pages_ = new QTabBar;
    pages_->setShape(QTabBar::RoundedSouth);
    pages_->setDocumentMode(true);
    pages_->setExpanding(false);
    leftLayout->addWidget(scroll, 1);
    leftLayout->addWidget(pages_);
    for (const auto& [id, name] : after_.pages()) {
        // Pages with marked elements say how many.
        int count = 0;
        for (auto it = marks_.constBegin(); it != marks_.constEnd(); ++it)
            if (regionOf(it.key()) == QString::fromStdString(id)) ++count;
        const int i = pages_->addTab(QString::fromStdString(name) + (count ? QString(" (%1)").arg(count) : QString()));
        pages_->setTabData(i, QString::fromStdString(id));
    }
    connect(pages_, &QTabBar::currentChanged, this, [this](int i) {
        if (i >= 0) canvas_->setRegion(pages_->tabData(i).toString());
    });

    auto* right = new QSplitter(Qt::Vertical);
    differences_ = new QTreeWidget;
    differences_->setHeaderLabels({tr("Item / field"), tr("Before"), tr("After")});
    differences_->setAlternatingRowColors(true);
    differences_->header()->setSectionResizeMode(QHeaderView::Interactive);
    differences_->header()->setStretchLastSection(true);
    differences_->setColumnWidth(0, 280);
    differences_->setColumnWidth(1, 190);
    sql_ = new QTextEdit;
    sql_->setReadOnly(true);
    sql_->setLineWrapMode(QTextEdit::NoWrap);
    QFont mono("monospace");
    mono.setStyleHint(QFont::Monospace);
    mono.setPointSize(9);
    sql_->setFont(mono);
    right->addWidget(differences_);
    right->addWidget(sql_);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({880, 700});
    layout->addWidget(splitter, 1);

    fillDifferences();
    connect(differences_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        while (item && item->parent()) item = item->parent();
        if (item && item->data(0, Qt::UserRole + 1).toString() == "elements") focusElement(item->data(0, Qt::UserRole).toString());
    });
    // Open on the first page with a marked element.
    QString first;
    for (const auto& change : diff_.changes)
        if (change.collection == "elements" && !(first = regionOf(QString::fromStdString(change.id))).isEmpty()) break;
    if (first.isEmpty() && pages_->count()) first = pages_->tabData(0).toString();
    showRegion(first);
    focusElement({});
    resize(1500, 920);
}

void VersionDiffView::fillDifferences() {
    for (const auto& change : diff_.changes) {
        auto* item = new QTreeWidgetItem(differences_);
        const QString label = QString("%1 %2 %3").arg(changeSymbol(change.change), QString::fromStdString(change.collection),
                                                      QString::fromStdString(change.id));
        item->setText(0, change.kind.empty() ? label : label + QString(" (%1)").arg(QString::fromStdString(change.kind)));
        item->setForeground(0, changeColor(change.change));
        QFont bold = item->font(0);
        bold.setBold(true);
        item->setFont(0, bold);
        item->setData(0, Qt::UserRole, QString::fromStdString(change.id));
        item->setData(0, Qt::UserRole + 1, QString::fromStdString(change.collection));
        if (change.change == diff::ChangeKind::Changed) {
            for (const auto& field : change.fields) {
                auto* child = new QTreeWidgetItem(item);
                child->setText(0, QString::fromStdString(field.pointer.empty() ? "(whole)" : field.pointer));
                child->setText(1, shortValue(field.before));
                child->setText(2, shortValue(field.after));
                child->setToolTip(1, shortValue(field.before));
                child->setToolTip(2, shortValue(field.after));
                child->setForeground(1, onBase(QColor("#b91c1c")));
                child->setForeground(2, onBase(QColor("#15803d")));
            }
            item->setExpanded(change.collection == "elements");
        } else if (change.change == diff::ChangeKind::Added) {
            item->setText(2, tr("added"));
        } else if (change.change == diff::ChangeKind::Removed) {
            item->setText(1, tr("removed"));
        } else {
            item->setText(1, tr("order changed"));
        }
    }
    if (diff_.changes.empty()) new QTreeWidgetItem(differences_, {tr("no differences")});
}

void VersionDiffView::showRegion(const QString& regionId) {
    for (int i = 0; i < pages_->count(); ++i)
        if (pages_->tabData(i).toString() == regionId) pages_->setCurrentIndex(i);
    canvas_->setRegion(regionId);
}

QString VersionDiffView::regionOf(const QString& elementId) const {
    auto regionIn = [&](const doc::LayoutTree& tree) -> QString {
        for (const auto& region : tree.regions) {
            doc::LayoutTree single;
            single.regions.push_back(region);
            if (single.find(elementId.toStdString())) return QString::fromStdString(region.handle());
        }
        return {};
    };
    if (QString region = regionIn(after_.layout()); !region.isEmpty()) return region;
    // Removed elements: where they were.
    if (const Json* body = before_.contents(); body && body->contains("layout") && (*body)["layout"].is_string())
        return regionIn(doc::parseLayout((*body)["layout"].get<std::string>()).tree);
    return {};
}

std::vector<GhostCard> VersionDiffView::ghosts(const QString& regionId, int width) const {
    std::vector<GhostCard> out;
    const Json* body = before_.contents();
    if (!body || !body->contains("layout") || !(*body)["layout"].is_string()) return out;
    auto parsed = doc::parseLayout((*body)["layout"].get<std::string>());
    const doc::LayoutNode* region = parsed.tree.findRegion(regionId.toStdString());
    if (!region) return out;
    for (const auto& placed : placeRegion(*region, width, canvas_->metrics())) {
        const QString id = QString::fromStdString(placed.handle);
        if (!marks_.contains(id) || marks_.value(id) != DiffMark::Removed) continue;
        QString title = id;
        if (body->contains("elements") && (*body)["elements"].is_array())
            for (const auto& e : (*body)["elements"])
                if (e.is_object() && e.value("id", "") == placed.handle)
                    title = QString::fromStdString(e.value("name", e.value("text", placed.handle)));
        out.push_back({id, title, placed.rect});
    }
    return out;
}

void VersionDiffView::focusElement(const QString& elementId) {
    if (!elementId.isEmpty()) {
        const QString region = regionOf(elementId);
        if (!region.isEmpty() && region != canvas_->region()) showRegion(region);
        after_.setSelection({elementId});
    }
    const Json empty = Json::object();
    const Json& beforeBody = before_.contents() ? *before_.contents() : empty;
    const Json& afterBody = after_.body() ? *after_.body() : empty;
    QString html = "<div style='font-family:monospace; white-space:pre'>";
    int shown = 0;
    for (const auto& change : diff_.changes) {
        if (change.collection != "elements") continue;
        const QString id = QString::fromStdString(change.id);
        if (!elementId.isEmpty() && id != elementId) continue;
        const ElementSql before = elementSql(beforeBody, change.id);
        const ElementSql after = elementSql(afterBody, change.id);
        html += QString("<div style='background:#e5e7eb; font-weight:bold'>── %1 ──</div>").arg(id.toHtmlEscaped());
        if (before.sql.isEmpty() && after.sql.isEmpty()) {
            html += QString("<div style='color:%2'>no SQL: %1</div>")
                        .arg((after.note.isEmpty() ? before.note : after.note).toHtmlEscaped(), onBase(QColor("#6b7280")).name());
        } else if (before.sql == after.sql) {
            html += QString("<div style='color:%1'>%2</div>").arg(onBase(QColor("#6b7280")).name(), tr("SQL unchanged"));
        } else {
            for (const auto& line : diffLines(before.sql.toStdString(), after.sql.toStdString())) {
                switch (line.kind) {
                case DiffLine::Kind::Same: html += "<div>  " + escaped(line.text) + "</div>"; break;
                case DiffLine::Kind::Removed:
                    html += "<div style='background:#fee2e2; color:#991b1b'>- " + escaped(line.text) + "</div>";
                    break;
                case DiffLine::Kind::Added:
                    html += "<div style='background:#dcfce7; color:#166534'>+ " + escaped(line.text) + "</div>";
                    break;
                }
            }
        }
        ++shown;
    }
    if (!shown) html += "<div style='color:" + onBase(QColor("#6b7280")).name() + "'>" + tr("No element changed: no SQL to compare.") + "</div>";
    sql_->setHtml(html + "</div>");
}

} // namespace quire::ide
