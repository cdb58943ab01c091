#pragma once
// Reads what cloudflared writes to stderr while it runs a quick tunnel. Pure: it is fed the
// bytes as QProcess delivers them (any chunking), splits them into lines and reports what the
// lines mean. Facts behind every rule are in docs/cloudflared.md §3 and §5: ERR lines are
// normal in a healthy run, the URL is printed before the tunnel is connected, and the
// disclaimer and the API failure line contain other https URLs.

#include <QByteArray>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace hydra::tunnel {

// Why cloudflared could not give us a tunnel, in the words a user can act on.
enum class FailureReason {
    None,
    RateLimited,      // api.trycloudflare.com answered 429 / Cloudflare error 1015
    NoNetwork,        // the API's name did not resolve: offline or no DNS
    Blocked,          // connection refused or reset: a firewall or proxy in the way
    Timeout,          // the API or the edge did not answer in time
    ServiceError,     // trycloudflare answered, but not with a tunnel
    EdgeUnreachable,  // URL printed but no edge connection (port 7844 blocked)
    ConfigProblem,    // cloudflared could not use its configuration
    BadArguments,     // this cloudflared does not understand Hydra's command line
    AutoUpdated,      // it replaced itself with a new version and exited (code 11)
    NotFound,         // no cloudflared binary (reported by the locator)
    Crashed,          // it exited for a reason its log does not name
};

// A sentence for the user: what happened and what to do.
QString describeFailure(FailureReason reason);
// A short stable name ("rate-limited", "no-network", ...) for logs and tests.
QString failureName(FailureReason reason);

class QuickTunnelLog
{
public:
    struct Event
    {
        enum class Kind { Url, Registered, ConnectionLost, MetricsAddress, Failure };
        Kind kind;
        QString text;                            // the URL, the metrics address, or the line
        FailureReason reason = FailureReason::None; // for Failure
    };

    // Feeds a chunk of stderr; returns what the complete lines in it meant, in order.
    std::vector<Event> feed(const QByteArray &chunk);
    // The process ended: the last line may lack its newline.
    std::vector<Event> finish();

    QString url() const { return m_url; }
    bool registered() const { return m_registered; }
    // The first failure a line named (the fatal line at exit usually names the cause).
    FailureReason failure() const { return m_failure; }
    QString failureLine() const { return m_failureLine; }
    // The last lines, for a diagnostic when the cause is unknown.
    QStringList tail() const { return m_tail; }

    // What an exit code says when no line named a cause.
    static FailureReason reasonForExit(int exitCode);

private:
    std::vector<Event> parseLine(const QByteArray &rawLine);
    QByteArray m_buffer;
    QString m_url;
    bool m_registered = false;
    FailureReason m_failure = FailureReason::None;
    QString m_failureLine;
    QStringList m_tail;
};

// The public URL in one line (`https://<words>.trycloudflare.com`), never api.trycloudflare.com.
std::optional<QString> findQuickTunnelUrl(const QString &line);
// The failure a single line reports, if any.
FailureReason classifyFailureLine(const QString &line);

} // namespace hydra::tunnel

Q_DECLARE_METATYPE(hydra::tunnel::FailureReason)
