#pragma once
// Shared by the publish tests: a client configured for the fake server, a small workbook document.
#include <quire/doc/io.h>
#include <quire/publish/sigma_client.h>

#include "fake_sigma_server.h"

namespace quire::test {

inline publish::ClientConfig fakeConfig(const FakeSigmaServer& server) {
    publish::ClientConfig config;
    config.baseUrl = server.baseUrl();
    config.credentials = {server.clientId, server.clientSecret};
    config.timeout = std::chrono::milliseconds(3000);
    config.maxAttempts = 3;
    config.backoffBase = std::chrono::milliseconds(5);
    config.backoffMax = std::chrono::milliseconds(40);
    config.retryAfterMax = std::chrono::milliseconds(5000);
    return config;
}

inline const char* workbookLayout() {
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
           "<Page type=\"grid\" gridTemplateColumns=\"repeat(24, 1fr)\" gridTemplateRows=\"auto\" id=\"p1\">\n"
           "  <Element elementId=\"orders\" gridColumn=\"1 / 13\" gridRow=\"1 / 10\"/>\n"
           "  <Element elementId=\"note\" gridColumn=\"13 / 25\" gridRow=\"1 / 10\"/>\n"
           "</Page>\n";
}

inline Json workbookContents() {
    return Json{{"schemaVersion", 1},
                {"kind", "workbook"},
                {"elements", Json::array({Json{{"id", "orders"}, {"kind", "table"}, {"name", "Orders"},
                                               {"source", Json{{"kind", "warehouse-table"}, {"connectionId", "conn-1"},
                                                               {"path", Json::array({"DB", "PUBLIC", "ORDERS"})}}},
                                               {"columns", Json::array({Json{{"id", "amount"}, {"formula", "[ORDERS/AMOUNT]"}}})}},
                                          Json{{"id", "note"}, {"kind", "text"}, {"body", "Hello"},
                                               {"style", Json{{"backgroundColor", "#ABCDEF"}}}}})},
                {"pages", Json::array({Json{{"id", "p1"}, {"name", "Overview"}}})},
                {"layout", workbookLayout()}};
}

inline std::string writeWorkbook(const std::string& dir, const std::string& name, const Json& root) {
    const std::string path = dir + "/" + name;
    doc::Document d;
    d.root = root;
    d.format = doc::detectFormat(path, "");
    doc::writeFileAtomically(path, doc::saveDocument(d, d.format));
    return path;
}

inline doc::Document loadWorkbook(const std::string& path) {
    auto loaded = doc::loadDocument(path);
    if (!loaded.ok()) throw std::runtime_error("cannot load " + path);
    return *loaded.document;
}

} // namespace quire::test
