// View as (docs/governance.md): the toolbar's selector re-plans and re-runs every element as a persona of
// quire.personas.yaml through the one preview pipeline — CurrentUserEmail() filters that persona's rows, a
// restricted column is masked and absent from the SQL that ran (the Query log's too), an element that needs it
// says so, a page hidden from the persona leaves the page tabs, a banner says who, and Back to Author restores
// everything without touching the document. A malformed personas file is a located finding in Problems.
#include <catch2/catch.hpp>

#include "engine_preview_provider.h"
#include "canvas_widget.h"
#include "main_window.h"
#include "problems_widget.h"
#include "query_log.h"
#include "sample_warehouse_fixture.h"

#include <quire/connect/sample_warehouse.h>
#include <test_support.h>

#include <QComboBox>
#include <QPushButton>
#include <QTabBar>
#include <QTreeWidget>

#include <fstream>

using namespace quire;
using namespace quire::ide;

namespace {

// Channels of the sample: each persona sees the channel types its email names (CurrentUserEmail()); the cost
// per click is for Finance only; the Payroll page is for HR only.
std::string governedWorkbook(const std::string& dir) {
    const std::string conn = connect::kSampleConnectionId;
    const Json workbook = Json::parse(R"J({"name": "Governed", "contents": {"schemaVersion": 1, "kind": "workbook",
      "pages": [{"id": "p1", "name": "Sales"},
                {"id": "p2", "name": "Payroll", "visibility": {"kind": "specific-users-and-teams", "assignments": {"teams": ["HR"]}}}],
      "elements": [
        {"id": "channels", "kind": "table", "name": "Channels",
         "source": {"kind": "warehouse-table", "connectionId": ")J" + conn + R"J(", "path": ["main", "channels"]},
         "columns": [{"id": "c-name", "name": "Channel", "formula": "[channels/channel_name]"},
                     {"id": "c-type", "name": "Type", "formula": "[channels/channel_type]"},
                     {"id": "c-cost", "name": "Cost", "formula": "[channels/cost_per_click]"},
                     {"id": "c-mine", "name": "Mine", "formula": "Contains(CurrentUserEmail(), [Type])"}],
         "filters": [{"id": "f-mine", "columnId": "c-mine", "kind": "list", "mode": "include", "values": [true]}],
         "sort": [{"columnId": "c-name", "direction": "ascending"}],
         "columnSecurities": [{"id": "cs-cost", "criteria": {"kind": "specific-users-and-teams",
            "assignments": [{"type": "team", "teamId": "Finance"}]}, "restrictedColumns": ["c-cost"]}]},
        {"id": "total-cost", "kind": "kpi-chart", "name": "Total cost", "source": {"kind": "table", "elementId": "channels"},
         "columns": [{"id": "k", "name": "Total cost", "formula": "Sum([Channels/Cost])"}], "value": {"columnId": "k"}},
        {"id": "payroll", "kind": "table", "name": "Payroll",
         "source": {"kind": "warehouse-table", "connectionId": ")J" + conn + R"J(", "path": ["main", "channels"]},
         "columns": [{"id": "p-name", "name": "Channel", "formula": "[channels/channel_name]"}]}],
      "layout": "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Page type=\"grid\" gridTemplateColumns=\"repeat(24, 1fr)\" gridTemplateRows=\"auto\" id=\"p1\">\n  <Element elementId=\"channels\" gridColumn=\"1 / 17\" gridRow=\"1 / 12\"/>\n  <Element elementId=\"total-cost\" gridColumn=\"17 / 25\" gridRow=\"1 / 6\"/>\n</Page>\n<Page type=\"grid\" gridTemplateColumns=\"repeat(24, 1fr)\" gridTemplateRows=\"auto\" id=\"p2\">\n  <Element elementId=\"payroll\" gridColumn=\"1 / 25\" gridRow=\"1 / 10\"/>\n</Page>\n"}})J");
    const std::string path = dir + "/governed.json";
    std::ofstream(path) << workbook.dump(2);
    return path;
}

const char* kPersonas = R"(version: 1
personas:
  - email: paid@example.com
    fullName: Pat Paid
    teams: [Sales]
  - email: owned@example.com
    fullName: Olive Owner
    teams: [Finance, HR]
  - email: organic.direct@example.com
    fullName: Ada Author
    default: true
)";

// The page tabs under the canvas (the docks have tab bars too: the page tabs carry page ids as data).
QStringList tabs(MainWindow& window) {
    for (auto* bar : window.findChildren<QTabBar*>()) {
        QStringList out;
        bool pages = false;
        for (int i = 0; i < bar->count(); ++i) {
            out << bar->tabText(i);
            pages = pages || bar->tabData(i).toString() == "p1";
        }
        if (pages) return out;
    }
    return {};
}

QStringList names(const PreviewData& d, int column) {
    QStringList out;
    for (const auto& row : d.rows) out << row.at(std::size_t(column)).toString();
    return out;
}

// The newest Query log entry of an element: its SQL as it ran.
QString loggedSql(QueryLog* log, const QString& elementId) {
    auto* tree = log->findChild<QTreeWidget*>();
    for (int i = 0; tree && i < tree->topLevelItemCount(); ++i)
        if (tree->topLevelItem(i)->text(1) == elementId) return tree->topLevelItem(i)->toolTip(4);
    return {};
}

void choose(MainWindow& window, const QString& email) {
    QComboBox* box = window.viewAsSelector();
    const int index = box->findData(email);
    REQUIRE(index >= 0);
    box->setCurrentIndex(index); // as a pick in the toolbar's drop-down does
}

} // namespace

TEST_CASE("view as: a persona's rows, masked columns, hidden pages and banner, and back to Author restores all", "[ide][preview][governance]") {
    quire::test::SampleWarehouse warehouse;
    const std::string dir = quire::test::makeTempDir("ide-view-as");
    const std::string file = governedWorkbook(dir);
    std::ofstream(dir + "/quire.personas.yaml") << kPersonas;
    MainWindow window;
    REQUIRE(window.openFile(QString::fromStdString(file), true));
    EnginePreviewProvider provider(window.model(), QString::fromStdString(warehouse.connections));
    window.setPreviewProvider(&provider);
    REQUIRE(provider.waitIdle(60000));
    const int undoSteps = window.model()->undoStack()->count();

    // The selector offers the author and every persona of the file found next to the workbook.
    QComboBox* box = window.viewAsSelector();
    REQUIRE(box->count() == 4);
    CHECK(box->itemText(0) == "Author");
    CHECK(box->itemText(1) == "Pat Paid <paid@example.com>");
    CHECK(box->isEnabled());

    // The author: nothing masked or hidden; CurrentUserEmail() is the default persona's.
    auto author = provider.data("channels");
    REQUIRE(author.state == PreviewData::State::Ready);
    CHECK(names(author, 0) == QStringList{"Direct", "Organic Search"});
    CHECK(author.columnNames.contains("Cost"));
    CHECK(author.maskedColumnIds.isEmpty());
    CHECK(author.sql.contains("cost_per_click"));
    CHECK(provider.data("total-cost").state == PreviewData::State::Ready);
    CHECK(tabs(window).contains("Payroll ⊘"));
    CHECK(window.viewAsBannerText().isEmpty());

    // As the sales rep: paid channels only, the cost masked and not selected by the SQL that ran.
    choose(window, "paid@example.com");
    REQUIRE(provider.waitIdle(60000));
    CHECK(window.viewingAs() == "paid@example.com");
    const auto rep = provider.data("channels");
    REQUIRE(rep.state == PreviewData::State::Ready);
    CHECK(names(rep, 0) == QStringList{"Affiliate", "Display", "Paid Search", "Paid Social"});
    CHECK(rep.maskedColumnIds == QStringList{"c-cost"});
    const int cost = rep.columnIndex("c-cost");
    REQUIRE(cost >= 0);
    CHECK(rep.rows.at(0).at(std::size_t(cost)).toString() == QString::fromUtf8(kMaskedCell));
    CHECK_FALSE(rep.sql.contains("cost_per_click"));
    const QString ran = loggedSql(window.queryLog(), "channels");
    CHECK(ran.contains("channel_type"));
    CHECK_FALSE(ran.contains("cost_per_click"));
    CHECK_FALSE(ran.contains("paid@example.com")); // the email is a bound value, not SQL text
    // The KPI needs the masked column: no query, and its card says why.
    const auto kpi = provider.data("total-cost");
    CHECK(kpi.restricted);
    CHECK(kpi.error.startsWith("Not shown to paid@example.com"));
    // The Payroll page (HR only) is gone from the tabs; the banner says who.
    CHECK_FALSE(tabs(window).join("|").contains("Payroll"));
    window.showRegion("p2"); // a navigate action or --page to it: the canvas stays where it is
    CHECK(window.canvas()->region() == "p1");
    CHECK(window.viewAsBannerText().startsWith("Viewing as Pat Paid <paid@example.com> (teams: Sales)"));

    // As Finance and HR: its own rows, the cost, and the Payroll page.
    choose(window, "owned@example.com");
    REQUIRE(provider.waitIdle(60000));
    const auto fin = provider.data("channels");
    CHECK(names(fin, 0) == QStringList{"Email"});
    CHECK(fin.maskedColumnIds.isEmpty());
    CHECK(fin.sql.contains("cost_per_click"));
    CHECK(tabs(window).contains("Payroll ⊘"));

    // Back to Author from the banner: everything as before, and the document never changed.
    choose(window, "paid@example.com");
    REQUIRE(provider.waitIdle(60000));
    auto* back = window.findChild<QPushButton*>("view-as-author");
    REQUIRE(back);
    back->click();
    REQUIRE(provider.waitIdle(60000));
    CHECK(window.viewingAs().isEmpty());
    CHECK(box->currentIndex() == 0);
    const auto again = provider.data("channels");
    CHECK(names(again, 0) == names(author, 0));
    CHECK(again.columnNames == author.columnNames);
    CHECK(again.maskedColumnIds.isEmpty());
    CHECK(again.sql == author.sql);
    CHECK(provider.data("total-cost").state == PreviewData::State::Ready);
    CHECK_FALSE(provider.data("total-cost").restricted);
    CHECK(tabs(window).contains("Payroll ⊘"));
    CHECK(window.viewAsBannerText().isEmpty());
    CHECK(window.model()->undoStack()->count() == undoSteps);
    CHECK_FALSE(window.model()->isModified());
}

TEST_CASE("view as: a malformed personas file is a located finding in Problems, the author view stays", "[ide][governance]") {
    const std::string dir = quire::test::makeTempDir("ide-view-as-bad");
    const std::string file = governedWorkbook(dir);
    std::ofstream(dir + "/quire.personas.yaml") << "personas:\n  - email: a@x.io\n    teams: Finance\n";
    MainWindow window;
    REQUIRE(window.openFile(QString::fromStdString(file), true));
    CHECK(window.viewAsSelector()->count() == 1);
    CHECK_FALSE(window.viewAsSelector()->isEnabled());
    CHECK_FALSE(window.viewAs("a@x.io"));
    ProblemsModel* problems = window.problems()->problems();
    bool located = false;
    for (int r = 0; r < problems->rowCount(); ++r) {
        const QString where = problems->data(problems->index(r, 2), Qt::DisplayRole).toString();
        if (where.contains("quire.personas.yaml line 3:")) located = true;
    }
    CHECK(located);

    // A good file chosen with File > Open Personas… replaces it, and its finding leaves Problems.
    const std::string good = dir + "/people.yaml";
    std::ofstream(good) << kPersonas;
    REQUIRE(window.loadPersonas(QString::fromStdString(good)));
    CHECK(window.viewAsSelector()->count() == 4);
    for (int r = 0; r < problems->rowCount(); ++r)
        CHECK_FALSE(problems->data(problems->index(r, 2), Qt::DisplayRole).toString().contains("quire.personas.yaml"));
    CHECK(window.viewAs("OWNED@example.com"));
    CHECK(window.viewingAs() == "owned@example.com");
}
