// The tray menu and icon for each state of the gateway (no system tray needed: the menu is a
// plain QMenu built from a ShellState).

#include "app/shell/exposure_status.h"
#include "app/shell/shell_state.h"
#include "app/shell/tray_icons.h"
#include "app/shell/tray_menu.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QIcon>
#include <QImage>
#include <QMenu>
#include <QPalette>
#include <QPixmap>
#include <QTest>
#include <QTranslator>

Q_DECLARE_METATYPE(hydra::app::TrayStatus)

using namespace hydra::app;
namespace tunnel = hydra::tunnel;

namespace {

ShellState running(int keys = 3)
{
    ShellState state;
    state.gateway = GatewayState::Running;
    state.baseUrl = QStringLiteral("http://127.0.0.1:8000/v1");
    state.rpm = 42;
    state.keys = keys;
    state.usableKeys = keys;
    return state;
}

} // namespace

class TstTrayMenu : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { initShellResources(); }

    void stoppedOffersStartAndNothingThatNeedsARunningGateway()
    {
        TrayMenu tray;
        ShellState state;
        tray.update(state);
        const auto &a = tray.actions();
        QCOMPARE(a.gateway->text(), QStringLiteral("Start gateway"));
        QVERIFY(a.gateway->isEnabled());
        QVERIFY(!a.expose->isEnabled());
        QCOMPARE(a.expose->toolTip(), QStringLiteral("Start the gateway first"));
        QVERIFY(!a.copyBaseUrl->isEnabled());
        QVERIFY(!a.copyPublicUrl->isVisible());
        QCOMPARE(a.status->text(), QStringLiteral("Gateway stopped"));
        QVERIFY(!a.status->isEnabled());
        QVERIFY(a.dashboard->isEnabled() && a.settings->isEnabled() && a.connectTools->isEnabled() && a.quit->isEnabled());
        QCOMPARE(trayStatus(state), TrayStatus::Stopped);
    }

    void startingCannotBeToggledTwice()
    {
        TrayMenu tray;
        ShellState state;
        state.gateway = GatewayState::Starting;
        tray.update(state);
        QVERIFY(!tray.actions().gateway->isEnabled());
        QCOMPARE(tray.actions().status->text(), QStringLiteral("Gateway starting…"));
        QCOMPARE(trayStatus(state), TrayStatus::Stopped);
    }

    void stoppingSaysSoAndCannotBeToggled()
    {
        TrayMenu tray;
        ShellState state = running();
        state.gateway = GatewayState::Stopping;
        tray.update(state);
        QVERIFY(!tray.actions().gateway->isEnabled());
        QCOMPARE(tray.actions().status->text(), QStringLiteral("Gateway stopping: requests in progress are finishing…"));
        QVERIFY(!tray.actions().copyBaseUrl->isEnabled());
        QCOMPARE(trayStatus(state), TrayStatus::Stopped);
    }

    void runningOffersStopAndTheBaseUrl()
    {
        TrayMenu tray;
        const ShellState state = running();
        tray.update(state);
        const auto &a = tray.actions();
        QCOMPARE(a.gateway->text(), QStringLiteral("Stop gateway"));
        QVERIFY(a.copyBaseUrl->isEnabled());
        QVERIFY(a.expose->isEnabled());
        QVERIFY(!a.expose->isChecked());
        QVERIFY(!a.copyPublicUrl->isVisible());
        QCOMPARE(a.status->text(), QStringLiteral("Running with 3 key(s)"));
        QCOMPARE(TrayMenu::toolTip(state),
                 QStringLiteral("Hydra: Running with 3 key(s)\nhttp://127.0.0.1:8000/v1 · 42 RPM"));
        QCOMPARE(trayStatus(state), TrayStatus::Running);
    }

    void someKeysLimited()
    {
        TrayMenu tray;
        ShellState state = running(4);
        state.limitedKeys = 2;
        tray.update(state);
        QCOMPARE(tray.actions().status->text(), QStringLiteral("Running: 2 of 4 keys out of quota for now"));
        QCOMPARE(trayStatus(state), TrayStatus::SomeKeysLimited);
    }

    void noUsableKey_data()
    {
        QTest::addColumn<int>("keys");
        QTest::addColumn<QString>("status");
        QTest::newRow("none stored") << 0 << QStringLiteral("Running, but no keys: add keys in Settings");
        QTest::newRow("all invalid") << 2 << QStringLiteral("Running, but no key works: check the keys in Settings");
    }

    void noUsableKey()
    {
        QFETCH(int, keys);
        QFETCH(QString, status);
        TrayMenu tray;
        ShellState state = running(keys);
        state.usableKeys = 0;
        state.publicUrl = QStringLiteral("https://a-b.trycloudflare.com/v1"); // more urgent than exposed
        state.exposing = true;
        state.expose = ExposeState::Up;
        tray.update(state);
        QCOMPARE(tray.actions().status->text(), status);
        QCOMPARE(trayStatus(state), TrayStatus::NoUsableKey);
    }

    void exposedStates_data()
    {
        QTest::addColumn<int>("tunnelState");
        QTest::addColumn<bool>("exposing");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("exposeText");
        QTest::addColumn<QString>("publicText");
        QTest::addColumn<bool>("copyEnabled");
        QTest::addColumn<QString>("toolTipLine");
        QTest::addColumn<TrayStatus>("icon");
        const QString url = QStringLiteral("https://calm-river.trycloudflare.com");
        using tunnel::TunnelState;
        QTest::newRow("starting") << int(TunnelState::Starting) << true << QString() << "Expose publicly (starting…)"
                                  << "Public URL: connecting…" << false << "Public URL: connecting…" << TrayStatus::Running;
        // cloudflared printed the URL, the edge has not confirmed it: not yet worth copying.
        QTest::newRow("starting, URL known") << int(TunnelState::Starting) << true << url << "Expose publicly (starting…)"
                                             << "Public URL: connecting…" << false << "Public URL: connecting…"
                                             << TrayStatus::Running;
        QTest::newRow("up") << int(TunnelState::Up) << true << url << "Expose publicly (on)"
                            << "Copy public URL: " + url + "/v1" << true << "Public: " + url + "/v1" << TrayStatus::Exposed;
        QTest::newRow("reconnecting") << int(TunnelState::Reconnecting) << true << url
                                      << "Expose publicly (reconnecting…)" << "Public: " + url + "/v1 (reconnecting…)"
                                      << false << "Public: " + url + "/v1 (reconnecting…)" << TrayStatus::Exposed;
        QTest::newRow("failed, retrying") << int(TunnelState::Failed) << true << QString()
                                          << "Expose publicly (failed)"
                                          << "Public URL failed: trycloudflare.com is limiting new quick tunnels from "
                                             "this network (error 1015). Hydra tries again in 60 second(s). Details: "
                                             "rate limited"
                                          << false
                                          << "Public URL failed: trycloudflare.com is limiting new quick tunnels from "
                                             "this network (error 1015). Hydra tries again in 60 second(s). Details: "
                                             "rate limited"
                                          << TrayStatus::Running;
        QTest::newRow("stopping") << int(TunnelState::Stopping) << true << url << "Expose publicly (stopping…)"
                                  << "Public: " + url + "/v1 (closing: requests in progress are finishing…)" << false
                                  << "Public: " + url + "/v1 (closing: requests in progress are finishing…)"
                                  << TrayStatus::Running;
        QTest::newRow("stopped") << int(TunnelState::Stopped) << false << QString() << "Expose publicly" << QString()
                                 << false << QString() << TrayStatus::Running;
    }

    void exposedStates()
    {
        QFETCH(int, tunnelState);
        QFETCH(bool, exposing);
        QFETCH(QString, url);
        QFETCH(QString, exposeText);
        QFETCH(QString, publicText);
        QFETCH(bool, copyEnabled);
        QFETCH(QString, toolTipLine);
        QFETCH(TrayStatus, icon);

        tunnel::TunnelStatus status;
        status.state = tunnel::TunnelState(tunnelState);
        status.url = url;
        if (status.state == tunnel::TunnelState::Failed) {
            status.reason = tunnel::FailureReason::RateLimited;
            status.message = QStringLiteral("rate limited");
            status.retryInMs = 59'500;
        }
        ShellState state = running();
        applyTunnelStatus(state, status, exposing);

        TrayMenu tray;
        tray.update(state);
        const auto &a = tray.actions();
        QCOMPARE(a.expose->text(), exposeText);
        QCOMPARE(a.expose->isChecked(), exposing);
        QVERIFY(a.expose->isEnabled());
        QCOMPARE(a.copyPublicUrl->isVisible(), exposing);
        if (exposing)
            QCOMPARE(a.copyPublicUrl->text(), publicText);
        QCOMPARE(a.copyPublicUrl->isEnabled(), copyEnabled);
        const QStringList tip = TrayMenu::toolTip(state).split(u'\n');
        QCOMPARE(tip.size(), toolTipLine.isEmpty() ? 2 : 3);
        if (!toolTipLine.isEmpty())
            QCOMPARE(tip.last(), toolTipLine);
        QCOMPARE(trayStatus(state), icon);
        if (status.state == tunnel::TunnelState::Failed)
            QCOMPARE(a.expose->toolTip(), state.exposeProblem); // the reason where the user looks
    }

    void aFailureThatIsNotRetriedTurnsTheSwitchOff()
    {
        tunnel::TunnelStatus status{tunnel::TunnelState::Failed, {}, tunnel::FailureReason::BadArguments,
                                    QStringLiteral("Incorrect Usage: flag provided but not defined: -protocol"), -1};
        ShellState state = running();
        applyTunnelStatus(state, status, false);
        TrayMenu tray;
        tray.update(state);
        QCOMPARE(tray.actions().expose->text(), QStringLiteral("Expose publicly (failed)"));
        QVERIFY(!tray.actions().expose->isChecked());
        QVERIFY(tray.actions().expose->isEnabled()); // to try again
        QVERIFY(!tray.actions().copyPublicUrl->isVisible());
        QCOMPARE(state.exposeProblem,
                 QStringLiteral("This cloudflared is too old for Hydra: use a recent release. Details: Incorrect Usage: "
                                "flag provided but not defined: -protocol"));
    }

    void theSwitchNeedsARunningGatewayUnlessOn()
    {
        TrayMenu tray;
        ShellState state;
        tray.update(state);
        QVERIFY(!tray.actions().expose->isEnabled());
        state.exposing = true; // the gateway stopping turns it off, but until then it can be switched off
        state.expose = ExposeState::Starting;
        tray.update(state);
        QVERIFY(tray.actions().expose->isEnabled());
    }

    void startAtLoginFollowsTheState()
    {
        TrayMenu tray;
        ShellState state;
        state.startAtLogin = true;
        tray.update(state);
        QVERIFY(tray.actions().startAtLogin->isCheckable());
        QVERIFY(tray.actions().startAtLogin->isChecked());
        state.startAtLogin = false;
        tray.update(state);
        QVERIFY(!tray.actions().startAtLogin->isChecked());
    }

    void menuOrderAndWindowControls()
    {
        TrayMenu tray;
        QStringList names;
        for (QAction *action : tray.menu()->actions())
            if (!action->isSeparator())
                names << action->objectName();
        QCOMPARE(names, (QStringList{"status", "gateway", "expose", "copyBaseUrl", "copyPublicUrl", "dashboard",
                                     "settings", "connectTools", "startAtLogin", "quit"}));
        const QList<QAction *> controls = tray.controlActions();
        QVERIFY(!controls.contains(tray.actions().status));
        QVERIFY(!controls.contains(tray.actions().dashboard));
        QVERIFY(controls.contains(tray.actions().gateway));
        QVERIFY(controls.contains(tray.actions().quit));
    }

    void iconPerStateAndPanel_data()
    {
        QTest::addColumn<TrayStatus>("status");
        QTest::addColumn<QString>("name");
        QTest::newRow("stopped") << TrayStatus::Stopped << QStringLiteral("stopped");
        QTest::newRow("running") << TrayStatus::Running << QStringLiteral("running");
        QTest::newRow("limited") << TrayStatus::SomeKeysLimited << QStringLiteral("limited");
        QTest::newRow("no key") << TrayStatus::NoUsableKey << QStringLiteral("nokey");
        QTest::newRow("exposed") << TrayStatus::Exposed << QStringLiteral("exposed");
    }

    void iconPerStateAndPanel()
    {
        QFETCH(TrayStatus, status);
        QFETCH(QString, name);
        for (const bool dark : {false, true}) {
            const QString path = trayIconPath(status, dark);
            QCOMPARE(path, QStringLiteral(":/tray/tray-%1-%2.svg").arg(name, dark ? "dark" : "light"));
            QVERIFY2(QFile::exists(path), qPrintable(path));
            // Renders sharp at tray sizes from 16 px to HiDPI 64 px, and is not blank.
            for (const int size : {16, 22, 32, 64}) {
                const QImage image = trayIcon(status, dark).pixmap(size, size).toImage();
                QCOMPARE(image.width(), size);
                int opaque = 0;
                for (int y = 0; y < image.height(); ++y)
                    for (int x = 0; x < image.width(); ++x)
                        opaque += qAlpha(image.pixel(x, y)) > 128 ? 1 : 0;
                QVERIFY2(opaque > size * size / 10, qPrintable(QStringLiteral("%1 at %2 px").arg(path).arg(size)));
            }
        }
    }

    void iconsDifferPerState()
    {
        QSet<QByteArray> seen;
        for (const TrayStatus status : {TrayStatus::Stopped, TrayStatus::Running, TrayStatus::SomeKeysLimited,
                                        TrayStatus::NoUsableKey, TrayStatus::Exposed})
            for (const bool dark : {false, true}) {
                const QImage image = trayIcon(status, dark).pixmap(32, 32).toImage();
                seen.insert(QByteArray(reinterpret_cast<const char *>(image.constBits()), image.sizeInBytes()));
            }
        QCOMPARE(seen.size(), 10);
    }

    void translationsAreBuiltIn_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("start");
        QTest::addColumn<QString>("running");
        QTest::newRow("zh_CN") << QStringLiteral(":/i18n/hydra_zh_CN.qm") << QStringLiteral("启动网关")
                               << QStringLiteral("运行中，共 3 个密钥");
        QTest::newRow("es") << QStringLiteral(":/i18n/hydra_es.qm") << QStringLiteral("Iniciar la pasarela")
                            << QStringLiteral("En marcha con 3 claves");
    }

    void translationsAreBuiltIn()
    {
        QFETCH(QString, file);
        QFETCH(QString, start);
        QFETCH(QString, running);
        QTranslator translator;
        QVERIFY(translator.load(file));
        QCoreApplication::installTranslator(&translator);
        TrayMenu tray;
        tray.update(ShellState{});
        const QString startText = tray.actions().gateway->text();
        tray.update(::running());
        const QString runningText = tray.actions().status->text();
        QCoreApplication::removeTranslator(&translator);
        QCOMPARE(startText, start);
        QCOMPARE(runningText, running);
    }

    void darkPaletteDetection()
    {
        QPalette light;
        light.setColor(QPalette::Window, QColor(240, 240, 240));
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(40, 40, 40));
        QVERIFY(!isDarkPalette(light));
        QVERIFY(isDarkPalette(dark));
    }
};

QTEST_MAIN(TstTrayMenu)
#include "tst_tray_menu.moc"
