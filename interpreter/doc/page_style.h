// The one style sheet of the documents caqes writes (the indicator sheets, the reviewer's diff), written inline in
// every page so that each page stands alone.
#pragma once

namespace caqes {

inline constexpr const char* kPageStyle = R"(
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:0;color:#1d2330;background:#fafbfc;line-height:1.45}
nav{background:#1f3a5f;color:#fff;padding:.6em 1.5em}nav a{color:#fff;text-decoration:none;margin-right:1.2em}
main{max-width:70em;margin:0 auto;padding:1em 1.5em 3em}h1{font-size:1.6em;margin-bottom:.2em}
h2{border-bottom:2px solid #d5dbe5;padding-bottom:.2em;margin-top:1.8em}h3{margin-bottom:.3em}
.code{font-family:"DejaVu Sans Mono",monospace;color:#555;font-size:.9em}
.where{font-size:.8em;color:#777}.desc{white-space:pre-line;background:#f1f4f8;border-left:4px solid #8aa4c8;padding:.5em .8em}
pre.formula{background:#fff;border:1px solid #d5dbe5;padding:.6em .8em;white-space:pre-wrap;font-size:.95em}
.kw{color:#7a2e8e;font-weight:bold}.per{color:#555}.num{background:#fff1c2;color:#7a4b00;font-weight:bold;padding:0 .15em}.str{color:#1a6b35}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #d5dbe5;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#eef2f7}dl.meta{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dl.meta dt{font-weight:bold}
dl.meta dd{margin:0}.reserved{border-left:4px solid #1f3a5f;padding-left:.6em}.graph svg{max-width:100%;height:auto}
.test{border:1px solid #d5dbe5;background:#fff;padding:.2em .9em .6em;margin:.8em 0}
.change{border:1px solid #d5dbe5;background:#fff;padding:.3em 1em .8em;margin:1em 0}
.badge{display:inline-block;border-radius:.3em;padding:0 .45em;font-size:.85em;color:#fff;margin-right:.4em}
.ajouté{background:#2e7d32}.retiré{background:#c62828}.modifié{background:#b26a00}.affecté{background:#5c6bc0}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:.8em}.sides h4{margin:.3em 0}
del{background:#ffd7d5;text-decoration:line-through}ins{background:#c9f2cf;text-decoration:none}
td.num{text-align:right;white-space:nowrap}
)";

}  // namespace caqes
