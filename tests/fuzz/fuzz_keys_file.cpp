// keys.json as parseKeysJson reads it (readKeysFile's text; `hydra gateway --keys`,
// `hydra keys import`): any bytes, including numbers too large for a double.
// Beyond "no crash": no exception escapes; every key read has a non-empty api_key without
// spaces or quotes and a label; an error message never quotes the file (its keys): no
// "last read: '...'" token of nlohmann's, and short (fuzz_support.h: quotesInput).

#include "fuzz_support.h"

#include "store/keys_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace hydra;
    const std::string_view input = fuzz::bytes(data, size);
    fuzz::noThrow("parseKeysJson", [&] {
        const auto parsed = store::parseKeysJson(input);
        if (const auto *error = std::get_if<std::string>(&parsed)) {
            FUZZ_CHECK(!error->empty());
            FUZZ_CHECK_DETAIL(!fuzz::quotesInput(*error), *error);
            return;
        }
        for (const pool::KeyInfo &key : std::get<std::vector<pool::KeyInfo>>(parsed)) {
            FUZZ_CHECK(!key.secret.empty() && key.secret.find_first_of(" \t\r\n\"") == std::string::npos);
            FUZZ_CHECK(!key.label.empty());
        }
    });
    return 0;
}
