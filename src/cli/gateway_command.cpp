#include "gateway_command.h"

#include "cli_common.h"
#include "request_log_writer.h"
#include "core/engine.h"
#include "core/store/atomic_file.h"
#include "core/store/key_follower.h"
#include "core/store/key_ring.h"
#include "core/store/keychain_secret_store.h"
#include "core/store/keys_file.h"
#include "core/tunnel/cloudflared_locator.h"
#include "core/translate/messages_request.h"
#include "core/tunnel/expose_controller.h"
#include "unix_signals.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QTimer>

#include <cstdio>
#include <optional>

namespace hydra::cli {
namespace {

const QString command = QStringLiteral("gateway");

int fail(const QString &message)
{
    return cli::fail(command, message);
}

// A timeout option in seconds (fractions allowed, for tests), as milliseconds; nothing when it
// is not a number from 1 ms to a day.
std::optional<int> timeoutMs(const QString &seconds)
{
    bool ok = false;
    const double value = seconds.toDouble(&ok);
    if (!ok || !(value >= 0.001 && value <= 86'400))
        return std::nullopt;
    return static_cast<int>(value * 1000);
}

// The keys stored with `hydra setup` / `hydra keys add`. Without a usable keychain the
// gateway still starts, with no keys, after saying why and what to do.
std::optional<QString> loadStoredKeys(const QString &configDir, std::vector<pool::KeyInfo> &keys)
{
    store::KeychainSecretStore secrets;
    store::KeyRing ring(configDir, secrets);
    const auto listed = ring.list();
    if (const auto *error = std::get_if<std::string>(&listed))
        return QString::fromStdString(*error);
    if (std::get<std::vector<store::StoredKey>>(listed).empty())
        return std::nullopt; // nothing stored: no reason to wake the keychain
    store::LoadedKeys loaded;
    waitUntilDone([&ring, &loaded](std::function<void()> done) {
        ring.loadAll([&loaded, done](const store::LoadedKeys &result) {
            loaded = result;
            done();
        });
    });
    if (loaded.error.kind == store::RingError::Kind::Metadata)
        return loaded.error.message;
    if (loaded.error)
        warn(command, QStringLiteral("cannot read the stored keys: %1").arg(loaded.error.message));
    for (const store::StoredKey &missing : loaded.missing)
        warn(command, QStringLiteral("key %1 (%2) is missing from the OS keychain; remove it with: hydra keys remove %1")
                          .arg(QString::fromStdString(missing.label), QString::fromStdString(missing.maskedKey)));
    keys = std::move(loaded.keys);
    return std::nullopt;
}

// What `--expose` prints: the token when one had to be created (its only appearance), the public
// URL when the tunnel is up, and every other state change with its reason.
void reportTokenCreated(const QString &name, const QByteArray &token)
{
    std::printf("Created access token \"%s\" for the public URL. It is shown only this once; clients send it as\n"
                "\"Authorization: Bearer <token>\" (hydra tokens list / revoke manage it):\n%s\n",
                qPrintable(name), token.constData());
    std::fflush(stdout);
}

void reportTunnel(const tunnel::TunnelStatus &status)
{
    using tunnel::TunnelState;
    if (status.state == TunnelState::Up) {
        std::printf("Public URL: %s/v1\n", qPrintable(status.url));
        std::fflush(stdout);
        return;
    }
    QString line = QStringLiteral("tunnel %1").arg(tunnel::stateName(status.state));
    if (status.state == TunnelState::Starting && !status.url.isEmpty())
        line += QStringLiteral(" (%1)").arg(status.url);
    if (!status.message.isEmpty())
        line += QStringLiteral(": ") + status.message;
    std::fprintf(stderr, "hydra gateway: %s\n", qPrintable(line));
}

} // namespace

int runGateway(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs the OpenAI-compatible gateway without a window, until SIGINT or SIGTERM."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("gateway"), QStringLiteral("Run the gateway headless."));
    const QCommandLineOption host(QStringLiteral("host"), QStringLiteral("Address to listen on (default 127.0.0.1)."),
                                  QStringLiteral("address"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Port to listen on (default 8000)."),
                                  QStringLiteral("port"), QStringLiteral("8000"));
    const QCommandLineOption keysFile(QStringLiteral("keys-file"),
                                      QStringLiteral("JSON array of {\"api_key\", \"email\", \"project_id\"} "
                                                     "(default: the keys in the OS keychain, see hydra setup)."),
                                      QStringLiteral("file"));
    const QCommandLineOption upstream = upstreamOption();
    const QCommandLineOption configDir = configDirOption();
    const QCommandLineOption expose(QStringLiteral("expose"),
                                    QStringLiteral("Also publish the API on a public https://….trycloudflare.com URL through "
                                                   "cloudflared (found via $HYDRA_CLOUDFLARED, next to hydra, or PATH). "
                                                   "Requires an access token; one is created and printed if none exists."));
    const GatewayConfig defaults;
    const QCommandLineOption firstByteTimeout(
        QStringLiteral("first-byte-timeout"),
        QStringLiteral("Seconds Gemini (or the --upstream) may take before its answer starts; then the attempt "
                       "fails and another is made (default %1; thinking models can be silent for minutes).")
            .arg(defaults.upstreamFirstByteTimeoutMs / 1000),
        QStringLiteral("seconds"), QString::number(defaults.upstreamFirstByteTimeoutMs / 1000));
    const QCommandLineOption idleTimeout(
        QStringLiteral("idle-timeout"),
        QStringLiteral("Seconds an answer that has started may go silent before it is given up (default %1).")
            .arg(defaults.upstreamIdleTimeoutMs / 1000),
        QStringLiteral("seconds"), QString::number(defaults.upstreamIdleTimeoutMs / 1000));
    const translate::ClaudeModelMap claudeDefaults;
    const QCommandLineOption claudeModel(
        QStringLiteral("claude-model"),
        QStringLiteral("Which Gemini model answers Claude Code's own claude-* names on the Messages API: "
                       "opus=MODEL, sonnet=MODEL or haiku=MODEL (repeatable; defaults opus=%1, sonnet=%2, haiku=%3).")
            .arg(QString::fromStdString(claudeDefaults.opus), QString::fromStdString(claudeDefaults.sonnet),
                 QString::fromStdString(claudeDefaults.haiku)),
        QStringLiteral("family=model"));
    parser.addOptions({host, port, keysFile, upstream, configDir, expose, firstByteTimeout, idleTimeout, claudeModel});
    if (const auto exitCode = parseOrExit(parser, arguments, command))
        return *exitCode;
    if (parser.positionalArguments().size() > 1)
        return fail(QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().at(1)));

    GatewayConfig config;
    bool portOk = false;
    const uint portValue = parser.value(port).toUInt(&portOk);
    if (!portOk || portValue > 65535)
        return fail(QStringLiteral("--port must be a number from 0 to 65535, not '%1'").arg(parser.value(port)));
    config.port = static_cast<quint16>(portValue);

    const QString hostText = parser.value(host);
    config.host = hostText == u"localhost" ? QHostAddress(QHostAddress::LocalHost) : QHostAddress(hostText);
    if (config.host.isNull())
        return fail(QStringLiteral("--host must be an IP address, not '%1'").arg(hostText));
    // A non-loopback address needs an access token; the engine refuses to start without one.

    const auto upstreamUrlOrError = upstreamUrl(parser.value(upstream));
    if (const auto *error = std::get_if<QString>(&upstreamUrlOrError))
        return fail(*error);
    config.upstream = std::get<QUrl>(upstreamUrlOrError);
    const auto firstByteMs = timeoutMs(parser.value(firstByteTimeout));
    if (!firstByteMs)
        return fail(QStringLiteral("--first-byte-timeout must be a number of seconds from 0.001 to 86400, not '%1'")
                        .arg(parser.value(firstByteTimeout)));
    config.upstreamFirstByteTimeoutMs = *firstByteMs;
    const auto idleMs = timeoutMs(parser.value(idleTimeout));
    if (!idleMs)
        return fail(QStringLiteral("--idle-timeout must be a number of seconds from 0.001 to 86400, not '%1'")
                        .arg(parser.value(idleTimeout)));
    config.upstreamIdleTimeoutMs = *idleMs;
    for (const QString &setting : parser.values(claudeModel)) {
        if (const auto problem = translate::setClaudeModel(config.claudeModels, setting.toStdString()))
            return fail(QStringLiteral("--claude-model: %1").arg(QString::fromStdString(*problem)));
    }

    const QString configPath = configDirectory(parser.value(configDir));
    if (!store::makePrivateDirectory(configPath))
        return fail(QStringLiteral("cannot create the config directory %1").arg(configPath));
    config.configDir = configPath;

    // Found before anything starts: without cloudflared, --expose cannot do what it says.
    tunnel::LocatorResult cloudflared;
    if (parser.isSet(expose)) {
        cloudflared = tunnel::locateCloudflared(
            tunnel::LocatorInputs::fromEnvironment({}, tunnel::downloadDirectory(configPath)));
        if (!cloudflared.found())
            return cli::fail(command, cloudflared.error, exitFailure);
    }

    if (parser.isSet(keysFile)) {
        auto keys = store::readKeysFile(parser.value(keysFile).toStdString());
        if (auto *error = std::get_if<std::string>(&keys))
            return fail(QString::fromStdString(*error));
        config.keys = std::move(std::get<std::vector<pool::KeyInfo>>(keys));
    } else if (const auto error = loadStoredKeys(configPath, config.keys)) {
        return fail(*error);
    }
    if (config.keys.empty())
        warn(command, QStringLiteral("no API keys; chat requests will get 503 until keys are added "
                                     "(hydra setup --file keys.json, hydra keys add, or --keys-file keys.json)"));

    Engine engine;
    int exitCode = 0;
    QObject::connect(&engine, &Engine::started, &engine, [&config](const QString &baseUrl) {
        std::printf("Hydra gateway listening on %s (%zu keys)\n", qPrintable(baseUrl), config.keys.size());
        std::fflush(stdout);
    });
    QObject::connect(&engine, &Engine::startFailed, &engine, [&exitCode, &config](const QString &message, bool inUse) {
        std::fprintf(stderr, "hydra gateway: %s%s\n", qPrintable(message),
                     inUse ? qPrintable(QStringLiteral(" (choose another with --port %1)").arg(config.port + 1)) : "");
        exitCode = exitUsage;
        QCoreApplication::exit(exitUsage);
    });
    RequestLogWriter requestLog(stderr);
    QObject::connect(&engine, &Engine::requestCompleted, &requestLog, &RequestLogWriter::append);

    tunnel::ExposeController exposer(engine, configPath);
    exposer.setCloudflared(cloudflared.command);
    QObject::connect(&exposer, &tunnel::ExposeController::tokenCreated, &exposer, &reportTokenCreated);
    QObject::connect(&exposer, &tunnel::ExposeController::statusChanged, &exposer, &reportTunnel);
    if (parser.isSet(expose)) {
        QObject::connect(&engine, &Engine::started, &exposer, [&exposer] { exposer.setExposed(true); });
    }

    // The keys are followed while the gateway runs: hydra keys add / remove in another terminal,
    // the settings dialog or an edited --keys-file take effect within a second, without a restart.
    store::KeychainSecretStore followerSecrets;
    store::KeyRing followerRing(configPath, followerSecrets);
    store::KeyFollower *keys = parser.isSet(keysFile) ? store::KeyFollower::forKeysFile(parser.value(keysFile), &engine)
                                                      : store::KeyFollower::forKeyRing(followerRing, configPath, &engine);
    QObject::connect(keys, &store::KeyFollower::keysChanged, &engine,
                     [&engine, &config](const std::vector<pool::KeyInfo> &loaded) {
                         config.keys = loaded;
                         engine.reconfigure(config);
                         std::fprintf(stderr, "hydra gateway: the keys changed; now %zu keys\n", loaded.size());
                     });
    QObject::connect(keys, &store::KeyFollower::readFailed, &engine, [](const QString &problem) {
        warn(command, QStringLiteral("the keys changed but cannot be read (%1); the gateway keeps the keys it had")
                          .arg(problem));
    });
    QObject::connect(&engine, &Engine::started, keys, &store::KeyFollower::start);

    // Stopping: cloudflared drains what is in flight through the tunnel for its grace period, and
    // the gateway stops taking requests and lets those in flight finish for a few seconds.
    TerminationWatcher termination;
    QObject::connect(&termination, &TerminationWatcher::terminationRequested, &engine, [&exposer, &engine] {
        const auto quitWhenDone = [&exposer, &engine] {
            if (!engine.isRunning() && !exposer.isExposed() &&
                exposer.supervisor().status().state == tunnel::TunnelState::Stopped)
                QCoreApplication::exit(0);
        };
        QObject::connect(&exposer, &tunnel::ExposeController::statusChanged, &exposer, quitWhenDone);
        QObject::connect(&engine, &Engine::stopped, &engine, quitWhenDone);
        if (engine.isRunning())
            std::fprintf(stderr, "hydra gateway: stopping; requests in flight may finish for up to %d s\n",
                         Engine::gracefulStopMs / 1000);
        exposer.setExposed(false);
        engine.stopGracefully(Engine::gracefulStopMs);
        QTimer::singleShot(10'000, &exposer, [] { QCoreApplication::exit(0); });
        quitWhenDone();
    });
    engine.start(config);
    const int loopResult = QCoreApplication::exec();
    exposer.stopAndWait(3000);
    engine.stop();
    return exitCode ? exitCode : loopResult;
}

} // namespace hydra::cli
