#pragma once
// One-line editor for a Sigma formula: highlights column references, functions, strings and numbers, and
// completes function and column names. Function help (signature, description, example, dialects: the same text as
// `quire functions NAME`) shows beside the completion popup and when the mouse rests on a function name.
#include <QLineEdit>
#include <QSyntaxHighlighter>

#include <vector>

class QCompleter;
class QLabel;

namespace quire::ide {

class FormulaEditor : public QLineEdit {
    Q_OBJECT
public:
    explicit FormulaEditor(QWidget* parent = nullptr);
    // Column names offered after '[' (e.g. "Events/Revenue", "Channel").
    void setColumnNames(const QStringList& names);
    // The catalogue's function names (quire/formula/catalog.h).
    static const QStringList& functionNames();
    // Rich text help for a function ("" when `name` is not one): signature, description, example, dialects.
    static QString functionHelpHtml(const QString& name);
    // The help for the function name at character `position` of the text ("" when there is none).
    QString functionHelpAt(int position) const;
    // The help shown beside the completion popup for its current row (null until completion first runs).
    QLabel* completionHelp() const { return completionHelp_; }
    QCompleter* completer() const { return completer_; }
    // Findings of the formula checker for the current text (syntax, unknown functions, arity, types,
    // aggregate misuse), with their spans; reference resolution is left to the Problems list.
    struct Finding {
        int offset = 0;
        int length = 0;
        QString message;
    };
    const std::vector<Finding>& findings() const { return findings_; }

protected:
    bool event(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    void complete();
    QString wordBeforeCursor(bool* inReference) const;
    void showCompletionHelp(const QString& name);
    QCompleter* completer_;
    QLabel* completionHelp_ = nullptr;
    void recheck();
    QStringList columns_;
    std::vector<Finding> findings_;
};

} // namespace quire::ide
