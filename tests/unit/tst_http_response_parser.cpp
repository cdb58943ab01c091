// The upstream client's response parser: every framing Google (or a proxy in
// between) may use, fed in every possible split.

#include "upstream/http_response_parser.h"

#include <QTest>

#include <cstdio>

using hydra::upstream::HttpResponseParser;

namespace {

struct Parsed
{
    bool ok = true;
    bool done = false;
    int status = 0;
    std::string body;
    bool reusable = false;
};

// Feeds `wire` in two pieces split at `split` (or whole when split is npos).
Parsed parse(const std::string &wire, std::size_t split = std::string::npos, bool closeAfter = false)
{
    HttpResponseParser parser;
    Parsed out;
    if (split == std::string::npos || split > wire.size()) {
        out.ok = parser.feed(wire, out.body);
    } else {
        out.ok = parser.feed(std::string_view(wire).substr(0, split), out.body) &&
                 parser.feed(std::string_view(wire).substr(split), out.body);
    }
    if (closeAfter)
        parser.connectionClosed();
    out.done = parser.done();
    out.status = parser.status();
    out.reusable = parser.reusable();
    return out;
}

std::string chunk(const std::string &data)
{
    char size[16];
    std::snprintf(size, sizeof size, "%zx", data.size());
    return size + std::string("\r\n") + data + "\r\n";
}

const std::string chunkedBody = "data: {\"a\":1}\r\n\r\ndata: {}\r\n\r\nhello";
const std::string chunked = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n" +
                            chunk(chunkedBody.substr(0, 29)) + chunk("hello") + "0\r\n\r\n";

} // namespace

class HttpResponseParserTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chunkedBodyAtEverySplit()
    {
        for (std::size_t split = 0; split <= chunked.size(); ++split) {
            const Parsed parsed = parse(chunked, split);
            QVERIFY2(parsed.ok && parsed.done, qPrintable(QString::number(split)));
            QCOMPARE(parsed.status, 200);
            QCOMPARE(parsed.body, chunkedBody);
            QVERIFY(parsed.reusable);
        }
    }

    void contentLengthBody()
    {
        const Parsed parsed = parse("HTTP/1.1 429 Too Many Requests\r\ncontent-length: 4\r\n\r\n{}\r\n");
        QVERIFY(parsed.done);
        QCOMPARE(parsed.status, 429);
        QCOMPARE(parsed.body, std::string("{}\r\n"));
        QVERIFY(parsed.reusable);
    }

    void incompleteBodyIsNotDone()
    {
        const Parsed parsed = parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345");
        QVERIFY(parsed.ok);
        QVERIFY(!parsed.done);
        QCOMPARE(parsed.body, std::string("12345"));
        HttpResponseParser parser;
        std::string body;
        QVERIFY(parser.feed("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345", body));
        parser.connectionClosed();
        QVERIFY(!parser.done());
        QVERIFY(!parser.error().empty());
    }

    void bodyUntilCloseIsNotReusable()
    {
        const Parsed parsed = parse("HTTP/1.1 200 OK\r\n\r\neverything", std::string::npos, true);
        QVERIFY(parsed.done);
        QCOMPARE(parsed.body, std::string("everything"));
        QVERIFY(!parsed.reusable);
    }

    void connectionCloseIsNotReusable()
    {
        QVERIFY(!parse("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n").reusable);
        QVERIFY(!parse("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n").reusable);
        QVERIFY(parse("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n").reusable);
    }

    void interimContinueIsSkipped()
    {
        const Parsed parsed = parse("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        QCOMPARE(parsed.status, 200);
        QCOMPARE(parsed.body, std::string("ok"));
    }

    void garbageIsAnError()
    {
        QVERIFY(!parse("SSH-2.0-OpenSSH\r\n\r\n").ok);
        QVERIFY(!parse("HTTP/1.1 2x0 OK\r\n\r\n").ok);
        QVERIFY(!parse("HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n").ok);
        QVERIFY(!parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n").ok);
        QVERIFY(!parse("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n").ok);
    }

    void headerLookupIsCaseInsensitive()
    {
        HttpResponseParser parser;
        std::string body;
        QVERIFY(parser.feed("HTTP/1.1 200 OK\r\nX-Thing:  value \r\nContent-Length: 0\r\n\r\n", body));
        QCOMPARE(parser.header("x-thing"), std::string("value"));
    }
};

QTEST_APPLESS_MAIN(HttpResponseParserTest)
#include "tst_http_response_parser.moc"
