#!/usr/bin/env python3
"""The sites `caqes doc` writes for every contract of rules/, checked as a reader's browser would meet them.

For each contract, in HTML and in Markdown: every indicator, table and parameter the contract declares (as
`caqes list` and `caqes schema` give them) has its page; every internal link (href, SVG xlink:href, Markdown link)
leads to a page that exists and, when it names an anchor, to an element with that id; no page refers to anything
outside the site (no http:, no script, no external style or image). Then, if Chromium is installed, the index and
one indicator page are opened headless: they must render with no console error, and a screenshot of the transport
sheet is kept under the build folder.

usage: check_site.py CAQES SOURCE_ROOT WORK_DIR
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.parse

failures = []


def fail(message):
    failures.append(message)
    print("FAIL " + message)


def run(args):
    return subprocess.run(args, capture_output=True, text=True, timeout=120)


def ids_of(text):
    return set(html.unescape(m) for m in re.findall(r'\bid="([^"]*)"', text))


def check_html_site(site, contract):
    pages = {}
    for folder, _, files in os.walk(site):
        for name in files:
            if name.endswith(".html"):
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8") as f:
                    pages[os.path.normpath(path)] = f.read()
    for path, text in pages.items():
        where = f"{contract}: {os.path.relpath(path, site)}"
        if re.search(r"<script|<link\b|<img\b|<iframe|@import|url\(", text, re.I):
            fail(f"{where}: loads or runs something (script, link, img, iframe, @import, url())")
        if re.search(r'\bsrc\s*=', text, re.I):
            fail(f"{where}: has a src= attribute")
        for target in re.findall(r'(?:\bhref|xlink:href)="([^"]*)"', text):
            target = html.unescape(target)
            if re.match(r"[a-z]+:", target, re.I):
                fail(f"{where}: link outside the site: {target}")
                continue
            file_part, _, anchor = target.partition("#")
            dest = os.path.normpath(os.path.join(os.path.dirname(path), urllib.parse.unquote(file_part))) if file_part else path
            if dest not in pages:
                fail(f"{where}: link to a missing page: {target}")
                continue
            if anchor and urllib.parse.unquote(anchor) not in ids_of(pages[dest]):
                fail(f"{where}: link to a missing anchor: {target}")
    return pages


def check_markdown_site(site, contract):
    for folder, _, files in os.walk(site):
        for name in files:
            if not name.endswith(".md"):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            ids = set(re.findall(r'<a id="([^"]*)"></a>', text))
            for target in re.findall(r"\]\(([^)]*)\)", text):
                where = f"{contract}: {os.path.relpath(path, site)}"
                if re.match(r"[a-z]+:", target, re.I):
                    fail(f"{where}: link outside the site: {target}")
                    continue
                file_part, _, anchor = target.partition("#")
                dest = os.path.normpath(os.path.join(folder, file_part)) if file_part else path
                if not os.path.isfile(dest):
                    fail(f"{where}: link to a missing file: {target}")
                    continue
                if anchor:
                    with open(dest, encoding="utf-8") as f:
                        if f'<a id="{anchor}"></a>' not in f.read():
                            fail(f"{where}: link to a missing anchor: {target}")


def browser_check(chromium, page, screenshot):
    """Opens one page headless; returns the console errors Chromium logs."""
    url = "file://" + os.path.abspath(page)
    common = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--enable-logging=stderr",
              "--v=0", "--window-size=1200,2000"]
    result = run(common + ["--dump-dom", url])
    if "<svg" not in result.stdout and "indicateurs" in page:
        fail(f"{page}: the rendered page has no SVG graph")
    errors = [line for line in result.stderr.splitlines() if "CONSOLE" in line and ("ERROR" in line or "Uncaught" in line)]
    if screenshot:
        run(common + [f"--screenshot={screenshot}", url])
        if not os.path.isfile(screenshot):
            fail(f"{page}: no screenshot")
    return errors


def main():
    caqes, root, work = sys.argv[1], sys.argv[2], sys.argv[3]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    rules_root = os.path.join(root, "rules")
    contracts = sorted(d for d in os.listdir(rules_root) if os.path.isdir(os.path.join(rules_root, d)))
    for contract in contracts:
        rules = os.path.join(rules_root, contract)
        listing = json.loads(run([caqes, "list", rules, "--format", "json"]).stdout)
        schema = json.loads(run([caqes, "schema", rules, "--format", "json"]).stdout)
        for fmt, ext in (("html", ".html"), ("markdown", ".md")):
            site = os.path.join(work, f"{contract}-{fmt}")
            result = run([caqes, "doc", rules, "--output", site, "--format", fmt])
            if result.returncode != 0:
                fail(f"{contract} ({fmt}): caqes doc exited {result.returncode}: {result.stderr}")
                continue
            for ind in listing["indicators"]:
                if not os.path.isfile(os.path.join(site, "indicateurs", ind["id"] + ext)):
                    fail(f"{contract} ({fmt}): no page for indicator {ind['id']}")
            for table in schema["tables"]:
                if not os.path.isfile(os.path.join(site, "tables", table["name"] + ext)):
                    fail(f"{contract} ({fmt}): no page for table {table['name']}")
            if fmt == "html":
                pages = check_html_site(site, contract)
                # caqes-2022 extends caqes-2021 and modifies its transport indicator: the sheet links to the base's.
                if contract == "caqes-2022":
                    with open(os.path.join(site, "indicateurs", "transport.html"), encoding="utf-8") as f:
                        if 'href="../base/indicateurs/transport.html"' not in f.read():
                            fail("caqes-2022: the transport sheet has no link to its version in caqes-2021")
                print(f"{contract}: {len(pages)} HTML pages, {len(listing['indicators'])} indicators")
            else:
                check_markdown_site(site, contract)
    # The reviewer's diff between the two Occitanie contracts: one page, nothing external.
    diff_page = os.path.join(work, "diff-2021-2022.html")
    result = run([caqes, "diff", os.path.join(rules_root, "caqes-2021"), os.path.join(rules_root, "caqes-2022"), "--format", "html"])
    if result.returncode != 1:
        fail(f"caqes diff --format html exited {result.returncode}: {result.stderr}")
    with open(diff_page, "w", encoding="utf-8") as f:
        f.write(result.stdout)
    os.makedirs(os.path.join(work, "diff"), exist_ok=True)
    shutil.copy(diff_page, os.path.join(work, "diff", "index.html"))
    check_html_site(os.path.join(work, "diff"), "diff")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if os.environ.get("CAQES_NO_BROWSER"):
        chromium = None  # the instrumented run of the suite (.ci/run): the browser's part was checked once already
    if chromium:
        site = os.path.join(work, "caqes-2022-html")
        for page, shot in ((os.path.join(site, "index.html"), None),
                           (os.path.join(site, "indicateurs", "transport.html"), os.path.join(work, "transport.png"))):
            for error in browser_check(chromium, page, shot):
                fail(f"{page}: console error: {error}")
        for error in browser_check(chromium, diff_page, None):
            fail(f"{diff_page}: console error: {error}")
        print("chromium: the index and the transport sheet rendered; screenshot in " + os.path.join(work, "transport.png"))
    else:
        print("chromium not installed (or CAQES_NO_BROWSER set): the pages were not opened in a browser")
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
