#pragma once
// Runs cloudflared as a quick tunnel to a local port and keeps it running: learns the public URL
// from its log and confirms it with the metrics server's /quicktunnel, watches /ready for the
// edge connection, restarts it with backoff when it dies (slowly when trycloudflare rate-limits
// us: every restart is a new API call), and stops it gracefully. Everything is asynchronous;
// it lives on the main thread (see child_process_guard.h for why that thread).

#include "program_command.h"
#include "quick_tunnel_log.h"

#include <QElapsedTimer>
#include <QNetworkReply>
#include <QObject>
#include <QProcess>
#include <QPointer>
#include <QString>

#include <memory>

class QNetworkAccessManager;
class QTimer;

namespace hydra::tunnel {

// Stopping: cloudflared was asked to stop and is letting the requests in flight through it
// finish (its grace period); Stopped follows when it has exited.
enum class TunnelState { Stopped, Starting, Up, Reconnecting, Failed, Stopping };
QString stateName(TunnelState state);

struct TunnelStatus
{
    TunnelState state = TunnelState::Stopped;
    QString url;                                  // https://<words>.trycloudflare.com once known
    FailureReason reason = FailureReason::None;   // for Failed
    QString message;                              // for the user: what happened, what comes next
    int retryInMs = -1;                           // Failed: when the next attempt starts; -1: none

    bool operator==(const TunnelStatus &other) const = default;
};

// Deadlines and backoff; the defaults follow docs/cloudflared.md §5, §6. Tests shorten them.
struct TunnelTiming
{
    int pollStartingMs = 300;
    int pollUpMs = 2000;
    int urlTimeoutMs = 30'000;      // no URL by then: give up on this attempt
    int readyTimeoutMs = 60'000;    // URL but no edge connection by then: say so (it keeps trying)
    int stopGraceMs = 7'000;        // --grace-period 5s plus a margin, then kill
    int restartBaseMs = 2'000;      // after a crash: 2 s, 4 s, 8 s ... up to restartMaxMs
    int restartMaxMs = 120'000;
    int rateLimitedBaseMs = 60'000; // after a 429: 1 min, 2 min ... up to rateLimitedMaxMs
    int rateLimitedMaxMs = 30 * 60'000;
    int stableAfterMs = 120'000;    // up this long: the next failure starts the backoff afresh
};

class TunnelSupervisor : public QObject
{
    Q_OBJECT
public:
    explicit TunnelSupervisor(QObject *parent = nullptr);
    ~TunnelSupervisor() override;

    void setTiming(const TunnelTiming &timing) { m_timing = timing; }

    // Starts `cloudflared` as a quick tunnel to http://127.0.0.1:originPort. `configDir` holds the
    // empty config file that keeps a user's own cloudflared config out of it. Called while an
    // earlier cloudflared is still shutting down (a gateway restart), it starts once that one is gone.
    void start(const ProgramCommand &cloudflared, quint16 originPort, const QString &configDir);
    // Stops it: SIGTERM, then kill after the grace period. statusChanged(Stopped) follows.
    void stop();
    // For quitting: the same, but waits (at most `timeoutMs`) for the process to end.
    void stopAndWait(int timeoutMs);

    TunnelStatus status() const { return m_status; }
    qint64 processId() const;
    // cloudflared's own arguments in the current (or last) run: without the program and the
    // arguments the command puts before them.
    QStringList arguments() const { return m_arguments; }
    // The last lines cloudflared wrote, for diagnostics.
    QStringList logTail() const { return m_log.tail(); }

    static QStringList argumentsFor(quint16 originPort, quint16 metricsPort, const QString &configFile);

Q_SIGNALS:
    void statusChanged(const hydra::tunnel::TunnelStatus &status);

private:
    void launch();
    void onStandardError();
    void onExited(int exitCode, bool crashed);
    void poll();
    void onQuickTunnelReply(QNetworkReply *reply);
    void onReadyReply(QNetworkReply *reply);
    void setUrl(const QString &url);
    void markReady(bool ready);
    void failAttempt(FailureReason reason, const QString &detail);
    void scheduleRestart(FailureReason reason, const QString &message);
    void setStatus(TunnelStatus status);
    QString metricsUrl(const char *path) const;

    TunnelTiming m_timing;
    TunnelStatus m_status;
    ProgramCommand m_command;
    quint16 m_originPort = 0;
    QString m_configDir;
    QStringList m_arguments;

    QPointer<QProcess> m_process;
    QuickTunnelLog m_log;
    quint16 m_metricsPort = 0;
    bool m_urlConfirmed = false;
    bool m_ready = false;
    bool m_wasUp = false;
    bool m_stopping = false;
    bool m_startWhenStopped = false; // start() came while stopping: launch when the old process exits
    bool m_edgeWarned = false;
    QElapsedTimer m_attemptClock;
    QElapsedTimer m_upClock;
    int m_crashes = 0;
    int m_rateLimits = 0;

    std::unique_ptr<QNetworkAccessManager> m_network;
    QPointer<QNetworkReply> m_quickTunnelRequest;
    QPointer<QNetworkReply> m_readyRequest;
    QTimer *m_pollTimer;
    QTimer *m_restartTimer;
    QTimer *m_killTimer;
};

} // namespace hydra::tunnel

Q_DECLARE_METATYPE(hydra::tunnel::TunnelStatus)
