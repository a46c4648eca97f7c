#include "lsp_client.h"

#include "cli_run.h"

#include <catch2/catch.hpp>

#include <cerrno>
#include <csignal>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace quire::test::cli {

LspClient::LspClient() {
    int toServer[2], fromServer[2];
    REQUIRE(pipe(toServer) == 0);
    REQUIRE(pipe(fromServer) == 0);
    const std::string binary = quireBinary();
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
        dup2(toServer[0], STDIN_FILENO);
        dup2(fromServer[1], STDOUT_FILENO);
        close(toServer[0]), close(toServer[1]), close(fromServer[0]), close(fromServer[1]);
        execl(binary.c_str(), binary.c_str(), "lsp", static_cast<char*>(nullptr));
        _exit(127);
    }
    close(toServer[0]);
    close(fromServer[1]);
    in_ = toServer[1];
    out_ = fromServer[0];
    signal(SIGPIPE, SIG_IGN); // a server that ended must fail a check, not kill the test program
}

LspClient::~LspClient() {
    closeInput();
    if (status_ == -2) wait(10);
    if (out_ >= 0) close(out_);
}

void LspClient::sendRaw(const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = write(in_, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        REQUIRE(n > 0);
        done += static_cast<std::size_t>(n);
    }
}

void LspClient::send(const nlohmann::json& message) {
    const std::string body = message.dump();
    sendRaw("Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
}

void LspClient::notify(const std::string& method, const nlohmann::json& params) {
    send({{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
}

nlohmann::json LspClient::request(const std::string& method, const nlohmann::json& params) {
    const int id = nextId_++;
    send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}});
    while (true) {
        auto message = next();
        REQUIRE(message.has_value());
        if (message->contains("id") && (*message)["id"] == id) return *message;
    }
}

nlohmann::json LspClient::nextNotification(const std::string& method) {
    while (true) {
        auto message = next();
        REQUIRE(message.has_value());
        if (message->value("method", "") == method) return *message;
    }
}

bool LspClient::readMore(int timeoutSeconds) {
    pollfd fd{out_, POLLIN, 0};
    const int ready = poll(&fd, 1, timeoutSeconds * 1000);
    if (ready <= 0) return false;
    char chunk[65536];
    const ssize_t n = read(out_, chunk, sizeof chunk);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
}

std::optional<nlohmann::json> LspClient::next(int timeoutSeconds) {
    while (true) {
        const std::size_t headerEnd = buffer_.find("\r\n\r\n");
        if (headerEnd != std::string::npos) {
            const std::string header = buffer_.substr(0, headerEnd);
            const std::size_t at = header.find("Content-Length: ");
            REQUIRE(at != std::string::npos);
            const std::size_t length = std::stoul(header.substr(at + 16));
            if (buffer_.size() >= headerEnd + 4 + length) {
                const std::string body = buffer_.substr(headerEnd + 4, length);
                buffer_.erase(0, headerEnd + 4 + length);
                return nlohmann::json::parse(body);
            }
        }
        if (!readMore(timeoutSeconds)) return std::nullopt;
    }
}

void LspClient::closeInput() {
    if (in_ >= 0) close(in_);
    in_ = -1;
}

int LspClient::wait(int seconds) {
    if (status_ != -2) return status_;
    for (int i = 0; i < seconds * 10; ++i) {
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            return status_;
        }
        usleep(100 * 1000);
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    status_ = -1;
    return status_;
}

} // namespace quire::test::cli
