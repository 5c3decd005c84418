#!/usr/bin/env python3
"""Opens the HTML report of `caqes run --format html` in a real headless browser (Debian's chromium), driven over
the DevTools protocol (--remote-debugging-pipe: no library needed), and checks what a reader would meet: it renders
(the table of contents, a chart per indicator and year with bars and marks, a fiche per establishment), no console
message or exception, no network request made by the page (every request the page starts is seen by the protocol),
and a screenshot kept as BUILD_DIR/report.png for people to look at (a CI artefact).

    check_report.py CAQES BUILD_DIR      (run from the source root; exit 77: chromium is missing, skipped)
"""
import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import time

browser = shutil.which("chromium") or shutil.which("chromium-browser")
if not browser:
    print("SKIPPED: no chromium to open the report in (apt-get install chromium)")
    sys.exit(77)

caqes, build = sys.argv[1], os.path.abspath(sys.argv[2])
out = os.path.join(build, "outputs-test")
os.makedirs(out, exist_ok=True)
report = os.path.join(out, "report.html")
env = dict(os.environ, SOURCE_DATE_EPOCH="1767225600")
subprocess.run([caqes, "run", "rules/caqes-2022", "--data", "examples/occitanie", "--year", "2022", "--format", "html",
                "--output", report], check=True, env=env)
html = open(report, encoding="utf-8").read()


class Browser:
    """chromium with the DevTools protocol on fds 3 (commands in) and 4 (replies and events out), NUL-separated."""

    def __init__(self):
        to_r, self.to_w = os.pipe()
        self.from_r, from_w = os.pipe()
        original = (to_r, from_w)
        # The protocol's pipes must be the browser's fds 3 and 4: moved there by a shell, just before chromium.
        # Pipes in the parent at fds >= 5, so that moving one to 3 or 4 never closes the other.
        to_r, from_w = fcntl.fcntl(to_r, fcntl.F_DUPFD, 5), fcntl.fcntl(from_w, fcntl.F_DUPFD, 5)
        move = f'exec 3<&{to_r} 4>&{from_w} {to_r}<&- {from_w}>&-; exec "$0" "$@"'
        # Quiet: no update checks, sync or other traffic of the browser's own.
        self.proc = subprocess.Popen(
            ["/bin/sh", "-c", move, browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--no-first-run", "--disable-sync", "--disable-background-networking", "--disable-component-update",
             "--disable-default-apps", "--disable-features=Translate,OptimizationHints,MediaRouter,SpellCheck",
             "--remote-debugging-pipe", "about:blank"], pass_fds=(to_r, from_w), stdout=subprocess.DEVNULL,
            stderr=open(os.path.join(out, "report-browser.log"), "w"))
        for fd in (to_r, from_w, *original):
            os.close(fd)
        self.buffer, self.events, self.next_id = b"", [], 0

    def read(self, deadline):
        while b"\0" not in self.buffer:
            left = deadline - time.time()
            if left <= 0 or not select.select([self.from_r], [], [], left)[0]:
                raise TimeoutError("chromium did not answer")
            chunk = os.read(self.from_r, 1 << 20)
            if not chunk:
                raise EOFError("chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, session=None, timeout=60, **params):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self.to_w, json.dumps(message).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            reply = self.read(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, event, timeout=60):
        deadline = time.time() + timeout
        while not any(e.get("method") == event for e in self.events):
            self.events.append(self.read(deadline))

    def close(self):
        try:
            self.call("Browser.close", timeout=10)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


b = Browser()
try:
    target = b.call("Target.createTarget", url="about:blank")["targetId"]
    s = b.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
    for domain in ("Network", "Runtime", "Log", "Page"):
        b.call(domain + ".enable", session=s)
    b.call("Emulation.setDeviceMetricsOverride", session=s, width=1280, height=2400, deviceScaleFactor=1, mobile=False)
    b.call("Page.navigate", session=s, url="file://" + report)
    b.wait_for("Page.loadEventFired")
    counts = json.loads(b.call("Runtime.evaluate", session=s, returnByValue=True, expression="""JSON.stringify({
        toc: document.querySelectorAll('#sommaire a').length,
        charts: document.querySelectorAll('svg.chart').length,
        drawn: [...document.querySelectorAll('svg.chart')].filter(c => c.getBoundingClientRect().width > 100).length,
        targeted: document.querySelectorAll('svg.chart rect.targeted').length,
        marks: document.querySelectorAll('svg.chart line.mark').length,
        fiches: document.querySelectorAll('section.fiche').length,
        title: document.title})""")["result"]["value"])
    shot = b.call("Page.captureScreenshot", session=s, format="png")["data"]
    screenshot = os.path.join(build, "report.png")
    with open(screenshot, "wb") as f:
        f.write(base64.b64decode(shot))
finally:
    b.close()

failures = []
def expect(ok, what):
    if not ok:
        failures.append(what)

indicators = 24      # rules/caqes-2022: `caqes list` counts them; one year: one chart each
establishments = 85  # examples/occitanie/établissements.csv: its lines but the header
expect(counts["charts"] == indicators and counts["drawn"] == indicators, f"charts: {counts}")
expect(counts["toc"] == indicators + establishments + 3, f"table of contents: {counts['toc']} links")
expect(counts["fiches"] == establishments, f"fiches: {counts['fiches']}")
expect(counts["targeted"] > 0 and counts["marks"] > 0, f"no targeted bar or no mark: {counts}")
expect(counts["title"].startswith("CAQES Occitanie 2022-2024"), f"title {counts['title']!r}")
expect("<script" not in html, "the report holds a script")
messages = [e["params"] for e in b.events if e.get("method") in ("Runtime.consoleAPICalled", "Runtime.exceptionThrown", "Log.entryAdded")]
expect(not messages, f"console: {messages[:3]}")
requests = [e["params"]["request"]["url"] for e in b.events if e.get("method") == "Network.requestWillBeSent"]
outside = [u for u in requests if not u.startswith(("file:", "data:"))]
expect(not outside, f"network requests by the page: {outside[:3]}")
expect(requests == ["file://" + report], f"requests: {requests[:3]}")
expect(os.path.getsize(screenshot) > 10000, "the screenshot is empty")

if failures:
    print(f"{len(failures)} failure(s):")
    for f in failures:
        print("  " + f)
    sys.exit(1)
print(f"report ok in {browser}: {counts}; no console message, no request but the file; screenshot {screenshot}")
