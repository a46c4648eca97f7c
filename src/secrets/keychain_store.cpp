#include "keychain_store.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>
#include <qt6keychain/keychain.h>

#include <memory>

namespace quire::secrets {
namespace {

constexpr const char* kService = "quire";
constexpr int kJobTimeoutMs = 5000;

struct JobResult {
    QKeychain::Error error = QKeychain::OtherError;
    QString errorString = QStringLiteral("timed out waiting for the keychain");
    QString text;
};

// Runs `job` to completion in a local event loop (creating a temporary QCoreApplication if needed).
template <class MakeJob>
JobResult runJob(MakeJob makeJob) {
    std::unique_ptr<QCoreApplication> tempApp;
    static int argc = 1;
    static char arg0[] = "quire";
    static char* argv[] = {arg0, nullptr};
    if (!QCoreApplication::instance()) tempApp = std::make_unique<QCoreApplication>(argc, argv);
    JobResult result;
    QEventLoop loop;
    auto* job = makeJob();
    job->setAutoDelete(false);
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&](QKeychain::Job* j) {
        result.error = j->error();
        result.errorString = j->errorString();
        if (auto* r = qobject_cast<QKeychain::ReadPasswordJob*>(j)) result.text = r->textData();
        loop.quit();
    });
    QTimer::singleShot(kJobTimeoutMs, &loop, &QEventLoop::quit);
    job->start();
    loop.exec();
    delete job;
    return result;
}

class KeychainStore final : public SecretStore {
public:
    Expected<std::optional<std::string>> read(const std::string& key) override {
        JobResult r = runJob([&] {
            auto* job = new QKeychain::ReadPasswordJob(QString::fromLatin1(kService));
            job->setKey(QString::fromStdString(key));
            return job;
        });
        if (r.error == QKeychain::EntryNotFound) return std::optional<std::string>();
        if (r.error != QKeychain::NoError)
            return makeDiagnostic("secrets/store", "keychain read of '" + key + "' failed: " + r.errorString.toStdString());
        return std::optional<std::string>(r.text.toStdString());
    }
    Expected<void> write(const std::string& key, const std::string& value) override {
        JobResult r = runJob([&] {
            auto* job = new QKeychain::WritePasswordJob(QString::fromLatin1(kService));
            job->setKey(QString::fromStdString(key));
            job->setTextData(QString::fromStdString(value));
            return job;
        });
        if (r.error != QKeychain::NoError)
            return makeDiagnostic("secrets/store", "keychain write of '" + key + "' failed: " + r.errorString.toStdString());
        return {};
    }
    Expected<void> remove(const std::string& key) override {
        JobResult r = runJob([&] {
            auto* job = new QKeychain::DeletePasswordJob(QString::fromLatin1(kService));
            job->setKey(QString::fromStdString(key));
            return job;
        });
        if (r.error != QKeychain::NoError && r.error != QKeychain::EntryNotFound)
            return makeDiagnostic("secrets/store", "keychain delete of '" + key + "' failed: " + r.errorString.toStdString());
        return {};
    }
    std::string describe() const override { return "system keychain"; }
};

} // namespace

Expected<std::unique_ptr<SecretStore>> makeKeychainSecretStore() {
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        return makeDiagnostic("secrets/store", "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)");
    // Probe with a key that does not exist: EntryNotFound means a working backend.
    JobResult r = runJob([] {
        auto* job = new QKeychain::ReadPasswordJob(QString::fromLatin1(kService));
        job->setKey(QStringLiteral("quire/probe"));
        return job;
    });
    if (r.error == QKeychain::NoError || r.error == QKeychain::EntryNotFound) return std::unique_ptr<SecretStore>(std::make_unique<KeychainStore>());
    return makeDiagnostic("secrets/store", r.errorString.toStdString());
}

} // namespace quire::secrets
