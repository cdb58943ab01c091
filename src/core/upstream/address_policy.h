#pragma once
// Which addresses the gateway may fetch media from on a client's behalf. The gateway
// can be reachable from the internet, so "fetch this image URL" must never become a
// way into the user's own network (SSRF): loopback, private, link-local (including the
// cloud metadata address 169.254.169.254), carrier-grade NAT, multicast and reserved
// ranges are all refused, in IPv4, IPv6 and IPv4-mapped IPv6 forms. IPv6 addresses that carry
// an IPv4 address (IPv4-mapped, -compatible and -translated, NAT64 64:ff9b::/96 and
// 64:ff9b:1::/48, 6to4 2002::/16, Teredo 2001:0::/32) are judged by the IPv4 address inside,
// so [2002:7f00:1::] is as loopback as 127.0.0.1. Pure.

#include <QHostAddress>
#include <QString>

namespace hydra::upstream {

// True only for addresses on the public internet.
bool isPublicAddress(const QHostAddress &address);

// Why an address is refused, for the error message ("a loopback address", ...).
QString refusedAddressKind(const QHostAddress &address);

} // namespace hydra::upstream
