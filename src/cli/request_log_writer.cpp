#include "request_log_writer.h"

#include "core/stats/request_line.h"

namespace hydra::cli {
namespace {
constexpr int flushAfterMs = 100;
constexpr std::size_t flushAtBytes = 64 * 1024;
} // namespace

RequestLogWriter::RequestLogWriter(std::FILE *out, QObject *parent)
    : QObject(parent)
    , m_out(out)
    , m_flushSoon(this)
{
    m_flushSoon.setSingleShot(true);
    m_flushSoon.setInterval(flushAfterMs);
    connect(&m_flushSoon, &QTimer::timeout, this, &RequestLogWriter::flush);
}

RequestLogWriter::~RequestLogWriter()
{
    flush();
}

void RequestLogWriter::append(const RequestRecord &record)
{
    stats::appendRequestLine(record, m_pending);
    if (m_pending.size() >= flushAtBytes)
        flush();
    else if (!m_flushSoon.isActive())
        m_flushSoon.start();
}

void RequestLogWriter::flush()
{
    m_flushSoon.stop();
    if (m_pending.empty())
        return;
    std::fwrite(m_pending.data(), 1, m_pending.size(), m_out);
    std::fflush(m_out);
    m_pending.clear();
}

} // namespace hydra::cli
