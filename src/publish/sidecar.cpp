#include <quire/doc/io.h>
#include <quire/publish/body.h>
#include <quire/publish/sidecar.h>

#include "limited_json.h"

#include <QCryptographicHash>

#include <filesystem>

namespace quire::publish {
namespace {

std::string sha256(std::string_view bytes) {
    return QCryptographicHash::hash(QByteArrayView(bytes.data(), qsizetype(bytes.size())), QCryptographicHash::Sha256)
        .toHex()
        .toStdString();
}

std::string siblingPath(const std::string& documentPath, const std::string& name) {
    const std::filesystem::path dir = std::filesystem::path(documentPath).parent_path();
    return (dir / name).string();
}

} // namespace

std::string sidecarPathFor(const std::string& documentPath) { return documentPath + ".sigma.json"; }
std::string snapshotPathFor(const std::string& documentPath, const std::string& environment) {
    return documentPath + (environment.empty() ? std::string(".sigma-base.json") : ".sigma-base." + environment + ".json");
}

namespace {

// A sidecar that exists but cannot be used: publish/sidecar, with the message starting with the path.
Diagnostic sidecarError(const std::string& path, const std::string& what) {
    return makeDiagnostic("publish/sidecar", path + ": " + what, {}, SourceLocation{path, 0, 0});
}

// The sidecar file as an object (nullopt when there is none), or why it cannot be read.
Expected<std::optional<Json>> readSidecarObject(const std::string& path) {
    if (!std::filesystem::exists(path)) return std::optional<Json>();
    auto bytes = doc::readFileBytes(path);
    if (!bytes) return sidecarError(path, bytes.message());
    // A committed file: read with the loader's limits, every field checked (no nlohmann type_error texts).
    detail::LimitedJson parsed = detail::parseLimitedObject(*bytes);
    const bool target = parsed.value && parsed.value->contains("workbookId");
    const bool environments = parsed.value && parsed.value->contains("environments");
    if (!parsed.value || (!target && !environments) || (target && !(*parsed.value)["workbookId"].is_string()) ||
        (environments && !(*parsed.value)["environments"].is_object()))
        return sidecarError(path, "not a Quire sidecar (expected an object with a string workbookId or an "
                                  "`environments` object" +
                                      (parsed.problem.empty() ? std::string(")") : "; " + parsed.problem + ")"));
    return std::move(parsed.value);
}

// One target ({workbookId, url, documentVersion, baseUrl, base}) at `where` ("" or "environments.staging.").
Expected<Sidecar> parseTarget(const Json& j, const std::string& path, const std::string& where) {
    if (!j.is_object() || !j.contains("workbookId") || !j["workbookId"].is_string())
        return sidecarError(path, "`" + where + "workbookId` must be a string");
    std::string wrongField;
    auto text = [&](const Json& object, const char* key, const std::string& field) {
        if (!object.contains(key) || object[key].is_null()) return std::string();
        if (!object[key].is_string()) {
            if (wrongField.empty()) wrongField = field;
            return std::string();
        }
        return object[key].get<std::string>();
    };
    Sidecar s;
    s.workbookId = j["workbookId"].get<std::string>();
    s.url = text(j, "url", "url");
    if (j.contains("documentVersion") && !j["documentVersion"].is_null()) {
        s.documentVersion = documentVersionOf(j);
        if (!s.documentVersion || !j["documentVersion"].is_number())
            return sidecarError(path, "`" + where + "documentVersion` must be a whole number");
    }
    s.baseUrl = text(j, "baseUrl", "baseUrl");
    if (j.contains("base") && j["base"].is_object()) {
        s.basePath = text(j["base"], "path", "base.path");
        s.baseSha256 = text(j["base"], "sha256", "base.sha256");
    }
    if (!wrongField.empty()) return sidecarError(path, "`" + where + wrongField + "` must be a string");
    // The snapshot lives beside the sidecar: a plain file name, never a path elsewhere.
    if (s.basePath.find_first_of("/\\") != std::string::npos || s.basePath == "." || s.basePath == "..")
        return sidecarError(path, "`" + where + "base.path` must be a file name in the sidecar's directory");
    return s;
}

Json targetJson(const Sidecar& sidecar) {
    Json j = Json::object();
    j["workbookId"] = sidecar.workbookId;
    j["url"] = sidecar.url;
    j["documentVersion"] = sidecar.documentVersion ? Json(*sidecar.documentVersion) : Json();
    j["baseUrl"] = sidecar.baseUrl;
    j["base"] = Json{{"path", sidecar.basePath}, {"sha256", sidecar.baseSha256}};
    return j;
}

} // namespace

Expected<std::optional<Sidecar>> loadSidecar(const std::string& documentPath, const std::string& environment) {
    const std::string path = sidecarPathFor(documentPath);
    auto object = readSidecarObject(path);
    if (!object) return object.error();
    if (!*object) return std::optional<Sidecar>();
    const Json& j = **object;
    const Json* target = nullptr;
    std::string where;
    if (environment.empty()) {
        if (j.contains("workbookId")) target = &j;
    } else if (j.contains("environments") && j["environments"].contains(environment)) {
        target = &j["environments"][environment];
        where = "environments." + environment + ".";
    }
    if (!target) return std::optional<Sidecar>();
    auto parsed = parseTarget(*target, path, where);
    if (!parsed) return parsed.error();
    parsed->environment = environment;
    return std::optional<Sidecar>(std::move(*parsed));
}

void saveSidecar(const std::string& documentPath, Sidecar sidecar, const Json& baseContents) {
    const std::string path = sidecarPathFor(documentPath);
    // The other targets are kept; a sidecar that cannot be read is replaced (as before environments existed).
    Json j = Json::object();
    if (auto existing = readSidecarObject(path); existing && *existing) j = std::move(**existing);
    const std::string snapshotPath = snapshotPathFor(documentPath, sidecar.environment);
    const std::string snapshot = doc::toJsonText(baseContents);
    doc::writeFileAtomically(snapshotPath, snapshot);
    sidecar.basePath = std::filesystem::path(snapshotPath).filename().string();
    sidecar.baseSha256 = sha256(snapshot);
    if (sidecar.environment.empty()) {
        Json out = targetJson(sidecar);
        if (j.contains("environments")) out["environments"] = j["environments"];
        j = std::move(out);
    } else {
        if (!j.contains("environments") || !j["environments"].is_object()) j["environments"] = Json::object();
        j["environments"][sidecar.environment] = targetJson(sidecar);
    }
    doc::writeFileAtomically(path, j.dump(2) + "\n");
}

Expected<Json> loadSnapshot(const std::string& documentPath, const Sidecar& sidecar) {
    const std::string path = siblingPath(documentPath, sidecar.basePath.empty()
                                                           ? std::filesystem::path(snapshotPathFor(documentPath, sidecar.environment)).filename().string()
                                                           : sidecar.basePath);
    auto bytes = doc::readFileBytes(path);
    auto failure = [&](const std::string& what) { return makeDiagnostic("publish/base-snapshot", "the base snapshot " + path + " " + what); };
    if (!bytes) return failure("is missing");
    if (!sidecar.baseSha256.empty() && sha256(*bytes) != sidecar.baseSha256) return failure("does not match its hash in the sidecar");
    detail::LimitedJson parsed = detail::parseLimitedObject(*bytes);
    if (!parsed.value) return failure("cannot be read: " + parsed.problem);
    return std::move(*parsed.value);
}

} // namespace quire::publish
