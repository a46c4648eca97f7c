#include "engine_preview_provider.h"

#include "warehouse_row_source.h"

#include <quire/connect/connection_registry.h>
#include <quire/core/file_io.h>
#include <quire/connect/odbc.h>
#include <quire/preview/connect_params.h>
#include <quire/preview/action_engine.h>
#include <quire/preview/planner.h>
#include <quire/preview/reference_values.h>
#include <quire/preview/refresh_scheduler.h>
#include <quire/preview/session.h>
#include <quire/preview/warehouse_refresh.h>
#include <quire/secrets/secret_store.h>
#include <quire/sql/dialect.h>

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QPointer>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <set>

namespace quire::ide {

namespace {

// connect::formatTimestamp text, "YYYY-MM-DD HH:MM:SS[.ffffff]", to milliseconds precision in UTC.
QDateTime parseTimestamp(const QString& text) {
    if (text.size() < 19 || (text[10] != ' ' && text[10] != 'T')) return {};
    const QDate date = QDate::fromString(text.left(10), Qt::ISODate);
    QTime time = QTime::fromString(text.mid(11, 8), QStringLiteral("HH:mm:ss"));
    if (!date.isValid() || !time.isValid()) return {};
    if (text.size() > 19) {
        if (text[19] != '.') return {};
        const QString fraction = text.mid(20);
        bool ok = false;
        const int ms = (fraction + "00").left(3).toInt(&ok);
        if (!ok || fraction.isEmpty()) return {};
        time = time.addMSecs(ms);
    }
    return QDateTime(date, time, Qt::UTC);
}

std::string todayIso() { return QDate::currentDate().toString(Qt::ISODate).toStdString(); }

} // namespace

QVariant previewCell(const Json& cell, std::string_view columnType) {
    if (cell.is_null()) return QVariant();
    if (cell.is_boolean()) return QVariant(cell.get<bool>());
    if (cell.is_number_unsigned()) return QVariant(qlonglong(cell.get<std::uint64_t>()));
    if (cell.is_number_integer()) return QVariant(qlonglong(cell.get<std::int64_t>()));
    if (cell.is_number()) return QVariant(cell.get<double>());
    if (!cell.is_string()) return QVariant(QString::fromStdString(cell.dump()));
    const QString text = QString::fromStdString(cell.get_ref<const std::string&>());
    if (columnType == "date")
        if (const QDate date = QDate::fromString(text, Qt::ISODate); date.isValid()) return QVariant(date);
    if (columnType == "timestamp")
        if (const QDateTime stamp = parseTimestamp(text); stamp.isValid()) return QVariant(stamp);
    return QVariant(text);
}

EnginePreviewProvider::EnginePreviewProvider(DocumentModel* model, QString connectionsFile, QObject* parent)
    : PreviewProvider(parent), model_(model), connectionsFile_(std::move(connectionsFile)) {
    refresher_ = std::make_unique<preview::WarehouseRefresh>(
        cache_, pool_, [this](const std::string& connectionId) { return connectionStringFor(connectionId); });
    // Outcomes arrive on a worker thread; they become PreviewData on the UI thread (if the provider still exists).
    QPointer<EnginePreviewProvider> self(this);
    scheduler_ = std::make_unique<preview::RefreshScheduler>(
        refresher_->job(),
        [self](const preview::RefreshOutcome& outcome) {
            QMetaObject::invokeMethod(
                qApp, [self, outcome] {
                    if (self) self->finish(outcome);
                },
                Qt::QueuedConnection);
        },
        2);
    if (model_) connect(model_, &DocumentModel::changed, this, [this] { changedSinceRefresh_ = true; });
}

EnginePreviewProvider::~EnginePreviewProvider() { scheduler_.reset(); } // cancels and joins before the pool goes

const PreviewData& EnginePreviewProvider::data(const QString& elementId) const {
    static const PreviewData none;
    const auto it = data_.constFind(elementId);
    return it == data_.cend() ? none : *it;
}

bool EnginePreviewProvider::stopPending(const QString& elementId) {
    if (!pending_.remove(elementId)) return false;
    scheduler_->cancel(elementId.toStdString()); // its late outcome finds no pending entry and is dropped
    return true;
}

void EnginePreviewProvider::cancelAll() {
    for (const QString& id : pending_.keys()) stopPending(id);
    for (auto it = data_.begin(); it != data_.end(); ++it)
        if (it->state == PreviewData::State::Busy) {
            it->state = PreviewData::State::Error;
            it->error = tr("cancelled");
            emit updated(it.key());
        }
}

bool EnginePreviewProvider::cancelElement(const QString& elementId) {
    auto it = data_.find(elementId);
    if (it == data_.end() || it->state != PreviewData::State::Busy) return false;
    stopPending(elementId);
    it->state = PreviewData::State::Error;
    it->error = tr("cancelled");
    emit queryFinished(elementId, it->sql, 0, tr("cancelled"));
    emit updated(elementId);
    return true;
}

bool EnginePreviewProvider::waitIdle(int milliseconds) {
    // The scheduler is idle only after its listener posted every outcome; processing events delivers them.
    if (!scheduler_->waitIdle(std::chrono::milliseconds(milliseconds))) return false;
    QCoreApplication::processEvents();
    return true;
}

void EnginePreviewProvider::deliver(const QString& elementId, PreviewData data) {
    if (data.state == PreviewData::State::Error)
        emit queryFinished(elementId, data.sql, data.milliseconds, data.error);
    data_[elementId] = std::move(data);
    emit updated(elementId);
}

void EnginePreviewProvider::finish(const preview::RefreshOutcome& outcome) {
    const QString id = QString::fromStdString(outcome.elementId);
    const auto it = pending_.find(id);
    if (it == pending_.end() || it->generation != outcome.generation) return; // superseded or cancelled
    const Pending pending = *it;
    pending_.erase(it);
    PreviewData d;
    d.sql = pending.sql;
    d.columnNames = pending.names;
    d.columnIds = pending.ids;
    d.maskedColumnIds = pending.maskedIds;
    d.milliseconds = std::chrono::duration<double, std::milli>(outcome.elapsed).count();
    if (outcome.status == preview::RefreshOutcome::Status::Done && outcome.result) {
        const preview::CachedResult& result = *outcome.result;
        d.rows.reserve(result.rows.size());
        for (const Json& row : result.rows) {
            std::vector<QVariant> cells;
            if (row.is_array()) {
                cells.reserve(row.size());
                for (std::size_t c = 0; c < row.size(); ++c)
                    cells.push_back(previewCell(row[c], c < result.columnTypes.size() ? result.columnTypes[c] : std::string()));
            }
            for (int m = 0; m < pending.maskedIds.size(); ++m) cells.push_back(QVariant(QString::fromUtf8(kMaskedCell)));
            d.rows.push_back(std::move(cells));
        }
        d.columnNames << pending.maskedNames;
        d.columnIds << pending.maskedIds;
        d.totalRows = result.complete ? qint64(d.rows.size()) : -1;
        d.state = PreviewData::State::Ready;
        const QString rows = tr("%n row(s)", nullptr, int(d.rows.size()));
        emit queryFinished(id, d.sql, d.milliseconds, outcome.cached ? tr("cached, %1").arg(rows) : rows);
        data_[id] = std::move(d);
        emit updated(id);
        return;
    }
    d.state = PreviewData::State::Error;
    d.error = outcome.status == preview::RefreshOutcome::Status::Cancelled ? tr("cancelled") : QString::fromStdString(outcome.error);
    deliver(id, d);
}

void EnginePreviewProvider::noteConnectionsFile(const connect::ConnectionRegistry& registry) {
    // Any change to the file may change what a connection points at: cached results of it are stale.
    // Read with the registry's own bound: an unreadable or oversized file compares as empty.
    const QByteArray text = QByteArray::fromStdString(readFileBounded(registry.file(), connect::kMaxConnectionsFileBytes).bytes);
    if (connectionsRead_ && text == connectionsText_) return;
    connectionsRead_ = true;
    connectionsText_ = text;
    std::lock_guard lock(entriesMutex_);
    for (const auto& [connectionId, entry] : entries_) cache_.invalidateConnection(connectionId);
}

Expected<std::string> EnginePreviewProvider::connectionString(const connect::RegistryEntry& entry) const {
    Expected<std::string> resolved = [&] {
        std::lock_guard lock(secretsMutex_);
        if (!secrets_) secrets_ = secrets::makeDefaultSecretStore();
        return connect::resolveConnectionString(entry, *secrets_);
    }();
    if (resolved) pool_.setLimit(*resolved, std::size_t(std::max(1, entry.profile.maxConnections)));
    return resolved;
}

Expected<std::string> EnginePreviewProvider::connectionStringFor(const std::string& connectionId) const {
    connect::RegistryEntry entry;
    {
        std::lock_guard lock(entriesMutex_);
        const auto it = entries_.find(connectionId);
        if (it == entries_.end())
            return makeDiagnostic("connect/unknown-connection", "connection " + connectionId + " is not in the connections file");
        entry = it->second;
    }
    return connectionString(entry);
}

const sql::CurrentUser* EnginePreviewProvider::sqlUser() const {
    if (viewAs_) return &viewAs_->user;
    return authorUser_ ? &*authorUser_ : nullptr;
}

preview::PersonaView EnginePreviewProvider::personaView() const {
    const Json* body = model_ ? model_->body() : nullptr;
    if (!body) return {};
    return preview::viewAs(*body, viewAs_ ? &viewAs_->user : nullptr);
}

Json EnginePreviewProvider::viewedBody() const {
    const Json* body = model_->body();
    if (!body) return Json();
    // The author sees the body as authored; a persona's queries never see its masked columns.
    return viewAs_ ? preview::viewAs(*body, &viewAs_->user).contents : *body;
}

std::unique_ptr<preview::PreviewSession> EnginePreviewProvider::makeSession() const {
    if (!model_->body()) return nullptr;
    auto session = std::make_unique<preview::PreviewSession>(viewedBody());
    if (const auto* user = sqlUser()) session->setCurrentUser(*user);
    for (const auto& [id, fields] : controlOverrides_) session->setControlFields(id, fields);
    return session;
}

void EnginePreviewProvider::setViewAs(std::optional<governance::Persona> persona, std::optional<sql::CurrentUser> authorUser) {
    viewAs_ = std::move(persona);
    authorUser_ = std::move(authorUser);
    changedSinceRefresh_ = true;
    emit viewAsChanged();
}

Json EnginePreviewProvider::controlFields(const QString& controlId) const {
    auto session = makeSession();
    const preview::ControlState* state = session ? session->control(controlId.toStdString()) : nullptr;
    return state ? state->fields : Json::object();
}

QString EnginePreviewProvider::controlSummary(const QString& controlId) const {
    auto session = makeSession();
    const preview::ControlState* state = session ? session->control(controlId.toStdString()) : nullptr;
    if (!state) return {};
    if (state->isCleared()) return tr("(all)");
    const Json& f = state->fields;
    if (f.contains("startDate") || f.contains("endDate"))
        return QString::fromStdString(f.value("startDate", Json("…")).dump()).remove('"') + " → " +
               QString::fromStdString(f.value("endDate", Json("…")).dump()).remove('"');
    const auto values = state->selectedValues();
    if (!values.empty()) {
        QStringList parts;
        for (const auto& v : values) parts << QString::fromStdString(v.is_string() ? v.get<std::string>() : v.dump());
        return parts.join(", ");
    }
    const Json scalar = state->scalarValue();
    if (!scalar.is_null()) return QString::fromStdString(scalar.is_string() ? scalar.get<std::string>() : scalar.dump());
    return QString::fromStdString(f.dump());
}

void EnginePreviewProvider::setControlFields(const QString& controlId, const Json& fields) {
    controlOverrides_[controlId.toStdString()] = fields;
    changedSinceRefresh_ = true;
    emit controlsChanged();
    refresh(lastRefresh_);
}

void EnginePreviewProvider::resetControls() {
    controlOverrides_.clear();
    changedSinceRefresh_ = true;
    emit controlsChanged();
    refresh(lastRefresh_);
}

std::vector<preview::DrillSpec> EnginePreviewProvider::drillSpecs() const {
    auto session = makeSession();
    return session ? session->drills() : std::vector<preview::DrillSpec>{};
}

std::map<std::string, Json> EnginePreviewProvider::drilledElements() const {
    std::map<std::string, Json> out;
    auto session = makeSession();
    if (!session) return out;
    for (const auto& drill : session->drills())
        for (const auto& target : drill.targets)
            if (const Json* element = session->element(target.elementId)) out[target.elementId] = *element;
    return out;
}

QStringList EnginePreviewProvider::distinctValues(const QString& controlId, int limit, QString* error) const {
    auto fail = [&](const QString& why) {
        if (error) *error = why;
        return QStringList();
    };
    auto session = makeSession();
    const preview::ControlState* state = session ? session->control(controlId.toStdString()) : nullptr;
    const Json* control = state ? session->element(state->elementId) : nullptr;
    if (!control || !control->contains("source")) return fail(tr("the control has no value source"));
    const Json& src = (*control)["source"];
    const Json inner = src.value("source", Json::object());
    const std::string sourceElement = inner.value("elementId", "");
    const std::string columnId = src.value("columnId", "");
    const Json* element = session->element(sourceElement);
    if (!element) return fail(tr("the control's source element '%1' does not exist").arg(QString::fromStdString(sourceElement)));
    std::string columnName;
    for (const auto& c : element->value("columns", Json::array()))
        if (c.is_object() && c.value("id", "") == columnId) columnName = c.value("name", columnId);
    if (columnName.empty()) return fail(tr("column '%1' is not on '%2'").arg(QString::fromStdString(columnId), QString::fromStdString(sourceElement)));
    try {
        auto loaded = connect::ConnectionRegistry::load(connectionsFile_.toStdString());
        if (!loaded) return fail(QString::fromStdString(loaded.message()));
        const connect::ConnectionRegistry& registry = *loaded;
        auto entry = registry.find(preview::connectionIdOf(*session, sourceElement));
        if (!entry) return fail(tr("no connection for '%1'").arg(QString::fromStdString(sourceElement)));
        // List values come from the source as authored, not narrowed by this same control.
        preview::PreviewSession unfiltered(viewedBody());
        if (const auto* user = sqlUser()) unfiltered.setCurrentUser(*user);
        unfiltered.setTablePathResolver(preview::registryPathResolver(registry));
        const auto& dialect = sql::dialect(entry->profile.dialect());
        const auto plan = preview::planElement(unfiltered, sourceElement, dialect, {todayIso(), {}, {}});
        if (!plan.ok()) return fail(QString::fromStdString(plan.diagnostics.empty() ? "cannot plan" : plan.diagnostics.front().message));
        const std::string q = dialect.quoteIdentifier(columnName);
        const std::string sql = "SELECT DISTINCT v." + q + " FROM (" + plan.sql + ") v WHERE v." + q + " IS NOT NULL ORDER BY 1 " +
                                dialect.limitOffset(limit, std::nullopt);
        // A pooled connection, borrowed for this one query (bounded wait: this runs on the UI thread).
        const auto connectionText = connectionString(*entry);
        if (!connectionText) return fail(QString::fromStdString(connectionText.message()));
        auto connection = pool_.acquire(*connectionText, std::chrono::seconds(10));
        const auto result = connection->query(sql, preview::toConnectParams(plan.parameters));
        QStringList values;
        for (std::size_t r = 0; r < result.rowCount(); ++r) values << QString::fromStdString(result.toString(r, 0));
        return values;
    } catch (const std::exception& e) {
        return fail(QString::fromUtf8(e.what()));
    }
}

std::shared_ptr<RowSource> EnginePreviewProvider::rowSource(const QString& elementId, QString* error) const {
    auto fail = [&](const QString& why) -> std::shared_ptr<RowSource> {
        if (error) *error = why;
        return nullptr;
    };
    std::shared_ptr<preview::PreviewSession> session = makeSession();
    if (!session) return fail(tr("no workbook"));
    try {
        auto loaded = connect::ConnectionRegistry::load(connectionsFile_.toStdString());
        if (!loaded) return fail(QString::fromStdString(loaded.message()));
        const connect::ConnectionRegistry& registry = *loaded;
        session->setTablePathResolver(preview::registryPathResolver(registry));
        auto entry = registry.find(preview::connectionIdOf(*session, elementId.toStdString()));
        if (!entry) return fail(tr("no connection for this element"));
        const auto& dialect = sql::dialect(entry->profile.dialect());
        const auto plan = preview::planElement(*session, elementId.toStdString(), dialect, {todayIso(), {}, {}});
        if (!plan.ok()) return fail(QString::fromStdString(plan.diagnostics.empty() ? "cannot plan" : plan.diagnostics.front().message));
        // Its own connection, not a pooled one: the Data view keeps it for paging and may outlive the provider.
        const auto connectionText = connectionString(*entry);
        if (!connectionText) return fail(QString::fromStdString(connectionText.message()));
        auto connection = connect::Connection::open(*connectionText);
        return std::make_shared<WarehouseRowSource>(session, elementId.toStdString(), dialect, connection, plan, todayIso(),
                                                    model_->filePath().toStdString());
    } catch (const std::exception& e) {
        return fail(QString::fromUtf8(e.what()));
    }
}

EnginePreviewProvider::ClickResult EnginePreviewProvider::fireClick(const QString& elementId) {
    return runTrigger(elementId, "on-click", nullptr);
}

namespace {
Json toJson(const QVariant& v) {
    if (v.isNull() || !v.isValid()) return nullptr;
    switch (v.metaType().id()) {
    case QMetaType::Bool: return v.toBool();
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong: return v.toLongLong();
    case QMetaType::Double:
    case QMetaType::Float: return v.toDouble();
    case QMetaType::QDate: return v.toDate().toString(Qt::ISODate).toStdString();
    case QMetaType::QDateTime: return v.toDateTime().toString(Qt::ISODate).toStdString();
    default: return v.toString().toStdString();
    }
}
} // namespace

EnginePreviewProvider::ClickResult EnginePreviewProvider::fireSelect(const QString& elementId, const std::vector<int>& rows) {
    // The selection is the picked rows of the element's current preview, keyed by column id and by name.
    const PreviewData shown = data_.value(elementId);
    preview::Selection selection{elementId.toStdString(), {}};
    for (int r : rows) {
        if (r < 0 || r >= int(shown.rows.size())) continue;
        Json row = Json::object();
        for (int c = 0; c < shown.columnIds.size() && c < int(shown.rows[std::size_t(r)].size()); ++c) {
            const Json value = toJson(shown.rows[std::size_t(r)][std::size_t(c)]);
            row[shown.columnNames.value(c).toStdString()] = value;
            row[shown.columnIds[c].toStdString()] = value;
        }
        selection.rows.push_back(std::move(row));
    }
    if (selection.rows.empty()) return {};
    return runTrigger(elementId, "on-select", &selection);
}

EnginePreviewProvider::ClickResult EnginePreviewProvider::runTrigger(const QString& elementId, const char* trigger,
                                                                     const preview::Selection* selection) {
    ClickResult out;
    auto session = makeSession();
    if (!session) return out;
    session->currentPage = ""; // any navigate effect sets it
    preview::ActionEngine engine(*session);
    preview::TriggerEvent event{elementId.toStdString(), trigger, std::nullopt, std::nullopt};
    if (selection) event.selection = *selection;
    const auto run = engine.fire(event);
    for (const auto& d : run.diagnostics)
        if (d.severity == Severity::Error) out.errors << QString::fromStdString(d.message);
    bool controls = false;
    for (const auto& effect : run.effects) {
        out.summaries << QString::fromStdString(effect.kind + ": " + effect.summary);
        for (const auto& c : effect.changedControls)
            if (const auto* state = session->control(c)) {
                controlOverrides_[c] = state->fields;
                controls = true;
            }
    }
    if (session->openOverlay) out.navigateTo = QString::fromStdString(*session->openOverlay);
    else if (!session->currentPage.empty()) out.navigateTo = QString::fromStdString(session->currentPage);
    for (const auto& e : session->takeExternalEffects())
        out.external << QString::fromStdString(e.kind + ": " + e.effect.value("resolved", e.effect).dump());
    if (controls) {
        changedSinceRefresh_ = true;
        emit controlsChanged();
        refresh(lastRefresh_);
    }
    return out;
}

void EnginePreviewProvider::refresh(const QStringList& elementIds) {
    // Nothing changed since the last refresh of these same elements: the user asked for fresh data.
    const bool rerun = !changedSinceRefresh_ && elementIds == lastRefresh_;
    changedSinceRefresh_ = false;
    lastRefresh_ = elementIds;
    // Queries are audited by WarehouseRefresh (docs/governance.md); the entry names the open file.
    if (model_) refresher_->setAuditWorkbook(model_->filePath().toStdString());
    std::shared_ptr<preview::PreviewSession> session = makeSession();
    if (!session) {
        for (const QString& id : pending_.keys()) stopPending(id);
        return;
    }
    const preview::PersonaView view = personaView(); // nothing masked or withheld for the author
    auto loaded = connect::ConnectionRegistry::load(connectionsFile_.toStdString());
    if (!loaded) {
        for (const QString& id : pending_.keys()) stopPending(id);
        for (const auto& id : elementIds) {
            PreviewData d;
            d.state = PreviewData::State::Error;
            d.error = tr("connections file: %1").arg(QString::fromStdString(loaded.message()));
            deliver(id, d);
        }
        return;
    }
    const connect::ConnectionRegistry& registry = *loaded;
    noteConnectionsFile(registry);
    session->setTablePathResolver(preview::registryPathResolver(registry));
    const std::string today = todayIso();
    std::vector<std::string> queued;
    std::vector<Pending> planned;
    for (const QString& id : elementIds) {
        const std::string elementId = id.toStdString();
        if (const auto why = view.withheld.find(elementId); why != view.withheld.end()) {
            // It needs a column the persona may not see: no query at all, the card says why.
            stopPending(id);
            PreviewData d;
            d.state = PreviewData::State::Error;
            d.restricted = true;
            d.error = tr("Not shown to %1: %2").arg(QString::fromStdString(viewAs_->email()), QString::fromStdString(why->second));
            deliver(id, d);
            continue;
        }
        const Json* element = session->element(elementId);
        if (!element || !element->contains("source")) continue; // text, buttons, containers: nothing to query
        if (element->value("kind", "") == "control") continue;
        // Plan on the UI thread (fast, pure); only execution goes to the scheduler's workers.
        const std::string connectionId = preview::connectionIdOf(*session, id.toStdString());
        auto entry = registry.find(connectionId);
        PreviewData busy = data_.value(id);
        busy.state = PreviewData::State::Busy;
        data_[id] = busy;
        emit updated(id);
        if (!entry) {
            stopPending(id);
            PreviewData d;
            d.state = PreviewData::State::Error;
            d.error = connectionId.empty() ? tr("the element has no warehouse connection")
                                           : tr("connection %1 is not in the connections file")
                                                 .arg(QString::fromStdString(connectionId));
            d.unmappedConnection = QString::fromStdString(connectionId);
            deliver(id, d);
            continue;
        }
        // Line and scatter charts fetch up to chartPointLimit rows and reduce them when drawn (big_series_chart.h):
        // a LIMIT of 200 would draw the first 200 points as if they were the whole series.
        const std::string elementKind = element->value("kind", "");
        const int window = std::max(1, elementKind == "line-chart" || elementKind == "scatter-chart" ? std::max(rowLimit, chartPointLimit) : rowLimit);
        preview::PlanOptions options;
        options.today = today;
        options.limit = window + 1; // one row more than the window tells whether the card has them all
        auto plan = preview::planElement(*session, id.toStdString(), sql::dialect(entry->profile.dialect()), options);
        preview::addReferenceValues(*session, id.toStdString(), sql::dialect(entry->profile.dialect()), options, plan);
        if (!plan.ok()) {
            stopPending(id);
            PreviewData d;
            d.state = PreviewData::State::Error;
            d.sql = QString::fromStdString(plan.sql);
            for (const auto& diag : plan.diagnostics)
                if (diag.severity == Severity::Error) { d.error = QString::fromStdString(diag.message); break; }
            if (d.error.isEmpty()) d.error = tr("the element could not be planned");
            deliver(id, d);
            continue;
        }
        // Map output column names back to the element's column ids (channels point at ids).
        Pending pending;
        pending.sql = QString::fromStdString(plan.sql);
        std::vector<bool> used;
        const Json columns = element->value("columns", Json::array());
        used.assign(columns.size(), false);
        for (const auto& name : plan.columns) {
            pending.names << QString::fromStdString(name);
            QString columnId = QString::fromStdString(name);
            for (std::size_t i = 0; i < columns.size(); ++i)
                if (!used[i] && columns[i].is_object() && (columns[i].value("name", "") == name || columns[i].value("id", "") == name)) {
                    used[i] = true;
                    columnId = QString::fromStdString(columns[i].value("id", name));
                    break;
                }
            pending.ids << columnId;
        }
        for (const auto& masked : view.masked)
            if (masked.elementId == elementId) {
                pending.maskedNames << QString::fromStdString(masked.columnName);
                pending.maskedIds << QString::fromStdString(masked.columnId);
            }
        {
            std::lock_guard lock(entriesMutex_);
            entries_[plan.connectionId] = *entry;
        }
        if (rerun) cache_.erase(preview::cacheKey(plan));
        refresher_->setWindow({std::size_t(window), 1024}); // a plan keeps the window it is set with
        refresher_->setPlan(id.toStdString(), std::move(plan));
        queued.push_back(id.toStdString());
        planned.push_back(std::move(pending));
    }
    // Elements no longer asked for (another page) stop; the queued ones replace their previous generation.
    const std::set<std::string> keep(queued.begin(), queued.end());
    for (const QString& id : pending_.keys())
        if (!keep.count(id.toStdString())) stopPending(id);
    const auto generations = scheduler_->refresh(queued);
    for (std::size_t i = 0; i < queued.size(); ++i) {
        planned[i].generation = generations[i];
        pending_[QString::fromStdString(queued[i])] = planned[i];
    }
}

} // namespace quire::ide
