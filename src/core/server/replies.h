#pragma once
// The few ways the gateway answers: JSON bodies and OpenAI-shaped errors, always
// with the headers the listener decided on (CORS) attached.

#include "http_exchange.h"
#include "translate/api_error.h"

#include <nlohmann/json.hpp>

namespace hydra::server {

void replyJson(HttpExchange *exchange, int status, const nlohmann::json &body, HeaderList headers);
void replyError(HttpExchange *exchange, const ApiError &error, HeaderList headers);

} // namespace hydra::server
