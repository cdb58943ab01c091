// What a person pastes into the settings dialog's key box (parsePastedKeys): one key per line,
// email,key,project rows (commas or tabs, quotes, a header row), or a keys.json array; with one
// key stored already, so pasting it again is noted.
// Beyond "no crash": no exception escapes; each accepted key once, with the line it came from,
// passing KeyRing::secretProblem; no reason (problem or duplicate) holds a whole key of the
// paste (20 bytes or more: shorter ones can be words of the messages), and the error about a
// paste read as keys.json never quotes it (see fuzz_keys_file.cpp).

#include "fuzz_support.h"

#include "keys/key_paste.h"
#include "secrets.h"

#include <algorithm>
#include <set>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace hydra;
    const std::string_view input = fuzz::bytes(data, size);
    static const std::vector<store::StoredKey> stored = [] {
        store::StoredKey key;
        key.id = fingerprintSecret(std::string("AIza") + "SyFuzzStoredKey000000000000000000001"); // no key-shaped literal
        key.label = "stored";
        return std::vector<store::StoredKey>{key};
    }();
    fuzz::noThrow("parsePastedKeys", [&] {
        const keys::PastedKeys pasted = keys::parsePastedKeys(input, stored);
        FUZZ_CHECK(pasted.keys.size() == pasted.lines.size());
        const int lines = 1 + static_cast<int>(std::count(input.begin(), input.end(), '\n'));
        std::set<std::string> secrets;
        for (std::size_t i = 0; i < pasted.keys.size(); ++i) {
            const std::string &secret = pasted.keys[i].secret;
            FUZZ_CHECK(!store::KeyRing::secretProblem(secret));
            FUZZ_CHECK(secrets.insert(secret).second);
            FUZZ_CHECK(pasted.lines[i] >= 1 && pasted.lines[i] <= lines);
        }
        const bool json = input.find('[') != std::string_view::npos;
        for (const auto *list : {&pasted.problems, &pasted.duplicates}) {
            for (const keys::PasteProblem &problem : *list) {
                FUZZ_CHECK(problem.line >= 0 && problem.line <= lines && !problem.reason.empty());
                for (const std::string &secret : secrets)
                    FUZZ_CHECK_DETAIL(secret.size() < 20 || problem.reason.find(secret) == std::string::npos,
                                      problem.reason);
                if (json && problem.line == 0)
                    FUZZ_CHECK_DETAIL(!fuzz::quotesInput(problem.reason), problem.reason);
            }
        }
    });
    return 0;
}
