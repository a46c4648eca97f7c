#include "map_connection_dialog.h"
#include "color_scheme.h"

#include "connections_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace quire::ide {

MapConnectionDialog::MapConnectionDialog(const QString& file, const QString& connectionId, int elementCount,
                                         secrets::SecretStore& store, QWidget* parent)
    : QDialog(parent), file_(file), connectionId_(connectionId), store_(store) {
    setWindowTitle(tr("Map connection"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("This workbook reads %n element(s) from the Sigma connection <b>%1</b>, which has no "
                                "profile on this computer. Choose the warehouse that stands for it; the mapping is "
                                "saved in your connections file, not in the workbook.", nullptr, elementCount)
                                 .arg(connectionId.toHtmlEscaped()));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* form = new QFormLayout;
    profiles_ = new QComboBox;
    auto* create = new QPushButton(tr("New profile…"));
    auto* row = new QHBoxLayout;
    row->addWidget(profiles_, 1);
    row->addWidget(create);
    form->addRow(tr("Profile"), row);
    layout->addLayout(form);
    status_ = new QLabel;
    status_->setWordWrap(true);
    status_->setStyleSheet(toneStyle(Tone::Error));
    layout->addWidget(status_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Map"));
    layout->addWidget(buttons);
    connect(create, &QPushButton::clicked, this, &MapConnectionDialog::newProfile);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        QString error;
        if (apply(&error)) accept();
        else status_->setText(error);
    });
    reload();
}

void MapConnectionDialog::reload(const QString& select) {
    profiles_->clear();
    if (const auto registry = connect::ConnectionRegistry::load(file_.toStdString())) {
        for (const auto& e : registry->entries()) profiles_->addItem(QString::fromStdString(e.profile.name));
    } else {
        status_->setText(QString::fromStdString(registry.message()));
    }
    if (!select.isEmpty()) chooseProfile(select);
}

QStringList MapConnectionDialog::profiles() const {
    QStringList out;
    for (int i = 0; i < profiles_->count(); ++i) out << profiles_->itemText(i);
    return out;
}

bool MapConnectionDialog::chooseProfile(const QString& name) {
    const int i = profiles_->findText(name);
    if (i < 0) return false;
    profiles_->setCurrentIndex(i);
    return true;
}

bool MapConnectionDialog::apply(QString* error) {
    auto failed = [&](const std::string& why) {
        if (error) *error = QString::fromStdString(why);
        return false;
    };
    auto registry = connect::ConnectionRegistry::load(file_.toStdString());
    if (!registry) return failed(registry.message());
    const std::string name = profiles_->currentText().toStdString();
    auto entry = registry->find(name);
    if (!entry) return failed("choose a connection profile");
    // A profile made for this very id needs no mapping; any other is mapped.
    if (entry->connectionId != connectionId_.toStdString()) {
        if (auto mapped = registry->mapConnection(connectionId_.toStdString(), name); !mapped) return failed(mapped.message());
        if (auto saved = registry->save(); !saved) return failed(saved.message());
    }
    return true;
}

void MapConnectionDialog::newProfile() {
    ConnectionsDialog dialog(file_, store_, this);
    dialog.startNewProfile(connectionId_);
    dialog.exec();
    reload(dialog.lastSavedProfile());
}

} // namespace quire::ide
