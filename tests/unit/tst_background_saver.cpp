// Saving off the gateway thread: saves run on the saver's own thread, a newer save replaces one
// still waiting, and nothing submitted is lost when the saver goes. Also the atomic file write
// both stores use, and the signature store's save and reload through the saver.

#include "store/atomic_file.h"
#include "store/background_saver.h"
#include "store/signature_store.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <future>
#include <thread>
#include <vector>

using namespace hydra::store;

class TestBackgroundSaver : public QObject
{
    Q_OBJECT

private slots:
    void savesRunOnAThreadOfTheirOwn()
    {
        BackgroundSaver saver;
        std::thread::id ranOn;
        saver.submit([&ranOn] {
            ranOn = std::this_thread::get_id();
            return true;
        });
        saver.waitIdle();
        QVERIFY(ranOn != std::thread::id());
        QVERIFY(ranOn != std::this_thread::get_id());
    }

    void aNewerSaveReplacesOneStillWaiting()
    {
        BackgroundSaver saver;
        std::promise<void> firstStarted;
        std::promise<void> release;
        std::shared_future<void> released = release.get_future().share();
        std::vector<int> ran; // written by the saver's thread only, read after waitIdle
        saver.submit([&, released] {
            firstStarted.set_value();
            released.wait();
            ran.push_back(1);
            return true;
        });
        firstStarted.get_future().wait(); // save 1 runs: 2 and 3 have to wait
        saver.submit([&ran] {
            ran.push_back(2);
            return true;
        });
        saver.submit([&ran] {
            ran.push_back(3);
            return true;
        });
        release.set_value();
        saver.waitIdle();
        QCOMPARE(ran, (std::vector<int>{1, 3}));
    }

    void theSaveWaitingWhenTheSaverGoesStillRuns()
    {
        std::promise<void> release;
        std::shared_future<void> released = release.get_future().share();
        bool secondRan = false;
        {
            BackgroundSaver saver;
            saver.submit([released] {
                released.wait();
                return true;
            });
            saver.submit([&secondRan] {
                secondRan = true;
                return true;
            });
            release.set_value();
        } // joined here
        QVERIFY(secondRan);
    }

    void theLastSavesOutcomeIsKnownToTheOwnerAndToTheNextSave()
    {
        // The owners save again after a failure even when nothing changed, and the pool state
        // says a failure once rather than at every attempt: both read this.
        BackgroundSaver saver;
        QVERIFY(!saver.lastSaveFailed());
        saver.submit([] { return false; });
        saver.waitIdle();
        QVERIFY(saver.lastSaveFailed());
        bool previousFailed = false;
        saver.submit([&] {
            previousFailed = saver.lastSaveFailed();
            return true;
        });
        saver.waitIdle();
        QVERIFY(previousFailed);
        QVERIFY(!saver.lastSaveFailed());
    }

    void waitingWithNothingSubmittedReturns()
    {
        BackgroundSaver saver;
        saver.waitIdle();
    }

    void replacingAFileWritesItWholeAndCreatesItsDirectory()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("new/dir/state.json"));
        QVERIFY(!replaceFileContent(path, "first"));
        QVERIFY(!replaceFileContent(path, "second"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("second"));
    }

    void aFileThatCannotBeWrittenSaysWhy()
    {
        QTemporaryDir dir;
        const QString blocker = dir.filePath(QStringLiteral("plain-file"));
        QVERIFY(!replaceFileContent(blocker, "x"));
        // A directory cannot be created where a file is.
        const auto error = replaceFileContent(blocker + QStringLiteral("/state.json"), "y");
        QVERIFY(error);
        QVERIFY(!error->isEmpty());
    }

    void signaturesAreSavedAndReadBackThroughTheSaver()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("thought-signatures.json"));
        {
            SignatureStore store(path);
            store.remember("call_a", {"sig-a", "fp-1"});
            store.remember("call_b", {"sig-b", "fp-2"});
        } // destruction hands the pending save over and waits for it
        // Which key issued which call is nobody else's business: owner read/write only.
        QCOMPARE(QFile::permissions(path) & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        SignatureStore reloaded(path);
        QCOMPARE(reloaded.size(), std::size_t(2));
        QCOMPARE(reloaded.find("call_b")->signature, std::string("sig-b"));
        QCOMPARE(reloaded.find("call_a")->keyFingerprint, std::string("fp-1"));
    }
};

QTEST_GUILESS_MAIN(TestBackgroundSaver)
#include "tst_background_saver.moc"
