#pragma once
// Gemini's thought signatures carried by the client instead of kept by Hydra. Agents that resend
// their whole history (Claude Code's thinking blocks, Codex's reasoning items) bring each
// signature back themselves, so the conversation survives a restart of Hydra and needs no store.
// A signature only validates on the key (project) that issued it, so the carrier names the key:
//   "hydra.1.<key tag>.<Gemini's signature>"
// The key tag is derived from the key's fingerprint and says nothing about the key itself. Pure.

#include <optional>
#include <string>
#include <string_view>

namespace hydra::translate {

// 8 hex digits naming a pool key in carried signatures (from KeyInfo::fingerprint).
std::string signatureKeyTag(std::string_view keyFingerprint);

std::string carrySignature(std::string_view keyTag, std::string_view signature);

struct CarriedSignature
{
    std::string keyTag;
    std::string signature;
};
// Hydra's own carrier, or nothing (a foreign signature: another gateway's, or Anthropic's).
std::optional<CarriedSignature> readCarriedSignature(std::string_view carried);

} // namespace hydra::translate
