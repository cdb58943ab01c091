#pragma once
// Writes the gateway's request lines to a stream in batches. Under load the gateway finishes
// thousands of requests a second; one write() per line would cost the main thread a system
// call per request, so lines are collected and written together every 100 ms (at once when a
// lot is pending, and at the end).

#include "core/stats/request_record.h"

#include <QObject>
#include <QTimer>

#include <cstdio>
#include <string>

namespace hydra::cli {

class RequestLogWriter : public QObject
{
    Q_OBJECT
public:
    explicit RequestLogWriter(std::FILE *out, QObject *parent = nullptr);
    ~RequestLogWriter() override;

    void append(const RequestRecord &record);
    void flush();

private:
    std::FILE *m_out;
    std::string m_pending;
    QTimer m_flushSoon;
};

} // namespace hydra::cli
