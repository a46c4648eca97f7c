#pragma once
// The workbook as text (YAML or JSON), editable. Typing re-parses after a short pause; a good parse is
// applied as one undoable "Edit source" command, a bad one is shown inline and changes nothing, so the
// last good document is never lost.
#include "document_model.h"

#include <QWidget>

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
    void showElement(const QString& id);

private:
    void regenerate();
    void markError(int line);

    DocumentModel* model_;
    doc::Format format_ = doc::Format::Yaml;
    QPlainTextEdit* editor_;
    QLabel* status_;
    QComboBox* formatBox_;
    QTimer* debounce_;
    bool updating_ = false;
    bool pending_ = false;
};

} // namespace quire::ide
