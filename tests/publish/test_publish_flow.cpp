#include <quire/diff/workbook_diff.h>
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

std::vector<RecordedRequest> only(const FakeSigmaServer& server, const std::string& method) {
    std::vector<RecordedRequest> out;
    for (const auto& r : server.apiRequests())
        if (r.method == method) out.push_back(r);
    return out;
}

const diff::ItemChange* findChange(const diff::WorkbookDiff& d, const std::string& collection, const std::string& id) {
    for (const auto& c : d.changes)
        if (c.collection == collection && c.id == id) return &c;
    return nullptr;
}
} // namespace

TEST_CASE("publish creates a workbook in the home folder, reads it back and writes the sidecar", "[publish][flow]") {
    FakeSigmaServer server;
    SigmaClient client(fakeConfig(server));
    PublishFlow flow(client, noFindings());
    const std::string dir = makeTempDir("publish-create");
    const std::string path = writeWorkbook(dir, "sales.json", Json{{"name", "Sales"}, {"contents", workbookContents()}});
    std::optional<PublishPlan> seen;
    std::vector<std::string> steps;
    PublishCallbacks callbacks;
    callbacks.progress = [&](const std::string& s) { steps.push_back(s); };
    callbacks.confirm = [&](const PublishPlan& plan) { seen = plan; return true; };
    PublishResult r = flow.publish(loadWorkbook(path), {}, callbacks);
    INFO(r.message);
    REQUIRE(r.status == PublishStatus::Created);
    REQUIRE(seen);
    CHECK(seen->create);
    CHECK(seen->folderId == "folder-home");
    CHECK(seen->diff.count("elements", diff::ChangeKind::Added) == 2);
    CHECK(steps.front() == "validating");

    auto api = server.apiRequests();
    REQUIRE(api.size() == 4);
    CHECK(api[0].path == "/v2/whoami");
    CHECK(api[1].path == "/v2/members/user-1");
    CHECK(api[2].method == "POST");
    CHECK(api[2].path == "/v2/workbooks");
    CHECK(api[2].header("content-type") == "application/json");
    CHECK(api[2].json() == Json{{"name", "Sales"}, {"folderId", "folder-home"}, {"contents", workbookContents()}});
    CHECK(api[3].path == "/v2/workbooks/" + r.workbookId + "?includeContents=true");
    CHECK(api[3].header("accept") == "application/json");

    CHECK(r.documentVersion == std::optional<long long>(1));
    CHECK(r.url.find("/workbook/Sales-") != std::string::npos);
    // Sigma lower-cased the colour: reported as normalisation.
    const auto* note = findChange(r.normalization, "elements", "note");
    REQUIRE(note);
    CHECK(note->fields[0].after == Json("#abcdef"));
    auto sidecar = loadSidecar(path).value();
    REQUIRE(sidecar);
    CHECK(sidecar->workbookId == r.workbookId);
    CHECK(sidecar->documentVersion == std::optional<long long>(1));
    CHECK(sidecar->baseUrl == server.baseUrl());
    // The workbook file itself is untouched: no ids, urls or versions written into it.
    CHECK(loadWorkbook(path).root == (Json{{"name", "Sales"}, {"contents", workbookContents()}}));
}

TEST_CASE("dry run: validate with Sigma, write nothing, rejections point at the element", "[publish][flow]") {
    FakeSigmaServer server;
    SigmaClient client(fakeConfig(server));
    PublishFlow flow(client, noFindings());
    const std::string dir = makeTempDir("publish-dry");
    const std::string path = writeWorkbook(dir, "wb.json", Json{{"name", "Dry"}, {"folderId", "folder-ci"}, {"contents", workbookContents()}});
    PublishOptions options;
    options.dryRun = true;
    PublishResult ok = flow.publish(loadWorkbook(path), options);
    CHECK(ok.status == PublishStatus::DryRunPassed);
    CHECK(server.workbooks.empty());
    auto posts = only(server, "POST");
    REQUIRE(posts.size() == 1);
    CHECK(posts[0].json()["dryRun"] == true);
    CHECK(posts[0].json()["folderId"] == "folder-ci");
    CHECK_FALSE(std::filesystem::exists(sidecarPathFor(path)));

    Json bad = workbookContents();
    bad["elements"][1]["kind"] = "Bogus Kind";
    const std::string badPath = writeWorkbook(dir, "bad.json", Json{{"name", "Dry"}, {"folderId", "folder-ci"}, {"contents", bad}});
    PublishResult rejected = flow.publish(loadWorkbook(badPath), options);
    REQUIRE(rejected.status == PublishStatus::DryRunRejected);
    REQUIRE(rejected.diagnostics.size() == 1);
    INFO(rejected.diagnostics[0].message);
    CHECK(rejected.diagnostics[0].message.find("Invalid kind: \"Bogus Kind\" (element 'note')") != std::string::npos);
    CHECK(rejected.diagnostics[0].pointer == "/contents/elements/1/kind");
    CHECK(rejected.diagnostics[0].location.line > 1);
    CHECK(server.workbooks.empty());
}

TEST_CASE("a 400 on create names the element and its line", "[publish][flow]") {
    FakeSigmaServer server;
    SigmaClient client(fakeConfig(server));
    PublishFlow flow(client, noFindings());
    const std::string dir = makeTempDir("publish-400");
    Json bad = workbookContents();
    bad["elements"][1]["kind"] = "Nope";
    const std::string path = writeWorkbook(dir, "wb.yaml", Json{{"name", "X"}, {"folderId", "f"}, {"contents", bad}});
    PublishResult r = flow.publish(loadWorkbook(path));
    REQUIRE(r.status == PublishStatus::Failed);
    REQUIRE(r.error);
    CHECK(r.error->status == 400);
    CHECK(r.error->elementId == "note");
    const std::string text = test::readFile(path);
    int line = 1;
    for (std::size_t i = 0; i < text.find("kind: Nope"); ++i) line += text[i] == '\n';
    CHECK(r.error->location.line == line);
    CHECK(r.diagnostics.back().location.file == path);
}

TEST_CASE("update: GET, diff, PUT {contents, documentVersion}, unchanged sends nothing", "[publish][flow]") {
    FakeSigmaServer server;
    SigmaClient client(fakeConfig(server));
    PublishFlow flow(client, noFindings());
    const std::string dir = makeTempDir("publish-update");
    const std::string path = writeWorkbook(dir, "wb.json", Json{{"name", "U"}, {"folderId", "f"}, {"contents", workbookContents()}});
    REQUIRE(flow.publish(loadWorkbook(path)).status == PublishStatus::Created);
    const std::string id = loadSidecar(path).value()->workbookId;

    doc::Document local = loadWorkbook(path);
    (*local.contents())["elements"][0]["name"] = "Orders (all)";
    (*local.contents())["elements"][1]["style"]["backgroundColor"] = "#abcdef";
    doc::writeFileAtomically(path, doc::saveDocument(local, local.format));
    server.requests.clear();
    std::optional<PublishPlan> plan;
    PublishResult r = flow.publish(loadWorkbook(path), {}, PublishCallbacks{{}, [&](const PublishPlan& p) { plan = p; return true; }, {}});
    INFO(r.message);
    REQUIRE(r.status == PublishStatus::Updated);
    REQUIRE(plan);
    CHECK_FALSE(plan->create);
    REQUIRE(plan->diff.changes.size() == 1);
    CHECK(plan->diff.changes[0].fields[0].pointer == "/name");
    auto api = server.apiRequests();
    REQUIRE(api.size() == 3);
    CHECK(api[0].method == "GET");
    CHECK(api[1].method == "PUT");
    CHECK(api[1].path == "/v2/workbooks/" + id + "/contents");
    CHECK(api[1].json() == Json{{"contents", *local.contents()}, {"documentVersion", 1}});
    CHECK(api[2].method == "GET");
    CHECK(r.documentVersion == std::optional<long long>(2));
    CHECK(r.normalization.empty());
    CHECK(loadSidecar(path).value()->documentVersion == std::optional<long long>(2));

    server.requests.clear();
    PublishResult same = flow.publish(loadWorkbook(path));
    CHECK(same.status == PublishStatus::Unchanged);
    CHECK(only(server, "PUT").empty());
}

TEST_CASE("remote changed: nothing overwritten, pull-and-merge, then publish succeeds", "[publish][flow]") {
    FakeSigmaServer server;
    SigmaClient client(fakeConfig(server));
    PublishFlow flow(client, noFindings());
    const std::string dir = makeTempDir("publish-conflict");
    Json contents = workbookContents();
    contents["elements"][1]["style"]["backgroundColor"] = "#abcdef";
    const std::string path = writeWorkbook(dir, "wb.yaml", Json{{"name", "C"}, {"folderId", "f"}, {"contents", contents}});
    REQUIRE(flow.publish(loadWorkbook(path)).status == PublishStatus::Created);
    const std::string id = loadSidecar(path).value()->workbookId;

    // Someone renames the text element on the server; locally the table is renamed.
    server.editRemotely(id, [](Json& c) { c["elements"][1]["body"] = "Hello from the web"; });
    doc::Document local = loadWorkbook(path);
    (*local.contents())["elements"][0]["name"] = "Local orders";
    doc::writeFileAtomically(path, doc::saveDocument(local, local.format));
    server.requests.clear();
    PublishResult r = flow.publish(loadWorkbook(path));
    REQUIRE(r.status == PublishStatus::RemoteChanged);
    CHECK(only(server, "PUT").empty());
    CHECK(r.message.find("nothing was overwritten") != std::string::npos);
    REQUIRE(r.remoteChanges.changes.size() == 1);
    CHECK(r.remoteChanges.changes[0].id == "note");
    CHECK(server.workbooks.at(id).contents["elements"][1]["body"] == "Hello from the web");

    MergeOutcome merged = flow.pullAndMerge(loadWorkbook(path));
    INFO(merged.message);
    REQUIRE(merged.ok);
    CHECK(merged.documentVersion == std::optional<long long>(2));
    const doc::Document after = loadWorkbook(path);
    CHECK((*after.contents())["elements"][0]["name"] == "Local orders");
    CHECK((*after.contents())["elements"][1]["body"] == "Hello from the web");
    CHECK(loadSidecar(path).value()->documentVersion == std::optional<long long>(2));

    server.requests.clear();
    PublishResult again = flow.publish(after);
    REQUIRE(again.status == PublishStatus::Updated);
    CHECK(only(server, "PUT")[0].json()["documentVersion"] == 2);
    CHECK(server.workbooks.at(id).contents["elements"][0]["name"] == "Local orders");
    CHECK(server.workbooks.at(id).contents["elements"][1]["body"] == "Hello from the web");
}

TEST_CASE("a merge keeps the file's comments and style: only the server's change is new", "[publish][flow]") {
    FakeSigmaServer server;
    SigmaClient client(fakeConfig(server));
    PublishFlow flow(client, noFindings());
    const std::string dir = makeTempDir("publish-merge-style");
    const std::string path = dir + "/wb.yaml";
    const std::string original = R"(# Orders workbook: reviewed in git
name: C
folderId: f   # pragma: allowlist secret
contents:
  schemaVersion: 1
  kind: workbook
  elements:
    - id: orders
      kind: table
      name: Orders
      source: {kind: warehouse-table, connectionId: conn-1, path: [DB, PUBLIC, ORDERS]}
      columns:
        - {id: amount, formula: "[ORDERS/AMOUNT]"}
    # the note under the table
    - id: note
      kind: text
      body: 'Hello'
      style:
        backgroundColor: "#abcdef"
)";
    doc::writeFileAtomically(path, original);
    REQUIRE(flow.publish(loadWorkbook(path)).status == PublishStatus::Created);
    const std::string id = loadSidecar(path).value()->workbookId;
    server.editRemotely(id, [](Json& c) { c["elements"][1]["body"] = "Hello from the web"; });

    MergeOutcome merged = flow.pullAndMerge(loadWorkbook(path));
    INFO(merged.message);
    std::string conflicts;
    for (const auto& c : merged.conflicts) conflicts += c.collection + " " + c.id + ": " + c.reason + "\n";
    INFO(conflicts);
    REQUIRE(merged.ok);
    std::string expected = original;
    expected.replace(expected.find("body: 'Hello'"), 13, "body: 'Hello from the web'");
    CHECK(test::readFile(path) == expected);
}

TEST_CASE("a conflicting merge writes nothing and names the element", "[publish][flow]") {
    FakeSigmaServer server;
    SigmaClient client(fakeConfig(server));
    PublishFlow flow(client, noFindings());
    const std::string dir = makeTempDir("publish-merge-conflict");
    Json contents = workbookContents();
    contents["elements"][1]["style"]["backgroundColor"] = "#abcdef";
    const std::string path = writeWorkbook(dir, "wb.json", Json{{"name", "C"}, {"folderId", "f"}, {"contents", contents}});
    REQUIRE(flow.publish(loadWorkbook(path)).status == PublishStatus::Created);
    server.editRemotely(loadSidecar(path).value()->workbookId, [](Json& c) { c["elements"][0]["name"] = "Remote"; });
    doc::Document local = loadWorkbook(path);
    (*local.contents())["elements"][0]["name"] = "Local";
    doc::writeFileAtomically(path, doc::saveDocument(local, local.format));
    const std::string before = test::readFile(path);
    MergeOutcome merged = flow.pullAndMerge(loadWorkbook(path));
    CHECK_FALSE(merged.ok);
    REQUIRE(merged.conflicts.size() == 1);
    CHECK(merged.conflicts[0].id == "orders");
    CHECK(test::readFile(path) == before);
    CHECK(loadSidecar(path).value()->documentVersion == std::optional<long long>(1));
}

TEST_CASE("pull --merge keeps a local and a web edit of different properties of one element", "[publish][flow]") {
    FakeSigmaServer server;
    SigmaClient client(fakeConfig(server));
    PublishFlow flow(client, noFindings());
    const std::string dir = makeTempDir("publish-merge-property");
    const std::string path = writeWorkbook(dir, "wb.json", Json{{"name", "C"}, {"folderId", "f"}, {"contents", workbookContents()}});
    REQUIRE(flow.publish(loadWorkbook(path)).status == PublishStatus::Created);
    server.editRemotely(loadSidecar(path).value()->workbookId, [](Json& c) { c["elements"][0]["description"] = "from the web"; });
    doc::Document local = loadWorkbook(path);
    (*local.contents())["elements"][0]["name"] = "Local";
    doc::writeFileAtomically(path, doc::saveDocument(local, local.format));
    MergeOutcome merged = flow.pullAndMerge(loadWorkbook(path));
    INFO(merged.message);
    REQUIRE(merged.ok);
    const doc::Document after = loadWorkbook(path);
    CHECK((*after.contents())["elements"][0]["name"] == "Local");
    CHECK((*after.contents())["elements"][0]["description"] == "from the web");
}

TEST_CASE("a stale documentVersion on PUT (409) is reported as remote changed", "[publish][flow]") {
    FakeSigmaServer server;
    SigmaClient client(fakeConfig(server));
    PublishFlow flow(client, noFindings());
    const std::string dir = makeTempDir("publish-409");
    Json contents = workbookContents();
    contents["elements"][1]["style"]["backgroundColor"] = "#abcdef";
    const std::string path = writeWorkbook(dir, "wb.json", Json{{"name", "R"}, {"folderId", "f"}, {"contents", contents}});
    REQUIRE(flow.publish(loadWorkbook(path)).status == PublishStatus::Created);
    const std::string id = loadSidecar(path).value()->workbookId;
    doc::Document local = loadWorkbook(path);
    (*local.contents())["pages"][0]["name"] = "Renamed";
    // The server moves on between our GET and our PUT (while the user looks at the diff).
    PublishCallbacks callbacks;
    callbacks.confirm = [&](const PublishPlan&) {
        server.editRemotely(id, [](Json& c) { c["elements"][0]["name"] = "Raced"; });
        return true;
    };
    PublishResult r = flow.publish(local, {}, callbacks);
    REQUIRE(r.status == PublishStatus::RemoteChanged);
    REQUIRE(r.error);
    CHECK(r.error->status == 409);
    CHECK(r.error->message.find("stale") != std::string::npos);
    CHECK(r.remoteChanges.changes.size() == 1);
    CHECK(server.workbooks.at(id).contents["pages"][0]["name"] == "Overview");
}

TEST_CASE("validation errors block publishing, cancel sends nothing", "[publish][flow]") {
    FakeSigmaServer server;
    SigmaClient client(fakeConfig(server));
    const std::string dir = makeTempDir("publish-blocked");
    const std::string path = writeWorkbook(dir, "wb.json", Json{{"name", "B"}, {"folderId", "f"}, {"contents", workbookContents()}});
    PublishFlow strict(client, [](const doc::Document& d) {
        return std::vector<Diagnostic>{{Severity::Error, "test/rule", "bad", "/contents", d.locate("/contents"), std::nullopt}};
    });
    PublishResult blocked = strict.publish(loadWorkbook(path));
    CHECK(blocked.status == PublishStatus::ValidationFailed);
    CHECK(blocked.diagnostics.size() == 1);
    CHECK(server.requests.empty());

    // The real validator (default) blocks a document that breaks Sigma's rules.
    PublishFlow real(client);
    PublishResult invalid = real.publish(loadWorkbook(test::sourceDir() + "/tests/corpus/invalid/tableau-structural-workarounds.json"));
    CHECK(invalid.status == PublishStatus::ValidationFailed);
    CHECK(server.requests.empty());

    PublishFlow flow(client, noFindings());
    PublishResult cancelled = flow.publish(loadWorkbook(path), {}, PublishCallbacks{{}, [](const PublishPlan&) { return false; }, {}});
    CHECK(cancelled.status == PublishStatus::Cancelled);
    CHECK(only(server, "POST").empty());
}

TEST_CASE("a legacy `document` body is published as `contents` (Sigma would ignore it)", "[publish][flow]") {
    FakeSigmaServer server;
    SigmaClient client(fakeConfig(server));
    // What the fake (like Sigma) does with raw bodies.
    const Json contents = workbookContents();
    ApiResult legacy = client.createWorkbook(Json{{"name", "L"}, {"folderId", "f"}, {"document", contents}});
    REQUIRE(legacy.ok());
    CHECK(server.workbooks.at(legacy.body["workbookId"].get<std::string>()).contents["elements"].empty());
    ApiResult flat = client.createWorkbook(Json{{"name", "F"}, {"folderId", "f"}, {"elements", Json::array()}});
    CHECK(flat.error.status == 400);
    Json nested = contents;
    nested["pages"][0]["elements"] = Json::array({"orders"});
    ApiResult pagesElements = client.createWorkbook(Json{{"name", "P"}, {"folderId", "f"}, {"contents", nested}});
    CHECK(pagesElements.error.status == 400);
    CHECK(pagesElements.error.message == "contents.pages[].elements is no longer supported");

    PublishFlow flow(client, noFindings());
    doc::Document d;
    d.root = Json{{"name", "Legacy"}, {"folderId", "f"}, {"workbookId", "old"}, {"url", "u"}, {"document", contents}};
    server.requests.clear();
    PublishOptions noSidecar;
    noSidecar.writeSidecar = false;
    PublishResult r = flow.publish(d, noSidecar);
    REQUIRE(r.status == PublishStatus::Created);
    const Json sent = only(server, "POST")[0].json();
    CHECK(sent.contains("contents"));
    CHECK_FALSE(sent.contains("document"));
    CHECK_FALSE(sent.contains("workbookId"));
    CHECK_FALSE(sent.contains("url"));
    CHECK(server.workbooks.at(r.workbookId).contents["elements"].size() == 2);
}

TEST_CASE("pull by id and by URL: canonical file, byte-identical on a second pull, sidecar", "[publish][flow]") {
    FakeSigmaServer server;
    Json contents = workbookContents();
    contents["futureKey"] = Json{{"kept", true}};
    FakeWorkbook& wb = server.addWorkbook("Pulled Book", contents);
    wb.description = "from the server";
    server.addWorkbook("Other", Json::object());
    server.addWorkbook("Third", Json::object());
    SigmaClient client(fakeConfig(server));
    PublishFlow flow(client, noFindings());
    const std::string dir = makeTempDir("publish-pull");
    for (auto format : {doc::Format::Yaml, doc::Format::Json}) {
        const std::string ext = format == doc::Format::Yaml ? ".yaml" : ".json";
        PullResult first = flow.pull(wb.workbookId, dir + "/first" + ext, format);
        REQUIRE(first.ok);
        CHECK(first.documentVersion == std::optional<long long>(1));
        const std::string url = "https://app.sigmacomputing.com/quire-test/workbook/Pulled-" + wb.urlId + "?:nodeId=x";
        PullResult second = flow.pull(url, dir + "/second" + ext, format);
        INFO(second.message);
        REQUIRE(second.ok);
        CHECK(second.workbookId == wb.workbookId);
        const std::string bytes = test::readFile(dir + "/first" + ext);
        CHECK(bytes == test::readFile(dir + "/second" + ext));
        // Loading and saving the pulled file gives the same bytes (exact round trip).
        doc::Document loaded = loadWorkbook(dir + "/first" + ext);
        CHECK(doc::saveDocument(loaded, format) == bytes);
        CHECK(loaded.root == (Json{{"name", "Pulled Book"}, {"folderId", "folder-home"}, {"description", "from the server"}, {"contents", contents}}));
        auto sidecar = loadSidecar(dir + "/first" + ext).value();
        REQUIRE(sidecar);
        CHECK(sidecar->workbookId == wb.workbookId);
        CHECK(sidecar->url.find(wb.urlId) != std::string::npos);
        CHECK(loadSnapshot(dir + "/first" + ext, *sidecar).value() == contents);
    }
    PullResult missing = flow.pull("does-not-exist", dir + "/x.json", doc::Format::Json);
    CHECK_FALSE(missing.ok);
    CHECK(missing.error->status == 404);
    CHECK_FALSE(std::filesystem::exists(dir + "/x.json"));
}

TEST_CASE("a cancel between steps ends the publish with nothing sent and after the send it is too late", "[publish][flow]") {
    FakeSigmaServer server;
    SigmaClient client(fakeConfig(server));
    PublishFlow flow(client, noFindings());
    const std::string dir = makeTempDir("publish-cancel");
    const std::string path = writeWorkbook(dir, "wb.json", Json{{"name", "C"}, {"contents", workbookContents()}});

    // Cancel pressed while the flow looks up the home folder (a person clicking during a request).
    bool cancel = false;
    std::vector<std::string> steps;
    PublishCallbacks callbacks;
    callbacks.progress = [&](const std::string& s) {
        steps.push_back(s);
        if (s == "looking up the home folder") cancel = true;
    };
    callbacks.cancelRequested = [&] { return cancel; };
    PublishResult r = flow.publish(loadWorkbook(path), {}, callbacks);
    CHECK(r.status == PublishStatus::Cancelled);
    CHECK(r.message == "cancelled; nothing was published");
    CHECK(only(server, "POST").empty());
    CHECK(only(server, "PUT").empty());
    CHECK(server.workbooks.empty());
    CHECK_FALSE(loadSidecar(path).value());
    CHECK(steps.back() == "looking up the home folder");

    // Cancel pressed during the send: the workbook is created and remembered all the same.
    cancel = false;
    steps.clear();
    callbacks.progress = [&](const std::string& s) {
        steps.push_back(s);
        if (s.rfind("creating workbook", 0) == 0) cancel = true;
    };
    PublishResult late = flow.publish(loadWorkbook(path), {}, callbacks);
    INFO(late.message);
    CHECK(late.status == PublishStatus::Created);
    CHECK(server.workbooks.size() == 1);
    REQUIRE(loadSidecar(path).value());
    CHECK(loadSidecar(path).value()->workbookId == late.workbookId);
}
