#include <quire/preview/warehouse_refresh.h>

#include <quire/governance/audit_log.h>
#include <quire/preview/connect_params.h>

#include <charconv>
#include <mutex>
#include <stdexcept>

namespace quire::preview {

Json cellJson(const connect::Value& value) {
    return std::visit(
        [](const auto& x) -> Json {
            using X = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<X, std::monostate>) return nullptr;
            else if constexpr (std::is_same_v<X, connect::DateValue>) return connect::formatDate(x.days);
            else if constexpr (std::is_same_v<X, connect::TimestampValue>) return connect::formatTimestamp(x.micros);
            else return x; // bool, int64, double, string
        },
        value);
}

namespace {

bool isNumeric(connect::ColumnType t) {
    return t == connect::ColumnType::Int64 || t == connect::ColumnType::Double || t == connect::ColumnType::Decimal;
}

// The type each column is read as: the driver's, except a text column holding another column's numbers
// (PlannedQuery::valueTypeOf) takes that column's number type.
std::vector<connect::ColumnType> readTypes(const PlannedQuery& plan, const std::vector<connect::ColumnInfo>& columns) {
    std::vector<connect::ColumnType> types;
    for (const auto& c : columns) types.push_back(c.type);
    for (std::size_t i = 0; i < types.size() && i < plan.valueTypeOf.size(); ++i) {
        const int j = plan.valueTypeOf[i];
        if (j < 0 || static_cast<std::size_t>(j) >= columns.size() || columns[i].type != connect::ColumnType::Text) continue;
        const auto valueType = columns[static_cast<std::size_t>(j)].type;
        if (isNumeric(valueType))
            types[i] = valueType == connect::ColumnType::Int64 ? connect::ColumnType::Int64 : connect::ColumnType::Double;
    }
    return types;
}

// A text cell of a column read as a number: the number it spells, or the text unchanged when it spells none.
Json numberCell(const std::string& text, connect::ColumnType type) {
    const char* end = text.data() + text.size();
    if (type == connect::ColumnType::Int64) {
        std::int64_t n = 0;
        const auto r = std::from_chars(text.data(), end, n);
        if (r.ec == std::errc() && r.ptr == end) return n;
    }
    double x = 0;
    const auto r = std::from_chars(text.data(), end, x);
    if (r.ec == std::errc() && r.ptr == end && !text.empty()) return x;
    return text;
}

} // namespace

// The persona's session settings are part of the key: under row-level security one SQL text gives different
// rows to different roles.
QueryKey cacheKey(const PlannedQuery& plan) {
    return QueryKey{plan.session.key.empty() ? plan.connectionId : plan.connectionId + "\x1f" + plan.session.key, plan.sql,
                    plan.parametersJson()};
}

std::shared_ptr<const CachedResult> fetchPlanned(connect::Connection& connection, const PlannedQuery& plan,
                                                 const CancelToken& token, const FetchWindow& window) {
    auto result = std::make_shared<CachedResult>();
    auto statement = connection.createStatement();
    // The hook may run on another thread while execute/fetch blocks: it calls SQLCancel under a lock that the
    // guard below takes too, so it never touches the statement after this function returns.
    struct Shared {
        std::mutex mutex;
        connect::Statement* statement = nullptr;
    };
    auto shared = std::make_shared<Shared>();
    shared->statement = statement.get();
    token.onCancel([shared] {
        std::lock_guard lock(shared->mutex);
        if (shared->statement) shared->statement->cancel();
    });
    struct Disarm {
        std::shared_ptr<Shared> shared;
        ~Disarm() {
            std::lock_guard lock(shared->mutex);
            shared->statement = nullptr;
        }
    } disarm{shared};
    if (token.cancelled()) throw std::runtime_error("cancelled");

    connect::ExecuteOptions options;
    options.batchRows = window.batchRows;
    options.maxRows = window.maxRows + 1; // one row more tells whether the window holds everything
    if (!statement->execute(plan.sql, toConnectParams(plan.parameters), options)) return result;
    const auto types = readTypes(plan, statement->columns());
    for (std::size_t c = 0; c < types.size(); ++c) {
        result->columns.push_back(statement->columns()[c].name);
        result->columnTypes.emplace_back(connect::columnTypeName(types[c]));
    }
    statement->forEachBatch([&](const connect::ResultBatch& batch) {
        for (std::size_t r = 0; r < batch.rowCount(); ++r) {
            if (result->rows.size() == window.maxRows) {
                result->complete = false;
                return false;
            }
            Json row = Json::array();
            for (std::size_t c = 0; c < batch.columnCount(); ++c) {
                const connect::Column& column = batch.column(c);
                // Decimals are cached as numbers (their double value); the exact text goes to decimalText.
                if (column.type() == connect::ColumnType::Decimal && !column.isNull(r)) {
                    row.push_back(column.doubleAt(r));
                    result->decimalText.emplace(result->rows.size() * batch.columnCount() + c, column.textAt(r));
                } else if (c < types.size() && types[c] != column.type() && !column.isNull(r)) {
                    row.push_back(numberCell(std::string(column.textAt(r)), types[c]));
                } else {
                    row.push_back(cellJson(column.valueAt(r)));
                }
            }
            result->rows.push_back(std::move(row));
        }
        return !token.cancelled();
    });
    if (token.cancelled()) throw std::runtime_error("cancelled");
    return result;
}

WarehouseRefresh::WarehouseRefresh(ResultCache& cache, connect::ConnectionPool& pool, ConnectionString connectionString,
                                   FetchWindow window)
    : cache_(cache), pool_(pool), connectionString_(std::move(connectionString)), window_(window) {}

void WarehouseRefresh::setWindow(FetchWindow window) {
    std::lock_guard lock(mutex_);
    window_ = window;
}

void WarehouseRefresh::setAuditWorkbook(std::string workbook) {
    std::lock_guard lock(mutex_);
    auditWorkbook_ = std::move(workbook);
}

void WarehouseRefresh::setPlan(const std::string& elementId, PlannedQuery plan) {
    auto shared = std::make_shared<const PlannedQuery>(std::move(plan));
    std::lock_guard lock(mutex_);
    plans_[elementId] = Planned{std::move(shared), window_};
}

void WarehouseRefresh::applySession(const std::shared_ptr<connect::Connection>& connection, const SessionSettings& settings) {
    std::string current; // the persona state this connection carries ("" = none, or a connection new to us)
    {
        std::lock_guard lock(mutex_);
        const auto it = sessionState_.find(connection.get());
        if (it != sessionState_.end() && it->second.first.lock() == connection) current = it->second.second;
    }
    if (current == settings.key) return;
    auto run = [&](const std::vector<SessionStatement>& statements) {
        for (const auto& s : statements) connection->createStatement()->execute(s.sql, toConnectParams(s.parameters));
    };
    {
        // Until the statements below succeed the connection's state is unknown: never reuse it as "clean".
        std::lock_guard lock(mutex_);
        sessionState_[connection.get()] = {connection, "\x1f?"};
    }
    if (!current.empty()) run(settings.reset);
    run(settings.apply);
    std::lock_guard lock(mutex_);
    sessionState_[connection.get()] = {connection, settings.key};
}

RefreshScheduler::Job WarehouseRefresh::job() {
    return [this](const std::string& elementId, const CancelToken& token) { return run(elementId, token); };
}

JobResult WarehouseRefresh::run(const std::string& elementId, const CancelToken& token) {
    std::shared_ptr<const PlannedQuery> plan;
    FetchWindow window;
    governance::audit::Entry audit;
    {
        std::lock_guard lock(mutex_);
        audit.workbook = auditWorkbook_;
        const auto it = plans_.find(elementId);
        if (it != plans_.end()) {
            plan = it->second.plan;
            window = it->second.window;
        }
    }
    if (!plan) throw std::runtime_error("element '" + elementId + "' has no planned query");
    if (!plan->ok()) {
        for (const auto& d : plan->diagnostics)
            if (d.severity == Severity::Error) throw std::runtime_error(d.message);
        throw std::runtime_error("element '" + elementId + "' could not be planned");
    }
    const QueryKey key = cacheKey(*plan);
    if (auto hit = cache_.find(key)) return JobResult(std::move(hit), true);
    // The one place a preview query reaches the warehouse: audited whatever its outcome (a cache hit sends nothing).
    audit.action = "preview-query";
    audit.element = elementId;
    audit.sqlHash = governance::audit::sqlHash(plan->sql);
    audit.persona = plan->persona;
    std::shared_ptr<const CachedResult> result;
    try {
        // A job reports failure by throwing: the scheduler turns it into RefreshOutcome::Failed with the message.
        const Expected<std::string> connectionString = connectionString_(plan->connectionId);
        if (!connectionString) throw std::runtime_error(connectionString.message());
        auto connection = pool_.acquire(*connectionString);
        applySession(connection.shared(), plan->session);
        result = fetchPlanned(*connection, *plan, token, window);
    } catch (...) {
        // The error text stays out of the log: a driver's message can quote a value.
        audit.outcome = token.cancelled() ? "cancelled" : "failed";
        governance::audit::record(audit);
        throw;
    }
    audit.rows = static_cast<long long>(result->rows.size());
    audit.outcome = token.cancelled() ? "cancelled" : result->complete ? "ok" : "ok, first rows only";
    governance::audit::record(audit);
    if (!token.cancelled()) cache_.put(key, result);
    return JobResult(std::move(result), false);
}

} // namespace quire::preview
