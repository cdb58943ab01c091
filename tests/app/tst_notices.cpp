// The words of the shell's notifications: what happened, and what to do.

#include "app/shell/notices.h"

#include <QTest>

using namespace hydra::app;

class TstNotices : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void portInUseNamesThePortAndTheFreeOne()
    {
        Notice notice = portInUseNotice(8000, 8001);
        QCOMPARE(notice.level, Notice::Level::Critical);
        QCOMPARE(notice.title, QStringLiteral("Port 8000 is in use"));
        QVERIFY(notice.body.contains(QStringLiteral("port 8000")));
        QVERIFY(notice.body.contains(QStringLiteral("Port 8001 is free")));
        notice = portInUseNotice(8000, std::nullopt);
        QVERIFY(notice.body.contains(QStringLiteral("Choose another port in Settings.")));
    }

    void exhaustedModelSaysWhenQuotaReturns()
    {
        const std::int64_t now = 1'700'000'000'000;
        Notice notice = healthNotice({HealthEvent::Kind::ModelExhausted, "gemini-2.5-pro", {}, now + 150'000}, now);
        QCOMPARE(notice.title, QStringLiteral("All keys are out of quota for gemini-2.5-pro"));
        QVERIFY2(notice.body.contains(QStringLiteral("in about 3 minute(s)")), qPrintable(notice.body));
        notice = healthNotice({HealthEvent::Kind::ModelExhausted, "gemini-2.5-pro", {}, now + 10 * 3'600'000}, now);
        QVERIFY2(notice.body.contains(QStringLiteral("midnight Pacific")), qPrintable(notice.body));
        notice = healthNotice({HealthEvent::Kind::ModelRecovered, "gemini-2.5-pro", {}, 0}, now);
        QCOMPARE(notice.title, QStringLiteral("gemini-2.5-pro is available again"));
    }

    void invalidKeyByLabelWithTheReason()
    {
        const Notice notice = healthNotice({HealthEvent::Kind::KeyInvalid, "work", "API key expired", 0}, 0);
        QCOMPARE(notice.title, QStringLiteral("Key work stopped working"));
        QVERIFY(notice.body.contains(QStringLiteral("API key expired")));
    }

    void publicUrlIsShownToCopy()
    {
        const Notice notice = publicUrlNotice(QStringLiteral("https://calm-river.trycloudflare.com"));
        QVERIFY(notice.body.startsWith(QStringLiteral("https://calm-river.trycloudflare.com\nClick to copy")));
    }
};

QTEST_GUILESS_MAIN(TstNotices)
#include "tst_notices.moc"
