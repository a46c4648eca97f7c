#pragma once
// One-line editor for a Sigma formula: highlights column references, functions, strings and numbers, and
// completes function and column names.
#include <QLineEdit>
#include <QSyntaxHighlighter>

#include <vector>

class QCompleter;

namespace quire::ide {

class FormulaEditor : public QLineEdit {
    Q_OBJECT
public:
    explicit FormulaEditor(QWidget* parent = nullptr);
    // Column names offered after '[' (e.g. "Events/Revenue", "Channel").
    void setColumnNames(const QStringList& names);
    static const QStringList& functionNames();
    // Findings of the formula checker for the current text (syntax, unknown functions, arity, types,
    // aggregate misuse), with their spans; reference resolution is left to the Problems list.
    struct Finding {
        int offset = 0;
        int length = 0;
        QString message;
    };
    const std::vector<Finding>& findings() const { return findings_; }

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    void complete();
    QString wordBeforeCursor(bool* inReference) const;
    QCompleter* completer_;
    void recheck();
    QStringList columns_;
    std::vector<Finding> findings_;
};

} // namespace quire::ide
