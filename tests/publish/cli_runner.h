#pragma once
// Runs the real build/bin/quire as a child process while this process serves the fake Sigma API.
#include <catch2/catch.hpp>

#include <QEventLoop>
#include <QProcess>
#include <QProcessEnvironment>

#include <filesystem>
#include <map>
#include <string>

#include "fake_sigma_server.h"
#include "test_support.h"

namespace quire::test {

struct Run {
    int code = -1;
    std::string out;
    std::string err;
};

// Credentials of `server` in QUIRE_SIGMA_CLIENT_ID/SECRET; no host variables unless `extraEnv` sets them.
inline Run runQuire(const FakeSigmaServer& server, const QStringList& args, const std::map<QString, QString>& extraEnv = {}) {
    const QString binary = QString::fromStdString(binaryDir() + "/bin/quire");
    REQUIRE(std::filesystem::exists(binary.toStdString()));
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QUIRE_SIGMA_CLIENT_ID", QString::fromStdString(server.clientId));
    env.insert("QUIRE_SIGMA_CLIENT_SECRET", QString::fromStdString(server.clientSecret));
    for (const QString& name : env.keys())
        if (name.startsWith("QUIRE_SIGMA_BASE_URL") || name == "QUIRE_SIGMA_REGION") env.remove(name);
    for (const auto& [name, value] : extraEnv) env.insert(name, value);
    process.setProcessEnvironment(env);
    process.setStandardInputFile(QProcess::nullDevice());
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    process.start(binary, args);
    REQUIRE(process.waitForStarted(10000));
    if (process.state() != QProcess::NotRunning) loop.exec(); // serve the fake API while the child runs
    return Run{process.exitCode(), process.readAllStandardOutput().toStdString(), process.readAllStandardError().toStdString()};
}

inline QStringList with(QStringList args, const FakeSigmaServer& server) {
    args << "--base-url" << QString::fromStdString(server.baseUrl());
    return args;
}

// A temporary directory that is its own repository root (an empty .git), so history files stay inside it.
inline std::string makeRepoDir(const std::string& tag) {
    const std::string dir = makeTempDir(tag);
    std::filesystem::create_directory(dir + "/.git");
    return dir;
}

} // namespace quire::test
