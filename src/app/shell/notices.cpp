#include "notices.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

namespace hydra::app {
namespace {

// The translation context of these texts (lupdate reads Notices::tr).
struct Notices
{
    Q_DECLARE_TR_FUNCTIONS(Notices)
};

QString whenBack(std::int64_t untilMs, std::int64_t nowMs)
{
    if (untilMs <= nowMs)
        return Notices::tr("Hydra will use it again as soon as a key has quota.");
    const std::int64_t minutes = (untilMs - nowMs + 59'999) / 60'000;
    if (minutes <= 90)
        return Notices::tr("Quota returns in about %n minute(s).", nullptr, static_cast<int>(minutes));
    const QString at = QLocale().toString(QDateTime::fromMSecsSinceEpoch(untilMs).time(), QLocale::ShortFormat);
    return Notices::tr("Quota returns at %1 (Google resets daily quota at midnight Pacific time).").arg(at);
}

// Google's details sometimes end in a full stop and sometimes not.
QString sentence(const QString &text)
{
    return text.endsWith(u'.') ? text : text + u'.';
}

} // namespace

Notice healthNotice(const HealthEvent &event, std::int64_t nowMs)
{
    const QString subject = QString::fromStdString(event.subject);
    switch (event.kind) {
    case HealthEvent::Kind::ModelExhausted:
        return {Notice::Level::Warning, Notices::tr("All keys are out of quota for %1").arg(subject),
                Notices::tr("Requests for %1 fail until then. %2").arg(subject, whenBack(event.untilMs, nowMs))};
    case HealthEvent::Kind::ModelRecovered:
        return {Notice::Level::Information, Notices::tr("%1 is available again").arg(subject),
                Notices::tr("A key has quota for %1 again.").arg(subject)};
    case HealthEvent::Kind::KeyInvalid:
        return {Notice::Level::Warning, Notices::tr("Key %1 stopped working").arg(subject),
                event.detail.empty()
                    ? Notices::tr("Google refuses this key. Check or remove it in Settings.")
                    : Notices::tr("Google refuses this key: %1 Check or remove it in Settings.")
                          .arg(sentence(QString::fromStdString(event.detail)))};
    }
    return {};
}

Notice portInUseNotice(quint16 port, std::optional<quint16> freePort)
{
    Notice notice{Notice::Level::Critical, Notices::tr("Port %1 is in use").arg(port), {}};
    notice.body = Notices::tr("Another program listens on port %1, so the gateway could not start.").arg(port);
    if (freePort)
        notice.body += u' ' + Notices::tr("Port %1 is free: use it instead? Tools set up with the old port "
                                          "then need the new base URL.")
                                  .arg(*freePort);
    else
        notice.body += u' ' + Notices::tr("Choose another port in Settings.");
    return notice;
}

Notice startFailedNotice(const QString &message)
{
    return {Notice::Level::Critical, Notices::tr("The gateway could not start"), message};
}

Notice publicUrlNotice(const QString &url)
{
    return {Notice::Level::Information, Notices::tr("Public URL ready"),
            Notices::tr("%1\nClick to copy it. Anyone with an access token can use your gateway through it.").arg(url)};
}

Notice exposeFailedNotice(const QString &problem)
{
    return {Notice::Level::Warning, Notices::tr("The public URL is not available"), problem};
}

} // namespace hydra::app
