#include "server/store/search_terms.hpp"

#include <vector>

#include "shared/domain/text.hpp"

namespace motcua::store {
namespace {

bool separates(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x80 && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9');
}

std::vector<std::string> folded_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : domain::fold(text) + ' ') {
    if (!separates(c)) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  return words;
}

// The pairs of neighbouring words, space-separated ("a_b b_c"); the one word when there is one.
std::string pairs(const std::vector<std::string>& words) {
  if (words.size() == 1) return words.front();
  std::string out;
  for (std::size_t i = 1; i < words.size(); ++i)
    out += (out.empty() ? "" : " ") + words[i - 1] + '_' + words[i];
  return out;
}

}  // namespace

std::string search_terms(std::string_view text) {
  const auto words = folded_words(text);
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  if (words.size() > 1) out += ' ' + pairs(words);
  return out;
}

std::optional<std::string> search_query(std::string_view text) {
  const auto words = folded_words(text);
  if (words.empty()) return std::nullopt;
  return '"' + pairs(words) + "\" *";
}

}  // namespace motcua::store
