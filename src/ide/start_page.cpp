#include "start_page.h"

#include "workbook_templates.h"

#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace quire::ide {
namespace {

QLabel* heading(const QString& text) {
    auto* label = new QLabel(text);
    QFont f = label->font();
    f.setPointSizeF(f.pointSizeF() * 1.25);
    f.setBold(true);
    label->setFont(f);
    return label;
}

// A large button with a bold title over a grey one-line explanation (labels inside a button that takes the clicks).
QPushButton* card(const QString& title, const QString& detail, const QString& objectName) {
    auto* b = new QPushButton;
    b->setObjectName(objectName);
    b->setAccessibleName(title);
    b->setToolTip(detail);
    b->setMinimumHeight(70);
    b->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed); // long explanations never widen the window
    auto* layout = new QVBoxLayout(b);
    layout->setContentsMargins(14, 8, 14, 8);
    layout->setSpacing(2);
    auto* top = new QLabel(title);
    QFont f = top->font();
    f.setBold(true);
    top->setFont(f);
    auto* bottom = new QLabel(detail);
    bottom->setStyleSheet("color: #64748b;");
    bottom->setWordWrap(true);
    for (auto* label : {top, bottom}) {
        label->setAttribute(Qt::WA_TransparentForMouseEvents);
        layout->addWidget(label);
    }
    return b;
}

} // namespace

StartPage::StartPage(QWidget* parent) : QWidget(parent) {
    setObjectName("start-page");
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(48, 32, 48, 32);
    auto* title = new QLabel(tr("<span style='font-size:22pt; font-weight:bold'>Quire</span>"
                                "<br><span style='color:#64748b'>Design, preview and validate Sigma workbooks as code</span>"));
    outer->addWidget(title);
    outer->addSpacing(16);

    auto* columns = new QHBoxLayout;
    outer->addLayout(columns, 1);
    auto* left = new QVBoxLayout;
    columns->addLayout(left, 3);
    columns->addSpacing(32);
    auto* right = new QVBoxLayout;
    columns->addLayout(right, 2);

    left->addWidget(heading(tr("Start")));
    guided_ = card(tr("Guided first dashboard…"),
                   tr("Five steps: a table, a control, a KPI and a chart over the sample warehouse, then validate and save"),
                   "start-guided");
    blank_ = card(tr("New blank workbook"), tr("One empty page; drag elements from the palette"), "start-blank");
    auto* open = card(tr("Open a file…"), tr("A Sigma workbook as YAML or JSON"), "start-open");
    sigma_ = card(tr("Open from Sigma…"), tr("Pull a workbook from your Sigma organisation into a file, as quire pull does"),
                  "start-sigma");
    for (auto* b : {guided_, blank_, open, sigma_}) left->addWidget(b);
    left->addSpacing(16);
    left->addWidget(heading(tr("New from template")));
    auto* hint = new QLabel(tr("Starting dashboards over the embedded sample warehouse: they preview at once."));
    hint->setStyleSheet("color: #64748b;");
    left->addWidget(hint);
    templates_ = new QWidget;
    auto* grid = new QGridLayout(templates_);
    grid->setContentsMargins(0, 0, 0, 0);
    int i = 0;
    for (const auto& t : workbookTemplates()) {
        auto* b = card(t.title, t.description, "template-" + t.key);
        grid->addWidget(b, i / 2, i % 2);
        connect(b, &QPushButton::clicked, this, [this, key = t.key] { emit newFromTemplate(key); });
        ++i;
    }
    left->addWidget(templates_);
    left->addStretch(1);

    right->addWidget(heading(tr("Recent workbooks")));
    recent_ = new QListWidget;
    recent_->setObjectName("start-recent");
    recent_->setAlternatingRowColors(true);
    recent_->setMinimumWidth(320);
    recent_->setStyleSheet("QListWidget::item { padding: 6px 4px; }");
    right->addWidget(recent_, 1);

    connect(guided_, &QPushButton::clicked, this, &StartPage::guidedDashboard);
    connect(blank_, &QPushButton::clicked, this, &StartPage::newBlank);
    connect(open, &QPushButton::clicked, this, &StartPage::openFileRequested);
    connect(sigma_, &QPushButton::clicked, this, &StartPage::openFromSigma);
    connect(recent_, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        emit openRecent(item->data(Qt::UserRole).toString());
    });
    refresh();
}

void StartPage::refresh() {
    recent_->clear();
    QSettings settings("Quire", "Quire");
    for (const QString& path : settings.value("recentFiles").toStringList()) {
        const QFileInfo info(path);
        auto* item = new QListWidgetItem(info.fileName() + "\n" + info.absolutePath());
        item->setData(Qt::UserRole, path);
        item->setToolTip(path);
        if (!info.exists()) item->setForeground(Qt::gray);
        recent_->addItem(item);
    }
    if (recent_->count() == 0) {
        auto* none = new QListWidgetItem(tr("No recent workbooks yet: the ones you open or save are listed here."));
        none->setFlags(Qt::NoItemFlags);
        recent_->addItem(none);
    }
}

QPushButton* StartPage::templateButton(const QString& key) const {
    return templates_->findChild<QPushButton*>("template-" + key);
}

} // namespace quire::ide
