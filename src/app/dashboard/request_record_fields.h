#pragma once
// RequestRecord is growing the access token's name (`tokenName`) and whether the request came
// through the public tunnel (`tunnel`) on another branch. The dashboard reads them through these
// two functions, which see the fields as soon as they exist and read as "none" until then; once
// every branch has them, replace the bodies with plain member access.

#include "stats/request_record.h"

#include <QString>

namespace hydra::app {

template <typename Record = RequestRecord>
QString tokenNameOf([[maybe_unused]] const Record &record)
{
    if constexpr (requires { record.tokenName; })
        return record.tokenName;
    else
        return {};
}

template <typename Record = RequestRecord>
bool cameThroughTunnel([[maybe_unused]] const Record &record)
{
    if constexpr (requires { record.tunnel; })
        return record.tunnel;
    else
        return false;
}

} // namespace hydra::app
