#include "quick_tunnel_log.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace hydra::tunnel {

namespace {

constexpr int tailLines = 20;

// With `--output json` every log event is one JSON object; the text is in "message", and a
// failure's detail in "error".
QString lineText(const QByteArray &raw)
{
    QByteArray line = raw;
    if (line.endsWith('\r'))
        line.chop(1);
    if (line.startsWith('{')) {
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        if (object.contains(QStringLiteral("message"))) {
            QString text = object.value(QStringLiteral("message")).toString();
            const QString error = object.value(QStringLiteral("error")).toString();
            if (!error.isEmpty())
                text += QStringLiteral(" error=\"%1\"").arg(error);
            return text;
        }
    }
    return QString::fromUtf8(line);
}

bool containsAny(const QString &text, std::initializer_list<const char *> needles)
{
    for (const char *needle : needles) {
        if (text.contains(QLatin1String(needle)))
            return true;
    }
    return false;
}

} // namespace

std::optional<QString> findQuickTunnelUrl(const QString &line)
{
    // Hostnames are random word lists (dad-bridges-wizard-contest). The host must end where
    // the match ends, so "https://x.trycloudflare.com.evil" is not taken for a tunnel.
    static const QRegularExpression pattern(
        QStringLiteral("https://([a-z0-9]+(?:-[a-z0-9]+)*)\\.trycloudflare\\.com(?![a-z0-9.-])"));
    auto matches = pattern.globalMatch(line);
    while (matches.hasNext()) {
        const auto match = matches.next();
        if (match.captured(1) != u"api") // the API, named in failure lines
            return match.captured(0);
    }
    return std::nullopt;
}

FailureReason classifyFailureLine(const QString &line)
{
    const QString text = line.toLower();
    if (containsAny(text, {"error code: 1015", "429 too many requests"}))
        return FailureReason::RateLimited;
    if (text.contains(QLatin1String("quick tunnel"))) {
        // Versions before TUN-8484 print only this line for a 1015 answer: its body starts
        // with "error code", which is what the JSON decoder choked on.
        if (text.contains(QLatin1String("failed to unmarshal quick tunnel: invalid character 'e'")))
            return FailureReason::RateLimited;
        if (containsAny(text, {"no such host", "lookup ", "temporary failure in name resolution",
                               "network is unreachable", "no route to host"}))
            return FailureReason::NoNetwork;
        if (containsAny(text, {"connection refused", "connection reset", "forbidden", "certificate"}))
            return FailureReason::Blocked;
        if (containsAny(text, {"context deadline exceeded", "timeout", "timed out"}))
            return FailureReason::Timeout;
        if (containsAny(text, {"failed to request quick tunnel", "failed to unmarshal quick tunnel",
                               "failed to parse quick tunnel"}))
            return FailureReason::ServiceError;
    }
    if (text.contains(QLatin1String("has been updated to version")))
        return FailureReason::AutoUpdated;
    if (containsAny(text, {"incorrect usage", "flag provided but not defined"}))
        return FailureReason::BadArguments;
    // "Cannot determine default configuration path" is informational and appears in every run.
    if (containsAny(text, {"config file", "configuration file"}) && containsAny(text, {"error", "failed", "invalid"}))
        return FailureReason::ConfigProblem;
    return FailureReason::None;
}

QString failureName(FailureReason reason)
{
    switch (reason) {
    case FailureReason::None: return QStringLiteral("none");
    case FailureReason::RateLimited: return QStringLiteral("rate-limited");
    case FailureReason::NoNetwork: return QStringLiteral("no-network");
    case FailureReason::Blocked: return QStringLiteral("blocked");
    case FailureReason::Timeout: return QStringLiteral("timeout");
    case FailureReason::ServiceError: return QStringLiteral("service-error");
    case FailureReason::EdgeUnreachable: return QStringLiteral("edge-unreachable");
    case FailureReason::ConfigProblem: return QStringLiteral("config");
    case FailureReason::BadArguments: return QStringLiteral("bad-arguments");
    case FailureReason::AutoUpdated: return QStringLiteral("auto-updated");
    case FailureReason::NotFound: return QStringLiteral("not-found");
    case FailureReason::Crashed: return QStringLiteral("crashed");
    }
    return QStringLiteral("unknown");
}

QString describeFailure(FailureReason reason)
{
    switch (reason) {
    case FailureReason::None:
        return {};
    case FailureReason::RateLimited:
        return QStringLiteral("trycloudflare.com is rate-limiting new quick tunnels from this network "
                              "(HTTP 429, Cloudflare error 1015); Hydra waits before trying again");
    case FailureReason::NoNetwork:
        return QStringLiteral("cannot reach trycloudflare.com: no network or no DNS (is this computer online?)");
    case FailureReason::Blocked:
        return QStringLiteral("the connection to trycloudflare.com was refused or cut: a firewall or proxy "
                              "seems to block it");
    case FailureReason::Timeout:
        return QStringLiteral("trycloudflare.com did not answer in time; the network may be slow or filtered");
    case FailureReason::ServiceError:
        return QStringLiteral("trycloudflare.com did not hand out a tunnel (the service may be having trouble)");
    case FailureReason::EdgeUnreachable:
        return QStringLiteral("the tunnel was created but cannot connect to Cloudflare's edge "
                              "(outgoing TCP port 7844 may be blocked)");
    case FailureReason::ConfigProblem:
        return QStringLiteral("cloudflared could not use its configuration file");
    case FailureReason::BadArguments:
        return QStringLiteral("this cloudflared does not understand Hydra's command line; "
                              "it may be too old, use a recent release");
    case FailureReason::AutoUpdated:
        return QStringLiteral("cloudflared updated itself and exited");
    case FailureReason::NotFound:
        return QStringLiteral("cloudflared was not found");
    case FailureReason::Crashed:
        return QStringLiteral("cloudflared stopped unexpectedly");
    }
    return {};
}

FailureReason QuickTunnelLog::reasonForExit(int exitCode)
{
    // Exit codes from cloudflared's updater; everything else is a plain 1 (or -1 for usage).
    if (exitCode == 11)
        return FailureReason::AutoUpdated;
    return FailureReason::Crashed;
}

std::vector<QuickTunnelLog::Event> QuickTunnelLog::feed(const QByteArray &chunk)
{
    m_buffer += chunk;
    std::vector<Event> events;
    qsizetype start = 0;
    for (qsizetype newline = m_buffer.indexOf('\n'); newline >= 0; newline = m_buffer.indexOf('\n', start)) {
        auto lineEvents = parseLine(m_buffer.mid(start, newline - start));
        events.insert(events.end(), lineEvents.begin(), lineEvents.end());
        start = newline + 1;
    }
    m_buffer.remove(0, start);
    return events;
}

std::vector<QuickTunnelLog::Event> QuickTunnelLog::finish()
{
    if (m_buffer.isEmpty())
        return {};
    const QByteArray rest = std::exchange(m_buffer, {});
    return parseLine(rest);
}

std::vector<QuickTunnelLog::Event> QuickTunnelLog::parseLine(const QByteArray &rawLine)
{
    const QString line = lineText(rawLine);
    if (line.trimmed().isEmpty())
        return {};
    m_tail.append(line);
    if (m_tail.size() > tailLines)
        m_tail.removeFirst();

    std::vector<Event> events;
    if (m_url.isEmpty()) {
        if (const auto url = findQuickTunnelUrl(line)) {
            m_url = *url;
            events.push_back({Event::Kind::Url, m_url});
        }
    }
    if (line.contains(QLatin1String("Registered tunnel connection"))) {
        m_registered = true;
        events.push_back({Event::Kind::Registered, line});
    } else if (line.contains(QLatin1String("Unregistered tunnel connection")) ||
               line.contains(QLatin1String("Connection terminated"))) {
        events.push_back({Event::Kind::ConnectionLost, line});
    }
    static const QRegularExpression metrics(QStringLiteral("Starting metrics server on ([^\\s/]+)/metrics"));
    if (const auto match = metrics.match(line); match.hasMatch())
        events.push_back({Event::Kind::MetricsAddress, match.captured(1)});

    if (const FailureReason reason = classifyFailureLine(line); reason != FailureReason::None) {
        if (m_failure == FailureReason::None) {
            m_failure = reason;
            m_failureLine = line;
        }
        events.push_back({Event::Kind::Failure, line, reason});
    }
    return events;
}

} // namespace hydra::tunnel
