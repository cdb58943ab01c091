#include "api_error.h"

namespace hydra {

nlohmann::json ApiError::toJson() const
{
    nlohmann::json error = {
        {"message", message},
        {"type", type},
        {"param", param ? nlohmann::json(*param) : nlohmann::json(nullptr)},
        {"code", code ? nlohmann::json(*code) : nlohmann::json(nullptr)},
    };
    return {{"error", std::move(error)}};
}

ApiError ApiError::invalidRequest(std::string message, std::optional<std::string> param,
                                  std::optional<std::string> code)
{
    return {400, "invalid_request_error", std::move(message), std::move(param), std::move(code)};
}

ApiError ApiError::serverError(int status, std::string message, std::optional<std::string> code)
{
    return {status, "server_error", std::move(message), std::nullopt, std::move(code)};
}

} // namespace hydra
