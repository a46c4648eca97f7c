#include "control_value_dialog.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace quire::ide {

namespace {
QDate dateOf(const Json& v, QDate fallback) {
    if (!v.is_string()) return fallback;
    QDate d = QDate::fromString(QString::fromStdString(v.get<std::string>()).left(10), Qt::ISODate);
    return d.isValid() ? d : fallback;
}
} // namespace

ControlValueDialog::ControlValueDialog(const QString& title, const std::string& type, const Json& fields,
                                       const QStringList& listValues, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(title);
    auto* layout = new QVBoxLayout(this);
    const Json current = fields.is_object() ? fields : Json::object();
    if (type == "list" || type == "segmented") {
        auto* list = new QListWidget;
        QStringList selected;
        for (const auto& v : current.value("values", Json::array()))
            selected << QString::fromStdString(v.is_string() ? v.get<std::string>() : v.dump());
        if (current.contains("value") && current["value"].is_string()) selected << QString::fromStdString(current["value"].get<std::string>());
        for (const QString& value : listValues) {
            auto* item = new QListWidgetItem(value, list);
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setCheckState(selected.contains(value) ? Qt::Checked : Qt::Unchecked);
        }
        layout->addWidget(new QLabel(tr("Checked values are kept; none checked = all values.")));
        layout->addWidget(list);
        auto* clear = new QPushButton(tr("Clear"));
        connect(clear, &QPushButton::clicked, list, [list] {
            for (int i = 0; i < list->count(); ++i) list->item(i)->setCheckState(Qt::Unchecked);
        });
        layout->addWidget(clear);
        read_ = [list, current] {
            Json out = current;
            Json values = Json::array();
            for (int i = 0; i < list->count(); ++i)
                if (list->item(i)->checkState() == Qt::Checked) values.push_back(list->item(i)->text().toStdString());
            out.erase("value");
            out["values"] = values;
            return out;
        };
    } else if (type == "date-range") {
        auto* form = new QFormLayout;
        auto* from = new QDateEdit(dateOf(current.value("startDate", Json()), QDate(QDate::currentDate().year(), 1, 1)));
        auto* to = new QDateEdit(dateOf(current.value("endDate", Json()), QDate::currentDate()));
        from->setCalendarPopup(true);
        to->setCalendarPopup(true);
        from->setDisplayFormat("yyyy-MM-dd");
        to->setDisplayFormat("yyyy-MM-dd");
        form->addRow(tr("From"), from);
        form->addRow(tr("To"), to);
        layout->addLayout(form);
        read_ = [from, to, current] {
            Json out = current;
            out["mode"] = "between";
            out["startDate"] = from->date().toString(Qt::ISODate).toStdString();
            out["endDate"] = to->date().toString(Qt::ISODate).toStdString();
            return out;
        };
    } else if (type == "date") {
        auto* date = new QDateEdit(dateOf(current.value("value", Json()), QDate::currentDate()));
        date->setCalendarPopup(true);
        date->setDisplayFormat("yyyy-MM-dd");
        layout->addWidget(date);
        read_ = [date, current] {
            Json out = current;
            out["value"] = date->date().toString(Qt::ISODate).toStdString();
            return out;
        };
    } else if (type == "number" || type == "slider") {
        auto* number = new QDoubleSpinBox;
        number->setRange(current.value("low", -1e12), current.value("high", 1e12));
        number->setDecimals(2);
        if (current.contains("value") && current["value"].is_number()) number->setValue(current["value"].get<double>());
        layout->addWidget(number);
        read_ = [number, current] {
            Json out = current;
            out["value"] = number->value();
            return out;
        };
    } else if (type == "checkbox" || type == "switch") {
        auto* box = new QCheckBox(title);
        box->setChecked(current.value("value", false));
        layout->addWidget(box);
        read_ = [box, current] {
            Json out = current;
            out["value"] = box->isChecked();
            return out;
        };
    } else if (type == "text" || type == "text-area") {
        auto* text = new QLineEdit(QString::fromStdString(current.value("value", "")));
        layout->addWidget(text);
        read_ = [text, current] {
            Json out = current;
            out["value"] = text->text().toStdString();
            return out;
        };
    } else {
        auto* edit = new QPlainTextEdit(QString::fromStdString(current.dump(2)));
        layout->addWidget(new QLabel(tr("Value fields (JSON)")));
        layout->addWidget(edit);
        read_ = [edit, current] {
            Json parsed = Json::parse(edit->toPlainText().toStdString(), nullptr, false);
            return parsed.is_object() ? parsed : current;
        };
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

Json ControlValueDialog::fields() const { return read_ ? read_() : Json::object(); }

} // namespace quire::ide
