#include "address_policy.h"

#include <utility>

namespace hydra::upstream {
namespace {

struct Range
{
    quint32 network;
    int prefix;
    const char *kind;
};

// IPv4 ranges that are not the public internet (RFC 6890 and friends).
constexpr Range blockedIpv4[] = {
    {0x00000000, 8, "a 'this network' address"},        // 0.0.0.0/8
    {0x0A000000, 8, "a private address"},                // 10.0.0.0/8
    {0x64400000, 10, "a carrier-grade NAT address"},     // 100.64.0.0/10
    {0x7F000000, 8, "a loopback address"},               // 127.0.0.0/8
    {0xA9FE0000, 16, "a link-local (or cloud metadata) address"}, // 169.254.0.0/16
    {0xAC100000, 12, "a private address"},               // 172.16.0.0/12
    {0xC0000000, 24, "a reserved address"},              // 192.0.0.0/24
    {0xC0000200, 24, "a documentation address"},         // 192.0.2.0/24
    {0xC0A80000, 16, "a private address"},               // 192.168.0.0/16
    {0xC6120000, 15, "a benchmarking address"},          // 198.18.0.0/15
    {0xC6336400, 24, "a documentation address"},         // 198.51.100.0/24
    {0xCB007100, 24, "a documentation address"},         // 203.0.113.0/24
    {0xE0000000, 4, "a multicast address"},              // 224.0.0.0/4
    {0xF0000000, 4, "a reserved address"},               // 240.0.0.0/4 (and broadcast)
};

const char *ipv4Kind(quint32 address)
{
    for (const Range &range : blockedIpv4) {
        const quint32 mask = range.prefix == 0 ? 0 : ~quint32(0) << (32 - range.prefix);
        if ((address & mask) == range.network)
            return range.kind;
    }
    return nullptr;
}

const char *kindOf(const QHostAddress &address)
{
    if (address.isNull())
        return "an invalid address";
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4); // also unwraps ::ffff:a.b.c.d
    if (isV4)
        return ipv4Kind(v4);
    const Q_IPV6ADDR bytes = address.toIPv6Address();
    // 64:ff9b::/96 (NAT64) embeds an IPv4 address in the last four bytes.
    static constexpr quint8 nat64[12] = {0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
    if (std::equal(std::begin(nat64), std::end(nat64), bytes.c))
        return ipv4Kind(quint32(bytes[12]) << 24 | quint32(bytes[13]) << 16 | quint32(bytes[14]) << 8 | bytes[15]);
    if (address.isLoopback())
        return "a loopback address";
    if (address == QHostAddress(QHostAddress::AnyIPv6))
        return "an unspecified address";
    if (address.isLinkLocal())
        return "a link-local address";
    if (address.isUniqueLocalUnicast() || address.isSiteLocal())
        return "a private address";
    if (address.isMulticast())
        return "a multicast address";
    if (!address.isGlobal())
        return "a non-public address";
    return nullptr;
}

} // namespace

bool isPublicAddress(const QHostAddress &address)
{
    return kindOf(address) == nullptr;
}

QString refusedAddressKind(const QHostAddress &address)
{
    const char *kind = kindOf(address);
    return kind ? QString::fromLatin1(kind) : QString();
}

} // namespace hydra::upstream
