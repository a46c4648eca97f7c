#pragma once
// SSH host keys of git remotes are checked against the user's known_hosts files (libgit2 1.5 does not do it
// itself): a remote whose key is unknown or changed is refused before anything is sent to it. The lookup runs
// `ssh-keygen -F` (no shell), so hashed known_hosts entries match too.
#include <optional>
#include <string>
#include <vector>

namespace quire::vcs {

enum class HostKeyMatch { Known, Mismatch, Unknown };

// `host` as known_hosts names it: "example.com", or "[example.com]:2222" for another port than 22.
// keyType "ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", ...; key base64 as in known_hosts.
HostKeyMatch checkKnownHost(const std::string& host, const std::string& keyType, const std::string& key,
                            const std::vector<std::string>& knownHostsFiles);
// ~/.ssh/known_hosts and /etc/ssh/ssh_known_hosts.
std::vector<std::string> defaultKnownHostsFiles();

// The known_hosts name of an SSH remote URL ("ssh://git@host:2222/x.git" -> "[host]:2222",
// "git@host:owner/x.git" -> "host"); nullopt for other transports.
std::optional<std::string> sshHostOf(const std::string& url);

std::string base64(const unsigned char* bytes, std::size_t size);

} // namespace quire::vcs
