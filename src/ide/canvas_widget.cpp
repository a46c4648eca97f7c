#include "canvas_widget.h"
#include "color_scheme.h"

#include "control_look.h"
#include "document_commands.h"
#include "element_templates.h"
#include "kind_style.h"

#include <QDateTime>
#include <QDragEnterEvent>
#include <QMimeData>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QToolTip>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace quire::ide {

CanvasWidget::CanvasWidget(DocumentModel* model, QWidget* parent) : QWidget(parent), model_(model) {
    setAcceptDrops(true);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAutoFillBackground(true);
    // The canvas is the workbook as Sigma shows it: light in both colour schemes (every role set, so the
    // application's dark palette does not reach the cards and their controls).
    QPalette pal = lightPalette();
    pal.setColor(QPalette::Window, QColor("#eef1f5"));
    setPalette(pal);
    connect(model_, &DocumentModel::changed, this, &CanvasWidget::refresh);
    connect(model_, &DocumentModel::selectionChanged, this, [this] { update(); });
    busyTimer_ = new QTimer(this);
    busyTimer_->setInterval(80);
    connect(busyTimer_, &QTimer::timeout, this, [this] { update(); });
}

QRect CanvasWidget::cancelButtonRect(const QRect& card) { return QRect(card.right() - 26, card.top() + 6, 18, 18); }

void CanvasWidget::setRegion(const QString& regionId) {
    const bool changed = regionId != regionId_;
    regionId_ = regionId;
    refresh();
    if (changed) emit regionChanged(regionId);
}

QString CanvasWidget::hiddenReason() const {
    const Json* body = model_->body();
    if (!body || !body->contains("pages") || !(*body)["pages"].is_array()) return {};
    for (const auto& page : (*body)["pages"]) {
        if (!page.is_object() || QString::fromStdString(page.value("id", "")) != regionId_ || !page.contains("visibility")) continue;
        const Json& v = page["visibility"];
        if (v.is_string() && v.get<std::string>() == "hidden") return tr("Hidden page");
        if (v.is_object() && v.value("kind", "") == "specific-users-and-teams") return tr("Specific users and teams");
    }
    return {};
}

void CanvasWidget::refresh() {
    // Only the region shown: a copy of the whole layout would be every page of a 400-page workbook.
    tree_ = {};
    if (const doc::LayoutNode* shown = model_->layout().findRegion(regionId_.toStdString())) tree_.regions.push_back(*shown);
    placed_.clear();
    if (const doc::LayoutNode* region = tree_.findRegion(regionId_.toStdString()))
        placed_ = placeRegion(*region, width(), metrics_);
    updateGeometry();
    int bottom = 0;
    for (const auto& p : placed_) bottom = std::max(bottom, p.rect.bottom());
    setMinimumHeight(std::max(600, bottom + 12 * metrics_.rowHeight));
    update();
}

std::vector<PlacedNode> CanvasWidget::placedNodes() const { return placed_; }

QSize CanvasWidget::sizeHint() const { return {1000, 800}; }

void CanvasWidget::resizeEvent(QResizeEvent*) { refresh(); }

void CanvasWidget::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRect page(metrics_.margin, metrics_.margin, width() - 2 * metrics_.margin, height() - 2 * metrics_.margin);
    p.fillRect(page, Qt::white);
    // Column guides of the 24-column grid.
    const double colWidth = page.width() / 24.0;
    p.setPen(QColor(236, 239, 244));
    for (int c = 1; c < 24; ++c) {
        int x = page.left() + int(c * colWidth);
        p.drawLine(x, page.top(), x, page.bottom());
    }
    if (!tree_.findRegion(regionId_.toStdString())) {
        p.setPen(QColor("#6b7280"));
        p.drawText(page, Qt::AlignCenter, tr("This page has no layout yet.\nDrag an element from the palette to start."));
    }
    anyBusy_ = false;
    hiddenBadges_.clear();
    for (const auto& node : placed_) paintCard(p, node, model_->findElement(node.handle));
    // Removed cards over the others: a card that took the place of a removed one must not hide the removal.
    if (ghostProvider_)
        for (const GhostCard& ghost : ghostProvider_(regionId_, width())) paintGhost(p, ghost);
    // Comparison marks last, so a frame or tag is never hidden under a neighbouring card.
    for (const auto& node : placed_)
        if (auto mark = diffMarks_.constFind(QString::fromStdString(node.handle)); mark != diffMarks_.constEnd())
            paintDiffMark(p, node.rect, *mark);
    if (anyBusy_ && !busyTimer_->isActive()) busyTimer_->start();
    else if (!anyBusy_ && busyTimer_->isActive()) busyTimer_->stop();
    if (dropPreview_) {
        p.setPen(QPen(QColor("#2563eb"), 2, Qt::DashLine));
        p.setBrush(QColor(37, 99, 235, 30));
        p.drawRoundedRect(*dropPreview_, 6, 6);
    }
    if (rubber_) {
        p.setPen(QPen(QColor("#2563eb"), 1, Qt::DashLine));
        p.setBrush(QColor(37, 99, 235, 20));
        p.drawRect(*rubber_);
    }
}

void CanvasWidget::paintCard(QPainter& p, const PlacedNode& node, const Json* element) const {
    const bool selected = model_->selection().contains(QString::fromStdString(node.handle));
    const std::string kind = element ? element->value("kind", "") : "";
    const bool container = node.node->kind == doc::LayoutNode::Kind::Container ||
                           node.node->kind == doc::LayoutNode::Kind::TabbedContainer;
    QPainterPath path;
    path.addRoundedRect(node.rect, 6, 6);
    p.fillPath(path, container ? QColor("#f8fafc") : Qt::white);
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(selected ? QColor("#2563eb") : element ? QColor("#d5dae1") : QColor("#dc2626"), selected ? 2 : 1,
                  container ? Qt::DashLine : Qt::SolidLine));
    p.drawPath(path);
    QRect header = node.rect.adjusted(10, 6, -10, 0);
    header.setHeight(18);
    if (node.rect.height() < 30) header.moveTop(node.rect.top() + (node.rect.height() - 18) / 2); // one-row card
    QRect badge(header.left(), header.top() + 1, 16, 16);
    paintKindBadge(p, badge, kind, element ? element->value("controlType", "") : "");
    QFont titleFont = font();
    titleFont.setPixelSize(12);
    titleFont.setBold(true);
    p.setFont(titleFont);
    p.setPen(QColor("#111827"));
    QString title;
    if (!element) title = tr("Missing element '%1'").arg(QString::fromStdString(node.handle));
    else if (element->contains("name") && (*element)["name"].is_string()) title = QString::fromStdString((*element)["name"].get<std::string>());
    else if (kind == "text") title = tr("Text");
    else if (kind == "button") title = QString::fromStdString(element->value("text", "Button"));
    else title = kindLabel(kind, element->value("controlType", ""));
    const bool busy = element && busyQuery_ && busyQuery_(QString::fromStdString(node.handle));
    // A one-row control shows its value box beside the title (controlValueArea).
    const bool control = kind == "control";
    const int reserved = (busy ? 48 : 0) + (control && controlValueArea(node.rect).top() <= node.rect.top() + 2 ? node.rect.width() / 2 : 0);
    p.drawText(header.adjusted(20, 0, -reserved, 0), Qt::AlignVCenter | Qt::AlignLeft,
               p.fontMetrics().elidedText(title, Qt::ElideRight, header.width() - 24 - reserved));
    if (busy) {
        anyBusy_ = true;
        const QRect button = cancelButtonRect(node.rect);
        // Spinner: a quarter arc turning with the clock.
        const QRect spin(button.left() - 20, button.top() + 2, 14, 14);
        p.setPen(QPen(QColor("#dbeafe"), 2));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(spin);
        p.setPen(QPen(QColor("#2563eb"), 2, Qt::SolidLine, Qt::RoundCap));
        p.drawArc(spin, -int((QDateTime::currentMSecsSinceEpoch() / 3) % 360) * 16, 100 * 16);
        p.setPen(QColor("#fca5a5"));
        p.setBrush(QColor("#fef2f2"));
        p.drawRoundedRect(button, 4, 4);
        p.setPen(QPen(QColor("#b91c1c"), 1.6));
        p.drawLine(button.center() + QPoint(-4, -4), button.center() + QPoint(4, 4));
        p.drawLine(button.center() + QPoint(-4, 4), button.center() + QPoint(4, -4));
    }
    if (element && node.node->kind == doc::LayoutNode::Kind::TabbedContainer && element->contains("tabs") && (*element)["tabs"].is_array()) {
        // The tab strip (the first tab is the one shown while designing).
        QFont tabFont = font();
        tabFont.setPixelSize(11);
        p.setFont(tabFont);
        int x = node.rect.left() + 10;
        const int y = node.rect.top() + 40;
        bool first = true;
        for (const auto& tab : (*element)["tabs"]) {
            const QString label = QString::fromStdString(tab.is_object() ? tab.value("name", "Tab") : "Tab");
            const int w = p.fontMetrics().horizontalAdvance(label) + 16;
            if (x + w > node.rect.right() - 8) break;
            p.setPen(first ? QColor("#2563eb") : QColor("#6b7280"));
            p.drawText(QRect(x, y - 14, w, 16), Qt::AlignCenter, label);
            if (first) p.fillRect(QRect(x + 4, y + 2, w - 8, 2), QColor("#2563eb"));
            x += w + 4;
            first = false;
        }
    }
    if (element && !container && (control || node.rect.height() > 30)) {
        const QRect content = control ? controlValueArea(node.rect) : node.rect.adjusted(10, 28, -10, -8);
        if (!(contentPainter_ && contentPainter_(p, content, *element))) paintDesignContent(p, content, *element);
    }
    if (const QString hidden = hiddenReason(); !hidden.isEmpty()) {
        // Viewers do not see this page: veil the card (its content stays readable) and say why on the outer ones.
        p.fillPath(path, QColor(241, 245, 249, 150));
        if (node.depth > 0) return;
        QFont badgeFont = font();
        badgeFont.setPixelSize(10);
        badgeFont.setBold(true);
        p.setFont(badgeFont);
        const QString text = QStringLiteral("⊘ ") + hidden;
        const int w = p.fontMetrics().horizontalAdvance(text) + 12;
        const QRect badgeRect(node.rect.right() - w - 8, node.rect.top() + 6, w, 16);
        p.setPen(Qt::NoPen);
        p.setBrush(QColor("#475569"));
        p.drawRoundedRect(badgeRect, 8, 8);
        p.setPen(Qt::white);
        p.drawText(badgeRect, Qt::AlignCenter, text);
        hiddenBadges_.insert(QString::fromStdString(node.handle), badgeRect);
    }
    if (selected && !readOnly_) {
        p.setPen(Qt::NoPen);
        p.setBrush(QColor("#2563eb"));
        p.drawRect(QRect(node.rect.right() - 7, node.rect.bottom() - 7, 8, 8));
    }
}

namespace {
QColor diffColor(DiffMark mark) {
    switch (mark) {
    case DiffMark::Added: return QColor("#16a34a");
    case DiffMark::Changed: return QColor("#d97706");
    case DiffMark::Moved: return QColor("#7c3aed");
    case DiffMark::Removed: return QColor("#dc2626");
    }
    return QColor("#d97706");
}
QString diffLabel(DiffMark mark) {
    switch (mark) {
    case DiffMark::Added: return QObject::tr("added");
    case DiffMark::Changed: return QObject::tr("changed");
    case DiffMark::Moved: return QObject::tr("moved");
    case DiffMark::Removed: return QObject::tr("removed");
    }
    return {};
}
} // namespace

void CanvasWidget::setDiffMarks(QHash<QString, DiffMark> marks) {
    diffMarks_ = std::move(marks);
    update();
}

void CanvasWidget::setGhostProvider(GhostProvider provider) {
    ghostProvider_ = std::move(provider);
    update();
}

void CanvasWidget::paintDiffMark(QPainter& p, const QRect& card, DiffMark mark) const {
    const QColor color = diffColor(mark);
    QColor wash = color;
    wash.setAlpha(18);
    QPainterPath path;
    path.addRoundedRect(card, 6, 6);
    p.fillPath(path, wash);
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(color, 3));
    p.drawPath(path);
    QFont f = font();
    f.setPixelSize(10);
    f.setBold(true);
    p.setFont(f);
    const QString label = diffLabel(mark).toUpper();
    const int w = p.fontMetrics().horizontalAdvance(label) + 12;
    const QRect tag(card.right() - w - 6, card.bottom() - 22, w, 16);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawRoundedRect(tag, 3, 3);
    p.setPen(Qt::white);
    p.drawText(tag, Qt::AlignCenter, label);
}

void CanvasWidget::paintGhost(QPainter& p, const GhostCard& ghost) const {
    const QColor color = diffColor(DiffMark::Removed);
    QColor wash = color;
    wash.setAlpha(16);
    QPainterPath path;
    path.addRoundedRect(ghost.rect, 6, 6);
    p.fillPath(path, wash);
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(color, 2, Qt::DashLine));
    p.drawPath(path);
    QFont f = font();
    f.setPixelSize(12);
    f.setBold(true);
    p.setFont(f);
    p.setPen(color);
    p.drawText(ghost.rect.adjusted(10, 6, -10, -6), Qt::AlignLeft | Qt::AlignTop,
               p.fontMetrics().elidedText(ghost.title, Qt::ElideRight, ghost.rect.width() - 20));
    paintDiffMark(p, ghost.rect, DiffMark::Removed);
}

void CanvasWidget::paintDesignContent(QPainter& p, const QRect& area, const Json& element) const {
    QFont f = font();
    f.setPixelSize(11);
    p.setFont(f);
    p.setPen(QColor("#6b7280"));
    const std::string kind = element.value("kind", "");
    if (kind == "text") {
        p.setPen(QColor("#374151"));
        p.drawText(area, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, QString::fromStdString(element.value("body", "")));
        return;
    }
    if (kind == "control") {
        QRect box(area.left(), area.top(), std::min(area.width(), 220), std::min(area.height(), 24));
        p.setPen(QColor("#cbd5e1"));
        p.setBrush(QColor("#f8fafc"));
        p.drawRoundedRect(box, 4, 4);
        p.setPen(QColor("#6b7280"));
        p.drawText(box.adjusted(8, 0, -8, 0), Qt::AlignVCenter, QString::fromStdString(element.value("controlId", "")));
        return;
    }
    if (element.contains("columns") && element["columns"].is_array()) {
        QStringList names;
        for (const auto& c : element["columns"])
            if (c.is_object()) names << QString::fromStdString(c.value("name", c.value("id", "")));
        p.drawText(area, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                   names.join("  ·  ") + "\n\n" + tr("No live preview: press Preview > Refresh with a connection."));
        return;
    }
    p.drawText(area, Qt::AlignCenter, kindLabel(kind, element.value("controlType", "")));
}

const PlacedNode* CanvasWidget::hit(const QPoint& pos, bool* onResizeHandle) const {
    const PlacedNode* best = nullptr;
    for (const auto& node : placed_)
        if (node.rect.contains(pos) && (!best || node.depth >= best->depth)) best = &node;
    if (best && onResizeHandle)
        *onResizeHandle = QRect(best->rect.right() - 10, best->rect.bottom() - 10, 12, 12).contains(pos);
    return best;
}

// A resting pointer over a preview mark shows what the mark stands for (chart_tooltips.h).
bool CanvasWidget::event(QEvent* event) {
    if (event->type() != QEvent::ToolTip) return QWidget::event(event);
    auto* help = static_cast<QHelpEvent*>(event);
    const PlacedNode* node = drag_ ? nullptr : hit(help->pos());
    const QString text = node && toolTipText_ ? toolTipText_(QString::fromStdString(node->handle), help->pos()) : QString();
    if (text.isEmpty()) {
        QToolTip::hideText();
        event->ignore();
    } else {
        QToolTip::showText(help->globalPos(), text, this, QRect(help->pos() - QPoint(8, 8), QSize(17, 17)));
    }
    return true;
}

void CanvasWidget::mousePressEvent(QMouseEvent* event) {
    setFocus();
    bool onHandle = false;
    const PlacedNode* node = hit(event->pos(), &onHandle);
    if (readOnly_) {
        model_->setSelection(node ? QStringList{QString::fromStdString(node->handle)} : QStringList{});
        return;
    }
    if (!node) {
        if (!(event->modifiers() & Qt::ShiftModifier)) model_->setSelection({});
        rubberStart_ = event->pos();
        rubber_ = QRect(event->pos(), QSize());
        return;
    }
    QString id = QString::fromStdString(node->handle);
    if (busyQuery_ && busyQuery_(id) && cancelButtonRect(node->rect).contains(event->pos())) {
        emit cancelQueryRequested(id);
        return;
    }
    moved_ = false;
    QStringList selection = model_->selection();
    if (event->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier)) {
        if (selection.contains(id)) selection.removeAll(id);
        else selection << id;
    } else if (!selection.contains(id)) {
        selection = {id};
    }
    model_->setSelection(selection);
    drag_ = DragState{node->handle, onHandle, event->pos(), node->node->gridColumn().value_or(doc::GridSpan{1, 25}),
                      node->node->gridRow().value_or(doc::GridSpan{1, 5}), node->gridArea, node->gridColumns,
                      MergeDragBase + (++dragSerial_ % 100000)};
}

void CanvasWidget::mouseMoveEvent(QMouseEvent* event) {
    if (readOnly_) return;
    bool onHandle = false;
    const PlacedNode* over = hit(event->pos(), &onHandle);
    setCursor(over && onHandle ? Qt::SizeFDiagCursor : over ? Qt::OpenHandCursor : Qt::ArrowCursor);
    if (rubber_) {
        rubber_ = QRect(rubberStart_, event->pos()).normalized();
        QStringList selection;
        for (const auto& n : placed_)
            if (rubber_->intersects(n.rect) && n.depth == 0) selection << QString::fromStdString(n.handle);
        model_->setSelection(selection);
        update();
        return;
    }
    if (!drag_ || !(event->buttons() & Qt::LeftButton)) return;
    const double colWidth = double(drag_->gridArea.width()) / drag_->gridColumns;
    const int dc = int(std::lround((event->pos().x() - drag_->pressPos.x()) / colWidth));
    const int dr = int(std::lround(double(event->pos().y() - drag_->pressPos.y()) / metrics_.rowHeight));
    doc::GridSpan col = drag_->startColumn, row = drag_->startRow;
    if (drag_->resize) {
        col.end = std::clamp(col.end + dc, col.start + 1, drag_->gridColumns + 1);
        row.end = std::max(row.start + 1, row.end + dr);
    } else {
        const int w = col.size(), h = row.size();
        col.start = std::clamp(col.start + dc, 1, drag_->gridColumns + 1 - w);
        col.end = col.start + w;
        row.start = std::max(1, row.start + dr);
        row.end = row.start + h;
    }
    if (auto* command = makeSetGeometry(model_, drag_->handle, col, row, drag_->mergeId)) {
        moved_ = true;
        model_->undoStack()->push(command);
    }
}

void CanvasWidget::mouseReleaseEvent(QMouseEvent* event) {
    if (readOnly_) return;
    // A plain click (no drag, no modifier) on a card's content is a click on its preview (on-select).
    if (drag_ && !drag_->resize && !moved_ && !(event->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier)) &&
        (event->pos() - drag_->pressPos).manhattanLength() < 4)
        emit contentClicked(QString::fromStdString(drag_->handle), event->pos());
    drag_.reset();
    rubber_.reset();
    update();
}

void CanvasWidget::mouseDoubleClickEvent(QMouseEvent* event) {
    if (const PlacedNode* node = hit(event->pos())) emit elementActivated(QString::fromStdString(node->handle));
}

void CanvasWidget::nudge(int dx, int dy, bool resize) {
    if (model_->selection().isEmpty()) return;
    model_->undoStack()->beginMacro(resize ? tr("Resize") : tr("Nudge"));
    for (const auto& id : model_->selection()) {
        auto it = std::find_if(placed_.begin(), placed_.end(), [&](const PlacedNode& n) { return n.handle == id.toStdString(); });
        if (it == placed_.end()) continue;
        doc::GridSpan col = it->node->gridColumn().value_or(doc::GridSpan{1, 25});
        doc::GridSpan row = it->node->gridRow().value_or(doc::GridSpan{1, 5});
        if (resize) {
            col.end = std::clamp(col.end + dx, col.start + 1, it->gridColumns + 1);
            row.end = std::max(row.start + 1, row.end + dy);
        } else {
            const int w = col.size();
            col.start = std::clamp(col.start + dx, 1, it->gridColumns + 1 - w);
            col.end = col.start + w;
            const int h = row.size();
            row.start = std::max(1, row.start + dy);
            row.end = row.start + h;
        }
        // Pushed inside the macro, each command applies at once, so the next one reads the updated layout.
        if (auto* command = makeSetGeometry(model_, it->handle, col, row)) model_->undoStack()->push(command);
    }
    model_->undoStack()->endMacro();
}

void CanvasWidget::keyPressEvent(QKeyEvent* event) {
    if (readOnly_) return QWidget::keyPressEvent(event);
    const bool resize = event->modifiers() & Qt::ShiftModifier;
    switch (event->key()) {
    case Qt::Key_Left: nudge(-1, 0, resize); return;
    case Qt::Key_Right: nudge(1, 0, resize); return;
    case Qt::Key_Up: nudge(0, -1, resize); return;
    case Qt::Key_Down: nudge(0, 1, resize); return;
    case Qt::Key_Delete:
    case Qt::Key_Backspace:
        if (auto* command = makeDeleteElements(model_, model_->selection())) {
            model_->undoStack()->push(command);
            model_->setSelection({});
        }
        return;
    default: QWidget::keyPressEvent(event);
    }
}

void CanvasWidget::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasFormat(kPaletteMime) || event->mimeData()->hasFormat(kCatalogTableMime))
        event->acceptProposedAction();
}

void CanvasWidget::dragMoveEvent(QDragMoveEvent* event) {
    const QRect area(metrics_.margin, metrics_.margin, width() - 2 * metrics_.margin, height());
    const int col = columnLineAt(area, 24, event->position().toPoint().x());
    const int row = rowLineAt(area, metrics_.rowHeight, event->position().toPoint().y());
    int w = 12, h = 10;
    if (event->mimeData()->hasFormat(kPaletteMime))
        if (auto* entry = findPaletteEntry(QString::fromUtf8(event->mimeData()->data(kPaletteMime)))) w = entry->columns, h = entry->rows;
    const int start = std::min(col, 25 - w);
    const double colWidth = area.width() / 24.0;
    dropPreview_ = QRect(area.left() + int((start - 1) * colWidth), area.top() + (row - 1) * metrics_.rowHeight,
                         int(w * colWidth), h * metrics_.rowHeight);
    update();
    event->acceptProposedAction();
}

void CanvasWidget::dropEvent(QDropEvent* event) {
    dropPreview_.reset();
    const QRect area(metrics_.margin, metrics_.margin, width() - 2 * metrics_.margin, height());
    const int col = columnLineAt(area, 24, event->position().toPoint().x());
    const int row = rowLineAt(area, metrics_.rowHeight, event->position().toPoint().y());
    QString id;
    if (event->mimeData()->hasFormat(kPaletteMime)) {
        const QString key = QString::fromUtf8(event->mimeData()->data(kPaletteMime));
        if (const PlacedNode* container = key.startsWith("overlay:") ? nullptr : containerAt(event->position().toPoint())) {
            const QRect inner = innerArea(*container, metrics_);
            const int columns = container->node->kind == doc::LayoutNode::Kind::TabbedContainer ? 24 : container->node->innerColumns().value_or(24);
            id = addFromPalette(key, columnLineAt(inner, columns, event->position().toPoint().x()),
                                rowLineAt(inner, metrics_.rowHeight, event->position().toPoint().y()),
                                QString::fromStdString(container->handle));
        } else {
            id = addFromPalette(key, col, row);
        }
    }
    else if (event->mimeData()->hasFormat(kCatalogTableMime))
        id = addCatalogTable(event->mimeData()->data(kCatalogTableMime), col, row);
    if (!id.isEmpty()) {
        model_->setSelection({id});
        event->acceptProposedAction();
    }
    update();
}

const PlacedNode* CanvasWidget::containerAt(const QPoint& pos) const {
    const PlacedNode* best = nullptr;
    for (const auto& node : placed_) {
        const bool container = node.node->kind == doc::LayoutNode::Kind::Container ||
                               node.node->kind == doc::LayoutNode::Kind::TabbedContainer;
        if (container && innerArea(node, metrics_).contains(pos) && (!best || node.depth >= best->depth)) best = &node;
    }
    return best;
}

QString CanvasWidget::addFromPalette(const QString& key, int columnLine, int rowLine, const QString& parentHandle) {
    const PaletteEntry* entry = findPaletteEntry(key);
    if (!entry || regionId_.isEmpty() || model_->bodyPointer().empty()) return {};
    const std::string id = model_->uniqueElementId(idStemFor(key));
    if (key.startsWith("overlay:")) {
        // An overlay is metadata plus its own layout region, with a text element inside to start from.
        const std::string type = key.mid(8).toStdString();
        Json overlays = model_->body()->value("overlays", Json::array());
        Json overlay = {{"id", id}, {"type", type}, {"name", entry->label.toStdString()}};
        overlay[type] = type == "modal" ? Json{{"width", "medium"}, {"header", {{"title", entry->label.toStdString()}}}}
                                        : Json{{"width", "medium"}, {"showShadow", "shown"}};
        overlays.push_back(overlay);
        model_->undoStack()->beginMacro(tr("Add %1").arg(entry->label));
        model_->undoStack()->push(makeSetValue(model_, model_->bodyPointer() + "/overlays", overlays, tr("Add overlay")));
        Json text = makeElementFromTemplate(*model_, "text", model_->uniqueElementId("text"));
        model_->undoStack()->push(makeAddElement(model_, text, id, {1, 25}, {1, 4}));
        model_->undoStack()->endMacro();
        return QString::fromStdString(id);
    }
    Json element = makeElementFromTemplate(*model_, key, id,
                                           model_->selection().size() == 1 ? model_->selection().front().toStdString() : std::string());
    int gridColumns = 24;
    std::string targetRegion = regionId_.toStdString();
    if (!parentHandle.isEmpty()) {
        targetRegion = parentHandle.toStdString();
        auto tree = model_->layout();
        if (const doc::LayoutNode* parent = tree.find(targetRegion); parent && parent->kind == doc::LayoutNode::Kind::Container)
            gridColumns = parent->innerColumns().value_or(24);
    }
    const int width = std::min(entry->columns, gridColumns);
    const int start = std::clamp(columnLine, 1, gridColumns + 1 - width);
    doc::GridSpan col{start, start + width}, row{rowLine, rowLine + entry->rows};
    auto* command = makeAddElement(model_, element, targetRegion, col, row);
    if (!command) return {};
    model_->undoStack()->push(command);
    return QString::fromStdString(id);
}

QString CanvasWidget::addCatalogTable(const QByteArray& payload, int columnLine, int rowLine) {
    Json table = Json::parse(payload.toStdString(), nullptr, false);
    if (!table.is_object() || !table.contains("path") || !table["path"].is_array()) return {};
    std::string tableName = table["path"].empty() ? "table" : table["path"].back().get<std::string>();
    const std::string id = model_->uniqueElementId(tableName);
    Json element = {{"id", id}, {"kind", "table"}, {"name", tableName},
                    {"source", {{"kind", "warehouse-table"}, {"connectionId", table.value("connectionId", "")}, {"path", table["path"]}}}};
    Json columns = Json::array();
    int n = 0;
    for (const auto& c : table.value("columns", Json::array()))
        columns.push_back({{"id", id + "-c" + std::to_string(++n)}, {"name", c.get<std::string>()},
                           {"formula", "[" + tableName + "/" + c.get<std::string>() + "]"}});
    element["columns"] = columns;
    auto* command = makeAddElement(model_, element, regionId_.toStdString(), {1, 25}, {rowLine, rowLine + 14});
    (void)columnLine;
    if (!command) return {};
    model_->undoStack()->push(command);
    return QString::fromStdString(id);
}

} // namespace quire::ide
