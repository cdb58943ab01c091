// replay_upstream: an instant Gemini that costs next to nothing, for bench/run.sh's latency runs.
// It answers every request with the same bytes: one whole HTTP response that bench/run.sh
// captured from fake_gemini at the start of the run (`capture_answer.mjs`), so Hydra parses exactly
// what the fake sends (Google's headers, chunked framing, body).
//
// Why not fake_gemini itself: it is a Qt server that spends 75-110 µs of CPU a request at a fixed
// rate, more than half of what Hydra spends. On this two-core machine that CPU is taken from the
// load generator and from Hydra, so the fake's own appetite showed up as "Hydra adds". Google's
// servers are not on the user's machine; an upstream this cheap (about 12 µs a request) is closer
// to that.
//
//   replay_upstream ANSWER_FILE     prints REPLAY_PORT=N once listening on 127.0.0.1
//
// One thread, epoll, level-triggered, keep-alive, requests framed by Content-Length (what Hydra and
// loadgen send; a chunked request body closes the connection). Blocking writes: an answer is a
// few hundred bytes. Linux only, like loadgen and relay.

#include "loopback_socket.h"

#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

bool readFile(const char *path, std::string &out)
{
    FILE *file = std::fopen(path, "rb");
    if (!file)
        return false;
    char buffer[4096];
    size_t got = 0;
    while ((got = std::fread(buffer, 1, sizeof buffer, file)) > 0)
        out.append(buffer, got);
    std::fclose(file);
    return !out.empty();
}

bool startsWithNoCase(std::string_view text, std::string_view prefix)
{
    if (text.size() < prefix.size())
        return false;
    for (size_t i = 0; i < prefix.size(); ++i) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
        if (c != prefix[i])
            return false;
    }
    return true;
}

enum class Framing { Incomplete, Complete, Unsupported };

// Whether `buffer` starts with a whole request; its length in `size` when it does.
Framing frameRequest(const std::string &buffer, size_t &size)
{
    const size_t headerEnd = buffer.find("\r\n\r\n");
    if (headerEnd == std::string::npos)
        return buffer.size() > 64 * 1024 ? Framing::Unsupported : Framing::Incomplete;
    size_t contentLength = 0;
    size_t line = buffer.find("\r\n") + 2;
    while (line < headerEnd) {
        const size_t next = buffer.find("\r\n", line);
        const std::string_view header(buffer.data() + line, next - line);
        if (startsWithNoCase(header, "content-length:"))
            contentLength = std::strtoul(header.data() + 15, nullptr, 10);
        else if (startsWithNoCase(header, "transfer-encoding:"))
            return Framing::Unsupported;
        line = next + 2;
    }
    size = headerEnd + 4 + contentLength;
    return buffer.size() >= size ? Framing::Complete : Framing::Incomplete;
}

} // namespace

int main(int argc, char **argv)
{
    std::string answer;
    if (argc != 2 || !readFile(argv[1], answer)) {
        std::fprintf(stderr, "usage: replay_upstream ANSWER_FILE (a whole HTTP response, not empty)\n");
        return 2;
    }
    const int listener = listenOnLoopback("replay_upstream", "REPLAY_PORT");
    if (listener < 0)
        return 1;

    const int epoll = epoll_create1(0);
    watch(epoll, listener);
    std::vector<std::string> pending; // pending[fd]: bytes of requests not yet whole
    std::vector<char> buffer(64 * 1024);
    epoll_event events[128];
    for (;;) {
        const int ready = epoll_wait(epoll, events, 128, -1);
        for (int i = 0; i < ready; ++i) {
            const int fd = events[i].data.fd;
            if (fd == listener) {
                const int client = accept(listener, nullptr, nullptr);
                if (client < 0)
                    continue;
                noDelay(client);
                if (pending.size() <= static_cast<size_t>(client))
                    pending.resize(static_cast<size_t>(client) + 1);
                pending[static_cast<size_t>(client)].clear();
                watch(epoll, client);
                continue;
            }
            const ssize_t got = read(fd, buffer.data(), buffer.size());
            if (got < 0 && errno == EINTR)
                continue;
            std::string &requests = pending[static_cast<size_t>(fd)];
            bool keep = got > 0;
            if (keep)
                requests.append(buffer.data(), static_cast<size_t>(got));
            size_t size = 0;
            Framing framing = Framing::Incomplete;
            while (keep && (framing = frameRequest(requests, size)) == Framing::Complete) {
                requests.erase(0, size);
                keep = writeAll(fd, answer.data(), answer.size());
            }
            if (!keep || framing == Framing::Unsupported)
                close(fd); // closing removes it from the epoll set
        }
    }
}
