#include "shell_prefs.h"

#include "store/atomic_file.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace hydra::app {
namespace {

constexpr auto termsKey = QLatin1StringView("tunnel_terms_accepted");

QJsonObject readObject(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object(); // corrupt: empty, as if never saved
}

} // namespace

ShellPrefs::ShellPrefs(QString configDir)
    : m_configDir(std::move(configDir))
{
}

QString ShellPrefs::filePath() const
{
    return QDir(m_configDir).filePath(QString::fromLatin1(fileName));
}

bool ShellPrefs::tunnelTermsAccepted() const
{
    return !readObject(filePath()).value(termsKey).toString().isEmpty();
}

bool ShellPrefs::acceptTunnelTerms(QString *error)
{
    QJsonObject object = readObject(filePath());
    object.insert(QStringLiteral("version"), 1);
    object.insert(termsKey, QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    if (!store::makePrivateDirectory(m_configDir)) {
        *error = tr("Cannot create the folder %1").arg(QDir::toNativeSeparators(m_configDir));
        return false;
    }
    QSaveFile file(filePath());
    if (file.open(QIODevice::WriteOnly))
        file.setPermissions(store::ownerOnlyFile);
    if (!file.isOpen() || file.write(QJsonDocument(object).toJson()) < 0 || !file.commit()) {
        *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(filePath()), file.errorString());
        return false;
    }
    return true;
}

} // namespace hydra::app
