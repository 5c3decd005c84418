// Unit tests of the JSON writer (cli/json_writer.h) and of values as JSON (cli/json_value.h): the project's
// layout, the escaping of strings, exact numbers. Every expected text is written by hand.
#include "cli/json_writer.h"

#include <doctest/doctest.h>

#include "cli/json_value.h"

namespace caqes {
namespace {

Decimal d(std::string_view text) { return *Decimal::parse_plain(text); }

// A value as the writer writes it as a top-level member.
std::string written(const Json& v) {
  Json doc = Json::object();
  doc["s"] = v;
  std::string out = write_json(doc);
  REQUIRE(out.rfind("{\n  \"s\": ", 0) == 0);
  return out.substr(9, out.size() - 9 - 3);
}

TEST_CASE("strings: quotes, backslashes and control characters escaped; UTF-8 kept as it is") {
  CHECK(written("plain") == "\"plain\"");
  CHECK(written("a \"b\" \\ c") == "\"a \\\"b\\\" \\\\ c\"");
  CHECK(written("line\nnext\ttab\rcr") == "\"line\\nnext\\ttab\\rcr\"");
  CHECK(written(std::string("\x01|\x08|\x0c|\x1f|\x7f", 9)) == "\"\\u0001|\\u0008|\\u000c|\\u001f|\x7f\"");
  CHECK(written("Établissement « ≥ 20 % » à 98,50 €") == "\"Établissement « ≥ 20 % » à 98,50 €\"");
  CHECK(written("a \\b \\f") == "\"a \\\\b \\\\f\"");  // a backslash before b or f is not a control character
  CHECK(written("") == "\"\"");
}

TEST_CASE("a byte that is not UTF-8 becomes U+FFFD, it does not stop the output") {
  CHECK(written("caf\xe9") == "\"caf\xef\xbf\xbd\"");
}

TEST_CASE("exact numbers are written as their decimal text, never through a double") {
  Json doc = Json::object();
  doc["big"] = exact_number("12345678901234567.89");
  doc["negative"] = exact_number("-0.5");
  doc["integer"] = 2022;
  CHECK(write_json(doc) == "{\n  \"big\": 12345678901234567.89,\n  \"negative\": -0.5,\n  \"integer\": 2022\n}\n");
}

TEST_CASE("values as JSON: exact, in their display unit, rounded half-even to six places when unending") {
  Type money = Type::number(Unit::Money), rate = Type::number(Unit::Rate), plain = Type::number(Unit::Plain);
  CHECK(written(json_value(Value(d("12345678901234567.89")), money)) == "12345678901234567.89");
  CHECK(written(json_value(Value(d("9877.50")), money)) == "9877.5");
  CHECK(written(json_value(Value(Decimal::from_fraction(1, 3)), plain)) == "0.333333");
  CHECK(written(json_value(Value(Decimal::from_fraction(1, 3)), rate)) == "33.333333");
  CHECK(written(json_value(Value(Decimal::from_fraction(2, 3)), rate)) == "66.666667");
  CHECK(written(json_value(Value(d("0.4")), rate)) == "40");
  CHECK(written(json_value(Value(), money)) == "null");
  CHECK(written(json_value(Value(true), Type::boolean())) == "true");
  CHECK(written(json_value(Value(std::string("MCO")), Type::text())) == "\"MCO\"");
  auto list = std::make_shared<ValueList>(ValueList{Value(d("0.25")), Value(Decimal::from_fraction(1, 3))});
  CHECK(written(json_value(Value(list), Type::list(rate))) == "[25, 33.333333]");
}

TEST_CASE("layout: top-level members one per line, records one per line, everything in a record on its line") {
  Json doc = Json::object();
  doc["contract"] = "c";
  doc["year"] = nullptr;
  doc["years"] = {2022, 2023};
  Json results = Json::array();
  results.push_back(Json{{"entity", "310000001"}, {"targeted", true}, {"value", exact_number("31.25")}});
  results.push_back(Json{{"entity", "310000002"},
                         {"children", Json::array({Json{{"a", 1}, {"b", Json::array()}}, Json{{"c", "x"}}})},
                         {"empty", Json::object()}});
  doc["results"] = std::move(results);
  doc["none"] = Json::array();
  CHECK(write_json(doc) ==
        "{\n"
        "  \"contract\": \"c\",\n"
        "  \"year\": null,\n"
        "  \"years\": [2022, 2023],\n"
        "  \"results\": [\n"
        "    {\"entity\": \"310000001\", \"targeted\": true, \"value\": 31.25},\n"
        "    {\"entity\": \"310000002\", \"children\": [{\"a\": 1, \"b\": []}, {\"c\": \"x\"}], \"empty\": {}}\n"
        "  ],\n"
        "  \"none\": []\n"
        "}\n");
}

TEST_CASE("layout: members sharing a line, and an empty array of records kept open") {
  Json doc = Json::object();
  doc["old"] = "a";
  doc["new"] = "b";
  doc["equivalent"] = false;
  doc["changes"] = Json::array();
  doc["impact"] = Json::array();
  doc["total_old"] = "0,00 €";
  doc["total_new"] = "1,00 €";
  JsonLayout layout{{{"old", "new", "equivalent"}, {"total_old", "total_new"}}, {"impact"}};
  CHECK(write_json(doc, layout) ==
        "{\n"
        "  \"old\": \"a\", \"new\": \"b\", \"equivalent\": false,\n"
        "  \"changes\": [],\n"
        "  \"impact\": [\n"
        "  ],\n"
        "  \"total_old\": \"0,00 €\", \"total_new\": \"1,00 €\"\n"
        "}\n");
}

TEST_CASE("layout: a document that is an array has one element per line, indented by one space") {
  CHECK(write_json(Json::array()) == "[\n]\n");
  Json doc = Json::array();
  doc.push_back(Json{{"kind", "indicator"}, {"children", Json::array()}});
  doc.push_back(Json{{"kind", "part"}, {"children", Json::array({Json{{"kind", "column"}}})}});
  CHECK(write_json(doc) ==
        "[\n"
        " {\"kind\": \"indicator\", \"children\": []},\n"
        " {\"kind\": \"part\", \"children\": [{\"kind\": \"column\"}]}\n"
        "]\n");
}

TEST_CASE("what the writer writes, nlohmann's parser reads back") {
  Json doc = Json::object();
  doc["text"] = std::string("é \"q\" \x08 \x0c \x01", 12);
  doc["amount"] = exact_number("12345678901234567.89");
  doc["records"] = Json::array({Json{{"a", exact_number("0.333333")}}});
  nlohmann::json parsed = nlohmann::json::parse(write_json(doc));
  CHECK(parsed["text"].get<std::string>() == std::string("é \"q\" \x08 \x0c \x01", 12));
  CHECK(parsed["amount"].is_number());
  CHECK(parsed["records"][0]["a"].is_number());
}

}  // namespace
}  // namespace caqes
