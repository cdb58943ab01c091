#include "port_finder.h"

#include <QTcpServer>

namespace hydra::app {

std::optional<quint16> nextFreePort(const QHostAddress &host, quint16 after, int attempts)
{
    for (int port = after + 1; port <= 65535 && attempts-- > 0; ++port) {
        QTcpServer probe;
        if (probe.listen(host, static_cast<quint16>(port)))
            return static_cast<quint16>(port);
    }
    return std::nullopt;
}

} // namespace hydra::app
