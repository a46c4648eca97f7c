#include "property_panel.h"
#include "color_scheme.h"

#include "document_commands.h"
#include "element_templates.h"
#include "formula_editor.h"
#include "props/editors.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <set>

namespace quire::ide {

PropertyPanel::PropertyPanel(DocumentModel* model, QWidget* parent) : QWidget(parent), model_(model) {
    layout_ = new QVBoxLayout(this);
    layout_->setContentsMargins(6, 6, 6, 6);
    connect(model_, &DocumentModel::selectionChanged, this, &PropertyPanel::rebuild);
    connect(model_, &DocumentModel::changed, this, [this] {
        const Json* e = element();
        // Rebuild when the element changed, except while the user types into a text field here (the field
        // already shows what was typed; rebuilding would take the cursor away). Pickers and buttons rebuild,
        // since what they change can change which fields are shown.
        // "Typing" is a forward change by a merging (typing) command while a text field here has the focus;
        // undo, and edits through pickers while a text field keeps the focus, rebuild.
        QUndoStack* stack = model_->undoStack();
        const int index = stack->index();
        const QUndoCommand* top = index > 0 ? stack->command(index - 1) : nullptr;
        const bool forward = index >= lastIndex_;
        lastIndex_ = index;
        QWidget* focus = focusWidget();
        const bool typing = forward && top && top->id() == MergeTyping && content_ && content_->isAncestorOf(focus) &&
                            (qobject_cast<QLineEdit*>(focus) || qobject_cast<QPlainTextEdit*>(focus));
        if ((!e && !elementId_.isEmpty()) || (e && *e != shown_ && !typing))
            rebuild();
        else if (e) shown_ = *e;
    });
    rebuild();
}

std::string PropertyPanel::elementPointer() const {
    int index = -1;
    if (!model_->findElement(elementId_.toStdString(), &index)) return {};
    return model_->bodyPointer() + "/elements/" + std::to_string(index);
}

const Json* PropertyPanel::element() const { return model_->findElement(elementId_.toStdString()); }

void PropertyPanel::addTextField(QFormLayout* form, const QString& label, const std::string& key, bool multiLine) {
    const Json* e = element();
    QString value = e && e->contains(key) && (*e)[key].is_string() ? QString::fromStdString((*e)[key].get<std::string>()) : QString();
    const std::string pointer = elementPointer() + "/" + key;
    if (multiLine) {
        auto* edit = new QPlainTextEdit(value);
        edit->setObjectName(QString::fromStdString("field-" + key));
        edit->setMaximumHeight(90);
        connect(edit, &QPlainTextEdit::textChanged, this, [this, edit, pointer, label] {
            if (auto* c = makeSetValue(model_, pointer, Json(edit->toPlainText().toStdString()), tr("Edit %1").arg(label), MergeTyping))
                model_->undoStack()->push(c);
        });
        form->addRow(label, edit);
    } else {
        auto* edit = new QLineEdit(value);
        edit->setObjectName(QString::fromStdString("field-" + key));
        connect(edit, &QLineEdit::textEdited, this, [this, edit, pointer, label] {
            if (auto* c = makeSetValue(model_, pointer, Json(edit->text().toStdString()), tr("Edit %1").arg(label), MergeTyping))
                model_->undoStack()->push(c);
        });
        form->addRow(label, edit);
    }
}

void PropertyPanel::addChannel(QFormLayout* form, const QString& label, const std::string& pointerSuffix, bool list) {
    const Json* e = element();
    auto* box = new QComboBox;
    box->addItem(tr("(none)"), QString());
    if (e && e->contains("columns"))
        for (const auto& c : (*e)["columns"])
            if (c.is_object()) box->addItem(QString::fromStdString(c.value("name", c.value("id", ""))), QString::fromStdString(c.value("id", "")));
    JsonPointer ptr(pointerSuffix);
    std::string current;
    if (e && e->contains(ptr)) {
        const Json& v = e->at(ptr);
        if (v.is_string()) current = v.get<std::string>();
        else if (v.is_array() && !v.empty() && v[0].is_string()) current = v[0].get<std::string>();
        else if (v.is_array() && !v.empty() && v[0].is_object()) current = v[0].value("columnId", "");
    }
    box->setCurrentIndex(std::max(0, box->findData(QString::fromStdString(current))));
    const std::string pointer = elementPointer() + pointerSuffix;
    connect(box, &QComboBox::currentIndexChanged, this, [this, box, pointer, list, label] {
        const std::string id = box->currentData().toString().toStdString();
        Json value = list ? Json::array({id}) : Json(id);
        if (auto* c = makeSetValue(model_, pointer, value, tr("Set %1").arg(label))) model_->undoStack()->push(c);
    });
    form->addRow(label, box);
}

bool PropertyPanel::setColumnFormula(int columnIndex, const QString& formula) {
    const Json* e = element();
    if (!e || !e->contains("columns") || columnIndex < 0 || columnIndex >= int((*e)["columns"].size())) return false;
    auto* c = makeSetValue(model_, elementPointer() + "/columns/" + std::to_string(columnIndex) + "/formula",
                           Json(formula.toStdString()), tr("Edit formula"), MergeTyping);
    if (c) model_->undoStack()->push(c);
    return true;
}

namespace {

// Builds one editor. A field of an unexpected JSON type deep inside (say a number where Sigma has a string)
// makes the editor throw while reading it: the panel then says so and keeps the fields read-only.
QWidget* guarded(QWidget* (*make)(const props::Context&, std::set<std::string>&), const props::Context& context,
                 std::set<std::string>& known, QVBoxLayout* vbox) {
    const std::set<std::string> before = known;
    try {
        return make(context, known);
    } catch (const nlohmann::json::exception& error) {
        known = before;
        auto* note = new QLabel(QObject::tr("Some fields have a shape Quire cannot edit; they are shown read-only below (%1).")
                                    .arg(QString::fromUtf8(error.what())));
        note->setObjectName("editor-error");
        note->setWordWrap(true);
        note->setStyleSheet(toneStyle(Tone::Error));
        vbox->addWidget(note);
        return nullptr;
    }
}

} // namespace

void PropertyPanel::rebuild() {
    // Keep the keyboard focus on the same editor (by object name) across the rebuild.
    QString focusName;
    if (content_ && focusWidget() && content_->isAncestorOf(focusWidget())) focusName = focusWidget()->objectName();
    if (content_) content_->deleteLater();
    content_ = new QWidget;
    columns_ = nullptr;
    formula_ = nullptr;
    auto* vbox = new QVBoxLayout(content_);
    vbox->setContentsMargins(0, 0, 0, 0);
    layout_->addWidget(content_);
    const QStringList selection = model_->selection();
    const QString previous = elementId_;
    elementId_ = selection.size() == 1 ? selection.front() : QString();
    if (elementId_ != previous) rows_.clear();
    const Json* e = element();
    if (!e && selection.isEmpty() && addPageSection(vbox)) {
        shown_ = Json();
        vbox->addStretch();
        return;
    }
    if (!e) {
        shown_ = Json();
        auto* hint = new QLabel(selection.size() > 1 ? tr("%1 elements selected").arg(selection.size())
                                                     : tr("Select an element on the canvas or in the outline to edit it."));
        hint->setWordWrap(true);
        hint->setStyleSheet(toneStyle(Tone::Hint));
        vbox->addWidget(hint);
        vbox->addStretch();
        return;
    }
    shown_ = *e;
    if (!focusName.isEmpty())
        QTimer::singleShot(0, content_, [c = content_, focusName] {
            if (auto* w = c->findChild<QWidget*>(focusName)) w->setFocus();
        });
    // One builder per group of editors, top to bottom; each records in section.known the keys it edits, so the
    // last one shows everything else read-only (and preserved).
    Section section{*e, e->value("kind", ""), props::Context{model_, elementPointer(), e, &rows_, [this] { rebuild(); }},
                    {"id", "kind"}, vbox};
    for (auto add : {&PropertyPanel::addGeneralSection, &PropertyPanel::addSourceSection, &PropertyPanel::addColumnsSection,
                     &PropertyPanel::addChannelsSection, &PropertyPanel::addKindEditors, &PropertyPanel::addOtherFields})
        (this->*add)(section);
    vbox->addStretch();
}

void PropertyPanel::showRegion() {
    if (model_->selection().isEmpty()) rebuild();
}

// The shown page's settings: its visibility (spec §2: `hidden`, or an audience of specific users and teams,
// which is kept and shown read-only). One undo step per change.
bool PropertyPanel::addPageSection(QVBoxLayout* vbox) {
    const QString region = regionSource_ ? regionSource_() : QString();
    const Json* body = model_->body();
    if (region.isEmpty() || !body || !body->contains("pages") || !(*body)["pages"].is_array()) return false;
    const Json& pages = (*body)["pages"];
    for (std::size_t i = 0; i < pages.size(); ++i) {
        if (!pages[i].is_object() || QString::fromStdString(pages[i].value("id", "")) != region) continue;
        const Json& page = pages[i];
        auto* box = new QGroupBox(tr("Page"));
        box->setObjectName("page");
        auto* form = new QFormLayout(box);
        form->addRow(tr("Id"), new QLabel(region));
        form->addRow(tr("Name"), new QLabel(QString::fromStdString(page.value("name", ""))));
        const std::string pointer = model_->bodyPointer() + "/pages/" + std::to_string(i) + "/visibility";
        const Json visibility = page.value("visibility", Json());
        const std::string state = visibility.is_null() ? "" : visibility.is_string() ? visibility.get<std::string>() : "audience";
        std::vector<std::pair<std::string, QString>> choices{{"", tr("Visible to everyone")}, {"hidden", tr("Hidden")}};
        if (state == "audience") choices.emplace_back("audience", tr("Specific users and teams (kept)"));
        auto* picker = props::choicePicker(choices, state);
        picker->setObjectName("page-visibility");
        connect(picker, &QComboBox::currentIndexChanged, picker, [model = model_, picker, pointer] {
            const std::string picked = props::pickedId(picker);
            if (picked == "audience") return;
            props::setValue(model, pointer, picked.empty() ? std::nullopt : std::optional<Json>(Json(picked)),
                            picked.empty() ? tr("Show page") : tr("Hide page"));
        });
        form->addRow(tr("Visibility"), picker);
        if (state == "audience") form->addRow(QString(), new QLabel(QString::fromStdString(visibility.dump())));
        vbox->addWidget(box);
        return true;
    }
    return false;
}

void PropertyPanel::addGeneralSection(Section& section) {
    const Json* e = &section.element;
    const std::string& kind = section.kind;
    const props::Context& context = section.context;
    std::set<std::string>& known = section.known;
    QVBoxLayout* vbox = section.box;
    auto* general = new QGroupBox(kindLabel(kind, e->value("controlType", "")));
    auto* form = new QFormLayout(general);
    auto* idLabel = new QLabel(elementId_);
    idLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Id"), idLabel);
    QWidget* control = guarded(props::makeControlSettingsEditor, context, known, vbox);
    if (!e->contains("name") || (*e)["name"].is_string()) {
        addTextField(form, tr("Title"), "name");
        known.insert("name");
    }
    auto field = [&](const QString& label, const char* key, bool multi = false) {
        addTextField(form, label, key, multi);
        known.insert(key);
    };
    if (kind == "text") field(tr("Body"), "body", true);
    if (kind == "button") field(tr("Text"), "text");
    if (kind == "image" || kind == "embed") field(tr("URL"), "url");
    if (kind == "image") field(tr("Alt text"), "alt");
    // Enumerated kind fields (spec §3.5, §3.7); "(default)" removes the key.
    auto choice = [&](const QString& label, const char* key, const QStringList& values) {
        if (e->contains(key) && !(*e)[key].is_string()) return; // an unexpected shape stays read-only
        props::addEnumField(context, form, label, QStringLiteral("field-%1").arg(key), elementPointer(), *e, key, values, true);
        known.insert(key);
    };
    if (kind == "text") {
        choice(tr("Vertical align"), "verticalAlign", {"top", "center", "bottom"});
        choice(tr("Overflow"), "overflow", {"clip", "scroll"});
    }
    if (kind == "button") choice(tr("Appearance"), "appearance", {"filled", "outline"});
    if (kind == "bar-chart" || kind == "line-chart" || kind == "area-chart" || kind == "combo-chart") {
        choice(tr("Stacking"), "stacking", {"none", "stacked", "normalized"});
        if (kind == "bar-chart") choice(tr("Orientation"), "orientation", {"horizontal", "vertical"});
    }
    if (kind == "control") {
        field(tr("Control id"), "controlId");
        form->addRow(tr("Type"), new QLabel(QString::fromStdString(e->value("controlType", ""))));
        known.insert("controlType");
        if (!known.count("mode") && e->contains("mode") && (*e)["mode"].is_string()) field(tr("Mode"), "mode");
    }
    vbox->addWidget(general);
    if (control) vbox->addWidget(control);

}

void PropertyPanel::addSourceSection(Section& section) {
    const Json* e = &section.element;
    std::set<std::string>& known = section.known;
    QVBoxLayout* vbox = section.box;
    if (e->contains("source") && (*e)["source"].is_object() && !known.count("source")) { // a control's: its editor
        known.insert("source");
        const Json& src = (*e)["source"];
        auto* box = new QGroupBox(tr("Source"));
        auto* sf = new QFormLayout(box);
        sf->addRow(tr("Kind"), new QLabel(QString::fromStdString(src.value("kind", ""))));
        if (src.contains("elementId")) sf->addRow(tr("Element"), new QLabel(QString::fromStdString(src.value("elementId", ""))));
        if (src.contains("connectionId")) sf->addRow(tr("Connection"), new QLabel(QString::fromStdString(src.value("connectionId", ""))));
        if (src.contains("path") && src["path"].is_array()) {
            QStringList parts;
            for (const auto& p : src["path"]) parts << QString::fromStdString(p.is_string() ? p.get<std::string>() : p.dump());
            sf->addRow(tr("Table"), new QLabel(parts.join('.')));
        }
        vbox->addWidget(box);
    }
}

void PropertyPanel::addColumnsSection(Section& section) {
    const Json* e = &section.element;
    std::set<std::string>& known = section.known;
    QVBoxLayout* vbox = section.box;
    if (e->contains("columns") && (*e)["columns"].is_array()) {
        known.insert("columns");
        auto* box = new QGroupBox(tr("Columns"));
        auto* cl = new QVBoxLayout(box);
        columns_ = new QTableWidget(int((*e)["columns"].size()), 3);
        columns_->setHorizontalHeaderLabels({tr("Name"), tr("Formula"), tr("Hidden")});
        columns_->horizontalHeader()->moveSection(2, 1); // Name, Hidden, Formula
        columns_->horizontalHeader()->setStretchLastSection(true);
        columns_->verticalHeader()->hide();
        columns_->setSelectionBehavior(QAbstractItemView::SelectRows);
        columns_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
        int row = 0;
        QStringList refNames;
        for (const auto& c : (*e)["columns"]) {
            columns_->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(c.value("name", c.value("id", "")))));
            auto* f = new QTableWidgetItem(QString::fromStdString(c.value("formula", "")));
            f->setFlags(f->flags() & ~Qt::ItemIsEditable);
            columns_->setItem(row, 1, f);
            // Spec §3.1 `hidden`: viewers do not see the column; the preview draws it veiled with a badge.
            auto* hidden = new QTableWidgetItem;
            hidden->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
            hidden->setCheckState(c.is_object() && c.value("hidden", Json(false)) == true ? Qt::Checked : Qt::Unchecked);
            columns_->setItem(row++, 2, hidden);
            refNames << QString::fromStdString(c.value("name", ""));
        }
        columns_->setMinimumHeight(120);
        cl->addWidget(columns_);
        formula_ = new FormulaEditor;
        formula_->setPlaceholderText(tr("Select a column to edit its formula"));
        // Columns of the source element are offered as [Source name/Column].
        if (e->contains("source") && (*e)["source"].contains("elementId"))
            if (const Json* src = model_->findElement((*e)["source"].value("elementId", ""))) {
                const std::string prefix = src->contains("name") && (*src)["name"].is_string() ? (*src)["name"].get<std::string>() : src->value("id", "");
                for (const auto& c : src->value("columns", Json::array()))
                    refNames << QString::fromStdString(prefix + "/" + c.value("name", ""));
            }
        formula_->setColumnNames(refNames);
        cl->addWidget(new QLabel(tr("Formula")));
        cl->addWidget(formula_);
        connect(columns_, &QTableWidget::currentCellChanged, this, [this](int r) {
            formulaColumn_ = r;
            const Json* el = element();
            if (!el || r < 0 || r >= int((*el)["columns"].size())) return;
            formula_->setText(QString::fromStdString((*el)["columns"][std::size_t(r)].value("formula", "")));
        });
        connect(formula_, &QLineEdit::textEdited, this, [this](const QString& text) {
            setColumnFormula(formulaColumn_, text);
            if (auto* item = columns_->item(formulaColumn_, 1)) item->setText(text);
        });
        connect(columns_, &QTableWidget::cellChanged, this, [this](int r, int c) {
            if (c == 2) {
                const bool on = columns_->item(r, 2)->checkState() == Qt::Checked;
                props::setValue(model_, elementPointer() + "/columns/" + std::to_string(r) + "/hidden",
                                on ? std::optional<Json>(true) : std::nullopt, on ? tr("Hide column") : tr("Show column"));
                return;
            }
            if (c != 0) return;
            if (auto* cmd = makeSetValue(model_, elementPointer() + "/columns/" + std::to_string(r) + "/name",
                                         Json(columns_->item(r, 0)->text().toStdString()), tr("Rename column")))
                model_->undoStack()->push(cmd);
        });
        vbox->addWidget(box);
    }
}

void PropertyPanel::addChannelsSection(Section& section) {
    const Json* e = &section.element;
    const std::string& kind = section.kind;
    std::set<std::string>& known = section.known;
    QVBoxLayout* vbox = section.box;
    const bool cartesian = e->contains("xAxis") || e->contains("yAxis");
    const bool pivotValues = kind == "pivot-table" && e->contains("values") && (*e)["values"].is_array();
    if (cartesian || (e->contains("value") && (*e)["value"].is_object()) || pivotValues) {
        auto* box = new QGroupBox(tr("Channels"));
        auto* chf = new QFormLayout(box);
        if (cartesian) {
            addChannel(chf, tr("X axis"), "/xAxis/columnId");
            addChannel(chf, tr("Y axis"), "/yAxis/columnIds", true);
            known.insert({"xAxis", "yAxis"});
        }
        if (e->contains("value") && (*e)["value"].is_object()) { addChannel(chf, tr("Value"), "/value/columnId"); known.insert("value"); }
        if (e->contains("color") && (*e)["color"].is_object() && (*e)["color"].contains("columnId") && !(*e)["color"].contains("by")) {
            addChannel(chf, tr("Color"), "/color/columnId");
            known.insert("color");
        }
        if (e->contains("values") && (*e)["values"].is_array() && kind == "pivot-table") { addChannel(chf, tr("Values"), "/values", true); known.insert("values"); }
        vbox->addWidget(box);
    }
}

void PropertyPanel::addKindEditors(Section& section) {
    const props::Context& context = section.context;
    std::set<std::string>& known = section.known;
    QVBoxLayout* vbox = section.box;
    for (auto make : {props::makeSeriesEditor, props::makeTrellisEditor, props::makeRefMarkEditor, props::makeTrendlineEditor, props::makeLabelLegendEditor,
                      props::makeKpiEditor, props::makeDonutEditor, props::makeConditionalFormatEditor,
                      props::makeFormatEditor, props::makeRegionEditor, props::makeColorEditor, props::makeTooltipEditor, props::makeSortEditor, props::makeGroupingEditor,
                      props::makeFilterEditor, props::makeActionEditor})
        if (QWidget* w = guarded(make, context, known, vbox)) vbox->addWidget(w);
}

void PropertyPanel::addOtherFields(Section& section) {
    const Json* e = &section.element;
    std::set<std::string>& known = section.known;
    QVBoxLayout* vbox = section.box;
    // Everything else, read-only: preserved as is.
    Json rest = Json::object();
    for (const auto& [k, v] : e->items())
        if (!known.count(k)) rest[k] = v;
    if (!rest.empty()) {
        auto* box = new QGroupBox(tr("Other fields (kept as they are)"));
        auto* rl = new QVBoxLayout(box);
        auto* view = new QPlainTextEdit(QString::fromStdString(rest.dump(2)));
        view->setReadOnly(true);
        view->setMaximumHeight(160);
        view->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Maximum);
        view->setFont(QFont("DejaVu Sans Mono", 9));
        rl->addWidget(view);
        vbox->addWidget(box);
    }
}

} // namespace quire::ide
