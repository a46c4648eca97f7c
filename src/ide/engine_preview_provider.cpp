#include "engine_preview_provider.h"

#include <quire/connect/connection_registry.h>
#include <quire/connect/odbc.h>
#include <quire/preview/connect_params.h>
#include <quire/preview/action_engine.h>
#include <quire/preview/planner.h>
#include <quire/preview/refresh_scheduler.h>
#include <quire/preview/session.h>
#include <quire/secrets/secret_store.h>
#include <quire/sql/dialect.h>

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QElapsedTimer>
#include <QPointer>
#include <QThread>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <thread>

namespace quire::ide {

namespace {

QVariant toVariant(const connect::Value& v) {
    return std::visit(
        [](const auto& x) -> QVariant {
            using X = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<X, std::monostate>) return QVariant();
            else if constexpr (std::is_same_v<X, bool>) return QVariant(x);
            else if constexpr (std::is_same_v<X, std::int64_t>) return QVariant(qlonglong(x));
            else if constexpr (std::is_same_v<X, double>) return QVariant(x);
            else if constexpr (std::is_same_v<X, std::string>) return QVariant(QString::fromStdString(x));
            else if constexpr (std::is_same_v<X, connect::DateValue>) return QVariant(QDate(1970, 1, 1).addDays(x.days));
            else return QVariant(QDateTime::fromMSecsSinceEpoch(x.micros / 1000, Qt::UTC));
        },
        v);
}

std::string todayIso() { return QDate::currentDate().toString(Qt::ISODate).toStdString(); }

} // namespace

// One background thread runs the queued statements in order, keeping one ODBC connection per connectionId.
// Each job belongs to one element and carries its own CancelToken, so one element's query can be dropped from
// the queue or stopped in the driver (Connection::cancel through the token's hook) without touching the rest.
struct EnginePreviewProvider::Worker {
    struct Job {
        QString elementId;
        preview::CancelToken token;
        std::function<void(const preview::CancelToken&)> run;
    };
    std::mutex mutex;
    std::condition_variable wake;
    std::deque<Job> jobs;
    bool stopping = false;
    bool busy = false;
    std::map<std::string, std::shared_ptr<connect::Connection>> connections;
    QString runningId;
    preview::CancelToken runningToken;
    std::thread thread;

    void start() {
        thread = std::thread([this] {
            for (;;) {
                Job job;
                {
                    std::unique_lock lock(mutex);
                    wake.wait(lock, [this] { return stopping || !jobs.empty(); });
                    if (stopping) return;
                    job = std::move(jobs.front());
                    jobs.pop_front();
                    busy = true;
                    runningId = job.elementId;
                    runningToken = job.token;
                }
                job.run(job.token);
                std::lock_guard lock(mutex);
                busy = false;
                runningId.clear();
                runningToken = preview::CancelToken();
                wake.notify_all();
            }
        });
    }
    void post(const QString& elementId, std::function<void(const preview::CancelToken&)> run) {
        std::lock_guard lock(mutex);
        jobs.push_back({elementId, preview::CancelToken(), std::move(run)});
        wake.notify_all();
    }
    void clear() {
        std::lock_guard lock(mutex);
        jobs.clear();
        if (busy) runningToken.cancel();
    }
    // Drops the element's queued job and stops its running statement; true when there was one.
    bool cancel(const QString& elementId) {
        std::lock_guard lock(mutex);
        const auto before = jobs.size();
        jobs.erase(std::remove_if(jobs.begin(), jobs.end(), [&](const Job& j) { return j.elementId == elementId; }), jobs.end());
        bool any = jobs.size() != before;
        if (busy && runningId == elementId) {
            runningToken.cancel();
            any = true;
        }
        return any;
    }
    void stop() {
        {
            std::lock_guard lock(mutex);
            stopping = true;
            jobs.clear();
            if (busy) runningToken.cancel();
            wake.notify_all();
        }
        if (thread.joinable()) thread.join();
    }
};

EnginePreviewProvider::EnginePreviewProvider(DocumentModel* model, QString connectionsFile, QObject* parent)
    : PreviewProvider(parent), model_(model), connectionsFile_(std::move(connectionsFile)), worker_(std::make_shared<Worker>()) {
    worker_->start();
}

EnginePreviewProvider::~EnginePreviewProvider() { worker_->stop(); }

PreviewData EnginePreviewProvider::data(const QString& elementId) const { return data_.value(elementId); }

void EnginePreviewProvider::cancelAll() {
    ++generation_;
    worker_->clear();
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
    cancelledIn_[elementId] = generation_; // a result of this refresh that still arrives is dropped
    worker_->cancel(elementId);
    it->state = PreviewData::State::Error;
    it->error = tr("cancelled");
    emit queryFinished(elementId, it->sql, 0, tr("cancelled"));
    emit updated(elementId);
    return true;
}

bool EnginePreviewProvider::waitIdle(int milliseconds) {
    QElapsedTimer timer;
    timer.start();
    for (;;) {
        {
            std::lock_guard lock(worker_->mutex);
            if (worker_->jobs.empty() && !worker_->busy) break;
        }
        if (timer.elapsed() > milliseconds) return false;
        QThread::msleep(10);
    }
    QCoreApplication::processEvents(); // deliver the queued results
    return true;
}

void EnginePreviewProvider::deliver(quint64 generation, const QString& elementId, PreviewData data) {
    if (generation != generation_) return; // a newer refresh superseded this result
    if (auto c = cancelledIn_.find(elementId); c != cancelledIn_.end() && c.value() == generation) return;
    if (data.state == PreviewData::State::Ready || data.state == PreviewData::State::Error)
        emit queryFinished(elementId, data.sql, data.milliseconds,
                           data.state == PreviewData::State::Ready ? tr("%n row(s)", nullptr, int(data.rows.size())) : data.error);
    data_[elementId] = std::move(data);
    emit updated(elementId);
}

std::unique_ptr<preview::PreviewSession> EnginePreviewProvider::makeSession() const {
    const Json* body = model_->body();
    if (!body) return nullptr;
    auto session = std::make_unique<preview::PreviewSession>(*body);
    for (const auto& [id, fields] : controlOverrides_) session->setControlFields(id, fields);
    return session;
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
    emit controlsChanged();
    refresh(lastRefresh_);
}

void EnginePreviewProvider::resetControls() {
    controlOverrides_.clear();
    emit controlsChanged();
    refresh(lastRefresh_);
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
        auto registry = connect::ConnectionRegistry::load(connectionsFile_.toStdString());
        auto entry = registry.find(preview::connectionIdOf(*session, sourceElement));
        if (!entry) return fail(tr("no connection for '%1'").arg(QString::fromStdString(sourceElement)));
        // List values come from the source as authored, not narrowed by this same control.
        preview::PreviewSession unfiltered(*model_->body());
        unfiltered.setTablePathResolver(preview::registryPathResolver(registry));
        const auto& dialect = sql::dialect(entry->profile.dialect());
        const auto plan = preview::planElement(unfiltered, sourceElement, dialect, {todayIso(), {}, {}});
        if (!plan.ok()) return fail(QString::fromStdString(plan.diagnostics.empty() ? "cannot plan" : plan.diagnostics.front().message));
        const std::string q = dialect.quoteIdentifier(columnName);
        const std::string sql = "SELECT DISTINCT v." + q + " FROM (" + plan.sql + ") v WHERE v." + q + " IS NOT NULL ORDER BY 1 " +
                                dialect.limitOffset(limit, std::nullopt);
        auto store = secrets::makeDefaultSecretStore();
        auto connection = connect::Connection::open(connect::resolveConnectionString(*entry, *store));
        const auto result = connection->query(sql, preview::toConnectParams(plan.parameters));
        QStringList values;
        for (std::size_t r = 0; r < result.rowCount(); ++r) values << QString::fromStdString(result.toString(r, 0));
        return values;
    } catch (const std::exception& e) {
        return fail(QString::fromUtf8(e.what()));
    }
}

namespace {

// Pages of one element's rows, planned with the session's current control values.
class EngineRowSource : public RowSource {
public:
    EngineRowSource(std::shared_ptr<preview::PreviewSession> session, std::string elementId, const sql::Dialect& dialect,
                    std::shared_ptr<connect::Connection> connection, QStringList names, qint64 total)
        : session_(std::move(session)), elementId_(std::move(elementId)), dialect_(dialect), connection_(std::move(connection)),
          names_(std::move(names)), total_(total) {}
    QStringList columnNames() const override { return names_; }
    qint64 rowCount() const override { return total_; }
    void fetch(qint64 offset, int count, std::function<void(std::vector<std::vector<QVariant>>)> done) override {
        std::vector<std::vector<QVariant>> rows;
        try {
            const auto plan = preview::planElement(*session_, elementId_, dialect_, {todayIso(), count, offset});
            if (plan.ok()) {
                const auto result = connection_->query(plan.sql, preview::toConnectParams(plan.parameters));
                for (std::size_t r = 0; r < result.rowCount(); ++r) {
                    std::vector<QVariant> row;
                    for (std::size_t c = 0; c < result.columns.size(); ++c) row.push_back(toVariant(result.value(r, c)));
                    rows.push_back(std::move(row));
                }
            }
        } catch (const std::exception&) {
            // An unreachable page stays empty; the view shows blank rows rather than stale data.
        }
        done(std::move(rows));
    }

private:
    std::shared_ptr<preview::PreviewSession> session_;
    std::string elementId_;
    const sql::Dialect& dialect_;
    std::shared_ptr<connect::Connection> connection_;
    QStringList names_;
    qint64 total_;
};

} // namespace

std::shared_ptr<RowSource> EnginePreviewProvider::rowSource(const QString& elementId, QString* error) const {
    auto fail = [&](const QString& why) -> std::shared_ptr<RowSource> {
        if (error) *error = why;
        return nullptr;
    };
    std::shared_ptr<preview::PreviewSession> session = makeSession();
    if (!session) return fail(tr("no workbook"));
    try {
        auto registry = connect::ConnectionRegistry::load(connectionsFile_.toStdString());
        session->setTablePathResolver(preview::registryPathResolver(registry));
        auto entry = registry.find(preview::connectionIdOf(*session, elementId.toStdString()));
        if (!entry) return fail(tr("no connection for this element"));
        const auto& dialect = sql::dialect(entry->profile.dialect());
        const auto plan = preview::planElement(*session, elementId.toStdString(), dialect, {todayIso(), {}, {}});
        if (!plan.ok()) return fail(QString::fromStdString(plan.diagnostics.empty() ? "cannot plan" : plan.diagnostics.front().message));
        auto store = secrets::makeDefaultSecretStore();
        auto connection = connect::Connection::open(connect::resolveConnectionString(*entry, *store));
        const auto count = connection->query("SELECT count(*) FROM (" + plan.sql + ") n", preview::toConnectParams(plan.parameters));
        const auto total = count.value(0, 0);
        const qint64 rows = std::holds_alternative<std::int64_t>(total) ? std::get<std::int64_t>(total)
                            : std::holds_alternative<double>(total)     ? qint64(std::get<double>(total))
                                                                        : 0;
        QStringList names;
        for (const auto& n : plan.columns) names << QString::fromStdString(n);
        return std::make_shared<EngineRowSource>(session, elementId.toStdString(), dialect, connection, names, rows);
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
        emit controlsChanged();
        refresh(lastRefresh_);
    }
    return out;
}

void EnginePreviewProvider::refresh(const QStringList& elementIds) {
    const quint64 generation = ++generation_;
    worker_->clear();
    lastRefresh_ = elementIds;
    std::shared_ptr<preview::PreviewSession> session = makeSession();
    if (!session) return;
    connect::ConnectionRegistry registry;
    try {
        registry = connect::ConnectionRegistry::load(connectionsFile_.toStdString());
    } catch (const std::exception& e) {
        for (const auto& id : elementIds) {
            PreviewData d;
            d.state = PreviewData::State::Error;
            d.error = tr("connections file: %1").arg(e.what());
            deliver(generation, id, d);
        }
        return;
    }
    session->setTablePathResolver(preview::registryPathResolver(registry));
    const std::string today = todayIso();
    QPointer<EnginePreviewProvider> self(this);
    for (const QString& id : elementIds) {
        const Json* element = session->element(id.toStdString());
        if (!element || !element->contains("source")) continue; // text, buttons, containers: nothing to query
        if (element->value("kind", "") == "control") continue;
        // Plan on the UI thread (fast, pure); only execution goes to the worker.
        const std::string connectionId = preview::connectionIdOf(*session, id.toStdString());
        auto entry = registry.find(connectionId);
        PreviewData busy = data_.value(id);
        busy.state = PreviewData::State::Busy;
        deliver(generation, id, busy);
        if (!entry) {
            PreviewData d;
            d.state = PreviewData::State::Error;
            d.error = connectionId.empty() ? tr("the element has no warehouse connection")
                                           : tr("connection %1 is not in the connections file (quire connections add)")
                                                 .arg(QString::fromStdString(connectionId));
            deliver(generation, id, d);
            continue;
        }
        preview::PlanOptions options;
        options.today = today;
        options.limit = rowLimit;
        const auto plan = preview::planElement(*session, id.toStdString(), sql::dialect(entry->profile.dialect()), options);
        if (!plan.ok()) {
            PreviewData d;
            d.state = PreviewData::State::Error;
            d.sql = QString::fromStdString(plan.sql);
            for (const auto& diag : plan.diagnostics)
                if (diag.severity == Severity::Error) { d.error = QString::fromStdString(diag.message); break; }
            if (d.error.isEmpty()) d.error = tr("the element could not be planned");
            deliver(generation, id, d);
            continue;
        }
        // Map output column names back to the element's column ids (channels point at ids).
        QStringList names, ids;
        std::vector<bool> used;
        const Json columns = element->value("columns", Json::array());
        used.assign(columns.size(), false);
        for (const auto& name : plan.columns) {
            names << QString::fromStdString(name);
            QString columnId = QString::fromStdString(name);
            for (std::size_t i = 0; i < columns.size(); ++i)
                if (!used[i] && columns[i].is_object() && (columns[i].value("name", "") == name || columns[i].value("id", "") == name)) {
                    used[i] = true;
                    columnId = QString::fromStdString(columns[i].value("id", name));
                    break;
                }
            ids << columnId;
        }
        auto worker = worker_;
        const connect::RegistryEntry resolved = *entry;
        worker_->post(id, [self, worker, generation, id, plan, resolved, names, ids](const preview::CancelToken& token) {
            if (token.cancelled()) return; // cancelled while queued: the UI already shows it
            PreviewData d;
            d.sql = QString::fromStdString(plan.sql);
            d.columnNames = names;
            d.columnIds = ids;
            QElapsedTimer timer;
            timer.start();
            try {
                std::shared_ptr<connect::Connection> connection;
                {
                    std::lock_guard lock(worker->mutex);
                    connection = worker->connections[resolved.profile.name];
                }
                if (!connection || !connection->isAlive()) {
                    auto store = secrets::makeDefaultSecretStore();
                    connection = connect::Connection::open(connect::resolveConnectionString(resolved, *store));
                    std::lock_guard lock(worker->mutex);
                    worker->connections[resolved.profile.name] = connection;
                }
                // Cancelling the element asks the driver to stop the statement (SQLCancel); the query then throws.
                token.onCancel([connection] { connection->cancel(); });
                if (token.cancelled()) return;
                const auto result = connection->query(plan.sql, preview::toConnectParams(plan.parameters));
                for (std::size_t r = 0; r < result.rowCount(); ++r) {
                    std::vector<QVariant> row;
                    for (std::size_t c = 0; c < result.columns.size(); ++c) row.push_back(toVariant(result.value(r, c)));
                    d.rows.push_back(std::move(row));
                }
                d.totalRows = result.truncated ? -1 : qint64(result.rowCount());
                d.state = PreviewData::State::Ready;
            } catch (const std::exception& e) {
                d.state = PreviewData::State::Error;
                d.error = token.cancelled() ? QObject::tr("cancelled") : QString::fromUtf8(e.what());
            }
            d.milliseconds = double(timer.nsecsElapsed()) / 1e6;
            QMetaObject::invokeMethod(
                qApp, [self, generation, id, d] {
                    if (self) self->deliver(generation, id, d);
                },
                Qt::QueuedConnection);
        });
    }
}

} // namespace quire::ide
