#pragma once
// `[controlId]` in a column formula: the control's current value as bound parameters for quire_sql.
#include <quire/preview/session.h>
#include <quire/sql/compiler.h>

#include <optional>

namespace quire::preview {

// nullopt when the reference is not a bare name of a control of the session. Otherwise a ControlValue:
// scalars as one parameter (unset: NULL), several selected list values as a list (compared with IN), a date
// control's ISO date as a date; range controls ({low, high}) are a ResolveError naming the control.
std::optional<sql::Resolution> resolveControlReference(const PreviewSession& session, const sql::Reference& reference);

} // namespace quire::preview
