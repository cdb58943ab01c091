#pragma once
// `hydra` as a child process, for the tests that run the real executable with the keychain
// (HYDRA_BIN): run a command to its end while this process's event loop (and so a fake Gemini
// in it) keeps running, and start and stop `hydra gateway`.

#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QString>
#include <QTest>

namespace hydra::testing {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
    QString all() const { return out + err; }
};

inline QProcessEnvironment cleanEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("HYDRA_CONFIG_DIR"));
    env.remove(QStringLiteral("HYDRA_UPSTREAM"));
    return env;
}

// Runs a program to its end while this process's event loop (and so the fake Gemini) runs.
inline Run runProgram(const QString &program, const QStringList &arguments, const QByteArray &input = {},
               const QProcessEnvironment &env = cleanEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(program, arguments);
    if (!process.waitForStarted(10000))
        qFatal("cannot start %s", qPrintable(program));
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 60000)) {
        process.kill();
        process.waitForFinished();
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

inline Run runHydra(const QStringList &arguments, const QByteArray &input = {}, const QProcessEnvironment &env = cleanEnvironment())
{
    return runProgram(QStringLiteral(HYDRA_BIN), arguments, input, env);
}

// Starts `hydra gateway` on a free port; returns its base URL once it listens.
inline QString startGateway(QProcess &process, const QStringList &extra, const QProcessEnvironment &env = cleanEnvironment(),
                     QString *printedOut = nullptr)
{
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(HYDRA_BIN), QStringList{"gateway", "--port", "0"} + extra);
    QString printed;
    const QRegularExpression url(QStringLiteral("http://127\\.0\\.0\\.1:\\d+/v1"));
    const bool listening = QTest::qWaitFor([&] {
        printed += QString::fromUtf8(process.readAllStandardOutput());
        return url.match(printed).hasMatch() || process.state() == QProcess::NotRunning;
    }, 20000);
    if (printedOut)
        *printedOut = printed;
    if (!listening)
        return QString();
    return url.match(printed).captured();
}

inline QString stopGateway(QProcess &process)
{
    process.terminate(); // SIGTERM: a graceful stop
    if (!QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 15000)) {
        process.kill();
        process.waitForFinished();
    }
    return QString::fromUtf8(process.readAllStandardError()) + QString::fromUtf8(process.readAllStandardOutput());
}

} // namespace hydra::testing
