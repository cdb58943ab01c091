// The desktop shell's "Expose publicly" against a real gateway (fake Gemini upstream) and the
// fake cloudflared as a real child process: the same DesktopApp, menu actions and dialogs a
// user clicks (without a system tray, which the offscreen platform lacks: the dashboard is the
// main window and notifications go to its status bar).

#include "app/message_box_answer.h"
#include "app/dashboard/dashboard_window.h"
#include "app/settings/app_settings.h"
#include "app/settings/key_table_model.h"
#include "app/settings/keys_page.h"
#include "app/settings/settings_dialog.h"
#include "app/shell/desktop_app.h"
#include "app/shell/port_finder.h"
#include "app/shell/shell_prefs.h"
#include "app/shell/tray_icons.h"
#include "answer_text.h"
#include "fake_cloudflared_command.h"
#include "fake_gemini.h"
#include "store/memory_secret_store.h"
#include "store/token_store.h"
#include "tunnel/cloudflared_locator.h"
#include "tunnel/process_probe.h"
#include "tunnel/static_http_server.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QCryptographicHash>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProgressDialog>
#include <QPushButton>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace hydra;
using namespace hydra::app;
using namespace hydra::testing;

using hydra::fakes::withoutIds;

namespace {

// Every message the process logs while the test runs, to prove the token is never among them.
QStringList g_logged;
QtMessageHandler g_previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_logged << message;
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

template<class Widget = QWidget>
Widget *window(const QString &objectName)
{
    for (QWidget *widget : QApplication::topLevelWidgets())
        if (widget->objectName() == objectName && widget->isVisible())
            if (auto *typed = qobject_cast<Widget *>(widget))
                return typed;
    return nullptr;
}

// Shaped like a Google key (the paste box takes only those), made at run time so that no
// key-shaped literal sits in the tree for secret scanners to mistake for a real one.
const QByteArray kSecondKey = QByteArray("AIza") + "SyExposeShellSecondKey" + QByteArray(13, '0') + "2";

} // namespace

class TstExposeShell : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    fakes::FakeGemini m_gemini;
    tests::MemorySecretStore m_secrets;
    std::unique_ptr<DesktopApp> m_app;
    QByteArray m_token;
    qint64 m_cloudflaredPid = 0;

    QString configDir() const { return m_dir.filePath(QStringLiteral("config")); }
    QString stateFile() const { return m_dir.filePath(QStringLiteral("fake-state.json")); }
    const TrayMenu::Actions &actions() { return m_app->trayMenu().actions(); }
    QString fakeUrl() const { return QStringLiteral("https://") + readState(stateFile()).value("hostname").toString(); }

    void saveSettings(const QString &cloudflaredPath)
    {
        AppSettings settings(configDir());
        GatewaySettings gateway = settings.load();
        gateway.upstream = m_gemini.baseUrl();
        gateway.cloudflaredPath = cloudflaredPath;
        if (gateway.port == 8000)
            gateway.port = nextFreePort(QHostAddress::LocalHost, 18900).value_or(18901);
        QString error;
        QVERIFY2(settings.save(gateway, &error), qPrintable(error));
    }

    bool waitExpose(ExposeState state)
    {
        if (QTest::qWaitFor([&] { return m_app->state().expose == state; }, 20'000))
            return true;
        qWarning("tunnel: %s", qPrintable(TrayMenu::publicLine(m_app->state())));
        return false;
    }

    QString statusBarMessage() { return m_app->dashboard()->statusBar()->currentMessage(); }

    // A streamed chat request through the tunnel's public side, with the token.
    QNetworkReply *postStream(QNetworkAccessManager &network, int publicPort)
    {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/chat/completions").arg(publicPort)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        request.setRawHeader("Authorization", "Bearer " + m_token);
        return network.post(request, "{\"model\":\"gemini-2.5-flash\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    static QByteArray finished(QNetworkReply *reply, int *status)
    {
        std::unique_ptr<QNetworkReply> owned(reply);
        *status = QTest::qWaitFor([reply] { return reply->isFinished(); }, 30'000)
                      ? reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt()
                      : -1;
        return reply->readAll();
    }

private Q_SLOTS:
    void initTestCase()
    {
        initShellResources();
        g_previousHandler = qInstallMessageHandler(captureMessage);
        qputenv("FAKE_CLOUDFLARED_STATE_FILE", stateFile().toUtf8());
        qunsetenv("HYDRA_CLOUDFLARED");
        QVERIFY(m_gemini.listen());
        saveSettings(fakeCloudflaredCommandLine()); // the settings' command comes first
        store::KeyRing ring(configDir(), m_secrets);
        bool stored = false;
        ring.addAll({{"fake-key-expose-shell", "me@example.com", "hydra-expose", "work", {}}},
                    [&stored](const auto &) { stored = true; });
        QTRY_VERIFY(stored);

        m_app = std::make_unique<DesktopApp>(DesktopApp::Options{configDir(), {}, false}, m_secrets);
        m_app->start();
        QTRY_COMPARE_WITH_TIMEOUT(m_app->state().gateway, GatewayState::Running, 20'000);
        QVERIFY(actions().expose->isEnabled());
        QVERIFY(!actions().copyPublicUrl->isVisible());
    }

    void cleanupTestCase()
    {
        m_app.reset();
        qInstallMessageHandler(g_previousHandler);
        qunsetenv("FAKE_CLOUDFLARED_STATE_FILE");
    }

    void theTermsComeFirstAndCancelLeavesItOff()
    {
        actions().expose->trigger();
        QMessageBox *terms = nullptr;
        QTRY_VERIFY((terms = window<QMessageBox>(QStringLiteral("tunnelTerms"))));
        QVERIFY(terms->text().contains(QStringLiteral("https://www.cloudflare.com/website-terms/")));
        QVERIFY(!actions().expose->isChecked());
        terms->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!window(QStringLiteral("tunnelTerms")));
        QVERIFY(!m_app->state().exposing);
        QVERIFY(!actions().expose->isChecked());
        QVERIFY(!ShellPrefs(configDir()).tunnelTermsAccepted());
        QVERIFY(!QFile::exists(store::TokenStore(configDir()).filePath())); // nothing was set up
    }

    void acceptingExposesAndShowsTheNewTokenOnce()
    {
        actions().expose->trigger();
        QMessageBox *terms = nullptr;
        QTRY_VERIFY((terms = window<QMessageBox>(QStringLiteral("tunnelTerms"))));
        terms->findChild<QAbstractButton *>(QStringLiteral("accept"))->click();
        QVERIFY(ShellPrefs(configDir()).tunnelTermsAccepted());

        // No token existed: one was created, and this dialog is the only place it appears.
        QDialog *shown = nullptr;
        QTRY_VERIFY((shown = window<QDialog>(QStringLiteral("oneTimeToken"))));
        m_token = shown->findChild<QLineEdit *>(QStringLiteral("token"))->text().toLatin1();
        QVERIFY2(m_token.startsWith("hydra-"), m_token.constData());
        const auto tokens = std::get<std::vector<store::AccessToken>>(store::TokenStore(configDir()).load());
        QCOMPARE(tokens.size(), size_t(1));
        QCOMPARE(QByteArray::fromStdString(tokens.front().sha256),
                 QCryptographicHash::hash(m_token, QCryptographicHash::Sha256).toHex());
        shown->findChild<QPushButton *>(QStringLiteral("copy"))->click();
        QCOMPARE(QApplication::clipboard()->text().toLatin1(), m_token);
        shown->close();

        QVERIFY(m_app->state().exposing);
        QVERIFY(actions().expose->isChecked());
        QVERIFY(waitExpose(ExposeState::Up));
        m_cloudflaredPid = m_app->exposure().controller().supervisor().processId();
        QVERIFY(m_cloudflaredPid > 0);
    }

    void upShowsThePublicUrlInTheMenuAndTooltip()
    {
        const QString baseUrl = fakeUrl() + QStringLiteral("/v1");
        QCOMPARE(m_app->state().publicUrl, baseUrl);
        QVERIFY(actions().copyPublicUrl->isVisible());
        QVERIFY(actions().copyPublicUrl->isEnabled());
        QCOMPARE(actions().copyPublicUrl->text(), QStringLiteral("Copy public URL: ") + baseUrl);
        QCOMPARE(actions().expose->text(), QStringLiteral("Expose publicly (on)"));
        QVERIFY(TrayMenu::toolTip(m_app->state()).contains(QStringLiteral("Public: ") + baseUrl));
        QCOMPARE(trayStatus(m_app->state()), TrayStatus::Exposed);
        QVERIFY2(statusBarMessage().startsWith(QStringLiteral("Public URL ready: ") + baseUrl),
                 qPrintable(statusBarMessage()));

        QApplication::clipboard()->clear();
        actions().copyPublicUrl->trigger();
        QCOMPARE(QApplication::clipboard()->text(), baseUrl);
    }

    void connectYourToolsGetsThePublicUrlAndTheToken()
    {
        const ConnectValues values = m_app->connectValues();
        QCOMPARE(values.publicBaseUrl, fakeUrl() + QStringLiteral("/v1"));
        QCOMPARE(values.token.toLatin1(), m_token);
        const QList<ToolGuide> guides = toolGuides(values);
        const auto cursor = std::find_if(guides.begin(), guides.end(), [](const ToolGuide &guide) { return guide.tool == "Cursor"; });
        QVERIFY(cursor != guides.end() && cursor->available);
        QStringList fieldValues;
        for (const ToolField &field : cursor->fields)
            fieldValues << field.value;
        QVERIFY(fieldValues.contains(values.publicBaseUrl));
        QVERIFY(fieldValues.contains(QString::fromLatin1(m_token)));
    }

    void theShownTokenOpensTheTunnel()
    {
        const QJsonObject state = readState(stateFile());
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/models").arg(state.value("publicPort").toInt())));
        request.setRawHeader("Host", state.value("hostname").toString().toUtf8());
        QNetworkAccessManager network;
        for (const QByteArray &token : {QByteArray(), m_token}) {
            if (!token.isEmpty())
                request.setRawHeader("Authorization", "Bearer " + token);
            std::unique_ptr<QNetworkReply> reply(network.get(request));
            QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 20'000);
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), token.isEmpty() ? 401 : 200);
        }
    }

    void switchingOffStopsCloudflaredAndOnAgainAsksNothing()
    {
        actions().expose->trigger();
        QVERIFY(waitExpose(ExposeState::Off));
        QVERIFY(!actions().expose->isChecked());
        QVERIFY(!actions().copyPublicUrl->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(processGone(m_cloudflaredPid), 10'000);

        actions().expose->trigger();
        QVERIFY(waitExpose(ExposeState::Up));
        QVERIFY(!window(QStringLiteral("tunnelTerms")));  // accepted once
        QVERIFY(!window(QStringLiteral("oneTimeToken"))); // the token exists now
        m_cloudflaredPid = m_app->exposure().controller().supervisor().processId();
    }

    // The settings dialog while a stream runs through the tunnel: a key added and the key the
    // stream is on removed, a per-model limit set, the port moved. Nothing in flight notices: the
    // stream is byte for byte what it is without changes, cloudflared and the public URL stay,
    // and the new key takes the next request.
    void theSettingsDialogInterruptsNothing()
    {
        QVERIFY(waitExpose(ExposeState::Up));
        const qint64 cloudflared = m_app->exposure().controller().supervisor().processId();
        const QString publicUrl = m_app->state().publicUrl;
        const QString oldBaseUrl = m_app->state().baseUrl;
        const int publicPort = readState(stateFile()).value("publicPort").toInt();
        QNetworkAccessManager network;
        m_gemini.setReplyChunks(QStringList(80, QStringLiteral("word ")));
        int status = 0;
        const QByteArray reference = finished(postStream(network, publicPort), &status);
        QCOMPARE(status, 200);

        m_gemini.setEventDelayMs(150); // 80 events: 12 s, ample even under ASan
        QNetworkReply *live = postStream(network, publicPort);
        QTRY_VERIFY_WITH_TIMEOUT(live->bytesAvailable() > 0, 10'000);
        QCOMPARE(m_gemini.requests().last().key, QByteArray("fake-key-expose-shell")); // the only key

        m_app->showSettings();
        SettingsDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window<SettingsDialog>(QStringLiteral("SettingsDialog"))));
        auto *keys = dialog->findChild<KeysPage *>();
        dialog->findChild<QPlainTextEdit *>(QStringLiteral("pasteEdit"))->setPlainText(QString::fromLatin1(kSecondKey));
        dialog->findChild<QPushButton *>(QStringLiteral("addButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!keys->isBusy(), 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(m_app->state().keys, 2, 5000); // the gateway has it, within a second
        auto *table = dialog->findChild<QTableView *>(QStringLiteral("keysTable"));
        table->selectRow(0); // "work", the key the stream is on
        QCOMPARE(table->model()->index(0, KeyTableModel::LabelColumn).data().toString(), QStringLiteral("work"));
        answerNextMessageBox(QMessageBox::Yes);
        dialog->findChild<QPushButton *>(QStringLiteral("removeButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(m_app->state().keys, 1, 5000);

        auto *limits = dialog->findChild<QTableWidget *>(QStringLiteral("limitsTable"));
        limits->insertRow(0);
        limits->setItem(0, 0, new QTableWidgetItem(QStringLiteral("gemini-2.5-flash")));
        limits->setItem(0, 1, new QTableWidgetItem(QStringLiteral("1000")));
        const quint16 newPort = nextFreePort(QHostAddress::LocalHost, 19400).value_or(19401);
        auto *port = dialog->findChild<QLineEdit *>(QStringLiteral("portEdit"));
        port->setText(QString::number(newPort));
        Q_EMIT port->textEdited(port->text());
        // Said before anything is applied: what moving the listener interrupts.
        const QString warning = dialog->findChild<QLabel *>(QStringLiteral("portMessage"))->text();
        QVERIFY2(warning.contains(QStringLiteral("moves the gateway")) && warning.contains(QStringLiteral("public URL stays")),
                 qPrintable(warning));
        dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttons"))->button(QDialogButtonBox::Apply)->click();
        QTRY_COMPARE_WITH_TIMEOUT(m_app->state().baseUrl, QStringLiteral("http://127.0.0.1:%1/v1").arg(newPort), 5000);
        QVERIFY2(!live->isFinished(), "the stream ended before the changes were made: pace it slower");

        const QByteArray streamed = finished(live, &status);
        QCOMPARE(status, 200);
        QCOMPARE(withoutIds(streamed), withoutIds(reference));

        QCOMPARE(m_app->exposure().controller().supervisor().processId(), cloudflared);
        QVERIFY(!processGone(cloudflared));
        QCOMPARE(m_app->state().publicUrl, publicUrl);
        QCOMPARE(m_app->state().expose, ExposeState::Up);

        m_gemini.setEventDelayMs(0);
        QCOMPARE((finished(postStream(network, publicPort), &status), status), 200);
        QCOMPARE(m_gemini.requests().last().key, kSecondKey);
        // The limit from the dialog is the one the pool budgets against (the key states reach the
        // app a few times a second).
        const auto flashLimit = [this] {
            const auto &snapshot = m_app->context().engine.keys();
            for (const auto &row : snapshot.size() == 1 ? snapshot[0].models : std::vector<pool::ModelSnapshot>{})
                if (row.model == "gemini-2.5-flash")
                    return row.rpmLimit;
            return std::optional<std::int64_t>();
        };
        QTRY_COMPARE_WITH_TIMEOUT(flashLimit(), std::optional<std::int64_t>(1000), 5000);
        // The local listener moved: the old port is closed, the new one serves.
        QNetworkRequest local(QUrl(m_app->state().baseUrl + QStringLiteral("/models")));
        local.setRawHeader("Authorization", "Bearer " + m_token);
        QCOMPARE((finished(network.get(local), &status), status), 200);
        local.setUrl(QUrl(oldBaseUrl + QStringLiteral("/models")));
        std::unique_ptr<QNetworkReply> old(network.get(local));
        QTRY_VERIFY(old->isFinished());
        QCOMPARE(old->error(), QNetworkReply::ConnectionRefusedError);
        dialog->close();
        m_cloudflaredPid = cloudflared;
    }

    // Stop gateway lets a 3-second stream finish (and says it is stopping meanwhile), then stops
    // the tunnel with it.
    void stoppingTheGatewayStopsTheTunnel()
    {
        QVERIFY(m_cloudflaredPid > 0);
        m_gemini.setReplyChunks(QStringList(20, QStringLiteral("word ")));
        m_gemini.setEventDelayMs(150);
        auto restorePace = qScopeGuard([this] { m_gemini.setEventDelayMs(0); });
        QNetworkAccessManager network;
        QNetworkRequest request(QUrl(m_app->state().baseUrl + QStringLiteral("/chat/completions")));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        request.setRawHeader("Authorization", "Bearer " + m_token);
        QNetworkReply *stream = network.post(request, "{\"model\":\"gemini-2.5-flash\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        QTRY_VERIFY_WITH_TIMEOUT(stream->bytesAvailable() > 0, 10'000);

        actions().gateway->trigger();
        QCOMPARE(m_app->state().gateway, GatewayState::Stopping);
        QVERIFY(!actions().gateway->isEnabled());
        QVERIFY2(statusBarMessage().contains(QStringLiteral("stopping")), qPrintable(statusBarMessage()));
        int status = 0;
        const QByteArray streamed = finished(stream, &status);
        QCOMPARE(status, 200);
        QCOMPARE(streamed.count("\"word \""), 20);
        QVERIFY2(streamed.endsWith("data: [DONE]\n\n"), streamed.right(200).constData());
        QTRY_COMPARE_WITH_TIMEOUT(m_app->state().gateway, GatewayState::Stopped, 10'000);
        QVERIFY(waitExpose(ExposeState::Off));
        QVERIFY(!m_app->state().exposing);
        QVERIFY(!actions().expose->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(processGone(m_cloudflaredPid), 10'000);
    }

    void theTokenWasNeverLogged()
    {
        QVERIFY(!m_token.isEmpty());
        QVERIFY(!g_logged.isEmpty()); // the capture works: the notifications are logged
        for (const QString &line : std::as_const(g_logged))
            QVERIFY2(!line.contains(QString::fromLatin1(m_token)), qPrintable(line));
    }

    void missingCloudflaredOffersTheVerifiedDownload()
    {
        saveSettings({});
        QTemporaryDir emptyPath;
        const QByteArray path = qgetenv("PATH");
        qputenv("PATH", emptyPath.path().toUtf8());
        auto restorePath = qScopeGuard([&path] { qputenv("PATH", path); });

        // A "release" on a loopback server whose file does not match its pinned checksum.
        StaticHttpServer server;
        QByteArray binary("\x7f" "ELF");
        binary.append(QByteArray(2 * 1024 * 1024, 'x'));
        server.serve("/9.9.9/cloudflared-test", binary);
        tunnel::PinnedRelease release{QStringLiteral("9.9.9"), server.baseUrl(),
                                      {{QStringLiteral("test-platform"), QStringLiteral("cloudflared-test"),
                                        QString(64, u'0'), {}, false}}};
        m_app->exposure().setRelease(release, QStringLiteral("test-platform"));

        m_app->startGateway();
        QTRY_COMPARE_WITH_TIMEOUT(m_app->state().gateway, GatewayState::Running, 20'000);
        actions().expose->trigger();
        QMessageBox *missing = nullptr;
        QTRY_VERIFY((missing = window<QMessageBox>(QStringLiteral("cloudflaredMissing"))));
        QVERIFY(missing->text().contains(QStringLiteral("cloudflared 9.9.9")));
        QVERIFY(missing->text().contains(QStringLiteral("SHA-256")));
        missing->findChild<QAbstractButton *>(QStringLiteral("download"))->click();
        QTRY_VERIFY(window(QStringLiteral("cloudflaredDownload")) || statusBarMessage().contains("downloaded"));
        QTRY_VERIFY_WITH_TIMEOUT(!window(QStringLiteral("cloudflaredDownload")), 20'000);
        QTRY_VERIFY2(statusBarMessage().contains(QStringLiteral("cloudflared could not be downloaded")),
                     qPrintable(statusBarMessage()));
        QVERIFY2(statusBarMessage().contains(QStringLiteral("SHA-256"), Qt::CaseInsensitive), qPrintable(statusBarMessage()));
        QCOMPARE(server.requests, 1);
        // Nothing unverified was kept where the locator would find it.
        QVERIFY(!QFile::exists(QDir(m_app->exposure().downloadDir()).filePath(tunnel::cloudflaredFileName())));
        QVERIFY(!m_app->state().exposing);
    }

    void aVerifiedDownloadIsInstalledAndUsed()
    {
        QTemporaryDir emptyPath;
        const QByteArray path = qgetenv("PATH");
        qputenv("PATH", emptyPath.path().toUtf8());
        auto restorePath = qScopeGuard([&path] { qputenv("PATH", path); });

        // Passes every check (checksum, magic bytes, size) but is no program: running it fails,
        // which shows that the flow went on to expose with the file it just installed.
        StaticHttpServer server;
        QByteArray binary("\x7f" "ELF");
        binary.append(QByteArray(2 * 1024 * 1024, 'y'));
        server.serve("/9.9.9/cloudflared-test", binary);
        const QString sha256 = QString::fromLatin1(QCryptographicHash::hash(binary, QCryptographicHash::Sha256).toHex());
        m_app->exposure().setRelease({QStringLiteral("9.9.9"), server.baseUrl(),
                                      {{QStringLiteral("test-platform"), QStringLiteral("cloudflared-test"), sha256, {}, false}}},
                                     QStringLiteral("test-platform"));

        actions().expose->trigger();
        QMessageBox *missing = nullptr;
        QTRY_VERIFY((missing = window<QMessageBox>(QStringLiteral("cloudflaredMissing"))));
        missing->findChild<QAbstractButton *>(QStringLiteral("download"))->click();
        const QString installed = QDir(m_app->exposure().downloadDir()).filePath(tunnel::cloudflaredFileName());
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(installed).isExecutable(), 20'000);
        QTRY_VERIFY_WITH_TIMEOUT(m_app->state().expose == ExposeState::Failed, 20'000);
        QVERIFY2(m_app->state().exposeProblem.contains(QDir::toNativeSeparators(installed)),
                 qPrintable(m_app->state().exposeProblem));
        QVERIFY(statusBarMessage().startsWith(QStringLiteral("The public URL is not available: cloudflared could not be run.")));
        actions().expose->trigger(); // off again
        QTRY_VERIFY(!m_app->state().exposing);
        QVERIFY(QFile::remove(installed));
    }

    void withoutAPinnedBuildItSaysWhereToGetOne()
    {
        const QByteArray path = qgetenv("PATH");
        QTemporaryDir emptyPath;
        qputenv("PATH", emptyPath.path().toUtf8());
        auto restorePath = qScopeGuard([&path] { qputenv("PATH", path); });
        m_app->exposure().setRelease(tunnel::pinnedRelease(), QStringLiteral("plan9-mips"));

        actions().expose->trigger();
        QMessageBox *missing = nullptr;
        QTRY_VERIFY((missing = window<QMessageBox>(QStringLiteral("cloudflaredMissing"))));
        QVERIFY(!missing->findChild<QAbstractButton *>(QStringLiteral("download")));
        QVERIFY(missing->text().contains(QStringLiteral("no verified cloudflared download for this platform (plan9-mips)")));
        QVERIFY(missing->text().contains(QStringLiteral("https://github.com/cloudflare/cloudflared/releases")));
        missing->button(QMessageBox::Close)->click();
        QTRY_VERIFY(!window(QStringLiteral("cloudflaredMissing")));
        QVERIFY(!m_app->state().exposing);
    }

    void aBrokenPathInSettingsIsReportedNotReplaced()
    {
        saveSettings(m_dir.filePath(QStringLiteral("no-such-cloudflared")));
        actions().expose->trigger();
        QTRY_VERIFY2(statusBarMessage().contains(QStringLiteral("is neither an executable file nor a command")), qPrintable(statusBarMessage()));
        QVERIFY(!window(QStringLiteral("cloudflaredMissing")));
        QVERIFY(!m_app->state().exposing);
    }
};

QTEST_MAIN(TstExposeShell)
#include "tst_expose_shell.moc"
