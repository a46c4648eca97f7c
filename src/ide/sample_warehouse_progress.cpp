#include "sample_warehouse_progress.h"

#include <quire/connect/sample_warehouse.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QLocale>
#include <QProgressDialog>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>

namespace quire::ide {
namespace {

// Shared between the generating thread and the dialog; the thread only writes, the dialog only reads (and cancels).
struct GenerationState {
    std::atomic<std::int64_t> rows{0};
    std::atomic<std::int64_t> expected{0};
    std::atomic<bool> cancel{false};
    std::atomic<bool> done{false};
    std::mutex mutex;
    std::string table;
    std::string error;
    bool cancelled = false;
};

} // namespace

SampleWarehouseOutcome ensureSampleWarehouseWithProgress(QWidget* parent) {
    const std::string path = connect::defaultSampleWarehousePath();
    if (std::filesystem::exists(path)) return {};
    auto state = std::make_shared<GenerationState>();
    state->expected = connect::expectedSampleRows(connect::SampleOptions{});
    QThread* worker = QThread::create([state] {
        try {
            connect::ensureSampleWarehouse([state](const connect::SampleProgress& p) {
                state->rows = p.rows;
                state->expected = p.expectedRows;
                {
                    std::lock_guard lock(state->mutex);
                    state->table = p.table;
                }
                return !state->cancel.load();
            });
        } catch (const connect::SampleCancelled&) {
            std::lock_guard lock(state->mutex);
            state->cancelled = true;
        } catch (const std::exception& e) {
            std::lock_guard lock(state->mutex);
            state->error = e.what();
        }
        state->done = true;
    });
    worker->start();

    if (parent) {
        QProgressDialog dialog(QObject::tr("Generating the sample warehouse (Marketing Analytics)…"), QObject::tr("Cancel"), 0,
                               1000, parent);
        dialog.setObjectName("sample-warehouse-progress");
        dialog.setWindowTitle(QObject::tr("First start"));
        dialog.setWindowModality(Qt::WindowModal);
        dialog.setMinimumDuration(0);
        dialog.setAutoClose(false);
        dialog.setAutoReset(false);
        dialog.setMinimumWidth(460);
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &dialog, [&] {
            const auto rows = state->rows.load(), expected = std::max<std::int64_t>(state->expected.load(), 1);
            std::string table;
            {
                std::lock_guard lock(state->mutex);
                table = state->table;
            }
            dialog.setValue(int(std::min<std::int64_t>(1000, rows * 1000 / expected)));
            const QLocale locale;
            dialog.setLabelText(QObject::tr("Generating the sample warehouse (Marketing Analytics)…\n%1 of about %2 rows%3")
                                    .arg(locale.toString(qlonglong(rows)), locale.toString(qlonglong(expected)),
                                         table.empty() ? QString() : QObject::tr(", table %1").arg(QString::fromStdString(table))));
            if (state->done) dialog.accept();
        });
        QObject::connect(&dialog, &QProgressDialog::canceled, &dialog, [&] {
            state->cancel = true;
            dialog.setLabelText(QObject::tr("Cancelling…"));
        });
        poll.start(50);
        dialog.exec();
        poll.stop();
    }
    worker->wait();
    delete worker;

    std::lock_guard lock(state->mutex);
    // Cards over the sample then say it was not generated instead of generating it without a word.
    if (state->cancelled) connect::allowSampleWarehouseGeneration(false);
    if (state->cancelled)
        return {SampleWarehouseState::Cancelled,
                QObject::tr("The sample warehouse was not generated (cancelled): cards over it say so until the next "
                            "start, or run `quire warehouse generate`.")};
    if (!state->error.empty())
        return {SampleWarehouseState::Failed,
                QObject::tr("Cannot create the sample warehouse: %1").arg(QString::fromStdString(state->error))};
    return {SampleWarehouseState::Generated, QString()};
}

} // namespace quire::ide
