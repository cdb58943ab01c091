// relay: the cheapest possible gateway, for bench/run.sh. It listens on 127.0.0.1 and, for each
// client connection, opens one to the upstream port and copies bytes both ways, understanding
// nothing. Put in Hydra's place it measures what one more loopback hop costs on this machine
// (two more socket wake-ups per request, each a cross-CPU interrupt in a VM), which is part of
// "Hydra adds" that no gateway code can remove.
//
//   relay UPSTREAM_PORT     prints RELAY_PORT=N once listening
//
// One thread, epoll, level-triggered, blocking writes (answers here are a few hundred bytes).
// Linux only, like loadgen.

#include "loopback_socket.h"

#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

sockaddr_in loopback(int port)
{
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: relay UPSTREAM_PORT\n");
        return 2;
    }
    const int upstreamPort = std::atoi(argv[1]);
    const int listener = listenOnLoopback("relay", "RELAY_PORT");
    if (listener < 0)
        return 1;

    const int epoll = epoll_create1(0);
    watch(epoll, listener);
    std::vector<int> peer; // peer[fd]: the other end of fd's pair
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
                const int upstream = socket(AF_INET, SOCK_STREAM, 0);
                const sockaddr_in to = loopback(upstreamPort);
                if (connect(upstream, reinterpret_cast<const sockaddr *>(&to), sizeof to) != 0) {
                    close(upstream);
                    close(client);
                    continue;
                }
                noDelay(client);
                noDelay(upstream);
                const auto highest = static_cast<size_t>(client > upstream ? client : upstream);
                if (peer.size() <= highest)
                    peer.resize(highest + 1, -1);
                peer[static_cast<size_t>(client)] = upstream;
                peer[static_cast<size_t>(upstream)] = client;
                watch(epoll, client);
                watch(epoll, upstream);
                continue;
            }
            const int other = peer[static_cast<size_t>(fd)];
            if (other < 0)
                continue; // closed earlier in this batch
            const ssize_t got = read(fd, buffer.data(), buffer.size());
            if (got > 0 && writeAll(other, buffer.data(), static_cast<std::size_t>(got)))
                continue;
            if (got < 0 && errno == EINTR)
                continue;
            peer[static_cast<size_t>(fd)] = peer[static_cast<size_t>(other)] = -1;
            close(fd); // closing removes both from the epoll set
            close(other);
        }
    }
}
