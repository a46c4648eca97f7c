// Bounded reads and atomic writes (core/file_io.h) with small limits and odd targets.
#include <quire/core/file_io.h>

#include <catch2/catch.hpp>
#include <test_support.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <fcntl.h>
#include <csignal>
#include <functional>

namespace fs = std::filesystem;
using quire::FileReadResult;

namespace {
void writeText(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}
std::string threw(const std::function<void()>& f) {
    try {
        f();
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "(nothing thrown)";
}
} // namespace

TEST_CASE("readFileBounded reads at most the limit plus one byte", "[base][files]") {
    const std::string dir = quire::test::makeTempDir("read-bounded");
    writeText(dir + "/exact", std::string(1000, 'a'));
    writeText(dir + "/over", std::string(1001, 'a'));
    auto exact = quire::readFileBounded(dir + "/exact", 1000);
    REQUIRE(exact.ok());
    CHECK(exact.bytes.size() == 1000);
    auto over = quire::readFileBounded(dir + "/over", 1000);
    CHECK(over.status == FileReadResult::Status::TooLarge);
    CHECK(over.message == "larger than the limit of 1000 bytes");
    CHECK(over.bytes.empty());

    auto zero = quire::readFileBounded("/dev/zero", 4096);
    CHECK(zero.status == FileReadResult::Status::TooLarge);
    auto null = quire::readFileBounded("/dev/null", 4096);
    CHECK(null.ok());
    CHECK(null.bytes.empty());

    CHECK(quire::readFileBounded(dir + "/missing").status == FileReadResult::Status::NotFound);
    CHECK(quire::readFileBounded(dir).status == FileReadResult::Status::IsDirectory);
}

TEST_CASE("readFileBounded stops after the block that holds a NUL byte when asked to", "[base][files]") {
    const std::string dir = quire::test::makeTempDir("read-nul");
    std::string text(1 << 20, 'a');
    text[100] = '\0';
    writeText(dir + "/binary", text);
    auto whole = quire::readFileBounded(dir + "/binary", 2 << 20);
    REQUIRE(whole.ok());
    CHECK(whole.bytes == text);
    auto stopped = quire::readFileBounded(dir + "/binary", 2 << 20, true);
    REQUIRE(stopped.ok());
    CHECK(stopped.bytes.size() > 100);
    CHECK(stopped.bytes.size() < text.size());
    CHECK(stopped.bytes == text.substr(0, stopped.bytes.size()));
    // The limit still comes first: /dev/zero over a small limit is too large, not a NUL.
    CHECK(quire::readFileBounded("/dev/zero", 1000, true).status == FileReadResult::Status::TooLarge);
    auto zero = quire::readFileBounded("/dev/zero", std::size_t(1) << 30, true);
    REQUIRE(zero.ok());
    CHECK(zero.bytes.size() <= 65536);
}

TEST_CASE("readFileBounded reads a FIFO to its end or to the limit", "[base][files]") {
    const std::string dir = quire::test::makeTempDir("read-fifo");
    const std::string fifo = dir + "/pipe";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    auto writer = [&](std::size_t bytes) {
        return std::thread([fifo, bytes] {
            const int fd = ::open(fifo.c_str(), O_WRONLY);
            if (fd < 0) return;
            const std::string data(bytes, 'x');
            std::size_t done = 0;
            while (done < data.size()) {
                const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
                if (n <= 0) break; // EPIPE once the reader stopped
                done += static_cast<std::size_t>(n);
            }
            ::close(fd);
        });
    };
    std::signal(SIGPIPE, SIG_IGN);
    auto small = writer(10);
    auto got = quire::readFileBounded(fifo, 100);
    small.join();
    REQUIRE(got.ok());
    CHECK(got.bytes == std::string(10, 'x'));

    auto big = writer(1 << 20);
    auto refused = quire::readFileBounded(fifo, 100);
    big.join();
    CHECK(refused.status == FileReadResult::Status::TooLarge);
}

TEST_CASE("writeFileAtomically follows symlinks, refuses special files and keeps modes", "[base][files]") {
    const std::string dir = quire::test::makeTempDir("write-atomic");
    writeText(dir + "/target", "old");
    ::chmod((dir + "/target").c_str(), 0640);
    fs::create_symlink("target", dir + "/a");
    fs::create_symlink(dir + "/a", dir + "/b");
    quire::writeFileAtomically(dir + "/b", "new");
    CHECK(quire::test::readFile(dir + "/target") == "new");
    CHECK(fs::is_symlink(dir + "/a"));
    CHECK(fs::is_symlink(dir + "/b"));
    struct stat st {};
    REQUIRE(::stat((dir + "/target").c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0640);

    // A dangling link: the file it names is created.
    fs::create_symlink("later", dir + "/dangling");
    quire::writeFileAtomically(dir + "/dangling", "made");
    CHECK(quire::test::readFile(dir + "/later") == "made");
    CHECK(fs::is_symlink(dir + "/dangling"));

    // A link loop and a directory are refused with the path and the reason.
    fs::create_symlink("loop2", dir + "/loop1");
    fs::create_symlink("loop1", dir + "/loop2");
    CHECK_THAT(threw([&] { quire::writeFileAtomically(dir + "/loop1", "x"); }),
               Catch::Contains("cannot write '" + dir + "/loop1'") && Catch::Contains("Too many levels of symbolic links"));
    fs::create_directories(dir + "/sub");
    CHECK_THAT(threw([&] { quire::writeFileAtomically(dir + "/sub", "x"); }), Catch::Contains("it is a directory, not a regular file"));

    // New secret files are 0600 whatever the umask allows.
    quire::writeFileAtomically(dir + "/secret", "s", {true});
    REQUIRE(::stat((dir + "/secret").c_str(), &st) == 0);
    CHECK((st.st_mode & 077) == 0);

    std::size_t temporaries = 0;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().filename().string().find(std::string(quire::kTempFileMarker)) != std::string::npos) ++temporaries;
    CHECK(temporaries == 0);
}

TEST_CASE("replaceFileAtomically: a producer that fails leaves the old file and no temporary", "[base][files]") {
    const std::string dir = quire::test::makeTempDir("replace-atomic");
    writeText(dir + "/db", "old");
    std::string seenTemporary;
    CHECK_THAT(threw([&] {
                   quire::replaceFileAtomically(dir + "/db", [&](int, const std::string& temporary) {
                       seenTemporary = temporary;
                       writeText(temporary, "half of the new"); // written by path, as SQLite does
                       throw std::runtime_error("disk on fire");
                   });
               }),
               Catch::Contains("cannot write '" + dir + "/db'") && Catch::Contains("disk on fire"));
    CHECK(quire::test::readFile(dir + "/db") == "old");
    CHECK_FALSE(seenTemporary.empty());
    CHECK_FALSE(fs::exists(seenTemporary));

    // Content written by path replaces the target once the producer returns.
    quire::replaceFileAtomically(dir + "/db", [](int, const std::string& temporary) { writeText(temporary, "new"); });
    CHECK(quire::test::readFile(dir + "/db") == "new");
}
