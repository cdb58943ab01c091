// parseRequestHead: the strict RFC 9112 reading of a request's head that the gateway acts
// on. Whatever it cannot read without guessing is refused with the status that says why,
// so no other parser (Qt's, a proxy's) can read the same bytes differently.

#include "server/request_head.h"

#include <QtTest>

#include <string>

using hydra::server::HeadRejection;
using hydra::server::parseRequestHead;
using hydra::server::RequestHead;

namespace {

std::string headWith(const std::string &fields, const std::string &requestLine = "POST /v1/chat/completions HTTP/1.1")
{
    return requestLine + "\r\n" + fields;
}

int statusOf(const std::string &block)
{
    const auto parsed = parseRequestHead(block);
    const auto *rejection = std::get_if<HeadRejection>(&parsed);
    return rejection ? rejection->status : 200;
}

RequestHead accepted(const std::string &block)
{
    auto parsed = parseRequestHead(block);
    if (auto *rejection = std::get_if<HeadRejection>(&parsed))
        qFatal("refused (%d): %s", rejection->status, rejection->message.c_str());
    return std::get<RequestHead>(std::move(parsed));
}

std::string manyFields(int count)
{
    std::string fields = "Host: localhost\r\n";
    for (int i = 1; i < count; ++i)
        fields += "X-H" + std::to_string(i) + ": v\r\n";
    return fields;
}

} // namespace

class TestRequestHead : public QObject
{
    Q_OBJECT

private slots:
    void anOrdinaryHead()
    {
        const RequestHead head = accepted(
            headWith("Host: localhost:8000\r\nContent-Type: application/json\r\nContent-Length:  42 \r\n"
                     "Authorization: Bearer abc"));
        QCOMPARE(head.method, std::string("POST"));
        QCOMPARE(head.target, std::string("/v1/chat/completions"));
        QCOMPARE(head.minorVersion, 1);
        QCOMPARE(head.contentLength, std::int64_t(42));
        QVERIFY(!head.chunked);
        QVERIFY(head.keepAlive);
        QCOMPARE(head.field("authorization"), std::string_view("Bearer abc"));
        QCOMPARE(head.field("content-type"), std::string_view("application/json"));
        QVERIFY(head.field("cookie").empty());
    }

    void atMostAHundredFields()
    {
        // Qt drops every header of a request with more than 100 and serves it anyway: the Host
        // and Origin checks and Content-Length would be gone. Such a head never reaches it.
        QCOMPARE(statusOf(headWith(manyFields(100))), 200);
        QCOMPARE(statusOf(headWith(manyFields(101))), 431);
        QCOMPARE(statusOf(headWith(manyFields(1000))), 431);
    }

    void malformedFieldLines_data()
    {
        QTest::addColumn<QByteArray>("fields");
        QTest::newRow("no colon") << QByteArray("Host: localhost\r\nthis is not a header");
        QTest::newRow("space before the colon") << QByteArray("Host: localhost\r\nContent-Length : 5");
        QTest::newRow("empty name") << QByteArray("Host: localhost\r\n: value");
        QTest::newRow("folded line") << QByteArray("Host: localhost\r\nX-A: one\r\n two");
        static constexpr char withNul[] = "Host: localhost\r\nX-A: o\0ne";
        QTest::newRow("NUL in a value") << QByteArray(withNul, sizeof withNul - 1);
        QTest::newRow("bare CR in a value") << QByteArray("Host: localhost\r\nX-A: a\rb");
        QTest::newRow("DEL in a value") << QByteArray("Host: localhost\r\nX-A: a\x7f");
        QTest::newRow("name with a slash") << QByteArray("Host: localhost\r\nX/A: a");
    }

    void malformedFieldLines()
    {
        QFETCH(QByteArray, fields);
        QCOMPARE(statusOf(headWith(fields.toStdString())), 400);
    }

    void hostIsRequiredOnceIn11()
    {
        QCOMPARE(statusOf(headWith("Content-Length: 0")), 400);
        QCOMPARE(statusOf(headWith("Host:")), 400);
        QCOMPARE(statusOf(headWith("Host: localhost\r\nHost: evil.example")), 400);
        QCOMPARE(statusOf(headWith("Host: evil.example\r\nhost: localhost")), 400);
    }

    void securityFieldsMayNotRepeat_data()
    {
        QTest::addColumn<QByteArray>("name");
        for (const char *name : {"Authorization", "X-Api-Key", "X-Goog-Api-Key", "Origin", "CF-Connecting-IP"})
            QTest::newRow(name) << QByteArray(name);
    }

    void securityFieldsMayNotRepeat()
    {
        QFETCH(QByteArray, name);
        const std::string field = name.toStdString();
        QCOMPARE(statusOf(headWith("Host: h\r\n" + field + ": a\r\n" + field + ": b")), 400);
        QCOMPARE(statusOf(headWith("Host: h\r\n" + field + ": a")), 200);
    }

    void transferCodings_data()
    {
        QTest::addColumn<QByteArray>("fields");
        QTest::addColumn<int>("status");
        QTest::newRow("chunked") << QByteArray("Transfer-Encoding: chunked") << 200;
        QTest::newRow("Chunked, any case") << QByteArray("Transfer-Encoding: Chunked") << 200;
        QTest::newRow("xchunked") << QByteArray("Transfer-Encoding: xchunked") << 400;
        QTest::newRow("chunked then gzip") << QByteArray("Transfer-Encoding: chunked, gzip") << 400;
        QTest::newRow("gzip then chunked") << QByteArray("Transfer-Encoding: gzip, chunked") << 501;
        QTest::newRow("two lines") << QByteArray("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked") << 400;
        QTest::newRow("gzip line, chunked line")
            << QByteArray("Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked") << 501;
        QTest::newRow("empty") << QByteArray("Transfer-Encoding: ") << 400;
        QTest::newRow("with a length") << QByteArray("Transfer-Encoding: chunked\r\nContent-Length: 5") << 400;
        QTest::newRow("chunked;x") << QByteArray("Transfer-Encoding: chunked;x=1") << 400;
    }

    void transferCodings()
    {
        QFETCH(QByteArray, fields);
        QFETCH(int, status);
        QCOMPARE(statusOf(headWith("Host: h\r\n" + fields.toStdString())), status);
        if (status == 200)
            QVERIFY(accepted(headWith("Host: h\r\n" + fields.toStdString())).chunked);
    }

    void versions_data()
    {
        QTest::addColumn<QByteArray>("requestLine");
        QTest::addColumn<int>("status");
        QTest::newRow("1.1") << QByteArray("GET / HTTP/1.1") << 200;
        QTest::newRow("1.0") << QByteArray("GET / HTTP/1.0") << 200;
        QTest::newRow("2.0 (prior knowledge)") << QByteArray("PRI * HTTP/2.0") << 505;
        QTest::newRow("1.2") << QByteArray("GET / HTTP/1.2") << 505;
        QTest::newRow("0.9") << QByteArray("GET / HTTP/0.9") << 505;
        QTest::newRow("3.0") << QByteArray("GET / HTTP/3.0") << 505;
        QTest::newRow("lower case") << QByteArray("GET / http/1.1") << 400;
        QTest::newRow("trailing junk") << QByteArray("GET / HTTP/1.1x") << 400;
        QTest::newRow("no version") << QByteArray("GET /") << 400;
        QTest::newRow("two spaces") << QByteArray("GET  / HTTP/1.1") << 400;
        QTest::newRow("space in the target") << QByteArray("GET /a b HTTP/1.1") << 400;
        QTest::newRow("tab separated") << QByteArray("GET\t/\tHTTP/1.1") << 400;
        QTest::newRow("unknown method") << QByteArray("BREW / HTTP/1.1") << 501;
        QTest::newRow("method with a colon") << QByteArray("GE:T / HTTP/1.1") << 400;
        QTest::newRow("raw UTF-8 in the target") << QByteArray("GET /\xc3\xa9 HTTP/1.1") << 400;
    }

    void versions()
    {
        QFETCH(QByteArray, requestLine);
        QFETCH(int, status);
        QCOMPARE(statusOf(headWith("Host: h", requestLine.toStdString())), status);
    }

    void http10ClosesAndNeverContinues()
    {
        const RequestHead head = accepted(headWith("Expect: 100-continue\r\nContent-Length: 5", "POST / HTTP/1.0"));
        QCOMPARE(head.minorVersion, 0);
        QVERIFY(!head.keepAlive);
        QVERIFY(!head.expectsContinue); // RFC 9110: a 1.0 client's 100-continue is ignored
        QCOMPARE(statusOf(headWith("Transfer-Encoding: chunked", "POST / HTTP/1.0")), 400);
    }

    void connectionCloseAndExpect()
    {
        QVERIFY(!accepted(headWith("Host: h\r\nConnection: close")).keepAlive);
        QVERIFY(!accepted(headWith("Host: h\r\nConnection: keep-alive, Close")).keepAlive);
        QVERIFY(accepted(headWith("Host: h\r\nConnection: keep-alive")).keepAlive);
        QVERIFY(accepted(headWith("Host: h\r\nExpect: 100-Continue\r\nContent-Length: 5")).expectsContinue);
    }

    void bareLineFeedsAreLines()
    {
        const RequestHead head = accepted("GET /v1/models HTTP/1.1\nHost: localhost\nX-A: b");
        QCOMPARE(head.field("x-a"), std::string_view("b"));
    }

    void contentLengths_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<int>("status");
        QTest::newRow("digits") << QByteArray("10") << 200;
        QTest::newRow("zero") << QByteArray("0") << 200;
        QTest::newRow("letters") << QByteArray("abc") << 400;
        QTest::newRow("negative") << QByteArray("-5") << 400;
        QTest::newRow("plus") << QByteArray("+5") << 400;
        QTest::newRow("list") << QByteArray("5, 5") << 400;
        QTest::newRow("overflow") << QByteArray("99999999999999999999999") << 400;
        QTest::newRow("empty") << QByteArray("") << 400;
    }

    void contentLengths()
    {
        QFETCH(QByteArray, value);
        QFETCH(int, status);
        QCOMPARE(statusOf(headWith("Host: h\r\nContent-Length: " + value.toStdString())), status);
    }

    void garbageIsRefusedNotGuessed()
    {
        QCOMPARE(statusOf(""), 400);
        QCOMPARE(statusOf("\x16\x03\x01\x02\x00"), 400); // a TLS ClientHello on the plain port
        QCOMPARE(statusOf(std::string(200, '\xff')), 400);
    }
};

QTEST_APPLESS_MAIN(TestRequestHead)
#include "tst_request_head.moc"
