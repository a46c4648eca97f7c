#include "catalog_browser.h"

#include "catalog_model.h"

#include <quire/connect/catalog.h>
#include <quire/connect/connection_registry.h>
#include <quire/secrets/secret_store.h>

#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QThread>
#include <QHBoxLayout>
#include <QProgressBar>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

#include <atomic>
#include <mutex>

namespace quire::ide {

// What the reader thread found and not yet handed to the model; the UI thread drains it on a timer, so the
// thread never touches a widget and a closed dock only leaves the thread to finish on its own.
struct CatalogLoad {
    std::mutex mutex;
    std::string connectionId;
    std::vector<CatalogEntry> tables;                                                  // not yet in the model
    std::vector<std::pair<std::size_t, std::vector<std::pair<std::string, std::string>>>> columns; // by table index
    std::string error;
    bool done = false;
    std::atomic<bool> cancelled{false};
};

namespace {

// Reads the tables, publishes them, then reads each table's columns and publishes them as they come.
void readCatalog(const std::string& connectionsFile, const std::string& name, const std::shared_ptr<CatalogLoad>& load) {
    auto failed = [&](const std::string& why) {
        std::lock_guard lock(load->mutex);
        load->error = why;
        load->done = true;
    };
    const auto registry = connect::ConnectionRegistry::load(connectionsFile);
    if (!registry) return failed(registry.message());
    const auto entry = registry->find(name);
    if (!entry) return failed("no connection named " + name);
    auto store = secrets::makeDefaultSecretStore();
    const auto connectionString = connect::resolveConnectionString(*entry, *store);
    if (!connectionString) return failed(connectionString.message());
    try {
        connect::Catalog catalog(connect::Connection::open(*connectionString));
        std::vector<connect::CatalogTable> tables;
        for (auto& t : catalog.tables())
            if (t.kind == "TABLE" || t.kind == "VIEW") tables.push_back(std::move(t));
        {
            std::lock_guard lock(load->mutex);
            load->connectionId = entry->connectionId;
            for (const auto& t : tables)
                load->tables.push_back(CatalogEntry{t.schema, t.name, t.kind,
                                                    connect::sigmaPathFor(entry->profile, {t.catalog, t.schema, t.name}), {}, false});
        }
        for (std::size_t i = 0; i < tables.size() && !load->cancelled; ++i) {
            std::vector<std::pair<std::string, std::string>> columns;
            for (const auto& c : catalog.columns(tables[i].name, tables[i].schema, tables[i].catalog))
                columns.emplace_back(c.name, c.typeName);
            std::lock_guard lock(load->mutex);
            load->columns.emplace_back(i, std::move(columns));
        }
    } catch (const std::exception& e) {
        std::lock_guard lock(load->mutex);
        load->error = e.what();
    }
    std::lock_guard lock(load->mutex);
    load->done = true;
}

} // namespace

CatalogBrowser::CatalogBrowser(QWidget* parent, const QString& connectionsFile)
    : QWidget(parent), connectionsFile_(connectionsFile.toStdString()) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    connections_ = new QComboBox;
    if (const auto registry = connect::ConnectionRegistry::load(connectionsFile_)) {
        for (const auto& entry : registry->entries())
            connections_->addItem(QString::fromStdString(entry.profile.name + " (" +
                                                         std::string(connect::warehouseKindName(entry.profile.kind)) + ")"),
                                  QString::fromStdString(entry.profile.name));
    } else {
        connections_->addItem(tr("(connections file unreadable: %1)").arg(QString::fromStdString(registry.message())));
    }
    auto* loadButton = new QPushButton(tr("Load tables"));
    status_ = new QLabel(tr("Pick a connection and load its tables; drag a table onto the page."));
    status_->setWordWrap(true);
    progress_ = new QProgressBar;
    progress_->setObjectName("catalog-progress");
    progress_->setTextVisible(true);
    progress_->hide();
    cancel_ = new QPushButton(tr("Cancel"));
    cancel_->setObjectName("catalog-cancel");
    cancel_->setToolTip(tr("Stop reading tables; what was read so far stays"));
    cancel_->hide();
    filter_ = new QLineEdit;
    filter_->setPlaceholderText(tr("Filter tables and columns"));
    filter_->setClearButtonEnabled(true);
    model_ = new CatalogModel(this);
    proxy_ = new QSortFilterProxyModel(this);
    proxy_->setSourceModel(model_);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy_->setRecursiveFilteringEnabled(true); // a matching column keeps its table visible
    proxy_->setAutoAcceptChildRows(true);       // a matching table shows all its columns
    tree_ = new QTreeView;
    tree_->setModel(proxy_);
    tree_->setUniformRowHeights(true); // thousands of rows stay cheap to lay out
    tree_->setDragEnabled(true);
    tree_->setDragDropMode(QAbstractItemView::DragOnly);
    tree_->header()->setStretchLastSection(true);
    layout->addWidget(connections_);
    layout->addWidget(loadButton);
    layout->addWidget(status_);
    auto* progressRow = new QHBoxLayout;
    progressRow->addWidget(progress_, 1);
    progressRow->addWidget(cancel_);
    layout->addLayout(progressRow);
    layout->addWidget(filter_);
    layout->addWidget(tree_, 1);
    poll_ = new QTimer(this);
    poll_->setInterval(50);
    connect(poll_, &QTimer::timeout, this, &CatalogBrowser::drain);
    connect(loadButton, &QPushButton::clicked, this, &CatalogBrowser::loadSelected);
    connect(cancel_, &QPushButton::clicked, this, &CatalogBrowser::cancelLoad);
    connect(filter_, &QLineEdit::textChanged, proxy_, &QSortFilterProxyModel::setFilterFixedString);
}

CatalogBrowser::~CatalogBrowser() {
    if (load_) load_->cancelled = true;
}

bool CatalogBrowser::selectConnection(const QString& name) {
    const int i = connections_->findData(name);
    if (i >= 0) connections_->setCurrentIndex(i);
    return i >= 0;
}

bool CatalogBrowser::loading() const { return load_ != nullptr; }
QString CatalogBrowser::status() const { return status_->text(); }

void CatalogBrowser::loadSelected() {
    const std::string name = connections_->currentData().toString().toStdString();
    if (name.empty()) return;
    if (load_) load_->cancelled = true; // a previous read of another connection stops and is ignored
    load_ = std::make_shared<CatalogLoad>();
    model_->clear({});
    columnsRead_ = 0;
    progress_->setRange(0, 0); // busy until the list of tables arrives
    progress_->show();
    cancel_->show();
    status_->setText(tr("Loading tables of %1…").arg(QString::fromStdString(name)));
    QThread* thread = QThread::create(readCatalog, connectionsFile_, name, load_);
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
    poll_->start();
}

void CatalogBrowser::drain() {
    if (!load_) return;
    std::vector<CatalogEntry> tables;
    std::vector<std::pair<std::size_t, std::vector<std::pair<std::string, std::string>>>> columns;
    std::string error, connectionId;
    bool done = false;
    {
        std::lock_guard lock(load_->mutex);
        tables.swap(load_->tables);
        columns.swap(load_->columns);
        error = load_->error;
        connectionId = load_->connectionId;
        done = load_->done;
    }
    if (!tables.empty()) {
        model_->setConnectionId(connectionId);
        model_->appendTables(std::move(tables));
    }
    for (auto& [row, list] : columns) model_->setColumns(static_cast<int>(row), std::move(list));
    columnsRead_ += int(columns.size());
    if (model_->tableCount() > 0) {
        progress_->setRange(0, model_->tableCount());
        progress_->setValue(columnsRead_);
        progress_->setFormat(tr("%v of %m tables"));
    }
    if (!error.empty())
        status_->setText(tr("Could not load tables: %1").arg(QString::fromStdString(error)));
    else if (done)
        status_->setText(tr("%1 tables. Drag one onto the page to add a table element.").arg(model_->tableCount()));
    else if (model_->tableCount() > 0)
        status_->setText(tr("%1 tables; reading their columns…").arg(model_->tableCount()));
    if (done) {
        poll_->stop();
        load_.reset();
        progress_->hide();
        cancel_->hide();
    }
}

void CatalogBrowser::cancelLoad() {
    if (!load_) return;
    load_->cancelled = true; // the reader stops before the next table; what it finds after this is ignored
    drain();                 // keep what was read so far
    if (!load_) return;      // it had just finished
    load_.reset();
    poll_->stop();
    progress_->hide();
    cancel_->hide();
    status_->setText(tr("Cancelled: %1 tables listed, the columns of %2 read.").arg(model_->tableCount()).arg(columnsRead_));
}

} // namespace quire::ide
