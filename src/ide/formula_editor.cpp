#include "formula_editor.h"
#include "color_scheme.h"

#include <quire/formula/checker.h>
#include <quire/formula/parser.h>
#include <quire/help/function_help.h>

#include <QAbstractItemView>
#include <QCompleter>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QScreen>
#include <QRegularExpression>
#include <QStringListModel>
#include <QStyleOptionFrame>
#include <QToolTip>

#include <map>

namespace quire::ide {

const QStringList& FormulaEditor::functionNames() {
    static const QStringList names = [] {
        QStringList out;
        for (const auto& f : formula::FunctionCatalog::builtin().all()) out << QString::fromStdString(f.name);
        out.sort(Qt::CaseInsensitive);
        return out;
    }();
    return names;
}

QString FormulaEditor::functionHelpHtml(const QString& name) {
    const auto* f = formula::FunctionCatalog::builtin().find(name.toStdString());
    if (!f) return {};
    // Deriving the dialects compiles the example six times: once per function and session.
    static std::map<std::string, QString> cache;
    if (auto it = cache.find(f->name); it != cache.end()) return it->second;
    const auto help = help::functionHelp(*f);
    const auto esc = [](const std::string& text) { return QString::fromStdString(text).toHtmlEscaped(); };
    QString html = "<b>" + esc(f->signature) + "</b>";
    html += "<br>" + esc(f->description);
    if (!f->aliasOf.empty()) html += " <i>(alias of " + esc(f->aliasOf) + ")</i>";
    html += "<br><span style='color:#64748b'>Example:</span> <code>" + esc(f->example) + "</code>";
    html += "<br><span style='color:#64748b'>Dialects:</span> " + esc(help::dialectList(help.dialects));
    if (!help.gaps.empty()) {
        std::string missing;
        for (const auto& gap : help.gaps) missing += (missing.empty() ? "" : ", ") + std::string(sql::dialectName(gap.dialect));
        html += " <span style='color:#b91c1c'>(not " + esc(missing) + ")</span>";
    }
    return cache.emplace(f->name, html).first->second;
}

QString FormulaEditor::functionHelpAt(int position) const {
    const QString t = text();
    if (position < 0 || position > t.size()) return {};
    // Not inside a [reference] or a "string".
    const QString before = t.left(position);
    if (before.lastIndexOf('[') > before.lastIndexOf(']') || before.count('"') % 2 == 1) return {};
    int start = position, end = position;
    while (start > 0 && (t[start - 1].isLetterOrNumber() || t[start - 1] == '_')) --start;
    while (end < t.size() && (t[end].isLetterOrNumber() || t[end] == '_')) ++end;
    if (start == end) return {};
    int next = end;
    while (next < t.size() && t[next].isSpace()) ++next;
    if (next >= t.size() || t[next] != '(') return {};
    return functionHelpHtml(t.mid(start, end - start));
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
    completer_->popup()->installEventFilter(this);
    connect(completer_, qOverload<const QString&>(&QCompleter::highlighted), this, [this](const QString& name) {
        showCompletionHelp(name);
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
    // Help for the first match until the user moves through the list.
    showCompletionHelp(inRef ? QString() : completer_->currentCompletion());
}

// The help panel beside the completion popup: a frameless tool window that follows it.
void FormulaEditor::showCompletionHelp(const QString& name) {
    const QString html = name.isEmpty() ? QString() : functionHelpHtml(name);
    if (html.isEmpty() || !completer_->popup()->isVisible()) {
        if (completionHelp_) completionHelp_->hide();
        return;
    }
    if (!completionHelp_) {
        completionHelp_ = new QLabel(this, Qt::ToolTip | Qt::FramelessWindowHint);
        completionHelp_->setObjectName("formulaCompletionHelp");
        completionHelp_->setTextFormat(Qt::RichText);
        completionHelp_->setWordWrap(true);
        completionHelp_->setMinimumWidth(340);
        completionHelp_->setMaximumWidth(460);
        completionHelp_->setMargin(8);
        completionHelp_->setFrameShape(QFrame::Box);
        completionHelp_->setPalette(QToolTip::palette());
        completionHelp_->setAutoFillBackground(true);
    }
    completionHelp_->setText(html);
    completionHelp_->adjustSize();
    // Right of the list, or left of it where the screen ends (the property panel sits at the right edge).
    const QRect popup = completer_->popup()->geometry();
    QPoint at(popup.right() + 4, popup.top());
    if (const QScreen* s = completer_->popup()->screen(); s && at.x() + completionHelp_->width() > s->availableGeometry().right())
        at.setX(popup.left() - 4 - completionHelp_->width());
    completionHelp_->move(at);
    completionHelp_->show();
    completionHelp_->raise();
}

bool FormulaEditor::eventFilter(QObject* watched, QEvent* event) {
    if (watched == completer_->popup() && event->type() == QEvent::Hide && completionHelp_) completionHelp_->hide();
    return QLineEdit::eventFilter(watched, event);
}

// Hovering a function name shows its help; elsewhere the checker's findings (the widget's tool tip).
bool FormulaEditor::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        if (const QString html = functionHelpAt(cursorPositionAt(help->pos())); !html.isEmpty()) {
            QToolTip::showText(help->globalPos(), html, this);
            return true;
        }
    }
    return QLineEdit::event(event);
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
