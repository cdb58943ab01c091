#include "ids.h"

#include <random>

namespace hydra::translate {

std::string randomToken(size_t length)
{
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    thread_local std::mt19937_64 generator{std::random_device{}()};
    std::uniform_int_distribution<size_t> pick(0, sizeof(alphabet) - 2);
    std::string out(length, '0');
    for (auto &c : out)
        c = alphabet[pick(generator)];
    return out;
}

} // namespace hydra::translate
