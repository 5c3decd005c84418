#!/usr/bin/env python3
"""Synthetic regional extracts at scale, for benchmarking `caqes run rules/caqes-2022` (bench/run).

Usage (from the repository root; Python 3.8+, standard library only):

    python3 bench/generate.py --rows 1000000              # writes bench/data/rows-1000000-seed-1/
    python3 bench/generate.py --rows 50000 --seed 7 --out /tmp/d
    python3 bench/generate.py --rows 5000000 --rules bench/one-table --out /tmp/s   # séjours.csv alone

It writes one CSV per table that `caqes schema RULES --format json` declares (--rules, by default rules/caqes-2022;
bench/one-table declares only the establishments and séjours, so only séjours.csv is generated, the same file as
in the whole extract of the same --rows and --seed: each table has its own stream of draws):

- the per-establishment tables ('par établissement', 'par établissement et année') are copied from
  examples/occitanie (the same 85 FINESS numbers), and so is `unités_de_soins` (row-level, but one line per care
  unit: it does not grow with the number of stays);
- the row-level tables are generated for the same 85 establishments, years 2019 to 2024:
  `séjours` (exactly --rows lines), `phev` (2.5 lines per stay), `interventions` (0.25 per stay, MCO only),
  `biologie` (about 5.2 lab acts per intervention, so about 1.3 per stay) and `hospitalisations_ic` (about 0.05 per
  stay, MCO only; a readmission may fall in the next year, up to 2025). The exact counts are in manifest.json.

Throughput: 0.5 to 1 million lines per second on one core (10 M stays: 51 M lines, 2.3 GB, 53 s).

The CSV conventions are those of examples/: ';' separator, UTF-8, decimal comma, oui/non, empty cell = missing.
Lines are grouped by establishment (and by year for séjours and phev), the way regional extracts usually come.
The draws are seeded (--seed): the same arguments write byte-identical files. Nothing here is real data.

The generator stops with an error if the rules declare a row-level table it does not know how to make, or if the
columns of a table it makes differ from the schema, so that a change of the rules cannot go unnoticed.
"""

import argparse
import datetime
import hashlib
import json
import math
import os
import random
import shutil
import subprocess
import sys
import time
from itertools import repeat
from operator import add

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

YEARS = [2019, 2020, 2021, 2022, 2023, 2024]
PHEV_PER_STAY = 2.5
INTERVENTIONS_PER_STAY = 0.25
IC_PER_STAY = 0.05

# The columns this generator writes, checked against `caqes schema`.
COLUMNS = {
    "séjours": ["finess", "année", "champ", "mode", "activité", "domaine", "ga", "durée"],
    "phev": ["finess", "année", "classe", "patient", "ucd", "boîtes", "montant"],
    "interventions": ["finess", "année", "patient", "date", "âge", "risque_hémorragique", "ghm", "geste", "anesthésie"],
    "biologie": ["finess", "année", "patient", "date", "nabm", "montant"],
    "hospitalisations_ic": ["finess", "année", "patient", "âge", "entrée", "sortie", "décès", "montant"],
}
# Row-level tables that do not scale with the stays: copied from the examples.
COPIED_ROW_TABLES = {"unités_de_soins"}

CHUNK = 200_000  # lines per write


def euros(cents):
    return "%d,%02d" % (cents // 100, cents % 100) if cents >= 0 else "-" + euros(-cents)


def apportion(total, weights):
    """Integers proportional to weights, summing exactly to total (largest remainder)."""
    total = int(total)
    s = float(sum(weights))
    if total <= 0 or s <= 0:
        return [0] * len(weights)
    raw = [total * w / s for w in weights]
    parts = [int(math.floor(r)) for r in raw]
    left = total - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: (raw[i] - parts[i], -i), reverse=True)
    for i in order[:left]:
        parts[i] += 1
    return parts


class Writer:
    """Buffers lines and writes them in big chunks."""

    def __init__(self, path, header):
        self.f = open(path, "w", encoding="utf-8", newline="")
        self.f.write(";".join(header) + "\n")
        self.buf = []
        self.pending = 0
        self.lines = 0

    def extend(self, lines, n):
        self.buf.append("".join(lines))
        self.pending += n
        self.lines += n
        if self.pending >= CHUNK:
            self.flush()

    def flush(self):
        if self.buf:
            self.f.write("".join(self.buf))
            self.buf = []
            self.pending = 0

    def close(self):
        self.flush()
        self.f.close()


# ---------------------------------------------------------------------------------------------------------------
# Dates: ISO strings by day number, day 0 = 2018-01-01.

DAY0 = datetime.date(2018, 1, 1)
ISO = [(DAY0 + datetime.timedelta(days=i)).isoformat() for i in range(366 * 9)]
YEAR_OF_DAY = [int(s[:4]) for s in ISO]


def day_of(y, m=1, d=1):
    return (datetime.date(y, m, d) - DAY0).days


# ---------------------------------------------------------------------------------------------------------------
# Establishments.


class Establishment:
    def __init__(self, index, finess, category, statut, chu, rng):
        self.index = index
        self.finess = finess
        self.category = category
        self.statut = statut
        self.chu = chu
        self.size = rng.lognormvariate(0.0, 0.7) * (3.0 if chu else 1.0)
        self.drift = rng.uniform(0.94, 1.06)  # activity from one year to the next

    def year_weights(self):
        return [self.drift ** i for i in range(len(YEARS))]


def read_establishments(path, rng):
    out = []
    with open(path, encoding="utf-8-sig") as f:
        header = f.readline().rstrip("\n").split(";")
        col = {name: i for i, name in enumerate(header)}
        for line in f:
            cells = line.rstrip("\n").split(";")
            if len(cells) < len(header):
                continue
            out.append(Establishment(len(out), cells[col["finess"]], cells[col["catégorie"]], cells[col["statut"]],
                                     cells[col["chu"]] == "oui", rng))
    return out


# ---------------------------------------------------------------------------------------------------------------
# séjours


def domain_ga(d):
    gas = ["G%03d" % (((d - 1) * 35 + j) % 999 + 1) for j in range(8)]
    if d == 15:
        gas.append("G129")  # circoncisions, excluded from D15
    if d == 19:
        gas.append("G212")  # nouveau-nés, excluded from D19
    return gas


def gen_sejours(path, estabs, rows, rng):
    w = Writer(path, COLUMNS["séjours"])
    factor = {"MCO": 1.0, "SSR": 0.45, "PSY": 0.4, "HAD": 0.25, "DIALYSE": 0.0}
    per_e = apportion(rows, [e.size * factor[e.category] for e in estabs])
    durations_hc = [str(k) + "\n" for k in range(1, 41)]
    dur_w = [math.exp(-k / 4.5) for k in range(1, 41)]
    dur_cw = cumulative(dur_w)
    long_dur = [str(k) + "\n" for k in range(1, 91)]
    long_cw = cumulative([math.exp(-k / 25.0) for k in range(1, 91)])
    for e in estabs:
        if per_e[e.index] == 0:
            continue
        per_y = apportion(per_e[e.index], e.year_weights())
        if e.category == "MCO":
            surgical = e.statut == "privé" and rng.random() < 0.6
            p_med = rng.uniform(0.05, 0.2) if surgical else rng.uniform(0.25, 0.6)
            acts = [("médecine", p_med), ("chirurgie", 0.8 - p_med), ("obstétrique", 0.1), ("séances", 0.1)]
            dom_w = [rng.lognormvariate(0.0, 0.8) for _ in range(28)]
            combos, weights = [], []
            for act, pa in acts:
                for d in range(1, 29):
                    gas = domain_ga(d)
                    for ga in gas:
                        combos.append("%s;D%02d;%s;" % (act, d, ga))
                        weights.append(pa * dom_w[d - 1] / len(gas))
            cw = cumulative(weights)
            p_hc = rng.uniform(0.45, 0.8)
            p_other = 0.08  # SSR / PSY stays of an MCO establishment
        for y, n in zip(YEARS, per_y):
            if n == 0:
                continue
            prefix = "%s;%d;" % (e.finess, y)
            if e.category == "MCO":
                n_other = int(round(n * p_other))
                n_hc = int(round((n - n_other) * p_hc))
                n_hp = n - n_other - n_hc
                hc = [prefix + "MCO;HC;" + c for c in combos]
                hp = [prefix + "MCO;HP;" + c + "0\n" for c in combos]
                lines = map(add, rng.choices(hc, cum_weights=cw, k=n_hc), rng.choices(durations_hc, cum_weights=dur_cw, k=n_hc))
                w.extend(lines, n_hc)
                w.extend(rng.choices(hp, cum_weights=cw, k=n_hp), n_hp)
                others = [prefix + "SSR;HC;;;;", prefix + "PSY;HC;;;;"]
                w.extend(map(add, rng.choices(others, k=n_other), rng.choices(long_dur, cum_weights=long_cw, k=n_other)), n_other)
            else:
                champ = e.category
                heads = [prefix + champ + ";HC;;;;", prefix + champ + ";HP;;;;"]
                w.extend(map(add, rng.choices(heads, cum_weights=[0.7, 1.0], k=n), rng.choices(long_dur, cum_weights=long_cw, k=n)), n)
    w.close()
    return w.lines


def cumulative(weights):
    out, s = [], 0.0
    for x in weights:
        s += x
        out.append(s)
    return out


# ---------------------------------------------------------------------------------------------------------------
# phev

# class: (share of lines, mean amount €, units per box, sigma of the establishment factor on the share)
PHEV_CLASSES = {
    "EZETIMIBE": (0.03, 38.0, 30, 0.8),
    "STATINE": (0.25, 14.0, 30, 0.3),
    "IEC": (0.12, 9.0, 30, 0.3),
    "ARA2": (0.10, 17.0, 30, 0.4),
    "IPP": (0.22, 11.0, 28, 0.4),
    "PERFADOM_GRA": (0.02, 240.0, 1, 0.6),
    "PERFADOM_DIF": (0.04, 170.0, 1, 0.6),
    "PERFADOM_PSE": (0.02, 290.0, 1, 0.6),
    "PANSEMENT": (0.12, 55.0, 10, 0.4),
}


def patient_id(e_index, k):
    # injective in k for a given establishment (the multiplier is odd)
    return "%08x" % ((e_index * 2654435761 + k * 40503 + 12345) & 0xFFFFFFFF)


def gen_phev(path, estabs, total, rng):
    w = Writer(path, COLUMNS["phev"])
    # Like the examples: one PSY and one dialysis centre have no PHEV line.
    skip = set()
    for cat in ("PSY", "DIALYSE"):
        cands = [e.index for e in estabs if e.category == cat]
        if cands:
            skip.add(cands[0])
    blocks = []  # (e, year index, class, weight)
    for e in estabs:
        if e.index in skip:
            continue
        for c, (share, _, _, sigma) in PHEV_CLASSES.items():
            f = share * rng.lognormvariate(0.0, sigma)
            for i, yw in enumerate(e.year_weights()):
                trend = rng.uniform(0.85, 1.15)
                blocks.append((e, i, c, e.size * f * yw * trend))
    counts = apportion(total, [b[3] for b in blocks])
    per_ec = {}
    for b, n in zip(blocks, counts):
        per_ec[(b[0].index, b[2])] = per_ec.get((b[0].index, b[2]), 0) + n
    tails = {}
    pools = {}
    for e in estabs:
        if e.index in skip:
            continue
        for c, (_, mean, units, _) in PHEV_CLASSES.items():
            scale = mean * rng.lognormvariate(0.0, 0.35)
            zero = c.startswith("PERFADOM") or c == "PANSEMENT"
            t = []
            for _ in range(64):
                boxes = rng.choice([1, 1, 1, 2, 2, 3, 4, 6])
                cents = int(round(scale * boxes * rng.lognormvariate(0.0, 0.4) * 100))
                if zero and rng.random() < 0.02:
                    cents = 0
                t.append(";%d;%d;%s\n" % (boxes * units, boxes, euros(cents)))
            tails[(e.index, c)] = t
            size = max(20, per_ec.get((e.index, c), 0) // 3)
            base = (e.index * 16 + list(PHEV_CLASSES).index(c)) * 10_000_000
            pools[(e.index, c)] = [patient_id(e.index, base + k) for k in range(size)]
    # write grouped by establishment and year
    order = sorted(range(len(blocks)), key=lambda j: (blocks[j][0].index, blocks[j][1]))
    for j in order:
        e, i, c, _ = blocks[j]
        n = counts[j]
        if n == 0:
            continue
        prefix = "%s;%d;%s;" % (e.finess, YEARS[i], c)
        pats = rng.choices(pools[(e.index, c)], k=n)
        tl = rng.choices(tails[(e.index, c)], k=n)
        w.extend(map(add, map(add, repeat(prefix, n), pats), tl), n)
    w.close()
    return w.lines


# ---------------------------------------------------------------------------------------------------------------
# hospitalisations_ic


def gen_ic(path, estabs, total, rng):
    w = Writer(path, COLUMNS["hospitalisations_ic"])
    mco = [e for e in estabs if e.category == "MCO"]
    blocks = [(e, i) for e in mco for i in range(len(YEARS))]
    counts = apportion(total, [e.size * e.year_weights()[i] for e, i in blocks])
    last_day = day_of(2026) - 1
    for (e, i), n in zip(blocks, counts):
        y = YEARS[i]
        if i == 0:
            e.ic_readmit = rng.uniform(0.5, 1.6)
        start, end = day_of(y), day_of(y + 1) - 1
        out = []
        made = 0
        k = 0
        while made < n:
            k += 1
            pid = "IC%02d%d%06d" % (e.index, y % 100, k)
            r = rng.random() / e.ic_readmit
            stays = 1 if r > 0.42 else 2 if r > 0.18 else 3 if r > 0.07 else 4
            age = rng.randint(30, 39) if rng.random() < 0.08 else rng.randint(40, 99)
            entry = rng.randint(start, end)
            rows = []
            for s in range(stays):
                if entry > last_day:
                    break
                exit_ = min(entry + rng.randint(1, 15), last_day)
                rows.append((entry, exit_, int(rng.lognormvariate(8.4, 0.5) * 100)))
                gap = 0 if rng.random() < 0.05 else int(rng.expovariate(1 / 55.0)) + 1
                entry = exit_ + gap
            death = ""
            if rng.random() < 0.10:
                death = ISO[min(rows[-1][1] + rng.randint(0, 200), last_day)]
            for entry_, exit_, cents in rows:
                out.append("%s;%d;%s;%d;%s;%s;%s;%s\n" % (e.finess, YEAR_OF_DAY[entry_], pid, age, ISO[entry_], ISO[exit_],
                                                          death, euros(cents)))
            made += len(rows)
        w.extend(out, len(out))
    w.close()
    return w.lines


# ---------------------------------------------------------------------------------------------------------------
# interventions and biologie

GHM = [  # (ghm, weight)
    ("01C04J", 3), ("02C05J", 6), ("05C09Z", 2), ("06C04T", 4), ("07C14J", 5), ("08C24J", 8), ("08C48Z", 3),
    ("09C05J", 4), ("10C13Z", 2), ("12C11J", 2), ("13C03J", 3), ("14C04Z", 4), ("14C08J", 2), ("03C10J", 2),
    ("03K02J", 4), ("06K02Z", 6), ("06K04J", 8), ("04K02J", 2), ("11K07Z", 2), ("05M09T", 2), ("06M12Z", 2),
]
GESTES = [("AMYG", 0.08), ("CHOL", 0.05), ("THYR", 0.03), ("DISQ", 0.03), ("SEIN", 0.04), ("MINEURE", 0.12),
          ("AUTRE", 0.65)]
# NABM code: reimbursed amount (cents)
NABM = {"1104": 702, "0126": 432, "1127": 540, "1140": 1080, "1145": 972, "1141": 1215, "1609": 378, "1610": 648,
        "0552": 270, "1207": 810, "0593": 189, "1208": 1620, "0996": 945}
NOISE = list(NABM)


def gen_epa(path_i, path_b, estabs, total, rng):
    wi = Writer(path_i, COLUMNS["interventions"])
    wb = Writer(path_b, COLUMNS["biologie"])
    mco = [e for e in estabs if e.category == "MCO"]
    blocks = [(e, i) for e in mco for i in range(len(YEARS))]
    counts = apportion(total, [e.size * e.year_weights()[i] for e, i in blocks])
    ghm_list = [g for g, _ in GHM]
    ghm_cw = cumulative([wt for _, wt in GHM])
    geste_list = [g for g, _ in GESTES]
    geste_cw = cumulative([wt for _, wt in GESTES])
    bio_tail = {code: [";%s;%s\n" % (code, euros(c)), ";%s;%s\n" % (code, euros(c * 7 // 10))] for code, c in NABM.items()}
    bilans = {"enfant": ["1104", "0126", "1127"], "adulte": ["0126", "1127"], "sang": ["1140", "1145", "1141"]}
    for (e, i), n in zip(blocks, counts):
        if n == 0:
            continue
        y = YEARS[i]
        if i == 0:
            e.epa_practice = rng.uniform(0.05, 0.7)
        start, end = day_of(y), day_of(y + 1) - 1
        pool = max(1, int(n * 0.9))
        pids = ["OP%02d%d%07d" % (e.index, y % 100, k) for k in range(pool)]
        ghms = rng.choices(ghm_list, cum_weights=ghm_cw, k=n)
        gestes = rng.choices(geste_list, cum_weights=geste_cw, k=n)
        iout, bout = [], []
        head = e.finess + ";"
        for j in range(n):
            pid = pids[rng.randrange(pool)]
            day = rng.randint(start, end)
            geste = gestes[j]
            r = rng.random()
            if geste == "AMYG":
                age = rng.randint(2, 17) if r < 0.9 else rng.randint(0, 1) if r < 0.95 else rng.randint(18, 40)
                ghm = "03C10J"
            else:
                age = rng.randint(18, 95) if r < 0.98 else rng.randint(10, 17)
                ghm = ghms[j]
            risk = rng.random() < 0.1
            anest = rng.random() < 0.85
            iout.append("%s%d;%s;%s;%d;%s;%s;%s;%s\n" % (head, y, pid, ISO[day], age, "oui" if risk else "non", ghm,
                                                        geste, "oui" if anest else "non"))
            # lab acts of this patient around the intervention
            acts = []
            if rng.random() < e.epa_practice:
                if geste == "AMYG":
                    codes = bilans["enfant"] if age < 18 else bilans["adulte"]
                elif geste in ("CHOL", "THYR", "DISQ", "SEIN"):
                    codes = bilans["sang"]
                elif geste == "MINEURE":
                    codes = [rng.choice(["1609", "1610"])]
                else:
                    codes = bilans["adulte"]
                before = rng.randint(0, 30) if rng.random() < 0.85 else rng.randint(31, 45)
                for code in codes:
                    if rng.random() < 0.93:  # sometimes one exam of the bilan is missing
                        acts.append((day - before - (1 if rng.random() < 0.1 else 0), code))
            for _ in range(rng.randint(0, 9)):
                acts.append((day + rng.randint(-40, 20), NOISE[rng.randrange(len(NOISE))]))
            # Filed under the year of the intervention they are attached to (rules/caqes-2021/epa.caqes): an exam
            # of late December before a January intervention is in the next year's extract.
            for d, code in acts:
                bout.append("%s%d;%s;%s%s" % (head, y, pid, ISO[d], bio_tail[code][rng.random() < 0.2]))
        wi.extend(iout, len(iout))
        wb.extend(bout, len(bout))
    wi.close()
    wb.close()
    return wi.lines, wb.lines


# ---------------------------------------------------------------------------------------------------------------


def find_caqes():
    for b in ("build-bench", "build"):
        p = os.path.join(ROOT, b, "caqes")
        if os.path.exists(p):
            return p
    sys.exit("generate.py: no caqes binary found (build it, or pass --caqes)")


def read_schema(caqes, rules):
    out = subprocess.run([caqes, "schema", rules, "--format", "json"], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("generate.py: `caqes schema %s` failed:\n%s" % (rules, out.stderr))
    return json.loads(out.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000, help="number of stays (lines of séjours.csv)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", help="output folder (default bench/data/rows-N-seed-S)")
    ap.add_argument("--rules", default=os.path.join(ROOT, "rules", "caqes-2022"))
    ap.add_argument("--examples", default=os.path.join(ROOT, "examples", "occitanie"))
    ap.add_argument("--caqes", help="the caqes binary (default build-bench/caqes or build/caqes)")
    args = ap.parse_args()
    out = args.out or os.path.join(HERE, "data", "rows-%d-seed-%d" % (args.rows, args.seed))
    caqes = args.caqes or find_caqes()
    schema = read_schema(caqes, args.rules)

    t0 = time.time()
    tmp = out + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    rng = random.Random(args.seed)
    estabs = read_establishments(os.path.join(args.examples, "établissements.csv"), rng)

    todo = {}
    for t in schema["tables"]:
        name, key = t["name"], t["key"]
        cols = [c["name"] for c in t["columns"]]
        if key.startswith("par ligne") and name not in COPIED_ROW_TABLES:
            if name not in COLUMNS:
                sys.exit("generate.py: the rules declare the row-level table '%s', which this generator does not make" % name)
            if sorted(cols) != sorted(COLUMNS[name]):
                sys.exit("generate.py: table %s: the rules declare columns %s, the generator writes %s" % (name, cols, COLUMNS[name]))
            todo[name] = t["file"]
        else:
            src = os.path.join(args.examples, t["file"])
            if not os.path.exists(src):
                sys.exit("generate.py: %s is not in %s" % (t["file"], args.examples))
            shutil.copyfile(src, os.path.join(tmp, t["file"]))

    counts = {}
    # Each table gets its own stream of draws, so that adding a table leaves the others as they were.
    def sub_rng(name):
        return random.Random("%d/%s" % (args.seed, name))

    timings = {}
    for name in ("séjours", "phev", "hospitalisations_ic", "interventions"):
        if name not in todo:
            continue
        t1 = time.time()
        path = os.path.join(tmp, todo[name])
        if name == "séjours":
            counts[name] = gen_sejours(path, estabs, args.rows, sub_rng(name))
        elif name == "phev":
            counts[name] = gen_phev(path, estabs, int(round(args.rows * PHEV_PER_STAY)), sub_rng(name))
        elif name == "hospitalisations_ic":
            counts[name] = gen_ic(path, estabs, int(round(args.rows * IC_PER_STAY)), sub_rng(name))
        elif name == "interventions":
            if "biologie" not in todo:
                sys.exit("generate.py: the rules declare interventions without biologie")
            counts["interventions"], counts["biologie"] = gen_epa(
                path, os.path.join(tmp, todo["biologie"]), estabs, int(round(args.rows * INTERVENTIONS_PER_STAY)),
                sub_rng(name))
        timings[name] = round(time.time() - t1, 2)
    missing = set(todo) - set(counts)
    if missing:
        sys.exit("generate.py: not generated: %s" % sorted(missing))

    elapsed = time.time() - t0
    total = sum(counts.values())
    size = sum(os.path.getsize(os.path.join(tmp, f)) for f in os.listdir(tmp))
    manifest = {
        "rows": args.rows,
        "seed": args.seed,
        "lines": counts,
        "total_generated_lines": total,
        "bytes": size,
        "seconds": round(elapsed, 2),
        "seconds_per_table": timings,
        "generator_sha256": hashlib.sha256(open(__file__, "rb").read()).hexdigest(),
    }
    with open(os.path.join(tmp, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
    shutil.rmtree(out, ignore_errors=True)
    os.rename(tmp, out)
    print("generate.py: %s: %s lines (%s) in %.1f s, %.0f lines/s, %.0f MB" % (
        out, total, ", ".join("%s %d" % kv for kv in counts.items()), elapsed, total / max(elapsed, 1e-9), size / 1e6),
        file=sys.stderr)
    print(out)


if __name__ == "__main__":
    main()
