#include "limited_json.h"

#include <quire/doc/io.h>

namespace quire::publish::detail {
namespace {

std::string problemOf(const doc::LoadResult& loaded) {
    for (const Diagnostic& d : loaded.diagnostics) {
        if (d.severity != Severity::Error) continue;
        std::string text = d.message;
        if (d.location.line > 0) text += " at line " + std::to_string(d.location.line) + ", column " + std::to_string(d.location.column);
        return text + " [" + d.rule + "]";
    }
    return "not a JSON object";
}

} // namespace

LimitedJson parseLimitedObject(std::string_view text) {
    doc::LoadResult loaded = doc::parseDocument(text, doc::Format::Json);
    if (!loaded.ok()) return {std::nullopt, problemOf(loaded)};
    return {std::move(loaded.document->root), {}};
}

LimitedJson parseLimitedValue(std::string_view text) {
    // {"v": <text>} is an object with the single key "v" exactly when <text> is one JSON value: anything that
    // closes the object early leaves text after it, and a `, "k": ...` tail adds a key or repeats "v".
    std::string wrapped;
    wrapped.reserve(text.size() + 8);
    wrapped.append("{\"v\":").append(text).append("\n}");
    LimitedJson parsed = parseLimitedObject(wrapped);
    if (!parsed.value) return parsed;
    if (parsed.value->size() != 1 || !parsed.value->contains("v")) return {std::nullopt, "not one JSON value"};
    return {Json(std::move((*parsed.value)["v"])), {}};
}

} // namespace quire::publish::detail
