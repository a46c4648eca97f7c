// The Quire SQLite extension: the Sigma functions SQLite lacks, loaded into the embedded warehouse through the
// SQLite ODBC driver's LoadExt= attribute (quire/connect/sqlite_extension.h finds the file). Every function is named
// quire_<what> so it never shadows a built-in or another extension.
//   quire_regexp_match(text, re)            1 when re matches somewhere in text (PostgreSQL's `~`)
//   quire_regexp_extract(text, re)          the first match, or its first group when re has one (SUBSTRING FROM)
//   quire_regexp_replace(text, re, repl)    every match replaced; \1..\9 in repl are groups, \& the match
//   quire_split_part(text, delim, n)        the n-th field (negative: from the end); '' past the last one
//   quire_proper(text)                      INITCAP: each run of letters/digits capitalised, the rest lower case
//   quire_lpad / quire_rpad(text, n[, fill]) padded or truncated to n characters
//   quire_reverse(text)                     the characters (code points) reversed
//   aggregates: quire_median, quire_percentile_cont(x, p), quire_percentile_disc(x, p), quire_mode,
//   quire_listagg_distinct(x, sep); aggregate and window: quire_stddev_samp, quire_stddev_pop, quire_var_samp,
//   quire_var_pop, quire_corr(y, x).
// Regular expressions run on the linear-time engine of regex.h; a pattern is compiled once per statement
// (sqlite3_set_auxdata) when it is a constant.
#include "regex.h"

#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <memory>
#include <new>
#include <string>
#include <vector>

namespace ext = quire::sqlite_ext;

namespace {

std::string_view textArg(sqlite3_value* v) {
    const auto* p = reinterpret_cast<const char*>(sqlite3_value_text(v));
    return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_value_bytes(v))) : std::string_view();
}

bool anyNull(int argc, sqlite3_value** argv) {
    for (int i = 0; i < argc; ++i)
        if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return true;
    return false;
}

void resultText(sqlite3_context* ctx, const std::string& s) {
    sqlite3_result_text64(ctx, s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

// Runs f with the compiled pattern of argument `index`: compiled once per statement while the pattern stays the
// same (sqlite3_set_auxdata keeps it for a constant argument and drops it otherwise).
template <typename F>
void withPattern(sqlite3_context* ctx, sqlite3_value** argv, int index, F&& f) {
    if (auto* cached = static_cast<ext::Regex*>(sqlite3_get_auxdata(ctx, index))) return f(*cached);
    auto [re, error] = ext::Regex::compile(textArg(argv[index]));
    if (!re) return sqlite3_result_error(ctx, ("invalid regular expression: " + error).c_str(), -1);
    f(*re);
    auto* owned = new (std::nothrow) ext::Regex(std::move(*re));
    if (owned) sqlite3_set_auxdata(ctx, index, owned, [](void* p) { delete static_cast<ext::Regex*>(p); });
}

void regexpMatch(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    if (anyNull(argc, argv)) return sqlite3_result_null(ctx);
    const auto text = textArg(argv[0]);
    withPattern(ctx, argv, 1, [&](const ext::Regex& re) {
        std::vector<long> slots;
        sqlite3_result_int(ctx, re.search(text, 0, slots) ? 1 : 0);
    });
}

void regexpExtract(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    if (anyNull(argc, argv)) return sqlite3_result_null(ctx);
    const auto text = textArg(argv[0]);
    withPattern(ctx, argv, 1, [&](const ext::Regex& re) {
        std::vector<long> slots;
        if (!re.search(text, 0, slots)) return sqlite3_result_null(ctx);
        const std::size_t g = re.groups() > 0 ? 2 : 0;
        if (slots[g] < 0) return sqlite3_result_null(ctx);
        resultText(ctx, std::string(text.substr(static_cast<std::size_t>(slots[g]), static_cast<std::size_t>(slots[g + 1] - slots[g]))));
    });
}

void regexpReplace(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    if (anyNull(argc, argv)) return sqlite3_result_null(ctx);
    const auto text = textArg(argv[0]);
    const auto repl = textArg(argv[2]);
    withPattern(ctx, argv, 1, [&](const ext::Regex& re) {
        std::string out;
        std::vector<long> slots;
        std::size_t pos = 0;
        long lastEnd = -1;
        while (pos <= text.size() && re.search(text, pos, slots)) {
            const auto start = static_cast<std::size_t>(slots[0]), end = static_cast<std::size_t>(slots[1]);
            if (start == end && slots[0] == lastEnd) { // an empty match right after a match is not one (PostgreSQL)
                if (start >= text.size()) break;
                std::size_t next = start + 1;
                while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
                out.append(text.substr(pos, next - pos));
                pos = next;
                continue;
            }
            lastEnd = slots[1];
            out.append(text.substr(pos, start - pos));
            for (std::size_t i = 0; i < repl.size(); ++i) {
                if (repl[i] == '\\' && i + 1 < repl.size()) {
                    const char c = repl[i + 1];
                    const int group = c == '&' ? 0 : c >= '1' && c <= '9' ? c - '0' : -1;
                    if (group >= 0) {
                        ++i;
                        const auto s = static_cast<std::size_t>(2 * group);
                        if (group <= re.groups() && slots[s] >= 0)
                            out.append(text.substr(static_cast<std::size_t>(slots[s]), static_cast<std::size_t>(slots[s + 1] - slots[s])));
                        continue;
                    }
                    if (c == '\\') ++i;
                }
                out += repl[i];
            }
            if (end == start) { // an empty match: copy one character and move on
                if (start >= text.size()) {
                    pos = text.size() + 1;
                    break;
                }
                std::size_t next = start + 1;
                while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
                out.append(text.substr(start, next - start));
                pos = next;
            } else {
                pos = end;
            }
        }
        if (pos < text.size()) out.append(text.substr(pos));
        resultText(ctx, out);
    });
}

// Code point boundaries of a UTF-8 text.
std::vector<std::size_t> characterStarts(std::string_view s) {
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) starts.push_back(i);
    return starts;
}

void splitPart(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    if (anyNull(argc, argv)) return sqlite3_result_null(ctx);
    const auto text = textArg(argv[0]), delim = textArg(argv[1]);
    const sqlite3_int64 n = sqlite3_value_int64(argv[2]);
    if (n == 0) return sqlite3_result_error(ctx, "field position must not be zero", -1);
    std::vector<std::string_view> parts;
    if (delim.empty()) {
        if (!text.empty()) parts.push_back(text);
    } else {
        std::size_t pos = 0;
        while (true) {
            const auto hit = text.find(delim, pos);
            parts.push_back(text.substr(pos, hit == std::string_view::npos ? std::string_view::npos : hit - pos));
            if (hit == std::string_view::npos) break;
            pos = hit + delim.size();
        }
        if (text.empty()) parts.clear();
    }
    const auto count = static_cast<sqlite3_int64>(parts.size());
    const sqlite3_int64 index = n > 0 ? n - 1 : count + n;
    if (index < 0 || index >= count) return resultText(ctx, "");
    resultText(ctx, std::string(parts[static_cast<std::size_t>(index)]));
}

void proper(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    if (anyNull(argc, argv)) return sqlite3_result_null(ctx);
    std::string s(textArg(argv[0]));
    bool inWord = false;
    for (char& c : s) {
        const auto u = static_cast<unsigned char>(c);
        const bool alnum = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u >= 0x80;
        if (u < 0x80) {
            if (alnum && !inWord && u >= 'a' && u <= 'z') c = static_cast<char>(u - 32);
            else if (alnum && inWord && u >= 'A' && u <= 'Z') c = static_cast<char>(u + 32);
        }
        inWord = alnum;
    }
    resultText(ctx, s);
}

void pad(sqlite3_context* ctx, int argc, sqlite3_value** argv, bool left) {
    if (anyNull(argc, argv)) return sqlite3_result_null(ctx);
    const auto text = textArg(argv[0]);
    const sqlite3_int64 want = sqlite3_value_int64(argv[1]);
    if (want > 10'000'000) return sqlite3_result_error(ctx, "requested length too large", -1);
    if (want <= 0) return resultText(ctx, "");
    const std::string_view fill = argc > 2 ? textArg(argv[2]) : std::string_view(" ");
    const auto starts = characterStarts(text);
    const auto have = static_cast<sqlite3_int64>(starts.size());
    if (have >= want) return resultText(ctx, std::string(text.substr(0, starts.size() > static_cast<std::size_t>(want) ? starts[static_cast<std::size_t>(want)] : text.size())));
    if (fill.empty()) return resultText(ctx, std::string(text));
    const auto fillStarts = characterStarts(fill);
    std::string padding;
    for (sqlite3_int64 k = 0; k < want - have; ++k) {
        const std::size_t i = static_cast<std::size_t>(k) % fillStarts.size();
        const std::size_t end = i + 1 < fillStarts.size() ? fillStarts[i + 1] : fill.size();
        padding.append(fill.substr(fillStarts[i], end - fillStarts[i]));
    }
    resultText(ctx, left ? padding + std::string(text) : std::string(text) + padding);
}
void lpad(sqlite3_context* ctx, int argc, sqlite3_value** argv) { pad(ctx, argc, argv, true); }
void rpad(sqlite3_context* ctx, int argc, sqlite3_value** argv) { pad(ctx, argc, argv, false); }

void reverse(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    if (anyNull(argc, argv)) return sqlite3_result_null(ctx);
    const auto text = textArg(argv[0]);
    const auto starts = characterStarts(text);
    std::string out;
    out.reserve(text.size());
    for (std::size_t k = starts.size(); k-- > 0;) {
        const std::size_t end = k + 1 < starts.size() ? starts[k + 1] : text.size();
        out.append(text.substr(starts[k], end - starts[k]));
    }
    // bytes before the first code point start (a stray continuation byte) stay in front
    if (!starts.empty() && starts[0] > 0) out.insert(0, text.substr(0, starts[0]));
    resultText(ctx, out);
}

// ---- aggregates over collected values ----
// The aggregate context holds a pointer to heap state, created on the first step and freed in xFinal.
template <typename State>
State* state(sqlite3_context* ctx, bool create) {
    auto** slot = static_cast<State**>(sqlite3_aggregate_context(ctx, create ? static_cast<int>(sizeof(State*)) : 0));
    if (!slot) return nullptr;
    if (!*slot && create) *slot = new (std::nothrow) State();
    return *slot;
}
template <typename State>
std::unique_ptr<State> takeState(sqlite3_context* ctx) {
    auto** slot = static_cast<State**>(sqlite3_aggregate_context(ctx, 0));
    if (!slot || !*slot) return nullptr;
    std::unique_ptr<State> owned(*slot);
    *slot = nullptr;
    return owned;
}

struct Numbers {
    std::vector<double> values;
    double fraction = -1;
};

void numbersStep(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    auto* s = state<Numbers>(ctx, true);
    if (!s) return sqlite3_result_error_nomem(ctx);
    if (argc > 1 && s->fraction < 0 && sqlite3_value_type(argv[1]) != SQLITE_NULL) {
        const double p = sqlite3_value_double(argv[1]);
        if (!(p >= 0 && p <= 1)) return sqlite3_result_error(ctx, "percentile must be between 0 and 1", -1);
        s->fraction = p;
    }
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
    s->values.push_back(sqlite3_value_double(argv[0]));
}

double continuous(std::vector<double>& v, double p) {
    std::sort(v.begin(), v.end());
    const double at = p * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(at));
    const std::size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (at - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

void medianFinal(sqlite3_context* ctx) {
    auto s = takeState<Numbers>(ctx);
    if (!s || s->values.empty()) return sqlite3_result_null(ctx);
    sqlite3_result_double(ctx, continuous(s->values, 0.5));
}
void percentileContFinal(sqlite3_context* ctx) {
    auto s = takeState<Numbers>(ctx);
    if (!s || s->values.empty() || s->fraction < 0) return sqlite3_result_null(ctx);
    sqlite3_result_double(ctx, continuous(s->values, s->fraction));
}
void percentileDiscFinal(sqlite3_context* ctx) {
    auto s = takeState<Numbers>(ctx);
    if (!s || s->values.empty() || s->fraction < 0) return sqlite3_result_null(ctx);
    std::sort(s->values.begin(), s->values.end());
    // the first value whose cumulative distribution reaches p
    const double n = static_cast<double>(s->values.size());
    std::size_t k = static_cast<std::size_t>(std::ceil(s->fraction * n));
    k = k == 0 ? 0 : k - 1;
    sqlite3_result_double(ctx, s->values[std::min(k, s->values.size() - 1)]);
}

// Mode keeps the values themselves: numbers sort before text, ties go to the smallest value.
struct Key {
    int kind; // 0 number, 1 text
    double number;
    std::string text;
    bool operator<(const Key& o) const {
        if (kind != o.kind) return kind < o.kind;
        return kind == 0 ? number < o.number : text < o.text;
    }
};
Key keyOf(sqlite3_value* v) {
    const int t = sqlite3_value_type(v);
    if (t == SQLITE_INTEGER || t == SQLITE_FLOAT) return {0, sqlite3_value_double(v), {}};
    return {1, 0, std::string(textArg(v))};
}
struct Counts {
    std::map<Key, long long> counts;
    bool integer = true;
};
void modeStep(sqlite3_context* ctx, int, sqlite3_value** argv) {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
    auto* s = state<Counts>(ctx, true);
    if (!s) return sqlite3_result_error_nomem(ctx);
    s->integer &= sqlite3_value_type(argv[0]) == SQLITE_INTEGER;
    ++s->counts[keyOf(argv[0])];
}
void modeFinal(sqlite3_context* ctx) {
    auto s = takeState<Counts>(ctx);
    if (!s || s->counts.empty()) return sqlite3_result_null(ctx);
    auto best = s->counts.begin();
    for (auto it = s->counts.begin(); it != s->counts.end(); ++it)
        if (it->second > best->second) best = it;
    if (best->first.kind == 1) return resultText(ctx, best->first.text);
    if (s->integer) return sqlite3_result_int64(ctx, static_cast<sqlite3_int64>(best->first.number));
    sqlite3_result_double(ctx, best->first.number);
}

struct Distinct {
    std::vector<std::string> order;
    std::map<std::string, bool> seen;
    std::string separator = ",";
};
void listaggDistinctStep(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    auto* s = state<Distinct>(ctx, true);
    if (!s) return sqlite3_result_error_nomem(ctx);
    if (argc > 1 && sqlite3_value_type(argv[1]) != SQLITE_NULL) s->separator = std::string(textArg(argv[1]));
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
    std::string v(textArg(argv[0]));
    if (s->seen.emplace(v, true).second) s->order.push_back(std::move(v));
}
void listaggDistinctFinal(sqlite3_context* ctx) {
    auto s = takeState<Distinct>(ctx);
    if (!s || s->order.empty()) return sqlite3_result_null(ctx);
    std::string out;
    for (std::size_t i = 0; i < s->order.size(); ++i) out += (i ? s->separator : "") + s->order[i];
    resultText(ctx, out);
}

// ---- moments: aggregate and window (running sums with an inverse step) ----
struct Moments {
    long double n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
};
// SQLite's aggregate context is only 8-byte aligned and long double needs 16, so the moments are copied in and
// out of it rather than used in place. readMoments returns false before the first row.
bool readMoments(sqlite3_context* ctx, Moments& m) {
    const void* raw = sqlite3_aggregate_context(ctx, 0);
    if (!raw) return false;
    std::memcpy(&m, raw, sizeof m);
    return true;
}
// quire_var_*(x) and friends read one argument; quire_corr(y, x) two.
void momentsAdd(sqlite3_context* ctx, int argc, sqlite3_value** argv, long double sign) {
    if (anyNull(argc, argv)) return;
    void* raw = sqlite3_aggregate_context(ctx, sizeof(Moments)); // zeroed on the first call
    if (!raw) return sqlite3_result_error_nomem(ctx);
    Moments m;
    std::memcpy(&m, raw, sizeof m);
    const long double y = sqlite3_value_double(argv[0]);
    const long double x = argc > 1 ? sqlite3_value_double(argv[1]) : y;
    m.n += sign;
    m.sx += sign * x;
    m.sy += sign * y;
    m.sxx += sign * x * x;
    m.syy += sign * y * y;
    m.sxy += sign * x * y;
    std::memcpy(raw, &m, sizeof m);
}
void momentsStep(sqlite3_context* ctx, int argc, sqlite3_value** argv) { momentsAdd(ctx, argc, argv, 1); }
void momentsInverse(sqlite3_context* ctx, int argc, sqlite3_value** argv) { momentsAdd(ctx, argc, argv, -1); }

template <bool Sample, bool Root>
void varianceValue(sqlite3_context* ctx) {
    Moments m;
    const long double n = readMoments(ctx, m) ? m.n : 0;
    if (n < (Sample ? 2 : 1)) return sqlite3_result_null(ctx);
    long double v = (m.sxx - m.sx * m.sx / n) / (Sample ? n - 1 : n);
    if (v < 0) v = 0; // rounding
    sqlite3_result_double(ctx, static_cast<double>(Root ? std::sqrt(v) : v));
}
void corrValue(sqlite3_context* ctx) {
    Moments m;
    if (!readMoments(ctx, m) || m.n < 1) return sqlite3_result_null(ctx);
    const long double n = m.n;
    const long double cov = m.sxy - m.sx * m.sy / n, vx = m.sxx - m.sx * m.sx / n, vy = m.syy - m.sy * m.sy / n;
    if (vx <= 0 || vy <= 0) return sqlite3_result_null(ctx);
    sqlite3_result_double(ctx, static_cast<double>(cov / std::sqrt(vx * vy)));
}

} // namespace

#define QUIRE_EXPORT __attribute__((visibility("default")))

extern "C" {
QUIRE_EXPORT int sqlite3_quiresqlite_init(sqlite3* db, char** error, const sqlite3_api_routines* api) {
    SQLITE_EXTENSION_INIT2(api);
    (void)error;
    // SQLite reads a double-quoted name that is no column as a string literal ("misfeature" DQS): a misspelled
    // column such as [orders/revnue] would preview as the text 'revnue' in every row instead of failing. Every
    // other warehouse refuses it, and so does a Quire connection.
    sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DML, 0, static_cast<int*>(nullptr));
    sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DDL, 0, static_cast<int*>(nullptr));
    const int text = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    struct Scalar {
        const char* name;
        int argc;
        void (*fn)(sqlite3_context*, int, sqlite3_value**);
    };
    const Scalar scalars[] = {{"quire_regexp_match", 2, regexpMatch}, {"quire_regexp_extract", 2, regexpExtract},
                              {"quire_regexp_replace", 3, regexpReplace}, {"quire_split_part", 3, splitPart},
                              {"quire_proper", 1, proper}, {"quire_lpad", 2, lpad}, {"quire_lpad", 3, lpad},
                              {"quire_rpad", 2, rpad}, {"quire_rpad", 3, rpad}, {"quire_reverse", 1, reverse}};
    for (const auto& s : scalars)
        if (int rc = sqlite3_create_function(db, s.name, s.argc, text, nullptr, s.fn, nullptr, nullptr); rc != SQLITE_OK) return rc;
    struct Aggregate {
        const char* name;
        int argc;
        void (*step)(sqlite3_context*, int, sqlite3_value**);
        void (*final)(sqlite3_context*);
    };
    const Aggregate aggregates[] = {{"quire_median", 1, numbersStep, medianFinal},
                                    {"quire_percentile_cont", 2, numbersStep, percentileContFinal},
                                    {"quire_percentile_disc", 2, numbersStep, percentileDiscFinal},
                                    {"quire_mode", 1, modeStep, modeFinal},
                                    {"quire_listagg_distinct", 1, listaggDistinctStep, listaggDistinctFinal},
                                    {"quire_listagg_distinct", 2, listaggDistinctStep, listaggDistinctFinal}};
    for (const auto& a : aggregates)
        if (int rc = sqlite3_create_function(db, a.name, a.argc, text, nullptr, nullptr, a.step, a.final); rc != SQLITE_OK) return rc;
    struct Window {
        const char* name;
        int argc;
        void (*value)(sqlite3_context*);
    };
    const Window windows[] = {{"quire_var_samp", 1, varianceValue<true, false>}, {"quire_var_pop", 1, varianceValue<false, false>},
                              {"quire_stddev_samp", 1, varianceValue<true, true>}, {"quire_stddev_pop", 1, varianceValue<false, true>},
                              {"quire_corr", 2, corrValue}};
    for (const auto& w : windows)
        if (int rc = sqlite3_create_window_function(db, w.name, w.argc, text, nullptr, momentsStep, w.value, w.value,
                                                    momentsInverse, nullptr);
            rc != SQLITE_OK)
            return rc;
    return SQLITE_OK;
}

// The default entry point, for loaders that do not derive one from the file name.
QUIRE_EXPORT int sqlite3_extension_init(sqlite3* db, char** error, const sqlite3_api_routines* api) {
    return sqlite3_quiresqlite_init(db, error, api);
}
}
