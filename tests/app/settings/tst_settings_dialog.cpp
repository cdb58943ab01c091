// The settings dialog's Apply / OK / Cancel: invalid input is flagged where it is and nothing
// is saved; valid input is saved once and announced; Cancel saves nothing.

#include "settings_fixture.h"

#include "app/settings/settings_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTcpServer>
#include <QtTest>

using hydra::app::GatewaySettings;
using hydra::app::SettingsDialog;
using hydra::tests::SettingsFixture;

Q_DECLARE_METATYPE(hydra::app::GatewaySettings)

namespace {

quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        qFatal("no free port");
    return probe.serverPort();
}

template<typename T>
T *field(const QWidget &dialog, const char *name)
{
    auto *widget = dialog.findChild<T *>(QLatin1String(name));
    if (!widget)
        qFatal("no field %s", name);
    return widget;
}

void typeInto(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClicks(edit, text);
    QCOMPARE(edit->text(), text);
}

QPushButton *button(const SettingsDialog &dialog, QDialogButtonBox::StandardButton which)
{
    return field<QDialogButtonBox>(dialog, "buttons")->button(which);
}

bool flagged(const QWidget *widget)
{
    return widget->property("invalid").toBool();
}

} // namespace

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private slots:
    void okSavesAnnouncesAndCloses()
    {
        SettingsFixture fixture;
        SettingsDialog dialog(fixture.context);
        QSignalSpy applied(&dialog, &SettingsDialog::settingsApplied);
        dialog.show();
        const quint16 port = freePort();
        typeInto(field<QLineEdit>(dialog, "portEdit"), QString::number(port));
        typeInto(field<QLineEdit>(dialog, "upstreamEdit"), QStringLiteral("http://127.0.0.1:9/"));
        QTest::mouseClick(button(dialog, QDialogButtonBox::Ok), Qt::LeftButton);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QString problem;
        const GatewaySettings saved = fixture.settings.load(&problem);
        QVERIFY(problem.isEmpty());
        QCOMPARE(saved.port, port);
        QCOMPARE(saved.upstream, QStringLiteral("http://127.0.0.1:9/"));
        QCOMPARE(applied.size(), 1);
        QCOMPARE(applied.at(0).at(0).value<GatewaySettings>(), saved);
    }

    void applyKeepsTheDialogOpenAndSavesOnlyChanges()
    {
        SettingsFixture fixture;
        SettingsDialog dialog(fixture.context);
        QSignalSpy applied(&dialog, &SettingsDialog::settingsApplied);
        dialog.show();
        QTest::mouseClick(button(dialog, QDialogButtonBox::Apply), Qt::LeftButton);
        QVERIFY(dialog.isVisible());
        QCOMPARE(applied.size(), 0); // nothing changed
        QVERIFY(!QFile::exists(fixture.settings.filePath()));
        QTest::mouseClick(field<QCheckBox>(dialog, "startOnLaunchCheck"), Qt::LeftButton);
        QTest::mouseClick(button(dialog, QDialogButtonBox::Apply), Qt::LeftButton);
        QVERIFY(dialog.isVisible());
        QCOMPARE(applied.size(), 1);
        QVERIFY(!fixture.settings.load().startOnLaunch);
    }

    void portOutOfRangeIsFlaggedAndNothingSaved_data()
    {
        QTest::addColumn<QString>("port");
        QTest::newRow("zero") << QStringLiteral("0");
        QTest::newRow("too high") << QStringLiteral("65536");
        QTest::newRow("not a number") << QStringLiteral("80a");
    }

    void portOutOfRangeIsFlaggedAndNothingSaved()
    {
        QFETCH(QString, port);
        SettingsFixture fixture;
        SettingsDialog dialog(fixture.context);
        QSignalSpy applied(&dialog, &SettingsDialog::settingsApplied);
        dialog.show();
        auto *portEdit = field<QLineEdit>(dialog, "portEdit");
        typeInto(portEdit, port);
        QVERIFY(flagged(portEdit)); // as it is typed
        QVERIFY(portEdit->styleSheet().contains(QStringLiteral("#d32f2f")));
        // Other valid changes are not saved either: nothing half-applied.
        QTest::mouseClick(field<QCheckBox>(dialog, "startOnLaunchCheck"), Qt::LeftButton);
        QTest::mouseClick(button(dialog, QDialogButtonBox::Ok), Qt::LeftButton);
        QVERIFY(dialog.isVisible());
        QVERIFY(!dialog.apply());
        QVERIFY(field<QLabel>(dialog, "portMessage")->isVisible());
        QVERIFY(field<QLabel>(dialog, "portMessage")->text().contains(QStringLiteral("1024 to 65535")));
        QVERIFY(!QFile::exists(fixture.settings.filePath()));
        QCOMPARE(applied.size(), 0);
    }

    void lowPortIsOnlyAWarning()
    {
        SettingsFixture fixture;
        SettingsDialog dialog(fixture.context);
        dialog.show();
        auto *portEdit = field<QLineEdit>(dialog, "portEdit");
        typeInto(portEdit, QStringLiteral("80"));
        QVERIFY(!flagged(portEdit));
        QVERIFY(field<QLabel>(dialog, "portMessage")->text().contains(QStringLiteral("administrator")));
    }

    void portInUseIsFlaggedAndNothingSaved()
    {
        SettingsFixture fixture;
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        const quint16 port = taken.serverPort();
        SettingsDialog dialog(fixture.context);
        dialog.show();
        auto *portEdit = field<QLineEdit>(dialog, "portEdit");
        typeInto(portEdit, QString::number(port));
        QVERIFY(!flagged(portEdit)); // only binding tells
        QVERIFY(!dialog.apply());
        QVERIFY(flagged(portEdit));
        QVERIFY(field<QLabel>(dialog, "portMessage")->text().contains(QStringLiteral("in use")));
        QVERIFY(!QFile::exists(fixture.settings.filePath()));
        taken.close();
        QVERIFY(dialog.apply());
        QCOMPARE(fixture.settings.load().port, port);
    }

    void theRunningGatewaysOwnPortIsNotInUse()
    {
        SettingsFixture fixture;
        GatewaySettings settings;
        settings.port = freePort();
        QVERIFY(fixture.settings.save(settings, nullptr));
        QSignalSpy started(&fixture.engine, &hydra::Engine::started);
        fixture.engine.start(fixture.settings.toGatewayConfig(settings));
        QVERIFY(started.wait(10000));
        SettingsDialog dialog(fixture.context);
        QSignalSpy applied(&dialog, &SettingsDialog::settingsApplied);
        dialog.show();
        QTest::mouseClick(field<QCheckBox>(dialog, "startOnLaunchCheck"), Qt::LeftButton);
        QVERIFY(dialog.apply());
        QCOMPARE(applied.size(), 1);
        QVERIFY(!flagged(field<QLineEdit>(dialog, "portEdit")));
        fixture.engine.stop();
    }

    void badUpstreamIsFlagged()
    {
        SettingsFixture fixture;
        SettingsDialog dialog(fixture.context);
        dialog.show();
        auto *upstream = field<QLineEdit>(dialog, "upstreamEdit");
        typeInto(upstream, QStringLiteral("ftp://example.com"));
        QVERIFY(flagged(upstream));
        QVERIFY(!dialog.apply());
        QVERIFY(field<QLabel>(dialog, "upstreamMessage")->isVisible());
        QVERIFY(!QFile::exists(fixture.settings.filePath()));
        typeInto(upstream, QStringLiteral("https://proxy.example.com"));
        QVERIFY(!flagged(upstream));
        QVERIFY(dialog.apply());
        QCOMPARE(fixture.settings.load().upstream, QStringLiteral("https://proxy.example.com"));
    }

    void allInterfacesWithoutAnAccessTokenIsRefused()
    {
        SettingsFixture fixture;
        SettingsDialog dialog(fixture.context);
        dialog.show();
        auto *bind = field<QComboBox>(dialog, "bindCombo");
        QCOMPARE(bind->currentData().toString(), QStringLiteral("127.0.0.1")); // loopback unless chosen
        bind->setCurrentIndex(bind->findData(QStringLiteral("0.0.0.0")));
        QVERIFY(flagged(bind));
        QVERIFY(field<QLabel>(dialog, "bindMessage")->text().contains(QStringLiteral("access token")));
        QVERIFY(!dialog.apply());
        QVERIFY(!QFile::exists(fixture.settings.filePath()));
    }

    void cancelSavesNothing()
    {
        SettingsFixture fixture;
        SettingsDialog dialog(fixture.context);
        QSignalSpy applied(&dialog, &SettingsDialog::settingsApplied);
        dialog.show();
        typeInto(field<QLineEdit>(dialog, "portEdit"), QString::number(freePort()));
        QTest::mouseClick(button(dialog, QDialogButtonBox::Cancel), Qt::LeftButton);
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(!QFile::exists(fixture.settings.filePath()));
        QCOMPARE(applied.size(), 0);
    }

    void malformedPasteIsFlaggedAndRefused()
    {
        SettingsFixture fixture;
        SettingsDialog dialog(fixture.context);
        dialog.show();
        dialog.showPage(SettingsDialog::Page::Gateway);
        auto *paste = field<QPlainTextEdit>(dialog, "pasteEdit");
        paste->setPlainText(QStringLiteral("a@example.com,test-key-one\n"));
        QVERIFY(flagged(paste));
        QTest::mouseClick(field<QCheckBox>(dialog, "startOnLaunchCheck"), Qt::LeftButton);
        QTest::mouseClick(button(dialog, QDialogButtonBox::Ok), Qt::LeftButton);
        QVERIFY(dialog.isVisible());
        QVERIFY(field<QTabWidget>(dialog, "pages")->currentWidget()->isAncestorOf(paste));
        QVERIFY(field<QLabel>(dialog, "pasteMessage")->text().contains(QStringLiteral("Line 1")));
        QVERIFY(!QFile::exists(fixture.settings.filePath()));
        paste->clear();
        QVERIFY(dialog.apply());
    }

    void corruptSettingsAreShownAndReplacedOnApply()
    {
        SettingsFixture fixture;
        QFile file(fixture.settings.filePath());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not json");
        file.close();
        SettingsDialog dialog(fixture.context);
        dialog.show();
        QVERIFY(field<QLabel>(dialog, "applyMessage")->text().contains(QStringLiteral("could not be read")));
        QCOMPARE(field<QLineEdit>(dialog, "portEdit")->text(), QStringLiteral("8000"));
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settings_dialog.moc"
