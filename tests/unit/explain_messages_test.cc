// Unit tests of the phrases of explanations (eval/explain_messages.h): every phrase has a French text of its own
// (but those the test names), and an explanation tree, recorded as data, is rendered in the language asked for,
// as text and as JSON (whose keys stay the same).
#include "eval/explain_messages.h"

#include <doctest/doctest.h>

#include "cli/render_explain.h"
#include "message_catalog.h"

namespace caqes {
namespace {

using namespace explain_messages;

TEST_CASE("every phrase of the explanation catalog has a French text of its own") {
  const std::vector<const MessageText*> all = {
      &kYes, &kNo, &kAsWritten, &kDetailedAbove, &kReadFrom, &kNoRowFor, &kNoRowForInYear, &kRowsOfYear,
      &kDistinctValues, &kOverKeptRows, &kNoRowKept, &kOneRowKept, &kRowsKept, &kByTheFilter, &kOverNoEstablishment,
      &kOverOneEstablishment, &kOverEstablishments, &kOfTheSameGroup, &kComparison, &kTargeted, &kNotTargeted,
      &kIncentiveRounded, &kIncentiveNotTargeted, &kQuotedLabel
  };
  // A value written as is, and a comparison made of values and an operator: no word of their own.
  const std::set<const MessageText*> same = {&kAsWritten, &kComparison};
  check_catalog("interpreter/eval/explain_messages.h", all, same);
}

// An indicator whose value counts rows and whose targeting compares a figure, as the recorder builds it.
std::vector<ExplainNode> explanation() {
  ExplainNode root;
  root.kind = ExplainNode::Kind::Indicator;
  root.name = "longs_séjours — 2022 (310000001)";
  root.label = "Séjours longs";
  root.where = "r.caqes:30";
  root.detail = Message(kIncentiveRounded, Message(kTargeted), "20,01 €");
  ExplainNode rows;
  rows.kind = ExplainNode::Kind::Rows;
  rows.name = "compte(séjours où durée ≥ 3)";
  rows.value = Message(kAsWritten, "2");
  rows.detail = Message(kRowsKept, 2, Message(kRowsOfYear, "séjours", 2022), Message(kByTheFilter));
  ExplainNode one;
  one.kind = ExplainNode::Kind::Rows;
  one.name = "compte(séjours)";
  one.value = Message(kAsWritten, "0");
  one.detail = Message(kNoRowKept, Message(kAsWritten, "registre.csv"), Message());
  ExplainNode comparison;
  comparison.kind = ExplainNode::Kind::Comparison;
  comparison.name = "transports.amb[2021] ≥ 500 €";
  comparison.value = Message(kYes);
  comparison.detail =
      Message(kComparison, Message(kAsWritten, "600,00 €"), "≥", Message(kAsWritten, "500,00 €"), Message(kYes));
  root.children = {rows, one, comparison};
  return {root};
}

TEST_CASE("an explanation in French and in English, as text") {
  CHECK(render_explain_text(explanation(), Language::Fr) ==
        "longs_séjours — 2022 (310000001)   « Séjours longs »   (r.caqes:30)\n"
        "    ciblé; intéressement versé 20,01 € (arrondi au centime)\n"
        "  compte(séjours où durée ≥ 3) = 2\n"
        "      2 lignes de séjours.csv, année 2022 retenues par le filtre\n"
        "  compte(séjours) = 0\n"
        "      0 ligne de registre.csv retenue\n"
        "  transports.amb[2021] ≥ 500 € = oui\n"
        "      600,00 € ≥ 500,00 € → oui\n"
        "\n");
  CHECK(render_explain_text(explanation(), Language::En) ==
        "longs_séjours — 2022 (310000001)   “Séjours longs”   (r.caqes:30)\n"
        "    targeted; incentive paid 20,01 € (rounded to the cent)\n"
        "  compte(séjours où durée ≥ 3) = 2\n"
        "      2 rows of séjours.csv, year 2022 kept by the filter\n"
        "  compte(séjours) = 0\n"
        "      0 rows of registre.csv kept\n"
        "  transports.amb[2021] ≥ 500 € = yes\n"
        "      600,00 € ≥ 500,00 € → yes\n"
        "\n");
}

TEST_CASE("an explanation as JSON: the keys stay, the phrases follow the language") {
  std::string fr = render_explain_json(explanation(), Language::Fr);
  std::string en = render_explain_json(explanation(), Language::En);
  CHECK(fr.find("\"detail\": \"ciblé; intéressement versé 20,01 € (arrondi au centime)\"") != std::string::npos);
  CHECK(en.find("\"detail\": \"targeted; incentive paid 20,01 € (rounded to the cent)\"") != std::string::npos);
  CHECK(fr.find("\"value\": \"oui\", \"detail\": \"600,00 € ≥ 500,00 € → oui\"") != std::string::npos);
  CHECK(en.find("\"value\": \"yes\", \"detail\": \"600,00 € ≥ 500,00 € → yes\"") != std::string::npos);
  // Labels and names are the rules' own words: the same in both.
  CHECK(en.find("\"label\": \"Séjours longs\"") != std::string::npos);
  CHECK(en.find("\"kind\": \"comparison\", \"name\": \"transports.amb[2021] ≥ 500 €\"") != std::string::npos);
}

}  // namespace
}  // namespace caqes
