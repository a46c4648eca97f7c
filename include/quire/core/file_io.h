#pragma once
// Bounded file reading and atomic file replacement, shared by every module that reads or writes user files
// (documents, sidecars, the connections file, schema files). docs/cli.md "Files" describes the behaviour.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace quire {

// What any reader accepts by default: 1 GiB (the document loader's limit).
inline constexpr std::size_t kDefaultMaxFileBytes = std::size_t(1) << 30;

struct FileReadResult {
    enum class Status { Ok, NotFound, Unreadable, IsDirectory, TooLarge };
    Status status = Status::Ok;
    std::string bytes;   // the whole file when Ok
    std::string message; // why not, e.g. "no such file", "larger than the limit of 1024 bytes"
    bool ok() const { return status == Status::Ok; }
};

// Reads at most maxBytes + 1 bytes: a longer file (or an endless one such as /dev/zero or a FIFO) is refused
// with TooLarge after that many bytes. Works on regular files, FIFOs and character devices alike.
// stopAfterNul: for text formats that cannot contain a NUL byte, reading stops (Ok) after the block that holds
// the first one, and the caller reports it: /dev/zero is refused after 64 KiB instead of 1 GiB.
FileReadResult readFileBounded(const std::string& path, std::size_t maxBytes = kDefaultMaxFileBytes, bool stopAfterNul = false);

// Replaces the file at `path` with `bytes` so that readers see either the old or the new content:
// - a symlink is followed to its final target, which is replaced (the link itself stays);
// - a target that exists and is not a regular file (FIFO, device, directory, socket) is refused;
// - an existing target keeps its permission bits (and, when the process may, its owner); a new file gets
//   0644 (or 0600 when `secret`), minus the umask;
// - the data goes to a temporary `.<name>.quire-tmp-<pid>-<random>` next to the target, is fsync'ed, renamed
//   over the target, and the directory is fsync'ed; on any failure the temporary is removed.
// Throws std::runtime_error naming the path and the system error.
struct WriteFileOptions {
    bool secret = false;
};
void writeFileAtomically(const std::string& path, std::string_view bytes, const WriteFileOptions& options = {});

// The same replacement for content another library writes by path (e.g. a SQLite database): `produce` gets the
// temporary's open descriptor and its path, writes the content (through either), and throws to give up; the
// temporary is then removed and the target left as it was. Everything else as writeFileAtomically.
using FileProducer = std::function<void(int fd, const std::string& temporaryPath)>;
void replaceFileAtomically(const std::string& path, const FileProducer& produce, const WriteFileOptions& options = {});

// The prefix every temporary of writeFileAtomically carries (after the leading '.' and the target name).
inline constexpr std::string_view kTempFileMarker = ".quire-tmp-";

} // namespace quire
