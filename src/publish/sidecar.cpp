#include <quire/doc/io.h>
#include <quire/publish/sidecar.h>

#include <QCryptographicHash>

#include <filesystem>
#include <stdexcept>

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
std::string snapshotPathFor(const std::string& documentPath) { return documentPath + ".sigma-base.json"; }

std::optional<Sidecar> loadSidecar(const std::string& documentPath) {
    const std::string path = sidecarPathFor(documentPath);
    if (!std::filesystem::exists(path)) return std::nullopt;
    std::string error;
    auto bytes = doc::readFileBytes(path, &error);
    if (!bytes) throw std::runtime_error(path + ": " + error);
    const Json j = Json::parse(*bytes, nullptr, false);
    if (!j.is_object() || !j.contains("workbookId") || !j["workbookId"].is_string())
        throw std::runtime_error(path + ": not a Quire sidecar (expected an object with a string workbookId)");
    Sidecar s;
    s.workbookId = j["workbookId"].get<std::string>();
    s.url = j.value("url", "");
    if (j.contains("documentVersion") && j["documentVersion"].is_number_integer())
        s.documentVersion = j["documentVersion"].get<long long>();
    s.baseUrl = j.value("baseUrl", "");
    if (j.contains("base") && j["base"].is_object()) {
        s.basePath = j["base"].value("path", "");
        s.baseSha256 = j["base"].value("sha256", "");
    }
    return s;
}

void saveSidecar(const std::string& documentPath, Sidecar sidecar, const Json& baseContents) {
    const std::string snapshot = doc::toJsonText(baseContents);
    doc::writeFileAtomically(snapshotPathFor(documentPath), snapshot);
    sidecar.basePath = std::filesystem::path(snapshotPathFor(documentPath)).filename().string();
    sidecar.baseSha256 = sha256(snapshot);
    Json j = Json::object();
    j["workbookId"] = sidecar.workbookId;
    j["url"] = sidecar.url;
    j["documentVersion"] = sidecar.documentVersion ? Json(*sidecar.documentVersion) : Json();
    j["baseUrl"] = sidecar.baseUrl;
    j["base"] = Json{{"path", sidecar.basePath}, {"sha256", sidecar.baseSha256}};
    doc::writeFileAtomically(sidecarPathFor(documentPath), j.dump(2) + "\n");
}

std::optional<Json> loadSnapshot(const std::string& documentPath, const Sidecar& sidecar, std::string* problem) {
    const std::string path = siblingPath(documentPath, sidecar.basePath.empty()
                                                           ? std::filesystem::path(snapshotPathFor(documentPath)).filename().string()
                                                           : sidecar.basePath);
    auto bytes = doc::readFileBytes(path);
    if (!bytes) {
        if (problem) *problem = "the base snapshot " + path + " is missing";
        return std::nullopt;
    }
    if (!sidecar.baseSha256.empty() && sha256(*bytes) != sidecar.baseSha256) {
        if (problem) *problem = "the base snapshot " + path + " does not match its hash in the sidecar";
        return std::nullopt;
    }
    Json j = Json::parse(*bytes, nullptr, false);
    if (j.is_discarded()) {
        if (problem) *problem = "the base snapshot " + path + " is not JSON";
        return std::nullopt;
    }
    return j;
}

} // namespace quire::publish
