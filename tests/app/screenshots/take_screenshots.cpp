// Screenshots of the desktop app as a user sees it, for the README (docs/screenshots) and as
// test artifacts: the real app shell (DesktopApp) with a real engine against the fake Gemini,
// real requests through the gateway, then the dashboard, the settings dialog, the tray menu,
// "connect your tools", exposing through the fake cloudflared, and the welcome flow. Keys live
// in memory, never in the real keychain.
//
//   xvfb-run -a take_screenshots <output dir>
//
// Fails (exit 1) when the gateway does not start, a request goes unanswered or a picture is
// blank, so the test command notices a broken window.

#include "app/dashboard/dashboard_window.h"
#include "app/settings/app_settings.h"
#include "app/settings/settings_dialog.h"
#include "app/shell/connect_tools_widget.h"
#include "app/shell/desktop_app.h"
#include "app/shell/port_finder.h"
#include "app/shell/tray_icons.h"
#include "app/shell/welcome_wizard.h"
#include "fake_cloudflared_command.h"
#include "fake_gemini.h"
#include "store/memory_secret_store.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QDeadlineTimer>
#include <QDir>
#include <QImage>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPainter>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace hydra;

namespace {

int failures = 0;

void fail(const QString &what)
{
    std::fprintf(stderr, "take_screenshots: %s\n", qPrintable(what));
    ++failures;
}

bool waitFor(const std::function<bool()> &condition, int timeoutMs = 20'000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!condition() && !deadline.hasExpired())
        QTest::qWait(20);
    return condition();
}

// Not blank: more than one colour in a fair share of the picture.
bool hasContent(const QImage &image)
{
    if (image.isNull() || image.width() < 50 || image.height() < 50)
        return false;
    const QRgb first = image.pixel(0, 0);
    int different = 0;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4)
            different += image.pixel(x, y) != first ? 1 : 0;
    return different > (image.width() / 4) * (image.height() / 4) / 50;
}

void save(const QPixmap &shot, const QString &dir, const QString &name)
{
    const QString path = dir + u'/' + name;
    if (!hasContent(shot.toImage()))
        fail(QStringLiteral("%1 is blank").arg(name));
    else if (!shot.save(path))
        fail(QStringLiteral("cannot write %1").arg(path));
    else
        std::printf("wrote %s\n", qPrintable(path));
}

// The shell's window of that class. Looked up right before use: windows closed earlier are
// deleted (WA_DeleteOnClose) by the event loops that grabbing runs.
template<class Window>
Window *topLevel(const QString &objectName = {})
{
    for (QWidget *widget : QApplication::topLevelWidgets())
        if (auto *window = qobject_cast<Window *>(widget))
            if (objectName.isEmpty() || (window->objectName() == objectName && window->isVisible()))
                return window;
    return nullptr;
}

QPixmap grabWindow(QWidget *widget)
{
    widget->show();
    widget->raise();
    if (!QTest::qWaitForWindowExposed(widget))
        fail(QStringLiteral("%1 was never shown").arg(widget->windowTitle()));
    QTest::qWait(300); // let layouts and the chart settle
    return widget->grab();
}

// The five tray states, light and dark panels, side by side at 32 px and 64 px (HiDPI).
QPixmap trayIconSheet()
{
    const QList<app::TrayStatus> states{app::TrayStatus::Stopped, app::TrayStatus::Running,
                                        app::TrayStatus::SomeKeysLimited, app::TrayStatus::NoUsableKey,
                                        app::TrayStatus::Exposed};
    QPixmap sheet(5 * 112, 2 * 84);
    sheet.fill(Qt::transparent);
    QPainter painter(&sheet);
    for (int dark = 0; dark < 2; ++dark) {
        painter.fillRect(0, dark * 84, sheet.width(), 84, dark ? QColor(0x20, 0x20, 0x20) : QColor(0xf3, 0xf3, 0xf3));
        for (int i = 0; i < states.size(); ++i) {
            const QIcon icon = app::trayIcon(states[i], dark == 1);
            painter.drawPixmap(i * 112 + 8, dark * 84 + 26, icon.pixmap(32, 32));
            painter.drawPixmap(i * 112 + 44, dark * 84 + 10, icon.pixmap(64, 64));
        }
    }
    return sheet;
}

void sendTraffic(const QString &baseUrl, int count)
{
    QNetworkAccessManager network;
    const QStringList models{QStringLiteral("gemini-2.5-flash"), QStringLiteral("gemini-2.5-pro"),
                             QStringLiteral("gemini-2.5-flash-lite")};
    int finished = 0;
    for (int i = 0; i < count; ++i) {
        QNetworkRequest request(QUrl(baseUrl + QStringLiteral("/chat/completions")));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        const QString body = QStringLiteral(R"({"model":"%1","stream":%2,"messages":[{"role":"user","content":"Hello"}]})")
                                 .arg(models[i % 7 < 4 ? 0 : i % 7 < 6 ? 1 : 2], i % 3 ? QStringLiteral("true")
                                                                                        : QStringLiteral("false"));
        QNetworkReply *reply = network.post(request, body.toUtf8());
        QObject::connect(reply, &QNetworkReply::finished, reply, [reply, &finished] {
            ++finished;
            reply->deleteLater();
        });
        if (i % 8 == 7)
            waitFor([&] { return finished == i + 1; });
    }
    if (!waitFor([&] { return finished == count; }, 60'000))
        fail(QStringLiteral("%1 of %2 requests answered").arg(finished).arg(count));
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication application(argc, argv);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    app::initShellResources();
    const QString outDir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QDir::currentPath();
    if (!QDir().mkpath(outDir)) {
        fail(QStringLiteral("cannot create %1").arg(outDir));
        return 1;
    }
    QTemporaryDir configDir;
    QTemporaryDir xdgConfig; // "start at login" looks here, not in the user's autostart
    qputenv("XDG_CONFIG_HOME", xdgConfig.path().toUtf8());

    fakes::FakeGemini gemini;
    if (!gemini.listen()) {
        fail(QStringLiteral("the fake Gemini cannot listen"));
        return 1;
    }
    gemini.setEventDelayMs(15);
    // One key whose project hit its per-minute quota, one that Google refuses.
    gemini.script("fake-key-side-project", {fakes::Behaviour::RateLimitPerMinute, fakes::Behaviour::RateLimitPerMinute,
                                            fakes::Behaviour::RateLimitPerMinute, fakes::Behaviour::RateLimitPerMinute});
    gemini.script("fake-key-old-project", {fakes::Behaviour::KeyExpired});

    app::AppSettings settings(configDir.path());
    app::GatewaySettings gateway;
    gateway.port = app::nextFreePort(QHostAddress::LocalHost, 18786).value_or(18787);
    gateway.upstream = gemini.baseUrl();
    // "Expose publicly" through the fake tunnel, found the way a user's would be (HYDRA_CLOUDFLARED),
    // so the settings shown carry no path of this machine.
    qputenv("HYDRA_CLOUDFLARED", testing::fakeCloudflaredCommandLine().toUtf8());
    QString error;
    if (!settings.save(gateway, &error)) {
        fail(error);
        return 1;
    }

    tests::MemorySecretStore secrets;
    {
        store::KeyRing ring(configDir.path(), secrets);
        bool stored = false;
        ring.addAll({{"fake-key-work-laptop", "me@example.com", "hydra-work-1", "work", {}},
                     {"fake-key-research", "me@example.com", "hydra-research", "research", {}},
                     {"fake-key-side-project", "me@example.com", "hydra-side", "side-project", {}},
                     {"fake-key-old-project", "old@example.com", "hydra-old", "old-project", {}}},
                    [&stored](const auto &) { stored = true; });
        waitFor([&] { return stored; });
    }

    app::DesktopApp desktop({configDir.path(), {}, true}, secrets);
    desktop.start();
    if (!waitFor([&] { return desktop.state().gateway == app::GatewayState::Running; })) {
        fail(QStringLiteral("the gateway did not start"));
        return 1;
    }
    sendTraffic(desktop.state().baseUrl, 96);
    waitFor([&] { return desktop.state().rpm > 0 && desktop.state().limitedKeys > 0; }, 5000);

    desktop.showDashboard();
    desktop.dashboard()->resize(1100, 800);
    save(grabWindow(desktop.dashboard()), outDir, QStringLiteral("app-dashboard.png"));

    // Exposing: the quick tunnel's terms, the token made for it (shown once), then the menu shows
    // the public URL.
    desktop.trayMenu().actions().expose->trigger();
    if (auto *terms = topLevel<QMessageBox>(QStringLiteral("tunnelTerms"))) {
        save(grabWindow(terms), outDir, QStringLiteral("expose-terms.png"));
        if (auto *accept = terms->findChild<QAbstractButton *>(QStringLiteral("accept")))
            accept->click();
    } else {
        fail(QStringLiteral("no quick tunnel terms before exposing"));
    }
    waitFor([] { return topLevel<QDialog>(QStringLiteral("oneTimeToken")) != nullptr; }, 5000);
    if (auto *token = topLevel<QDialog>(QStringLiteral("oneTimeToken"))) {
        save(grabWindow(token), outDir, QStringLiteral("expose-token.png"));
        token->close();
    } else {
        fail(QStringLiteral("no token shown when exposing"));
    }
    if (!waitFor([&] { return desktop.state().expose == app::ExposeState::Up; }))
        fail(QStringLiteral("the tunnel did not come up: %1").arg(app::TrayMenu::publicLine(desktop.state())));

    QMenu *menu = desktop.trayMenu().menu();
    menu->popup(QPoint(40, 40));
    if (!QTest::qWaitForWindowExposed(menu))
        fail(QStringLiteral("the tray menu was never shown"));
    QTest::qWait(200);
    save(menu->grab(), outDir, QStringLiteral("tray-menu.png"));
    menu->hide();
    save(trayIconSheet(), outDir, QStringLiteral("tray-icons.png"));

    desktop.showSettings();
    auto *settingsDialog = topLevel<app::SettingsDialog>();
    if (!settingsDialog) {
        fail(QStringLiteral("no settings dialog"));
    } else {
        settingsDialog->resize(900, 620);
        settingsDialog->showPage(app::SettingsDialog::Page::Keys);
        save(grabWindow(settingsDialog), outDir, QStringLiteral("settings-keys.png"));
        settingsDialog->showPage(app::SettingsDialog::Page::Gateway);
        save(grabWindow(settingsDialog), outDir, QStringLiteral("settings-gateway.png"));
        // A new port typed in: what applying it would interrupt is said before it is applied.
        if (auto *port = settingsDialog->findChild<QLineEdit *>(QStringLiteral("portEdit"))) {
            port->setText(QString::number(port->text().toInt() + 1));
            Q_EMIT port->textEdited(port->text());
            save(grabWindow(settingsDialog), outDir, QStringLiteral("settings-gateway-move.png"));
        }
        settingsDialog->reject();
    }

    desktop.showConnectTools();
    if (auto *dialog = topLevel<app::ConnectToolsDialog>()) {
        dialog->resize(720, 420);
        save(grabWindow(dialog), outDir, QStringLiteral("connect-tools.png"));
        dialog->close();
    } else {
        fail(QStringLiteral("no connect-your-tools dialog"));
    }

    // The first run, with its own empty profile: the pasted keys, ready to check.
    QTemporaryDir emptyDir;
    store::KeyRing emptyRing(emptyDir.path(), secrets);
    app::WelcomeWizard welcome(emptyRing, emptyDir.path(), QUrl(gemini.baseUrl()));
    save(grabWindow(&welcome), outDir, QStringLiteral("welcome.png"));
    welcome.next();
    if (auto *paste = welcome.findChild<QPlainTextEdit *>(QStringLiteral("pasteBox")))
        paste->setPlainText(QStringLiteral("me@example.com,fake-key-one,hydra-1\nme@example.com,fake-key-two,hydra-2\n"));
    save(grabWindow(&welcome), outDir, QStringLiteral("welcome-paste.png"));

    return failures == 0 ? 0 : 1;
}
