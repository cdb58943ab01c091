#pragma once
// What bench/relay.cpp and bench/replay_upstream.cpp share: a listener on 127.0.0.1 whose port
// is printed for bench/ports.sh, epoll and socket set-up, and a blocking write of a whole buffer.
// Linux only.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdio>

// Listens on 127.0.0.1 on a port the OS picks and prints "<portLine>=<port>" (RELAY_PORT, ...);
// the listening descriptor, or -1 after saying why on stderr.
inline int listenOnLoopback(const char *tool, const char *portLine)
{
    const int listener = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (listener < 0 || bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
        listen(listener, 1024) != 0 || getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
        std::fprintf(stderr, "%s: cannot listen on 127.0.0.1: errno %d\n", tool, errno);
        return -1;
    }
    std::printf("%s=%d\n", portLine, ntohs(address.sin_port));
    std::fflush(stdout);
    return listener;
}

// Small answers go out at once, not after Nagle's wait for more.
inline void noDelay(int fd)
{
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

// Adds fd to the epoll set, level-triggered, for reading.
inline void watch(int epoll, int fd)
{
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = fd;
    epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event);
}

inline bool writeAll(int fd, const char *data, std::size_t size)
{
    while (size > 0) {
        const ssize_t written = write(fd, data, size);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return false;
        data += written;
        size -= static_cast<std::size_t>(written);
    }
    return true;
}
