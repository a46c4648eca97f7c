// The deterministic "Marketing Analytics" generator. Own RNG (splitmix64/xoshiro256**) and own distributions so
// the rows are identical on every platform and standard library.
#include <quire/connect/result_batch.h>
#include <quire/connect/sample_warehouse.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace quire::connect {
namespace {

class Rng {
public:
    explicit Rng(std::uint64_t seed) {
        for (auto& s : s_) {
            seed += 0x9E3779B97F4A7C15ULL;
            std::uint64_t z = seed;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
            s = z ^ (z >> 31);
        }
    }
    std::uint64_t next() {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    std::int64_t range(std::int64_t lo, std::int64_t hi) { // inclusive
        return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
    }
    bool chance(double p) { return uniform() < p; }
    double normal() {
        double u1 = uniform(), u2 = uniform();
        if (u1 < 1e-300) u1 = 1e-300;
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }
    int geometric(double mean) { // >= 0
        return static_cast<int>(std::floor(std::log(1.0 - uniform()) / std::log(mean / (mean + 1.0))));
    }
    template <std::size_t N>
    std::size_t weighted(const std::array<double, N>& w) {
        double total = 0;
        for (double x : w) total += x;
        double r = uniform() * total;
        for (std::size_t i = 0; i < N; ++i) {
            if (r < w[i]) return i;
            r -= w[i];
        }
        return N - 1;
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t s_[4];
};

struct Channel {
    int id;
    const char* name;
    const char* type;
    double costPerClick;
    double conversionRate;
    double share;
};
constexpr std::array<Channel, 8> kChannels = {{
    {1, "Organic Search", "organic", 0.00, 0.032, 28},
    {2, "Paid Search", "paid", 1.85, 0.048, 18},
    {3, "Paid Social", "paid", 1.10, 0.021, 14},
    {4, "Email", "owned", 0.05, 0.064, 10},
    {5, "Display", "paid", 0.60, 0.009, 8},
    {6, "Referral", "earned", 0.00, 0.036, 6},
    {7, "Affiliate", "paid", 0.95, 0.041, 4},
    {8, "Direct", "direct", 0.00, 0.052, 12},
}};
constexpr std::array<double, 12> kMonthWeight = {0.80, 0.74, 0.90, 0.95, 1.00, 0.92, 0.86, 0.91, 1.02, 1.12, 1.52, 1.38};
constexpr std::array<int, 12> kMonthDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}; // 2024
constexpr std::array<const char*, 9> kCountries = {"United States", "United Kingdom", "Canada", "Germany", "France",
                                                   "Australia", "India", "Brazil", "Japan"};
constexpr std::array<double, 9> kCountryWeight = {45, 12, 8, 8, 6, 5, 6, 5, 5};
constexpr std::array<const char*, 3> kDevices = {"desktop", "mobile", "tablet"};
constexpr std::array<double, 3> kDeviceWeight = {48, 42, 10};
constexpr std::array<const char*, 5> kAgeGroups = {"18-24", "25-34", "35-44", "45-54", "55+"};
constexpr std::array<double, 5> kAgeWeight = {18, 34, 24, 14, 10};
constexpr std::array<const char*, 8> kPages = {"/", "/pricing", "/product", "/blog", "/docs", "/cart", "/checkout", "/signup"};
constexpr std::array<const char*, 4> kObjectives = {"awareness", "acquisition", "retention", "reactivation"};
const std::int32_t kYearStart = daysFromCivil(Date{2024, 1, 1});

struct Campaign {
    int id, channel;
    std::int32_t start, end;
};
struct Session {
    std::int64_t id, user;
    int channel, campaign; // campaign 0 = none
    std::int64_t startMicros;
    int duration, pages, events, device;
    bool converted;
};

std::string ts(std::int64_t micros) { return formatTimestamp(micros - micros % 1'000'000); }
std::string money(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.2f", v);
    return b;
}

// Writes rows to the sink and reports progress every kProgressEvery rows (and at each table's start).
class RowWriter {
public:
    RowWriter(SampleSink& sink, const SampleOptions& options)
        : sink_(sink), progress_(options.progress), expected_(expectedSampleRows(options)) {}
    template <class... T>
    void operator()(const T&... values) {
        std::array<const std::string*, sizeof...(T)> ptrs{&values...};
        std::array<const char*, sizeof...(T)> out{};
        for (std::size_t i = 0; i < ptrs.size(); ++i) out[i] = (ptrs[i]->size() == 2 && *ptrs[i] == "\\N") ? nullptr : ptrs[i]->c_str();
        sink_.row(out.data());
        if (++rows_ % kProgressEvery == 0) report();
    }
    void beginTable(const std::string& table, const std::string& createSql, int columns) {
        table_ = table;
        report();
        sink_.beginTable(table, createSql, columns);
    }
    void finish() {
        table_.clear();
        expected_ = rows_; // the last call says 100%
        report();
    }

private:
    static constexpr std::int64_t kProgressEvery = 4096;
    void report() {
        if (!progress_) return;
        // The estimate can fall short by a little: never report more than 99% before the end.
        const std::int64_t shown = table_.empty() ? rows_ : std::min(rows_, expected_ - expected_ / 100);
        if (!progress_(SampleProgress{shown, expected_, table_})) throw SampleCancelled();
    }
    SampleSink& sink_;
    const SampleProgressFn& progress_;
    std::int64_t expected_ = 0;
    std::int64_t rows_ = 0;
    std::string table_;
};
const std::string kNull = "\\N";
std::string str(std::int64_t v) { return std::to_string(v); }

} // namespace

std::int64_t expectedSampleRows(const SampleOptions& options) {
    // Measured ratios of the generator (1M events: 50,000 users, 250,110 sessions, 13,515 conversions, 14,354
    // orders) plus the 38 rows of channels and campaigns.
    const std::int64_t events = std::max<std::int64_t>(options.eventRows, 100);
    return events + std::max<std::int64_t>(events / 20, 10) + events / 4 + events * 28 / 1000 + 38;
}

SampleCounts generateSample(SampleSink& sink, const SampleOptions& options) {
    SampleCounts counts;
    RowWriter row(sink, options);
    const std::int64_t targetEvents = std::max<std::int64_t>(options.eventRows, 100);

    // channels
    row.beginTable("channels",
                    "CREATE TABLE channels (channel_id INTEGER PRIMARY KEY, channel_name VARCHAR(32) NOT NULL, "
                    "channel_type VARCHAR(16) NOT NULL, cost_per_click FLOAT NOT NULL)", 4);
    for (const auto& c : kChannels) row(str(c.id), std::string(c.name), std::string(c.type), money(c.costPerClick));
    sink.endTable();
    counts.channels = kChannels.size();

    // campaigns: 6 per non-organic paid/owned channel, spread over the year
    Rng rc(options.seed ^ 0xCA);
    std::vector<Campaign> campaigns;
    row.beginTable("campaigns",
                    "CREATE TABLE campaigns (campaign_id INTEGER PRIMARY KEY, campaign_name VARCHAR(64) NOT NULL, "
                    "channel_id INTEGER NOT NULL, objective VARCHAR(16) NOT NULL, start_date DATE NOT NULL, "
                    "end_date DATE NOT NULL, budget NUMERIC(12,2) NOT NULL)", 7);
    const char* seasons[] = {"Winter", "Spring", "Summer", "Back to School", "Black Friday", "Holiday"};
    for (const auto& c : kChannels) {
        if (std::string(c.type) != "paid" && std::string(c.type) != "owned") continue;
        for (int k = 0; k < 6; ++k) {
            Campaign cp{static_cast<int>(campaigns.size()) + 1, c.id, 0, 0};
            const int startMonth = k * 2;
            cp.start = daysFromCivil(Date{2024, startMonth + 1, 1}) + static_cast<std::int32_t>(rc.range(0, 10));
            cp.end = cp.start + static_cast<std::int32_t>(rc.range(40, 75));
            campaigns.push_back(cp);
            const double budget = (5000 + rc.uniform() * 45000) * (k >= 4 ? 1.8 : 1.0);
            row(str(cp.id), std::string(c.name) + " - " + seasons[k] + " 2024", str(c.id),
                std::string(kObjectives[static_cast<std::size_t>(rc.range(0, 3))]), formatDate(cp.start),
                formatDate(cp.end), money(budget));
        }
    }
    sink.endTable();
    counts.campaigns = static_cast<std::int64_t>(campaigns.size());

    // users
    const std::int64_t userCount = std::max<std::int64_t>(targetEvents / 20, 10);
    Rng ru(options.seed ^ 0x05E5);
    row.beginTable("users",
                    "CREATE TABLE users (user_id BIGINT PRIMARY KEY, signup_date DATE NOT NULL, country VARCHAR(32) NOT "
                    "NULL, device VARCHAR(16) NOT NULL, age_group VARCHAR(8), acquisition_channel_id INTEGER NOT NULL, "
                    "is_subscribed BOOLEAN NOT NULL)", 7);
    std::vector<std::uint8_t> userDevice(static_cast<std::size_t>(userCount) + 1);
    std::array<double, 8> shares{};
    for (std::size_t i = 0; i < 8; ++i) shares[i] = kChannels[i].share;
    for (std::int64_t u = 1; u <= userCount; ++u) {
        const auto device = ru.weighted(kDeviceWeight);
        userDevice[static_cast<std::size_t>(u)] = static_cast<std::uint8_t>(device);
        const std::int32_t signup = kYearStart - 200 + static_cast<std::int32_t>(ru.range(0, 200 + 365));
        row(str(u), formatDate(signup), std::string(kCountries[ru.weighted(kCountryWeight)]), std::string(kDevices[device]),
            ru.chance(0.08) ? kNull : std::string(kAgeGroups[ru.weighted(kAgeWeight)]),
            str(kChannels[ru.weighted(shares)].id), ru.chance(0.37) ? std::string("1") : std::string("0"));
    }
    sink.endTable();
    counts.users = userCount;

    // sessions (kept in memory: the later tables derive from them)
    Rng rs(options.seed ^ 0x5E55);
    std::vector<Session> sessions;
    sessions.reserve(static_cast<std::size_t>(targetEvents / 4));
    std::int64_t events = 0;
    while (events < targetEvents) {
        Session s{};
        s.id = static_cast<std::int64_t>(sessions.size()) + 1;
        // skewed user activity: a few heavy users
        const double x = rs.uniform();
        s.user = 1 + static_cast<std::int64_t>(std::floor(std::pow(x, 1.6) * static_cast<double>(userCount)));
        if (s.user > userCount) s.user = userCount;
        const std::size_t ch = rs.weighted(shares);
        s.channel = kChannels[ch].id;
        const std::size_t month = rs.weighted(kMonthWeight);
        const std::int32_t day = daysFromCivil(Date{2024, static_cast<int>(month) + 1, 1}) +
                                 static_cast<std::int32_t>(rs.range(0, kMonthDays[month] - 1));
        // diurnal pattern: more traffic 9:00-22:00
        const int hour = rs.chance(0.8) ? static_cast<int>(rs.range(9, 22)) : static_cast<int>(rs.range(0, 23));
        s.startMicros = (static_cast<std::int64_t>(day) * 86400 + hour * 3600 + rs.range(0, 3599)) * 1'000'000;
        s.campaign = 0;
        for (const auto& c : campaigns)
            if (c.channel == s.channel && day >= c.start && day <= c.end) {
                s.campaign = c.id;
                break;
            }
        s.events = 1 + rs.geometric(3.0);
        if (events + s.events > targetEvents) s.events = static_cast<int>(targetEvents - events);
        s.pages = std::max(1, s.events - rs.geometric(0.7));
        s.duration = 10 + s.events * static_cast<int>(rs.range(15, 90));
        s.device = userDevice[static_cast<std::size_t>(s.user)];
        const double seasonal = month >= 10 ? 1.35 : 1.0;
        const double depth = std::min(2.0, 0.5 + s.events / 4.0);
        s.converted = rs.chance(kChannels[ch].conversionRate * seasonal * depth);
        events += s.events;
        sessions.push_back(s);
    }
    row.beginTable("sessions",
                    "CREATE TABLE sessions (session_id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL, channel_id INTEGER "
                    "NOT NULL, campaign_id INTEGER, session_start TIMESTAMP NOT NULL, duration_seconds INTEGER NOT NULL, "
                    "pages_viewed INTEGER NOT NULL, device VARCHAR(16) NOT NULL)", 8);
    for (const auto& s : sessions)
        row(str(s.id), str(s.user), str(s.channel), s.campaign ? str(s.campaign) : kNull, ts(s.startMicros),
            str(s.duration), str(s.pages), std::string(kDevices[static_cast<std::size_t>(s.device)]));
    sink.endTable();
    counts.sessions = static_cast<std::int64_t>(sessions.size());

    // user_events
    Rng re(options.seed ^ 0xE7E7);
    row.beginTable("user_events",
                    "CREATE TABLE user_events (event_id BIGINT PRIMARY KEY, session_id BIGINT NOT NULL, user_id BIGINT "
                    "NOT NULL, event_time TIMESTAMP NOT NULL, event_type VARCHAR(24) NOT NULL, page VARCHAR(64))", 6);
    std::int64_t eventId = 0;
    for (const auto& s : sessions) {
        std::int64_t t = s.startMicros;
        for (int e = 0; e < s.events; ++e) {
            std::string type;
            std::string page;
            if (e == s.events - 1 && s.converted) {
                type = "purchase";
                page = "/checkout";
            } else {
                const double r = re.uniform();
                type = r < 0.62 ? "page_view" : r < 0.84 ? "click" : r < 0.93 ? "add_to_cart" : r < 0.97 ? "begin_checkout" : "signup";
                page = type == "add_to_cart" ? "/cart" : type == "begin_checkout" ? "/checkout" : type == "signup" ? "/signup"
                                                                                                  : kPages[static_cast<std::size_t>(re.range(0, 4))];
            }
            row(str(++eventId), str(s.id), str(s.user), ts(t), type, re.chance(0.02) ? kNull : page);
            t += re.range(3, 120) * 1'000'000;
        }
    }
    sink.endTable();
    counts.events = eventId;

    // conversions and orders
    Rng rv(options.seed ^ 0xC0);
    struct Conv {
        std::int64_t id, user;
        std::int64_t micros;
        double value;
        bool purchase;
    };
    std::vector<Conv> convs;
    row.beginTable("conversions",
                    "CREATE TABLE conversions (conversion_id BIGINT PRIMARY KEY, session_id BIGINT NOT NULL, user_id "
                    "BIGINT NOT NULL, channel_id INTEGER NOT NULL, campaign_id INTEGER, conversion_time TIMESTAMP NOT "
                    "NULL, conversion_type VARCHAR(16) NOT NULL, conversion_value FLOAT NOT NULL)", 8);
    for (const auto& s : sessions) {
        if (!s.converted) continue;
        Conv c{static_cast<std::int64_t>(convs.size()) + 1, s.user, s.startMicros + s.duration * 1'000'000LL, 0, rv.chance(0.82)};
        // revenue skew: log-normal, median ~ $55, long tail
        c.value = c.purchase ? std::round(std::exp(4.0 + 0.95 * rv.normal()) * 100) / 100 : 0.0;
        convs.push_back(c);
        row(str(c.id), str(s.id), str(s.user), str(s.channel), s.campaign ? str(s.campaign) : kNull, ts(c.micros),
            std::string(c.purchase ? "purchase" : "lead"), money(c.value));
    }
    sink.endTable();
    counts.conversions = static_cast<std::int64_t>(convs.size());

    row.beginTable("orders",
                    "CREATE TABLE orders (order_id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL, conversion_id BIGINT, "
                    "order_date DATE NOT NULL, order_time TIMESTAMP NOT NULL, revenue NUMERIC(12,2) NOT NULL, items INTEGER "
                    "NOT NULL, discount FLOAT NOT NULL, status VARCHAR(16) NOT NULL)", 9);
    std::int64_t orderId = 0;
    for (const auto& c : convs) {
        if (!c.purchase) continue;
        const int repeats = 1 + (rv.chance(0.18) ? 1 + rv.geometric(0.6) : 0);
        for (int k = 0; k < repeats; ++k) {
            const bool first = k == 0;
            const std::int64_t micros = c.micros + (first ? 0 : rv.range(1, 120) * 86400LL * 1'000'000);
            const double revenue = first ? c.value : std::round(std::exp(3.8 + 0.9 * rv.normal()) * 100) / 100;
            const double u = rv.uniform();
            const char* status = u < 0.86 ? "completed" : u < 0.94 ? "shipped" : u < 0.98 ? "refunded" : "cancelled";
            row(str(++orderId), str(c.user), first ? str(c.id) : kNull,
                formatDate(static_cast<std::int32_t>(micros / 86'400'000'000LL)), ts(micros), money(revenue),
                str(1 + rv.geometric(0.8)), money(rv.chance(0.25) ? std::round(revenue * 0.1 * 100) / 100 : 0.0),
                std::string(status));
        }
    }
    sink.endTable();
    counts.orders = orderId;
    row.finish();
    return counts;
}

} // namespace quire::connect
