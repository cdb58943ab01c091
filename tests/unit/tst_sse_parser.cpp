// SseParser: the data payloads of Gemini's streamGenerateContent?alt=sse, whatever
// way the bytes are cut by the network and whichever line separator is used.
// The stream is tests/fixtures/sse/gemini-stream.sse (three events, LF separators);
// the events it must give are tests/fixtures/sse/gemini-stream.events.json.

#include "json_support.h"

#include "upstream/sse_parser.h"

#include <QtTest>

#include <string>
#include <vector>

using nlohmann::json;
using hydra::upstream::SseParser;
using Events = std::vector<std::string>;

namespace {

void append(Events &into, Events more)
{
    for (auto &event : more)
        into.push_back(std::move(event));
}

std::string withSeparator(const std::string &lfText, const std::string &separator)
{
    std::string out;
    for (char c : lfText) {
        if (c == '\n')
            out += separator;
        else
            out += c;
    }
    return out;
}

// Feeds `bytes` cut at `cuts` (ascending offsets); `finished` receives what finish() gave.
Events parseInPieces(const std::string &bytes, const std::vector<size_t> &cuts, Events *finished = nullptr)
{
    SseParser parser;
    Events events;
    size_t from = 0;
    for (size_t cut : cuts) {
        append(events, parser.feed(std::string_view(bytes).substr(from, cut - from)));
        from = cut;
    }
    append(events, parser.feed(std::string_view(bytes).substr(from)));
    Events tail = parser.finish();
    if (finished)
        *finished = tail;
    append(events, std::move(tail));
    return events;
}

Events parseWhole(const std::string &bytes)
{
    return parseInPieces(bytes, {});
}

QString describe(const Events &events)
{
    QStringList out;
    for (const auto &event : events)
        out << QString::fromStdString(event).left(60);
    return QStringLiteral("%1 events: [%2]").arg(events.size()).arg(out.join(QStringLiteral(" | ")));
}

} // namespace

class TestSseParser : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void wholeStreamGivesTheThreeEvents_data();
    void wholeStreamGivesTheThreeEvents();
    void splitAtEveryBytePosition_data();
    void splitAtEveryBytePosition();
    void byteByByte_data();
    void byteByByte();
    void mixedSeparatorsInOneStream();
    void commentsAreIgnored();
    void multiLineDataIsJoinedWithNewline();
    void multiLineDataSurvivesEverySplit_data();
    void multiLineDataSurvivesEverySplit();
    void otherFieldsAreIgnored();
    void spaceAfterColonIsOptional();
    void eventWithoutDataIsNotDispatched();
    void finishFlushesAnUnterminatedLastEvent_data();
    void finishFlushesAnUnterminatedLastEvent();
    void finishOnNothingGivesNothing();
    void midStreamErrorEventIsJustAnEvent();

private:
    std::string m_stream;      // LF-separated
    Events m_expectedPayloads; // what the LF stream gives, checked against the JSON fixture
};

void TestSseParser::initTestCase()
{
    const auto bytes = hydra::test::fixtureBytes(QStringLiteral("sse/gemini-stream.sse"));
    const auto expected = hydra::test::jsonFixture(QStringLiteral("sse/gemini-stream.events.json"));
    QVERIFY(bytes);
    QVERIFY(expected);
    m_stream = bytes->toStdString();
    QVERIFY2(m_stream.find('\r') == std::string::npos, "the fixture must use LF separators; the test derives the others");

    m_expectedPayloads = parseWhole(m_stream);
    QCOMPARE(m_expectedPayloads.size(), expected->size());
    for (size_t i = 0; i < m_expectedPayloads.size(); ++i) {
        const json event = json::parse(m_expectedPayloads[i], nullptr, false);
        QVERIFY2(!event.is_discarded(), m_expectedPayloads[i].c_str());
        HYDRA_COMPARE_JSON(event, (*expected)[i]);
    }
}

void TestSseParser::wholeStreamGivesTheThreeEvents_data()
{
    QTest::addColumn<QByteArray>("separator");
    QTest::newRow("LF") << QByteArray("\n");
    QTest::newRow("CRLF") << QByteArray("\r\n");
    QTest::newRow("CR") << QByteArray("\r");
}

void TestSseParser::wholeStreamGivesTheThreeEvents()
{
    QFETCH(QByteArray, separator);
    const std::string bytes = withSeparator(m_stream, separator.toStdString());
    Events finished;
    const Events events = parseInPieces(bytes, {}, &finished);
    QVERIFY2(events == m_expectedPayloads, qPrintable(describe(events)));
    // The stream ends with a blank line: every event was out before finish().
    QVERIFY2(finished.empty(), qPrintable(describe(finished)));
}

void TestSseParser::splitAtEveryBytePosition_data()
{
    wholeStreamGivesTheThreeEvents_data();
}

void TestSseParser::splitAtEveryBytePosition()
{
    QFETCH(QByteArray, separator);
    const std::string bytes = withSeparator(m_stream, separator.toStdString());
    for (size_t cut = 0; cut <= bytes.size(); ++cut) {
        Events finished;
        const Events events = parseInPieces(bytes, {cut}, &finished);
        QVERIFY2(events == m_expectedPayloads,
                 qPrintable(QStringLiteral("cut at byte %1: %2").arg(cut).arg(describe(events))));
        QVERIFY2(finished.empty(), qPrintable(QStringLiteral("cut at byte %1: held back until finish()").arg(cut)));
    }
}

void TestSseParser::byteByByte_data()
{
    wholeStreamGivesTheThreeEvents_data();
}

void TestSseParser::byteByByte()
{
    QFETCH(QByteArray, separator);
    const std::string bytes = withSeparator(m_stream, separator.toStdString());
    std::vector<size_t> cuts;
    for (size_t i = 1; i < bytes.size(); ++i)
        cuts.push_back(i);
    Events finished;
    const Events events = parseInPieces(bytes, cuts, &finished);
    QVERIFY2(events == m_expectedPayloads, qPrintable(describe(events)));
    QVERIFY(finished.empty());
}

void TestSseParser::mixedSeparatorsInOneStream()
{
    const std::string bytes = "data: one\n\ndata: two\r\n\r\ndata: three\r\rdata: four\r\n\n";
    for (size_t cut = 0; cut <= bytes.size(); ++cut)
        QCOMPARE(parseInPieces(bytes, {cut}), (Events{"one", "two", "three", "four"}));
}

void TestSseParser::commentsAreIgnored()
{
    const std::string bytes = ": keep-alive\n\ndata: {\"a\":1}\n: a comment inside an event\n\n:\n\n";
    QCOMPARE(parseWhole(bytes), Events{"{\"a\":1}"});
}

void TestSseParser::multiLineDataIsJoinedWithNewline()
{
    const Events events = parseWhole("data: {\"candidates\":\ndata: []}\n\ndata: a\ndata:\ndata: b\n\n");
    QCOMPARE(events, (Events{"{\"candidates\":\n[]}", "a\n\nb"}));
    QVERIFY(!json::parse(events[0], nullptr, false).is_discarded());
}

void TestSseParser::multiLineDataSurvivesEverySplit_data()
{
    wholeStreamGivesTheThreeEvents_data();
}

void TestSseParser::multiLineDataSurvivesEverySplit()
{
    // A CRLF cut between its CR and its LF is one line end, not a line end plus a
    // blank line: the event must not be dispatched half-way.
    QFETCH(QByteArray, separator);
    const std::string bytes = withSeparator("data: {\"a\":\ndata: 1}\n\ndata: x\n\n", separator.toStdString());
    for (size_t cut = 0; cut <= bytes.size(); ++cut) {
        const Events events = parseInPieces(bytes, {cut});
        QVERIFY2(events == (Events{"{\"a\":\n1}", "x"}),
                 qPrintable(QStringLiteral("cut at byte %1: %2").arg(cut).arg(describe(events))));
    }
}

void TestSseParser::otherFieldsAreIgnored()
{
    QCOMPARE(parseWhole("event: message\nid: 7\nretry: 1000\ndata: x\nfoo: bar\n\n"), Events{"x"});
}

void TestSseParser::spaceAfterColonIsOptional()
{
    // Only the one space after the colon is part of the framing.
    QCOMPARE(parseWhole("data:x\n\ndata:  y\n\n"), (Events{"x", " y"}));
}

void TestSseParser::eventWithoutDataIsNotDispatched()
{
    QCOMPARE(parseWhole("event: ping\n\nid: 3\n\n\n\n"), Events{});
}

void TestSseParser::finishFlushesAnUnterminatedLastEvent_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("no line end") << QByteArray("data: first\n\ndata: last");
    QTest::newRow("LF but no blank line") << QByteArray("data: first\n\ndata: last\n");
    QTest::newRow("CRLF but no blank line") << QByteArray("data: first\r\n\r\ndata: last\r\n");
    QTest::newRow("CR but no blank line") << QByteArray("data: first\r\rdata: last\r");
}

void TestSseParser::finishFlushesAnUnterminatedLastEvent()
{
    QFETCH(QByteArray, bytes);
    SseParser parser;
    QCOMPARE(parser.feed(bytes.toStdString()), Events{"first"});
    QCOMPARE(parser.finish(), Events{"last"});
}

void TestSseParser::finishOnNothingGivesNothing()
{
    SseParser parser;
    QCOMPARE(parser.finish(), Events{});
    SseParser afterEvents;
    QCOMPARE(afterEvents.feed("data: x\n\n"), Events{"x"});
    QCOMPARE(afterEvents.finish(), Events{});
}

void TestSseParser::midStreamErrorEventIsJustAnEvent()
{
    const std::string error = R"({"error":{"code":429,"status":"RESOURCE_EXHAUSTED","message":"Quota"}})";
    QCOMPARE(parseWhole("data: {\"candidates\":[]}\n\ndata: " + error + "\n\n"),
             (Events{"{\"candidates\":[]}", error}));
}

QTEST_APPLESS_MAIN(TestSseParser)
#include "tst_sse_parser.moc"
