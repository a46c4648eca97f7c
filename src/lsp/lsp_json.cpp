#include <quire/lsp/features.h>

namespace quire::lsp {

Json toJson(Position position) { return {{"line", position.line}, {"character", position.character}}; }

Json toJson(const Range& range) { return {{"start", toJson(range.start)}, {"end", toJson(range.end)}}; }

} // namespace quire::lsp
