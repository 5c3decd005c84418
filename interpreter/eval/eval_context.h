// What an evaluation of an expression depends on besides the expression: the establishment and year, the rows it
// reads, and the modes the caller puts it in (explaining, tolerating a missing datum). The caller passes it down;
// nothing of this lives in the evaluator's fields.
#pragma once

#include <string>

#include "data/dataset.h"
#include "syntax/message.h"
#include "syntax/source.h"

namespace caqes {

struct HeldRows;
class ExplainRecorder;

// An error that stops the evaluation of a figure; caught at the public entry points and turned into a diagnostic.
struct EvalError {
  Span span;
  Message message;  // from eval/eval_messages.h
  Message hint;
};

struct EvalContext {
  int entity = -1;
  int year = 0;
  const Row* row = nullptr;
  const Row* outer = nullptr;  // in a nested aggregation: the row of the aggregation around it
  // The rows that nested aggregations read: set by the pass for the code it leaves to the tree walker.
  HeldRows* held = nullptr;
  // Records the derivation; null when not explaining (and while computing what the explanation does not detail).
  ExplainRecorder* recorder = nullptr;
  // Inside défaut(x, …) and présent(x), a missing datum is absent even under 'données_absentes erreur'; this holds
  // for everything x reads (definitions, parameters).
  bool tolerate_missing = false;

  // The context of a definition or parameter read from here, in `in_year`: no row, the same modes.
  EvalContext definition(int in_year) const {
    EvalContext c = *this;
    c.year = in_year;
    c.row = nullptr;
    c.outer = nullptr;
    return c;
  }
  // The same, not recorded.
  EvalContext unrecorded() const {
    EvalContext c = *this;
    c.recorder = nullptr;
    return c;
  }
};

}  // namespace caqes
