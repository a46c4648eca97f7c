#include "git_process.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace quire::cli {
namespace {

void trimEnd(std::string& text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
}

} // namespace

GitRun runGit(const std::vector<std::string>& arguments, const GitOptions& options) {
    GitRun run;
    int out[2], err[2];
    if (::pipe(out) != 0) {
        run.error = std::strerror(errno);
        return run;
    }
    if (::pipe(err) != 0) {
        run.error = std::strerror(errno);
        ::close(out[0]);
        ::close(out[1]);
        return run;
    }
    std::vector<std::string> words{"git"};
    words.insert(words.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (auto& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(out[1], STDOUT_FILENO);
        ::dup2(err[1], STDERR_FILENO);
        ::close(out[0]);
        ::close(err[0]);
        ::close(out[1]);
        ::close(err[1]);
        ::execvp("git", argv.data());
        ::_exit(127);
    }
    ::close(out[1]);
    ::close(err[1]);
    if (pid < 0) {
        run.error = std::strerror(errno);
        ::close(out[0]);
        ::close(err[0]);
        return run;
    }
    // Both pipes are drained together so a chatty stderr cannot block git while we wait on stdout.
    pollfd fds[2] = {{out[0], POLLIN, 0}, {err[0], POLLIN, 0}};
    std::string* sinks[2] = {&run.out, &run.error};
    int open = 2;
    char buffer[4096];
    while (open > 0) {
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
            if (n > 0) {
                const std::size_t limit = i == 0 ? options.maxOutput : std::size_t(1) << 20;
                const std::size_t room = sinks[i]->size() < limit ? limit - sinks[i]->size() : 0;
                const auto got = static_cast<std::size_t>(n);
                sinks[i]->append(buffer, std::min(room, got));
                if (i == 0 && got > room) run.truncated = true;
            } else if (n == 0 || errno != EINTR) {
                ::close(fds[i].fd);
                fds[i].fd = -1;
                --open;
            }
        }
    }
    for (auto& fd : fds)
        if (fd.fd >= 0) ::close(fd.fd);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.started = run.exitCode != 127;
    if (!run.started && run.error.empty()) run.error = "git was not found on PATH";
    if (!options.keepOutput) trimEnd(run.out);
    trimEnd(run.error);
    return run;
}

} // namespace quire::cli
