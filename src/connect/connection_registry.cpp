#include <quire/connect/connection_registry.h>
#include <quire/connect/sample_warehouse.h>
#include <quire/core/file_io.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace quire::connect {
namespace fs = std::filesystem;

std::string defaultConnectionsFile() {
    if (const char* f = std::getenv("QUIRE_CONNECTIONS_FILE"); f && *f) return f;
    fs::path base(".");
    if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) base = fs::path(x);
    else if (const char* h = std::getenv("HOME"); h && *h) base = fs::path(h) / ".config";
    return (base / "quire" / "connections.json").string();
}

static RegistryEntry sampleEntry() {
    RegistryEntry e;
    e.profile.name = kSampleProfileName;
    e.profile.kind = WarehouseKind::SQLite;
    e.profile.fields["database"] = defaultSampleWarehousePath();
    e.connectionId = kSampleConnectionId;
    e.builtIn = true;
    return e;
}

Expected<ConnectionRegistry> ConnectionRegistry::load(const std::string& file) {
    ConnectionRegistry r;
    r.file_ = file.empty() ? defaultConnectionsFile() : file;
    r.entries_.push_back(sampleEntry());
    auto refused = [&](const std::string& why) {
        return makeDiagnostic("connect/connections-file", r.file_ + ": " + why, {}, SourceLocation{r.file_, 0, 0});
    };
    FileReadResult read = readFileBounded(r.file_, kMaxConnectionsFileBytes);
    if (read.status == FileReadResult::Status::NotFound) return r;
    if (!read.ok()) return refused("cannot read: " + read.message);
    nlohmann::json j = nlohmann::json::parse(read.bytes, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return refused("not valid JSON");
    if (!j.is_object() || !j.contains("connections") || !j["connections"].is_object())
        return refused("expected {\"version\": 1, \"connections\": {...}}");
    for (const auto& [name, value] : j["connections"].items()) {
        auto profile = profileFromJson(name, value);
        if (!profile) return refused(profile.message());
        RegistryEntry e;
        e.profile = std::move(*profile);
        e.connectionId = value.contains("connectionId") && value["connectionId"].is_string() ? value["connectionId"].get<std::string>() : std::string();
        r.put(e);
    }
    if (j.contains("mappings")) {
        if (!j["mappings"].is_object()) return refused("\"mappings\" must be an object {\"<connectionId>\": \"<profile>\"}");
        for (const auto& [connectionId, name] : j["mappings"].items()) {
            if (!name.is_string()) return refused("mappings/" + connectionId + " must be a profile name");
            r.mappings_[connectionId] = name.get<std::string>();
        }
    }
    return r;
}

std::vector<RegistryEntry> ConnectionRegistry::entries() const {
    auto out = entries_;
    std::stable_sort(out.begin(), out.end(), [](const RegistryEntry& a, const RegistryEntry& b) {
        if (a.builtIn != b.builtIn) return a.builtIn;
        return a.profile.name < b.profile.name;
    });
    return out;
}

std::optional<RegistryEntry> ConnectionRegistry::find(const std::string& key) const {
    for (const auto& e : entries_)
        if (e.profile.name == key) return e;
    // By connectionId: a profile from the file wins over the built-in one (e.g. the sample on PostgreSQL).
    const RegistryEntry* builtIn = nullptr;
    for (const auto& e : entries_) {
        if (e.connectionId.empty() || e.connectionId != key) continue;
        if (!e.builtIn) return e;
        builtIn = &e;
    }
    if (builtIn) return *builtIn;
    // A mapped connectionId: the profile it was mapped to (by name only, so mappings never chain).
    if (auto m = mappings_.find(key); m != mappings_.end())
        for (const auto& e : entries_)
            if (e.profile.name == m->second) return e;
    return std::nullopt;
}

void ConnectionRegistry::put(const RegistryEntry& entry) {
    for (auto& e : entries_)
        if (e.profile.name == entry.profile.name) {
            e = entry;
            return;
        }
    entries_.push_back(entry);
}

Expected<void> ConnectionRegistry::mapConnection(const std::string& connectionId, const std::string& name) {
    if (connectionId.empty()) return makeDiagnostic("connect/unknown-connection", "a mapping needs a connectionId");
    const bool known = std::any_of(entries_.begin(), entries_.end(), [&](const RegistryEntry& e) { return e.profile.name == name; });
    if (!known) return makeDiagnostic("connect/unknown-connection", "no connection profile named '" + name + "'");
    mappings_[connectionId] = name;
    return {};
}

bool ConnectionRegistry::remove(const std::string& name) {
    auto it = std::find_if(entries_.begin(), entries_.end(),
                           [&](const RegistryEntry& e) { return e.profile.name == name && !e.builtIn; });
    if (it == entries_.end()) return false;
    entries_.erase(it);
    std::erase_if(mappings_, [&](const auto& m) { return m.second == name; });
    return true;
}

Expected<void> ConnectionRegistry::save() const {
    nlohmann::json conns = nlohmann::json::object();
    for (const auto& e : entries_) {
        if (e.builtIn) continue;
        auto j = profileToJson(e.profile);
        if (!e.connectionId.empty()) j["connectionId"] = e.connectionId;
        conns[e.profile.name] = j;
    }
    nlohmann::json doc = {{"version", 1}, {"connections", conns}};
    if (!mappings_.empty()) doc["mappings"] = mappings_;
    fs::path path(file_);
    std::error_code ec;
    auto refused = [&](const std::string& why) { return makeDiagnostic("connect/connections-file", why, {}, SourceLocation{file_, 0, 0}); };
    if (path.has_parent_path() && !fs::create_directories(path.parent_path(), ec) && ec)
        return refused("cannot create directory '" + path.parent_path().string() + "': " + ec.message());
    try {
        writeFileAtomically(file_, doc.dump(2) + "\n");
    } catch (const std::runtime_error& e) { // core's file writer reports a failed write by throwing
        return refused(e.what());
    }
    return {};
}

} // namespace quire::connect
