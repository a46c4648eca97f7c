#pragma once
// The first start generates the embedded sample warehouse (about 1.3M rows, a few seconds): with a progress
// dialog that can cancel it, before any preview asks for it. Previews would otherwise wait on it silently.
#include <QString>

class QWidget;

namespace quire::ide {

enum class SampleWarehouseState { Ready, Generated, Cancelled, Failed };

struct SampleWarehouseOutcome {
    SampleWarehouseState state = SampleWarehouseState::Ready;
    QString message; // for Cancelled and Failed: what the status bar says
};

// Generates the default sample warehouse if its file is missing. With `parent`, a modal progress dialog shows
// the rows written and offers Cancel (nothing is left behind then); without it (headless runs) it generates
// without asking. Returns at once when the file exists.
SampleWarehouseOutcome ensureSampleWarehouseWithProgress(QWidget* parent);

} // namespace quire::ide
