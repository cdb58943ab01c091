// The Keys page over keys kept in memory (asynchronous like the keychain) and checked against
// the fake Gemini: the table, removing, label editing, adding pasted keys, validating.

#include "app/message_box_answer.h"
#include "settings_fixture.h"

#include "app/settings/key_table_model.h"
#include "app/settings/keys_page.h"
#include "fake_gemini.h"
#include "secrets.h"

#include <QAbstractButton>
#include <QApplication>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

using hydra::app::KeysPage;
using hydra::app::KeyTableModel;
using hydra::fakes::Behaviour;
using hydra::fakes::FakeGemini;
using hydra::tests::SettingsFixture;

using hydra::testing::answerNextMessageBox;

namespace {

std::string keyNamed(const char *name)
{
    std::string key = std::string("AIzaSyPAGE") + name;
    key.resize(39, '0');
    return key;
}

template<typename T>
T *child(const QWidget &page, const char *name)
{
    auto *widget = page.findChild<T *>(QLatin1String(name));
    if (!widget)
        qFatal("no widget %s", name);
    return widget;
}

std::vector<hydra::store::StoredKey> stored(const SettingsFixture &fixture)
{
    return std::get<std::vector<hydra::store::StoredKey>>(fixture.keys.list());
}

// Stores keys the way the dialog does, and waits until they are stored.
bool storeKeys(SettingsFixture &fixture, std::vector<hydra::store::NewKey> keys)
{
    bool done = false;
    bool ok = true;
    fixture.keys.addAll(std::move(keys), [&](const auto &results) {
        for (const auto &result : results)
            ok = ok && !result.first;
        done = true;
    });
    return QTest::qWaitFor([&] { return done; }, 5000) && ok;
}

QAbstractItemModel *modelOf(const KeysPage &page)
{
    return child<QTableView>(page, "keysTable")->model();
}

QString cell(const KeysPage &page, int row, int column, int role = Qt::DisplayRole)
{
    return modelOf(page)->index(row, column).data(role).toString();
}

} // namespace

class TestKeysPage : public QObject
{
    Q_OBJECT

private slots:
    void listsTheStoredKeysWithoutSecrets()
    {
        SettingsFixture fixture;
        hydra::store::KeyCheckRecord valid{"valid", "", 120, "2026-01-02T03:04:05Z"};
        QVERIFY(storeKeys(fixture, {{keyNamed("one"), "one@example.com", "proj-1", {}, valid},
                                    {keyNamed("two"), {}, {}, "second", {}}}));
        KeysPage page(fixture.context);
        QCOMPARE(modelOf(page)->rowCount(), 2);
        QCOMPARE(cell(page, 0, KeyTableModel::LabelColumn), QStringLiteral("one@example.com"));
        QCOMPARE(cell(page, 0, KeyTableModel::EmailColumn), QStringLiteral("one@example.com"));
        QCOMPARE(cell(page, 0, KeyTableModel::ProjectColumn), QStringLiteral("proj-1"));
        QCOMPARE(cell(page, 0, KeyTableModel::KeyColumn), QString::fromStdString(hydra::maskSecret(keyNamed("one"))));
        QCOMPARE(cell(page, 0, KeyTableModel::StatusColumn), QStringLiteral("valid"));
        QCOMPARE(modelOf(page)->index(0, KeyTableModel::StatusColumn).data(Qt::ForegroundRole).value<QBrush>().color(),
                 QColor(0x2e, 0x7d, 0x32));
        QVERIFY(!cell(page, 0, KeyTableModel::CheckedColumn).isEmpty());
        QCOMPARE(cell(page, 1, KeyTableModel::LabelColumn), QStringLiteral("second"));
        QCOMPARE(cell(page, 1, KeyTableModel::StatusColumn), QStringLiteral("not checked"));
        for (int row = 0; row < 2; ++row)
            for (int column = 0; column < KeyTableModel::ColumnCount; ++column)
                QVERIFY(!cell(page, row, column).contains(QStringLiteral("AIzaSyPAGE")));
    }

    void removesTheSelectedKeyFromKeychainAndList()
    {
        SettingsFixture fixture;
        QVERIFY(storeKeys(fixture, {{keyNamed("one"), {}, {}, "one", {}}, {keyNamed("two"), {}, {}, "two", {}}}));
        KeysPage page(fixture.context);
        QSignalSpy changed(&page, &KeysPage::keysChanged);
        auto *table = child<QTableView>(page, "keysTable");
        table->selectRow(0);
        auto *remove = child<QPushButton>(page, "removeButton");
        QVERIFY(remove->isEnabled());

        answerNextMessageBox(QMessageBox::No);
        remove->click();
        QCOMPARE(fixture.secrets.entries.size(), 2);

        answerNextMessageBox(QMessageBox::Yes);
        remove->click();
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, 5000);
        QCOMPARE(modelOf(page)->rowCount(), 1);
        QCOMPARE(cell(page, 0, KeyTableModel::LabelColumn), QStringLiteral("two"));
        QCOMPARE(fixture.secrets.entries.size(), 1);
        QVERIFY(!fixture.secrets.entries.contains(hydra::store::KeyRing::entryName(hydra::fingerprintSecret(keyNamed("one")))));
        QCOMPARE(stored(fixture).size(), std::size_t(1));
    }

    void keychainTroubleWhenRemovingIsShown()
    {
        SettingsFixture fixture;
        QVERIFY(storeKeys(fixture, {{keyNamed("one"), {}, {}, "one", {}}}));
        KeysPage page(fixture.context);
        fixture.secrets.unavailable = QStringLiteral("the keyring is locked");
        child<QTableView>(page, "keysTable")->selectRow(0);
        answerNextMessageBox(QMessageBox::Yes);
        child<QPushButton>(page, "removeButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(page, "tableMessage")->text().contains(QStringLiteral("locked")), 5000);
        QCOMPARE(modelOf(page)->rowCount(), 1);
    }

    void labelsAreEditedInPlace()
    {
        SettingsFixture fixture;
        QVERIFY(storeKeys(fixture, {{keyNamed("one"), {}, {}, "one", {}}, {keyNamed("two"), {}, {}, "two", {}}}));
        KeysPage page(fixture.context);
        QSignalSpy changed(&page, &KeysPage::keysChanged);
        const int callsBefore = fixture.secrets.calls;
        QVERIFY(modelOf(page)->flags(modelOf(page)->index(0, KeyTableModel::LabelColumn)) & Qt::ItemIsEditable);
        QVERIFY(!(modelOf(page)->flags(modelOf(page)->index(0, KeyTableModel::KeyColumn)) & Qt::ItemIsEditable));

        modelOf(page)->setData(modelOf(page)->index(0, KeyTableModel::LabelColumn), QStringLiteral("work"));
        QCOMPARE(cell(page, 0, KeyTableModel::LabelColumn), QStringLiteral("work"));
        QCOMPARE(stored(fixture)[0].label, std::string("work"));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(fixture.secrets.calls, callsBefore); // labels never touch the keychain

        modelOf(page)->setData(modelOf(page)->index(0, KeyTableModel::LabelColumn), QStringLiteral("two"));
        QVERIFY(child<QLabel>(page, "tableMessage")->text().contains(QStringLiteral("taken")));
        modelOf(page)->setData(modelOf(page)->index(0, KeyTableModel::LabelColumn), QStringLiteral("42"));
        QVERIFY(child<QLabel>(page, "tableMessage")->text().contains(QStringLiteral("number")));
        QCOMPARE(stored(fixture)[0].label, std::string("work"));
        QCOMPARE(changed.size(), 1);
    }

    void pastedKeysAreCheckedAndOnlyWorkingOnesStored()
    {
        SettingsFixture fixture;
        FakeGemini fake;
        QVERIFY(fake.listen());
        hydra::app::GatewaySettings settings;
        settings.upstream = fake.baseUrl();
        QVERIFY(fixture.settings.save(settings, nullptr));
        fake.script(QByteArray::fromStdString(keyNamed("bad")), {Behaviour::KeyInvalid});

        KeysPage page(fixture.context);
        QSignalSpy changed(&page, &KeysPage::keysChanged);
        auto *paste = child<QPlainTextEdit>(page, "pasteEdit");
        auto *add = child<QPushButton>(page, "addButton");
        QVERIFY(!add->isEnabled());
        paste->setPlainText(QString::fromStdString("good@example.com," + keyNamed("good") + ",proj-g\n" +
                                                   keyNamed("bad") + "\n"));
        QVERIFY(add->isEnabled());
        add->click();
        QVERIFY(page.isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy(), 20000);

        const auto keys = stored(fixture);
        QCOMPARE(keys.size(), std::size_t(1));
        QCOMPARE(keys[0].label, std::string("good@example.com"));
        QCOMPARE(keys[0].projectId, std::string("proj-g"));
        QVERIFY(keys[0].lastCheck);
        QCOMPARE(keys[0].lastCheck->result, std::string("valid"));
        QCOMPARE(fixture.secrets.entries.size(), 1);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(modelOf(page)->rowCount(), 1);
        QVERIFY(paste->toPlainText().isEmpty());
        const QString report = child<QPlainTextEdit>(page, "reportView")->toPlainText();
        QVERIFY2(report.contains(QStringLiteral("added as good@example.com")), qPrintable(report));
        QVERIFY2(report.contains(QStringLiteral("Line 2 (%1): invalid").arg(QString::fromStdString(hydra::maskSecret(keyNamed("bad"))))),
                 qPrintable(report));
        QVERIFY(!report.contains(QStringLiteral("AIzaSyPAGE")));
    }

    void pastingAStoredKeyAgainIsNoted()
    {
        SettingsFixture fixture;
        QVERIFY(storeKeys(fixture, {{keyNamed("one"), {}, {}, "one", {}}}));
        KeysPage page(fixture.context);
        child<QPlainTextEdit>(page, "pasteEdit")->setPlainText(QString::fromStdString(keyNamed("one")));
        QVERIFY(!child<QPushButton>(page, "addButton")->isEnabled());
        QVERIFY(child<QLabel>(page, "pasteMessage")->text().contains(QStringLiteral("stored already, as one")));
        QVERIFY(page.check()); // nothing left to add
    }

    void validateRecordsEachResult()
    {
        SettingsFixture fixture;
        FakeGemini fake;
        QVERIFY(fake.listen());
        hydra::app::GatewaySettings settings;
        settings.upstream = fake.baseUrl();
        QVERIFY(fixture.settings.save(settings, nullptr));
        QVERIFY(storeKeys(fixture, {{keyNamed("one"), {}, {}, "one", {}}, {keyNamed("two"), {}, {}, "two", {}}}));
        fake.script(QByteArray::fromStdString(keyNamed("two")), {Behaviour::KeyInvalid});

        KeysPage page(fixture.context);
        child<QPushButton>(page, "validateButton")->click(); // nothing selected: every key
        QVERIFY(page.isBusy());
        QCOMPARE(cell(page, 0, KeyTableModel::StatusColumn), QStringLiteral("checking…"));
        QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy(), 20000);
        QCOMPARE(cell(page, 0, KeyTableModel::StatusColumn), QStringLiteral("valid"));
        QCOMPARE(cell(page, 1, KeyTableModel::StatusColumn), QStringLiteral("invalid"));
        QCOMPARE(modelOf(page)->index(1, KeyTableModel::StatusColumn).data(Qt::ForegroundRole).value<QBrush>().color(),
                 QColor(0xc6, 0x28, 0x28));
        const auto keys = stored(fixture);
        QCOMPARE(keys[0].lastCheck->result, std::string("valid"));
        QCOMPARE(keys[1].lastCheck->result, std::string("invalid"));
    }
};

QTEST_MAIN(TestKeysPage)
#include "tst_keys_page.moc"
