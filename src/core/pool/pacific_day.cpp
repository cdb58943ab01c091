#include "pacific_day.h"

#include <QDateTime>
#include <QTimeZone>

namespace hydra::pool {
namespace {

constexpr std::int64_t msPerDay = 86'400'000;
constexpr std::int64_t msPerHour = 3'600'000;
constexpr std::int64_t julianDayOfEpoch = 2'440'588; // 1970-01-01

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const std::int64_t era = floorDiv(y, 400);
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146'097 + static_cast<std::int64_t>(doe) - 719'468;
}

std::int64_t yearOfDays(std::int64_t days)
{
    const std::int64_t z = days + 719'468;
    const std::int64_t era = floorDiv(z, 146'097);
    const auto doe = static_cast<unsigned>(z - era * 146'097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36'524 - doe / 146'096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
}

// The n-th Sunday (1-based) of a month, as days since the epoch.
std::int64_t nthSunday(std::int64_t year, unsigned month, int n)
{
    const std::int64_t first = daysFromCivil(year, month, 1);
    const std::int64_t weekday = ((first % 7) + 7 + 4) % 7; // 1970-01-01 was a Thursday (4); Sunday = 0
    return first + (7 - weekday) % 7 + 7 * (n - 1);
}

// Is local midnight at the start of `localDay` (days since the epoch) in daylight time?
// The switch happens at 02:00, so a whole midnight is on one side of it.
bool daylightAtMidnight(std::int64_t localDay)
{
    const std::int64_t year = yearOfDays(localDay);
    return localDay > nthSunday(year, 3, 2) && localDay <= nthSunday(year, 11, 1);
}

std::int64_t midnightUtcMs(std::int64_t localDay)
{
    return localDay * msPerDay + (daylightAtMidnight(localDay) ? 7 : 8) * msPerHour;
}

} // namespace

PacificDay pacificDayByUsRules(std::int64_t utcMs)
{
    // The local day is the one whose midnight is the last at or before utcMs.
    std::int64_t day = floorDiv(utcMs - 8 * msPerHour, msPerDay) + 1;
    while (midnightUtcMs(day) > utcMs)
        --day;
    return {day + julianDayOfEpoch, midnightUtcMs(day), midnightUtcMs(day + 1)};
}

PacificDay pacificDayAt(std::int64_t utcMs)
{
    static const QTimeZone zone(QByteArrayLiteral("America/Los_Angeles"));
    if (!zone.isValid())
        return pacificDayByUsRules(utcMs);
    const QDate date = QDateTime::fromMSecsSinceEpoch(utcMs, zone).date();
    // Pacific midnight never falls into a daylight-saving gap (the switch is at 02:00).
    const std::int64_t start = QDateTime(date, QTime(0, 0), zone).toMSecsSinceEpoch();
    const std::int64_t end = QDateTime(date.addDays(1), QTime(0, 0), zone).toMSecsSinceEpoch();
    return {date.toJulianDay(), start, end};
}

} // namespace hydra::pool
