#pragma once
// `quire preview --control id=value`: turns command-line text into a control's value fields, typed by the
// control's kind (docs/cli.md, "Control values"). Text controls take the text exactly; number, date, boolean
// and range controls need text of their type; lists take values of the list's value type.
#include <quire/core/json.h>
#include <quire/preview/session.h>

#include <string>
#include <vector>

namespace quire::cli {

// The value fields for setControlFields. Throws std::invalid_argument with a message that names the control
// and the type it expects when a value does not fit.
Json controlFieldsFromText(const preview::PreviewSession& session, const std::string& controlId,
                           const preview::ControlState& state, const std::vector<std::string>& values);

// Today's date (UTC) as YYYY-MM-DD: what relative date controls and Today() resolve against in `quire preview`
// and `quire verify`.
std::string todayIso();

} // namespace quire::cli
