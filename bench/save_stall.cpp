// How long a thought-signature save holds the thread that asks for it: the gateway thread,
// where every request and stream is served. Compares the whole save (build the document,
// write it, sync it: what SignatureStore::flush() did on that thread before the saves moved
// to store::BackgroundSaver) with what flush() costs that thread now.
//
//   cmake --build build/bench --target save_stall && build/bench/bench/save_stall 20000 1000
//
// Arguments: how many signatures, and the size of each in bytes. The file goes to a temporary
// directory under the current one (the disk the config dir would be on, not a tmpfs /tmp).

#include "store/atomic_file.h"
#include "store/signature_store.h"

#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>
#include <QThread>

#include <chrono>
#include <cstdio>
#include <cstdlib>

using namespace hydra::store;

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// The save as it ran before, on the caller's thread.
void saveWhole(const QString &path, const std::vector<std::shared_ptr<const SignatureRecord>> &records)
{
    replaceFileContent(path, signaturesDocument(records));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? std::atoi(argv[1]) : 20000;
    const int size = argc > 2 ? std::atoi(argv[2]) : 1000;
    QTemporaryDir dir(QDir::currentPath() + QStringLiteral("/save-stall-XXXXXX"));
    const QString path = dir.filePath(QStringLiteral("thought-signatures.json"));
    SignatureStore store(path, std::size_t(count) + 10);
    SignatureMap copy(std::size_t(count) + 10);
    for (int i = 0; i < count; ++i) {
        const StoredSignature signature{std::string(std::size_t(size), char('A' + i % 26)), "0123456789abcdef"};
        const std::string id = "call_" + std::to_string(i) + "_abcdefghijklmnop";
        store.remember(id, signature);
        copy.remember(id, signature);
    }
    std::printf("%d signatures of %d bytes; times in ms\n", count, size);
    std::printf("round  whole save on the caller  flush() on the caller now\n");
    for (int round = 1; round <= 5; ++round) {
        const auto wholeStart = Clock::now();
        saveWhole(path, copy.snapshot());
        const double whole = msSince(wholeStart);
        store.remember("call_round_" + std::to_string(round), {"signature", "0123456789abcdef"});
        const auto flushStart = Clock::now();
        store.flush();
        const double now = msSince(flushStart);
        std::printf("%5d  %24.2f  %25.2f\n", round, whole, now);
        QThread::msleep(1000); // lets the saver's write finish before the next round
    }
}
