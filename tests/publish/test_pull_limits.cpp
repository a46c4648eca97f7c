// Pulling what Quire could not load again (issue #10): the reply is read with the loader's limits and the
// bytes to be written must load; otherwise nothing is written (no file, no sidecar, no snapshot). A sidecar
// of another API host is refused before anything is sent.
#include <quire/doc/io.h>
#include <quire/publish/publish_flow.h>
#include <quire/publish/sidecar.h>

#include <catch2/catch.hpp>

#include <filesystem>

#include "publish_test_helpers.h"
#include "test_support.h"

using namespace quire;
using namespace quire::publish;
using namespace quire::test;

namespace {

Validator noFindings() {
    return [](const doc::Document&) { return std::vector<Diagnostic>{}; };
}

std::string deepReply(const std::string& id, std::size_t depth) {
    return "{\"workbookId\": \"" + id + "\", \"name\": \"Deep\", \"documentVersion\": 1, \"contents\": {\"kind\": \"workbook\", \"x\": " +
           std::string(depth, '[') + std::string(depth, ']') + "}}";
}

bool nothingWritten(const std::string& path) {
    return !std::filesystem::exists(path) && !std::filesystem::exists(sidecarPathFor(path)) &&
           !std::filesystem::exists(snapshotPathFor(path));
}

} // namespace

TEST_CASE("pull: a reply deeper than a file may be is refused, nothing is written", "[publish][flow][hostile]") {
    FakeSigmaServer server;
    const std::string id = server.addWorkbook("Deep", workbookContents()).workbookId;
    SigmaClient client(fakeConfig(server));
    PublishFlow flow(client, noFindings());
    const std::string dir = makeTempDir("publish-pull-deep");
    for (std::size_t depth : {std::size_t(10000), std::size_t(200000)}) {
        for (const char* ext : {".json", ".yaml"}) {
            const std::string path = dir + "/deep" + std::to_string(depth) + ext;
            server.faults.push_back(Fault{"GET", "/v2/workbooks/" + id, 200, Json(), deepReply(id, depth), {}, 0, 1});
            PullResult pulled = flow.pull(id, path, doc::detectFormat(path, ""));
            INFO(pulled.message);
            CHECK_FALSE(pulled.ok);
            CHECK(pulled.message.find("deeper than 512 levels") != std::string::npos);
            CHECK(nothingWritten(path));
        }
    }
}

TEST_CASE("pull: whatever is written loads again, the limit's edge is refused before writing", "[publish][flow][hostile]") {
    FakeSigmaServer server;
    const std::string id = server.addWorkbook("Edge", workbookContents()).workbookId;
    SigmaClient client(fakeConfig(server));
    PublishFlow flow(client, noFindings());
    const std::string dir = makeTempDir("publish-pull-edge");
    // The reply's root is the file's root: reply depth 512 = file depth 512, the deepest the loader takes.
    for (std::size_t depth : {std::size_t(509), std::size_t(510), std::size_t(511)}) {
        for (const char* ext : {".json", ".yaml"}) {
            const std::string path = dir + "/edge" + std::to_string(depth) + ext;
            server.faults.push_back(Fault{"GET", "/v2/workbooks/" + id, 200, Json(), deepReply(id, depth), {}, 0, 1});
            PullResult pulled = flow.pull(id, path, doc::detectFormat(path, ""));
            INFO(depth << ext << ": " << pulled.message);
            if (pulled.ok) CHECK(doc::loadDocument(path).ok());
            else CHECK(nothingWritten(path));
        }
    }
}

TEST_CASE("pull --merge with a sidecar of another host: refused before any request, names both", "[publish][flow][hosts]") {
    FakeSigmaServer server;
    FakeSigmaServer attacker;
    const std::string id = server.addWorkbook("Merge", workbookContents()).workbookId;
    SigmaClient client(fakeConfig(server));
    PublishFlow flow(client, noFindings());
    const std::string dir = makeTempDir("publish-merge-host");
    const std::string path = dir + "/wb.json";
    REQUIRE(flow.pull(id, path, doc::Format::Json).ok);
    Sidecar sidecar = *loadSidecar(path).value();
    sidecar.baseUrl = attacker.baseUrl();
    saveSidecar(path, sidecar, *loadSnapshot(path, *loadSidecar(path).value()));
    server.requests.clear();
    MergeOutcome merged = flow.pullAndMerge(loadWorkbook(path));
    CHECK_FALSE(merged.ok);
    CHECK(merged.message.find(attacker.baseUrl()) != std::string::npos);
    CHECK(merged.message.find(server.baseUrl()) != std::string::npos);
    CHECK(server.requests.empty());
    CHECK(attacker.requests.empty());
}
