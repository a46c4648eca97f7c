#pragma once
// A scripted Language Server Protocol client: runs `quire lsp` of this build as a child process on two pipes,
// sends framed JSON-RPC and reads framed replies (each read bounded by a timeout, so a silent server fails the
// test instead of hanging it).
#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace quire::test::cli {

class LspClient {
public:
    LspClient();  // starts the server
    ~LspClient(); // closes its input and reaps it (killed if it does not end)
    LspClient(const LspClient&) = delete;
    LspClient& operator=(const LspClient&) = delete;

    void sendRaw(const std::string& bytes);
    void send(const nlohmann::json& message);
    void notify(const std::string& method, const nlohmann::json& params);
    // Sends a request and returns its response, skipping notifications in between (kept in lastNotification).
    nlohmann::json request(const std::string& method, const nlohmann::json& params);
    // The next message of any kind; nullopt on timeout or end of output.
    std::optional<nlohmann::json> next(int timeoutSeconds = 30);
    // The next notification with this method (other messages are skipped).
    nlohmann::json nextNotification(const std::string& method);

    void closeInput();
    // Waits for the process to end; its exit status, or -1 when it had to be killed after `seconds`.
    int wait(int seconds = 30);

private:
    bool readMore(int timeoutSeconds);
    int pid_ = -1;
    int in_ = -1;  // the server's stdin
    int out_ = -1; // the server's stdout
    std::string buffer_;
    int nextId_ = 1;
    int status_ = -2;
};

} // namespace quire::test::cli
