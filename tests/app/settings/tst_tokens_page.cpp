// The Access tokens page: a token is shown once and only its digest is stored; names are
// checked in place; revoking locks clients out of a running gateway at once; a token is what
// lets the gateway listen beyond loopback.

#include "app/message_box_answer.h"
#include "settings_fixture.h"

#include "app/settings/settings_dialog.h"
#include "app/settings/tokens_page.h"
#include "store/access_token.h"
#include "store/token_store.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTcpServer>
#include <QtTest>

using hydra::app::SettingsDialog;
using hydra::app::TokensPage;
using hydra::tests::SettingsFixture;

using hydra::testing::answerNextMessageBox;

namespace {

template<typename T>
T *child(const QWidget &page, const char *name)
{
    auto *widget = page.findChild<T *>(QLatin1String(name));
    if (!widget)
        qFatal("no widget %s", name);
    return widget;
}

std::vector<hydra::store::AccessToken> storedTokens(const SettingsFixture &fixture)
{
    return std::get<std::vector<hydra::store::AccessToken>>(hydra::store::TokenStore(fixture.dir.path()).load());
}

QString createToken(const QWidget &page, const QString &name)
{
    child<QLineEdit>(page, "nameEdit")->setText(name);
    child<QPushButton>(page, "createButton")->click();
    return child<QLineEdit>(page, "newTokenEdit")->text();
}

// The HTTP status of GET /v1/models on the gateway with this token.
int modelsStatus(quint16 port, const QString &token)
{
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/models").arg(port)));
    request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    QNetworkReply *reply = network.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(10000))
        return -1;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

} // namespace

class TestTokensPage : public QObject
{
    Q_OBJECT

private slots:
    void aNewTokenIsShownOnceAndOnlyItsDigestStored()
    {
        SettingsFixture fixture;
        TokensPage page(fixture.context);
        QSignalSpy changed(&page, &TokensPage::tokensChanged);
        QVERIFY(!page.haveTokens());
        const QString token = createToken(page, QStringLiteral("cursor"));
        QVERIFY2(token.startsWith(QStringLiteral("hydra-")), qPrintable(token));
        QVERIFY(child<QLineEdit>(page, "newTokenEdit")->isReadOnly());
        QVERIFY(page.haveTokens());
        QCOMPARE(changed.size(), 1);

        const auto tokens = storedTokens(fixture);
        QCOMPARE(tokens.size(), std::size_t(1));
        QCOMPARE(tokens[0].name, std::string("cursor"));
        QCOMPARE(QByteArray::fromStdString(tokens[0].sha256), hydra::store::tokenDigest(token.toLatin1()).toHex());
        QFile file(hydra::store::TokenStore(fixture.dir.path()).filePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains(token.toLatin1()));

        auto *table = child<QTableWidget>(page, "tokensTable");
        QCOMPARE(table->rowCount(), 1);
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("cursor"));
        QCOMPARE(table->item(0, 2)->text(), QStringLiteral("never"));
        for (int column = 0; column < table->columnCount(); ++column)
            QVERIFY(!table->item(0, column)->text().contains(token));

        child<QPushButton>(page, "copyButton")->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), token);

        // A second page (the dialog opened again) has no way to show it.
        TokensPage again(fixture.context);
        QVERIFY(child<QLineEdit>(again, "newTokenEdit")->text().isEmpty());
    }

    void badAndTakenNamesAreFlaggedInPlace()
    {
        SettingsFixture fixture;
        TokensPage page(fixture.context);
        auto *name = child<QLineEdit>(page, "nameEdit");
        createToken(page, QStringLiteral("a/b"));
        QVERIFY(name->property("invalid").toBool());
        QVERIFY(!child<QLabel>(page, "nameMessage")->text().isEmpty());
        QVERIFY(storedTokens(fixture).empty());

        createToken(page, QStringLiteral("ide"));
        QVERIFY(!name->property("invalid").toBool());
        createToken(page, QStringLiteral("ide"));
        QVERIFY(name->property("invalid").toBool());
        QVERIFY(child<QLabel>(page, "nameMessage")->text().contains(QStringLiteral("already exists")));
        QCOMPARE(storedTokens(fixture).size(), std::size_t(1));
    }

    void revokingLocksClientsOutOfTheRunningGatewayAtOnce()
    {
        SettingsFixture fixture;
        TokensPage page(fixture.context);
        const QString token = createToken(page, QStringLiteral("ci"));
        // Another token stays: with none left, a loopback gateway is open to local clients again.
        const QString other = createToken(page, QStringLiteral("other"));

        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        hydra::app::GatewaySettings settings;
        settings.port = probe.serverPort();
        probe.close();
        QSignalSpy started(&fixture.engine, &hydra::Engine::started);
        fixture.engine.start(fixture.settings.toGatewayConfig(settings));
        QVERIFY(started.wait(10000));
        QVERIFY(modelsStatus(settings.port, token) != 401);
        QCOMPARE(modelsStatus(settings.port, QStringLiteral("hydra-wrong")), 401);

        child<QTableWidget>(page, "tokensTable")->selectRow(0);
        answerNextMessageBox(QMessageBox::Yes);
        child<QPushButton>(page, "revokeButton")->click();
        QCOMPARE(storedTokens(fixture).size(), std::size_t(1));
        QCOMPARE(storedTokens(fixture)[0].name, std::string("other"));
        QCOMPARE(child<QTableWidget>(page, "tokensTable")->rowCount(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(modelsStatus(settings.port, token), 401, 10000);
        QVERIFY(modelsStatus(settings.port, other) != 401);
        fixture.engine.stop();
    }

    void aTokenLetsTheGatewayListenOnAllInterfaces()
    {
        SettingsFixture fixture;
        SettingsDialog dialog(fixture.context);
        dialog.show();
        auto *bind = child<QComboBox>(dialog, "bindCombo");
        bind->setCurrentIndex(bind->findData(QStringLiteral("0.0.0.0")));
        QVERIFY(bind->property("invalid").toBool());
        QVERIFY(!dialog.apply());

        dialog.showPage(SettingsDialog::Page::AccessTokens);
        createToken(dialog, QStringLiteral("laptop"));
        QVERIFY(!bind->property("invalid").toBool()); // checked again when the tokens change
        QVERIFY(child<QLabel>(dialog, "bindMessage")->text().contains(QStringLiteral("network")));
        QVERIFY(dialog.apply());
        QCOMPARE(fixture.settings.load().bindAddress, QStringLiteral("0.0.0.0"));
    }
};

QTEST_MAIN(TestTokensPage)
#include "tst_tokens_page.moc"
