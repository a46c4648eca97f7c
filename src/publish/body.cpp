#include <quire/diff/workbook_diff.h>
#include <quire/publish/body.h>

#include <algorithm>
#include <charconv>
#include <limits>

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
    // Only a whole number that fits: an unsigned value above LLONG_MAX, a float or "12abc" is no version.
    if (it->is_number_unsigned()) {
        const auto value = it->get<unsigned long long>();
        if (value > static_cast<unsigned long long>(std::numeric_limits<long long>::max())) return std::nullopt;
        return static_cast<long long>(value);
    }
    if (it->is_number_integer()) return it->get<long long>();
    if (it->is_string()) {
        const std::string& text = it->get_ref<const std::string&>();
        long long value = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
        return value;
    }
    return std::nullopt;
}

} // namespace quire::publish
