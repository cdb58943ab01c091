#include "keychain_secret_store.h"

#include <qt6keychain/keychain.h>

#include <QPointer>
#include <QTimer>

#include <memory>

namespace hydra::store {
namespace {

const QString keysFileHint = QStringLiteral("meanwhile start the gateway with --keys-file");

bool mentions(const QString &text, std::initializer_list<const char *> needles)
{
    for (const char *needle : needles)
        if (text.contains(QLatin1String(needle), Qt::CaseInsensitive))
            return true;
    return false;
}

// Runs `job` and reports its outcome once: when it finishes, or as Unavailable when the
// keychain has not answered within timeoutMs (a prompt nobody answers, a hung bus).
void run(QKeychain::Job *job, int timeoutMs, QObject *context, SecretStore::Done done,
         std::function<void(QKeychain::Job *, SecretResult &)> onSuccess = {})
{
    auto reported = std::make_shared<bool>(false);
    QPointer<QObject> guard(context);
    job->setAutoDelete(true); // the job deletes itself once finished, also after a timeout
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [reported, guard, done, onSuccess](QKeychain::Job *finished) {
                         if (*reported || !guard)
                             return;
                         *reported = true;
                         SecretResult result;
                         if (finished->error() == QKeychain::NoError) {
                             if (onSuccess)
                                 onSuccess(finished, result);
                         } else if (finished->error() == QKeychain::EntryNotFound) {
                             result.status = SecretResult::Status::NotFound;
                             result.message = QStringLiteral("no such entry in the OS keychain");
                         } else {
                             result.status = SecretResult::Status::Unavailable;
                             result.message = describeKeychainFailure(finished->error(), finished->errorString());
                         }
                         done(result);
                     });
    QTimer::singleShot(timeoutMs, context, [reported, guard, done, timeoutMs] {
        if (*reported || !guard)
            return;
        *reported = true;
        SecretResult result;
        result.status = SecretResult::Status::Unavailable;
        result.message = QStringLiteral("the OS keychain did not answer within %1 s (is it waiting to be unlocked?); %2")
                             .arg(timeoutMs / 1000)
                             .arg(keysFileHint);
        done(result);
    });
    job->start();
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service, int timeoutMs)
    : m_service(std::move(service))
    , m_timeoutMs(timeoutMs)
{
}

void KeychainSecretStore::read(const QString &name, QObject *context, Done done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(name);
    run(job, m_timeoutMs, context, std::move(done), [](QKeychain::Job *finished, SecretResult &result) {
        result.secret = static_cast<QKeychain::ReadPasswordJob *>(finished)->textData().toStdString();
    });
}

void KeychainSecretStore::write(const QString &name, const std::string &secret, QObject *context, Done done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(name);
    job->setTextData(QString::fromStdString(secret));
    run(job, m_timeoutMs, context, std::move(done));
}

void KeychainSecretStore::remove(const QString &name, QObject *context, Done done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(name);
    run(job, m_timeoutMs, context, std::move(done));
}

QString describeKeychainFailure(int qkeychainError, const QString &errorString)
{
    const QString detail = errorString.isEmpty() ? QString() : QStringLiteral(" [%1]").arg(errorString);
    QString what;
    if (qkeychainError == QKeychain::AccessDeniedByUser || qkeychainError == QKeychain::AccessDenied) {
        what = QStringLiteral("access to the OS keychain was denied; allow Hydra in your keychain, or %1")
                   .arg(keysFileHint);
    } else if (mentions(errorString, {"autolaunch", "DBUS_SESSION_BUS_ADDRESS", "Failed to connect to socket",
                                      "Could not connect", "Connection refused", "No such file or directory",
                                      "Not connected to D-Bus", "NoServer", "disconnected from"})) {
        what = QStringLiteral("no Secret Service reachable: there is no D-Bus session bus (log in to a desktop "
                              "session, or run Hydra under dbus-run-session with gnome-keyring-daemon started); %1")
                   .arg(keysFileHint);
    } else if (mentions(errorString, {"collection/login", "Object does not exist", "locked", "prompt",
                                      "cannot open display"})) {
        what = QStringLiteral("the Secret Service's keyring is locked and nothing here can ask for its password: "
                              "unlock it (log in to the desktop, or pipe the password to "
                              "'gnome-keyring-daemon --unlock'); %1")
                   .arg(keysFileHint);
    } else if (mentions(errorString, {"kwalletd", "org.kde.kwallet"})) {
        what = QStringLiteral("KWallet is not running: enable it in KDE's System Settings (or install gnome-keyring "
                              "or KeePassXC with Secret Service enabled); %1")
                   .arg(keysFileHint);
    } else if (qkeychainError == QKeychain::NoBackendAvailable ||
               mentions(errorString, {"org.freedesktop.secrets", "was not provided by any",
                                      "ServiceUnknown", "No keychain service"})) {
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
        what = QStringLiteral("no Secret Service running: install gnome-keyring (or KeePassXC with Secret Service "
                              "enabled) or start your desktop's keyring; %1")
                   .arg(keysFileHint);
#else
        what = QStringLiteral("no OS keychain is available; %1").arg(keysFileHint);
#endif
    } else {
        what = QStringLiteral("the OS keychain failed; %1").arg(keysFileHint);
    }
    return what + detail;
}

} // namespace hydra::store
