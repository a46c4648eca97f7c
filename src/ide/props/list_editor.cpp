#include "list_editor.h"
#include "../color_scheme.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace quire::ide::props {

ListEditor::ListEditor(const Context& context, Spec spec, QWidget* parent)
    : QGroupBox(spec.title, parent), context_(context), spec_(std::move(spec)) {
    setObjectName(spec_.name);
    items_ = current(context_.model, spec_.pointer);
    if (!items_.is_array()) items_ = Json::array();
    auto* vbox = new QVBoxLayout(this);
    list_ = new QListWidget;
    list_->setObjectName(spec_.name + "-list");
    for (const auto& item : items_)
        list_->addItem(item.is_object() ? spec_.label(item) : QString::fromStdString(item.dump()));
    list_->setMaximumHeight(std::max(28, std::min(int(items_.size()), 5) * 20 + 8));
    list_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Maximum); // extra panel height goes below, not here
    vbox->addWidget(list_);

    auto* buttons = new QHBoxLayout;
    auto button = [&](const QString& text, const QString& name, const QString& tip) {
        auto* b = new QPushButton(text);
        b->setObjectName(spec_.name + "-" + name);
        b->setToolTip(tip);
        b->setAutoDefault(false);
        buttons->addWidget(b);
        return b;
    };
    auto* add = button(tr("Add"), "add", tr("Add a %1").arg(spec_.itemNoun));
    auto* remove = button(tr("Remove"), "remove", tr("Remove the selected %1").arg(spec_.itemNoun));
    auto* up = button(QStringLiteral("↑"), "up", tr("Move the selected %1 up").arg(spec_.itemNoun));
    auto* down = button(QStringLiteral("↓"), "down", tr("Move the selected %1 down").arg(spec_.itemNoun));
    up->setFixedWidth(30);
    down->setFixedWidth(30);
    buttons->addStretch();
    vbox->addLayout(buttons);

    auto* detailHost = new QWidget;
    auto* detailLayout = new QVBoxLayout(detailHost);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    vbox->addWidget(detailHost);

    add->setEnabled(spec_.newItem().has_value());
    const QString key = QString::fromStdString(spec_.pointer);
    // remember: a row the user picked is kept for the next rebuild; the row shown at construction (clamped
    // after an undo removed items) is not, so redo shows the row the user was on.
    auto showRow = [this, detailLayout, remove, up, down, key](int row, bool remember) {
        if (remember) (*context_.rows)[key] = row;
        while (QLayoutItem* old = detailLayout->takeAt(0)) {
            if (old->widget()) old->widget()->deleteLater();
            delete old;
        }
        const bool valid = row >= 0 && row < int(items_.size());
        remove->setEnabled(valid);
        up->setEnabled(valid && row > 0);
        down->setEnabled(valid && row + 1 < int(items_.size()));
        if (!valid) return;
        auto* details = new QWidget;
        details->setObjectName(spec_.name + "-details");
        auto* form = new QFormLayout(details);
        form->setContentsMargins(0, 4, 0, 0);
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        const Json& item = items_[std::size_t(row)];
        if (item.is_object()) {
            spec_.details(form, row, spec_.pointer + "/" + std::to_string(row), item);
        } else {
            // Not an object: nothing to edit field by field; kept as it is (the validator says what is wrong).
            auto* note = new QLabel(tr("Not an object; kept as it is: %1").arg(QString::fromStdString(item.dump())));
            note->setObjectName(spec_.name + "-invalid");
            note->setWordWrap(true);
            note->setStyleSheet(toneStyle(Tone::Error));
            form->addRow(note);
        }
        detailLayout->addWidget(details);
    };
    connect(list_, &QListWidget::currentRowChanged, this, [showRow](int row) { showRow(row, true); });
    connect(add, &QPushButton::clicked, this, [this] { this->add(); });
    connect(remove, &QPushButton::clicked, this, [this] { this->remove(list_->currentRow()); });
    connect(up, &QPushButton::clicked, this, [this] { move(list_->currentRow(), list_->currentRow() - 1); });
    connect(down, &QPushButton::clicked, this, [this] { move(list_->currentRow(), list_->currentRow() + 1); });

    const int row = std::min(context_.rows->value(key, 0), int(items_.size()) - 1);
    list_->blockSignals(true);
    list_->setCurrentRow(row);
    list_->blockSignals(false);
    showRow(row, false);
}

// The list view clears its current row while it is destroyed; that must not reach showRow (which would
// record row -1 for the next editor, on a half-destroyed object).
ListEditor::~ListEditor() { list_->disconnect(this); }

void ListEditor::add() {
    std::optional<Json> item = spec_.newItem();
    if (!item) return;
    Json items = items_;
    items.push_back(*item);
    (*context_.rows)[QString::fromStdString(spec_.pointer)] = int(items.size()) - 1;
    setValue(context_.model, spec_.pointer, items, tr("Add %1").arg(spec_.itemNoun));
}

void ListEditor::remove(int index) {
    if (index < 0 || index >= int(items_.size())) return;
    Json items = items_;
    items.erase(std::size_t(index));
    (*context_.rows)[QString::fromStdString(spec_.pointer)] = std::max(0, index - 1);
    setValue(context_.model, spec_.pointer, items.empty() && spec_.removeWhenEmpty ? std::nullopt : std::optional<Json>(items),
             tr("Remove %1").arg(spec_.itemNoun));
}

void ListEditor::move(int from, int to) {
    if (from < 0 || to < 0 || from >= int(items_.size()) || to >= int(items_.size())) return;
    Json items = items_;
    std::swap(items[std::size_t(from)], items[std::size_t(to)]);
    (*context_.rows)[QString::fromStdString(spec_.pointer)] = to;
    setValue(context_.model, spec_.pointer, items, tr("Move %1").arg(spec_.itemNoun));
}

} // namespace quire::ide::props
