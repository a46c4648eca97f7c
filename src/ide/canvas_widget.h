#pragma once
// The design surface: one page (or overlay) of the workbook on Sigma's 24-column grid. Elements are cards;
// drag to move, drag the corner to resize, drop palette entries or catalog tables to add elements. Every
// change goes through DocumentModel commands.
#include "canvas_geometry.h"
#include "document_model.h"

#include <QHash>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <optional>

namespace quire::ide {

// How a comparison of two versions marks a card (view state, like the selection; never document state).
enum class DiffMark { Added, Changed, Moved, Removed };
// A card that exists only in the older version, drawn as an outline where it used to be.
struct GhostCard {
    QString id;
    QString title;
    QRect rect; // canvas coordinates
};

class CanvasWidget : public QWidget {
    Q_OBJECT
public:
    explicit CanvasWidget(DocumentModel* model, QWidget* parent = nullptr);

    void setRegion(const QString& regionId);
    QString region() const { return regionId_; }
    const CanvasMetrics& metrics() const { return metrics_; }

    // Paints an element's content inside its card (live preview); returns false to fall back to the design view.
    using ContentPainter = std::function<bool(QPainter&, const QRect&, const Json& element)>;
    void setContentPainter(ContentPainter painter) { contentPainter_ = std::move(painter); }
    // Whether an element's preview query is running: its card then shows a spinner and a cancel button.
    using BusyQuery = std::function<bool(const QString& elementId)>;
    void setBusyQuery(BusyQuery query) { busyQuery_ = std::move(query); }
    // The tooltip of a point over an element's card ("" for none): the hovered mark of its preview.
    using ToolTipText = std::function<QString(const QString& elementId, const QPoint& pos)>;
    void setToolTipText(ToolTipText text) { toolTipText_ = std::move(text); }
    // The cancel button of a busy card, in canvas coordinates.
    static QRect cancelButtonRect(const QRect& card);

    // Adds an element from a palette key at a grid position of the current region (what a drop does).
    // Returns the new element id, or empty when nothing was added.
    // parentHandle: a container or tabbed container to place it in ("" = the region itself); the grid lines
    // are then those of the container's inner grid.
    // Version comparison: marked cards get a coloured frame and a tag; ghosts are painted for the region shown.
    void setDiffMarks(QHash<QString, DiffMark> marks);
    const QHash<QString, DiffMark>& diffMarks() const { return diffMarks_; }
    using GhostProvider = std::function<std::vector<GhostCard>(const QString& regionId, int width)>;
    void setGhostProvider(GhostProvider provider);
    // Read-only: clicks select, nothing is moved, resized, nudged or dropped (a snapshot of an older version).
    void setReadOnly(bool readOnly) { readOnly_ = readOnly; setAcceptDrops(!readOnly); }
    bool isReadOnly() const { return readOnly_; }

    QString addFromPalette(const QString& key, int columnLine, int rowLine, const QString& parentHandle = {});
    std::vector<PlacedNode> placedNodes() const;
    // Why the shown page is hidden from viewers ("" when it is visible): `visibility: hidden` or a
    // specific-users-and-teams audience (spec §2). Its cards are drawn veiled with a badge, never removed.
    QString hiddenReason() const;
    // Where the last paint drew the hidden badge of a card (empty when none).
    QRect hiddenBadge(const QString& handle) const { return hiddenBadges_.value(handle); }
    QSize sizeHint() const override;

signals:
    void elementActivated(const QString& id); // double-click
    void contentClicked(const QString& id, const QPoint& pos); // a click on a card that did not move it
    void cancelQueryRequested(const QString& id);              // the cancel button of a busy card
    void regionChanged(const QString& regionId);

protected:
    bool event(QEvent*) override;
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void mouseMoveEvent(QMouseEvent*) override;
    void mouseReleaseEvent(QMouseEvent*) override;
    void mouseDoubleClickEvent(QMouseEvent*) override;
    void keyPressEvent(QKeyEvent*) override;
    void dragEnterEvent(QDragEnterEvent*) override;
    void dragMoveEvent(QDragMoveEvent*) override;
    void dropEvent(QDropEvent*) override;
    void resizeEvent(QResizeEvent*) override;

private:
    struct DragState {
        std::string handle;
        bool resize = false;
        QPoint pressPos;
        doc::GridSpan startColumn, startRow;
        QRect gridArea;
        int gridColumns = 24;
        int mergeId = -1;
    };
    const PlacedNode* hit(const QPoint& pos, bool* onResizeHandle = nullptr) const;
    void refresh();
    void paintCard(QPainter& p, const PlacedNode& node, const Json* element) const;
    void paintDiffMark(QPainter& p, const QRect& card, DiffMark mark) const;
    void paintGhost(QPainter& p, const GhostCard& ghost) const;
    void paintDesignContent(QPainter& p, const QRect& area, const Json& element) const;
    void nudge(int dx, int dy, bool resize);
    QString addCatalogTable(const QByteArray& payload, int columnLine, int rowLine);
    // The innermost container under a point, or nullptr.
    const PlacedNode* containerAt(const QPoint& pos) const;

    DocumentModel* model_;
    QString regionId_;
    mutable QHash<QString, QRect> hiddenBadges_;
    CanvasMetrics metrics_;
    doc::LayoutTree tree_;
    std::vector<PlacedNode> placed_;
    std::optional<DragState> drag_;
    std::optional<QRect> dropPreview_;
    QPoint rubberStart_;
    std::optional<QRect> rubber_;
    ContentPainter contentPainter_;
    BusyQuery busyQuery_;
    ToolTipText toolTipText_;
    QTimer* busyTimer_ = nullptr; // repaints while any card is busy (spinner)
    mutable bool anyBusy_ = false;
    bool moved_ = false;          // the pressed card was dragged or resized
    int dragSerial_ = 0;
    QHash<QString, DiffMark> diffMarks_;
    GhostProvider ghostProvider_;
    bool readOnly_ = false;
};

inline constexpr const char* kPaletteMime = "application/x-quire-palette";
inline constexpr const char* kCatalogTableMime = "application/x-quire-catalog-table";

} // namespace quire::ide
