// Reading and writing user files from the command line (issue #10 items 1 and 2): bounded reads of endless or
// huge inputs, and `convert -o` / the connections file onto links, special files, kept modes and a full disk.
#include "cli_run.h"

#include <catch2/catch.hpp>
#include <test_support.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

using namespace quire::test::cli;
namespace fs = std::filesystem;

namespace {

std::string corpus(const std::string& name) { return quire::test::sourceDir() + "/tests/corpus/" + name; }

void writeText(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    REQUIRE(out.good());
}

// Files in `dir` whose name marks them as a writer's temporary (ours: .<name>.quire-tmp-<pid>-<hex>; the old
// writer's: .<name>.tmp<n>).
std::vector<std::string> temporaries(const std::string& dir) {
    std::vector<std::string> out;
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (name.find(".quire-tmp-") != std::string::npos || name.find(".tmp") != std::string::npos) out.push_back(name);
    }
    return out;
}

mode_t modeOf(const std::string& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

std::string minimalYaml(const Sandbox& box) {
    const Run r = box.run("convert " + shellQuote(corpus("minimal.json")) + " --to yaml");
    REQUIRE(r.exitCode == 0);
    return r.out;
}

} // namespace

TEST_CASE("quire validate refuses /dev/zero at its first byte, a NUL, without reading on", "[cli][files]") {
    Sandbox box("cli-devzero");
    // The hang guard only catches a reader that never stops (the first one read /dev/zero until memory ran out;
    // the next one read 1 GiB of it, the size limit, before refusing it).
    const Run r = box.run("validate /dev/zero", "/dev/null", 60);
    INFO(r.out << r.err);
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.out, Catch::Contains("/dev/zero:1:1: error [io/nul-byte]: a NUL byte (0x00) at byte 0"));
}

TEST_CASE("quire validate refuses a file one byte over the limit without reading it", "[cli][files]") {
    Sandbox box("cli-sparse");
    const std::string big = box.dir + "/big.json";
    writeText(big, "{");
    fs::resize_file(big, (std::size_t(1) << 30) + 1); // sparse
    const Run r = box.run("validate " + shellQuote(big), "/dev/null", 60);
    INFO(r.out << r.err);
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.out, Catch::Contains(big + ": error [io/too-large]") && Catch::Contains("limit of 1073741824 bytes"));
}

TEST_CASE("the connections file and a secret on standard input are read bounded", "[cli][files]") {
    Sandbox box("cli-bounded");
    const Run list = box.run("connections --connections /dev/zero list", "/dev/null", 60);
    INFO(list.out << list.err);
    CHECK(list.exitCode != 0);
    CHECK_THAT(list.err, Catch::Contains("/dev/zero") && Catch::Contains("limit of 16777216 bytes"));

    // No QUIRE_SECRET_* variable: `add` reads the password from standard input, which never ends here.
    const Run add = box.run("connections add pg --type postgresql --host h --database d --user u", "/dev/zero", 60);
    INFO(add.out << add.err);
    CHECK(add.exitCode != 0);
    CHECK_THAT(add.err, Catch::Contains("longer than the limit of 65536 bytes"));
    CHECK_FALSE(fs::exists(box.connectionsFile()));
}

TEST_CASE("quire convert -o writes through a symlink and keeps the link", "[cli][files]") {
    Sandbox box("cli-symlink");
    fs::create_directories(box.dir + "/real");
    writeText(box.dir + "/real/target.yaml", "old\n");
    fs::create_symlink("real/target.yaml", box.dir + "/link.yaml");
    fs::create_symlink("link.yaml", box.dir + "/link2.yaml"); // a chain of links
    const Run r = box.run("convert " + shellQuote(corpus("minimal.json")) + " --to yaml -o " + shellQuote(box.dir + "/link2.yaml"));
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(fs::is_symlink(box.dir + "/link.yaml"));
    CHECK(fs::is_symlink(box.dir + "/link2.yaml"));
    CHECK(fs::read_symlink(box.dir + "/link.yaml") == "real/target.yaml");
    CHECK(quire::test::readFile(box.dir + "/real/target.yaml") == minimalYaml(box));
    CHECK(temporaries(box.dir).empty());
    CHECK(temporaries(box.dir + "/real").empty());
}

TEST_CASE("quire convert -o refuses FIFOs and devices instead of replacing them", "[cli][files]") {
    Sandbox box("cli-special");
    const std::string fifo = box.dir + "/pipe.yaml";
    REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
    fs::create_symlink(fifo, box.dir + "/to-pipe.yaml");
    fs::create_symlink("/dev/null", box.dir + "/to-null.yaml");
    const std::string input = shellQuote(corpus("minimal.json"));

    const Run direct = box.run("convert " + input + " --to yaml -o " + shellQuote(fifo));
    CHECK(direct.exitCode == 1);
    CHECK_THAT(direct.err, Catch::Contains("'" + fifo + "'") && Catch::Contains("a FIFO, not a regular file"));
    CHECK(fs::is_fifo(fifo));

    const Run linked = box.run("convert " + input + " --to yaml -o " + shellQuote(box.dir + "/to-pipe.yaml"));
    CHECK(linked.exitCode == 1);
    CHECK_THAT(linked.err, Catch::Contains("a FIFO"));
    CHECK(fs::is_symlink(box.dir + "/to-pipe.yaml"));
    CHECK(fs::is_fifo(fifo));

    const Run null = box.run("convert " + input + " --to yaml -o " + shellQuote(box.dir + "/to-null.yaml"));
    CHECK(null.exitCode == 1);
    CHECK_THAT(null.err, Catch::Contains("a character device"));
    CHECK(fs::is_symlink(box.dir + "/to-null.yaml"));
    CHECK(fs::is_character_file("/dev/null"));

    // A device node of our own (needs root; a container may forbid mknod).
    const std::string node = box.dir + "/null-node";
    if (::mknod(node.c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0) {
        const Run device = box.run("convert " + input + " --to yaml -o " + shellQuote(node));
        CHECK(device.exitCode == 1);
        CHECK_THAT(device.err, Catch::Contains("a character device"));
        CHECK(fs::is_character_file(node));
    } else {
        WARN("mknod not permitted: the device-node case ran through the /dev/null link only");
    }
    CHECK(temporaries(box.dir).empty());
}

TEST_CASE("quire convert -o keeps an existing file's mode and gives new files 0644 minus the umask", "[cli][files]") {
    Sandbox box("cli-mode");
    const std::string input = shellQuote(corpus("minimal.json"));
    const std::string secret = box.dir + "/secret.yaml";
    writeText(secret, "old\n");
    fs::permissions(secret, fs::perms::owner_read | fs::perms::owner_write);
    REQUIRE(box.run("convert " + input + " --to yaml -o " + shellQuote(secret)).exitCode == 0);
    CHECK(modeOf(secret) == 0600);
    CHECK(quire::test::readFile(secret) != "old\n");

    box.umask = "022";
    REQUIRE(box.run("convert " + input + " --to yaml -o " + shellQuote(box.dir + "/new.yaml")).exitCode == 0);
    CHECK(modeOf(box.dir + "/new.yaml") == 0644);
    box.umask = "077";
    REQUIRE(box.run("convert " + input + " --to yaml -o " + shellQuote(box.dir + "/private.yaml")).exitCode == 0);
    CHECK(modeOf(box.dir + "/private.yaml") == 0600);
}

TEST_CASE("quire convert -o on a full disk fails clearly, keeps the old file and leaves no temporary", "[cli][files]") {
    Sandbox box("cli-full");
    const std::string mountPoint = box.dir + "/tiny";
    fs::create_directories(mountPoint);
    if (::mount("tmpfs", mountPoint.c_str(), "tmpfs", 0, "size=64k") != 0) {
        WARN("cannot mount a tmpfs here (not root?): full-disk case skipped");
        return;
    }
    struct Unmount {
        std::string path;
        ~Unmount() { ::umount(path.c_str()); }
    } unmount{mountPoint};
    // A valid workbook of about 200 KiB: more than the file system holds.
    std::string text = quire::test::readFile(corpus("minimal.json"));
    text.insert(text.find('{') + 1, "\n  \"description\": \"" + std::string(200 * 1024, 'x') + "\",");
    writeText(box.dir + "/big.json", text);
    const std::string target = mountPoint + "/out.json";
    writeText(target, "old\n");

    const Run r = box.run("convert " + shellQuote(box.dir + "/big.json") + " --to json -o " + shellQuote(target));
    INFO(r.err);
    CHECK(r.exitCode == 1);
    CHECK_THAT(r.err, Catch::Contains("cannot write '" + target + "'") && Catch::Contains("No space left on device"));
    CHECK(quire::test::readFile(target) == "old\n");
    CHECK(temporaries(mountPoint).empty());
}

TEST_CASE("a temporary left by a killed run does not break the next write", "[cli][files]") {
    Sandbox box("cli-stale");
    const std::string target = box.dir + "/out.yaml";
    writeText(target, "old\n");
    // What a run killed mid-write leaves: a recognisable hidden temporary next to the target.
    const std::string stale = box.dir + "/.out.yaml.quire-tmp-99999-00000000deadbeef";
    writeText(stale, "half a workb");
    const Run r = box.run("convert " + shellQuote(corpus("minimal.json")) + " --to yaml -o " + shellQuote(target));
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(quire::test::readFile(target) == minimalYaml(box));
    CHECK(temporaries(box.dir) == std::vector<std::string>{".out.yaml.quire-tmp-99999-00000000deadbeef"});
}

TEST_CASE("quire convert -o names the path and the system error when it cannot write", "[cli][files]") {
    Sandbox box("cli-nodir");
    const std::string target = box.dir + "/no/such/dir/out.json";
    const Run r = box.run("convert " + shellQuote(corpus("minimal.json")) + " --to json -o " + shellQuote(target));
    CHECK(r.exitCode == 1);
    CHECK_THAT(r.err, Catch::Contains("cannot write '" + target + "': No such file or directory"));
}

TEST_CASE("quire connections add writes through a symlinked connections file and keeps its mode", "[cli][files]") {
    Sandbox box("cli-conn-link");
    fs::create_directories(box.config + "/quire");
    fs::create_directories(box.dir + "/dotfiles");
    writeText(box.dir + "/dotfiles/connections.json", "{\"version\": 1, \"connections\": {}}\n");
    fs::permissions(box.dir + "/dotfiles/connections.json", fs::perms::owner_read | fs::perms::owner_write);
    fs::create_symlink(box.dir + "/dotfiles/connections.json", box.connectionsFile());
    const Run r = box.run("connections add local --type sqlite --database " + shellQuote(box.dir + "/x.db"));
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(fs::is_symlink(box.connectionsFile()));
    CHECK_THAT(quire::test::readFile(box.dir + "/dotfiles/connections.json"), Catch::Contains("\"local\""));
    CHECK(modeOf(box.dir + "/dotfiles/connections.json") == 0600);
    CHECK(temporaries(box.config + "/quire").empty());
    CHECK(temporaries(box.dir + "/dotfiles").empty());
}
