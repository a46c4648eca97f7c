// The kind pictograms and action icons drawn for Quire (resources/icons) load from the compiled-in resources
// and are actually painted: every palette entry has its own pictogram, not the generic fallback.
#include "element_templates.h"
#include "kind_style.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QSet>
#include <QSvgRenderer>

using namespace quire::ide;

namespace {

// Pixels of the badge interior that are (nearly) white: the pictogram drawn on the kind's colour.
int whitePixels(const QImage& image) {
    int count = 0;
    for (int y = 4; y < image.height() - 4; ++y)
        for (int x = 4; x < image.width() - 4; ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.alpha() > 200 && c.red() > 230 && c.green() > 230 && c.blue() > 230) ++count;
        }
    return count;
}

} // namespace

TEST_CASE("every palette entry has its own drawn pictogram", "[ide][icons]") {
    QSet<QString> paths;
    QImage sheet(8 * 40, int((paletteEntries().size() + 7) / 8) * 40, QImage::Format_ARGB32);
    sheet.fill(Qt::white);
    QPainter sheetPainter(&sheet);
    int index = 0;
    for (const auto& entry : paletteEntries()) {
        INFO(entry.key.toStdString());
        const QString path = kindIconPath(entry.key.toStdString());
        REQUIRE_FALSE(path.isEmpty());
        CHECK(path != ":/icons/kinds/element.svg");
        QSvgRenderer renderer(path);
        CHECK(renderer.isValid());
        paths.insert(path);

        QImage badge(32, 32, QImage::Format_ARGB32);
        badge.fill(Qt::transparent);
        {
            QPainter p(&badge);
            paintKindBadge(p, badge.rect(), entry.key.toStdString());
        }
        CHECK(badge.pixelColor(16, 1).alpha() > 200);     // the coloured square
        CHECK(whitePixels(badge) > 20);                    // the pictogram on it
        CHECK_FALSE(kindIcon(entry.key.toStdString()).isNull());
        sheetPainter.drawImage(4 + (index % 8) * 40, 4 + (index / 8) * 40, badge);
        ++index;
    }
    // Kinds that look different are told apart: at least one pictogram per kind family.
    CHECK(paths.size() >= 35);
    sheetPainter.end();
    sheet.save(QDir::temp().filePath("quire-kind-icons.png"));
}

TEST_CASE("toolbar actions and the application use the drawn icons", "[ide][icons]") {
    for (const char* name : {"new", "open", "save", "undo", "redo", "refresh", "cancel", "publish", "duplicate", "delete", "connections"}) {
        INFO(name);
        const QIcon icon = actionIcon(name);
        REQUIRE_FALSE(icon.isNull());
        const QImage image = icon.pixmap(24, 24).toImage();
        int opaque = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x) opaque += image.pixelColor(x, y).alpha() > 128;
        CHECK(opaque > 15);
    }
    CHECK_FALSE(applicationIcon().isNull());
    // Element kinds the palette does not list still get a pictogram (the generic one at worst), never a crash.
    CHECK_FALSE(kindIconPath("no-such-kind").isEmpty());
    CHECK(kindIconPath("control", "number-range") == ":/icons/kinds/control-range-slider.svg");
}
