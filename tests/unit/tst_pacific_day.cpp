// Pacific days: daily Gemini quotas reset at midnight America/Los_Angeles, DST included.

#include "pool/pacific_day.h"

#include <QDateTime>
#include <QTimeZone>
#include <QtTest>

using namespace hydra::pool;

namespace {

std::int64_t utc(int year, int month, int day, int hour, int minute = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute), QTimeZone::utc()).toMSecsSinceEpoch();
}

constexpr std::int64_t hourMs = 3'600'000;

} // namespace

class TestPacificDay : public QObject
{
    Q_OBJECT

private slots:
    void winterMidnightIsEightUtc();
    void summerMidnightIsSevenUtc();
    void springForwardDayHas23Hours();
    void fallBackDayHas25Hours();
    void consecutiveDaysHaveConsecutiveIndexes();
    void usRulesAgreeWithTheTimeZoneDatabase();
    void calendarRemembersTheDay();
};

void TestPacificDay::winterMidnightIsEightUtc()
{
    // 2026-01-15 23:30 PST = 2026-01-16 07:30 UTC.
    const PacificDay day = pacificDayAt(utc(2026, 1, 16, 7, 30));
    QCOMPARE(day.startMs, utc(2026, 1, 15, 8));
    QCOMPARE(day.endMs, utc(2026, 1, 16, 8));
    QCOMPARE(day.index, QDate(2026, 1, 15).toJulianDay());
    QVERIFY(day.contains(utc(2026, 1, 16, 7, 59)));
    QVERIFY(!day.contains(utc(2026, 1, 16, 8)));
    QCOMPARE(pacificDayAt(utc(2026, 1, 16, 8)).index, QDate(2026, 1, 16).toJulianDay());
}

void TestPacificDay::summerMidnightIsSevenUtc()
{
    const PacificDay day = pacificDayAt(utc(2026, 7, 4, 12));
    QCOMPARE(day.index, QDate(2026, 7, 4).toJulianDay());
    QCOMPARE(day.startMs, utc(2026, 7, 4, 7));
    QCOMPARE(day.endMs, utc(2026, 7, 5, 7));
}

void TestPacificDay::springForwardDayHas23Hours()
{
    // 2026-03-08: 02:00 PST becomes 03:00 PDT.
    const PacificDay day = pacificDayAt(utc(2026, 3, 8, 12));
    QCOMPARE(day.startMs, utc(2026, 3, 8, 8));
    QCOMPARE(day.endMs, utc(2026, 3, 9, 7));
    QCOMPARE(day.endMs - day.startMs, 23 * hourMs);
}

void TestPacificDay::fallBackDayHas25Hours()
{
    // 2026-11-01: 02:00 PDT becomes 01:00 PST.
    const PacificDay day = pacificDayAt(utc(2026, 11, 1, 12));
    QCOMPARE(day.startMs, utc(2026, 11, 1, 7));
    QCOMPARE(day.endMs, utc(2026, 11, 2, 8));
    QCOMPARE(day.endMs - day.startMs, 25 * hourMs);
}

void TestPacificDay::consecutiveDaysHaveConsecutiveIndexes()
{
    PacificDay day = pacificDayAt(utc(2025, 12, 30, 12));
    for (int i = 0; i < 400; ++i) {
        const PacificDay next = pacificDayAt(day.endMs);
        QCOMPARE(next.index, day.index + 1);
        QCOMPARE(next.startMs, day.endMs);
        day = next;
    }
}

void TestPacificDay::usRulesAgreeWithTheTimeZoneDatabase()
{
    if (!QTimeZone(QByteArrayLiteral("America/Los_Angeles")).isValid())
        QSKIP("this system has no time zone data");
    // Every 7 hours 13 minutes over 2020-2035, and around each switch.
    for (std::int64_t t = utc(2020, 1, 1, 0); t < utc(2035, 12, 31, 0); t += 7 * hourMs + 13 * 60'000) {
        const PacificDay zone = pacificDayAt(t);
        const PacificDay rules = pacificDayByUsRules(t);
        QCOMPARE(rules.index, zone.index);
        QCOMPARE(rules.startMs, zone.startMs);
        QCOMPARE(rules.endMs, zone.endMs);
    }
    for (const std::int64_t t : {utc(2026, 3, 8, 7, 59), utc(2026, 3, 8, 8), utc(2026, 3, 9, 6, 59), utc(2026, 3, 9, 7),
                                 utc(2026, 11, 1, 6, 59), utc(2026, 11, 1, 7), utc(2026, 11, 2, 7, 59), utc(2026, 11, 2, 8)}) {
        QCOMPARE(pacificDayByUsRules(t).startMs, pacificDayAt(t).startMs);
        QCOMPARE(pacificDayByUsRules(t).endMs, pacificDayAt(t).endMs);
    }
}

void TestPacificDay::calendarRemembersTheDay()
{
    PacificCalendar calendar;
    const PacificDay &first = calendar.dayAt(utc(2026, 1, 16, 7));
    QCOMPARE(first.endMs, utc(2026, 1, 16, 8));
    QCOMPARE(calendar.dayAt(utc(2026, 1, 16, 8)).index, QDate(2026, 1, 16).toJulianDay());
    QCOMPARE(calendar.dayAt(utc(2026, 1, 10, 8)).index, QDate(2026, 1, 10).toJulianDay()); // backwards too
}

QTEST_APPLESS_MAIN(TestPacificDay)
#include "tst_pacific_day.moc"
