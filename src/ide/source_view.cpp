#include "source_view.h"
#include "color_scheme.h"

#include "document_commands.h"

#include <quire/doc/io.h>

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QTimer>
#include <QVBoxLayout>

#include <utility>

namespace quire::ide {

SourceView::SourceView(DocumentModel* model, QWidget* parent) : QWidget(parent), model_(model) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    formatBox_ = new QComboBox;
    formatBox_->addItems({"YAML", "JSON"});
    status_ = new QLabel;
    status_->setWordWrap(true);
    bar->addWidget(new QLabel(tr("Format:")));
    bar->addWidget(formatBox_);
    bar->addWidget(status_, 1);
    layout->addLayout(bar);
    editor_ = new QPlainTextEdit;
    editor_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    editor_->setLineWrapMode(QPlainTextEdit::NoWrap);
    editor_->setTabStopDistance(16);
    layout->addWidget(editor_, 1);
    debounce_ = new QTimer(this);
    debounce_->setSingleShot(true);
    debounce_->setInterval(600);
    connect(debounce_, &QTimer::timeout, this, [this] { applyNow(); });
    connect(editor_, &QPlainTextEdit::textChanged, this, [this] {
        if (updating_) return;
        pending_ = true;
        debounce_->start();
    });
    connect(formatBox_, &QComboBox::currentIndexChanged, this,
            [this](int index) { setFormat(index == 0 ? doc::Format::Yaml : doc::Format::Json); });
    connect(model_, &DocumentModel::changed, this, [this] {
        if (pending_) return;
        if (onScreen()) regenerate();
        else stale_ = true;
    });
    connect(model_, &DocumentModel::documentReplaced, this, [this] { setFormat(model_->format()); });
    connect(model_, &DocumentModel::selectionChanged, this, [this](const QStringList& ids) {
        if (ids.size() != 1 || editor_->hasFocus()) return;
        if (stale_ && !onScreen()) revealOnShow_ = ids.front(); // no text generated for a hidden view
        else showElement(ids.front());
    });
    regenerate();
}

void SourceView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    catchUp();
}

void SourceView::setOnScreen(bool onScreen) {
    onScreen_ = onScreen;
    catchUp();
}

void SourceView::catchUp() {
    if (!onScreen()) return;
    regenerateIfStale();
    if (!revealOnShow_.isEmpty()) showElement(std::exchange(revealOnShow_, QString()));
}

void SourceView::regenerateIfStale() const {
    if (stale_ && !pending_) const_cast<SourceView*>(this)->regenerate();
}

void SourceView::setFormat(doc::Format format) {
    if (pending_ && !applyNow()) {
        formatBox_->setCurrentIndex(format_ == doc::Format::Yaml ? 0 : 1);
        return;
    }
    format_ = format;
    formatBox_->blockSignals(true);
    formatBox_->setCurrentIndex(format == doc::Format::Yaml ? 0 : 1);
    formatBox_->blockSignals(false);
    if (onScreen()) regenerate();
    else stale_ = true;
}

QString SourceView::text() const {
    regenerateIfStale();
    return editor_->toPlainText();
}

void SourceView::setText(const QString& text) {
    stale_ = false; // the typed text replaces whatever was shown
    editor_->setPlainText(text);
}

QString SourceView::errorText() const { return status_->property("error").toString(); }

void SourceView::regenerate() {
    stale_ = false;
    updating_ = true;
    const QString text = QString::fromStdString(doc::saveDocument(model_->document(), format_));
    if (text != editor_->toPlainText()) {
        const int position = editor_->textCursor().position();
        editor_->setPlainText(text);
        QTextCursor cursor = editor_->textCursor();
        cursor.setPosition(std::min(position, int(text.size())));
        editor_->setTextCursor(cursor);
    }
    editor_->setExtraSelections({});
    status_->setText(tr("In sync with the design"));
    status_->setStyleSheet(toneStyle(Tone::Ok));
    status_->setProperty("error", QString());
    updating_ = false;
}

bool SourceView::applyNow() {
    debounce_->stop();
    if (!pending_) return true;
    const std::string text = editor_->toPlainText().toStdString();
    auto parsed = doc::parseDocument(text, format_, model_->document().path);
    if (!parsed.document) {
        const auto& d = parsed.diagnostics.front();
        const QString message = tr("Line %1, column %2: %3 — the design keeps the last good version")
                                    .arg(d.location.line).arg(d.location.column).arg(QString::fromStdString(d.message));
        status_->setText(message);
        status_->setStyleSheet(toneStyle(Tone::Error));
        status_->setProperty("error", message);
        markError(d.location.line);
        return false;
    }
    pending_ = false;
    if (auto* command = makeReplaceDocument(model_, parsed.document->root, tr("Edit source"))) model_->undoStack()->push(command);
    else regenerate();
    return true;
}

void SourceView::markError(int line) {
    QTextEdit::ExtraSelection selection;
    selection.format.setBackground(isDark(palette()) ? QColor("#5b2121") : QColor(254, 226, 226));
    selection.format.setProperty(QTextFormat::FullWidthSelection, true);
    QTextBlock block = editor_->document()->findBlockByNumber(std::max(0, line - 1));
    selection.cursor = QTextCursor(block);
    editor_->setExtraSelections({selection});
}

void SourceView::showLine(int line, int column) {
    if (line <= 0) return;
    regenerateIfStale();
    QTextBlock block = editor_->document()->findBlockByNumber(line - 1);
    QTextCursor cursor(block);
    cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, std::max(0, column - 1));
    editor_->setTextCursor(cursor);
    editor_->centerCursor();
}

void SourceView::showElement(const QString& id) {
    regenerateIfStale();
    // Find the element's id line in the generated text.
    const QString needle = format_ == doc::Format::Yaml ? QString("id: %1").arg(id) : QString("\"id\": \"%1\"").arg(id);
    QTextCursor found = editor_->document()->find(needle);
    if (!found.isNull()) {
        editor_->setTextCursor(found);
        editor_->centerCursor();
    }
}

} // namespace quire::ide
