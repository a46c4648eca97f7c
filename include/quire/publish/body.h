#pragma once
// Request bodies from a local document (spec §1): create = {name, folderId, description?, contents, dryRun?};
// update = {contents, documentVersion?}. The body is always sent as `contents` (a legacy `document` body is
// converted; Sigma would silently ignore it), and response-only outer fields are never sent.
#include <quire/core/json.h>
#include <quire/doc/document.h>

#include <optional>
#include <string>

namespace quire::publish {

// The workbook body of the document (`contents`, or legacy `document`); an empty object when it has none.
Json bodyContents(const doc::Document& document);
// A copy of an outer object without workbookId, url, documentVersion, latestDocumentVersion, ownerId,
// createdBy, updatedBy, createdAt, updatedAt.
Json stripResponseOnly(const Json& envelope);

Json createBody(const Json& contents, const std::string& name, const std::string& folderId,
                const std::optional<std::string>& description, bool dryRun);
Json updateBody(const Json& contents, std::optional<long long> documentVersion);

// A local document from a GET reply: the reply's outer fields minus the response-only ones, `contents`
// kept where it was; the legacy `document` key renamed to `contents`.
Json documentFromReply(const Json& reply);
// documentVersion of a GET reply, if it has one.
std::optional<long long> documentVersionOf(const Json& reply);

} // namespace quire::publish
