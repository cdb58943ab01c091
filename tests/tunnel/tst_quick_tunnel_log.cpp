// The cloudflared log parser against real log lines, fed in every possible chunking.

#include "tunnel/quick_tunnel_log.h"

#include <QFile>
#include <QTest>

using namespace hydra::tunnel;

namespace {

QByteArray fixture(const QString &name)
{
    QFile file(QStringLiteral(HYDRA_FIXTURES_DIR "/tunnel/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return file.readAll();
}

struct Outcome
{
    QString url;
    bool registered = false;
    FailureReason failure = FailureReason::None;
    int urlEvents = 0;
    QString metrics;
};

Outcome feedInTwo(const QByteArray &log, qsizetype split)
{
    QuickTunnelLog parser;
    Outcome outcome;
    auto take = [&outcome](const std::vector<QuickTunnelLog::Event> &events) {
        for (const auto &event : events) {
            if (event.kind == QuickTunnelLog::Event::Kind::Url)
                ++outcome.urlEvents;
            if (event.kind == QuickTunnelLog::Event::Kind::MetricsAddress)
                outcome.metrics = event.text;
        }
    };
    take(parser.feed(log.left(split)));
    take(parser.feed(log.mid(split)));
    take(parser.finish());
    outcome.url = parser.url();
    outcome.registered = parser.registered();
    outcome.failure = parser.failure();
    return outcome;
}

} // namespace

class QuickTunnelLogTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyChunkingOfTheSuccessSample()
    {
        const QByteArray log = fixture(QStringLiteral("success-2025.10.0.log"));
        for (qsizetype split = 0; split <= log.size(); ++split) {
            const Outcome outcome = feedInTwo(log, split);
            QCOMPARE(outcome.url, QStringLiteral("https://dad-bridges-wizard-contest.trycloudflare.com"));
            QCOMPARE(outcome.urlEvents, 1);
            QVERIFY(outcome.registered);
            QCOMPARE(outcome.metrics, QStringLiteral("127.0.0.1:20241"));
            // The ERR line about the origin certificate is part of every healthy run.
            QCOMPARE(outcome.failure, FailureReason::None);
        }
    }

    void byteByByte()
    {
        const QByteArray log = fixture(QStringLiteral("success-2025.10.0.log"));
        QuickTunnelLog parser;
        for (char byte : log)
            parser.feed(QByteArray(1, byte));
        QCOMPARE(parser.url(), QStringLiteral("https://dad-bridges-wizard-contest.trycloudflare.com"));
        QVERIFY(parser.registered());
    }

    void urlIsNotTakenFromTheDisclaimerOrTheApi()
    {
        QuickTunnelLog parser;
        const QByteArray head = fixture(QStringLiteral("success-2025.10.0.log")).split('\n').mid(0, 2).join('\n') + '\n';
        parser.feed(head); // disclaimer with cloudflare.com URLs, then "Requesting ..."
        QVERIFY(parser.url().isEmpty());
        parser.feed(fixture(QStringLiteral("no-network.log")));
        parser.finish();
        QVERIFY2(parser.url().isEmpty(), qPrintable(parser.url()));
    }

    void urlPattern_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("url");
        QTest::newRow("box row") << "INF |  https://a-b-c.trycloudflare.com   |" << "https://a-b-c.trycloudflare.com";
        QTest::newRow("api") << "Post \"https://api.trycloudflare.com/tunnel\": EOF" << "";
        QTest::newRow("api then tunnel") << "https://api.trycloudflare.com https://x-y.trycloudflare.com"
                                         << "https://x-y.trycloudflare.com";
        QTest::newRow("longer domain") << "https://a-b.trycloudflare.com.evil.example" << "";
        QTest::newRow("other host") << "https://developers.cloudflare.com/x" << "";
        QTest::newRow("http") << "http://a-b.trycloudflare.com" << "";
        QTest::newRow("trailing slash") << "https://a-b.trycloudflare.com/" << "https://a-b.trycloudflare.com";
    }
    void urlPattern()
    {
        QFETCH(QString, line);
        QFETCH(QString, url);
        QCOMPARE(findQuickTunnelUrl(line).value_or(QString()), url);
    }

    void failures_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<FailureReason>("reason");
        QTest::newRow("429 / 1015") << "rate-limited.log" << FailureReason::RateLimited;
        QTest::newRow("429 before TUN-8484") << "rate-limited-before-tun-8484.log" << FailureReason::RateLimited;
        QTest::newRow("no DNS") << "no-network.log" << FailureReason::NoNetwork;
        QTest::newRow("refused") << "refused.log" << FailureReason::Blocked;
        QTest::newRow("deadline") << "deadline.log" << FailureReason::Timeout;
        QTest::newRow("empty result") << "empty-result.log" << FailureReason::ServiceError;
        QTest::newRow("unknown flag") << "bad-flag.log" << FailureReason::BadArguments;
        QTest::newRow("auto-update") << "auto-updated.log" << FailureReason::AutoUpdated;
    }
    void failures()
    {
        QFETCH(QString, file);
        QFETCH(FailureReason, reason);
        const QByteArray log = fixture(file);
        for (qsizetype split = 0; split <= log.size(); ++split) {
            const Outcome outcome = feedInTwo(log, split);
            QCOMPARE(outcome.failure, reason);
            QVERIFY(outcome.url.isEmpty());
        }
        QVERIFY(!describeFailure(reason).isEmpty());
    }

    void finalLineWithoutNewlineCounts()
    {
        QuickTunnelLog parser;
        QByteArray log = fixture(QStringLiteral("no-network.log"));
        log.chop(1);
        parser.feed(log);
        QCOMPARE(parser.failure(), FailureReason::None);
        parser.finish();
        QCOMPARE(parser.failure(), FailureReason::NoNetwork);
    }

    void jsonOutput()
    {
        const QByteArray log = fixture(QStringLiteral("json-output.log"));
        for (qsizetype split = 0; split <= log.size(); split += 7) {
            const Outcome outcome = feedInTwo(log, split);
            QCOMPARE(outcome.url, QStringLiteral("https://quiet-orbit-lemon-harbor.trycloudflare.com"));
            QVERIFY(outcome.registered);
            QCOMPARE(outcome.metrics, QStringLiteral("127.0.0.1:40111"));
            QCOMPARE(outcome.failure, FailureReason::None);
        }
    }

    void anotherBoxBeforeTheUrlBox()
    {
        // Since 2026.5 a CONNECTIVITY PRE-CHECKS table may come first: the first box is not the URL box.
        QuickTunnelLog parser;
        parser.feed("2026-06-01T10:00:00Z INF +------------------------------+\n"
                    "2026-06-01T10:00:00Z INF |  CONNECTIVITY PRE-CHECKS     |\n"
                    "2026-06-01T10:00:00Z INF |  DNS          OK             |\n"
                    "2026-06-01T10:00:00Z INF +------------------------------+\n");
        QVERIFY(parser.url().isEmpty());
        parser.feed(fixture(QStringLiteral("success-2025.10.0.log")));
        QCOMPARE(parser.url(), QStringLiteral("https://dad-bridges-wizard-contest.trycloudflare.com"));
    }

    void longLinesAreNotCut()
    {
        QuickTunnelLog parser;
        const QByteArray padding(100'000, 'x');
        parser.feed("INF " + padding + " https://long-line-here.trycloudflare.com\n");
        QCOMPARE(parser.url(), QStringLiteral("https://long-line-here.trycloudflare.com"));
    }

    void tailKeepsTheLastLines()
    {
        QuickTunnelLog parser;
        for (int i = 0; i < 50; ++i)
            parser.feed(QByteArray("line ") + QByteArray::number(i) + "\n");
        QCOMPARE(parser.tail().size(), 20);
        QCOMPARE(parser.tail().last(), QStringLiteral("line 49"));
    }

    void exitCodes()
    {
        QCOMPARE(QuickTunnelLog::reasonForExit(11), FailureReason::AutoUpdated);
        QCOMPARE(QuickTunnelLog::reasonForExit(1), FailureReason::Crashed);
    }
};


QTEST_GUILESS_MAIN(QuickTunnelLogTest)
#include "tst_quick_tunnel_log.moc"
