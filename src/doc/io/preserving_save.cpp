// saveDocumentPreserving / patchText (include/quire/doc/io.h): the document's own text with only the changed
// nodes rewritten, checked by reading it back; the canonical writer whenever that is not possible.
#include <quire/doc/io.h>

#include "text_patch.h"

#include <algorithm>

namespace quire::doc {
namespace detail {

std::string applyEdits(std::string_view text, std::vector<TextEdit> edits) {
    std::vector<std::size_t> order(edits.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (edits[a].pos != edits[b].pos) return edits[a].pos < edits[b].pos;
        return (edits[a].length != 0) < (edits[b].length != 0); // insertions first
    });
    std::string out;
    out.reserve(text.size() + 256);
    std::size_t cursor = 0;
    for (std::size_t i : order) {
        const TextEdit& e = edits[i];
        if (e.pos < cursor || e.pos + e.length > text.size()) throw PatchFailure("two changes overlap in the text");
        out.append(text.substr(cursor, e.pos - cursor));
        out += e.text;
        cursor = e.pos + e.length;
    }
    out.append(text.substr(cursor));
    return out;
}

} // namespace detail

std::optional<std::string> patchText(std::string_view original, Format format, const Json& oldRoot, const Json& newRoot,
                                     std::string* why, const LoadLimits& limits) {
    auto fail = [&](std::string reason) -> std::optional<std::string> {
        if (why) *why = std::move(reason);
        return std::nullopt;
    };
    if (oldRoot == newRoot) return std::string(original);
    std::string patched;
    try {
        const detail::SpanNode root = format == Format::Yaml ? detail::scanYamlSpans(original, limits.maxDepth)
                                                             : detail::scanJsonSpans(original, limits.maxDepth);
        std::vector<detail::TextEdit> edits = format == Format::Yaml ? detail::yamlEdits(original, root, oldRoot, newRoot)
                                                                     : detail::jsonEdits(original, root, oldRoot, newRoot);
        if (detail::usesCrlf(original))
            for (auto& edit : edits) {
                std::string crlf;
                crlf.reserve(edit.text.size() + 8);
                for (char c : edit.text) {
                    if (c == '\n') crlf += '\r';
                    crlf += c;
                }
                edit.text = std::move(crlf);
            }
        patched = detail::applyEdits(original, std::move(edits));
    } catch (const detail::SpanError& e) {
        return fail(std::string("the source text could not be mapped: ") + e.what());
    } catch (const detail::PatchFailure& e) {
        return fail(e.what());
    } catch (const Json::exception& e) { // a string the writers refuse (invalid UTF-8)
        return fail(std::string("a value cannot be written: ") + e.what());
    }
    // The safety net: the patched text must read back as exactly the new tree.
    LoadResult back = parseDocument(patched, format, {}, limits);
    if (!back.document) return fail("the patched text does not load (" +
                                    (back.diagnostics.empty() ? std::string("no reason") : back.diagnostics.front().message) + ")");
    if (back.document->root != newRoot) return fail("the patched text does not read back as the document");
    return patched;
}

namespace {

PreservingSave canonicalSave(const Document& document, Format format, std::string reason) {
    PreservingSave result;
    result.text = saveDocument(document, format);
    result.preserved = false;
    result.fallbackReason = std::move(reason);
    return result;
}

} // namespace

PreservingSave saveDocumentPreserving(const Document& document, Format format, const LoadLimits& limits) {
    if (!document.sourceText) return canonicalSave(document, format, "the document has no source text");
    if (format != document.format) return canonicalSave(document, format, "the format changes");
    LoadResult before = parseDocument(*document.sourceText, format, document.path, limits);
    if (!before.document) return canonicalSave(document, format, "the source text no longer loads");
    return saveDocumentPreserving(document, format, before.document->root, limits);
}

PreservingSave saveDocumentPreserving(const Document& document, Format format, const Json& loadedRoot, const LoadLimits& limits) {
    if (!document.sourceText) return canonicalSave(document, format, "the document has no source text");
    if (format != document.format) return canonicalSave(document, format, "the format changes");
    std::string why;
    std::optional<std::string> patched = patchText(*document.sourceText, format, loadedRoot, document.root, &why, limits);
    if (!patched) return canonicalSave(document, format, why);
    PreservingSave result;
    result.text = std::move(*patched);
    result.preserved = true;
    return result;
}

} // namespace quire::doc
