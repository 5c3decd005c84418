// Messages in two languages. Each stage keeps its messages in a catalog of its own (`*_messages.h`), one constant
// per message: its name is the message's identifier, and its English and French texts sit side by side. A site
// that reports something builds a `Message` from a constant and the values to show; the language is chosen only
// when the message is rendered, by whoever prints it. Nothing matches a finished text to translate it, and no
// language is held in a global.
//
// Texts mark values with {0}, {1}...: each value may appear in any order, and a language need not use the same
// words around it. `message_text` checks, when the program is compiled, that both texts use the same values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace caqes {

enum class Language { En, Fr };

// LC_ALL, then LC_MESSAGES, then LANG (the first one set and not empty decides): "fr…" is French, anything
// else English.
Language language_from_environment();

// "fr" or "en" (any case, "fr_FR.UTF-8" too); nullopt for anything else.
std::optional<Language> language_from_name(std::string_view name);

// One message of a catalog.
struct MessageText {
  std::string_view en, fr;
  std::string_view in(Language lang) const { return lang == Language::Fr ? fr : en; }
};

namespace message_detail {
// A bit per value {0}..{31} that a text uses.
constexpr unsigned long values_used(std::string_view t) {
  unsigned long used = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] != '{') continue;
    std::size_t j = i + 1;
    unsigned n = 0;
    bool digits = false;
    while (j < t.size() && t[j] >= '0' && t[j] <= '9') {
      n = n * 10 + static_cast<unsigned>(t[j++] - '0');
      digits = true;
    }
    if (digits && j < t.size() && t[j] == '}' && n < 32) used |= 1ul << n;
  }
  return used;
}
// Not constexpr: calling it while a catalog constant is compiled stops the compilation there.
inline void texts_use_different_values() {}
}  // namespace message_detail

// A catalog entry whose two texts use the same values: checked at compile time when used to initialise a
// `constexpr` constant.
constexpr MessageText message_text(std::string_view en, std::string_view fr) {
  if (message_detail::values_used(en) != message_detail::values_used(fr)) message_detail::texts_use_different_values();
  return MessageText{en, fr};
}

// A message to show: a catalog text and its values. A value is a text shown as is in both languages (a name, a
// number, a path), or another message, shown in the same language (a list of phrases is a message too:
// `Message::list`).
class Message {
 public:
  Message() = default;
  template <class... Values>
  explicit Message(const MessageText& text, Values&&... values) : text_(&text) {
    values_.reserve(sizeof...(Values));
    (add(std::forward<Values>(values)), ...);
  }
  // Items joined by `separator`, the last two by `last` (", " and " ou " in French, " or " twice in English...).
  static Message list(const MessageText& separator, const MessageText& last, std::vector<Message> items);

  bool empty() const { return text_ == nullptr && items_.empty(); }
  const MessageText* text() const { return text_; }  // which message this is; null for a list
  std::string in(Language lang) const;

 private:
  struct Value {
    std::string text;
    std::vector<Message> message;  // the nested message, when the value is one
  };

  void add(const Message& m) { values_.push_back({{}, {m}}); }
  void add(Message&& m) { values_.push_back({{}, {std::move(m)}}); }
  void add(std::string s) { values_.push_back({std::move(s), {}}); }
  void add(std::string_view s) { add(std::string(s)); }
  void add(const char* s) { add(std::string(s)); }
  template <class N, class = std::enable_if_t<std::is_integral_v<N>>>
  void add(N n) {
    add(std::to_string(n));
  }

  const MessageText* text_ = nullptr;
  std::vector<Value> values_;
  const MessageText* separator_ = nullptr;  // a list: its items, and how they are joined
  const MessageText* last_ = nullptr;
  std::vector<Message> items_;
};

}  // namespace caqes
