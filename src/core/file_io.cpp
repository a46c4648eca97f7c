#include <quire/core/file_io.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace quire {
namespace {

namespace fs = std::filesystem;

std::string limitText(std::size_t maxBytes) { return "larger than the limit of " + std::to_string(maxBytes) + " bytes"; }

const char* fileTypeName(mode_t mode) {
    if (S_ISDIR(mode)) return "a directory";
    if (S_ISFIFO(mode)) return "a FIFO";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    return "not a regular file";
}

// shown: the path as the user gave it, quoted, plus the symlink's final target when there is one.
[[noreturn]] void fail(const std::string& shown, const std::string& why) {
    throw std::runtime_error("cannot write " + shown + ": " + why);
}

std::string quoted(const std::string& path) { return "'" + path + "'"; }

// Closes the descriptor and removes the temporary unless released (the rename succeeded).
struct TempFile {
    std::string path;
    int fd = -1;
    bool keep = false;
    ~TempFile() {
        if (fd >= 0) ::close(fd);
        if (!keep && !path.empty()) ::unlink(path.c_str());
    }
};

// Follows a chain of symlinks to the path that will actually be replaced (which may not exist yet).
fs::path finalTarget(const std::string& path) {
    fs::path target(path);
    for (int hops = 0;; ++hops) {
        struct stat st {};
        if (::lstat(target.c_str(), &st) != 0) {
            if (errno == ENOENT) return target;
            fail(quoted(path), std::strerror(errno));
        }
        if (!S_ISLNK(st.st_mode)) return target;
        if (hops >= 40) fail(quoted(path), std::strerror(ELOOP));
        std::error_code ec;
        fs::path link = fs::read_symlink(target, ec);
        if (ec) fail(quoted(path), ec.message());
        target = link.is_absolute() ? link : target.parent_path() / link;
    }
}

std::string randomHex() {
    std::random_device rd;
    char buf[17];
    std::snprintf(buf, sizeof buf, "%08x%08x", rd(), rd());
    return buf;
}

} // namespace

FileReadResult readFileBounded(const std::string& path, std::size_t maxBytes, bool stopAfterNul) {
    FileReadResult result;
    auto failWith = [&](FileReadResult::Status status, std::string message) {
        result.status = status;
        result.message = std::move(message);
        result.bytes.clear();
        return result;
    };
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return failWith(errno == ENOENT ? FileReadResult::Status::NotFound : FileReadResult::Status::Unreadable,
                        errno == ENOENT ? "no such file" : std::strerror(errno));
    if (S_ISDIR(st.st_mode)) return failWith(FileReadResult::Status::IsDirectory, "is a directory");
    // A regular file says its size: refuse without reading. Anything else is read up to the limit.
    if (S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) > maxBytes)
        return failWith(FileReadResult::Status::TooLarge, limitText(maxBytes));
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) return failWith(FileReadResult::Status::Unreadable, std::string("cannot be opened for reading: ") + std::strerror(errno));
    if (S_ISREG(st.st_mode)) result.bytes.reserve(static_cast<std::size_t>(st.st_size));
    char buffer[65536];
    for (;;) {
        // At most limit + 1 bytes in total (written so that a limit of SIZE_MAX does not overflow).
        const std::size_t left = maxBytes - result.bytes.size();
        const ssize_t n = ::read(fd, buffer, left >= sizeof buffer ? sizeof buffer : left + 1);
        if (n < 0) {
            if (errno == EINTR) continue;
            const int err = errno;
            ::close(fd);
            return failWith(err == EISDIR ? FileReadResult::Status::IsDirectory : FileReadResult::Status::Unreadable,
                            std::strerror(err));
        }
        if (n == 0) break;
        result.bytes.append(buffer, static_cast<std::size_t>(n));
        if (result.bytes.size() > maxBytes) {
            ::close(fd);
            return failWith(FileReadResult::Status::TooLarge, limitText(maxBytes));
        }
        if (stopAfterNul && std::memchr(buffer, 0, static_cast<std::size_t>(n))) break;
    }
    ::close(fd);
    return result;
}

void replaceFileAtomically(const std::string& path, const FileProducer& produce, const WriteFileOptions& options) {
    const fs::path target = finalTarget(path);
    const std::string shown =
        target.string() == path ? quoted(path) : quoted(path) + " (a link to " + quoted(target.string()) + ")";
    struct stat existing {};
    const bool exists = ::stat(target.c_str(), &existing) == 0;
    if (!exists && errno != ENOENT) fail(shown, std::strerror(errno));
    if (exists && !S_ISREG(existing.st_mode))
        fail(shown, std::string("it is ") + fileTypeName(existing.st_mode) + ", not a regular file; refusing to replace it");

    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    TempFile temp;
    for (int attempt = 0; temp.fd < 0; ++attempt) {
        temp.path = (dir / ("." + target.filename().string() + std::string(kTempFileMarker) +
                            std::to_string(::getpid()) + "-" + randomHex())).string();
        // Mode of a new file; an existing target's bits are copied below with fchmod (which ignores the umask).
        temp.fd = ::open(temp.path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, options.secret || exists ? 0600 : 0644);
        if (temp.fd < 0) {
            const int err = errno;
            if (err == EEXIST && attempt < 8) continue;
            temp.path.clear(); // nothing was created
            fail(shown, std::strerror(err));
        }
    }
    if (exists) {
        if (existing.st_uid != ::geteuid() || existing.st_gid != ::getegid())
            (void)!::fchown(temp.fd, existing.st_uid, existing.st_gid); // best effort: only root may give files away
        if (::fchmod(temp.fd, existing.st_mode & 07777) != 0) fail(shown, std::strerror(errno));
    }
    try {
        produce(temp.fd, temp.path);
    } catch (const std::exception& e) {
        fail(shown, e.what()); // the temporary is removed on the way out
    }
    // fsync is per file, not per descriptor: it also flushes what the producer wrote through its own handles.
    if (::fsync(temp.fd) != 0) fail(shown, std::strerror(errno));
    const int closed = ::close(temp.fd);
    temp.fd = -1;
    if (closed != 0) fail(shown, std::strerror(errno));
    if (::rename(temp.path.c_str(), target.c_str()) != 0) fail(shown, std::strerror(errno));
    temp.keep = true;
    // The rename is durable only once the directory entry is on disk.
    const int dirFd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        (void)::fsync(dirFd);
        ::close(dirFd);
    }
}

void writeFileAtomically(const std::string& path, std::string_view bytes, const WriteFileOptions& options) {
    replaceFileAtomically(path, [bytes](int fd, const std::string&) {
        std::size_t done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
            if (n < 0) {
                if (errno == EINTR) continue;
                throw std::runtime_error(std::strerror(errno));
            }
            done += static_cast<std::size_t>(n);
        }
    }, options);
}

} // namespace quire
