// Gemini models.list -> OpenAI /v1/models. Golden pair:
// tests/fixtures/translate/models/models.gemini-response.json -> models.openai.json.

#include "json_support.h"

#include "translate/models.h"

#include <QtTest>

using nlohmann::json;
using namespace hydra::translate;

class TestModels : public QObject
{
    Q_OBJECT

private slots:
    void goldenModelList();
    void onlyChatAndEmbeddingModelsAreListed_data();
    void onlyChatAndEmbeddingModelsAreListed();
    void modelsPrefixIsStripped();
    void nameWithoutPrefixIsKept();
    void emptyOrBrokenListGivesEmptyData();
};

void TestModels::goldenModelList()
{
    const auto gemini = hydra::test::jsonFixture(QStringLiteral("translate/models/models.gemini-response.json"));
    const auto expected = hydra::test::jsonFixture(QStringLiteral("translate/models/models.openai.json"));
    QVERIFY(gemini);
    QVERIFY(expected);
    HYDRA_COMPARE_JSON(toOpenAiModelList(gemini->at("models")), *expected);
}

void TestModels::onlyChatAndEmbeddingModelsAreListed_data()
{
    QTest::addColumn<QByteArray>("methods");
    QTest::addColumn<bool>("listed");
    QTest::newRow("generateContent") << QByteArray(R"(["generateContent","countTokens"])") << true;
    QTest::newRow("embedContent") << QByteArray(R"(["embedContent"])") << true;
    QTest::newRow("countTokens only") << QByteArray(R"(["countTokens"])") << false;
    QTest::newRow("predict (Imagen)") << QByteArray(R"(["predict"])") << false;
    QTest::newRow("generateAnswer (AQA)") << QByteArray(R"(["generateAnswer"])") << false;
    QTest::newRow("bidiGenerateContent (Live)") << QByteArray(R"(["bidiGenerateContent"])") << false;
    QTest::newRow("empty") << QByteArray("[]") << false;
    QTest::newRow("not a list") << QByteArray(R"("generateContent")") << false;
}

void TestModels::onlyChatAndEmbeddingModelsAreListed()
{
    QFETCH(QByteArray, methods);
    QFETCH(bool, listed);
    const json model = {{"name", "models/some-model"}, {"supportedGenerationMethods", json::parse(methods.toStdString())}};
    QCOMPARE(toOpenAiModel(model).has_value(), listed);
}

void TestModels::modelsPrefixIsStripped()
{
    const auto model = toOpenAiModel(json::parse(R"({"name":"models/gemini-2.5-pro",
                                                    "supportedGenerationMethods":["generateContent"]})"));
    QVERIFY(model);
    QCOMPARE(model->at("id").get<std::string>(), std::string("gemini-2.5-pro"));
    QCOMPARE(model->at("object").get<std::string>(), std::string("model"));
    QCOMPARE(model->at("owned_by").get<std::string>(), std::string("google"));
}

void TestModels::nameWithoutPrefixIsKept()
{
    const auto model = toOpenAiModel(json::parse(R"({"name":"tunedModels/my-model",
                                                    "supportedGenerationMethods":["generateContent"]})"));
    QVERIFY(model);
    QCOMPARE(model->at("id").get<std::string>(), std::string("tunedModels/my-model"));
}

void TestModels::emptyOrBrokenListGivesEmptyData()
{
    HYDRA_COMPARE_JSON(toOpenAiModelList(json::array()), json::parse(R"({"object":"list","data":[]})"));
    HYDRA_COMPARE_JSON(toOpenAiModelList(json()), json::parse(R"({"object":"list","data":[]})"));
    HYDRA_COMPARE_JSON(toOpenAiModelList(json::parse(R"([42,"x",null])")), json::parse(R"({"object":"list","data":[]})"));
}

QTEST_APPLESS_MAIN(TestModels)
#include "tst_models.moc"
