#pragma once
// UTF-8 <-> UTF-16 (SQLWCHAR is 16-bit under unixODBC) for the ODBC W entry points.
#include <sql.h>
#include <sqlext.h>
#include <sqlucode.h>

#include <string>
#include <string_view>

namespace quire::connect::detail {

using WString = std::basic_string<SQLWCHAR>;

WString toUtf16(std::string_view utf8);
void appendUtf8(std::string& out, const SQLWCHAR* text, std::size_t units);
inline std::string toUtf8(const SQLWCHAR* text, std::size_t units) {
    std::string out;
    appendUtf8(out, text, units);
    return out;
}
inline std::string toUtf8(const WString& text) { return toUtf8(text.data(), text.size()); }
std::size_t wideLength(const SQLWCHAR* text, std::size_t maxUnits); // up to the first 0

} // namespace quire::connect::detail
