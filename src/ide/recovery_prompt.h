#pragma once
// The question asked at start when a session left unsaved work behind. MainWindow asks it through a
// RecoveryPrompt function object, so tests (and headless runs) answer without a modal dialog.
#include "recovery_store.h"

#include <functional>

class QWidget;

namespace quire::ide {

enum class RecoveryChoice {
    Recover, // open the recovered workbook (modified, not yet saved); the file asked for is not opened
    Keep,    // open what was asked for; keep the recovery file for a later start
    Discard, // delete the recovery file, open what was asked for
};

struct RecoveryOffer {
    RecoveryEntry entry;
    QString requestedFile; // the file named on the command line ("" when none)
    bool sameFile = false; // the recovery is of that very file (canonical paths compared)
};

using RecoveryPrompt = std::function<RecoveryChoice(const RecoveryOffer&)>;

// The dialog: Recover (default, Enter) / Open Saved File or Not Now (Escape) / Discard.
RecoveryChoice askAboutRecovery(QWidget* parent, const RecoveryOffer& offer);

// Canonical form of a path for comparisons (symlinks resolved; a missing file by its absolute clean path).
QString canonicalPath(const QString& path);

} // namespace quire::ide
