#pragma once
// Drill-down in the live preview (docs/ide.md "Drill-down"): a card targeted by a drill control is drawn as
// its current level shows it, under a breadcrumb ("Region › West"). Clicking a bar, slice or row goes one
// level down, filtered to the clicked value; clicking a crumb goes back up. Drill state is view state: it
// lives in the provider's control values (`value` + `drillPath`), like any control value set in the IDE, and
// never edits the document.
#include "engine_preview_provider.h"

#include <quire/preview/drill.h>

#include <QObject>
#include <QRect>

#include <map>
#include <optional>
#include <vector>

class QPainter;

namespace quire::ide {

class DrillNavigator : public QObject {
    Q_OBJECT
public:
    DrillNavigator(DocumentModel* model, EnginePreviewProvider* provider, QObject* parent = nullptr);

    // The element as its delivered preview rows were planned (a drill target at its level); nullptr when no
    // drill control targets it.
    const Json* shown(const QString& elementId) const;

    struct Crumb {
        QString text;
        std::size_t level = 0; // clicking it goes (back) to this level
        bool current = false;  // the level shown now: not a link
        QRect rect;            // where the last paint drew it
    };
    // The breadcrumb of a drill target: the outermost level's name, then the value picked on each level above
    // the current one. Empty for other elements.
    std::vector<Crumb> crumbs(const QString& elementId) const;
    // The crumbs of the last paint of the element, with where they were drawn.
    const std::vector<Crumb>& paintedCrumbs(const QString& elementId) const;
    // Draws the breadcrumb at the top of `area` (a drill target only) and returns the area left for the preview.
    QRect paintBreadcrumb(QPainter& painter, const QRect& area, const QString& elementId);

    // A click on a card at `pos` (canvas coordinates) over the preview rows `rows` (the painter's hit test): a
    // crumb goes up to its level, a mark one level down. False when the click is not a drill.
    bool click(const QString& elementId, const QPoint& pos, const std::vector<int>& rows);
    bool drillDown(const QString& elementId, int row);
    bool drillUp(const QString& elementId, std::size_t level);

private:
    struct Found {
        const preview::DrillSpec* spec = nullptr;
        const preview::DrillTarget* target = nullptr;
    };
    Found find(const QString& elementId) const; // the first drill control (document order) that targets it
    preview::DrillPosition position(const preview::DrillSpec& spec) const;
    void reload();

    DocumentModel* model_;
    EnginePreviewProvider* provider_;
    std::vector<preview::DrillSpec> specs_;
    std::map<std::string, Json> fields_;    // drill control id -> its current fields (read once per change, not per paint)
    std::map<std::string, Json> current_;   // targets at the level of the current control values
    std::map<std::string, Json> delivered_; // targets as their last delivered rows were planned
    std::map<QString, std::vector<Crumb>> painted_;
};

} // namespace quire::ide
