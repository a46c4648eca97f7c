#pragma once
// The workbook as text (YAML or JSON), editable. Typing re-parses after a short pause; a good parse is
// applied as one undoable "Edit source" command, a bad one is shown inline and changes nothing, so the
// last good document is never lost. The text is generated again only while the view is shown (or asked for):
// writing a 50 MB workbook out on every edit while the dock is behind another one is what it does not do.
#include "document_model.h"

#include <QWidget>

#include <optional>

class QPlainTextEdit;
class QLabel;
class QComboBox;
class QTimer;

namespace quire::ide {

class SourceView : public QWidget {
    Q_OBJECT
public:
    explicit SourceView(DocumentModel* model, QWidget* parent = nullptr);

    doc::Format format() const { return format_; }
    void setFormat(doc::Format format);
    QString text() const;
    void setText(const QString& text); // as if typed: parsed after the debounce (or at once with applyNow)
    bool applyNow();                   // parse and apply pending edits; false on a parse error
    QString errorText() const;
    void showLine(int line, int column);
    // Whether the view is on screen, from its dock (QDockWidget::visibilityChanged: a dock behind another tab
    // stays "visible" to Qt). Without a dock, QWidget::isVisible() decides.
    void setOnScreen(bool onScreen);
    void showElement(const QString& id);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void regenerate();
    void regenerateIfStale() const; // the text is of an older document (changed while hidden)
    bool onScreen() const { return onScreen_ ? *onScreen_ : isVisible(); }
    void catchUp(); // on screen again: the text of the current document, the element selected meanwhile
    void markError(int line);

    DocumentModel* model_;
    doc::Format format_ = doc::Format::Yaml;
    QPlainTextEdit* editor_;
    QLabel* status_;
    QComboBox* formatBox_;
    QTimer* debounce_;
    bool updating_ = false;
    bool pending_ = false;
    bool stale_ = false;
    QString revealOnShow_; // the element selected while the view was hidden
    std::optional<bool> onScreen_;
};

} // namespace quire::ide
