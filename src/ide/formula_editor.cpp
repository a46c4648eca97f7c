#include "formula_editor.h"
#include "color_scheme.h"

#include <quire/formula/checker.h>
#include <quire/formula/parser.h>

#include <QAbstractItemView>
#include <QCompleter>
#include <QKeyEvent>
#include <QPainter>
#include <QRegularExpression>
#include <QStringListModel>
#include <QStyleOptionFrame>

namespace quire::ide {

const QStringList& FormulaEditor::functionNames() {
    static const QStringList names = {
        "Abs", "Avg", "AvgIf", "Between", "Ceiling", "Choose", "Coalesce", "Concat", "Contains", "Count", "CountDistinct",
        "CountIf", "CumulativeAvg", "CumulativeCount", "CumulativeMax", "CumulativeMin", "CumulativeSum", "Date", "DateAdd",
        "DateDiff", "DateFormat", "DatePart", "DateTrunc", "Day", "EndsWith", "Exp", "Find", "First", "Floor", "Hour", "If",
        "In", "Int", "IsNotNull", "IsNull", "Lag", "Last", "Lead", "Left", "Len", "Ln", "Log", "Lower", "Lpad", "Ltrim",
        "MakeDate", "Max", "MaxIf", "Median", "Mid", "Min", "MinIf", "Minute", "Mod", "Month", "MovingAvg", "MovingSum",
        "Now", "Ntile", "Number", "PercentOfTotal", "Power", "Proper", "Quarter", "Rank", "RankDense", "RegexpExtract",
        "RegexpMatch", "RegexpReplace", "Replace", "Right", "Round", "RowNumber", "Rpad", "Rtrim", "Second", "Sign",
        "SplitPart", "Sqrt", "StartsWith", "StdDev", "Sum", "SumIf", "Switch", "Text", "Today", "Trim", "Trunc", "Upper",
        "Variance", "Weekday", "Year", "Zn"};
    return names;
}

FormulaEditor::FormulaEditor(QWidget* parent) : QLineEdit(parent) {
    QFont f = font();
    f.setFamily("DejaVu Sans Mono");
    setFont(f);
    completer_ = new QCompleter(this);
    completer_->setCaseSensitivity(Qt::CaseInsensitive);
    completer_->setWidget(this);
    completer_->setCompletionMode(QCompleter::PopupCompletion);
    connect(completer_, qOverload<const QString&>(&QCompleter::activated), this, [this](const QString& choice) {
        bool inRef = false;
        const QString word = wordBeforeCursor(&inRef);
        QString t = text();
        const int pos = cursorPosition();
        QString insert = inRef ? choice + "]" : choice + "(";
        t.replace(pos - word.size(), word.size(), insert);
        setText(t);
        setCursorPosition(pos - int(word.size()) + int(insert.size()));
    });
    connect(this, &QLineEdit::textEdited, this, [this] { complete(); });
    connect(this, &QLineEdit::textChanged, this, [this] { recheck(); });
}

void FormulaEditor::setColumnNames(const QStringList& names) { columns_ = names; }

namespace {
void collectReferences(const formula::Node& node, formula::CheckContext& context) {
    if (node.kind == formula::NodeKind::Reference)
        context.columns.emplace(node.hasPrefix ? node.prefix + "/" + node.name : node.name, formula::Type::Unknown);
    for (const auto& child : node.children)
        if (child) collectReferences(*child, context);
}
} // namespace

void FormulaEditor::recheck() {
    findings_.clear();
    const std::string text = this->text().toStdString();
    std::vector<Diagnostic> diagnostics;
    if (!text.empty()) {
        auto parsed = formula::parseFormula(text);
        if (!parsed.ok()) {
            diagnostics = parsed.diagnostics;
        } else {
            formula::CheckContext context;
            collectReferences(*parsed.root, context);
            diagnostics = formula::checkExpression(*parsed.root, context).diagnostics;
        }
    }
    QStringList tips;
    for (const auto& d : diagnostics) {
        if (d.severity != Severity::Error || d.rule == "formula/unknown-column") continue;
        // Spans are byte offsets into the UTF-8 text; the editor works in UTF-16 positions.
        const auto [offset, length] = d.formulaSpan.value_or(std::pair<int, int>{0, int(text.size())});
        const int start = int(QString::fromUtf8(text.data(), std::min<int>(offset, int(text.size()))).size());
        const int span = std::max(1, int(QString::fromUtf8(text.data() + std::min<int>(offset, int(text.size())),
                                                           std::max(0, std::min<int>(length, int(text.size()) - offset))).size()));
        findings_.push_back({start, span, QString::fromStdString(d.message)});
        tips << QString::fromStdString(d.message);
    }
    setToolTip(tips.join("\n"));
    update();
}

QString FormulaEditor::wordBeforeCursor(bool* inReference) const {
    const QString before = text().left(cursorPosition());
    const int open = before.lastIndexOf('['), close = before.lastIndexOf(']');
    if (open > close) {
        *inReference = true;
        return before.mid(open + 1);
    }
    *inReference = false;
    int start = before.size();
    while (start > 0 && before[start - 1].isLetterOrNumber()) --start;
    return before.mid(start);
}

void FormulaEditor::complete() {
    bool inRef = false;
    const QString word = wordBeforeCursor(&inRef);
    if (!inRef && word.size() < 2) {
        completer_->popup()->hide();
        return;
    }
    completer_->setModel(new QStringListModel(inRef ? columns_ : functionNames(), completer_));
    completer_->setCompletionPrefix(word);
    if (completer_->completionCount() == 0) {
        completer_->popup()->hide();
        return;
    }
    QRect r = cursorRect();
    r.setWidth(260);
    completer_->complete(r);
}

void FormulaEditor::keyPressEvent(QKeyEvent* event) {
    if (completer_->popup()->isVisible() &&
        (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter || event->key() == Qt::Key_Tab)) {
        event->ignore();
        return;
    }
    QLineEdit::keyPressEvent(event);
}

// Paints the text with colours per token over the normal line edit frame.
void FormulaEditor::paintEvent(QPaintEvent* event) {
    QLineEdit::paintEvent(event);
    if (hasSelectedText()) return;
    QPainter p(this);
    QStyleOptionFrame option;
    initStyleOption(&option);
    QRect area = style()->subElementRect(QStyle::SE_LineEditContents, &option, this).adjusted(2, 0, -2, 0);
    p.fillRect(area, palette().base());
    p.setClipRect(area);
    const QString t = text();
    static const QRegularExpression token(R"((\[[^\]]*\]?)|("[^"]*"?|'[^']*'?)|(\b\d+(\.\d+)?\b)|([A-Za-z_][A-Za-z0-9_]*)(?=\s*\()|(.))");
    int x = area.left() - (cursorRect().left() > area.right() ? cursorRect().left() - area.right() : 0);
    const QFontMetrics fm(font());
    const int baseline = area.top() + (area.height() + fm.ascent() - fm.descent()) / 2;
    for (auto it = token.globalMatch(t); it.hasNext();) {
        auto m = it.next();
        QColor color = palette().text().color();
        if (m.capturedLength(1)) color = QColor("#0f766e");
        else if (m.capturedLength(2)) color = QColor("#b45309");
        else if (m.capturedLength(3)) color = QColor("#7c3aed");
        else if (m.capturedLength(5)) color = functionNames().contains(m.captured(5), Qt::CaseInsensitive) ? QColor("#1d4ed8") : QColor("#b91c1c");
        p.setPen(readableOn(color, palette().base().color()));
        p.drawText(x, baseline, m.captured(0));
        x += fm.horizontalAdvance(m.captured(0));
    }
    // Red wavy underline under each finding of the checker.
    p.setPen(QPen(QColor("#dc2626"), 1));
    const int origin = area.left() - (cursorRect().left() > area.right() ? cursorRect().left() - area.right() : 0);
    for (const auto& f : findings_) {
        const int x0 = origin + fm.horizontalAdvance(t.left(f.offset));
        const int x1 = std::max(x0 + 4, origin + fm.horizontalAdvance(t.left(f.offset + f.length)));
        const int y = baseline + 2;
        for (int x = x0; x < x1; x += 4) {
            p.drawLine(x, y, x + 2, y + 2);
            p.drawLine(x + 2, y + 2, x + 4, y);
        }
    }
    if (hasFocus()) {
        const int cx = area.left() + fm.horizontalAdvance(t.left(cursorPosition()));
        p.setPen(palette().text().color());
        p.drawLine(cx, area.top() + 3, cx, area.bottom() - 3);
    }
}

} // namespace quire::ide
