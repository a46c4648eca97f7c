#include <catch2/catch.hpp>

#include "paged_table_model.h"

#include <QTableView>
#include <QScrollBar>
#include <QApplication>

using namespace quire::ide;

namespace {
// A 10-million-row source whose values are computed from the row number, counting what is asked of it.
class CountingSource : public RowSource {
public:
    explicit CountingSource(qint64 rows) : rows_(rows) {}
    QStringList columnNames() const override { return {"row", "label", "value"}; }
    qint64 rowCount() const override { return rows_; }
    void fetch(qint64 offset, int count, std::function<void(std::vector<std::vector<QVariant>>)> done) override {
        ++fetches;
        fetchedRows += count;
        std::vector<std::vector<QVariant>> rows;
        for (qint64 r = offset; r < std::min(rows_, offset + count); ++r)
            rows.push_back({QVariant(r), QVariant(QString("row %1").arg(r)), QVariant(double(r) / 2)});
        done(std::move(rows));
    }
    int fetches = 0;
    qint64 fetchedRows = 0;

private:
    qint64 rows_;
};
} // namespace

TEST_CASE("the paged model reports every row but fetches only visited pages", "[ide][paged]") {
    auto source = std::make_shared<CountingSource>(10'000'000);
    PagedTableModel model(source, 500, 8);
    CHECK(model.rowCount() == 10'000'000);
    CHECK(model.columnCount() == 3);
    CHECK(model.headerData(1, Qt::Horizontal, Qt::DisplayRole).toString() == "label");
    CHECK(model.data(model.index(9'999'999, 1), Qt::DisplayRole).toString() == "row 9999999");
    CHECK(model.data(model.index(1234, 0), Qt::DisplayRole).toString() == "1,234");
    CHECK(source->fetches == 2);
    CHECK(model.data(model.index(1240, 2), Qt::DisplayRole).toString() == "620");
    CHECK(source->fetches == 2); // same page, cached
    for (int p = 0; p < 20; ++p) model.data(model.index(p * 100'000, 0), Qt::DisplayRole);
    CHECK(model.loadedPages() <= 8); // older pages evicted
}

TEST_CASE("a table view scrolling 10 million rows touches a few pages", "[ide][paged]") {
    auto source = std::make_shared<CountingSource>(10'000'000);
    PagedTableModel model(source, 200, 16);
    QTableView view;
    view.resize(800, 600);
    view.setModel(&model);
    view.show();
    QApplication::processEvents();
    QScrollBar* bar = view.verticalScrollBar();
    for (int step = 0; step <= 50; ++step) {
        bar->setValue(int(qint64(bar->maximum()) * step / 50));
        view.viewport()->repaint();
    }
    CHECK(model.data(model.index(bar->value(), 1), Qt::DisplayRole).toString().startsWith("row "));
    // The visible page(s) and their neighbours per jump (at most six pages), never the whole table.
    CHECK(source->fetchedRows <= 200 * 6 * 51);
}
