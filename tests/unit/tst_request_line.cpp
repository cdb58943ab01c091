// The gateway's request log line: every field, the UTC time, and no secrets to leak (the
// record carries only labels and names).

#include "stats/request_line.h"

#include <QDateTime>
#include <QTimeZone>
#include <QtTest>

using hydra::RequestRecord;

class RequestLineTest : public QObject
{
    Q_OBJECT

    static std::string line(const RequestRecord &record)
    {
        std::string out;
        hydra::stats::appendRequestLine(record, out);
        return out;
    }

private Q_SLOTS:
    void everyField()
    {
        RequestRecord record;
        record.startedAtMs = QDateTime(QDate(2026, 11, 26), QTime(22, 23, 35, 620), QTimeZone::utc()).toMSecsSinceEpoch();
        record.route = QStringLiteral("chat");
        record.model = QStringLiteral("gemini-2.5-flash");
        record.keyLabel = QStringLiteral("a@example.com");
        record.tokenName = QStringLiteral("cursor");
        record.tunnel = true;
        record.status = 429;
        record.latencyMs = 1234;
        record.stream = true;
        record.failovers = 2;
        record.error = QStringLiteral("every key is rate-limited");
        QCOMPARE(line(record), std::string("2026-11-26T22:23:35.620Z chat gemini-2.5-flash key=a@example.com "
                                           "token=cursor tunnel status=429 1234ms stream failovers=2 "
                                           "error=\"every key is rate-limited\"\n"));
    }

    void emptyFieldsAreDashes()
    {
        RequestRecord record;
        record.route = QStringLiteral("models");
        record.status = 200;
        QCOMPARE(line(record), std::string("1970-01-01T00:00:00.000Z models - key=- token=- status=200 0ms\n"));
    }

    // The time agrees with QDateTime's own UTC rendering across years, leap days and the end of a day.
    void timeMatchesQDateTime_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::newRow("leap day") << QDateTime(QDate(2024, 2, 29), QTime(23, 59, 59, 999), QTimeZone::utc()).toMSecsSinceEpoch();
        QTest::newRow("new year") << QDateTime(QDate(2027, 1, 1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
        QTest::newRow("before 1970") << qint64(-1);
        QTest::newRow("far future") << QDateTime(QDate(2199, 12, 31), QTime(12, 0, 0, 5), QTimeZone::utc()).toMSecsSinceEpoch();
    }
    void timeMatchesQDateTime()
    {
        QFETCH(qint64, ms);
        RequestRecord record;
        record.startedAtMs = ms;
        const std::string text = line(record);
        const QString expected = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
        QCOMPARE(QString::fromStdString(text.substr(0, text.find(' '))), expected);
    }

    void linesAppend()
    {
        RequestRecord record;
        std::string out = "earlier\n";
        hydra::stats::appendRequestLine(record, out);
        QVERIFY(out.starts_with("earlier\n1970-"));
        QVERIFY(out.ends_with("\n"));
    }
};

QTEST_GUILESS_MAIN(RequestLineTest)
#include "tst_request_line.moc"
