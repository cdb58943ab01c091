#include "replies.h"

namespace hydra::server {

void replyJson(HttpExchange *exchange, int status, const nlohmann::json &body, HeaderList headers)
{
    exchange->respond(status, "application/json",
                      QByteArray::fromStdString(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)),
                      headers);
}

void replyError(HttpExchange *exchange, const ApiError &error, HeaderList headers)
{
    replyJson(exchange, error.httpStatus, error.toJson(), std::move(headers));
}

} // namespace hydra::server
