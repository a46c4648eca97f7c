#pragma once
// Logging goes to stderr through spdlog, never to stdout (stdout carries data in the CLI).
namespace quire {
// verbosity: 0 = warnings and errors, 1 = info, 2+ = debug.
void initLogging(int verbosity);
} // namespace quire
