#include "address_policy.h"

#include <algorithm>
#include <initializer_list>
#include <iterator>

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

quint32 ipv4At(const Q_IPV6ADDR &bytes, int offset)
{
    return quint32(bytes[offset]) << 24 | quint32(bytes[offset + 1]) << 16 | quint32(bytes[offset + 2]) << 8 |
           quint32(bytes[offset + 3]);
}

bool startsWith(const Q_IPV6ADDR &bytes, std::initializer_list<quint8> prefix)
{
    return std::equal(prefix.begin(), prefix.end(), bytes.c);
}

// IPv6 forms that carry an IPv4 address and reach it, judged like that address: a route to
// 127.0.0.1 or 169.254.169.254 must not hide behind a prefix. `known` is set when the address
// is one of these forms (then the result is the embedded address's kind, or null when public).
const char *embeddedIpv4Kind(const Q_IPV6ADDR &bytes, bool &known)
{
    known = true;
    // ::a.b.c.d (IPv4-compatible, deprecated) and ::ffff:0:a.b.c.d (IPv4-translated): the last
    // four bytes. :: and ::1 are IPv6's own unspecified and loopback addresses (handled by the
    // caller). ::ffff:a.b.c.d (IPv4-mapped) is unwrapped by the caller already.
    static constexpr quint8 zeros[12] = {};
    if (std::equal(std::begin(zeros), std::end(zeros), bytes.c)) {
        const quint32 v4 = ipv4At(bytes, 12);
        if (v4 <= 1) {
            known = false;
            return nullptr;
        }
        // Nothing routes these any more: refused even when the address inside is public.
        const char *kind = ipv4Kind(v4);
        return kind ? kind : "an IPv4-compatible address";
    }
    if (startsWith(bytes, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff}) || // IPv4-mapped, should Qt not unwrap it
        startsWith(bytes, {0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0}))
        return ipv4Kind(ipv4At(bytes, 12));
    // 64:ff9b::/96 (NAT64, RFC 6052) and 64:ff9b:1::/48 (local-use NAT64, RFC 8215): the last four
    // bytes. A translator using the whole local-use /48 would put it in bytes 6, 7, 9 and 10
    // instead (RFC 6052's layout for a /48 prefix): when those bytes are used, both readings
    // must be public.
    if (startsWith(bytes, {0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0}))
        return ipv4Kind(ipv4At(bytes, 12));
    if (startsWith(bytes, {0x00, 0x64, 0xff, 0x9b, 0x00, 0x01})) {
        if (const char *kind = ipv4Kind(ipv4At(bytes, 12)))
            return kind;
        if (std::all_of(bytes.c + 6, bytes.c + 12, [](quint8 byte) { return byte == 0; }))
            return nullptr;
        return ipv4Kind(quint32(bytes[6]) << 24 | quint32(bytes[7]) << 16 | quint32(bytes[9]) << 8 | bytes[10]);
    }
    // 2002::/16 (6to4, RFC 3056): the relay's IPv4 address in bytes 2 to 5.
    if (startsWith(bytes, {0x20, 0x02}))
        return ipv4Kind(ipv4At(bytes, 2));
    // 2001:0000::/32 (Teredo, RFC 4380): the Teredo server's IPv4 address in bytes 4 to 7, the
    // client's (every bit inverted) in bytes 12 to 15. Packets go to the client through the
    // server: both must be public.
    if (startsWith(bytes, {0x20, 0x01, 0x00, 0x00})) {
        if (const char *kind = ipv4Kind(ipv4At(bytes, 4)))
            return kind;
        return ipv4Kind(~ipv4At(bytes, 12));
    }
    known = false;
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
    bool embedsIpv4 = false;
    if (const char *kind = embeddedIpv4Kind(bytes, embedsIpv4); embedsIpv4)
        return kind;
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
