#include <quire/vcs/known_hosts.h>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

extern char** environ;

namespace quire::vcs {
namespace {

constexpr std::size_t kMaxOutput = 1 << 20; // ssh-keygen -F output read at most

// Runs a program (no shell) and returns its standard output; nullopt when it could not run.
std::optional<std::string> runProgram(const std::vector<std::string>& argv) {
    int pipeFds[2];
    if (pipe(pipeFds) != 0) return std::nullopt;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipeFds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipeFds[0]);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", 0, 0);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipeFds[1]);
    if (rc != 0) {
        close(pipeFds[0]);
        return std::nullopt;
    }
    std::string out;
    char buffer[4096];
    ssize_t n = 0;
    while ((n = read(pipeFds[0], buffer, sizeof buffer)) > 0)
        if (out.size() < kMaxOutput) out.append(buffer, std::size_t(n));
    close(pipeFds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    return out;
}

std::vector<std::string> fields(const std::string& line) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        std::size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
        if (i > start) out.push_back(line.substr(start, i - start));
    }
    return out;
}

} // namespace

HostKeyMatch checkKnownHost(const std::string& host, const std::string& keyType, const std::string& key,
                            const std::vector<std::string>& knownHostsFiles) {
    // A host name that ssh-keygen would take for an option is never looked up.
    if (host.empty() || host[0] == '-') return HostKeyMatch::Unknown;
    bool mismatch = false;
    for (const auto& file : knownHostsFiles) {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(file, ec)) continue;
        auto out = runProgram({"ssh-keygen", "-F", host, "-f", file});
        if (!out) continue;
        std::size_t start = 0;
        while (start < out->size()) {
            std::size_t end = out->find('\n', start);
            if (end == std::string::npos) end = out->size();
            const std::string line = out->substr(start, end - start);
            start = end + 1;
            if (line.empty() || line[0] == '#') continue;
            auto f = fields(line);
            if (!f.empty() && f[0].size() > 1 && f[0][0] == '@') f.erase(f.begin()); // @cert-authority, @revoked
            if (f.size() < 3 || f[1] != keyType) continue;
            if (f[2] == key) return HostKeyMatch::Known;
            mismatch = true;
        }
    }
    return mismatch ? HostKeyMatch::Mismatch : HostKeyMatch::Unknown;
}

std::vector<std::string> defaultKnownHostsFiles() {
    std::vector<std::string> files;
    if (const char* home = std::getenv("HOME"); home && *home) files.push_back(std::string(home) + "/.ssh/known_hosts");
    files.push_back("/etc/ssh/ssh_known_hosts");
    return files;
}

std::optional<std::string> sshHostOf(const std::string& url) {
    std::string host, port;
    if (url.rfind("ssh://", 0) == 0 || url.rfind("git+ssh://", 0) == 0 || url.rfind("ssh+git://", 0) == 0) {
        std::string rest = url.substr(url.find("://") + 3);
        rest = rest.substr(0, rest.find('/'));
        if (auto at = rest.rfind('@'); at != std::string::npos) rest = rest.substr(at + 1);
        if (!rest.empty() && rest[0] == '[') { // [ipv6]:port
            const auto close = rest.find(']');
            if (close == std::string::npos) return std::nullopt;
            host = rest.substr(1, close - 1);
            if (close + 1 < rest.size() && rest[close + 1] == ':') port = rest.substr(close + 2);
        } else {
            const auto colon = rest.find(':');
            host = rest.substr(0, colon);
            if (colon != std::string::npos) port = rest.substr(colon + 1);
        }
    } else if (url.find("://") == std::string::npos) { // scp-like user@host:path
        const auto colon = url.find(':');
        const auto slash = url.find('/');
        if (colon == std::string::npos || (slash != std::string::npos && slash < colon)) return std::nullopt; // local path
        host = url.substr(0, colon);
        if (auto at = host.rfind('@'); at != std::string::npos) host = host.substr(at + 1);
    } else {
        return std::nullopt;
    }
    if (host.empty()) return std::nullopt;
    if (port.empty() || port == "22") return host;
    return "[" + host + "]:" + port;
}

std::string base64(const unsigned char* bytes, std::size_t size) {
    static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((size + 2) / 3 * 4);
    for (std::size_t i = 0; i < size; i += 3) {
        const unsigned v = unsigned(bytes[i]) << 16 | (i + 1 < size ? unsigned(bytes[i + 1]) << 8 : 0u) |
                           (i + 2 < size ? unsigned(bytes[i + 2]) : 0u);
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        out += i + 1 < size ? alphabet[(v >> 6) & 63] : '=';
        out += i + 2 < size ? alphabet[v & 63] : '=';
    }
    return out;
}

} // namespace quire::vcs
