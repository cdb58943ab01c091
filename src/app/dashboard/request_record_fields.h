#pragma once
// How the dashboard's log names a request's caller: the access token's name, and whether the
// request came through the public tunnel.

#include "stats/request_record.h"

#include <QString>

namespace hydra::app {

inline QString tokenNameOf(const RequestRecord &record)
{
    return record.tokenName;
}

inline bool cameThroughTunnel(const RequestRecord &record)
{
    return record.tunnel;
}

} // namespace hydra::app
