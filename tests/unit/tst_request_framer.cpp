// RequestFramer: follows HTTP/1.1 request boundaries on one connection so that an
// oversized request is refused from its headers, before its body is buffered.

#include "server/request_framer.h"

#include <QtTest>

#include <cstdio>
#include <optional>
#include <vector>
#include <string>

using hydra::server::RequestFramer;
using Verdict = RequestFramer::Verdict;

Q_DECLARE_METATYPE(RequestFramer::Verdict)

namespace {

constexpr std::size_t kMaxHeaders = 256;
constexpr std::int64_t kMaxBody = 100;

std::string post(const std::string &body, const std::string &extraHeaders = {})
{
    return "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost:8000\r\nContent-Type: application/json\r\n"
           "Content-Length: " + std::to_string(body.size()) + "\r\n" + extraHeaders + "\r\n" + body;
}

std::string get(const std::string &path)
{
    return "GET " + path + " HTTP/1.1\r\nHost: localhost:8000\r\n\r\n";
}

std::string chunkedHead()
{
    return "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n";
}

std::string chunk(std::size_t size)
{
    char hex[32];
    std::snprintf(hex, sizeof hex, "%zx", size);
    return std::string(hex) + "\r\n" + std::string(size, 'x') + "\r\n";
}

// Feeds one byte at a time; returns the first verdict that is not Ok.
Verdict feedByteByByte(RequestFramer &framer, const std::string &bytes)
{
    for (char c : bytes) {
        const Verdict verdict = framer.feed(std::string_view(&c, 1));
        if (verdict != Verdict::Ok)
            return verdict;
    }
    return Verdict::Ok;
}

} // namespace

class TestRequestFramer : public QObject
{
    Q_OBJECT

private slots:
    void bodyAtTheLimitIsAccepted();
    void bodyOverTheLimitIsRefusedFromTheHeaders();
    void bodyArrivingInPieces();
    void emptyBodyCompletesAtTheHeaders();
    void headersOverTheLimit();
    void headersOverTheLimitInOneRead();
    void headersOverTheLimitByteByByte();
    void headersAtTheLimitAreAccepted();
    void chunkedBodyIsCounted();
    void chunkedBodyOverTheLimit();
    void chunkedWithExtensionsAndTrailers();
    void malformedChunkSize();
    void pipelinedRequestsAreCounted();
    void pipelinedRequestsByteByByte();
    void strayLineBreaksBetweenRequests();
    void bareLfLineEndings();
    void malformedContentLength_data();
    void malformedContentLength();
    void conflictingLengthsAreMalformed();
    void expectContinueIsReportedOnceWhileTheBodyIsAwaited();
    void headerNamesIgnoreCase();
    void theHeadEndsAtTheFirstEmptyLineHoweverItIsSplit();
    void admissionSeesEachHeadBeforeItsBody();
    void refusedHeadStopsTheConnection();
    void admissionSetsTheBodyLimit();
    void aRefusedHeadNeverAsksToContinue();
    void malformedHeadSaysWhy();
    void hugeChunkSizesDoNotOverflow();
};

void TestRequestFramer::bodyAtTheLimitIsAccepted()
{
    RequestFramer framer(kMaxHeaders, kMaxBody);
    QCOMPARE(framer.feed(post(std::string(kMaxBody, 'a'))), Verdict::Ok);
    QCOMPARE(framer.completedRequests(), std::uint64_t(1));
    QVERIFY(!framer.midRequest());
}

void TestRequestFramer::bodyOverTheLimitIsRefusedFromTheHeaders()
{
    RequestFramer framer(kMaxHeaders, kMaxBody);
    // Only the headers have arrived: Content-Length alone is enough to refuse.
    const std::string request = post(std::string(kMaxBody + 1, 'a'));
    const std::string headers = request.substr(0, request.find("\r\n\r\n") + 4);
    QCOMPARE(framer.feed(headers), Verdict::BodyTooLarge);
    QCOMPARE(framer.completedRequests(), std::uint64_t(0));

    RequestFramer huge(kMaxHeaders, kMaxBody);
    QCOMPARE(huge.feed("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10000000000\r\n\r\n"), Verdict::BodyTooLarge);
}

void TestRequestFramer::bodyArrivingInPieces()
{
    RequestFramer framer(kMaxHeaders, kMaxBody);
    const std::string request = post(std::string(60, 'a'));
    const std::size_t headerEnd = request.find("\r\n\r\n") + 4;
    QCOMPARE(framer.feed(request.substr(0, headerEnd - 2)), Verdict::Ok);
    QVERIFY(framer.midRequest());
    QCOMPARE(framer.feed(request.substr(headerEnd - 2, 32)), Verdict::Ok);
    QVERIFY(framer.midRequest());
    QCOMPARE(framer.completedRequests(), std::uint64_t(0));
    QCOMPARE(framer.feed(request.substr(headerEnd + 30)), Verdict::Ok);
    QVERIFY(!framer.midRequest());
    QCOMPARE(framer.completedRequests(), std::uint64_t(1));
}

void TestRequestFramer::emptyBodyCompletesAtTheHeaders()
{
    RequestFramer framer(kMaxHeaders, kMaxBody);
    QCOMPARE(framer.feed(post("")), Verdict::Ok);
    QCOMPARE(framer.feed(get("/v1/models")), Verdict::Ok);
    QCOMPARE(framer.completedRequests(), std::uint64_t(2));
    QVERIFY(!framer.midRequest());
}

void TestRequestFramer::headersOverTheLimit()
{
    RequestFramer framer(kMaxHeaders, kMaxBody);
    QCOMPARE(framer.feed("GET / HTTP/1.1\r\nX-Padding: "), Verdict::Ok);
    // An endless header line: refused once it passes the limit, not when it ends.
    Verdict verdict = Verdict::Ok;
    for (int i = 0; i < 100 && verdict == Verdict::Ok; ++i)
        verdict = framer.feed(std::string(16, 'p'));
    QCOMPARE(verdict, Verdict::HeadersTooLarge);
}

void TestRequestFramer::headersOverTheLimitInOneRead()
{
    RequestFramer framer(kMaxHeaders, kMaxBody);
    const std::string request = "GET / HTTP/1.1\r\nX-Padding: " + std::string(kMaxHeaders, 'p') + "\r\n\r\n";
    QCOMPARE(framer.feed(request), Verdict::HeadersTooLarge);
    QCOMPARE(framer.completedRequests(), std::uint64_t(0));
}

void TestRequestFramer::headersOverTheLimitByteByByte()
{
    RequestFramer framer(kMaxHeaders, kMaxBody);
    const std::string request = "GET / HTTP/1.1\r\nX-Padding: " + std::string(kMaxHeaders, 'p') + "\r\n\r\n";
    QCOMPARE(feedByteByByte(framer, request), Verdict::HeadersTooLarge);
}

void TestRequestFramer::headersAtTheLimitAreAccepted()
{
    // The header block (without its final blank line) may be exactly kMaxHeaders long.
    const std::string start = "GET / HTTP/1.1\r\nHost: h\r\nX-Padding: ";
    const std::string block = start + std::string(kMaxHeaders - start.size(), 'p');
    QCOMPARE(block.size(), kMaxHeaders);
    RequestFramer framer(kMaxHeaders, kMaxBody);
    QCOMPARE(framer.feed(block + "\r\n\r\n"), Verdict::Ok);
    QCOMPARE(framer.completedRequests(), std::uint64_t(1));

    RequestFramer slow(kMaxHeaders, kMaxBody);
    QCOMPARE(feedByteByByte(slow, block + "\r\n\r\n"), Verdict::Ok);
    QCOMPARE(slow.completedRequests(), std::uint64_t(1));

    RequestFramer oneMore(kMaxHeaders, kMaxBody);
    QCOMPARE(oneMore.feed(block + "p\r\n\r\n"), Verdict::HeadersTooLarge);
}

void TestRequestFramer::chunkedBodyIsCounted()
{
    RequestFramer framer(kMaxHeaders, kMaxBody);
    QCOMPARE(framer.feed(chunkedHead()), Verdict::Ok);
    QCOMPARE(framer.feed(chunk(40)), Verdict::Ok);
    QCOMPARE(framer.feed(chunk(60)), Verdict::Ok); // 100 bytes: exactly the limit
    QVERIFY(framer.midRequest());
    QCOMPARE(framer.completedRequests(), std::uint64_t(0));
    QCOMPARE(framer.feed("0\r\n\r\n"), Verdict::Ok);
    QVERIFY(!framer.midRequest());
    QCOMPARE(framer.completedRequests(), std::uint64_t(1));
}

void TestRequestFramer::chunkedBodyOverTheLimit()
{
    // No single chunk is too big; their sum is. Refused from the chunk-size line.
    RequestFramer framer(kMaxHeaders, kMaxBody);
    QCOMPARE(framer.feed(chunkedHead() + chunk(40) + chunk(40)), Verdict::Ok);
    QCOMPARE(framer.feed("15\r\n"), Verdict::BodyTooLarge); // 0x15 = 21 more bytes

    RequestFramer slow(kMaxHeaders, kMaxBody);
    QCOMPARE(feedByteByByte(slow, chunkedHead() + chunk(50) + chunk(50) + chunk(1)), Verdict::BodyTooLarge);
}

void TestRequestFramer::chunkedWithExtensionsAndTrailers()
{
    RequestFramer framer(kMaxHeaders, kMaxBody);
    const std::string request = chunkedHead() + "A;name=value\r\n0123456789\r\n0\r\nX-Checksum: abc\r\n\r\n" + get("/health");
    QCOMPARE(feedByteByByte(framer, request), Verdict::Ok);
    QCOMPARE(framer.completedRequests(), std::uint64_t(2));
    QVERIFY(!framer.midRequest());
}

void TestRequestFramer::malformedChunkSize()
{
    RequestFramer framer(kMaxHeaders, kMaxBody);
    QCOMPARE(framer.feed(chunkedHead() + "zz\r\n"), Verdict::Malformed);

    RequestFramer missingCrlf(kMaxHeaders, kMaxBody);
    QCOMPARE(missingCrlf.feed(chunkedHead() + "3\r\nabcdef\r\n"), Verdict::Malformed);
}

void TestRequestFramer::pipelinedRequestsAreCounted()
{
    RequestFramer framer(kMaxHeaders, kMaxBody);
    const std::string three = get("/v1/models") + post(R"({"model":"gemini-2.5-flash"})") + get("/health");
    QCOMPARE(framer.feed(three), Verdict::Ok);
    QCOMPARE(framer.completedRequests(), std::uint64_t(3));
    QVERIFY(!framer.midRequest());
    QCOMPARE(framer.feed("GET /v1/mo"), Verdict::Ok);
    QVERIFY(framer.midRequest());
    QCOMPARE(framer.completedRequests(), std::uint64_t(3));
}

void TestRequestFramer::pipelinedRequestsByteByByte()
{
    RequestFramer framer(kMaxHeaders, kMaxBody);
    const std::string requests = post(std::string(kMaxBody, 'a')) + chunkedHead() + chunk(30) + "0\r\n\r\n" +
                                 get("/v1/models") + post("{}");
    QCOMPARE(feedByteByByte(framer, requests), Verdict::Ok);
    QCOMPARE(framer.completedRequests(), std::uint64_t(4));
    QVERIFY(!framer.midRequest());
    // The second oversized request on the same connection is still caught.
    QCOMPARE(feedByteByByte(framer, post(std::string(kMaxBody + 1, 'a'))), Verdict::BodyTooLarge);
}

void TestRequestFramer::strayLineBreaksBetweenRequests()
{
    RequestFramer framer(kMaxHeaders, kMaxBody);
    QCOMPARE(framer.feed(post("{}") + "\r\n" + get("/v1/models")), Verdict::Ok);
    QCOMPARE(framer.completedRequests(), std::uint64_t(2));
    QVERIFY(!framer.midRequest());
}

void TestRequestFramer::bareLfLineEndings()
{
    RequestFramer framer(kMaxHeaders, kMaxBody);
    QCOMPARE(feedByteByByte(framer, "POST / HTTP/1.1\nHost: localhost\nContent-Length: 2\n\n{}"), Verdict::Ok);
    QCOMPARE(framer.completedRequests(), std::uint64_t(1));
    QCOMPARE(framer.feed("POST / HTTP/1.1\nHost: h\nContent-Length: 101\n\n"), Verdict::BodyTooLarge);
}

void TestRequestFramer::malformedContentLength_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::newRow("letters") << QByteArray("abc");
    QTest::newRow("negative") << QByteArray("-5");
    QTest::newRow("two numbers") << QByteArray("10 20");
    QTest::newRow("list") << QByteArray("10, 10");
    QTest::newRow("hex") << QByteArray("0x10");
    QTest::newRow("plus sign") << QByteArray("+10");
    QTest::newRow("empty") << QByteArray("");
    QTest::newRow("overflow") << QByteArray("99999999999999999999999");
}

void TestRequestFramer::malformedContentLength()
{
    QFETCH(QByteArray, value);
    RequestFramer framer(kMaxHeaders, kMaxBody);
    QCOMPARE(framer.feed("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: " + value.toStdString() + "\r\n\r\n{}"), Verdict::Malformed);
}

void TestRequestFramer::conflictingLengthsAreMalformed()
{
    RequestFramer twoLengths(kMaxHeaders, kMaxBody);
    QCOMPARE(twoLengths.feed("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 9000000000\r\nContent-Length: 0\r\n\r\n"),
             Verdict::Malformed);
    RequestFramer sameTwice(kMaxHeaders, kMaxBody); // the same value twice is still one length
    QCOMPARE(sameTwice.feed("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}"), Verdict::Ok);
    QCOMPARE(sameTwice.completedRequests(), std::uint64_t(1));
    RequestFramer both(kMaxHeaders, kMaxBody);
    QCOMPARE(both.feed("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n"),
             Verdict::Malformed);
}

void TestRequestFramer::expectContinueIsReportedOnceWhileTheBodyIsAwaited()
{
    RequestFramer framer(kMaxHeaders, kMaxBody);
    QCOMPARE(framer.feed("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nContent-Length: 2\r\n\r\n"), Verdict::Ok);
    QVERIFY(framer.takeContinueRequest());
    QVERIFY(!framer.takeContinueRequest());
    RequestFramer whole(kMaxHeaders, kMaxBody); // the client did not wait: nothing to answer
    QCOMPARE(whole.feed("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n{}"), Verdict::Ok);
    QVERIFY(!whole.takeContinueRequest());
    RequestFramer none(kMaxHeaders, kMaxBody);
    QCOMPARE(none.feed("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n"), Verdict::Ok);
    QVERIFY(!none.takeContinueRequest());
}

void TestRequestFramer::headerNamesIgnoreCase()
{
    RequestFramer framer(kMaxHeaders, kMaxBody);
    QCOMPARE(framer.feed("POST / HTTP/1.1\r\nHost: h\r\ncontent-LENGTH:   101  \r\n\r\n"), Verdict::BodyTooLarge);
    RequestFramer chunked(kMaxHeaders, kMaxBody);
    QCOMPARE(chunked.feed("POST / HTTP/1.1\r\nHost: h\r\nTRANSFER-ENCODING: Chunked\r\n\r\n" + chunk(101)), Verdict::BodyTooLarge);
}

void TestRequestFramer::theHeadEndsAtTheFirstEmptyLineHoweverItIsSplit()
{
    // "\n\n" comes first, "\r\n\r\n" later: whole, the later one used to be found first, byte by
    // byte the earlier one, so the same bytes were two different requests.
    const std::string bytes = "GET /a HTTP/1.1\nHost: h\n\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n";
    std::vector<std::string> whole, slow;
    RequestFramer oneRead(kMaxHeaders, kMaxBody, [&](const hydra::server::RequestHead &head) {
        whole.push_back(head.target);
        return std::optional<std::int64_t>(0);
    });
    RequestFramer byteByByte(kMaxHeaders, kMaxBody, [&](const hydra::server::RequestHead &head) {
        slow.push_back(head.target);
        return std::optional<std::int64_t>(0);
    });
    QCOMPARE(oneRead.feed(bytes), Verdict::Ok);
    QCOMPARE(feedByteByByte(byteByByte, bytes), Verdict::Ok);
    QCOMPARE(whole, (std::vector<std::string>{"/a", "/b"}));
    QCOMPARE(slow, whole);
    // A line that ends in a bare LF, then a CR LF blank line.
    RequestFramer mixed(kMaxHeaders, kMaxBody);
    QCOMPARE(mixed.feed("GET / HTTP/1.1\nHost: h\n\r\n"), Verdict::Ok);
    QCOMPARE(mixed.completedRequests(), std::uint64_t(1));
}

void TestRequestFramer::admissionSeesEachHeadBeforeItsBody()
{
    std::vector<std::string> seen;
    std::uint64_t completedWhenAdmitted = 99;
    RequestFramer *self = nullptr;
    RequestFramer framer(kMaxHeaders, kMaxBody, [&](const hydra::server::RequestHead &head) {
        seen.push_back(head.method + " " + head.target);
        completedWhenAdmitted = self->completedRequests();
        return std::optional<std::int64_t>(kMaxBody);
    });
    self = &framer;
    const std::string request = post("{\"a\":1}");
    const std::size_t headEnd = request.find("\r\n\r\n") + 4;
    QCOMPARE(feedByteByByte(framer, request.substr(0, headEnd)), Verdict::Ok);
    QCOMPARE(seen.size(), std::size_t(1)); // decided on the head alone
    QCOMPARE(completedWhenAdmitted, std::uint64_t(0));
    QCOMPARE(framer.feed(request.substr(headEnd) + get("/v1/models")), Verdict::Ok);
    QCOMPARE(seen, (std::vector<std::string>{"POST /v1/chat/completions", "GET /v1/models"}));
}

void TestRequestFramer::refusedHeadStopsTheConnection()
{
    int admissions = 0;
    RequestFramer framer(kMaxHeaders, kMaxBody, [&](const hydra::server::RequestHead &head) {
        ++admissions;
        return head.target == "/health" ? std::optional<std::int64_t>(0) : std::nullopt;
    });
    QCOMPARE(framer.feed(get("/health") + post(std::string(50, 'a')) + get("/health")), Verdict::Refused);
    QCOMPARE(admissions, 2); // the third head was never read
    QCOMPARE(framer.completedRequests(), std::uint64_t(1));
}

void TestRequestFramer::admissionSetsTheBodyLimit()
{
    // A request without a token may send a small body at most, whatever the listener allows.
    auto smallLimit = [](const hydra::server::RequestHead &) { return std::optional<std::int64_t>(10); };
    RequestFramer framer(kMaxHeaders, kMaxBody, smallLimit);
    QCOMPARE(framer.feed(post(std::string(10, 'a'))), Verdict::Ok);
    QCOMPARE(framer.feed(post(std::string(11, 'a'))), Verdict::BodyTooLarge);
    RequestFramer chunked(kMaxHeaders, kMaxBody, smallLimit);
    QCOMPARE(chunked.feed(chunkedHead() + chunk(6)), Verdict::Ok);
    QCOMPARE(chunked.feed(chunk(6)), Verdict::BodyTooLarge);
    // The admission cannot raise the listener's own limit.
    RequestFramer generous(kMaxHeaders, kMaxBody,
                           [](const hydra::server::RequestHead &) { return std::optional<std::int64_t>(1'000'000); });
    QCOMPARE(generous.feed(post(std::string(kMaxBody + 1, 'a'))), Verdict::BodyTooLarge);
}

void TestRequestFramer::aRefusedHeadNeverAsksToContinue()
{
    RequestFramer framer(kMaxHeaders, kMaxBody, [](const hydra::server::RequestHead &) { return std::nullopt; });
    QCOMPARE(framer.feed("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 50\r\n\r\n"),
             Verdict::Refused);
    QVERIFY(!framer.takeContinueRequest());
}

void TestRequestFramer::malformedHeadSaysWhy()
{
    RequestFramer framer(kMaxHeaders, 1 << 20);
    std::string fields;
    for (int i = 0; i < 120; ++i)
        fields += "X-H" + std::to_string(i) + ": v\r\n";
    QCOMPARE(framer.feed("GET / HTTP/1.1\r\nHost: h\r\n" + fields + "\r\n"), Verdict::HeadersTooLarge);
    RequestFramer many(1 << 20, 1 << 20);
    QCOMPARE(many.feed("GET / HTTP/1.1\r\nHost: h\r\n" + fields + "\r\n"), Verdict::Malformed);
    QCOMPARE(many.rejection().status, 431);
    RequestFramer version(kMaxHeaders, kMaxBody);
    QCOMPARE(version.feed("GET / HTTP/2.0\r\nHost: h\r\n\r\n"), Verdict::Malformed);
    QCOMPARE(version.rejection().status, 505);
}

void TestRequestFramer::hugeChunkSizesDoNotOverflow()
{
    // Found by fuzzing (tests/fuzz, request_framer): 2^63 - 1 bytes after the first chunk made
    // the running total overflow (undefined behaviour; in practice a negative total, accepted).
    RequestFramer framer(kMaxHeaders, kMaxBody);
    QCOMPARE(framer.feed(chunkedHead() + chunk(5) + "7fffffffffffffff\r\n"), Verdict::BodyTooLarge);
    RequestFramer first(kMaxHeaders, kMaxBody);
    QCOMPARE(first.feed(chunkedHead() + "7fffffffffffffff\r\n"), Verdict::BodyTooLarge);
}

QTEST_APPLESS_MAIN(TestRequestFramer)
#include "tst_request_framer.moc"
