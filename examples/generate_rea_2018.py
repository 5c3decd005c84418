#!/usr/bin/env python3
"""Generate the synthetic dataset of examples/rea-2018/ (CAQES volet socle: annual report scoring, 2018 and 2019).

Usage (from the repository root, Python 3.8+, standard library only):

    python3 examples/generate_rea_2018.py                  # rewrites examples/rea-2018/*.csv
    python3 examples/generate_rea_2018.py --out /tmp/rea   # somewhere else
    python3 examples/generate_rea_2018.py --roles          # also print each establishment's designed role

then run the rules on it:

    ./build/caqes run rules/rea-2018 --data examples/rea-2018

Everything is invented: establishments, FINESS numbers, names, scores. The generator is seeded (SEED below), so
running it twice writes byte-identical files. It writes the two tables of rules/rea-2018 (`caqes schema
rules/rea-2018`) the way French extracts are written: ';' separator, UTF-8, decimal comma.

How the data is built: 40 establishments of the five main categories (MCO 14, SSR 12, PSY 5, HAD 5, DIALYSE 4)
each get an attainment level drawn around the mean of their category in the seed (MCO 78 %, SSR 69 %, PSY 73 %,
HAD 78 %, Dialyse 49 %), or a role (near the top, under the target, exactly at the target, no report). The
criteria of the report grid that apply to the category then get 0, half or all of their points so that the points
obtained are that level of the points possible, to the half point. The 2019 reports move a few points from 2018.
"""

import argparse
import os
import random
from fractions import Fraction

SEED = 20180615
YEARS = [2018, 2019]
TARGET = {"MCO": Fraction(65, 100), "SSR": Fraction(60, 100), "PSY": Fraction(60, 100), "HAD": Fraction(50, 100),
          "DIALYSE": Fraction(40, 100)}
MEAN = {"MCO": 0.78, "SSR": 0.69, "PSY": 0.73, "HAD": 0.78, "DIALYSE": 0.49}

# The report grid: (chapter, criterion number, points, categories it applies to). Numbers and points follow what the
# seed names (n°40-41 DMI traceability, 57 clinical pharmacy, 58-59 antibiotics "4 points", 60 RCP, 73 generics in
# PHEV "1 point", 76-79 liste en sus "8 points", 80 argumentation "4 points", 84, 86, 87 HAD); the others are
# invented to fill the chapters.
ALL = ("MCO", "SSR", "PSY", "HAD", "DIALYSE")
GRID = [
    ("10-1", 1, 2, ALL), ("10-1", 2, 1, ALL), ("10-1", 5, 2, ALL), ("10-1", 8, 1, ALL), ("10-1", 12, 2, ALL),
    ("10-1", 15, 1, ALL), ("10-1", 20, 2, ALL), ("10-1", 25, 1, ALL), ("10-1", 30, 2, ALL),
    ("10-1", 35, 1, ("MCO", "SSR", "PSY", "DIALYSE")), ("10-1", 40, 1, ("MCO",)), ("10-1", 41, 1, ("MCO",)),
    ("10-2", 45, 1, ALL), ("10-2", 50, 2, ALL), ("10-2", 55, 1, ALL), ("10-2", 57, 2, ALL), ("10-2", 58, 2, ALL),
    ("10-2", 59, 2, ALL), ("10-2", 60, 2, ("MCO",)), ("10-2", 62, 1, ALL), ("10-2", 65, 1, ALL),
    ("10-3", 67, 2, ALL), ("10-3", 68, 1, ALL), ("10-3", 70, 2, ("MCO", "SSR", "DIALYSE")),
    ("10-4", 72, 2, ALL), ("10-4", 73, 1, ALL),
    ("10-5", 76, 2, ("MCO", "HAD")), ("10-5", 77, 2, ("MCO", "HAD")), ("10-5", 78, 2, ("MCO",)),
    ("10-5", 79, 2, ("MCO",)),
    ("10-6", 80, 4, ALL),
    ("HAD-10-1", 81, 2, ("HAD",)), ("HAD-10-1", 82, 1, ("HAD",)), ("HAD-10-1", 83, 2, ("HAD",)),
    ("HAD-10-1", 84, 1, ("HAD",)), ("HAD-10-1", 85, 1, ("HAD",)), ("HAD-10-1", 86, 1, ("HAD",)),
    ("HAD-10-1", 87, 1, ("HAD",)),
    ("HAD-10-2", 88, 2, ("HAD",)), ("HAD-10-2", 89, 1, ("HAD",)),
]

# (category, role): None = drawn around the category mean; "low" = under the target; "exact" = exactly at the
# target in 2018; "noreport" = no report in 2018 (the seed: "2 REA non reçus"); "high" = near the top.
SPECS = (
    [("MCO", r) for r in ("high", "high", None, None, None, None, None, None, None, "exact", "low", "low",
                          "noreport", None)]
    + [("SSR", r) for r in ("high", None, None, None, None, None, None, "exact", "low", "low", "low", None)]
    + [("PSY", r) for r in ("high", None, None, "low", "noreport")]
    + [("HAD", r) for r in ("high", None, None, None, "exact")]
    + [("DIALYSE", r) for r in (None, None, "low", "high")]
)
DEPTS = ["14", "27", "50", "61", "76"]
TOWNS = [
    "Saint-Aubin-sur-Dives", "Bréville-les-Marais", "Coutainville-le-Bocage", "Falaise-la-Haute", "Pont-l'Orne",
    "Villers-sur-Touques", "Sainte-Mère-des-Haies", "Honfleur-la-Vallée", "Lessay-les-Landes", "Gacé-le-Vieux",
    "Argences-sur-Laize", "Bernay-les-Prés", "Étretat-le-Plateau", "Yvetot-les-Clos", "Vire-la-Source",
    "Carentan-les-Prairies", "Mortagne-en-Perche-Basse", "Louviers-Saint-Ouen", "Fécamp-les-Falaises",
    "Neufchâtel-sur-Béthune", "Domfront-le-Château", "Valognes-les-Landes", "Lisieux-la-Touques", "Évrecy-le-Bourg",
    "Caudebec-la-Seine", "Pont-Audemer-les-Moulins", "Granville-la-Baie", "Bayeux-les-Tapis", "Flers-sur-Vère",
    "Saint-Lô-la-Vire", "Gisors-le-Vexin", "Dieppe-les-Galets", "Avranches-la-Baie", "Conches-en-Ouche-Basse",
    "Alençon-la-Dentelle", "Vimoutiers-le-Pays", "Barentin-les-Côtes", "Coutances-les-Haies", "Aumale-sur-Bresle",
    "Verneuil-sur-Avre-Haute",
]
NAMES = {
    "MCO": "Centre hospitalier {de}", "SSR": "Centre de soins de suite {de}", "PSY": "Centre de santé mentale {de}",
    "HAD": "Hospitalisation à domicile {de}", "DIALYSE": "Centre de dialyse {de}",
}


def de(town):
    return ("d'" if town[0] in "AEIOUYÉÈ" else "de ") + town


def points_text(x):
    """A number of points with a decimal comma: 2, 1,5, 0."""
    x = Fraction(x)
    if x.denominator == 1:
        return str(x.numerator)
    assert x.denominator == 2, x
    return "%d,5" % (x.numerator // 2)


def score_criteria(rng, criteria, level):
    """Points obtained per criterion (0, half or all of its points), adding up to the attainment level of the points
    possible, to the nearest half point: the criteria are taken in a random order and each gets all its points while
    the total allows, then what is left."""
    possible = sum(Fraction(c[2]) for c in criteria)
    left = Fraction(round(float(possible) * level * 2), 2)
    order = list(range(len(criteria)))
    rng.shuffle(order)
    got = [Fraction(0)] * len(criteria)
    for k in order:
        points = Fraction(criteria[k][2])
        give = min(points, left)
        if give < points and rng.random() < 0.5:
            give = min(give, points / 2)  # a half-scored criterion now and then, the rest goes further on
        got[k] = give
        left -= give
    for k in order:  # whatever is left fills the criteria not yet full
        give = min(Fraction(criteria[k][2]) - got[k], left)
        got[k] += give
        left -= give
    assert left == 0
    return got


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--out", default=os.path.join(here, "rea-2018"), help="output directory")
    parser.add_argument("--seed", type=int, default=SEED, help="random seed (default %(default)s)")
    parser.add_argument("--roles", action="store_true", help="also print each establishment's designed role")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)

    towns = list(TOWNS)
    rng.shuffle(towns)
    used = set()
    etabs = []
    for i, (category, role) in enumerate(SPECS):
        while True:
            finess = rng.choice(DEPTS) + "0" + "%06d" % rng.randint(1, 999999)
            if finess not in used:
                used.add(finess)
                break
        name = NAMES[category].replace("{de}", de(towns[i])) + " (synthétique)"
        etabs.append((finess, name, category, role))

    crit_rows = []
    for finess, name, category, role in etabs:
        criteria = [c for c in GRID if category in c[3]]
        if role == "exact":
            # the exact target must be a whole number of half points: leave out (not applicable) 1-point criteria
            # until the points possible allow it
            while ((sum(c[2] for c in criteria) * TARGET[category]) * 2).denominator != 1:
                criteria.remove(next(c for c in reversed(criteria) if c[2] == 1))
        target = float(TARGET[category])
        if role == "high":
            level = min(0.97, MEAN[category] + rng.uniform(0.1, 0.16))
        elif role == "low":
            level = rng.uniform(target - 0.14, target - 0.04)
        elif role == "exact":
            level = target  # exactly at the target in 2018 (the points possible allow it): eligible, by a hair
        else:
            level = min(0.95, max(target + 0.02, rng.gauss(MEAN[category], 0.05)))
        for year in YEARS:
            if year == 2018 and role == "noreport":
                continue
            lv = level if year == 2018 else min(0.97, max(0.2, level + rng.uniform(-0.05, 0.05)))
            got = score_criteria(rng, criteria, lv)
            for (chapter, number, points, _), g in zip(criteria, got):
                crit_rows.append([finess, year, chapter, number, points_text(g), points_text(points)])

    with open(os.path.join(args.out, "établissements.csv"), "w", encoding="utf-8", newline="") as out:
        out.write("finess;raison_sociale;catégorie\n")
        for finess, name, category, _ in sorted(etabs):
            out.write("%s;%s;%s\n" % (finess, name, category))
    with open(os.path.join(args.out, "critères.csv"), "w", encoding="utf-8", newline="") as out:
        out.write("finess;année;chapitre;critère;points_obtenus;points_possibles\n")
        for row in sorted(crit_rows, key=lambda r: (r[0], r[1], r[3])):
            out.write(";".join(str(c) for c in row) + "\n")
    print("établissements.csv %4d lignes" % len(etabs))
    print("critères.csv       %4d lignes" % len(crit_rows))
    if args.roles:
        for finess, name, category, role in sorted(etabs):
            print("%s;%s;%s" % (finess, category, role or ""))


if __name__ == "__main__":
    main()
