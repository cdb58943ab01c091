#pragma once
// What a person pastes into the settings dialog's key box, read as keys: one key per line,
// lines of `email,key,project` (commas or tabs, as a spreadsheet copies them), or a
// keys.json array. Pure: no keychain, no network.

#include "store/key_metadata_store.h"
#include "store/key_ring.h"

#include <string>
#include <string_view>
#include <vector>

namespace hydra::keys {

struct PasteProblem
{
    int line = 0;       // 1-based line of the paste; 0 when it concerns the whole paste
    std::string reason; // never contains a whole key (masked, see maskSecret)
};

struct PastedKeys
{
    std::vector<store::NewKey> keys; // each key once, in the paste's order
    std::vector<int> lines;          // the line each of `keys` came from
    std::vector<PasteProblem> problems;   // lines that are not keys: to be fixed before adding
    std::vector<PasteProblem> duplicates; // keys left out: earlier in the paste, or stored already

    bool malformed() const { return !problems.empty(); }
};

// `stored`: the keys kept already (keys-meta.json), so that pasting one again is noted.
PastedKeys parsePastedKeys(std::string_view text, const std::vector<store::StoredKey> &stored = {});

} // namespace hydra::keys
