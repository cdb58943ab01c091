// settings.json: defaults, a round trip, corrupt files, the mapping onto GatewayConfig, and the
// rules the dialog's fields follow.

#include "app/settings/app_settings.h"
#include "app/settings/settings_checks.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

using namespace hydra::app;

namespace {

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

GatewaySettings custom()
{
    GatewaySettings settings;
    settings.bindAddress = QStringLiteral("0.0.0.0");
    settings.port = 8123;
    settings.startOnLaunch = false;
    settings.upstream = QStringLiteral("http://127.0.0.1:9000");
    settings.cloudflaredPath = QStringLiteral("/opt/cloudflared");
    settings.firstByteTimeoutS = 600;
    settings.idleTimeoutS = 45;
    settings.modelLimits = {{QStringLiteral("gemini-2.5-flash"), 3, std::nullopt},
                            {QStringLiteral("my-model"), std::nullopt, 50}};
    return settings;
}

const hydra::pool::ModelLimitRow *rowFor(const hydra::pool::LimitsTable &table, const std::string &model)
{
    for (const auto &row : table)
        if (row.model == model)
            return &row;
    return nullptr;
}

} // namespace

class TestAppSettings : public QObject
{
    Q_OBJECT

private slots:
    void noFileMeansDefaultsWithoutProblem()
    {
        QTemporaryDir dir;
        QString problem = QStringLiteral("untouched");
        const GatewaySettings settings = AppSettings(dir.path()).load(&problem);
        QCOMPARE(settings, GatewaySettings());
        QCOMPARE(settings.bindAddress, QStringLiteral("127.0.0.1"));
        QCOMPARE(settings.port, quint16(8000));
        QVERIFY(settings.startOnLaunch);
        QVERIFY(problem.isEmpty());
    }

    void savedSettingsComeBackAndOtherFieldsSurvive()
    {
        QTemporaryDir dir;
        AppSettings store(dir.path() + QStringLiteral("/new/profile")); // created on save
        writeFile(dir.path() + QStringLiteral("/other.json"), "{}");
        QDir().mkpath(dir.path() + QStringLiteral("/new/profile"));
        writeFile(store.filePath(), "{\"shell\": {\"welcome_done\": true}}");
        QString error;
        QVERIFY2(store.save(custom(), &error), qPrintable(error));
        QString problem;
        QCOMPARE(store.load(&problem), custom());
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QFile file(store.filePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("\"welcome_done\": true"));
        QVERIFY(text.contains("\"port\": 8123"));
        QVERIFY(text.contains("\"first_byte_timeout_s\": 600"));
    }

    void settingsAreTheOwnersAlone()
    {
#ifndef Q_OS_UNIX
        QSKIP("Unix permission bits");
#endif
        QTemporaryDir dir;
        const QString folder = dir.path() + QStringLiteral("/profile");
        const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                                QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                                QFileDevice::WriteOther | QFileDevice::ExeOther;
        AppSettings store(folder);
        QString error;
        QVERIFY2(store.save(custom(), &error), qPrintable(error));
        QCOMPARE(QFileInfo(folder).permissions() & others, QFileDevice::Permissions());
        QCOMPARE(QFile::permissions(store.filePath()) & others, QFileDevice::Permissions());
        // A file an older version left readable by everyone is tightened when next saved.
        QVERIFY(QFile::setPermissions(store.filePath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                            QFileDevice::ReadGroup | QFileDevice::ReadOther));
        QVERIFY2(store.save(GatewaySettings(), &error), qPrintable(error));
        QCOMPARE(QFile::permissions(store.filePath()) & others, QFileDevice::Permissions());
    }

    void upstreamTimeoutsReachTheEngineAndBadOnesKeepTheDefault()
    {
        const hydra::GatewayConfig config = AppSettings(QStringLiteral("/tmp")).toGatewayConfig(custom());
        QCOMPARE(config.upstreamFirstByteTimeoutMs, 600'000);
        QCOMPARE(config.upstreamIdleTimeoutMs, 45'000);
        const hydra::GatewayConfig defaults = AppSettings(QStringLiteral("/tmp")).toGatewayConfig(GatewaySettings());
        QCOMPARE(defaults.upstreamFirstByteTimeoutMs, hydra::GatewayConfig().upstreamFirstByteTimeoutMs);
        QCOMPARE(defaults.upstreamIdleTimeoutMs, hydra::GatewayConfig().upstreamIdleTimeoutMs);
        QString problem;
        const GatewaySettings bad =
            parseSettings("{\"gateway\": {\"first_byte_timeout_s\": 0, \"idle_timeout_s\": \"long\"}}", &problem);
        QCOMPARE(bad.firstByteTimeoutS, GatewaySettings().firstByteTimeoutS);
        QCOMPARE(bad.idleTimeoutS, GatewaySettings().idleTimeoutS);
        QVERIFY2(problem.contains(QStringLiteral("first_byte_timeout_s")), qPrintable(problem));
        QVERIFY2(problem.contains(QStringLiteral("idle_timeout_s")), qPrintable(problem));
    }

    void corruptFileGivesDefaultsAndSaysSo()
    {
        QTemporaryDir dir;
        AppSettings store(dir.path());
        writeFile(store.filePath(), "{\"gateway\": {\"port\": 80");
        QString problem;
        QCOMPARE(store.load(&problem), GatewaySettings());
        QVERIFY(problem.contains(store.filePath()));
        QVERIFY(problem.contains(QStringLiteral("not a JSON object")));
    }

    void wrongFieldsFallBackOneByOne()
    {
        QTemporaryDir dir;
        AppSettings store(dir.path());
        writeFile(store.filePath(), "{\"gateway\": {\"port\": \"eighty\", \"bind_address\": \"0.0.0.0\", \"start_on_launch\": 1, "
                  "\"model_limits\": [{\"model\": \"m\", \"rpm\": -2, \"rpd\": 7}, {\"rpm\": 1}, 5]}}");
        QString problem;
        const GatewaySettings settings = store.load(&problem);
        QCOMPARE(settings.port, quint16(8000));
        QCOMPARE(settings.bindAddress, QStringLiteral("0.0.0.0"));
        QVERIFY(settings.startOnLaunch);
        QCOMPARE(settings.modelLimits.size(), std::size_t(1));
        QCOMPARE(settings.modelLimits[0], (ModelLimitOverride{QStringLiteral("m"), std::nullopt, 7}));
        QVERIFY(problem.contains(QStringLiteral("\"port\" has the wrong type")));
        QVERIFY(problem.contains(QStringLiteral("\"start_on_launch\" has the wrong type")));
        QVERIFY(problem.contains(QStringLiteral("\"rpm\" is not a positive whole number")));
        QVERIFY(problem.contains(QStringLiteral("without a model name")));
    }

    void portOutOfRangeInTheFileIsIgnored()
    {
        QString problem;
        QCOMPARE(parseSettings("{\"gateway\": {\"port\": 70000}}", &problem).port, quint16(8000));
        QVERIFY(problem.contains(QStringLiteral("70000")));
    }

    void saveReportsWhereItCannotWrite()
    {
        QTemporaryDir dir;
        writeFile(dir.path() + QStringLiteral("/file"), "x");
        AppSettings store(dir.path() + QStringLiteral("/file/inside"));
        QString error;
        QVERIFY(!store.save(custom(), &error));
        QVERIFY(error.contains(store.filePath()));
    }

    void gatewayConfigWithoutOverridesLeavesLimitsToTheEngine()
    {
        QTemporaryDir dir;
        const hydra::GatewayConfig config = AppSettings(dir.path()).toGatewayConfig(GatewaySettings());
        QCOMPARE(config.host, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(config.port, quint16(8000));
        QCOMPARE(config.upstream.host(), QStringLiteral("generativelanguage.googleapis.com"));
        QCOMPARE(config.configDir, dir.path());
        QVERIFY(!config.modelLimits);
    }

    void overridesApplyOnTopOfGooglesFreeTier()
    {
        GatewaySettings settings;
        settings.modelLimits = {{QStringLiteral("gemini-2.5-flash"), 3, std::nullopt},
                                {QStringLiteral("my-model"), std::nullopt, 50}};
        const hydra::GatewayConfig config = AppSettings(QStringLiteral("/tmp")).toGatewayConfig(settings);
        QVERIFY(config.modelLimits);
        const auto &table = *config.modelLimits;
        QCOMPARE(table.size(), hydra::pool::freeTierDefaults().size() + 1);
        const auto *flash = rowFor(table, "gemini-2.5-flash");
        QVERIFY(flash);
        QCOMPARE(flash->limits.rpm, std::optional<std::int64_t>(3));
        QCOMPARE(flash->limits.rpd, hydra::pool::defaultLimitsFor(hydra::pool::freeTierDefaults(), "gemini-2.5-flash").rpd);
        const auto *mine = rowFor(table, "my-model");
        QVERIFY(mine);
        QVERIFY(!mine->limits.rpm);
        QCOMPARE(mine->limits.rpd, std::optional<std::int64_t>(50));
        // The untouched defaults are still there.
        QCOMPARE(rowFor(table, "gemini-2.5-flash-lite")->limits,
                 rowFor(hydra::pool::freeTierDefaults(), "gemini-2.5-flash-lite")->limits);
    }

    void otherUpstreamsGetOnlyTheOverrides()
    {
        const hydra::GatewayConfig config = AppSettings(QStringLiteral("/tmp")).toGatewayConfig(custom());
        QCOMPARE(config.upstream, QUrl(QStringLiteral("http://127.0.0.1:9000")));
        QCOMPARE(config.host, QHostAddress(QHostAddress::AnyIPv4));
        QCOMPARE(config.port, quint16(8123));
        QVERIFY(config.modelLimits);
        QCOMPARE(config.modelLimits->size(), std::size_t(2));
    }

    void fieldRules()
    {
        using Level = FieldCheck::Level;
        QCOMPARE(SettingsChecks::port(QStringLiteral("8080")).level, Level::Ok);
        const auto move = [](const char *address, quint16 port) {
            return SettingsChecks::listenerMove(QStringLiteral("127.0.0.1"), 8000, QString::fromLatin1(address), port);
        };
        QCOMPARE(move("127.0.0.1", 8000).level, Level::Ok);
        QCOMPARE(move("127.0.0.1", 8001).level, Level::Warning);
        QCOMPARE(move("0.0.0.0", 8000).level, Level::Warning);
        QVERIFY(move("127.0.0.1", 8001).message.contains(QStringLiteral("127.0.0.1:8001")));
        QCOMPARE(SettingsChecks::port(QStringLiteral("1024")).level, Level::Ok);
        QCOMPARE(SettingsChecks::port(QStringLiteral("80")).level, Level::Warning);
        QCOMPARE(SettingsChecks::port(QStringLiteral("0")).level, Level::Error);
        QCOMPARE(SettingsChecks::port(QStringLiteral("65536")).level, Level::Error);
        QCOMPARE(SettingsChecks::port(QStringLiteral("eighty")).level, Level::Error);
        QCOMPARE(SettingsChecks::upstream(QString()).level, Level::Ok);
        QCOMPARE(SettingsChecks::upstream(QStringLiteral("https://proxy.example/v")).level, Level::Ok);
        QCOMPARE(SettingsChecks::upstream(QStringLiteral("ftp://proxy.example")).level, Level::Error);
        QCOMPARE(SettingsChecks::upstream(QStringLiteral("http://")).level, Level::Error);
        QCOMPARE(SettingsChecks::upstream(QStringLiteral("not a url")).level, Level::Error);
        QCOMPARE(SettingsChecks::bindAddress(QStringLiteral("127.0.0.1"), false).level, Level::Ok);
        QCOMPARE(SettingsChecks::bindAddress(QStringLiteral("0.0.0.0"), false).level, Level::Error);
        QCOMPARE(SettingsChecks::bindAddress(QStringLiteral("0.0.0.0"), true).level, Level::Warning);
        QCOMPARE(SettingsChecks::bindAddress(QStringLiteral("bogus"), true).level, Level::Error);
        QCOMPARE(SettingsChecks::modelLimits({{QStringLiteral("a"), 1, 2}}).level, Level::Ok);
        QCOMPARE(SettingsChecks::modelLimits({{QString(), 1, 2}}).level, Level::Error);
        QCOMPARE(SettingsChecks::modelLimits({{QStringLiteral("a"), 0, 2}}).level, Level::Error);
        QCOMPARE(SettingsChecks::modelLimits({{QStringLiteral("a"), 1, {}}, {QStringLiteral("a"), {}, 2}}).level,
                 Level::Error);
    }

    // The field takes what exposing will run: a path, or a command whose first word is a program.
    void cloudflaredFieldAcceptsAPathOrACommand()
    {
        using Level = FieldCheck::Level;
        const QString program = QCoreApplication::applicationFilePath(); // an executable that surely exists
        const QString onPath = QFileInfo(program).fileName();
        const QByteArray savedPath = qgetenv("PATH");
        qputenv("PATH", QFileInfo(program).absolutePath().toUtf8());
        const auto restore = qScopeGuard([&savedPath] { qputenv("PATH", savedPath); });
        QCOMPARE(SettingsChecks::cloudflaredPath(QString()).level, Level::Ok);
        QCOMPARE(SettingsChecks::cloudflaredPath(program).level, Level::Ok);
        QCOMPARE(SettingsChecks::cloudflaredPath(onPath + QStringLiteral(" tunnel --flag")).level, Level::Ok);
        QCOMPARE(SettingsChecks::cloudflaredPath(u'"' + program + QStringLiteral("\" x")).level, Level::Ok);
        QCOMPARE(SettingsChecks::cloudflaredPath(QStringLiteral("no-such-program-here tunnel")).level, Level::Error);
        QCOMPARE(SettingsChecks::cloudflaredPath(program + QStringLiteral("-missing")).level, Level::Error);
        QCOMPARE(SettingsChecks::cloudflaredPath(QStringLiteral("\"")).level, Level::Error);
    }
};

QTEST_GUILESS_MAIN(TestAppSettings)
#include "tst_app_settings.moc"
