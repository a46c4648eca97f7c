#include "odbc_internal.h"

#include <algorithm>
#include <cctype>

namespace quire::connect {
namespace {

bool isSecretKey(std::string key) {
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
    while (!key.empty() && std::isspace(static_cast<unsigned char>(key.back()))) key.pop_back();
    auto ends = [&](std::string_view s) { return key.size() >= s.size() && key.compare(key.size() - s.size(), s.size(), s) == 0; };
    if (ends("file") || ends("path")) return false; // key file paths are not secrets
    for (std::string_view word : {"pwd", "password", "secret", "token", "passphrase", "key"})
        if (key.find(word) != std::string::npos) return true;
    return false;
}

std::string formatMessage(const std::string& context, const std::vector<OdbcDiagnostic>& records) {
    std::string out = context;
    if (records.empty()) return out + ": ODBC call failed (no diagnostic records)";
    out += ": ";
    for (std::size_t i = 0; i < records.size() && i < 3; ++i) {
        if (i) out += "; ";
        out += "[" + records[i].sqlstate + "] " + records[i].message;
        if (records[i].nativeCode) out += " (native " + std::to_string(records[i].nativeCode) + ")";
    }
    return out;
}

} // namespace

std::string redactConnectionString(std::string_view text) {
    // Scan "key=value" pairs separated by ';' (values may be {braced}); keys are the text after the
    // previous ';', whitespace or start.
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t eq = text.find('=', i);
        if (eq == std::string_view::npos) {
            out.append(text.substr(i));
            break;
        }
        std::size_t keyStart = eq;
        while (keyStart > i && text[keyStart - 1] != ';' && text[keyStart - 1] != ' ' && text[keyStart - 1] != '\n' &&
               text[keyStart - 1] != '(' && text[keyStart - 1] != '"' && text[keyStart - 1] != '\'')
            --keyStart;
        std::string key(text.substr(keyStart, eq - keyStart));
        out.append(text.substr(i, eq + 1 - i));
        std::size_t valueEnd;
        if (eq + 1 < text.size() && text[eq + 1] == '{') {
            valueEnd = eq + 1;
            while (valueEnd < text.size()) {
                if (text[valueEnd] == '}') {
                    if (valueEnd + 1 < text.size() && text[valueEnd + 1] == '}') {
                        valueEnd += 2;
                        continue;
                    }
                    ++valueEnd;
                    break;
                }
                ++valueEnd;
            }
        } else {
            valueEnd = text.find_first_of(";\n", eq + 1);
            if (valueEnd == std::string_view::npos) valueEnd = text.size();
        }
        if (isSecretKey(key) && valueEnd > eq + 1)
            out.append("***");
        else
            out.append(text.substr(eq + 1, valueEnd - eq - 1));
        i = valueEnd;
    }
    return out;
}

OdbcError::OdbcError(std::string context, std::vector<OdbcDiagnostic> records)
    : std::runtime_error(redactConnectionString(formatMessage(context, records))), context_(std::move(context)),
      records_(std::move(records)) {
    for (auto& r : records_) r.message = redactConnectionString(r.message);
}

static const std::string kEmpty;
// The primary record: the first that is not a warning (class 01), else the first.
static const OdbcDiagnostic* primary(const std::vector<OdbcDiagnostic>& records) {
    for (const auto& r : records)
        if (r.sqlstate.rfind("01", 0) != 0) return &r;
    return records.empty() ? nullptr : &records.front();
}
const std::string& OdbcError::sqlstate() const { return primary(records_) ? primary(records_)->sqlstate : kEmpty; }
int OdbcError::nativeCode() const { return primary(records_) ? primary(records_)->nativeCode : 0; }
const std::string& OdbcError::driverMessage() const { return primary(records_) ? primary(records_)->message : kEmpty; }

bool OdbcError::isTimeout() const {
    for (const auto& r : records_) {
        if (r.sqlstate == "HYT00" || r.sqlstate == "HYT01") return true;
        if (r.message.find("statement timeout") != std::string::npos) return true;
    }
    return false;
}

bool OdbcError::isCancelled() const {
    for (const auto& r : records_) {
        if (r.sqlstate == "HY008") return true;
        if (r.message.find("canceling statement due to user request") != std::string::npos) return true;
        if (r.message.find("interrupted") != std::string::npos) return true;
    }
    return context_.find("cancel") != std::string::npos;
}

bool OdbcError::isConnectionFailure() const {
    for (const auto& r : records_) {
        if (r.sqlstate.rfind("08", 0) == 0) return true;
        if (r.message.find("server closed the connection") != std::string::npos) return true;
        if (r.message.find("terminating connection") != std::string::npos) return true;
        if (r.message.find("could not connect") != std::string::npos) return true;
    }
    return false;
}

namespace detail {

std::vector<OdbcDiagnostic> diagnostics(SQLSMALLINT handleType, SQLHANDLE handle) {
    std::vector<OdbcDiagnostic> out;
    if (!handle) return out;
    for (SQLSMALLINT i = 1; i <= 10; ++i) {
        SQLWCHAR state[6] = {0};
        SQLINTEGER native = 0;
        SQLWCHAR message[2048];
        SQLSMALLINT length = 0;
        SQLRETURN rc = SQLGetDiagRecW(handleType, handle, i, state, &native, message,
                                      static_cast<SQLSMALLINT>(sizeof message / sizeof message[0]), &length);
        if (rc != SQL_SUCCESS && rc != SQL_SUCCESS_WITH_INFO) break;
        OdbcDiagnostic d;
        d.sqlstate = toUtf8(state, wideLength(state, 5));
        d.nativeCode = static_cast<int>(native);
        std::size_t len = std::min<std::size_t>(static_cast<std::size_t>(std::max<SQLSMALLINT>(length, 0)),
                                                sizeof message / sizeof message[0] - 1);
        d.message = toUtf8(message, wideLength(message, len));
        while (!d.message.empty() && (d.message.back() == '\n' || d.message.back() == ' ')) d.message.pop_back();
        out.push_back(std::move(d));
    }
    return out;
}

void check(SQLRETURN rc, SQLSMALLINT handleType, SQLHANDLE handle, const std::string& context) {
    if (rc == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO || rc == SQL_NO_DATA) return;
    auto records = diagnostics(handleType, handle);
    if (rc == SQL_INVALID_HANDLE) records.insert(records.begin(), OdbcDiagnostic{"HY000", 0, "invalid handle"});
    throw OdbcError(context, std::move(records));
}

} // namespace detail
} // namespace quire::connect
