// Envelope and body shape: spec §1.1 and checklist items 1-3 and 12.
#include "context.h"
#include "pointer.h"

#include <quire/doc/seed.h>

namespace quire::validate {

void checkContents(Context& ctx) {
    const Json& root = ctx.document.root;
    if (!root.is_object()) return; // the schema reports a non-object document
    if (doc::isConverterEnvelope(root)) {
        ctx.report("contents/converter-envelope", "/workbook",
                   "the workbook is wrapped in a converter envelope `{workbook: {...}}`; Sigma reads `name`, `folderId` "
                   "and `contents` at the top level. Unwrap it with `quire convert FILE --migrate`");
        return;
    }
    const bool isSeed = root.contains("workbook") && !root.contains("contents") && !root.contains("document");
    if (isSeed) {
        ctx.report("contents/missing", "",
                   "this is a compact seed (`workbook:` at the top), not a Sigma document; convert it with "
                   "`quire import-seed`");
        return;
    }
    if (!ctx.contents) {
        ctx.report("contents/missing", "",
                   "the document has no `contents` object; Sigma rejects a flat body (the workbook body belongs "
                   "under `contents`)");
        return;
    }
    if (Context::member(root, "name") == nullptr)
        ctx.report("envelope/missing-name", "", "the envelope has no `name`; creating a workbook requires one");
    if (Context::member(root, "folderId") == nullptr)
        ctx.report("envelope/missing-folder-id", "",
                   "the envelope has no `folderId`; creating a workbook requires one (updates do not)");
    if (ctx.base == "/document")
        ctx.report("contents/legacy-document-key", "/document",
                   "the body is under the legacy key `document`, which Sigma's API silently ignores (it creates "
                   "a blank workbook); use `contents` (`quire convert FILE --migrate` renames it)");

    const Json& c = *ctx.contents;
    for (const char* key : {"schemaVersion", "kind", "elements", "pages"})
        if (Context::member(c, key) == nullptr)
            ctx.report("contents/missing-key", ctx.base,
                       std::string("`") + key + "` is missing from the workbook body");
    if (const Json* kind = Context::member(c, "kind"); kind && kind->is_string() && *kind != "workbook")
        ctx.report("contents/not-workbook", child(ctx.base, "kind"),
                   "`kind` is " + kind->dump() + "; a workbook body must say `workbook` (reports are a different "
                   "resource)");
    for (const char* legacy : {"themeName", "themeOverrides"})
        if (Context::member(c, legacy))
            ctx.report("contents/legacy-theme-key", child(ctx.base, legacy),
                       std::string("`") + legacy + "` was removed from the API and is dropped silently; use "
                       "`settings.theme.name` / `settings.theme.overrides`");

    if (const Json* pages = Context::array(c, "pages"))
        for (std::size_t i = 0; i < pages->size(); ++i)
            if (const Json* hidden = Context::member((*pages)[i], "hidden"))
                ctx.report("contents/page-hidden-key", child(child(child(ctx.base, "pages"), i), "hidden"),
                           "page " + std::to_string(i) + " says `hidden: " + hidden->dump() +
                               "`, which Sigma ignores (the page stays visible); write `visibility: hidden`");

    for (const char* collection : {"pages", "overlays", "panels"}) {
        const Json* list = Context::array(c, collection);
        if (!list) continue;
        for (std::size_t i = 0; i < list->size(); ++i)
            if (Context::member((*list)[i], "elements"))
                ctx.report("contents/nested-elements", child(child(child(ctx.base, collection), i), "elements"),
                           std::string(collection) + "[" + std::to_string(i) +
                               "] lists `elements`; membership comes only from the layout, and Sigma rejects "
                               "nested element lists");
    }

    const Json* elements = Context::array(c, "elements");
    const Json* layout = Context::member(c, "layout");
    const bool layoutEmpty = !layout || !layout->is_string() || layout->get_ref<const std::string&>().empty();
    if (elements && !elements->empty() && layoutEmpty)
        ctx.report("contents/empty-layout", layout ? child(ctx.base, "layout") : ctx.base,
                   "the workbook has elements but no `layout`; every element must be placed on a page");
}

} // namespace quire::validate
