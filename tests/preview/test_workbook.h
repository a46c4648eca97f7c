#pragma once
// A hand-written workbook exercising every preview feature; tests build sessions from it.
#include <quire/core/json.h>

namespace quire::preview::test {
const Json& workbook();
}
