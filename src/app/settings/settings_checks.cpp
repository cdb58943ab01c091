#include "settings_checks.h"

#include "tunnel/cloudflared_locator.h"

#include <QHostAddress>
#include <QSet>
#include <QUrl>

namespace hydra::app {

FieldCheck SettingsChecks::port(const QString &text)
{
    bool number = false;
    const int port = text.trimmed().toInt(&number);
    if (!number || port < 1 || port > 65535)
        return FieldCheck::error(tr("Enter a port from 1024 to 65535."));
    if (port < 1024)
        return FieldCheck::warning(tr("Ports below 1024 usually need administrator rights."));
    return FieldCheck::ok();
}

FieldCheck SettingsChecks::listenerMove(const QString &runningAddress, quint16 runningPort, const QString &address,
                                       quint16 port)
{
    if (port == 0 || (address == runningAddress && port == runningPort))
        return FieldCheck::ok();
    return FieldCheck::warning(
        tr("Applying moves the gateway from %1:%2 to %3:%4. Requests in progress there get 30 seconds to finish, and "
           "your tools must use the new address. If Hydra is exposed, its public URL stays the same.")
            .arg(runningAddress)
            .arg(runningPort)
            .arg(address)
            .arg(port));
}

FieldCheck SettingsChecks::upstream(const QString &text)
{
    if (text.trimmed().isEmpty())
        return FieldCheck::ok();
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http") || url.host().isEmpty())
        return FieldCheck::error(tr("Enter an http:// or https:// URL, or leave it empty for Google."));
    return FieldCheck::ok();
}

bool SettingsChecks::isLoopback(const QString &address)
{
    return QHostAddress(address).isLoopback();
}

FieldCheck SettingsChecks::bindAddress(const QString &address, bool haveAccessToken)
{
    if (QHostAddress(address).isNull())
        return FieldCheck::error(tr("Not an IP address."));
    if (isLoopback(address))
        return FieldCheck::ok();
    if (!haveAccessToken)
        return FieldCheck::error(tr("Other computers could use your keys: create an access token first "
                                    "(Access tokens page)."));
    return FieldCheck::warning(tr("Other computers on your network can reach the gateway; they need an "
                                  "access token."));
}

FieldCheck SettingsChecks::cloudflaredPath(const QString &path)
{
    if (path.trimmed().isEmpty())
        return FieldCheck::ok();
    // The locator's own rule, so the dialog accepts exactly what exposing will run.
    if (!tunnel::commandFromUserValue(path, qEnvironmentVariable("PATH")))
        return FieldCheck::error(tr("No program at that path."));
    return FieldCheck::ok();
}

FieldCheck SettingsChecks::modelLimits(const std::vector<ModelLimitOverride> &rows)
{
    QSet<QString> seen;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const ModelLimitOverride &row = rows[i];
        const int number = static_cast<int>(i + 1);
        if (row.model.trimmed().isEmpty())
            return FieldCheck::error(tr("Row %1 has no model name.").arg(number));
        if (row.model.contains(QLatin1Char(' ')))
            return FieldCheck::error(tr("Row %1: a model name has no spaces.").arg(number));
        if (seen.contains(row.model))
            return FieldCheck::error(tr("%1 is listed twice.").arg(row.model));
        seen.insert(row.model);
        if ((row.rpm && *row.rpm < 1) || (row.rpd && *row.rpd < 1))
            return FieldCheck::error(tr("Row %1: limits are whole numbers from 1 up, or empty.").arg(number));
    }
    return FieldCheck::ok();
}

} // namespace hydra::app
