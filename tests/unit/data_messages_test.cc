// Unit tests of the data stage's catalog of messages (data/data_messages.h): every message has a French text of
// its own (but those the test names), and a cell's error reads the same inside "column 'x': ..." in either
// language.
#include "data/data_messages.h"

#include <doctest/doctest.h>

#include "data/data_number.h"
#include "data/dataset.h"
#include "message_catalog.h"

namespace caqes {
namespace {

using namespace data_messages;

TEST_CASE("every message of the data catalog has a French text of its own") {
  const std::vector<const MessageText*> all = {
      &kCannotOpen, &kCannotRead, &kUtf16, &kEmptyFile, &kFirstLineEmpty, &kTabSeparated, &kEmptyLine, &kOneField,
      &kFields, &kQuoteNotClosedWithin, &kRecordTooLong, &kInvalidUtf8AfterBom, &kInvalidUtf8AfterSample,
      &kNulByteInCsv, &kMixedEncodings, &kQuoteInUnquotedField, &kQuoteNeverClosed, &kTextAfterClosingQuote,
      &kAtLine, &kAtLineAndColumn, &kEmptyCell, &kNotANumber, &kDigitGroups, &kDigitBeforeSeparator,
      &kTwoDecimalSeparators, &kDigitAfterSeparator, &kNotADateForm, &kNoYearZero, &kNoSuchMonth, &kNoDayZero,
      &kDaysInMonth, &kJanuary, &kFebruary, &kMarch, &kApril, &kMay, &kJune, &kJuly, &kAugust, &kSeptember,
      &kOctober, &kNovember, &kDecember, &kNotABoolean, &kPercentInAmountColumn, &kAmountInRateColumn,
      &kAmbiguousThousandsPoint, &kUnitInWholeNumberColumn, &kNotAWholeNumber, &kNegativeCount, &kNotAYear,
      &kUnitInPlainNumberColumn, &kInColumn, &kColumnDeclaredAs, &kEmptyFiness, &kNotAFiness, &kFinessForm,
      &kEmptyYear, &kUnknownEstablishment, &kEveryFinessListed, &kEstablishmentListedTwice, &kFirstListedOnLine,
      &kTwoRowsForOneYear, &kTwoRows, &kFirstRowOnLine, &kColumnTwice, &kUndeclaredColumn, &kDeclareOrRemoveColumn,
      &kMissingColumn, &kTableDeclaresColumn, &kDataDirectoryMissing, &kMissingDataFile, &kTableDeclaredAt,
      &kCannotCreateSpillFolder, &kCannotWriteSpillFile, &kCannotReadSpillFile,
      &kDataFileNotRegular, &kDataFileTooLarge, &kTooManyDigits, &kCarriageReturnOnly};
  // The errors of the spill files were never translated: a French text would change what a run prints.
  const std::set<const MessageText*> same = {&kCannotCreateSpillFolder, &kCannotWriteSpillFile, &kCannotReadSpillFile};
  check_catalog("interpreter/data/data_messages.h", all, same);
}

TEST_CASE("a cell's error inside the column's message, in English and in French") {
  Value v;
  Message error;
  REQUIRE_FALSE(parse_cell(ColumnType::Money, "1.234", v, error, true));
  Message m(kInColumn, "montant", error);
  CHECK(m.in(Language::En) == "column 'montant': '1.234' is ambiguous: a thousands point or three decimals of a euro?");
  CHECK(m.in(Language::Fr) ==
        "colonne « montant » : « 1.234 » est ambigu : point des milliers ou trois décimales d'euro ?");

  auto date = parse_data_date("2023-02-29");
  REQUIRE(std::holds_alternative<NumberError>(date));
  m = Message(kInColumn, "d", std::get<NumberError>(date).message);
  CHECK(m.in(Language::En) == "column 'd': '2023-02-29' is not a date: February 2023 has 28 days");
  CHECK(m.in(Language::Fr) == "colonne « d » : « 2023-02-29 » n'est pas une date : février 2023 a 28 jours");
  date = parse_data_date("31/12/2022x");
  REQUIRE(std::holds_alternative<NumberError>(date));
  CHECK(std::get<NumberError>(date).message.in(Language::Fr) ==
        "« 31/12/2022x » n'est pas une date : on attend 2022-03-15 ou 15/03/2022");
}

TEST_CASE("a column's label follows its name, in either language") {
  CHECK(Message(kMissingColumn, "dépense", "").in(Language::Fr) == "colonne manquante « dépense »");
  CHECK(Message(kMissingColumn, "dépense", " (Dépense totale)").in(Language::Fr) ==
        "colonne manquante « dépense » (Dépense totale)");
  CHECK(Message(kMissingColumn, "dépense", " (Dépense totale)").in(Language::En) ==
        "missing column 'dépense' (Dépense totale)");
}

}  // namespace
}  // namespace caqes
