#pragma once
// The fake cloudflared (fake_cloudflared.mjs) run through node, as every platform can run it: as a
// program and its arguments for the library, and as one command line for HYDRA_CLOUDFLARED and
// the settings, which accept a command whose first word is the program.

#include <QStandardPaths>
#include <QString>
#include <QStringList>

namespace hydra::testing {

inline QString nodeProgram()
{
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (node.isEmpty())
        qFatal("node is not on PATH: the fake cloudflared needs it (installer/install-build-deps.sh installs it)");
    return node;
}

inline QStringList fakeCloudflaredArguments()
{
    return {QStringLiteral(FAKE_CLOUDFLARED_SCRIPT)}; // defined by the test's CMakeLists
}

inline QString fakeCloudflaredCommandLine()
{
    return QStringLiteral("\"%1\" \"%2\"").arg(nodeProgram(), fakeCloudflaredArguments().constFirst());
}

} // namespace hydra::testing
