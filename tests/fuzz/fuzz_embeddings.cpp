// POST /v1/embeddings: the body, read as GatewayServer::jsonBody reads it, through
// translateEmbeddingsRequest; then the same document read as Gemini's answer by
// toOpenAiEmbeddings (float and base64), as EmbeddingsRelay::deliverWhole does. One input
// thus drives both sides: {"model":..,"input":..,"embeddings":[{"values":[..]}]}.
// Beyond "no crash": no exception escapes; refusals are sendable 400s; one Gemini request
// per input string under a plain model id; the answer has one entry per embedding, base64
// ones 4 bytes per value, and dumps to JSON.

#include "fuzz_support.h"

#include "translate/embeddings.h"

#include <QByteArray>

using nlohmann::json;

namespace {

void checkAnswer(const nlohmann::json &response, const hydra::translate::EmbeddingsRequest &request)
{
    using hydra::fuzz::json;
    const auto answer = hydra::translate::toOpenAiEmbeddings(response, request);
    if (!answer)
        return;
    FUZZ_CHECK(answer->at("object") == "list");
    const json &data = answer->at("data");
    FUZZ_CHECK(data.size() == response["embeddings"].size());
    for (std::size_t i = 0; i < data.size(); ++i) {
        const json &embedding = data[i]["embedding"];
        const json &values = response["embeddings"][i]["values"];
        if (request.base64) {
            const QByteArray raw = QByteArray::fromBase64(QByteArray::fromStdString(embedding.get<std::string>()));
            FUZZ_CHECK(static_cast<std::size_t>(raw.size()) == 4 * values.size());
        } else {
            FUZZ_CHECK(embedding == values);
        }
    }
    if (hydra::fuzz::depthOf(*answer) <= hydra::fuzz::maxOutputDepth)
        hydra::fuzz::roundTrip(*answer);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace hydra;
    const auto body = fuzz::parseLikeGateway(fuzz::bytes(data, size));
    if (!body)
        return 0;
    fuzz::noThrow("translateEmbeddingsRequest / toOpenAiEmbeddings", [&] {
        auto translated = translate::translateEmbeddingsRequest(*body);
        if (const auto *error = std::get_if<ApiError>(&translated)) {
            FUZZ_CHECK(error->httpStatus == 400 && !error->message.empty());
            fuzz::roundTrip(error->toJson());
            return;
        }
        auto &request = std::get<translate::EmbeddingsRequest>(translated);
        FUZZ_CHECK(!request.model.empty() && request.model.find('/') == std::string::npos);
        const json &requests = request.geminiBody.at("requests");
        const json &input = body->at("input");
        FUZZ_CHECK(requests.size() == (input.is_array() ? input.size() : 1));
        FUZZ_CHECK(requests.size() >= 1 && requests.size() <= 250);
        FUZZ_CHECK(fuzz::roundTrip(request.geminiBody) == request.geminiBody);
        checkAnswer(*body, request);
        request.base64 = !request.base64;
        checkAnswer(*body, request);
    });
    return 0;
}
