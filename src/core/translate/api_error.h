#pragma once
// An error as OpenAI clients expect it: an HTTP status plus the body
// {"error":{"message","type","param","code"}}. Every failure the gateway reports,
// whether its own or Google's, ends up in this one shape.

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace hydra {

struct ApiError
{
    int httpStatus = 500;
    std::string type;    // invalid_request_error, rate_limit_exceeded, server_error, ...
    std::string message;
    std::optional<std::string> param;
    std::optional<std::string> code;

    nlohmann::json toJson() const;
    // Never throws: text that is not valid UTF-8 is replaced, not fatal.
    std::string toBody() const { return toJson().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

    static ApiError invalidRequest(std::string message,
                                   std::optional<std::string> param = std::nullopt,
                                   std::optional<std::string> code = std::nullopt);
    static ApiError serverError(int status, std::string message,
                                std::optional<std::string> code = std::nullopt);
};

} // namespace hydra
