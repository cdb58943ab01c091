// Start at login: the entry is written where the platform looks and removed again
// (XDG_CONFIG_HOME points at a temporary folder, so the user's autostart is never touched).

#include "app/shell/login_item.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace hydra::app;

class TstLoginItem : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void execArgumentsAreQuotedPerTheDesktopEntrySpec()
    {
        QCOMPARE(LoginItem::quoteExecArgument(QStringLiteral("/usr/bin/hydra")), QStringLiteral("/usr/bin/hydra"));
        QCOMPARE(LoginItem::quoteExecArgument(QStringLiteral("/opt/my apps/hydra")),
                 QStringLiteral("\"/opt/my apps/hydra\""));
        // $ and " are escaped inside quotes, and that backslash is escaped again in the string value.
        QCOMPARE(LoginItem::quoteExecArgument(QStringLiteral("a$b\"c")), QStringLiteral("\"a\\\\$b\\\\\"c\""));
        QCOMPARE(LoginItem::quoteExecArgument(QString()), QStringLiteral("\"\""));
    }

    void desktopEntryNamesTheProgramAndItsProfile()
    {
        const QString entry = LoginItem::desktopEntry(QStringLiteral("/usr/bin/hydra"),
                                                      {QStringLiteral("--config-dir"), QStringLiteral("/home/u/work profile")});
        QVERIFY(entry.startsWith(QStringLiteral("[Desktop Entry]\n")));
        QVERIFY(entry.contains(QStringLiteral("\nType=Application\n")));
        QVERIFY(entry.contains(QStringLiteral("\nExec=/usr/bin/hydra --config-dir \"/home/u/work profile\"\n")));
        QVERIFY(entry.contains(QStringLiteral("\nX-GNOME-Autostart-enabled=true\n")));
    }

    void launchAgentRunsAtLoad()
    {
        const QString plist = LoginItem::launchAgentPlist(QStringLiteral("io.github.hydra.gateway"),
                                                          QStringLiteral("/Applications/Hydra.app/Contents/MacOS/hydra"),
                                                          {QStringLiteral("--config-dir"), QStringLiteral("/a&b")});
        QVERIFY(plist.contains(QStringLiteral("<key>Label</key>\n    <string>io.github.hydra.gateway</string>")));
        QVERIFY(plist.contains(QStringLiteral("<string>/Applications/Hydra.app/Contents/MacOS/hydra</string>\n"
                                              "        <string>--config-dir</string>\n"
                                              "        <string>/a&amp;b</string>")));
        QVERIFY(plist.contains(QStringLiteral("<key>RunAtLoad</key>\n    <true/>")));
    }

#if !defined(Q_OS_WIN) && !defined(Q_OS_MACOS)
    void writesAndRemovesTheXdgAutostartFile()
    {
        QTemporaryDir configHome;
        QVERIFY(configHome.isValid());
        qputenv("XDG_CONFIG_HOME", configHome.path().toUtf8());
        const QString expected = configHome.path() + QStringLiteral("/autostart/hydra.desktop");
        QCOMPARE(LoginItem::location(), expected);

        const LoginItem item(QStringLiteral("/usr/bin/hydra"), {});
        QVERIFY(!item.isEnabled());
        QCOMPARE(item.setEnabled(true), std::nullopt);
        QVERIFY(item.isEnabled());
        QFile file(expected);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()), LoginItem::desktopEntry(QStringLiteral("/usr/bin/hydra"), {}));
        file.close();
        // The desktop entry parses as one: QSettings' INI reader sees the group and its keys.
        QSettings parsed(expected, QSettings::IniFormat);
        QCOMPARE(parsed.value(QStringLiteral("Desktop Entry/Exec")).toString(), QStringLiteral("/usr/bin/hydra"));

        QCOMPARE(item.setEnabled(false), std::nullopt);
        QVERIFY(!item.isEnabled());
        QVERIFY(!QFile::exists(expected));
        QCOMPARE(item.setEnabled(false), std::nullopt); // already off is fine
    }

    void unwritableFolderIsReported()
    {
        QTemporaryDir configHome;
        QFile blocker(configHome.path() + QStringLiteral("/autostart")); // a file where the folder should be
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        qputenv("XDG_CONFIG_HOME", configHome.path().toUtf8());
        const auto error = LoginItem(QStringLiteral("/usr/bin/hydra"), {}).setEnabled(true);
        QVERIFY(error.has_value());
        QVERIFY2(error->contains(QStringLiteral("autostart")), qPrintable(*error));
    }
#endif
};

QTEST_GUILESS_MAIN(TstLoginItem)
#include "tst_login_item.moc"
