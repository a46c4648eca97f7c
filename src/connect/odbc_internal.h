#pragma once
#include "utf16.h"

#include <quire/connect/odbc.h>

#include <string>
#include <vector>

namespace quire::connect::detail {

std::vector<OdbcDiagnostic> diagnostics(SQLSMALLINT handleType, SQLHANDLE handle);
// Throws OdbcError unless rc is SQL_SUCCESS, SQL_SUCCESS_WITH_INFO or SQL_NO_DATA.
void check(SQLRETURN rc, SQLSMALLINT handleType, SQLHANDLE handle, const std::string& context);
ColumnType columnTypeFor(SQLSMALLINT sqlType, SQLULEN size, SQLSMALLINT scale);
// psqlODBC's connection attribute for UseDeclareFetch (SQL_ATTR_PGOPT_USE_DECLAREFETCH in its pgapifunc.h),
// readable and settable at run time.
constexpr SQLINTEGER kPsqlOdbcUseDeclareFetch = 65539;

} // namespace quire::connect::detail
