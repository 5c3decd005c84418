// Messages in two languages (syntax/message.h): values put in their place in each language, nested messages and
// lists shown in the same language as the message around them, braces that are not values kept as written.
#include "syntax/message.h"

#include <doctest/doctest.h>

namespace caqes {
namespace {

constexpr MessageText kUnknown = message_text("unknown name '{0}' in {1}", "nom inconnu « {0} » dans {1}");
constexpr MessageText kSwapped = message_text("{0} then {1}", "{1} avant {0}");
constexpr MessageText kWrite = message_text("write {0}", "écrivez {0}");
constexpr MessageText kComma = message_text(", ", ", ");
constexpr MessageText kOr = message_text(" or ", " ou ");
constexpr MessageText kBrace = message_text("the '{' at {0} is never closed", "l'accolade « { » en {0} n'est jamais fermée");
constexpr MessageText kAName = message_text("a name", "un nom");

static_assert(message_detail::values_used("a {0} b {2} {0}") == 0b101);
static_assert(message_detail::values_used("the '{' at {1x} {}") == 0);

TEST_CASE("values go where each language puts them") {
  Message m(kUnknown, "dépense", 2022);
  CHECK(m.in(Language::En) == "unknown name 'dépense' in 2022");
  CHECK(m.in(Language::Fr) == "nom inconnu « dépense » dans 2022");
  Message s(kSwapped, "a", std::string("b"));
  CHECK(s.in(Language::En) == "a then b");
  CHECK(s.in(Language::Fr) == "b avant a");
  CHECK(m.text() == &kUnknown);
}

TEST_CASE("nested messages and lists follow the language of the message around them") {
  Message list = Message::list(kComma, kOr, {Message(kAName), Message(kUnknown, "x", "y"), Message(kAName)});
  Message m(kWrite, list);
  CHECK(m.in(Language::En) == "write a name, unknown name 'x' in y or a name");
  CHECK(m.in(Language::Fr) == "écrivez un nom, nom inconnu « x » dans y ou un nom");
  CHECK(Message(kWrite, Message::list(kComma, kOr, {Message(kAName)})).in(Language::Fr) == "écrivez un nom");
}

TEST_CASE("a brace that is not a value is kept; an empty message is empty") {
  CHECK(Message(kBrace, "r.caqes:3:5").in(Language::Fr) == "l'accolade « { » en r.caqes:3:5 n'est jamais fermée");
  CHECK(Message(kBrace, "r.caqes:3:5").in(Language::En) == "the '{' at r.caqes:3:5 is never closed");
  CHECK(Message().empty());
  CHECK(Message().in(Language::Fr).empty());
  CHECK(!Message(kAName).empty());
}

}  // namespace
}  // namespace caqes
