// Cutting a CSV file into byte ranges that start at records, so that its rows can be read on several cores
// (row_pass.cc): each range is read by its own CsvReader (CsvReader::restrict_to) knowing the line it starts on,
// so that the errors found in it are located exactly as in one reading of the whole file.
//
// A record ends at a line break outside quotes; a line break inside a quoted field is data. The file is cut into
// equal pieces, and each piece scanned once (the pieces side by side on the cores) for its line breaks and its
// quotes: a piece's count of quotes says whether the next piece starts inside a quoted field (RFC 4180's "" escape
// counts two, leaving the state as it was), and each piece notes its first line break outside quotes for either
// state it may start in. Chaining the states from the header, which ends outside quotes, gives each range's start
// (the first record starting in its piece) and its line. A piece in which no record starts gives an empty range.
// In a file the reader accepts, quotes open and close only as this count says (a quote inside an unquoted field, a
// text after a closing quote are errors of the reader): where the count is misled, a reader of an earlier range
// stops on that error first, and the first error in the order of the file is the one reported.
#pragma once

#include <string>
#include <vector>

#include "syntax/message.h"

namespace caqes {

struct CsvRange {
  unsigned long long begin = 0, end = 0;  // bytes [begin, end) of the file: whole records
  long first_line = 0;                    // the 1-based line of the record at `begin`
};

// Cuts the records of `path` that start at or after `data_begin` (the first record after the header, on line
// `data_line`) into `parts` ranges, in the order of the file, covering [data_begin, end of file) without overlap;
// some may be empty. Scans the pieces on up to `threads` threads. False (with the reason) if the file cannot be read.
bool split_csv(const std::string& path, unsigned long long data_begin, long data_line, int parts, int threads,
               std::vector<CsvRange>& out, Message& error);

}  // namespace caqes
