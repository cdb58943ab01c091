// `hydra tokens` as users and scripts run it: real child processes sharing one config dir.

#include "fake_gemini.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>


namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run runHydra(const QStringList &arguments, const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(HYDRA_BIN, arguments);
    process.waitForFinished(10000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

QString lastLine(const QString &text)
{
    return text.trimmed().split(u'\n').last();
}

QJsonArray storedTokens(const QTemporaryDir &dir)
{
    QFile file(dir.filePath("tokens.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object().value("tokens").toArray();
}

QStringList storedNames(const QTemporaryDir &dir)
{
    QStringList names;
    for (const auto &token : storedTokens(dir))
        names << token.toObject().value("name").toString();
    names.sort();
    return names;
}

const QRegularExpression tokenShape(QStringLiteral("^hydra-[A-Za-z0-9_-]{43}$"));

} // namespace

class TokensCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createPrintsTheTokenOnceOnTheLastLine()
    {
        QTemporaryDir dir;
        const Run run = runHydra({"tokens", "create", "--name", "cursor", "--config-dir", dir.path()});
        QCOMPARE(run.exitCode, 0);
        const QString token = lastLine(run.out);
        QVERIFY2(tokenShape.match(token).hasMatch(), qPrintable(run.out));
        QVERIFY(run.out.trimmed().split(u'\n').size() > 1); // explanation first
        QFile file(dir.filePath("tokens.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray stored = file.readAll();
        QVERIFY(!stored.contains(token.toUtf8()));
        QVERIFY(stored.contains(QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex()));
    }

    void listShowsNamesAndTimesNeverTokens()
    {
        QTemporaryDir dir;
        const Run empty = runHydra({"tokens", "list", "--config-dir", dir.path()});
        QCOMPARE(empty.exitCode, 0);
        QVERIFY(empty.out.contains("No access tokens"));
        const QString token = lastLine(runHydra({"tokens", "create", "--name", "my laptop", "--config-dir", dir.path()}).out);
        const Run list = runHydra({"tokens", "list", "--config-dir", dir.path()});
        QCOMPARE(list.exitCode, 0);
        QVERIFY(list.out.contains("NAME") && list.out.contains("CREATED") && list.out.contains("LAST USED"));
        QVERIFY(list.out.contains("my laptop"));
        QVERIFY(list.out.contains("never"));
        QVERIFY(list.out.contains(QRegularExpression(R"(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC)")));
        QVERIFY(!list.out.contains(token));
        QVERIFY(!list.out.contains(storedTokens(dir).first().toObject().value("sha256").toString()));
    }

    void revokeRemovesOrSaysThereIsNone()
    {
        QTemporaryDir dir;
        QCOMPARE(runHydra({"tokens", "create", "--name", "a", "--config-dir", dir.path()}).exitCode, 0);
        const Run missing = runHydra({"tokens", "revoke", "nope", "--config-dir", dir.path()});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains("no access token is named 'nope'"), qPrintable(missing.err));
        QCOMPARE(runHydra({"tokens", "revoke", "a", "--config-dir", dir.path()}).exitCode, 0);
        QVERIFY(storedNames(dir).isEmpty());
    }

    void badArgumentsAreRefused()
    {
        QTemporaryDir dir;
        const Run noName = runHydra({"tokens", "create", "--config-dir", dir.path()});
        QCOMPARE(noName.exitCode, 2);
        QVERIFY(noName.err.contains("--name"));
        const Run badName = runHydra({"tokens", "create", "--name", "a/b", "--config-dir", dir.path()});
        QCOMPARE(badName.exitCode, 2);
        QVERIFY(badName.err.contains("'/'"));
        QCOMPARE(runHydra({"tokens", "create", "--name", "", "--config-dir", dir.path()}).exitCode, 2);
        QCOMPARE(runHydra({"tokens", "create", "--name", "x", "--config-dir", dir.path()}).exitCode, 0);
        const Run duplicate = runHydra({"tokens", "create", "--name", "x", "--config-dir", dir.path()});
        QCOMPARE(duplicate.exitCode, 1);
        QVERIFY(duplicate.err.contains("already exists"));
        QVERIFY(duplicate.out.isEmpty()); // no token printed for a failed create
        QCOMPARE(runHydra({"tokens", "revoke", "--config-dir", dir.path()}).exitCode, 2);
        QCOMPARE(runHydra({"tokens"}).exitCode, 2);
        QCOMPARE(runHydra({"tokens", "frobnicate"}).exitCode, 2);
        const Run help = runHydra({"tokens", "--help"});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("create") && help.out.contains("list") && help.out.contains("revoke"));
        QVERIFY(runHydra({"--help"}).out.contains("tokens"));
    }

    void configDirFromTheEnvironment()
    {
        QTemporaryDir dir;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("HYDRA_CONFIG_DIR", dir.path());
        QCOMPARE(runHydra({"tokens", "create", "--name", "env"}, environment).exitCode, 0);
        QCOMPARE(storedNames(dir), QStringList{"env"});
        QVERIFY(runHydra({"tokens", "list"}, environment).out.contains("env"));
    }

    void anUnreadableFileIsAnErrorNotACrash()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath("tokens.json"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"version\":1,\"tokens\":[{]}");
        file.close();
        const Run list = runHydra({"tokens", "list", "--config-dir", dir.path()});
        QCOMPARE(list.exitCode, 1);
        QVERIFY2(list.err.contains("tokens.json") && list.err.contains("malformed JSON"), qPrintable(list.err));
        QCOMPARE(runHydra({"tokens", "create", "--name", "x", "--config-dir", dir.path()}).exitCode, 1);
    }

    // Two processes creating at once, a third revoking: every change survives.
    void concurrentProcessesLoseNothing()
    {
        QTemporaryDir dir;
        for (int i = 0; i < 10; ++i)
            QCOMPARE(runHydra({"tokens", "create", "--name", QStringLiteral("old%1").arg(i), "--config-dir", dir.path()}).exitCode, 0);
        const QString loop = QStringLiteral(
            "i=0; while [ $i -lt %1 ]; do \"$0\" tokens %2 --config-dir \"$1\" || exit 1; i=$((i+1)); done");
        QList<QProcess *> writers;
        const auto start = [&](const QString &script) {
            auto *process = new QProcess(this);
            process->start("sh", {"-c", script, HYDRA_BIN, dir.path()});
            writers << process;
        };
        start(loop.arg(20).arg("create --name a$i"));
        start(loop.arg(20).arg("create --name b$i"));
        start(loop.arg(10).arg("revoke old$i"));
        QStringList printed;
        for (QProcess *process : writers) {
            QVERIFY(process->waitForFinished(120000));
            QVERIFY2(process->exitCode() == 0, process->readAllStandardError().constData());
            printed += QString::fromUtf8(process->readAllStandardOutput()).split(u'\n');
            delete process;
        }
        QStringList expected;
        for (int i = 0; i < 20; ++i)
            expected << QStringLiteral("a%1").arg(i) << QStringLiteral("b%1").arg(i);
        expected.sort();
        QCOMPARE(storedNames(dir), expected);

        // Each printed token is the one stored under its digest, and all differ.
        QSet<QString> digests;
        for (const auto &token : storedTokens(dir))
            digests.insert(token.toObject().value("sha256").toString());
        const QStringList tokens = printed.filter(tokenShape);
        QCOMPARE(tokens.size(), 40);
        for (const QString &token : tokens)
            QVERIFY(digests.remove(QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex()));
        QVERIFY(digests.isEmpty());
    }

    void gatewayLogsTheTokenNameNeverTheToken()
    {
        hydra::fakes::FakeGemini fake;
        QVERIFY(fake.listen());
        QTemporaryDir dir;
        const QString token = lastLine(runHydra({"tokens", "create", "--name", "laptop", "--config-dir", dir.path()}).out);
        QFile keys(dir.filePath("keys.json"));
        QVERIFY(keys.open(QIODevice::WriteOnly));
        keys.write(R"([{"api_key":"test-secret-not-a-real-gemini-key-0abcd"}])");
        keys.close();

        // With a token, listening beyond loopback is allowed.
        QProcess gateway;
        gateway.start(HYDRA_BIN, {"gateway", "--host", "0.0.0.0", "--port", "0", "--keys-file", keys.fileName(),
                                  "--upstream", fake.baseUrl(), "--config-dir", dir.path()});
        QString printed;
        const QRegularExpression url(R"(http://0\.0\.0\.0:(\d+)/v1)");
        QTRY_VERIFY_WITH_TIMEOUT((printed += QString::fromUtf8(gateway.readAllStandardOutput()), url.match(printed).hasMatch()),
                                 5000);
        const QString port = url.match(printed).captured(1);

        QNetworkAccessManager network;
        QNetworkRequest request(QUrl("http://127.0.0.1:" + port + "/v1/chat/completions"));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        QNetworkReply *reply = network.post(request, R"({"model":"gemini-2.5-flash","messages":[{"role":"user","content":"hi"}]})");
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        delete reply;

        gateway.terminate(); // SIGTERM
        QVERIFY(gateway.waitForFinished(5000));
        const QString logs = QString::fromUtf8(gateway.readAllStandardError());
        QVERIFY2(logs.contains("token=laptop"), qPrintable(logs));
        QVERIFY(!logs.contains(token));
    }
};

QTEST_GUILESS_MAIN(TokensCommand)
#include "tst_tokens_cli.moc"
