#include "recovery_prompt.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>

namespace quire::ide {

QString canonicalPath(const QString& path) {
    if (path.isEmpty()) return {};
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? QDir::cleanPath(info.absoluteFilePath()) : canonical;
}

RecoveryChoice askAboutRecovery(QWidget* parent, const RecoveryOffer& offer) {
    const QString recovered = offer.entry.documentPath.isEmpty() ? QObject::tr("an untitled workbook")
                                                                 : QFileInfo(offer.entry.documentPath).fileName();
    const QString when = QLocale().toString(offer.entry.written.toLocalTime(), QLocale::ShortFormat);
    QMessageBox box(parent);
    box.setIcon(QMessageBox::Warning);
    box.setWindowTitle(QObject::tr("Recover unsaved work?"));
    box.setText(QObject::tr("Quire did not close cleanly. Unsaved changes to <b>%1</b> were autosaved at %2.")
                    .arg(recovered.toHtmlEscaped(), when));
    QString keep;
    if (offer.sameFile) {
        box.setInformativeText(QObject::tr("Recover opens them (still unsaved: save to keep them). Open Saved File "
                                           "opens %1 as it is on disk and keeps the recovered copy for the next start.")
                                   .arg(recovered.toHtmlEscaped()));
        keep = QObject::tr("Open Saved File");
    } else if (!offer.requestedFile.isEmpty()) {
        const QString requested = QFileInfo(offer.requestedFile).fileName();
        box.setInformativeText(QObject::tr("You asked to open %1. Recover opens the changes to %2 instead; "
                                           "Open %1 keeps them for the next start.")
                                   .arg(requested.toHtmlEscaped(), recovered.toHtmlEscaped()));
        keep = QObject::tr("Open %1").arg(requested);
    } else {
        box.setInformativeText(QObject::tr("Recover opens them (still unsaved: save to keep them). Not Now keeps "
                                           "them for the next start."));
        keep = QObject::tr("Not Now");
    }
    box.setDetailedText(QObject::tr("Recovery file: %1\nWorkbook: %2")
                            .arg(offer.entry.file, offer.entry.documentPath.isEmpty() ? QObject::tr("(untitled)")
                                                                                      : offer.entry.documentPath));
    auto* recover = box.addButton(QObject::tr("Recover"), QMessageBox::AcceptRole);
    auto* later = box.addButton(keep, QMessageBox::RejectRole);
    auto* discard = box.addButton(QObject::tr("Discard Changes"), QMessageBox::DestructiveRole);
    box.setDefaultButton(recover);
    box.setEscapeButton(later);
    box.exec();
    if (box.clickedButton() == recover) return RecoveryChoice::Recover;
    if (box.clickedButton() == discard) return RecoveryChoice::Discard;
    return RecoveryChoice::Keep;
}

} // namespace quire::ide
