#include "request_line.h"

#include <QDate>

#include <cstdio>

namespace hydra::stats {
namespace {

void appendField(std::string &out, const QString &value)
{
    if (value.isEmpty())
        out += '-';
    else
        out += value.toStdString();
}

// ISO 8601 in UTC with milliseconds, from milliseconds since the epoch.
void appendUtcTime(std::string &out, qint64 msSinceEpoch)
{
    constexpr qint64 msPerDay = 86'400'000;
    qint64 days = msSinceEpoch / msPerDay;
    qint64 msOfDay = msSinceEpoch % msPerDay;
    if (msOfDay < 0) { // before 1970: floor, not truncate
        msOfDay += msPerDay;
        --days;
    }
    const QDate date = QDate(1970, 1, 1).addDays(days);
    char text[32];
    const int length = std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", date.year(),
                                     date.month(), date.day(), static_cast<int>(msOfDay / 3'600'000),
                                     static_cast<int>(msOfDay / 60'000 % 60), static_cast<int>(msOfDay / 1000 % 60),
                                     static_cast<int>(msOfDay % 1000));
    out.append(text, static_cast<std::size_t>(length));
}

} // namespace

void appendRequestLine(const RequestRecord &record, std::string &out)
{
    appendUtcTime(out, record.startedAtMs);
    out += ' ';
    appendField(out, record.route);
    out += ' ';
    appendField(out, record.model);
    out += " key=";
    appendField(out, record.keyLabel);
    out += " token=";
    appendField(out, record.tokenName);
    if (record.tunnel)
        out += " tunnel";
    out += " status=";
    out += std::to_string(record.status);
    out += ' ';
    out += std::to_string(record.latencyMs);
    out += "ms";
    if (record.stream)
        out += " stream";
    if (record.failovers) {
        out += " failovers=";
        out += std::to_string(record.failovers);
    }
    if (!record.error.isEmpty()) {
        out += " error=\"";
        out += record.error.toStdString();
        out += '"';
    }
    out += '\n';
}

} // namespace hydra::stats
