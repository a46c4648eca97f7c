#include "guided_dashboard.h"

#include "document_commands.h"

#include <quire/help/function_help.h>

#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace quire::ide {
namespace {

// The embedded sample warehouse's built-in connection (docs/connectors.md).
constexpr const char* kSampleConnection = "6a1e3c2b-5d4f-4e8a-9b7c-0d1f2e3a4b5c";

struct Choice {
    const char* label;
    const char* name;
    const char* formula;
    const char* format;   // number format ("" = none)
    const char* kind;     // chart kind (charts only)
    const char* dimension; // chart category formula (charts only)
};

// KPIs and charts over the orders table the first step adds (named "Orders").
const std::vector<Choice>& kpis() {
    static const std::vector<Choice> c = {
        {"Revenue — Sum of Revenue", "Revenue", "Sum([Orders/Revenue])", "$,.0f", "", ""},
        {"Orders — Count of Order Id", "Orders", "Count([Orders/Order Id])", ",.0f", "", ""},
        {"Average order value — Avg of Revenue", "Average order value", "Avg([Orders/Revenue])", "$,.2f", "", ""},
        {"Customers — distinct User Id", "Customers", "CountDistinct([Orders/User Id])", ",.0f", "", ""},
    };
    return c;
}
const std::vector<Choice>& charts() {
    static const std::vector<Choice> c = {
        {"Revenue by month — line chart", "Revenue by month", "Sum([Orders/Revenue])", "$,.0f", "line-chart",
         "DateTrunc(\"month\", [Orders/Order Date])"},
        {"Revenue by status — bar chart", "Revenue by status", "Sum([Orders/Revenue])", "$,.0f", "bar-chart", "[Orders/Status]"},
        {"Items by status — bar chart", "Items by status", "Sum([Orders/Items])", ",.0f", "bar-chart", "[Orders/Status]"},
    };
    return c;
}

Json numberFormat(const char* format) { return Json{{"kind", "number"}, {"formatString", format}}; }

} // namespace

GuidedDashboard::GuidedDashboard(DocumentModel* model, std::function<bool(const QString&)> save, QWidget* parent)
    : QDialog(parent), model_(model), saveWorkbook_(std::move(save)) {
    setWindowTitle(tr("Your first dashboard"));
    setObjectName("guided-dashboard");
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Five steps build a dashboard over the sample warehouse's orders. Each step is an "
                                "ordinary edit: Edit > Undo takes it back, and you can change everything afterwards."));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* grid = new QGridLayout;
    layout->addLayout(grid);
    int row = 0;
    auto step = [&](const QString& title, QWidget* choice, QPushButton* button) {
        auto* check = new QLabel(QString::number(row + 1));
        check->setFixedWidth(22);
        check->setAlignment(Qt::AlignCenter);
        check->setStyleSheet("border-radius: 10px; background: #e2e8f0; font-weight: bold;");
        checks_.push_back(check);
        grid->addWidget(check, row, 0);
        grid->addWidget(new QLabel(title), row, 1);
        if (choice) grid->addWidget(choice, row, 2);
        grid->addWidget(button, row, 3);
        button->setEnabled(row == 0);
        ++row;
    };
    addTable_ = new QPushButton(tr("Add table"));
    addTable_->setObjectName("guide-add-table");
    step(tr("The data: the orders table"), nullptr, addTable_);
    controlChoice_ = new QComboBox;
    controlChoice_->addItems({tr("Order Date — date range"), tr("Status — list")});
    addControl_ = new QPushButton(tr("Add control"));
    addControl_->setObjectName("guide-add-control");
    step(tr("A control that filters it"), controlChoice_, addControl_);
    kpiChoice_ = new QComboBox;
    for (const auto& k : kpis()) kpiChoice_->addItem(tr(k.label));
    addKpi_ = new QPushButton(tr("Add KPI"));
    addKpi_->setObjectName("guide-add-kpi");
    step(tr("A KPI"), kpiChoice_, addKpi_);
    chartChoice_ = new QComboBox;
    for (const auto& c : charts()) chartChoice_->addItem(tr(c.label));
    addChart_ = new QPushButton(tr("Add chart"));
    addChart_->setObjectName("guide-add-chart");
    step(tr("A chart"), chartChoice_, addChart_);
    savePath_ = new QLineEdit;
    savePath_->setObjectName("guide-save-path");
    savePath_->setPlaceholderText(tr("file name, e.g. first-dashboard.yaml (in your home folder) or a full path"));
    save_ = new QPushButton(tr("Validate and save"));
    save_->setObjectName("guide-save");
    step(tr("Check it and save it"), savePath_, save_);
    status_ = new QLabel;
    status_->setWordWrap(true);
    status_->setObjectName("guide-status");
    layout->addWidget(status_);
    auto* close = new QPushButton(tr("Close"));
    connect(close, &QPushButton::clicked, this, &QDialog::accept);
    layout->addWidget(close, 0, Qt::AlignRight);

    connect(addTable_, &QPushButton::clicked, this, &GuidedDashboard::addTable);
    connect(addControl_, &QPushButton::clicked, this, &GuidedDashboard::addControl);
    connect(addKpi_, &QPushButton::clicked, this, &GuidedDashboard::addKpi);
    connect(addChart_, &QPushButton::clicked, this, &GuidedDashboard::addChart);
    connect(save_, &QPushButton::clicked, this, &GuidedDashboard::validateAndSave);
    resize(720, 0);
}

QString GuidedDashboard::statusText() const { return status_->text(); }

std::string GuidedDashboard::page() const {
    const auto pages = model_->pages();
    return pages.empty() ? std::string() : pages.front().first;
}

void GuidedDashboard::advance(QLabel* done) {
    done->setText(QString::fromUtf8("\u2713"));
    done->setStyleSheet("border-radius: 10px; background: #bbf7d0; color: #166534; font-weight: bold;");
    const QList<QPushButton*> buttons{addTable_, addControl_, addKpi_, addChart_, save_};
    ++stepsDone_;
    for (int i = 0; i < buttons.size(); ++i) buttons[i]->setEnabled(i == stepsDone_ || (i == 4 && stepsDone_ >= 4));
}

void GuidedDashboard::addTable() {
    Json columns = Json::array();
    for (const auto& c : help::exampleColumns())
        columns.push_back({{"id", std::string("orders-") + c.column}, {"name", c.name},
                           {"formula", std::string("[orders/") + c.column + "]"}});
    columns[4]["format"] = numberFormat("$,.2f"); // Revenue
    const std::string id = model_->uniqueElementId("orders");
    tableId_ = id;
    Json table = {{"id", id}, {"kind", "table"}, {"name", "Orders"},
                  {"source", {{"kind", "warehouse-table"}, {"connectionId", kSampleConnection}, {"path", {"main", "orders"}}}},
                  {"columns", columns}};
    if (auto* c = makeAddElement(model_, table, page(), {1, 25}, {16, 30})) {
        model_->undoStack()->push(c);
        advance(checks_[0]);
    }
}

void GuidedDashboard::addControl() {
    const bool dates = controlChoice_->currentIndex() == 0;
    const std::string id = model_->uniqueElementId(dates ? "order-dates" : "status-filter");
    const std::string column = dates ? "orders-order_date" : "orders-status";
    const Json target = {{"kind", "table"}, {"elementId", tableId_}};
    Json control = {{"id", id}, {"kind", "control"}, {"controlId", id}, {"name", dates ? "Order dates" : "Status"},
                    {"filters", Json::array({{{"source", target}, {"columnId", column}}})}};
    if (dates) {
        control["controlType"] = "date-range";
        control["mode"] = "between";
    } else {
        control["controlType"] = "list";
        control["mode"] = "include";
        control["selectionMode"] = "multiple";
        control["values"] = Json::array();
        control["source"] = {{"kind", "source"}, {"source", target}, {"columnId", column}};
    }
    if (auto* c = makeAddElement(model_, control, page(), {1, 9}, {1, 4})) {
        model_->undoStack()->push(c);
        advance(checks_[1]);
    }
}

void GuidedDashboard::addKpi() {
    const Choice& k = kpis()[std::size_t(std::max(0, kpiChoice_->currentIndex()))];
    const std::string id = model_->uniqueElementId("kpi");
    Json kpi = {{"id", id}, {"kind", "kpi-chart"}, {"name", k.name},
                {"source", {{"kind", "table"}, {"elementId", tableId_}}},
                {"columns", Json::array({{{"id", id + "-value"}, {"name", k.name}, {"formula", k.formula},
                                          {"format", numberFormat(k.format)}}})},
                {"value", {{"columnId", id + "-value"}}}};
    if (auto* c = makeAddElement(model_, kpi, page(), {1, 9}, {4, 16})) {
        model_->undoStack()->push(c);
        advance(checks_[2]);
    }
}

void GuidedDashboard::addChart() {
    const Choice& k = charts()[std::size_t(std::max(0, chartChoice_->currentIndex()))];
    const std::string id = model_->uniqueElementId(k.kind);
    const bool byMonth = std::string(k.dimension).rfind("DateTrunc", 0) == 0;
    Json dimension = {{"id", id + "-x"}, {"name", byMonth ? "Month" : "Status"}, {"formula", k.dimension}};
    if (byMonth) dimension["format"] = {{"kind", "datetime"}, {"formatString", "%b %Y"}};
    Json chart = {{"id", id}, {"kind", k.kind}, {"name", k.name},
                  {"source", {{"kind", "table"}, {"elementId", tableId_}}},
                  {"columns", Json::array({dimension, {{"id", id + "-y"}, {"name", k.name}, {"formula", k.formula},
                                                       {"format", numberFormat(k.format)}}})},
                  {"xAxis", {{"columnId", id + "-x"}}},
                  {"yAxis", {{"columnIds", Json::array({id + "-y"})}}}};
    if (auto* c = makeAddElement(model_, chart, page(), {9, 25}, {1, 16})) {
        model_->undoStack()->push(c);
        advance(checks_[3]);
    }
}

void GuidedDashboard::validateAndSave() {
    int errors = 0;
    QString first;
    for (const auto& d : model_->diagnostics())
        if (d.severity == Severity::Error) {
            if (!errors) first = QString::fromStdString(formatDiagnostic(d));
            ++errors;
        }
    if (errors) {
        status_->setText(tr("%n error(s) to fix first (see Problems): %1", nullptr, errors).arg(first));
        return;
    }
    QString path = savePath_->text().trimmed();
    if (!path.isEmpty() && QDir::isRelativePath(path)) path = QDir::home().filePath(path);
    if (path.isEmpty() || !saveWorkbook_(path)) {
        status_->setText(tr("Not saved: %1").arg(path.isEmpty() ? tr("give a file name") : tr("see the status bar")));
        return;
    }
    if (stepsDone_ == 4) advance(checks_[4]);
    status_->setText(tr("Valid (0 errors) and saved to %1. Preview it with the Refresh button, publish it with "
                        "File > Publish to Sigma.").arg(path));
}

} // namespace quire::ide
