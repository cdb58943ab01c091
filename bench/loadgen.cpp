// loadgen: a fixed-rate, open-loop HTTP/1.1 load generator for bench/run.sh.
//
//   loadgen --port N --path /v1/chat/completions --body-file F [--header "Name: value"]...
//           --rate R --connections C --duration S [--warmup S] [--host 127.0.0.1] [--trace FILE]
//
// Request k is *scheduled* at t0 + k/R whatever happened before it. It goes out on the first
// idle keep-alive connection; if all C connections are busy it waits in a queue. Latency is
// measured from the scheduled time to the last byte of the answer, so time spent queued
// counts (no "coordinated omission"); the time from the actual write is reported as well.
//
// Why not autocannon -R or a Node script: autocannon's rate limit is a per-connection
// budget per second (closed loop, bursty, timed from the write), and Node's timers have
// a resolution of 1 ms, twice the 0.5 ms being measured. Here the schedule is a timerfd
// with nanosecond resolution and the loop is epoll; one thread, loopback only.
//
// Prints one line of JSON (times in milliseconds) on stdout. --trace also writes one line per
// measured request, in the order answers came: its scheduled time from the start of the
// measurement, its latency and its time on the wire, in ms (bench/tail_clusters.mjs reads it).

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using Ns = std::int64_t;

Ns now()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return Ns(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

[[noreturn]] void die(const std::string &what)
{
    std::fprintf(stderr, "loadgen: %s\n", what.c_str());
    std::exit(2);
}

struct Options
{
    std::string host = "127.0.0.1";
    int port = 0;
    std::string path = "/";
    std::string body;
    std::vector<std::string> headers;
    double rate = 1000;
    int connections = 64;
    double duration = 10;
    double warmup = 1;
    std::string trace; // file for one line per measured request; empty: none
};

struct Conn
{
    int fd = -1;
    bool busy = false;
    bool connected = false;
    bool measured = false;
    Ns scheduled = 0;
    Ns sent = 0;
    std::string out;     // bytes still to write
    std::string in;      // bytes read and not yet parsed
    // response parser state
    enum class Stage { Head, Length, ChunkSize, ChunkData, ChunkCrlf, Trailers } stage = Stage::Head;
    std::size_t need = 0;
    int status = 0;
    bool close = false;
};

struct Stats
{
    std::vector<double> sched; // ms from scheduled time
    std::vector<double> wire;  // ms from write
    std::uint64_t completed = 0, non2xx = 0, errors = 0, reconnects = 0;
};

Options parse(int argc, char **argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto val = [&]() -> std::string {
            if (i + 1 >= argc)
                die("missing value for " + a);
            return argv[++i];
        };
        if (a == "--host") o.host = val();
        else if (a == "--port") o.port = std::atoi(val().c_str());
        else if (a == "--path") o.path = val();
        else if (a == "--body") o.body = val();
        else if (a == "--body-file") {
            std::ifstream f(val(), std::ios::binary);
            if (!f) die("cannot read body file");
            std::stringstream ss;
            ss << f.rdbuf();
            o.body = ss.str();
        }
        else if (a == "--header") o.headers.push_back(val());
        else if (a == "--rate") o.rate = std::atof(val().c_str());
        else if (a == "--connections") o.connections = std::atoi(val().c_str());
        else if (a == "--duration") o.duration = std::atof(val().c_str());
        else if (a == "--warmup") o.warmup = std::atof(val().c_str());
        else if (a == "--trace") o.trace = val();
        else die("unknown option " + a);
    }
    if (o.port <= 0 || o.rate <= 0 || o.connections <= 0 || o.duration <= 0)
        die("need --port, --rate > 0, --connections > 0, --duration > 0");
    return o;
}

class Loadgen
{
public:
    explicit Loadgen(Options o) : m_o(std::move(o))
    {
        m_request = "POST " + m_o.path + " HTTP/1.1\r\nHost: " + m_o.host + ":" + std::to_string(m_o.port) +
                    "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(m_o.body.size()) +
                    "\r\n";
        for (const auto &h : m_o.headers)
            m_request += h + "\r\n";
        m_request += "\r\n" + m_o.body;
        m_ep = epoll_create1(0);
        m_timer = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u64 = UINT64_MAX;
        epoll_ctl(m_ep, EPOLL_CTL_ADD, m_timer, &ev);
        m_conns.resize(std::size_t(m_o.connections));
        if (!m_o.trace.empty() && !(m_trace = std::fopen(m_o.trace.c_str(), "w")))
            die("cannot write " + m_o.trace);
    }

    Loadgen(const Loadgen &) = delete;
    Loadgen &operator=(const Loadgen &) = delete;
    ~Loadgen()
    {
        if (m_trace)
            std::fclose(m_trace);
    }

    void run()
    {
        for (std::size_t i = 0; i < m_conns.size(); ++i)
            open(i);
        // Wait until every connection is up, so connecting is not part of the measurement.
        const Ns connectDeadline = now() + 5'000'000'000;
        while (std::any_of(m_conns.begin(), m_conns.end(), [](const Conn &c) { return !c.connected; })) {
            if (now() > connectDeadline)
                die("could not connect all connections");
            poll(100);
        }
        m_t0 = now() + 1'000'000; // 1 ms from now
        m_total = std::uint64_t((m_o.warmup + m_o.duration) * m_o.rate);
        m_measureFrom = std::uint64_t(m_o.warmup * m_o.rate);
        arm();
        const Ns end = m_t0 + Ns((m_o.warmup + m_o.duration) * 1e9);
        const Ns drainDeadline = end + 10'000'000'000; // late answers count; stuck ones are errors
        while (true) {
            poll(50);
            const bool allScheduled = m_next >= m_total;
            const bool idle = m_queue.empty() &&
                              std::none_of(m_conns.begin(), m_conns.end(), [](const Conn &c) { return c.busy; });
            if (allScheduled && idle)
                break;
            if (now() > drainDeadline) {
                for (const Conn &c : m_conns)
                    m_stats.errors += c.busy && c.scheduled >= measuredStart() ? 1 : 0;
                m_stats.errors += m_queue.size();
                break;
            }
        }
        report();
    }

private:
    Ns scheduledAt(std::uint64_t k) const { return m_t0 + Ns(double(k) * 1e9 / m_o.rate); }
    Ns measuredStart() const { return scheduledAt(m_measureFrom); }

    void arm()
    {
        itimerspec its{};
        if (m_next < m_total) {
            const Ns at = scheduledAt(m_next);
            its.it_value.tv_sec = at / 1'000'000'000;
            its.it_value.tv_nsec = at % 1'000'000'000;
        }
        timerfd_settime(m_timer, TFD_TIMER_ABSTIME, &its, nullptr);
    }

    void open(std::size_t i)
    {
        Conn &c = m_conns[i];
        c.fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (c.fd < 0)
            die(std::string("socket: ") + std::strerror(errno));
        int one = 1;
        setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(std::uint16_t(m_o.port));
        inet_pton(AF_INET, m_o.host.c_str(), &addr.sin_addr);
        if (connect(c.fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) < 0 && errno != EINPROGRESS)
            die(std::string("connect: ") + std::strerror(errno));
        c.connected = false;
        c.in.clear();
        c.stage = Conn::Stage::Head;
        epoll_event ev{};
        ev.events = EPOLLIN | EPOLLOUT;
        ev.data.u64 = i;
        epoll_ctl(m_ep, EPOLL_CTL_ADD, c.fd, &ev);
    }

    void reopen(std::size_t i)
    {
        Conn &c = m_conns[i];
        epoll_ctl(m_ep, EPOLL_CTL_DEL, c.fd, nullptr);
        ::close(c.fd);
        ++m_stats.reconnects;
        open(i);
    }

    void poll(int timeoutMs)
    {
        epoll_event events[256];
        const int n = epoll_wait(m_ep, events, 256, timeoutMs);
        for (int e = 0; e < n; ++e) {
            if (events[e].data.u64 == UINT64_MAX) {
                std::uint64_t expirations;
                (void)!read(m_timer, &expirations, sizeof expirations);
                const Ns t = now();
                while (m_next < m_total && scheduledAt(m_next) <= t) {
                    m_queue.push_back({m_next, scheduledAt(m_next)});
                    ++m_next;
                }
                arm();
                dispatch();
                continue;
            }
            const std::size_t i = std::size_t(events[e].data.u64);
            Conn &c = m_conns[i];
            if (events[e].events & (EPOLLERR | EPOLLHUP)) {
                failConn(i);
                continue;
            }
            if (events[e].events & EPOLLOUT) {
                if (!c.connected) {
                    c.connected = true;
                    if (!c.busy)
                        dispatch();
                }
                flush(i);
            }
            if (events[e].events & EPOLLIN)
                readFrom(i);
        }
    }

    void dispatch()
    {
        for (std::size_t i = 0; i < m_conns.size() && !m_queue.empty(); ++i) {
            // Rotate the starting point so load spreads over all connections.
            const std::size_t j = (m_rr + i) % m_conns.size();
            Conn &c = m_conns[j];
            if (c.busy || !c.connected)
                continue;
            const auto [k, at] = m_queue.front();
            m_queue.pop_front();
            c.busy = true;
            c.scheduled = at;
            c.measured = k >= m_measureFrom;
            c.out = m_request;
            c.sent = now();
            flush(j);
            m_rr = j + 1;
        }
    }

    void flush(std::size_t i)
    {
        Conn &c = m_conns[i];
        while (!c.out.empty()) {
            const ssize_t w = ::send(c.fd, c.out.data(), c.out.size(), MSG_NOSIGNAL);
            if (w < 0) {
                if (errno == EAGAIN || errno == EWOULDBLOCK)
                    break;
                failConn(i);
                return;
            }
            c.out.erase(0, std::size_t(w));
        }
        epoll_event ev{};
        ev.events = EPOLLIN | (c.out.empty() ? 0u : unsigned(EPOLLOUT));
        ev.data.u64 = i;
        epoll_ctl(m_ep, EPOLL_CTL_MOD, c.fd, &ev);
    }

    void failConn(std::size_t i)
    {
        Conn &c = m_conns[i];
        if (c.busy) {
            if (c.measured)
                ++m_stats.errors;
            c.busy = false;
        }
        reopen(i);
    }

    void readFrom(std::size_t i)
    {
        Conn &c = m_conns[i];
        char buf[65536];
        while (true) {
            const ssize_t r = ::recv(c.fd, buf, sizeof buf, 0);
            if (r > 0) {
                c.in.append(buf, std::size_t(r));
                continue;
            }
            if (r == 0) { // closed by the server
                parse(i);
                failConn(i);
                return;
            }
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            failConn(i);
            return;
        }
        parse(i);
    }

    // Consumes complete answers from c.in.
    void parse(std::size_t i)
    {
        Conn &c = m_conns[i];
        std::size_t pos = 0;
        while (true) {
            switch (c.stage) {
            case Conn::Stage::Head: {
                const std::size_t end = c.in.find("\r\n\r\n", pos);
                if (end == std::string::npos)
                    goto out;
                std::string head = c.in.substr(pos, end - pos);
                pos = end + 4;
                c.status = head.size() > 12 ? std::atoi(head.c_str() + 9) : 0;
                if (c.status >= 100 && c.status < 200)
                    continue; // 100 Continue
                std::transform(head.begin(), head.end(), head.begin(), [](unsigned char ch) { return std::tolower(ch); });
                c.close = head.find("\r\nconnection: close") != std::string::npos;
                const std::size_t cl = head.find("\r\ncontent-length:");
                if (head.find("\r\ntransfer-encoding: chunked") != std::string::npos) {
                    c.stage = Conn::Stage::ChunkSize;
                } else if (cl != std::string::npos) {
                    c.need = std::size_t(std::strtoull(head.c_str() + cl + 17, nullptr, 10));
                    c.stage = Conn::Stage::Length;
                } else {
                    c.need = 0;
                    c.stage = Conn::Stage::Length;
                }
                break;
            }
            case Conn::Stage::Length: {
                const std::size_t take = std::min(c.need, c.in.size() - pos);
                pos += take;
                c.need -= take;
                if (c.need > 0)
                    goto out;
                complete(i);
                if (!c.busy && c.close) {
                    c.in.clear();
                    reopen(i);
                    return;
                }
                break;
            }
            case Conn::Stage::ChunkSize: {
                const std::size_t end = c.in.find("\r\n", pos);
                if (end == std::string::npos)
                    goto out;
                c.need = std::size_t(std::strtoull(c.in.c_str() + pos, nullptr, 16));
                pos = end + 2;
                c.stage = c.need == 0 ? Conn::Stage::Trailers : Conn::Stage::ChunkData;
                break;
            }
            case Conn::Stage::ChunkData: {
                const std::size_t take = std::min(c.need, c.in.size() - pos);
                pos += take;
                c.need -= take;
                if (c.need > 0)
                    goto out;
                c.stage = Conn::Stage::ChunkCrlf;
                break;
            }
            case Conn::Stage::ChunkCrlf:
                if (c.in.size() - pos < 2)
                    goto out;
                pos += 2;
                c.stage = Conn::Stage::ChunkSize;
                break;
            case Conn::Stage::Trailers: {
                const std::size_t end = c.in.find("\r\n", pos);
                if (end == std::string::npos)
                    goto out;
                const bool last = end == pos;
                pos = end + 2;
                if (!last)
                    break;
                complete(i);
                if (c.close) {
                    c.in.clear();
                    reopen(i);
                    return;
                }
                break;
            }
            }
        }
    out:
        c.in.erase(0, pos);
    }

    void complete(std::size_t i)
    {
        Conn &c = m_conns[i];
        const Ns t = now();
        c.stage = Conn::Stage::Head;
        if (!c.busy)
            return; // an answer nobody asked for
        c.busy = false;
        if (c.measured) {
            ++m_stats.completed;
            if (c.status < 200 || c.status >= 300)
                ++m_stats.non2xx;
            m_stats.sched.push_back(double(t - c.scheduled) / 1e6);
            m_stats.wire.push_back(double(t - c.sent) / 1e6);
            if (m_trace)
                std::fprintf(m_trace, "%.3f %.3f %.3f\n", double(c.scheduled - measuredStart()) / 1e6,
                             m_stats.sched.back(), m_stats.wire.back());
            m_lastDone = std::max(m_lastDone, t);
        }
        if (!c.close)
            dispatch();
    }

    static double pct(std::vector<double> &v, double p)
    {
        if (v.empty())
            return -1;
        const std::size_t idx = std::min(v.size() - 1, std::size_t(p / 100.0 * double(v.size())));
        return v[idx];
    }

    static std::string dist(std::vector<double> &v)
    {
        std::sort(v.begin(), v.end());
        double mean = 0;
        for (double x : v)
            mean += x;
        mean = v.empty() ? -1 : mean / double(v.size());
        char buf[256];
        std::snprintf(buf, sizeof buf,
                      "{\"p50\":%.3f,\"p90\":%.3f,\"p99\":%.3f,\"p999\":%.3f,\"max\":%.3f,\"mean\":%.3f}",
                      pct(v, 50), pct(v, 90), pct(v, 99), pct(v, 99.9), v.empty() ? -1 : v.back(), mean);
        return buf;
    }

    void report()
    {
        const double span = double(std::max(m_lastDone, scheduledAt(m_total)) - measuredStart()) / 1e9;
        std::printf("{\"rate\":%.0f,\"connections\":%d,\"duration_s\":%.1f,\"completed\":%" PRIu64
                    ",\"expected\":%" PRIu64 ",\"non2xx\":%" PRIu64 ",\"errors\":%" PRIu64
                    ",\"reconnects\":%" PRIu64 ",\"achieved_rps\":%.0f,\"sched\":%s,\"wire\":%s}\n",
                    m_o.rate, m_o.connections, m_o.duration, m_stats.completed, m_total - m_measureFrom,
                    m_stats.non2xx, m_stats.errors, m_stats.reconnects,
                    span > 0 ? double(m_stats.completed) / span : 0.0, dist(m_stats.sched).c_str(),
                    dist(m_stats.wire).c_str());
    }

    struct Due
    {
        std::uint64_t k;
        Ns at;
    };

    Options m_o;
    std::string m_request;
    int m_ep = -1;
    int m_timer = -1;
    std::vector<Conn> m_conns;
    std::deque<Due> m_queue;
    std::size_t m_rr = 0;
    Ns m_t0 = 0;
    Ns m_lastDone = 0;
    std::uint64_t m_next = 0, m_total = 0, m_measureFrom = 0;
    Stats m_stats;
    std::FILE *m_trace = nullptr;
};

} // namespace

int main(int argc, char **argv)
{
    Loadgen(parse(argc, argv)).run();
    return 0;
}
