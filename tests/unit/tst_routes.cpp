// The gateway's URL map: paths with and without "/v1", trailing slashes, 405 with
// an Allow header, and the model id taken from GET /v1/models/{id}.

#include "server/routes.h"

#include <QtTest>

using namespace hydra::server;

Q_DECLARE_METATYPE(hydra::server::Route)

namespace {

const char *routeName(Route route)
{
    switch (route) {
    case Route::Health: return "Health";
    case Route::ListModels: return "ListModels";
    case Route::GetModel: return "GetModel";
    case Route::ChatCompletions: return "ChatCompletions";
    case Route::Completions: return "Completions";
    case Route::Embeddings: return "Embeddings";
    case Route::Messages: return "Messages";
    case Route::CountTokens: return "CountTokens";
    case Route::NativeList: return "NativeList";
    case Route::NativeGet: return "NativeGet";
    case Route::NativeCall: return "NativeCall";
    case Route::NotFound: return "NotFound";
    case Route::MethodNotAllowed: return "MethodNotAllowed";
    }
    return "?";
}

} // namespace

class TestRoutes : public QObject
{
    Q_OBJECT

private slots:
    void routes_data();
    void routes();
    void methodNotAllowedNamesTheAllowedMethod_data();
    void methodNotAllowedNamesTheAllowedMethod();
    void modelIdFromThePath_data();
    void modelIdFromThePath();
};

void TestRoutes::routes_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<Route>("route");
    QTest::newRow("POST /v1/chat/completions") << QByteArray("POST") << "/v1/chat/completions" << Route::ChatCompletions;
    QTest::newRow("POST /chat/completions") << QByteArray("POST") << "/chat/completions" << Route::ChatCompletions;
    QTest::newRow("POST /v1/chat/completions/") << QByteArray("POST") << "/v1/chat/completions/" << Route::ChatCompletions;
    QTest::newRow("POST /chat/completions//") << QByteArray("POST") << "/chat/completions//" << Route::ChatCompletions;
    QTest::newRow("GET /v1/models") << QByteArray("GET") << "/v1/models" << Route::ListModels;
    QTest::newRow("GET /models") << QByteArray("GET") << "/models" << Route::ListModels;
    QTest::newRow("GET /v1/models/") << QByteArray("GET") << "/v1/models/" << Route::ListModels;
    QTest::newRow("GET /v1/models/gemini-2.5-flash") << QByteArray("GET") << "/v1/models/gemini-2.5-flash" << Route::GetModel;
    QTest::newRow("GET /models/gemini-2.5-flash") << QByteArray("GET") << "/models/gemini-2.5-flash" << Route::GetModel;
    QTest::newRow("GET /health") << QByteArray("GET") << "/health" << Route::Health;
    QTest::newRow("GET /health/") << QByteArray("GET") << "/health/" << Route::Health;
    QTest::newRow("GET /") << QByteArray("GET") << "/" << Route::NotFound;
    QTest::newRow("GET /v1") << QByteArray("GET") << "/v1" << Route::NotFound;
    QTest::newRow("POST /v1/completions") << QByteArray("POST") << "/v1/completions" << Route::Completions;
    QTest::newRow("POST /v1/embeddings") << QByteArray("POST") << "/v1/embeddings" << Route::Embeddings;
    QTest::newRow("POST /embeddings") << QByteArray("POST") << "/embeddings" << Route::Embeddings;
    QTest::newRow("POST /v1/messages") << QByteArray("POST") << "/v1/messages" << Route::Messages;
    QTest::newRow("GET /v1/messages") << QByteArray("GET") << "/v1/messages" << Route::MethodNotAllowed;
    QTest::newRow("POST /v1/messages/count_tokens") << QByteArray("POST") << "/v1/messages/count_tokens"
                                                    << Route::CountTokens;
    QTest::newRow("GET /v1beta/models") << QByteArray("GET") << "/v1beta/models" << Route::NativeList;
    QTest::newRow("GET /v1beta/models/x") << QByteArray("GET") << "/v1beta/models/gemini-2.5-flash" << Route::NativeGet;
    QTest::newRow("native generate") << QByteArray("POST") << "/v1beta/models/gemini-2.5-flash:generateContent" << Route::NativeCall;
    QTest::newRow("native stream") << QByteArray("POST") << "/v1beta/models/gemini-2.5-flash:streamGenerateContent" << Route::NativeCall;
    QTest::newRow("native v1 path") << QByteArray("POST") << "/v1/models/gemini-2.5-flash:countTokens" << Route::NativeCall;
    QTest::newRow("native unknown method") << QByteArray("POST") << "/v1beta/models/gemini-2.5-flash:deleteEverything" << Route::NotFound;
    QTest::newRow("native GET on a method") << QByteArray("GET") << "/v1beta/models/gemini-2.5-flash:generateContent" << Route::MethodNotAllowed;
    QTest::newRow("POST /v1chat/completions") << QByteArray("POST") << "/v1chat/completions" << Route::NotFound;
    QTest::newRow("POST /v2/chat/completions") << QByteArray("POST") << "/v2/chat/completions" << Route::NotFound;
    QTest::newRow("POST /v1/v1/chat/completions") << QByteArray("POST") << "/v1/v1/chat/completions" << Route::NotFound;
    QTest::newRow("GET /v1/chat/completions") << QByteArray("GET") << "/v1/chat/completions" << Route::MethodNotAllowed;
    QTest::newRow("POST /v1/models") << QByteArray("POST") << "/v1/models" << Route::MethodNotAllowed;
    QTest::newRow("DELETE /v1/models/x") << QByteArray("DELETE") << "/v1/models/x" << Route::MethodNotAllowed;
    QTest::newRow("POST /health") << QByteArray("POST") << "/health" << Route::MethodNotAllowed;
    QTest::newRow("lower-case method") << QByteArray("post") << "/v1/chat/completions" << Route::MethodNotAllowed;
}

void TestRoutes::routes()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(Route, route);
    QCOMPARE(routeName(matchRoute(method, path).route), routeName(route));
}

void TestRoutes::methodNotAllowedNamesTheAllowedMethod_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("allow");
    QTest::newRow("GET chat") << QByteArray("GET") << "/v1/chat/completions" << QByteArray("POST, OPTIONS");
    QTest::newRow("PUT chat") << QByteArray("PUT") << "/chat/completions/" << QByteArray("POST, OPTIONS");
    QTest::newRow("POST models") << QByteArray("POST") << "/v1/models" << QByteArray("GET, OPTIONS");
    QTest::newRow("PATCH model") << QByteArray("PATCH") << "/models/gemini-2.5-flash" << QByteArray("GET, OPTIONS");
    QTest::newRow("POST health") << QByteArray("POST") << "/health" << QByteArray("GET, OPTIONS");
}

void TestRoutes::methodNotAllowedNamesTheAllowedMethod()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, allow);
    const RouteMatch match = matchRoute(method, path);
    QCOMPARE(routeName(match.route), routeName(Route::MethodNotAllowed));
    QCOMPARE(match.allowed, allow);
}

void TestRoutes::modelIdFromThePath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("modelId");
    QTest::newRow("bare id") << "/v1/models/gemini-2.5-flash" << "gemini-2.5-flash";
    QTest::newRow("without /v1") << "/models/gemini-2.5-flash" << "gemini-2.5-flash";
    QTest::newRow("trailing slash") << "/v1/models/gemini-2.5-flash/" << "gemini-2.5-flash";
    // Clients that echo Gemini's names ask for /v1/models/models/...; the id keeps the
    // prefix here and the model catalog strips it (translate::normaliseModelName).
    QTest::newRow("models/ prefixed id") << "/v1/models/models/gemini-2.5-flash" << "models/gemini-2.5-flash";
}

void TestRoutes::modelIdFromThePath()
{
    QFETCH(QString, path);
    QFETCH(QString, modelId);
    const RouteMatch match = matchRoute("GET", path);
    QCOMPARE(routeName(match.route), routeName(Route::GetModel));
    QCOMPARE(match.modelId, modelId);
    QVERIFY(match.allowed.isEmpty());
}

QTEST_APPLESS_MAIN(TestRoutes)
#include "tst_routes.moc"
