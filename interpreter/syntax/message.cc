// Rendering of messages in the language asked for, and the language of the environment.
#include "syntax/message.h"

#include <cstdlib>
#include <cstring>
#include <utility>


namespace caqes {

namespace {

// `text` with each {n} replaced by values[n]; any other brace is kept as written ("the '{' at ...").
std::string substitute(std::string_view text, const std::vector<std::string>& values) {
  std::string out;
  out.reserve(text.size() + 32);
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '{') {
      std::size_t j = i + 1;
      std::size_t n = 0;
      while (j < text.size() && text[j] >= '0' && text[j] <= '9' && n < 1000) n = n * 10 + static_cast<std::size_t>(text[j++] - '0');
      if (j > i + 1 && j < text.size() && text[j] == '}') {
        if (n < values.size()) out += values[n];
        i = j + 1;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

std::string lower_prefix(std::string_view s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < s.size() && i < n; ++i) out += static_cast<char>(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
  return out;
}

}  // namespace

Message Message::list(const MessageText& separator, const MessageText& last, std::vector<Message> items) {
  Message m;
  m.separator_ = &separator;
  m.last_ = &last;
  m.items_ = std::move(items);
  return m;
}

std::string Message::in(Language lang) const {
  if (separator_) {
    std::string out;
    for (std::size_t i = 0; i < items_.size(); ++i) {
      if (i > 0) out += (i + 1 == items_.size() ? last_ : separator_)->in(lang);
      out += items_[i].in(lang);
    }
    return out;
  }
  if (!text_) return {};
  std::vector<std::string> values;
  values.reserve(values_.size());
  for (const auto& v : values_) values.push_back(v.message.empty() ? v.text : v.message.front().in(lang));
  return substitute(text_->in(lang), values);
}

std::optional<Language> language_from_name(std::string_view name) {
  std::string lower = lower_prefix(name, name.size());
  for (auto [code, lang] : {std::pair<const char*, Language>{"fr", Language::Fr}, {"en", Language::En}}) {
    if (lower.compare(0, 2, code) != 0) continue;
    if (lower.size() == 2 || std::strchr("_-.@", lower[2]) != nullptr) return lang;
  }
  return std::nullopt;
}

Language language_from_environment() {
  for (const char* variable : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(variable);
    if (value == nullptr || *value == '\0') continue;
    return lower_prefix(value, 2) == "fr" ? Language::Fr : Language::En;
  }
  return Language::En;
}

}  // namespace caqes
