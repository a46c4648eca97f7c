#pragma once
// One-line editor for a Sigma formula: highlights column references, functions, strings and numbers, and
// completes function and column names.
#include <QLineEdit>
#include <QSyntaxHighlighter>

class QCompleter;

namespace quire::ide {

class FormulaEditor : public QLineEdit {
    Q_OBJECT
public:
    explicit FormulaEditor(QWidget* parent = nullptr);
    // Column names offered after '[' (e.g. "Events/Revenue", "Channel").
    void setColumnNames(const QStringList& names);
    static const QStringList& functionNames();

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    void complete();
    QString wordBeforeCursor(bool* inReference) const;
    QCompleter* completer_;
    QStringList columns_;
};

} // namespace quire::ide
