// The charts of the HTML report, as SVG text written by the tool: no charting library, no script, nothing to
// fetch, so that the report is one file that opens anywhere, prints, and shows the same thing in ten years.
// Drawing uses doubles (positions on a page); every figure printed beside a chart comes from the exact values.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace caqes {

struct ChartPoint {
  double x = 0;
  bool targeted = false;
};

// A vertical line across the chart: the targeting threshold, the target.
struct ChartMark {
  double x = 0;
  std::string label;  // shown beside the line and in the legend
  std::string color;  // a CSS colour
};

// The distribution of the values across establishments: a histogram whose bars split the targeted (dark) from
// the others (light), the marks as dashed lines, the axis labelled by `label_of` (French figures with the unit).
// `title`: the SVG's accessible title.
std::string distribution_svg(const std::vector<ChartPoint>& points, const std::vector<ChartMark>& marks,
                             const std::function<std::string(double)>& label_of, const std::string& title);

// Text for HTML and SVG: &, <, >, " escaped.
std::string escape_markup(const std::string& s);

}  // namespace caqes
