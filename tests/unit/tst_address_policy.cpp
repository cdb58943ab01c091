// Which addresses media may be fetched from: only the public internet.

#include "upstream/address_policy.h"

#include <QTest>

using hydra::upstream::isPublicAddress;

class AddressPolicyTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addresses_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<bool>("isPublic");
        const std::pair<const char *, bool> rows[] = {
            {"8.8.8.8", true},          {"142.250.185.78", true},    {"2606:4700:4700::1111", true},
            {"127.0.0.1", false},       {"127.255.255.254", false},  {"0.0.0.0", false},
            {"10.0.0.1", false},        {"172.16.5.4", false},       {"172.31.255.255", false},
            {"172.32.0.1", true},       {"192.168.1.1", false},      {"169.254.169.254", false},
            {"100.64.0.1", false},      {"100.127.255.255", false},  {"100.128.0.1", true},
            {"192.0.2.1", false},       {"198.18.0.1", false},       {"224.0.0.1", false},
            {"255.255.255.255", false}, {"::1", false},              {"::", false},
            {"fe80::1", false},         {"fc00::1", false},          {"fd12:3456::1", false},
            {"ff02::1", false},         {"::ffff:127.0.0.1", false}, {"::ffff:10.0.0.1", false},
            {"::ffff:8.8.8.8", true},   {"64:ff9b::a9fe:a9fe", false},
            // IPv6 forms carrying an IPv4 address are judged by that address.
            {"::ffff:169.254.169.254", false}, {"::ffff:0:127.0.0.1", false}, {"::ffff:0:8.8.8.8", true},
            {"::127.0.0.1", false},     {"::10.1.2.3", false},       {"::8.8.8.8", false}, // IPv4-compatible: deprecated
            {"64:ff9b::127.0.0.1", false}, {"64:ff9b::10.0.0.1", false}, {"64:ff9b::8.8.8.8", true},
            {"64:ff9b:1::7f00:1", false}, {"64:ff9b:1::a9fe:a9fe", false}, {"64:ff9b:1::808:808", true},
            {"64:ff9b:1:7f00:0:100:808:808", false}, // RFC 6052's /48 layout: 127.0.0.1 in bytes 6, 7, 9, 10
            {"2002:7f00:1::", false},   {"2002:7f00:1::1", false},   {"2002:a9fe:a9fe::", false},
            {"2002:a00:1::", false},    {"2002:c0a8:101:1::1", false}, {"2002:6440:1::", false},
            {"2002:0:0::1", false},     {"2002:e000:1::", false},    {"2002:808:808::1", true},
            // Teredo: server 65.54.227.120; client 127.0.0.1 (ff00:fffe, inverted) or 8.8.8.8 (f7f7:f7f7)
            {"2001:0:4136:e378:8000:63bf:80ff:fffe", false},
            {"2001:0:4136:e378:8000:63bf:f5fe:f5fe", false}, // client 10.1.10.1
            {"2001:0:4136:e378:8000:63bf:5601:5601", false}, // client 169.254.169.254
            {"2001:0:7f00:1:8000:63bf:f7f7:f7f7", false},    // server 127.0.0.1
            {"2001:0:4136:e378:8000:63bf:f7f7:f7f7", true},
        };
        for (const auto &[address, expected] : rows)
            QTest::newRow(address) << QString::fromLatin1(address) << expected;
    }

    void addresses()
    {
        QFETCH(QString, address);
        QFETCH(bool, isPublic);
        const QHostAddress parsed(address);
        QVERIFY(!parsed.isNull());
        QCOMPARE(isPublicAddress(parsed), isPublic);
    }

    void invalidAddressIsNotPublic()
    {
        QVERIFY(!isPublicAddress(QHostAddress()));
    }
};

QTEST_APPLESS_MAIN(AddressPolicyTest)
#include "tst_address_policy.moc"
