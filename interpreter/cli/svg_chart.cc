// The SVG charts of the HTML report (see svg_chart.h).
#include "cli/svg_chart.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace caqes {

std::string escape_markup(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string distribution_svg(const std::vector<ChartPoint>& points, const std::vector<ChartMark>& marks,
                             const std::function<std::string(double)>& label_of, const std::string& title) {
  const double width = 640, height = 240, left = 40, right = 20, top = 30, bottom = 40;
  const double plot_w = width - left - right, plot_h = height - top - bottom;
  const int bins = 20;
  double lo = 0, hi = 0;
  bool any = false;
  auto widen = [&](double x) {
    lo = any ? std::min(lo, x) : x;
    hi = any ? std::max(hi, x) : x;
    any = true;
  };
  for (const auto& p : points) widen(p.x);
  for (const auto& m : marks) widen(m.x);
  if (!any) lo = 0, hi = 1;
  if (hi - lo < 1e-12) {
    double pad = std::abs(lo) > 0 ? std::abs(lo) * 0.1 : 1;
    lo -= pad;
    hi += pad;
  }
  std::vector<int> targeted(bins), others(bins);
  for (const auto& p : points) {
    int b = std::clamp(static_cast<int>((p.x - lo) / (hi - lo) * bins), 0, bins - 1);
    ++(p.targeted ? targeted : others)[static_cast<std::size_t>(b)];
  }
  int tallest = 1;
  for (int b = 0; b < bins; ++b) tallest = std::max(tallest, targeted[b] + others[b]);
  auto x_of = [&](double x) { return left + (x - lo) / (hi - lo) * plot_w; };
  auto y_of = [&](int n) { return top + plot_h - plot_h * n / tallest; };

  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" "
      "role=\"img\"><title>{}</title>\n",
      width, height, width, height, escape_markup(title));
  svg += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#444\"/>\n", left, top + plot_h,
                     left + plot_w, top + plot_h);
  svg +=
      fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#444\"/>\n", left, top, left, top + plot_h);
  svg +=
      fmt::format("<text x=\"{}\" y=\"{}\" class=\"axis\" text-anchor=\"end\">{}</text>\n", left - 4, top + 4, tallest);
  svg += fmt::format("<text x=\"{}\" y=\"{}\" class=\"axis\" text-anchor=\"end\">0</text>\n", left - 4, top + plot_h);
  double bar_w = plot_w / bins;
  for (int b = 0; b < bins; ++b) {
    double x = left + b * bar_w + 1;
    int t = targeted[b], o = others[b];
    if (o > 0)
      svg += fmt::format(
          "<rect class=\"others\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"#c9d3df\"/>\n", x,
          y_of(t + o), bar_w - 2, y_of(t) - y_of(t + o));
    if (t > 0)
      svg += fmt::format(
          "<rect class=\"targeted\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"#1f4e79\"/>\n",
          x, y_of(t), bar_w - 2, y_of(0) - y_of(t));
  }
  for (double f : {0.0, 0.5, 1.0}) {
    double v = lo + f * (hi - lo);
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" class=\"axis\" text-anchor=\"{}\">{}</text>\n", x_of(v),
                       top + plot_h + 16,
                       f == 0   ? "start"
                       : f == 1 ? "end"
                                : "middle",
                       escape_markup(label_of(v)));
  }
  for (std::size_t i = 0; i < marks.size(); ++i) {
    double x = x_of(marks[i].x);
    svg += fmt::format(
        "<line class=\"mark\" x1=\"{:.1f}\" y1=\"{}\" x2=\"{:.1f}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2\" "
        "stroke-dasharray=\"6 3\"/>\n",
        x, top - 4, x, top + plot_h, marks[i].color);
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" class=\"mark-label\" fill=\"{}\" text-anchor=\"{}\">{}</text>\n", x,
                       top - 8 - 12.0 * static_cast<double>(i % 2) + 12, marks[i].color,
                       x > width / 2 ? "end" : "start", escape_markup(marks[i].label));
  }
  svg += fmt::format(
      "<g class=\"legend\"><rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"#1f4e79\"/><text x=\"{}\" "
      "y=\"{}\" "
      "class=\"axis\">ciblés</text><rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"#c9d3df\"/><text x=\"{}\" "
      "y=\"{}\" class=\"axis\">non ciblés</text></g>\n",
      left + plot_w - 150, height - 14, left + plot_w - 136, height - 5, left + plot_w - 80, height - 14,
      left + plot_w - 66, height - 5);
  svg += "</svg>\n";
  return svg;
}

}  // namespace caqes
