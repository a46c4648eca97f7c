#include <quire/diff/workbook_diff.h>
#include <quire/publish/body.h>

#include <algorithm>

namespace quire::publish {

Json bodyContents(const doc::Document& document) {
    const Json* contents = document.contents();
    return contents && contents->is_object() ? *contents : Json::object();
}

Json stripResponseOnly(const Json& envelope) {
    if (!envelope.is_object()) return envelope;
    Json out = Json::object();
    const auto& responseOnly = diff::responseOnlyFields();
    for (auto it = envelope.begin(); it != envelope.end(); ++it)
        if (std::find(responseOnly.begin(), responseOnly.end(), it.key()) == responseOnly.end()) out[it.key()] = it.value();
    return out;
}

Json createBody(const Json& contents, const std::string& name, const std::string& folderId,
                const std::optional<std::string>& description, bool dryRun) {
    Json body = Json::object();
    body["name"] = name;
    body["folderId"] = folderId;
    if (description) body["description"] = *description;
    body["contents"] = contents;
    if (dryRun) body["dryRun"] = true;
    return body;
}

Json updateBody(const Json& contents, std::optional<long long> documentVersion) {
    Json body = Json::object();
    body["contents"] = contents;
    if (documentVersion) body["documentVersion"] = *documentVersion;
    return body;
}

Json documentFromReply(const Json& reply) {
    Json out = Json::object();
    if (!reply.is_object()) return out;
    const bool hasContents = reply.contains("contents");
    for (auto it = reply.begin(); it != reply.end(); ++it) {
        const auto& responseOnly = diff::responseOnlyFields();
        if (std::find(responseOnly.begin(), responseOnly.end(), it.key()) != responseOnly.end()) continue;
        if (it.key() == "document") {
            if (!hasContents) out["contents"] = it.value();
            continue;
        }
        out[it.key()] = it.value();
    }
    return out;
}

std::optional<long long> documentVersionOf(const Json& reply) {
    if (!reply.is_object()) return std::nullopt;
    auto it = reply.find("documentVersion");
    if (it == reply.end()) return std::nullopt;
    if (it->is_number_integer()) return it->get<long long>();
    if (it->is_string()) {
        try {
            return std::stoll(it->get<std::string>());
        } catch (const std::exception&) {
            return std::nullopt;
        }
    }
    return std::nullopt;
}

} // namespace quire::publish
