#pragma once
// Edits the value of one control during preview, with an input suited to its type: checkable values for
// list/segmented controls, dates for date and date-range controls, a number, a text, a checkbox; other
// kinds as their JSON value fields.
#include <quire/core/json.h>

#include <QDialog>
#include <QStringList>

#include <functional>

namespace quire::ide {

class ControlValueDialog : public QDialog {
    Q_OBJECT
public:
    // fields: the control's current value fields; listValues: choices for list-like controls.
    ControlValueDialog(const QString& title, const std::string& controlType, const Json& fields, const QStringList& listValues,
                       QWidget* parent = nullptr);
    Json fields() const; // the edited value fields (merged over the current ones)

private:
    std::function<Json()> read_;
};

} // namespace quire::ide
