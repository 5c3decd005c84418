#!/usr/bin/env python3
"""Reads back the workbook of `caqes run --format xlsx` with openpyxl, as a spreadsheet would: its sheets, the
types and formats of its cells, FINESS kept as text, and every total equal to the sum of its detail, the detail
taken from the CSV output of the same run (an independent path: text, decimal commas) and summed here exactly.

    check_workbook.py CAQES BUILD_DIR      (run from the source root; exit 77: openpyxl is missing, skipped)
"""
import csv
import decimal
import os
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal

try:
    import openpyxl
except ImportError:
    print("SKIPPED: python3-openpyxl is not installed (apt-get install python3-openpyxl)")
    sys.exit(77)

caqes, build = sys.argv[1], sys.argv[2]
out = os.path.join(build, "outputs-test")
os.makedirs(out, exist_ok=True)
xlsx, csv_path = os.path.join(out, "résultats.xlsx"), os.path.join(out, "résultats.csv")
run = [caqes, "run", "rules/caqes-2022", "--data", "examples/occitanie", "--year", "2022"]
env = dict(os.environ, SOURCE_DATE_EPOCH="1767225600")
subprocess.run(run + ["--format", "xlsx", "--output", xlsx], check=True, env=env)
subprocess.run(run + ["--format", "csv", "--output", csv_path], check=True, env=env)

failures = []
def expect(ok, what):
    if not ok:
        failures.append(what)

def cents(x):
    """A workbook number (a double) as the exact amount in cents it stands for."""
    return Decimal(repr(x)).quantize(Decimal("0.01"), rounding=decimal.ROUND_HALF_EVEN)

def french(s):
    return Decimal(s.replace(" ", "").replace(",", ".")) if s else None

def unfinessed(s):
    return s[2:-1] if s.startswith('="') else s

with open(csv_path, encoding="utf-8-sig", newline="") as f:
    rows = list(csv.DictReader(f, delimiter=";"))
with open(os.path.join(out, "résultats-signataires.csv"), encoding="utf-8-sig", newline="") as f:
    csv_notified = {unfinessed(r["signataire"]): french(r["montant notifié"]) for r in csv.DictReader(f, delimiter=";")}

wb = openpyxl.load_workbook(xlsx)
expect(wb.sheetnames == ["Synthèse", "Résultats", "Signataires", "Paramètres", "À propos"], f"sheets: {wb.sheetnames}")

# ---- Résultats: one row per establishment × indicator × year, as in the CSV -------------------------------------
ws = wb["Résultats"]
header = [c.value for c in ws[1]]
expect(header == ["FINESS", "nom", "indicateur", "libellé", "année", "ciblé", "valeur", "cible", "atteint", "intéressement"],
       f"Résultats header: {header}")
expect(ws.freeze_panes == "A2", f"Résultats frozen at {ws.freeze_panes}")
expect(ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A1:J"), f"Résultats filter {ws.auto_filter.ref}")
data = list(ws.iter_rows(min_row=2))
expect(len(data) == len(rows), f"Résultats has {len(data)} rows, the CSV {len(rows)}")
col = {name: i for i, name in enumerate(header)}
money_seen = rate_seen = zero_seen = False
by_indicator = defaultdict(Decimal)
for cells, r in zip(data, rows):
    finess = cells[col["FINESS"]]
    expect(finess.data_type == "s" and finess.value == unfinessed(r["entité"]), f"FINESS {finess.value!r} vs {r['entité']}")
    expect(finess.number_format == "@", f"FINESS format {finess.number_format}")
    zero_seen |= str(finess.value).startswith("0")
    expect(cells[col["indicateur"]].value == r["indicateur"], "indicator order")
    expect((cells[col["ciblé"]].value is True) == (r["ciblé"] == "oui"), f"ciblé {cells[col['ciblé']].value} vs {r['ciblé']}")
    inc = cells[col["intéressement"]]
    if r["intéressement"]:
        expect(inc.data_type == "n" and "€" in inc.number_format, f"incentive {inc.value!r} {inc.number_format}")
        expect(cents(inc.value) == french(r["intéressement"]), f"incentive {inc.value} vs CSV {r['intéressement']}")
        money_seen = True
        by_indicator[r["indicateur"]] += french(r["intéressement"])
    else:
        expect(inc.value is None, f"incentive {inc.value!r} where the CSV has none")
    val = cells[col["valeur"]]
    if r["unité"] == "%" and r["valeur"]:
        expect(val.data_type == "n" and val.number_format == "0.00%", f"rate {val.value!r} {val.number_format}")
        # 50 % in the CSV is 0.5 in the workbook; the CSV rounds a non-terminating rate to 6 decimals (in %).
        expect(abs(Decimal(repr(val.value)) * 100 - french(r["valeur"])) <= Decimal("0.0000005"), f"rate {val.value} vs {r['valeur']}")
        rate_seen = True
expect(money_seen and rate_seen, "no amount or no rate seen")

# ---- Synthèse: per indicator, the incentive total is the sum of the detail --------------------------------------
ws = wb["Synthèse"]
header = [c.value for c in ws[3]]
expect(header[:8] == ["indicateur", "libellé", "année", "établissements", "ciblés", "atteints", "intéressement total",
                      "intéressements absents"], f"Synthèse header {header}")
expect(ws.freeze_panes == "A4", f"Synthèse frozen at {ws.freeze_panes}")
checked = 0
for cells in ws.iter_rows(min_row=4):
    name, total, missing = cells[0].value, cells[6], cells[7].value
    targeted = sum(1 for r in rows if r["indicateur"] == name and r["ciblé"] == "oui")
    expect(cells[4].value == targeted, f"{name}: {cells[4].value} targeted, the CSV {targeted}")
    if total.value is not None and not missing:
        expect("€" in total.number_format, f"{name} total format")
        expect(cents(total.value) == by_indicator[name], f"{name}: total {total.value} != sum of the detail {by_indicator[name]}")
        checked += 1
expect(checked > 0, "no indicator total checked")

# ---- Signataires: each notified amount is the sum of its detail lines, and the CSV's --------------------------------
ws = wb["Signataires"]
totals, detail = {}, defaultdict(Decimal)
section = 0
for cells in ws.iter_rows(min_row=1):
    first = cells[0].value
    if first == "signataire":
        section += 1
        continue
    if not isinstance(cells[2].value, (int, float)):  # a title or an empty row between the sections
        continue
    if section == 1:
        expect(cells[0].data_type == "s", f"signatory {first!r} is not text")
        totals[first] = cents(cells[5].value)
    elif section == 2 and cells[5].value is not None:
        detail[first] += cents(cells[5].value)
expect(section == 2 and len(totals) > 0, "Signataires: two sections expected")
expect(any(s.startswith("0") for s in totals), "no signatory FINESS with a leading 0 kept")
for s, t in totals.items():
    expect(t == detail[s], f"{s}: notified {t} != sum of its detail {detail[s]}")
    expect(t == csv_notified.get(s), f"{s}: notified {t} != CSV {csv_notified.get(s)}")
expect(sum(totals.values()) == sum(by_indicator.values()), "notified amounts do not add up to the results' incentives")

# ---- Paramètres and À propos -------------------------------------------------------------------------------------
ws = wb["Paramètres"]
expect([c.value for c in ws[1]] == ["paramètre", "libellé", "années", "valeur (règle)"], "Paramètres header")
expect(any(r[0].value == "signataire" for r in ws.iter_rows(min_row=2)), "the parameter 'signataire' is listed")
ws = wb["À propos"]
about = {(r[0].value, r[1].value): r[2].value for r in ws.iter_rows(min_row=3)}
expect(about.get(("contrat", "caqes_2022")) == "CAQES Occitanie 2022-2024", "contract in the manifest")
expect(about.get(("date", "UTC")) == "2026-01-01T00:00:00Z", "date in the manifest")
expect(any(k[0] == "données" and str(v).startswith("sha256:") and len(v) == 71 for k, v in about.items()), "data SHA-256")

# ---- No formula anywhere; names from the data that a spreadsheet would run are neutralised ----------------------
expect(not [c.coordinate for ws in wb for row in ws.iter_rows() for c in row if c.data_type == "f"], "a formula cell")
small = os.path.join(out, "neutralised.xlsx")
subprocess.run([caqes, "run", "tests/golden/_shared/rules.caqes", "--data", "tests/golden/run_csv_neutralised/data",
                "--year", "2022", "--format", "xlsx", "--output", small], check=True, env=env)
ws = openpyxl.load_workbook(small)["Résultats"]
# The data: 090476856 is named "=1+2", 310000002 "-2+3", 310000003 "@SOMME(A1)"; ambulance rows come first.
got = [(r[0].value, r[0].data_type, r[1].value, r[1].data_type) for r in ws.iter_rows(min_row=2, max_row=4)]
expect(got == [("090476856", "s", "'=1+2", "s"), ("310000002", "s", "'-2+3", "s"), ("310000003", "s", "'@SOMME(A1)", "s")],
       f"neutralised names: {got}")

if failures:
    print(f"{len(failures)} failure(s):")
    for f in failures[:30]:
        print("  " + f)
    sys.exit(1)
print(f"workbook ok: {len(data)} results, {len(totals)} signing entities, FINESS with a leading 0: {zero_seen}")
