// A computed value as JSON, for the outputs read by programs: numbers exact, in their display unit (a rate in
// percent), booleans, dates as ISO text, lists, and null for an absent value.
#pragma once

#include "check/types.h"
#include "cli/json_writer.h"
#include "value/value.h"

namespace caqes {

Json json_value(const Value& v, const Type& t);

}  // namespace caqes
