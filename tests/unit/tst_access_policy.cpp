// Who may use the token-less local gateway: only requests addressed to a loopback
// name (against DNS rebinding) and, from browsers, only loopback origins (against
// any web page spending the user's quota). With access tokens, any origin may call.

#include "server/access_policy.h"

#include <QtTest>

using namespace hydra::server;

class TestAccessPolicy : public QObject
{
    Q_OBJECT

private slots:
    void loopbackHosts_data();
    void loopbackHosts();
    void loopbackOrigins_data();
    void loopbackOrigins();
    void tokenlessGatewayAcceptsLocalCalls();
    void tokenlessGatewayAcceptsClientsWithoutHost();
    void tokenlessGatewayRefusesForeignHost();
    void tokenlessGatewayRefusesForeignOrigin();
    void tokenlessGatewayEchoesLoopbackOrigin();
    void tokensRequiredAllowsAnyOrigin();
};

void TestAccessPolicy::loopbackHosts_data()
{
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<bool>("loopback");
    QTest::newRow("localhost") << QByteArray("localhost") << true;
    QTest::newRow("localhost:8000") << QByteArray("localhost:8000") << true;
    QTest::newRow("LocalHost:8000") << QByteArray("LocalHost:8000") << true;
    QTest::newRow("127.0.0.1") << QByteArray("127.0.0.1") << true;
    QTest::newRow("127.0.0.1:8000") << QByteArray("127.0.0.1:8000") << true;
    QTest::newRow("127.5.6.7:80 (all of 127/8)") << QByteArray("127.5.6.7:80") << true;
    QTest::newRow("[::1]") << QByteArray("[::1]") << true;
    QTest::newRow("[::1]:8000") << QByteArray("[::1]:8000") << true;
    QTest::newRow("surrounding spaces") << QByteArray("  localhost:8000 ") << true;
    QTest::newRow("empty") << QByteArray("") << false;
    QTest::newRow("evil.com") << QByteArray("evil.com") << false;
    QTest::newRow("evil.com:8000") << QByteArray("evil.com:8000") << false;
    QTest::newRow("localhost.evil.com") << QByteArray("localhost.evil.com") << false;
    QTest::newRow("localhost.evil.com:8000") << QByteArray("localhost.evil.com:8000") << false;
    QTest::newRow("evil-localhost") << QByteArray("evil-localhost") << false;
    QTest::newRow("127.0.0.1.nip.io") << QByteArray("127.0.0.1.nip.io") << false;
    QTest::newRow("127.0.0.1.nip.io:8000") << QByteArray("127.0.0.1.nip.io:8000") << false;
    QTest::newRow("LAN address") << QByteArray("192.168.1.10:8000") << false;
    QTest::newRow("any address") << QByteArray("0.0.0.0:8000") << false;
    QTest::newRow("[::1] with trailing text") << QByteArray("[::1]evil.com") << false;
    QTest::newRow("two ports") << QByteArray("localhost:80:evil.com") << false;
    QTest::newRow("user info") << QByteArray("evil.com@localhost") << false;
    // Read as a URL's authority, these name evil.example (the attacker's DNS-rebinding name).
    QTest::newRow("loopback as user info") << QByteArray("127.0.0.1:1@evil.example") << false;
    QTest::newRow("localhost as user info") << QByteArray("localhost@evil.example") << false;
    QTest::newRow("[::1] as user info") << QByteArray("[::1]:80@evil.example") << false;
    QTest::newRow("path after the port") << QByteArray("localhost:8000/evil.example") << false;
    QTest::newRow("port that is not a number") << QByteArray("localhost:80a") << false;
    QTest::newRow("backslash") << QByteArray("localhost\\evil.example") << false;
}

void TestAccessPolicy::loopbackHosts()
{
    QFETCH(QByteArray, host);
    QFETCH(bool, loopback);
    QCOMPARE(isLoopbackHost(host), loopback);
}

void TestAccessPolicy::loopbackOrigins_data()
{
    QTest::addColumn<QByteArray>("origin");
    QTest::addColumn<bool>("loopback");
    QTest::newRow("http://localhost:3000") << QByteArray("http://localhost:3000") << true;
    QTest::newRow("http://localhost") << QByteArray("http://localhost") << true;
    QTest::newRow("https://127.0.0.1") << QByteArray("https://127.0.0.1") << true;
    QTest::newRow("http://127.0.0.1:5173") << QByteArray("http://127.0.0.1:5173") << true;
    QTest::newRow("http://[::1]:8080") << QByteArray("http://[::1]:8080") << true;
    QTest::newRow("https://evil.com") << QByteArray("https://evil.com") << false;
    QTest::newRow("http://localhost.evil.com") << QByteArray("http://localhost.evil.com") << false;
    QTest::newRow("http://127.0.0.1.nip.io") << QByteArray("http://127.0.0.1.nip.io") << false;
    QTest::newRow("null (sandboxed page or file://)") << QByteArray("null") << false;
    QTest::newRow("file:// scheme") << QByteArray("file://localhost") << false;
    QTest::newRow("chrome-extension") << QByteArray("chrome-extension://abcdef") << false;
    QTest::newRow("bare host without scheme") << QByteArray("localhost:3000") << false;
}

void TestAccessPolicy::loopbackOrigins()
{
    QFETCH(QByteArray, origin);
    QFETCH(bool, loopback);
    QCOMPARE(isLoopbackOrigin(origin), loopback);
}

void TestAccessPolicy::tokenlessGatewayAcceptsLocalCalls()
{
    const AccessDecision decision = checkBrowserAccess("localhost:8000", {}, false);
    QVERIFY(decision.allowed);
    QVERIFY(decision.allowOrigin.isEmpty()); // not a browser: no CORS header
}

void TestAccessPolicy::tokenlessGatewayAcceptsClientsWithoutHost()
{
    // HTTP/1.0 tools may omit Host; a browser never does.
    QVERIFY(checkBrowserAccess({}, {}, false).allowed);
}

void TestAccessPolicy::tokenlessGatewayRefusesForeignHost()
{
    // DNS rebinding: the page's own domain now resolves to 127.0.0.1, so the origin
    // looks "same-site" to the browser, but Host still names the attacker's domain.
    const AccessDecision decision = checkBrowserAccess("rebind.evil.com:8000", "http://rebind.evil.com:8000", false);
    QVERIFY(!decision.allowed);
    QVERIFY2(decision.reason.contains("rebind.evil.com"), decision.reason.constData());
    QVERIFY(decision.allowOrigin.isEmpty());
}

void TestAccessPolicy::tokenlessGatewayRefusesForeignOrigin()
{
    const AccessDecision decision = checkBrowserAccess("localhost:8000", "https://evil.com", false);
    QVERIFY(!decision.allowed);
    QVERIFY2(decision.reason.contains("https://evil.com"), decision.reason.constData());
    QVERIFY(decision.allowOrigin.isEmpty());
}

void TestAccessPolicy::tokenlessGatewayEchoesLoopbackOrigin()
{
    const AccessDecision decision = checkBrowserAccess("127.0.0.1:8000", "http://localhost:3000", false);
    QVERIFY(decision.allowed);
    QCOMPARE(decision.allowOrigin, QByteArray("http://localhost:3000"));
}

void TestAccessPolicy::tokensRequiredAllowsAnyOrigin()
{
    // Behind a tunnel, Host is the public name and web apps call from anywhere;
    // the access token is what protects the quota then.
    const AccessDecision fromWeb = checkBrowserAccess("hydra.example.net", "https://chat.example.org", true);
    QVERIFY(fromWeb.allowed);
    QCOMPARE(fromWeb.allowOrigin, QByteArray("https://chat.example.org"));

    const AccessDecision noBrowser = checkBrowserAccess("hydra.example.net", {}, true);
    QVERIFY(noBrowser.allowed);
    QVERIFY(noBrowser.allowOrigin.isEmpty());
}

QTEST_APPLESS_MAIN(TestAccessPolicy)
#include "tst_access_policy.moc"
