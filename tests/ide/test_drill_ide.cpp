// Drill-down in the IDE (docs/ide.md "Drill-down"), on the gallery's Drill-down page over the embedded sample
// warehouse: a real click on a bar goes one level down filtered to that bar, the breadcrumb goes back up, a row
// of the drilled grouped table drills too, and none of it edits the document. Rows are compared with plain SQL.
#include <catch2/catch.hpp>

#include "canvas_widget.h"
#include "drill_navigator.h"
#include "engine_preview_provider.h"
#include "main_window.h"
#include "preview_painter.h"
#include "sample_warehouse_fixture.h"

#include <quire/connect/odbc.h>
#include <test_support.h>

#include <QTest>
#include <QUndoStack>

#include <map>

using namespace quire;
using namespace quire::ide;

namespace {

using Totals = std::map<QString, long long>;

struct DrillFixture {
    quire::test::SampleWarehouse warehouse;
    MainWindow window;
    std::unique_ptr<EnginePreviewProvider> provider;
    DrillFixture() {
        window.resize(1400, 1000);
        REQUIRE(window.openFile(QString::fromStdString(quire::test::sourceDir() + "/resources/examples/gallery.yaml"), true));
        window.showRegion("drill");
        provider = std::make_unique<EnginePreviewProvider>(window.model(), QString::fromStdString(warehouse.connections));
        window.setPreviewProvider(provider.get());
        settle();
    }
    // Waits for the queries and paints, so the cards' marks and crumbs are where a click finds them.
    void settle() {
        REQUIRE(provider->waitIdle(60000));
        window.canvas()->resize(1300, 1000);
        (void)window.canvas()->grab();
    }
    PreviewData ready(const QString& id) const {
        const PreviewData d = provider->data(id);
        INFO(id.toStdString() + ": " + d.error.toStdString());
        REQUIRE(d.state == PreviewData::State::Ready);
        return d;
    }
    // column (name) -> Sessions of a card.
    Totals shown(const QString& id, const QString& keyColumn, const QString& valueColumn = "Sessions") const {
        const PreviewData d = ready(id);
        const int k = d.columnNames.indexOf(keyColumn), v = d.columnNames.indexOf(valueColumn);
        INFO(d.columnNames.join(", ").toStdString());
        REQUIRE(k >= 0);
        REQUIRE(v >= 0);
        Totals out;
        for (const auto& row : d.rows) out[row[std::size_t(k)].toString()] += row[std::size_t(v)].toLongLong();
        return out;
    }
    Totals sql(const std::string& text) const {
        const auto r = connect::query("Driver=SQLite3;Database=" + warehouse.db + ";", text);
        Totals out;
        for (std::size_t i = 0; i < r.rowCount(); ++i) out[QString::fromStdString(r.toString(i, 0))] = std::stoll(r.toString(i, 1));
        return out;
    }
    // The centre of the mark (bar or row) drawn for the row whose `columnId` is `value`.
    QPoint mark(const QString& id, const QString& columnId, const QString& value) const {
        const PreviewData d = provider->data(id);
        for (const auto& h : window.previewPainter()->hits(id))
            if (h.rows.size() == 1 && d.rows[std::size_t(h.rows[0])][std::size_t(d.columnIndex(columnId))].toString() == value)
                return h.shape.boundingRect().center().toPoint();
        FAIL("no mark for " << value.toStdString() << " on " << id.toStdString());
        return {};
    }
    std::vector<DrillNavigator::Crumb> crumbs(const QString& id) const { return window.drillNavigator()->crumbs(id); }
};

const std::string kFrom = " FROM sessions s JOIN channels c ON c.channel_id = s.channel_id ";

QStringList texts(const std::vector<DrillNavigator::Crumb>& crumbs) {
    QStringList out;
    for (const auto& c : crumbs) out << c.text;
    return out;
}

} // namespace

TEST_CASE("clicking a bar drills one level down to it, the breadcrumb goes back up", "[ide][drill]") {
    DrillFixture f;
    REQUIRE(f.window.drillNavigator());
    const Totals types = f.sql("SELECT c.channel_type, count(*)" + kFrom + "GROUP BY 1");
    REQUIRE(types.size() > 2);
    CHECK(f.shown("drill-bars", "Channel Type") == types);
    CHECK(texts(f.crumbs("drill-bars")) == QStringList{"Channel Type"});
    const int undoSteps = f.window.model()->undoStack()->count();

    // A real click on the "paid" bar.
    QTest::mouseClick(f.window.canvas(), Qt::LeftButton, Qt::NoModifier, f.mark("drill-bars", "dl-type", "paid"));
    f.settle();
    const Totals paid = f.sql("SELECT c.channel_name, count(*)" + kFrom + "WHERE c.channel_type = 'paid' GROUP BY 1");
    REQUIRE(paid.size() > 1);
    CHECK(f.shown("drill-bars", "Channel") == paid);
    CHECK(texts(f.crumbs("drill-bars")) == QStringList{"Channel Type", "paid"});
    // The grouped table, drilled by the same control, shows the paid channels too.
    CHECK(f.shown("drill-table", "Channel", "Pages") ==
          f.sql("SELECT c.channel_name, sum(s.pages_viewed)" + kFrom + "WHERE c.channel_type = 'paid' GROUP BY 1"));
    // Its bars are one per channel, drawn from the drilled element (axis: the channel).
    CHECK(f.window.previewPainter()->hits("drill-bars").size() == paid.size());

    // Then "Paid Search": its devices.
    QTest::mouseClick(f.window.canvas(), Qt::LeftButton, Qt::NoModifier, f.mark("drill-bars", "dl-channel", "Paid Search"));
    f.settle();
    CHECK(f.shown("drill-bars", "Device") ==
          f.sql("SELECT s.device, count(*)" + kFrom + "WHERE c.channel_type = 'paid' AND c.channel_name = 'Paid Search' GROUP BY 1"));
    CHECK(texts(f.crumbs("drill-bars")) == QStringList{"Channel Type", "paid", "Paid Search"});

    // The "paid" crumb goes back to the channels of paid, the first crumb to the top: real clicks where the
    // last paint drew them.
    auto crumbAt = [&](int index) {
        const auto& painted = f.window.drillNavigator()->paintedCrumbs("drill-bars");
        REQUIRE(int(painted.size()) > index);
        CHECK_FALSE(painted[std::size_t(index)].current);
        return painted[std::size_t(index)].rect.center();
    };
    QTest::mouseClick(f.window.canvas(), Qt::LeftButton, Qt::NoModifier, crumbAt(1));
    f.settle();
    CHECK(f.shown("drill-bars", "Channel") == paid);
    CHECK(texts(f.crumbs("drill-bars")) == QStringList{"Channel Type", "paid"});
    QTest::mouseClick(f.window.canvas(), Qt::LeftButton, Qt::NoModifier, crumbAt(0));
    f.settle();
    CHECK(f.shown("drill-bars", "Channel Type") == types);
    CHECK(texts(f.crumbs("drill-bars")) == QStringList{"Channel Type"});
    CHECK(f.window.drillNavigator()->paintedCrumbs("drill-bars").front().current); // the top is not a link

    // A row of the drilled grouped table drills too (the same control: the chart follows).
    QTest::mouseClick(f.window.canvas(), Qt::LeftButton, Qt::NoModifier, f.mark("drill-table", "dt-type", "owned"));
    f.settle();
    CHECK(f.shown("drill-bars", "Channel") == f.sql("SELECT c.channel_name, count(*)" + kFrom + "WHERE c.channel_type = 'owned' GROUP BY 1"));
    CHECK(texts(f.crumbs("drill-table")) == QStringList{"Channel Type", "owned"});

    CHECK(f.window.model()->undoStack()->count() == undoSteps); // view state: no document edit
    CHECK_FALSE(f.window.model()->isModified());
}
