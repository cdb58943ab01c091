#include "tunnel_supervisor.h"

#include "child_process_guard.h"
#include "store/atomic_file.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTcpServer>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <utility>

namespace hydra::tunnel {

namespace {

constexpr int metricsRequestTimeoutMs = 2000;

// A free loopback port for the metrics server. Another process could take it before cloudflared
// binds it; cloudflared then fails to start and the restart picks a new one.
quint16 freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

// cloudflared reads ~/.cloudflared/config.yml unless told otherwise, and that file's ingress
// rules would win over --url. An empty file of our own keeps it out.
std::optional<QString> emptyConfigFile(const QString &configDir)
{
    if (!store::makePrivateDirectory(configDir))
        return std::nullopt;
    const QString path = QDir(configDir).filePath(QStringLiteral("cloudflared-empty.yml"));
    QFile file(path);
    if (file.exists() && file.size() == 0) {
        file.setPermissions(store::ownerOnlyFile);
        return path;
    }
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return std::nullopt;
    file.setPermissions(store::ownerOnlyFile);
    return path;
}

int backoff(int base, int max, int failures)
{
    const int doublings = std::clamp(failures - 1, 0, 20);
    return static_cast<int>(std::min<qint64>(max, qint64(base) << doublings));
}

} // namespace

QString stateName(TunnelState state)
{
    switch (state) {
    case TunnelState::Stopped: return QStringLiteral("stopped");
    case TunnelState::Starting: return QStringLiteral("starting");
    case TunnelState::Up: return QStringLiteral("up");
    case TunnelState::Reconnecting: return QStringLiteral("reconnecting");
    case TunnelState::Failed: return QStringLiteral("failed");
    case TunnelState::Stopping: return QStringLiteral("stopping");
    }
    return {};
}

TunnelSupervisor::TunnelSupervisor(QObject *parent)
    : QObject(parent)
    , m_network(std::make_unique<QNetworkAccessManager>())
    , m_pollTimer(new QTimer(this))
    , m_restartTimer(new QTimer(this))
    , m_killTimer(new QTimer(this))
{
    qRegisterMetaType<hydra::tunnel::TunnelStatus>();
    m_restartTimer->setSingleShot(true);
    m_killTimer->setSingleShot(true);
    connect(m_pollTimer, &QTimer::timeout, this, &TunnelSupervisor::poll);
    connect(m_restartTimer, &QTimer::timeout, this, &TunnelSupervisor::launch);
    connect(m_killTimer, &QTimer::timeout, this, [this] {
        if (m_process)
            m_process->kill();
    });
}

TunnelSupervisor::~TunnelSupervisor()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->disconnect(this);
        stopAndWait(2000);
    }
}

QStringList TunnelSupervisor::argumentsFor(quint16 originPort, quint16 metricsPort, const QString &configFile)
{
    // Why each flag: docs/cloudflared.md §1.
    return {QStringLiteral("tunnel"),
            QStringLiteral("--url"), QStringLiteral("http://127.0.0.1:%1").arg(originPort),
            QStringLiteral("--no-autoupdate"),
            QStringLiteral("--config"), configFile,
            QStringLiteral("--protocol"), QStringLiteral("http2"),
            QStringLiteral("--metrics"), QStringLiteral("127.0.0.1:%1").arg(metricsPort),
            QStringLiteral("--grace-period"), QStringLiteral("5s"),
            QStringLiteral("--loglevel"), QStringLiteral("info")};
}

qint64 TunnelSupervisor::processId() const
{
    return m_process ? m_process->processId() : 0;
}

void TunnelSupervisor::start(const ProgramCommand &cloudflared, quint16 originPort, const QString &configDir)
{
    // The parent-death signal is tied to the thread that starts the child (child_process_guard.h).
    Q_ASSERT(!QCoreApplication::instance() || QThread::currentThread() == QCoreApplication::instance()->thread());
    m_command = cloudflared;
    m_originPort = originPort;
    m_configDir = configDir;
    m_crashes = 0;
    m_rateLimits = 0;
    m_restartTimer->stop();
    if (m_process && m_process->state() != QProcess::NotRunning) {
        // Stopping: the old process still holds its connections and metrics port, and its exit
        // must not count as a crash. Running: stop() first to change the target.
        m_startWhenStopped = m_stopping;
        return;
    }
    m_stopping = false;
    launch();
}

void TunnelSupervisor::launch()
{
    m_log = QuickTunnelLog();
    m_urlConfirmed = false;
    m_ready = false;
    m_wasUp = false;
    m_edgeWarned = false;
    const auto configFile = emptyConfigFile(m_configDir);
    m_metricsPort = freeLoopbackPort();
    if (!configFile || !m_metricsPort) {
        setStatus({TunnelState::Failed, {}, FailureReason::ConfigProblem,
                   !configFile ? QStringLiteral("cannot write cloudflared's empty config file in %1").arg(m_configDir)
                               : QStringLiteral("no free loopback port for cloudflared's metrics server"),
                   -1});
        return;
    }
    m_arguments = argumentsFor(m_originPort, m_metricsPort, *configFile);

    auto *process = new QProcess(this);
    m_process = process;
    process->setStandardOutputFile(QProcess::nullDevice()); // cloudflared logs to stderr only
    guardBeforeStart(*process);
    connect(process, &QProcess::readyReadStandardError, this, &TunnelSupervisor::onStandardError);
    connect(process, &QProcess::started, this, [process] { guardAfterStart(*process); });
    connect(process, &QProcess::finished, this, [this, process](int exitCode, QProcess::ExitStatus status) {
        if (process != m_process)
            return;
        onExited(exitCode, status == QProcess::CrashExit);
    });
    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart || process != m_process)
            return;
        m_pollTimer->stop();
        process->deleteLater();
        m_process = nullptr;
        setStatus({TunnelState::Failed, {}, FailureReason::NotFound,
                   QStringLiteral("cannot run %1: %2").arg(QDir::toNativeSeparators(m_command.program), process->errorString()),
                   -1});
    });

    setStatus({TunnelState::Starting, {}, FailureReason::None, QStringLiteral("requesting a quick tunnel"), -1});
    m_attemptClock.start();
    m_pollTimer->start(m_timing.pollStartingMs);
    process->start(m_command.program, m_command.arguments + m_arguments);
}

void TunnelSupervisor::onStandardError()
{
    if (!m_process)
        return;
    for (const auto &event : m_log.feed(m_process->readAllStandardError())) {
        if (event.kind == QuickTunnelLog::Event::Kind::Url)
            setUrl(event.text);
    }
}

void TunnelSupervisor::setUrl(const QString &url)
{
    if (m_status.url == url)
        return;
    TunnelStatus next = m_status;
    next.url = url;
    if (next.state == TunnelState::Starting)
        next.message = QStringLiteral("connecting to Cloudflare's edge");
    setStatus(next);
}

void TunnelSupervisor::poll()
{
    if (!m_process || m_stopping)
        return;
    // Deadlines of this attempt (docs/cloudflared.md §6: 30 s to the URL, 60 s to /ready).
    if (m_status.url.isEmpty() && m_attemptClock.elapsed() > m_timing.urlTimeoutMs) {
        failAttempt(m_log.failure() != FailureReason::None ? m_log.failure() : FailureReason::Timeout,
                    QStringLiteral("no tunnel URL after %1 s").arg(m_timing.urlTimeoutMs / 1000));
        return;
    }
    if (!m_wasUp && !m_ready && !m_status.url.isEmpty() && !m_edgeWarned &&
        m_attemptClock.elapsed() > m_timing.readyTimeoutMs) {
        // cloudflared keeps retrying the edge forever; say what is wrong and let it go on.
        m_edgeWarned = true;
        setStatus({TunnelState::Failed, m_status.url, FailureReason::EdgeUnreachable,
                   describeFailure(FailureReason::EdgeUnreachable) + QStringLiteral("; still trying"), -1});
    }

    auto request = [this](const char *path) {
        QNetworkRequest request{QUrl(metricsUrl(path))};
        request.setTransferTimeout(metricsRequestTimeoutMs);
        return m_network->get(request);
    };
    if (!m_urlConfirmed && !m_quickTunnelRequest) {
        m_quickTunnelRequest = request("/quicktunnel");
        QNetworkReply *reply = m_quickTunnelRequest;
        connect(reply, &QNetworkReply::finished, this, [this, reply] { onQuickTunnelReply(reply); });
    }
    if (!m_readyRequest) {
        m_readyRequest = request("/ready");
        QNetworkReply *reply = m_readyRequest;
        connect(reply, &QNetworkReply::finished, this, [this, reply] { onReadyReply(reply); });
    }
}

QString TunnelSupervisor::metricsUrl(const char *path) const
{
    return QStringLiteral("http://127.0.0.1:%1%2").arg(m_metricsPort).arg(QLatin1String(path));
}

// /quicktunnel answers {"hostname":"<words>.trycloudflare.com"} once the tunnel exists; before
// that the metrics server is not listening (connection refused = not yet).
void TunnelSupervisor::onQuickTunnelReply(QNetworkReply *reply)
{
    reply->deleteLater();
    if (reply->error() != QNetworkReply::NoError || !m_process)
        return;
    const QString hostname =
        QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("hostname")).toString();
    if (hostname.isEmpty())
        return;
    const QString url = QStringLiteral("https://") + hostname;
    if (!findQuickTunnelUrl(url))
        return; // not a trycloudflare hostname: not something to publish
    m_urlConfirmed = true;
    setUrl(url); // the metrics server is the authority when the log said otherwise
    if (m_ready)
        markReady(true);
}

void TunnelSupervisor::onReadyReply(QNetworkReply *reply)
{
    reply->deleteLater();
    if (!m_process)
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 200)
        markReady(true);
    else if (status == 503)
        markReady(false);
    // anything else (connection refused): the metrics server is not up yet, or going away
}

void TunnelSupervisor::markReady(bool ready)
{
    m_ready = ready;
    if (ready && m_urlConfirmed && m_status.state != TunnelState::Up) {
        if (!m_wasUp)
            m_upClock.start();
        m_wasUp = true;
        m_pollTimer->setInterval(m_timing.pollUpMs);
        setStatus({TunnelState::Up, m_status.url, FailureReason::None,
                   QStringLiteral("public; DNS for a new hostname can take a few seconds"), -1});
    } else if (!ready && m_wasUp && m_status.state == TunnelState::Up) {
        m_pollTimer->setInterval(m_timing.pollStartingMs);
        setStatus({TunnelState::Reconnecting, m_status.url, FailureReason::None,
                   QStringLiteral("lost the connection to Cloudflare's edge; cloudflared is reconnecting"), -1});
    }
}

void TunnelSupervisor::failAttempt(FailureReason reason, const QString &detail)
{
    // Give this attempt up; onExited() (for a process we kill) must not count it twice.
    QProcess *process = m_process;
    m_process = nullptr;
    m_pollTimer->stop();
    if (process) {
        process->disconnect(this);
        connect(process, &QProcess::finished, process, &QObject::deleteLater);
        process->kill();
    }
    scheduleRestart(reason, describeFailure(reason) + QStringLiteral(" (%1)").arg(detail));
}

void TunnelSupervisor::onExited(int exitCode, bool crashed)
{
    m_pollTimer->stop();
    m_killTimer->stop();
    onStandardError();
    m_log.finish();
    m_process->deleteLater();
    m_process = nullptr;
    if (m_stopping) {
        m_stopping = false;
        if (std::exchange(m_startWhenStopped, false)) {
            launch();
            return;
        }
        setStatus({TunnelState::Stopped, {}, FailureReason::None, {}, -1});
        return;
    }
    if (m_wasUp && m_upClock.elapsed() > m_timing.stableAfterMs) {
        m_crashes = 0;
        m_rateLimits = 0;
    }
    FailureReason reason = m_log.failure();
    if (reason == FailureReason::None)
        reason = crashed ? FailureReason::Crashed : QuickTunnelLog::reasonForExit(exitCode);
    QString message = describeFailure(reason);
    if (reason == FailureReason::Crashed || reason == FailureReason::ServiceError) {
        const QString last = m_log.failureLine().isEmpty() ? m_log.tail().value(m_log.tail().size() - 1)
                                                           : m_log.failureLine();
        message += crashed ? QStringLiteral(" (killed by a signal)") : QStringLiteral(" (exit code %1)").arg(exitCode);
        if (!last.isEmpty())
            message += QStringLiteral(": ") + last;
    }
    if (m_wasUp)
        message += QStringLiteral("; the public URL will change");
    if (reason == FailureReason::BadArguments || reason == FailureReason::ConfigProblem) {
        setStatus({TunnelState::Failed, {}, reason, message, -1}); // the same command would fail again
        return;
    }
    scheduleRestart(reason, message);
}

void TunnelSupervisor::scheduleRestart(FailureReason reason, const QString &message)
{
    // Every restart asks trycloudflare for a new tunnel: never in a tight loop, and slowly once
    // it has said 429.
    const int delay = reason == FailureReason::RateLimited
                          ? backoff(m_timing.rateLimitedBaseMs, m_timing.rateLimitedMaxMs, ++m_rateLimits)
                          : backoff(m_timing.restartBaseMs, m_timing.restartMaxMs, ++m_crashes);
    setStatus({TunnelState::Failed, {}, reason,
               message + QStringLiteral("; trying again in %1 s").arg((delay + 999) / 1000), delay});
    m_restartTimer->start(delay);
}

void TunnelSupervisor::stop()
{
    m_startWhenStopped = false;
    m_restartTimer->stop();
    m_pollTimer->stop();
    if (!m_process || m_process->state() == QProcess::NotRunning) {
        if (m_process) {
            m_process->deleteLater();
            m_process = nullptr;
        }
        m_stopping = false;
        setStatus({TunnelState::Stopped, {}, FailureReason::None, {}, -1});
        return;
    }
    if (m_stopping)
        return;
    m_stopping = true;
    setStatus({TunnelState::Stopping, m_status.url, FailureReason::None,
               QStringLiteral("letting the requests in flight through the tunnel finish"), -1});
#ifdef Q_OS_WIN
    // A console program without a message loop ignores WM_CLOSE (docs/cloudflared.md §7).
    m_process->kill();
#else
    m_process->terminate(); // SIGTERM: cloudflared drains for --grace-period, then exits
    m_killTimer->start(m_timing.stopGraceMs);
#endif
}

void TunnelSupervisor::stopAndWait(int timeoutMs)
{
    stop();
    if (!m_process)
        return;
    QProcess *process = m_process;
    if (!process->waitForFinished(timeoutMs)) {
        process->kill();
        process->waitForFinished(1000);
    }
}

void TunnelSupervisor::setStatus(TunnelStatus status)
{
    if (status == m_status)
        return;
    m_status = std::move(status);
    Q_EMIT statusChanged(m_status);
}

} // namespace hydra::tunnel
