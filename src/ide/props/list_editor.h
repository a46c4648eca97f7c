#pragma once
// A list of JSON objects stored in an array of the element (filters, sort, groupings, actions, effects…):
// a list view with Add / Remove / Up / Down, and the selected item's fields in a form below. Add, remove
// and reorder are each one undoable command on the array; the array key goes away when the last item is
// removed (it is restored exactly by undo).
#include "props_support.h"

#include <QGroupBox>

#include <functional>

class QFormLayout;
class QListWidget;
class QPushButton;

namespace quire::ide::props {

class ListEditor : public QGroupBox {
    Q_OBJECT
public:
    struct Spec {
        QString title;          // group box title
        QString name;           // object name prefix for widgets ("filters" -> "filters-list", "filters-add")
        std::string pointer;    // the array's JSON pointer
        QString itemNoun;       // "filter", used in undo texts
        bool removeWhenEmpty = true; // removing the last item removes the key (false: leaves [])
        std::function<QString(const Json& item)> label;
        std::function<std::optional<Json>()> newItem; // nullopt: nothing can be added (button disabled)
        // Fills the form with the editors of item `index` at `itemPointer`.
        std::function<void(QFormLayout* form, int index, const std::string& itemPointer, const Json& item)> details;
    };
    ListEditor(const Context& context, Spec spec, QWidget* parent = nullptr);
    ~ListEditor() override;

private:
    void move(int from, int to);
    void remove(int index);
    void add();

    Context context_;
    Spec spec_;
    Json items_;
    QListWidget* list_;
};

} // namespace quire::ide::props
