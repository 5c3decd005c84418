#!/usr/bin/env python3
"""Generate the synthetic Occitanie dataset of examples/occitanie/ (CAQES 2022-2024).

Usage (from the repository root, Python 3.8+, standard library only):

    python3 examples/generate_occitanie.py                 # rewrites examples/occitanie/*.csv
    python3 examples/generate_occitanie.py --out /tmp/occ  # somewhere else
    python3 examples/generate_occitanie.py --seed 7        # another draw (the threshold cases stay)
    python3 examples/generate_occitanie.py --roles         # also print what each establishment was designed for

then run the rules on it:

    ./build/caqes run rules/caqes-2022 --data examples/occitanie

Everything is invented: establishments, FINESS numbers, names, amounts, stays, patients. The generator is seeded
(SEED below) so that running it twice writes byte-identical files. It writes one CSV per table declared by the
rules (`caqes schema rules/caqes-2022`), the way French extracts are written: ';' separator, UTF-8, decimal comma,
booleans oui/non, empty cell = missing datum.

How the data is built: each establishment gets a category, a status, a size tier and, for each indicator, a role
(designed to be targeted, designed not to be, or a threshold case such as exactly 20 % and 400 000 € of ambulance
spend). Per-establishment and per-year totals are drawn around that role; the row-level tables (phev, séjours) are
then split into lines that add up exactly to those totals. Years: 2019 (the reference year of the targeting) and
2021 to 2024 (the contract years 2022-2024 compare N with N-1); séjours only for 2019; the PHEV lines of IEC and
ARA-II also for 2020, for the indicator iec_ara2 of rules/caqes-2021 (2020-2021), the other PHEV classes not.

The tables of the regional indicators of 2022 (autorisations, listes_ars, déclarations_omedit, unités_de_soins,
molécules_onéreuses, transports_vp, activité_chirurgie, had_pertinence), the IEC / ARA-II lines and the dressing
lines of the establishments designed for the regional dressings audit come from a second seeded stream of draws,
so that adding them left the other rows as they were (but for the surgical clinic's liste en sus, now all DMI).

The row-level tables of the heart-failure stays (hospitalisations_ic) and of the pre-anaesthesia exams
(interventions, biologie) come from a third stream. The heart-failure stays follow the per-establishment design the
former extract of counts (ic_séjours, no longer written) was drawn from, scaled down. To keep the folder near 8 MB,
the PHEV lines of the classes whose indicators count no patients (ézétimibe, statins, IPP, IEC, ARA-II) are written
in groups of 16 patients, and only one in three of the 2019 MCO stays that count nowhere is written: both keep every
result of the other indicators as it was.
"""

import argparse
import datetime
import math
import os
import random

SEED = 20220101
YEARS = [2019, 2021, 2022, 2023, 2024]
CONTRACT_YEARS = [2022, 2023, 2024]

# ---------------------------------------------------------------------------------------------------------------
# Formatting helpers (French extract conventions).


def euros(cents):
    """Money from integer cents: 1234,56 (no thousands separator)."""
    sign = "-" if cents < 0 else ""
    cents = abs(int(cents))
    return "%s%d,%02d" % (sign, cents // 100, cents % 100)


def yes_no(flag):
    return "oui" if flag else "non"


def write_table(directory, name, header, rows):
    path = os.path.join(directory, name + ".csv")
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(";".join(header) + "\n")
        for row in rows:
            cells = ["" if cell is None else str(cell) for cell in row]
            for cell in cells:
                assert ";" not in cell and '"' not in cell and "\n" not in cell, cell
            out.write(";".join(cells) + "\n")
    return path


# ---------------------------------------------------------------------------------------------------------------
# Random helpers. All draws go through one random.Random(seed), in a fixed order.


class Draw:
    def __init__(self, seed):
        self.rng = random.Random(seed)

    def uniform(self, a, b):
        return self.rng.uniform(a, b)

    def randint(self, a, b):
        return self.rng.randint(a, b)

    def choice(self, seq):
        return self.rng.choice(seq)

    def chance(self, p):
        return self.rng.random() < p

    def shuffle(self, seq):
        self.rng.shuffle(seq)

    def sample(self, seq, k):
        return self.rng.sample(seq, k)

    def weights(self, n, sigma=0.45):
        return [self.rng.lognormvariate(0.0, sigma) for _ in range(n)]

    def split(self, total, weights, minimum=1):
        """Split the integer `total` into len(weights) integers >= minimum, proportional to weights, exact sum."""
        n = len(weights)
        total = int(total)
        assert total >= n * minimum, (total, n, minimum)
        rest = total - n * minimum
        s = sum(weights)
        raw = [rest * w / s for w in weights]
        parts = [int(math.floor(r)) for r in raw]
        left = rest - sum(parts)
        order = sorted(range(n), key=lambda i: raw[i] - parts[i], reverse=True)
        for i in order[:left]:
            parts[i] += 1
        return [p + minimum for p in parts]

    def trend(self, direction, small=0.02, large=0.14):
        """A year-on-year factor: direction -1 (decrease), +1 (increase) or 0 (either)."""
        if direction == 0:
            direction = -1 if self.chance(0.5) else 1
        return 1.0 + direction * self.uniform(small, large)


D = Draw(SEED)
# A second stream for what was added with the regional indicators of 2022 and the IEC / ARA-II lines, so that adding
# it left every draw of the first stream, and so every row drawn before, unchanged.
D2 = Draw(SEED + 1)
# A third stream for the row-level tables of the heart-failure stays and of the pre-anaesthesia exams (EPA), so that
# adding them left the two streams above, and so every row drawn before, unchanged.
D3 = Draw(SEED + 2)

# ---------------------------------------------------------------------------------------------------------------
# Establishments.
#
# Roles per indicator (the key of the dicts below):
#   conc  conciliation: reach / miss / exact (reaches its 2022 target exactly) / nodecl (no 2023 declaration) /
#         b1000 (exactly 1 000 stays, 100 in medicine: targeted) / b999 / les500k (liste en sus exactly 500 000 €) /
#         dmi_missing (2019 DMI spend missing) / surg (surgical clinic, < 100 medicine stays) / None (small)
#   tr    transport: T / b20 (exactly 20 % and 400 000 €) / b399 (399 999,99 €) / low (share < 20 %) / None
#   ez    ézétimibe: T / b9 (exactly 9 % of UCD) / b20k (exactly 20 000 €) / n89 (8,9 %) / None
#   ipp   T / b8500 / b8499 / None
#   perf  T / b80 (exactly 80 % and 100 000 €) / n95k (95 % but 95 000 €) / n78 (78 %, 300 000 €) / None
#   pans  T (mean per patient far above the category) / b100 (same, exactly 100 patients) / None
#   ic    T (high rehospitalisation rate) / b10 (high rate, exactly 10 rehospitalisations) / miss23 / None
# and, in EXTRA_ROLES below, for the IEC / ARA-II lines and the regional indicators of 2022:
#   iec        IEC vs ARA-II (rules/caqes-2021): T / b40 (exactly 40 % of UCD and 20 000 €) / n39 (39 %) /
#              n19k (19 999,99 €)
#   pans_aapp  AAPP pansements: T (over 1 000 patients and 50 000 €) / b1000 (exactly 1 000 patients and
#              50 000,00 €) / n999 (999 patients)
#   chimio     authorised for chemotherapy          had_svc  has an HAD service
#   ambu       on the ARS list of day-surgery potential: reach / miss / exact (reaches its 2022 objective exactly)
#   analyse    pharmaceutical analysis: exact80 (exactly 80 % of the beds at level 2 or 3 in 2022); otherwise drawn
#   chimio_had, post_avc, pert_ssr   on the ARS lists of the indicators to be defined for 2023

# (statut, chu, department, tier, roles)
MCO_SPECS = [
    ("public", True, "31", "XL", dict(conc="reach", tr="T", ez="T", ipp="T", perf="T", ic="T")),
    ("public", True, "34", "XL", dict(conc="miss", tr="T", ez="T", ipp="T", perf="T", ic="T")),
    ("public", True, "30", "XL", dict(conc="reach", tr="T", ez="b9", ipp="T", perf="T")),
    ("public", False, "11", "L", dict(conc="reach", tr="T", ipp="T", perf="T", pans="T", ic="T")),
    ("public", False, "66", "L", dict(conc="miss", tr="T", ez="T", ipp="b8500", perf="T", ic="T")),
    ("public", False, "81", "L", dict(conc="exact", tr="T", perf="b80", ic="T")),
    ("public", False, "82", "L", dict(conc="miss", tr="T", ez="n89", perf="n78")),
    ("public", False, "12", "L", dict(conc="nodecl", tr="T", ipp="b8499", pans="T")),
    ("public", False, "65", "L", dict(conc="reach", tr="T", perf="T", ic="T")),
    ("public", False, "34", "L", dict(conc="miss", tr="low", ipp="T", perf="n95k", ic="T")),
    ("public", False, "30", "L", dict(conc="reach", tr="T", ez="b20k", pans="b100")),
    ("public", False, "46", "M", dict(conc="b1000", tr="b20")),
    ("public", False, "09", "M", dict(tr="b399", ic="b10")),
    ("public", False, "48", "S", dict(tr=None)),
    ("public", False, "32", "M", dict(tr="T", ic="T")),
    ("public", False, "09", "S", dict()),
    ("public", False, "12", "S", dict(ic="miss23")),
    ("espic", False, "31", "L", dict(conc="reach", tr="T", pans="T", ic="T")),
    ("espic", False, "34", "L", dict(conc="miss", tr="T", ipp="T", perf="T")),
    ("espic", False, "31", "L", dict(conc="les500k", tr="low")),
    ("espic", False, "66", "S", dict()),
    ("privé", False, "31", "L", dict(conc="reach", tr="priv", ez="T", pans="T")),
    ("privé", False, "31", "L", dict(conc="miss", tr="priv", perf="T")),
    ("privé", False, "34", "L", dict(conc="reach", tr="priv", ic="T")),
    ("privé", False, "34", "L", dict(conc="surg", tr="priv")),
    ("privé", False, "66", "L", dict(conc="miss", pans="T")),
    ("privé", False, "30", "L", dict(conc="b999", tr="priv")),
    ("privé", False, "81", "L", dict(conc="dmi_missing", ic="miss23")),
    ("privé", False, "31", "M", dict()),
    ("privé", False, "31", "M", dict(ic="T")),
    ("privé", False, "34", "M", dict()),
    ("privé", False, "11", "M", dict()),
    ("privé", False, "30", "S", dict()),
    ("privé", False, "65", "S", dict()),
    ("privé", False, "82", "S", dict()),
    ("privé", False, "12", "S", dict()),
    ("privé", False, "46", "S", dict()),
    ("privé", False, "32", "S", dict()),
]

# (category, statut, department, roles); roles: tr as above, pans, no_phev, no_transport, big_les
OTHER_SPECS = [
    # SSR
    ("SSR", "public", "31", dict(tr="T")),
    ("SSR", "public", "34", dict()),
    ("SSR", "public", "81", dict()),
    ("SSR", "public", "48", dict(tr="T")),
    ("SSR", "espic", "31", dict(pans="T")),
    ("SSR", "espic", "34", dict()),
    ("SSR", "espic", "30", dict(no_transport_2023=True)),
    ("SSR", "espic", "66", dict()),
    ("SSR", "espic", "65", dict()),
    ("SSR", "privé", "31", dict(tr="priv")),
    ("SSR", "privé", "31", dict()),
    ("SSR", "privé", "34", dict()),
    ("SSR", "privé", "34", dict()),
    ("SSR", "privé", "11", dict()),
    ("SSR", "privé", "82", dict()),
    ("SSR", "privé", "12", dict()),
    ("SSR", "privé", "32", dict()),
    # PSY
    ("PSY", "public", "31", dict()),
    ("PSY", "public", "34", dict()),
    ("PSY", "public", "48", dict()),
    ("PSY", "public", "11", dict(no_phev=True)),
    ("PSY", "public", "81", dict()),
    ("PSY", "espic", "30", dict()),
    ("PSY", "espic", "66", dict()),
    ("PSY", "privé", "31", dict()),
    ("PSY", "privé", "34", dict()),
    # HAD
    ("HAD", "public", "31", dict(big_les=True)),
    ("HAD", "public", "46", dict(no_transport=True)),
    ("HAD", "public", "09", dict()),
    ("HAD", "espic", "31", dict(pans="T")),
    ("HAD", "espic", "34", dict(big_les=True)),
    ("HAD", "espic", "30", dict()),
    ("HAD", "espic", "12", dict(pans="few")),
    ("HAD", "espic", "65", dict()),
    ("HAD", "privé", "31", dict()),
    ("HAD", "privé", "34", dict()),
    ("HAD", "privé", "66", dict(no_transport=True)),
    ("HAD", "privé", "81", dict()),
    # DIALYSE
    ("DIALYSE", "espic", "31", dict(tr="T")),
    ("DIALYSE", "espic", "34", dict()),
    ("DIALYSE", "espic", "30", dict()),
    ("DIALYSE", "espic", "66", dict(no_phev=True)),
    ("DIALYSE", "privé", "31", dict(tr="priv")),
    ("DIALYSE", "privé", "34", dict(tr="priv")),
    ("DIALYSE", "privé", "11", dict()),
    ("DIALYSE", "privé", "81", dict()),
    ("DIALYSE", "privé", "65", dict()),
]

# Roles for the IEC / ARA-II lines and the regional indicators of 2022, by position in MCO_SPECS (key "MCO", i)
# and OTHER_SPECS (key "OTHER", i). Eleven establishments of "fort potentiel" in day surgery, 4 public or ESPIC and
# 7 private, as in the seed.
EXTRA_ROLES = {
    ("MCO", 0): dict(iec="T", chimio=True, had_svc=True),
    ("MCO", 1): dict(chimio=True, had_svc=True),
    ("MCO", 2): dict(pans_aapp="T", chimio=True),
    ("MCO", 3): dict(iec="T", chimio=True, had_svc=True),
    ("MCO", 4): dict(pans_aapp="b1000", chimio=True),
    ("MCO", 5): dict(iec="b40", chimio=True),
    ("MCO", 6): dict(chimio=True, analyse="exact80"),
    ("MCO", 7): dict(chimio=True),
    ("MCO", 8): dict(chimio=True, had_svc=True, ambu="reach"),
    ("MCO", 9): dict(chimio=True, had_svc=True, ambu="miss"),
    ("MCO", 10): dict(chimio=True),
    ("MCO", 12): dict(post_avc=True),
    ("MCO", 14): dict(ambu="exact"),
    ("MCO", 15): dict(post_avc=True),
    ("MCO", 17): dict(chimio=True),
    ("MCO", 18): dict(iec="n39", pans_aapp="n999", chimio=True),
    ("MCO", 19): dict(ambu="reach"),
    ("MCO", 21): dict(iec="T", chimio=True),
    ("MCO", 22): dict(chimio=True, ambu="reach"),
    ("MCO", 23): dict(iec="n19k", chimio=True),
    ("MCO", 24): dict(ambu="miss"),
    ("MCO", 25): dict(ambu="reach"),
    ("MCO", 26): dict(ambu="miss"),
    ("MCO", 28): dict(ambu="reach"),
    ("MCO", 29): dict(ambu="miss"),
    ("MCO", 30): dict(ambu="reach"),
    ("OTHER", 0): dict(pert_ssr=True),
    ("OTHER", 4): dict(pert_ssr=True),
    ("OTHER", 9): dict(pert_ssr=True),
    ("OTHER", 11): dict(pert_ssr=True),
    ("OTHER", 26): dict(chimio_had=True),
    ("OTHER", 27): dict(chimio_had=True),
    ("OTHER", 28): dict(post_avc=True),
    ("OTHER", 29): dict(chimio_had=True),
    ("OTHER", 30): dict(chimio_had=True),
    ("OTHER", 31): dict(chimio_had=True),
    ("OTHER", 34): dict(chimio_had=True),
    ("OTHER", 35): dict(chimio_had=True),
}

# Roles for the pre-anaesthesia exams (EPA, third stream), by position in MCO_SPECS. Only a few establishments get the
# surgical activity of a real one (over 1 000 stays entering the selection of the four indicators, the national
# pre-targeting): the others get a sample of it, so that the folder stays small.
#   T10k   pre-targeted, avoidable sum above 10 000 €: targeted
#   T5500  pre-targeted, avoidable sum between 5 500 and 10 000 € and most of its exams avoidable: targeted
#   pre    pre-targeted (over 1 000 stays, some useless bilans) but an avoidable sum under 5 500 €: not targeted
#   b1000  exactly 1 000 stays of the selection in 2019 and a large avoidable sum: not pre-targeted ("> 1000")
#   small  a sample of 50 to 220 stays a year          none  the same, without any useless bilan
EPA_ROLES = {
    ("MCO", 24): dict(epa="T10k"),
    ("MCO", 21): dict(epa="T5500"),
    ("MCO", 0): dict(epa="pre"),
    ("MCO", 25): dict(epa="b1000"),
    ("MCO", 1): dict(epa="small"),
    ("MCO", 3): dict(epa="small"),
    ("MCO", 4): dict(epa="small"),
    ("MCO", 8): dict(epa="small"),
    ("MCO", 10): dict(epa="none"),
    ("MCO", 17): dict(epa="small"),
    ("MCO", 22): dict(epa="small"),
    ("MCO", 28): dict(epa="small"),
}

# Invented place names (any likeness to a real commune is chance).
TOWNS = [
    "Saint-Aubin-des-Causses", "Montferrand-sur-Lèze", "Castelbrune", "Villeneuve-de-l'Orb", "Roquefiel",
    "Lavaur-la-Claire", "Sainte-Aurane", "Puylaroque-du-Vent", "Mirabel-en-Cèze", "Cazals-Haut", "Bellegarde-d'Aude",
    "Sauveterre-des-Cévennes", "Montolieu-sur-Garonne", "Peyrefitte-la-Grande", "Saint-Geniès-de-Ribaute",
    "Fontcouverte-du-Roussillon", "Lescure-en-Albigeois", "Castanet-le-Vieux", "Marsillac-sur-Lot", "Aurignac-Plage",
    "Vallon-du-Gers", "Salvetat-sur-Hers", "Pradelles-en-Minervois", "Saint-Jory-des-Vignes", "Lunel-les-Étangs",
    "Roujan-sur-Hérault", "Cabestany-la-Mer", "Laguiole-Plateau", "Figeac-les-Bains", "Lézat-sur-Ariège",
    "Mauvezin-de-Lomagne", "Bagnères-d'Adour", "Marvejols-la-Haute", "Montech-sur-Tarn", "Rivesaltes-les-Oliviers",
    "Gaillac-du-Pont", "Quillan-le-Moulin", "Millau-les-Grands-Causses", "Uzès-la-Garrigue", "Saint-Pons-de-Mauchiens",
]
CLINIC_NAMES = [
    "Clinique du Parc", "Clinique des Cèdres", "Polyclinique du Languedoc-Est", "Clinique Sainte-Odile",
    "Clinique des Tilleuls", "Polyclinique du Val-Garonne", "Clinique du Pic-Saint-Loup", "Clinique des Hauts-Cantons",
    "Clinique Beau-Soleil-Vallée", "Polyclinique des Trois-Rivières", "Clinique du Canal", "Clinique de la Pinède",
    "Clinique des Albères", "Polyclinique du Causse", "Clinique de l'Ormeau", "Clinique Occitane des Remparts",
    "Clinique des Arènes", "Clinique du Mont-Aigoual",
]
# Name patterns per category and status; "{de}" is "de " or "d'" followed by an invented place name.
NAME_PATTERNS = {
    ("MCO", "public"): ["Centre hospitalier {de}", "Centre hospitalier intercommunal {de}"],
    ("MCO", "espic"): ["Hôpital Sainte-Aurélie {de}", "Hôpital Saint-Roch-des-Pins {de}", "Hôpital privé mutualiste {de}",
                       "Hôpital Saint-Vincent-les-Vignes {de}"],
    ("SSR", "public"): ["Centre de rééducation fonctionnelle {de}", "Hôpital de soins de suite {de}"],
    ("SSR", "espic"): ["Centre de réadaptation mutualiste {de}", "Maison de convalescence Sainte-Aurane {de}",
                       "Centre de soins de suite Les Asphodèles {de}"],
    ("SSR", "privé"): ["Clinique SSR Les Genêts {de}", "Clinique de réadaptation Les Micocouliers {de}",
                       "Clinique du Lac {de}", "Clinique de convalescence Les Pins {de}"],
    ("PSY", "public"): ["Centre hospitalier spécialisé {de}", "Établissement public de santé mentale {de}"],
    ("PSY", "espic"): ["Institut de psychiatrie Saint-Jory {de}", "Centre de santé mentale mutualiste {de}"],
    ("PSY", "privé"): ["Clinique psychiatrique Les Oliviers {de}", "Clinique psychiatrique du Ravin {de}"],
    ("HAD", "public"): ["HAD du centre hospitalier {de}", "Hospitalisation à domicile {de}"],
    ("HAD", "espic"): ["Association HAD du pays {de}", "Soins à la maison {de}"],
    ("HAD", "privé"): ["HAD Soins et Domicile {de}", "HAD Occitanie Domicile {de}"],
    ("DIALYSE", "espic"): ["Association pour la dialyse {de}", "Association d'aide aux insuffisants rénaux {de}"],
    ("DIALYSE", "privé"): ["Centre de dialyse {de}", "Unité d'autodialyse {de}"],
}


def de(town):
    return ("d'" if town[0] in "AEIOUYÉÈ" else "de ") + town


class Etab:
    def __init__(self, category, statut, chu, dept, tier, roles):
        self.category = category
        self.statut = statut
        self.chu = chu
        self.dept = dept
        self.tier = tier
        self.roles = roles
        self.finess = None
        self.name = None
        self.patients = []       # pool of pseudonymous patient ids
        self.patient_set = set()
        self.patients2 = []      # the pool of the second stream of draws (D2)
        self.patient_set2 = set()
        self.mo_cents = {}       # liste en sus MO spend per year, as written
        self.transport = {}      # (ambulance, TAP) cents per year, as written (None: missing)
        self.ic = {}             # heart failure per year: (first stays, rehospitalisations, € per rehospitalisation)
        self.patient_set3 = set()  # the patient ids of the third stream (D3)

    def role(self, key):
        return self.roles.get(key)


def make_establishments():
    etabs = []
    for i, (statut, chu, dept, tier, roles) in enumerate(MCO_SPECS):
        etabs.append(Etab("MCO", statut, chu, dept, tier,
                          dict(roles, **EXTRA_ROLES.get(("MCO", i), {}), **EPA_ROLES.get(("MCO", i), {}))))
    for i, (category, statut, dept, roles) in enumerate(OTHER_SPECS):
        etabs.append(Etab(category, statut, False, dept, "M", dict(roles, **EXTRA_ROLES.get(("OTHER", i), {}))))

    used = set()
    towns = list(TOWNS)
    D.shuffle(towns)
    clinics = list(CLINIC_NAMES)
    D.shuffle(clinics)
    chu_names = iter(["Centre hospitalier universitaire Garonne", "Centre hospitalier universitaire Lez-Méditerranée",
                      "Centre hospitalier universitaire Vistre-Costières"])
    town_iter = iter(towns * 3)
    clinic_iter = iter(clinics)
    counters = {}
    for e in etabs:
        while True:
            finess = e.dept + "0" + "%06d" % D.randint(1, 999999)
            if finess not in used:
                used.add(finess)
                e.finess = finess
                break
        if e.chu:
            name = next(chu_names)
        elif e.category == "MCO" and e.statut == "privé":
            name = next(clinic_iter)
        else:
            patterns = NAME_PATTERNS[(e.category, e.statut)]
            k = counters.get((e.category, e.statut), 0)
            counters[(e.category, e.statut)] = k + 1
            name = patterns[k % len(patterns)].replace("{de}", de(next(town_iter)))
        e.name = name + " (synthétique)"
    names = [e.name for e in etabs]
    assert len(set(names)) == len(names), [n for n in names if names.count(n) > 1]
    return etabs


def patients_of(e, n, draw=None):
    """n distinct pseudonymous patient ids of establishment e (drawn from a growing pool, one per stream)."""
    d = draw or D
    pool, seen = (e.patients, e.patient_set) if d is D else (e.patients2, e.patient_set2)
    while len(pool) < n + 40:
        pid = "%08x" % d.rng.getrandbits(32)
        if pid not in seen:
            seen.add(pid)
            pool.append(pid)
    return d.sample(pool, n)


def year_factors(pattern, small=0.02, large=0.14):
    """Multipliers per year, relative to the previous year of YEARS (2021 is relative to 2019).

    pattern: None (each year goes up or down at random) or the signs for 2022, 2023, 2024 (-1 down, +1 up)."""
    factors = {2019: 1.0, 2021: D.trend(0, 0.01, 0.12)}
    for i, y in enumerate(CONTRACT_YEARS):
        factors[y] = D.trend(pattern[i] if pattern else 0, small, large)
    return factors


def cumulate(base, factors):
    out = {}
    value = base
    for y in YEARS:
        value = value * factors[y]
        out[y] = value
    return out


class Alternator:
    """Signs of the yearly change (2022, 2023, 2024) for the establishments designed to be targeted, in turn, so
    that each contract year some of them earn the incentive (spend going down) and some do not."""

    PATTERNS = [(-1, 1, -1), (1, -1, 1), (-1, -1, 1), (1, 1, -1), (-1, 1, 1), (1, -1, -1)]

    def __init__(self):
        self.n = 0

    def next(self):
        pattern = self.PATTERNS[self.n % len(self.PATTERNS)]
        self.n += 1
        return pattern


# ---------------------------------------------------------------------------------------------------------------
# Per-establishment tables.


def gen_liste_en_sus(etabs):
    rows = []
    for e in etabs:
        conc = e.role("conc")
        if e.category == "MCO":
            total = {"XL": D.uniform(18e6, 42e6), "L": D.uniform(1.2e6, 7.5e6), "M": D.uniform(1.5e5, 4.6e5),
                     "S": D.uniform(1.5e4, 1.8e5)}[e.tier]
            dmi_share = D.uniform(0.55, 0.85) if e.statut == "privé" else D.uniform(0.15, 0.4)
            if conc == "surg":
                dmi_share = 1.0  # a surgical clinic whose liste en sus is all implants: no costly molecule
        elif e.category == "HAD":
            total = D.uniform(6e5, 1.1e6) if e.role("big_les") else D.uniform(2e4, 3e5)
            dmi_share = 0.0
        elif e.category == "SSR":
            total = D.uniform(0, 4e4)
            dmi_share = D.uniform(0, 0.3)
        elif e.category == "DIALYSE":
            total = D.uniform(0, 6e4)
            dmi_share = 0.0
        else:
            total = 0.0
            dmi_share = 0.0
        if conc == "b1000":
            total = D.uniform(7e5, 9e5)
        factors = {2019: 1.0}
        for y in YEARS[1:]:
            factors[y] = D.uniform(1.02, 1.12) if y != 2021 else D.uniform(1.05, 1.2)
        values = cumulate(total, factors)
        for y in YEARS:
            t = int(round(values[y] * 100))
            dmi = int(round(t * dmi_share))
            mo = t - dmi
            if y == 2019 and conc == "les500k":
                mo, dmi = 35000000, 15000000  # exactly 500 000,00 €: "> 500 000 €" is not met
            e.mo_cents[y] = mo
            dmi_cell = euros(dmi)
            if y == 2019 and conc == "dmi_missing":
                dmi_cell = None  # missing datum: the regional targeting cannot be decided
            if e.category == "PSY" and y == 2021 and e.statut == "espic":
                continue  # a row missing altogether
            rows.append([e.finess, y, euros(mo), dmi_cell])
    return ["finess", "année", "mo", "dmi"], rows


def gen_transports(etabs):
    rows = []
    alt = Alternator()
    for e in etabs:
        if e.role("no_transport"):
            continue
        role = e.role("tr")
        # 2019 ambulance amount and ambulance share R.
        if role in ("T", "priv"):
            if e.category == "MCO":
                amb = {"XL": D.uniform(4.5e6, 8e6), "L": D.uniform(6e5, 2.8e6), "M": D.uniform(4.3e5, 7e5)}[e.tier]
            elif e.category == "DIALYSE":
                amb = D.uniform(5e5, 9e5)
            else:
                amb = D.uniform(4.2e5, 6.5e5)
            share = D.uniform(0.22, 0.42) if e.category != "DIALYSE" else D.uniform(0.205, 0.26)
        elif role == "low":
            amb = D.uniform(9e5, 1.6e6)
            share = D.uniform(0.14, 0.19)
        elif role == "b20":
            amb, share = 400000.0, 0.2
        elif role == "b399":
            amb, share = 399999.99, 0.4
        else:
            amb = {"MCO": {"XL": 3e6, "L": D.uniform(1.5e5, 3.9e5), "M": D.uniform(1.2e5, 3.8e5),
                           "S": D.uniform(3e4, 1.5e5)}[e.tier],
                   "SSR": D.uniform(4e4, 3.5e5), "PSY": D.uniform(1e4, 9e4), "HAD": D.uniform(5e3, 6e4),
                   "DIALYSE": D.uniform(1e5, 3.8e5)}[e.category]
            share = D.uniform(0.08, 0.45) if e.category != "DIALYSE" else D.uniform(0.06, 0.15)
        pattern = alt.next() if role == "T" else None
        r_factors = year_factors(pattern, 0.01, 0.08)
        m_factors = {y: D.uniform(0.97, 1.08) for y in YEARS}
        m2019 = amb / share
        r = share
        m = m2019
        for y in YEARS:
            if y != 2019:
                r = min(0.9, r * r_factors[y])
                m = m * m_factors[y]
            amb_c = int(round(m * r * 100))
            tap_c = int(round(m * (1 - r) * 100))
            if y == 2019 and role == "b20":
                amb_c, tap_c = 40000000, 160000000  # exactly 20 % and 400 000 €: targeted ("≥")
            if y == 2019 and role == "b399":
                amb_c, tap_c = 39999999, 60000000  # one cent short of 400 000 €
            if y == 2023 and e.role("no_transport_2023"):
                rows.append([e.finess, y, None, euros(tap_c)])  # ambulance amount missing for 2023
                e.transport[y] = (None, tap_c)
                continue
            rows.append([e.finess, y, euros(amb_c), euros(tap_c)])
            e.transport[y] = (amb_c, tap_c)
    return ["finess", "année", "amb", "tap"], rows


def conciliation_rate(e, y):
    if e.chu:
        return {2022: 0.20, 2023: 0.30, 2024: 0.40}.get(y, 0.15)
    return {2022: 0.05, 2023: 0.075, 2024: 0.10}.get(y, 0.04)


def gen_pharmacie_clinique(etabs, conciliables):
    rows = []
    for e in etabs:
        role = e.role("conc")
        base = conciliables.get(e.finess, 0)
        if e.category not in ("MCO", "SSR", "PSY"):
            continue
        if e.category != "MCO" and D.chance(0.4):
            continue  # not every SSR / PSY declares its clinical pharmacy activity
        # ratio of conciliations to the 2022 target; progress from year to year
        if role in ("reach", "exact"):
            ratio = D.uniform(1.05, 1.5)
        elif role == "miss":
            ratio = D.uniform(0.45, 0.92)
        elif role == "nodecl":
            ratio = D.uniform(0.9, 1.3)
        else:
            ratio = D.uniform(0.2, 1.2)
        growth = D.uniform(1.15, 1.6)
        for y in YEARS:
            target = conciliation_rate(e, y) * base
            if y == 2019:
                n = int(target * D.uniform(0.3, 0.9))
            elif y == 2021:
                n = int(conciliation_rate(e, 2022) * base * ratio * D.uniform(0.6, 0.95))
            else:
                k = CONTRACT_YEARS.index(y)
                n = int(math.ceil(conciliation_rate(e, 2022) * base * ratio * growth ** k))
            if role == "exact" and y == 2022:
                assert base % 20 == 0, base
                n = base // 20  # exactly 5 % of the conciliable stays: the target is met ("≥")
            if role == "nodecl" and y == 2023:
                rows.append([e.finess, y, None])  # not declared
                continue
            if e.category == "MCO" and role is None and y == 2021 and e.tier == "S":
                continue  # a small establishment without a 2021 row
            rows.append([e.finess, y, max(0, n)])
    return ["finess", "année", "conciliations"], rows


def gen_ic(etabs):
    """The heart-failure design of each MCO establishment, per year: first stays, rehospitalisations and the cost of
    one (the extract ic_séjours of these counts is gone; gen_hospitalisations_ic draws the stays from them)."""
    rows = []
    alt = Alternator()
    for e in etabs:
        if e.category != "MCO":
            continue
        role = e.role("ic")
        stays = {"XL": D.uniform(600, 900), "L": D.uniform(220, 460), "M": D.uniform(60, 180),
                 "S": D.uniform(10, 36)}[e.tier]
        if role == "T":
            rate = D.uniform(0.21, 0.29)
        elif role == "b10":
            stays, rate = 38, 10 / 38  # high rate, but 10 rehospitalisations is not "> 10"
        elif e.tier in ("XL", "L"):
            rate = D.uniform(0.09, 0.145)
        else:
            rate = D.uniform(0.11, 0.2)
        cost = D.uniform(4200, 6500)  # € per rehospitalisation
        pattern = alt.next() if role == "T" else None
        f = year_factors(pattern, 0.03, 0.15)
        s = stays
        r = rate
        for y in YEARS:
            if y != 2019:
                s = s * D.uniform(0.97, 1.03)
                r = r * f[y]
            if role == "miss23" and y == 2023:
                continue
            n_stays = int(round(s))
            n_re = int(round(n_stays * r))
            if role == "b10" and y == 2019:
                n_stays, n_re = 38, 10
            spend = int(round(n_re * cost * D.uniform(0.97, 1.03) * 100))
            e.ic[y] = (n_stays, n_re, spend / 100 / max(1, n_re))
            rows.append([e.finess, y, n_stays, n_re, euros(spend)])
    return ["finess", "année", "premiers_séjours", "réhospitalisations", "dépense_réhospitalisations"], rows


# ---------------------------------------------------------------------------------------------------------------
# Séjours (2019 only).

ALL_DOMAINS = ["D%02d" % i for i in range(1, 29)]
TARGET_DOMAINS = ["D02", "D04", "D05", "D07", "D09", "D15", "D16", "D17", "D18", "D19", "D20", "D22", "D23"]
OTHER_DOMAINS = [d for d in ALL_DOMAINS if d not in TARGET_DOMAINS and d not in ("D10", "D27", "D28")]
# Activity groups per domain (synthetic numbering; G129 circoncisions is in D15, G212 newborns in D19).
GA_RANGES = {
    "D01": (1, 8), "D02": (9, 20), "D03": (21, 26), "D04": (27, 38), "D05": (39, 52), "D06": (53, 58),
    "D07": (59, 78), "D08": (79, 84), "D09": (85, 98), "D10": (99, 104), "D11": (105, 110), "D12": (111, 114),
    "D13": (115, 119), "D14": (120, 124), "D15": (125, 140), "D16": (141, 150), "D17": (151, 160),
    "D18": (161, 200), "D19": (201, 215), "D20": (216, 225), "D21": (226, 230), "D22": (231, 240),
    "D23": (241, 245), "D24": (246, 250), "D25": (251, 255), "D26": (256, 262), "D27": (263, 270),
    "D28": (271, 280),
}
EXCLUDED_GA = {"G129", "G212"}
MEDICAL_WEIGHTS = {"D02": 10, "D04": 5, "D05": 12, "D07": 16, "D09": 13, "D15": 7, "D16": 4, "D17": 3, "D18": 6,
                   "D19": 5, "D20": 3, "D22": 4, "D23": 1}
SURGICAL_WEIGHTS = {"D02": 20, "D04": 6, "D05": 5, "D07": 14, "D09": 3, "D15": 14, "D16": 1, "D17": 1, "D18": 1,
                    "D19": 3, "D20": 9, "D22": 0.2, "D23": 1}


def weighted(weights):
    keys = list(weights)
    return D.rng.choices(keys, weights=[weights[k] for k in keys])[0]


def ga_of(domain):
    lo, hi = GA_RANGES[domain]
    while True:
        ga = "G%03d" % D.randint(lo, hi)
        if ga not in EXCLUDED_GA:
            return ga


def long_stay():
    return min(60, 3 + int(D.rng.expovariate(1 / 4.5)))


def gen_sejours(etabs):
    rows = []
    conciliables = {}
    for e in etabs:
        f = e.finess
        stays = []
        qualifying = medicine = ssr = psy = 0
        if e.category == "MCO":
            role = e.role("conc")
            q = {"XL": D.randint(2000, 2600), "L": D.randint(1020, 1600), "M": D.randint(300, 750),
                 "S": D.randint(80, 300)}[e.tier]
            med_share = D.uniform(0.45, 0.7) if e.statut != "privé" else D.uniform(0.2, 0.45)
            if role == "b1000":
                q, n_med = 1000, 100
            elif role == "b999":
                q = 999
                n_med = int(q * med_share)
            elif role == "surg":
                q, n_med = D.randint(1400, 1800), D.randint(55, 80)
            else:
                n_med = int(round(q * med_share))
            for i in range(q):
                if i < n_med:
                    dom = weighted(MEDICAL_WEIGHTS)
                    stays.append(("MCO", "HC", "médecine", dom, ga_of(dom), long_stay()))
                else:
                    dom = weighted(SURGICAL_WEIGHTS)
                    stays.append(("MCO", "HC", "chirurgie", dom, ga_of(dom), long_stay()))
            qualifying, medicine = q, n_med
            # Stays that do not count, in smaller numbers than in reality (and only one in three of those drawn is
            # written, see below).
            first_extra = len(stays)
            extra = int(q * D.uniform(0.2, 0.35))
            for _ in range(extra):
                kind = D.randint(1, 7)
                if kind == 1:   # short stay in a targeted domain
                    dom = weighted(MEDICAL_WEIGHTS)
                    stays.append(("MCO", "HC", "médecine", dom, ga_of(dom), D.randint(0, 2)))
                elif kind == 2:  # day surgery (partial hospitalisation)
                    dom = weighted(SURGICAL_WEIGHTS)
                    stays.append(("MCO", "HP", "chirurgie", dom, ga_of(dom), 0))
                elif kind == 3 and e.tier != "S":  # obstetrics
                    stays.append(("MCO", "HC", "obstétrique", "D10", ga_of("D10"), D.randint(2, 6)))
                elif kind == 4:  # domain outside the 13
                    dom = D.choice(OTHER_DOMAINS)
                    stays.append(("MCO", "HC", D.choice(["médecine", "chirurgie"]), dom, ga_of(dom), long_stay()))
                elif kind == 5:  # excluded groups: circumcision, newborns
                    if D.chance(0.5):
                        stays.append(("MCO", D.choice(["HC", "HP"]), "chirurgie", "D15", "G129", D.randint(0, 3)))
                    else:
                        stays.append(("MCO", "HC", "médecine", "D19", "G212", D.randint(1, 5)))
                elif kind == 6:  # sessions
                    stays.append(("MCO", "HP", "séances", "D28", ga_of("D28"), 0))
                else:  # medicine, short or partial
                    dom = weighted(MEDICAL_WEIGHTS)
                    stays.append(("MCO", "HP", "médecine", dom, ga_of(dom), 0))
            for k in range(first_extra, len(stays)):
                stays[k] = stays[k] + ("extra",)
            if e.statut != "privé" and e.tier in ("XL", "L"):
                n_ssr = D.randint(150, 320) if e.tier == "XL" else D.randint(0, 220)
                n_psy = D.randint(100, 250) if e.tier == "XL" else D.randint(0, 160)
            else:
                n_ssr = n_psy = 0
            if role == "b1000":
                n_ssr, n_psy = 0, 0
            for _ in range(n_ssr):
                stays.append(("SSR", D.choice(["HC", "HC", "HC", "HP"]), None, None, None, D.randint(5, 55)))
            for _ in range(n_psy):
                stays.append(("PSY", D.choice(["HC", "HC", "HP"]), None, None, None, D.randint(3, 70)))
            ssr, psy = n_ssr, n_psy
            if role == "exact":
                # make the conciliable stays a multiple of 20, so that 5 % is a whole number of conciliations
                while (qualifying + ssr + psy) % 20:
                    stays.append(("SSR", "HC", None, None, None, D.randint(5, 40)))
                    ssr += 1
        elif e.category == "SSR":
            ssr = D.randint(120, 260)
            for _ in range(ssr):
                stays.append(("SSR", D.choice(["HC", "HC", "HP"]), None, None, None, D.randint(4, 60)))
        elif e.category == "PSY":
            psy = D.randint(80, 160)
            for _ in range(psy):
                stays.append(("PSY", D.choice(["HC", "HC", "HP"]), None, None, None, D.randint(2, 90)))
        elif e.category == "HAD":
            for _ in range(D.randint(30, 60)):
                stays.append(("HAD", None, None, None, None, D.randint(3, 45)))
        # DIALYSE: its dialysis sessions are not in this extract.
        D.shuffle(stays)
        n_extra = 0
        for s in stays:
            if len(s) > 6:
                # A stay that counts nowhere: drawn (so that the draws after it are the same), one in three written.
                n_extra += 1
                if n_extra % 3:
                    continue
            rows.append([f, 2019, s[0], s[1], s[2], s[3], s[4], s[5]])
        conciliables[f] = qualifying + ssr + psy
        e.qualifying = qualifying
        e.medicine = medicine
    return ["finess", "année", "champ", "mode", "activité", "domaine", "ga", "durée"], rows, conciliables


# ---------------------------------------------------------------------------------------------------------------
# PHEV lines (one line per patient, class and year, as aggregated in the extract).

PACK = {"EZETIMIBE": 30, "STATINE": 30, "IEC": 30, "ARA2": 30, "IPP": 28, "PANSEMENT": 10}


def phev_lines(e, year, classe, n_patients, total_qty, total_cents, qty_is="ucd", sigma=0.45, extra_lines=0.0,
               draw=None):
    """Lines of one class for one establishment and year, adding up exactly to the totals given.

    qty_is: which quantity total_qty is ("ucd" or "boîtes"); the other is derived from the pack size.
    draw: the stream of draws (D by default)."""
    d = draw or D
    n_patients = max(1, min(int(n_patients), int(total_qty), int(total_cents)))
    pats = patients_of(e, n_patients, d)
    # a few patients get a second line (another product of the class)
    n_lines = n_patients + int(n_patients * extra_lines)
    who = pats + [d.choice(pats) for _ in range(n_lines - n_patients)]
    w = d.weights(n_lines, sigma)
    qty = d.split(total_qty, w)
    money_w = [q * d.uniform(0.9, 1.1) for q in qty]
    cents = d.split(total_cents, money_w)
    out = []
    pack = PACK.get(classe, 1)
    for p, q, c in zip(who, qty, cents):
        if qty_is == "ucd":
            ucd, boxes = q, max(1, int(math.ceil(q / pack)))
        else:
            boxes, ucd = q, q * pack
        out.append([e.finess, year, classe, p, ucd, boxes, euros(c)])
    return out


def gen_phev(etabs):
    rows = []
    alt = {k: Alternator() for k in ("ez", "ipp", "perf", "pans")}
    for e in etabs:
        if e.role("no_phev"):
            continue
        cat, tier = e.category, e.tier
        mco = cat == "MCO"
        lines = {y: [] for y in YEARS}

        # --- Ézétimibe and statins: 2019 share of ézétimibe in UCD, 2019 spend.
        role = e.role("ez")
        price_ez = D.uniform(1.12, 1.32)  # € per UCD
        if role == "T":
            spend, share = D.uniform(22000, 36000), D.uniform(0.14, 0.22)
        elif role == "b9":
            spend, share = D.uniform(21000, 26000), 0.09
        elif role == "b20k":
            spend, share = 20000.0, D.uniform(0.11, 0.14)
        elif role == "n89":
            spend, share = D.uniform(21000, 25000), 0.089
        elif mco:
            spend = {"XL": D.uniform(12000, 19000), "L": D.uniform(5000, 18000), "M": D.uniform(1500, 7000),
                     "S": D.uniform(300, 2500)}[tier]
            share = D.uniform(0.08, 0.16)
        elif cat in ("SSR", "DIALYSE"):
            spend, share = D.uniform(100, 1500), D.uniform(0.05, 0.1)
        else:
            spend, share = D.uniform(0, 300), D.uniform(0.05, 0.08)
        pattern = alt["ez"].next() if role in ("T", "b9", "b20k") else None
        f = year_factors(pattern, 0.03, 0.15)
        sp = cumulate(spend, f)
        for y in YEARS:
            cents = int(round(sp[y] * 100))
            if role == "b20k" and y == 2019:
                cents = 2000000  # exactly 20 000,00 €
            ez_ucd = int(round(cents / 100 / price_ez))
            if y == 2019 and role == "b9":
                ez_ucd -= ez_ucd % 9  # so that the statins can make it exactly 9 %
            if y == 2019:
                sh = share
            else:
                sh = max(0.04, share * D.uniform(0.85, 1.15))
            if ez_ucd >= 1:
                lines[y] += phev_lines(e, y, "EZETIMIBE", ez_ucd / D.uniform(300, 360), ez_ucd, cents)
            if y == 2019 and role == "b9":
                stat_ucd = ez_ucd * 91 // 9  # 9 % exactly
            elif y == 2019 and role == "n89":
                stat_ucd = int(math.ceil(ez_ucd * (1 - sh) / sh)) + 1
            else:
                stat_ucd = int(round(max(ez_ucd, 30) * (1 - sh) / sh))
            stat_cents = int(stat_ucd * D.uniform(0.14, 0.22) * 100)
            lines[y] += phev_lines(e, y, "STATINE", stat_ucd / D.uniform(360, 450), stat_ucd, stat_cents)
            # IEC and ARA-II: still in the extract, no longer an indicator of the 2022 contract (removed for 2022);
            # the indicator of rules/caqes-2021. The establishments with an "iec" role get their lines from
            # iec_ara2_lines (second stream) instead: these are drawn all the same, to keep the first stream.
            if mco or cat in ("SSR", "DIALYSE"):
                for classe in ("IEC", "ARA2"):
                    n = {"XL": 25, "L": 14, "M": 6, "S": 3}[tier] if mco else 3
                    n = max(1, int(n * D.uniform(0.6, 1.4)))
                    ucd = int(n * D.uniform(250, 360))
                    drawn = phev_lines(e, y, classe, n, ucd, int(ucd * D.uniform(0.06, 0.2) * 100))
                    if not e.role("iec"):
                        lines[y] += drawn

        # --- IPP: boxes in 2019.
        role = e.role("ipp")
        if role == "T":
            boxes = D.uniform(9000, 14500)
        elif role == "b8500":
            boxes = 8500
        elif role == "b8499":
            boxes = 8499
        elif mco:
            boxes = {"XL": 7800, "L": D.uniform(1200, 4500), "M": D.uniform(400, 1500), "S": D.uniform(100, 500)}[tier]
        else:
            boxes = {"SSR": D.uniform(80, 600), "PSY": D.uniform(60, 400), "HAD": D.uniform(20, 200),
                     "DIALYSE": D.uniform(80, 500)}[cat]
        pattern = alt["ipp"].next() if role in ("T", "b8500") else None
        f = year_factors(pattern, 0.02, 0.12)
        bx = cumulate(boxes, f)
        price_box = D.uniform(4.1, 6.2)
        per_patient = D.uniform(26, 34)
        for y in YEARS:
            b = int(round(bx[y]))
            if y == 2019 and role in ("b8500", "b8499"):
                b = int(boxes)
            cents = int(round(b * price_box * D.uniform(0.97, 1.03) * 100))
            lines[y] += phev_lines(e, y, "IPP", b / per_patient, b, cents, qty_is="boîtes", sigma=0.5)

        # --- PERFADOM: DIF + PSE spend and its share in 2019.
        role = e.role("perf")
        if role == "T":
            difpse, share = D.uniform(120000, 330000), D.uniform(0.84, 0.96)
        elif role == "b80":
            difpse, share = 100000.0, 0.8
        elif role == "n95k":
            difpse, share = 95000.0, 0.95
        elif role == "n78":
            difpse, share = D.uniform(280000, 320000), 0.78
        elif mco:
            difpse = {"XL": 90000, "L": D.uniform(20000, 85000), "M": D.uniform(5000, 30000),
                      "S": D.uniform(500, 6000)}[tier]
            share = D.uniform(0.55, 0.92)
        elif cat == "HAD":
            difpse, share = D.uniform(2000, 15000), D.uniform(0.5, 0.9)
        elif cat == "SSR":
            difpse, share = D.uniform(500, 5000), D.uniform(0.4, 0.9)
        else:
            difpse, share = 0.0, 0.5
        pattern = alt["perf"].next() if role in ("T", "b80") else None
        f = year_factors(pattern, 0.03, 0.14)
        dp = cumulate(difpse, f)
        for y in YEARS:
            dp_c = int(round(dp[y] * 100))
            sh = share if y == 2019 else min(0.98, max(0.3, share * D.uniform(0.98, 1.02)))
            if y == 2019 and role == "b80":
                dif_c, pse_c, gra_c = 6000000, 4000000, 2500000  # 100 000 € of DIF + PSE, 80 % exactly
            else:
                if y == 2019 and role == "n78":
                    # make the share 78 % exactly: GRA = DIF+PSE × 22 / 78 (round DIF + PSE to a multiple of 78)
                    dp_c -= dp_c % 78
                    gra_c = dp_c * 22 // 78
                else:
                    gra_c = int(round(dp_c * (1 - sh) / sh))
                pse_part = D.uniform(0.3, 0.55)
                pse_c = int(dp_c * pse_part)
                dif_c = dp_c - pse_c
            for classe, c, price in (("PERFADOM_GRA", gra_c, 60), ("PERFADOM_DIF", dif_c, 115),
                                     ("PERFADOM_PSE", pse_c, 165)):
                if c < 100:
                    continue
                forfaits = max(1, int(c / 100 / price))
                lines[y] += phev_lines(e, y, classe, forfaits / D.uniform(9, 15), forfaits, c, qty_is="boîtes")

        # --- Pansements: patients and mean spend per patient in 2019.
        role = e.role("pans")
        base_mean = {"MCO": 115, "SSR": 140, "HAD": 260, "PSY": 40, "DIALYSE": 70}[cat]
        if role == "T":
            n_pat = D.randint(110, 220) if cat != "HAD" else D.randint(110, 160)
            mean = base_mean * D.uniform(2.0, 2.4)
        elif role == "b100":
            n_pat, mean = 100, base_mean * D.uniform(2.0, 2.3)
        elif role == "few":
            n_pat, mean = D.randint(70, 95), base_mean * D.uniform(2.0, 2.3)
        else:
            if mco:
                n_pat = {"XL": D.randint(180, 260), "L": D.randint(80, 150), "M": D.randint(30, 70),
                         "S": D.randint(8, 30)}[tier]
            else:
                n_pat = {"SSR": D.randint(15, 80), "HAD": D.randint(40, 120), "PSY": D.randint(0, 6),
                         "DIALYSE": D.randint(8, 30)}[cat]
            mean = base_mean * D.uniform(0.75, 1.3)
        pattern = alt["pans"].next() if role in ("T",) else None
        f_mean = year_factors(pattern, 0.03, 0.12)
        means = cumulate(mean, f_mean)
        for y in YEARS:
            n = n_pat if y == 2019 else max(0, int(round(n_pat * D.uniform(0.9, 1.12))))
            if n == 0:
                continue
            cents = int(round(means[y] * n * 100))
            drawn = phev_lines(e, y, "PANSEMENT", n, int(n * D.uniform(4, 9)), cents, qty_is="boîtes",
                               sigma=0.6, extra_lines=0.03)
            if not e.role("pans_aapp"):  # those get their dressings from pansements_aapp_lines (second stream)
                lines[y] += drawn
        for y, more in iec_ara2_lines(e).items():
            lines.setdefault(y, [])
            lines[y] += more
        if e.role("pans_aapp"):
            for y, more in pansements_aapp_lines(e).items():
                lines[y] += more
        for y in sorted(lines):
            rows += lines[y]
    return ["finess", "année", "classe", "patient", "ucd", "boîtes", "montant"], rows


# ---------------------------------------------------------------------------------------------------------------
# Second stream (D2): the IEC / ARA-II lines of rules/caqes-2021 and the tables of the regional indicators of 2022.

IEC_YEARS = [2019, 2020, 2021, 2022, 2023, 2024]
# Signs of the yearly change of the IEC + ARA-II spend in 2020 and 2021 (the years of rules/caqes-2021) for the
# establishments designed to be targeted, in turn: each year some of them spend less (incentive) and some more.
IEC_PATTERNS = [(-1, 1), (1, -1), (-1, -1), (1, 1)]
iec_turn = [0]


def iec_ara2_lines(e):
    """IEC and ARA-II lines by year: 2019 to 2024 for an establishment with an "iec" role; 2020 only for the others
    that prescribe them (the first stream has no 2020), so that iec_ara2 compares 2020 with 2019 and 2021 with 2020."""
    out = {}
    cat, tier = e.category, e.tier
    if cat not in ("MCO", "SSR", "DIALYSE"):
        return out
    role = e.role("iec")
    if not role:
        out[2020] = []
        for classe in ("IEC", "ARA2"):
            n = {"XL": 25, "L": 14, "M": 6, "S": 3}[tier] if cat == "MCO" else 3
            n = max(1, int(n * D2.uniform(0.6, 1.4)))
            ucd = int(n * D2.uniform(250, 360))
            out[2020] += phev_lines(e, 2020, classe, n, ucd, int(ucd * D2.uniform(0.06, 0.2) * 100), draw=D2)
        return out
    price_ara2, price_iec = D2.uniform(0.6, 0.8), D2.uniform(0.08, 0.12)  # € per UCD (ARA-II: with combinations)
    if role == "T":
        spend, share = D2.uniform(22000, 32000), D2.uniform(0.45, 0.6)
    elif role == "b40":
        spend, share = 20000.0, 0.4
    elif role == "n39":
        spend, share = D2.uniform(28000, 34000), 0.39
    else:  # n19k
        spend, share = 19999.99, D2.uniform(0.5, 0.6)
    pattern = None
    if role in ("T", "b40"):
        pattern = IEC_PATTERNS[iec_turn[0] % len(IEC_PATTERNS)]
        iec_turn[0] += 1
    value = spend
    for y in IEC_YEARS:
        sh = share
        if y in (2020, 2021) and pattern:
            value *= 1 + pattern[y - 2020] * D2.uniform(0.04, 0.12)
        elif y != 2019:
            value *= D2.trend(0, 0.02, 0.1)
            sh = min(0.7, max(0.3, share * D2.uniform(0.93, 1.07)))
        ara2_cents = int(round(value * 100))
        if y == 2019 and role == "b40":
            ara2_cents = 2000000  # exactly 20 000,00 €
        if y == 2019 and role == "n19k":
            ara2_cents = 1999999  # one cent short
        ara2_ucd = int(round(ara2_cents / 100 / price_ara2))
        if y == 2019 and role == "b40":
            ara2_ucd -= ara2_ucd % 2
            iec_ucd = ara2_ucd * 3 // 2  # ARA-II = 40 % of the UCD exactly
        elif y == 2019 and role == "n39":
            ara2_ucd -= ara2_ucd % 39
            iec_ucd = ara2_ucd * 61 // 39  # 39 % exactly
        else:
            iec_ucd = int(round(ara2_ucd * (1 - sh) / sh))
        iec_cents = int(round(iec_ucd * price_iec * D2.uniform(0.97, 1.03) * 100))
        out[y] = (phev_lines(e, y, "ARA2", ara2_ucd / D2.uniform(340, 400), ara2_ucd, ara2_cents, draw=D2)
                  + phev_lines(e, y, "IEC", iec_ucd / D2.uniform(340, 400), iec_ucd, iec_cents, draw=D2))
    return out


def pansements_aapp_lines(e):
    """Dressing lines of an establishment with a "pans_aapp" role: over 1 000 patients, with an ordinary mean."""
    role = e.role("pans_aapp")
    if role == "T":
        n0, mean = D2.randint(1040, 1110), D2.uniform(55, 75)
    elif role == "b1000":
        n0, mean = 1000, 50.0
    else:  # n999
        n0, mean = 999, D2.uniform(70, 85)
    out = {}
    for y in YEARS:
        n = n0 if y == 2019 else int(round(n0 * D2.uniform(0.93, 1.07)))
        m = mean if y == 2019 else mean * D2.uniform(0.9, 1.1)
        cents = int(round(m * n * 100))
        if y == 2019 and role == "b1000":
            cents = 5000000  # exactly 50 000,00 € for exactly 1 000 patients
        out[y] = phev_lines(e, y, "PANSEMENT", n, int(n * D2.uniform(4, 9)), cents, qty_is="boîtes", sigma=0.6,
                            draw=D2)
    return out


def gen_autorisations(etabs):
    rows = []
    for e in etabs:
        rows.append([e.finess, yes_no(e.role("chimio")), yes_no(e.category == "HAD" or e.role("had_svc"))])
    return ["finess", "chimiothérapie", "had"], rows


def gen_entites_juridiques(etabs):
    """Each site (EG) with the legal entity (EJ) it belongs to. Public and ESPIC sites of one department belong to
    one EJ per status (so that an EJ signs for several EG); a private clinic is its own legal entity."""
    rows = []
    for e in etabs:
        if e.statut in ("public", "espic"):
            ej = e.dept + "9" + ("1" if e.statut == "public" else "2") + "00001"
        else:
            ej = e.dept + "8" + e.finess[3:]
        rows.append([e.finess, ej])
    return ["finess", "ej"], rows


def gen_listes_ars(etabs):
    rows = []
    for e in etabs:
        rows.append([e.finess, yes_no(e.role("ambu")), yes_no(e.role("chimio_had")), yes_no(e.role("post_avc")),
                     yes_no(e.role("pert_ssr"))])
    return ["finess", "fort_potentiel_ambulatoire", "chimiothérapie_had", "parcours_post_avc", "pertinence_ssr"], rows


AUDIT_YEARS = [2022, 2023, None, 2024, 2022, None, 2023]
audit_turn = {}


def done_year(kind):
    """The contract year an audit of this kind is done in, or None (never), in turn from one establishment to the
    next, so that among any few targeted establishments some have done it early, some late and some not at all."""
    k = audit_turn.get(kind, len(audit_turn) * 2)
    audit_turn[kind] = k + 1
    return AUDIT_YEARS[k % len(AUDIT_YEARS)]


def gen_declarations_omedit(etabs):
    rows = []
    for e in etabs:
        if e.category != "MCO" and not e.role("big_les"):
            continue
        mpi, perf, pans = done_year("mpi"), done_year("perfadom"), done_year("pansements")
        if e.role("pans_aapp") == "b1000":
            pans = None  # of the two targeted for the dressings audit, one never does it
        etat = D2.chance(0.85)
        plan = etat and D2.chance(0.8)
        for y in CONTRACT_YEARS:
            if y == 2023 and e.role("conc") == "nodecl":
                continue  # nothing declared for 2023
            if y == 2022:
                entretiens = [yes_no(etat), yes_no(plan), None, None]
            else:
                oral = D2.randint(8, 140) if e.role("chimio") else 0
                entretiens = [None, None, oral, D2.randint(10, 320)]
            rows.append([e.finess, y] + entretiens + [yes_no(mpi == y), yes_no(D2.chance(0.85)), yes_no(perf == y),
                                                      yes_no(pans == y)])
    return ["finess", "année", "état_des_lieux_entretiens", "plan_actions_entretiens", "entretiens_chimio_orale",
            "entretiens_autres", "aapp_mpi", "fichier_molécules_onéreuses", "aapp_perfadom", "aapp_pansements"], rows


def gen_unites_de_soins(etabs):
    """Care units with their beds and level of pharmaceutical analysis, 2022-2024. Each establishment follows a
    profile: every general unit at level 2 or 3 ("full"), most of them ("progress", short of 100 % in 2024), or far
    fewer ("low"). In the "full" profile every unit is at level 2 or 3, critical care included; in the others the
    critical care units (réanimation, SURC, néonatalogie) stay at level 1 and UHCD at 0, so that they reach the 2024
    target (which leaves those units out) only if every general unit is at level 2 or 3."""
    rows = []
    for e in etabs:
        if e.category != "MCO" and not e.role("big_les"):
            continue
        if e.role("analyse") == "exact80":
            # 2022: 30 + 30 + 20 = 80 beds at level 2 or 3 out of 100, exactly 80 %; then every general unit.
            units = [("Médecine polyvalente", "AUTRE", 30), ("Cardiologie", "AUTRE", 30), ("Chirurgie", "AUTRE", 20),
                     ("Soins de suite", "AUTRE", 10), ("Réanimation", "REA", 10)]
            for y in CONTRACT_YEARS:
                for name, kind, beds in units:
                    level = 1 if kind == "REA" else (1 if (name == "Soins de suite" and y == 2022) else 3)
                    rows.append([e.finess, y, name, kind, beds, level])
            continue
        if e.category == "HAD":
            units = [("Hospitalisation à domicile", "AUTRE", D2.randint(40, 90))]
        else:
            critical = {"XL": [("Réanimation", "REA", 24), ("Surveillance continue", "SURC", 12),
                               ("Néonatalogie", "NEONAT", 15), ("UHCD", "UHCD", 10)],
                        "L": [("Réanimation", "REA", 10), ("Surveillance continue", "SURC", 8), ("UHCD", "UHCD", 6)],
                        "M": [("UHCD", "UHCD", 4)], "S": []}[e.tier]
            n_general = {"XL": 12, "L": 7, "M": 4, "S": 2}[e.tier]
            names = ["Médecine %d" % (i + 1) if i % 2 == 0 else "Chirurgie %d" % (i + 1) for i in range(n_general)]
            units = [(name, "AUTRE", D2.randint(18, 36)) for name in names] + critical
        profile = D2.rng.choices(["full", "progress", "low"], weights=[45, 25, 30])[0]
        for y in CONTRACT_YEARS:
            if profile == "full":
                f = 1.0
            elif profile == "progress":
                f = {2022: D2.uniform(0.86, 0.95), 2023: D2.uniform(0.92, 0.98), 2024: D2.uniform(0.9, 0.97)}[y]
            else:
                f = {2022: D2.uniform(0.3, 0.65), 2023: D2.uniform(0.5, 0.8), 2024: D2.uniform(0.6, 0.85)}[y]
            general = sum(b for _, kind, b in units if kind == "AUTRE")
            covered = 0
            for name, kind, beds in units:
                if kind != "AUTRE" and profile == "full":
                    level = D2.choice([2, 3])
                elif kind != "AUTRE":
                    level = 0 if kind == "UHCD" else 1
                elif covered + beds <= f * general + 0.5:
                    level = D2.choice([2, 3])
                    covered += beds
                else:
                    level = D2.choice([0, 1])
                rows.append([e.finess, y, name, kind, beds, level])
    return ["finess", "année", "unité", "type_unité", "lits", "niveau_analyse"], rows


def gen_molecules_onereuses(etabs):
    """UCD of costly molecules billed (consistent with the liste en sus MO spend) and prescribed."""
    rows = []
    for e in etabs:
        if not any(e.mo_cents.values()) and e.category != "MCO":
            continue
        price = D2.uniform(150, 900)  # € per UCD
        for y in YEARS:
            billed = int(round(e.mo_cents.get(y, 0) / 100 / price))
            prescribed = int(round(billed * D2.uniform(0.95, 1.12)))
            rows.append([e.finess, y, prescribed, billed])
    return ["finess", "année", "prescrites", "facturées"], rows


def gen_transports_vp(etabs):
    """Numbers of transports by mode and VP amount, consistent with the ambulance and TAP amounts (98,50 € and
    46,70 € a trip on average). Threshold case: the establishment not designed for transport whose 2019 ambulance +
    TAP spend is just under 1,5 M€ gets a VP amount that makes exactly 1 500 000,00 € (not targeted, "> 1,5 M€")."""
    limit = 150000000
    near = [e for e in etabs if 2019 in e.transport and not e.role("tr")
            and 0 < limit - sum(e.transport[2019]) <= 20000000]
    exact = min(near, key=lambda e: limit - sum(e.transport[2019])) if near else None
    rows = []
    for e in etabs:
        if not e.transport:
            continue
        vp_share = D2.uniform(0.04, 0.22)
        per_trip = D2.uniform(18, 30)  # € per VP trip
        if e is exact:
            # the VP share of trips that makes the 2019 VP amount what is missing to 1,5 M€, kept every year
            amb_c, tap_c = e.transport[2019]
            trips = amb_c / 100 / 98.5 + tap_c / 100 / 46.7
            vp_trips = (limit - amb_c - tap_c) / 100 / per_trip
            vp_share = vp_trips / (trips + vp_trips)
        for y in YEARS:
            if y not in e.transport:
                continue
            amb_c, tap_c = e.transport[y]
            trips = (amb_c or 0) / 100 / 98.5 + tap_c / 100 / 46.7
            sh = min(0.4, max(0.02, vp_share * D2.uniform(0.9, 1.12)))
            vp = int(round(trips * sh / (1 - sh)))
            vp_c = int(round(vp * per_trip * 100))
            if e is exact and y == 2019:
                vp_c = limit - amb_c - tap_c
                vp = max(1, int(round(vp_c / 100 / per_trip)))
            rows.append([e.finess, y, vp, int(round(trips)) + vp, euros(vp_c)])
    return ["finess", "année", "vp", "tous_modes", "montant_vp"], rows


def percent(x):
    """A rate in percent with a decimal comma, to 1 decimal: 47,5."""
    tenths = int(round(x * 1000))
    return "%d,%d" % (tenths // 10, tenths % 10)


def gen_activite_chirurgie(etabs):
    """Surgical stays and day-surgery stays of the MCO establishments; the objective set for 2022-2024 for those on
    the ARS list ("reach": they beat it, "miss": they do not, "exact": exactly met in 2022)."""
    rows = []
    for e in etabs:
        if e.category != "MCO":
            continue
        role = e.role("ambu")
        volume = {"XL": D2.uniform(25000, 40000), "L": D2.uniform(8000, 15000), "M": D2.uniform(3000, 6000),
                  "S": D2.uniform(800, 2500)}[e.tier]
        private = e.statut == "privé"
        if role:
            rate = D2.uniform(0.45, 0.55) if private else D2.uniform(0.35, 0.45)
        else:
            rate = D2.uniform(0.55, 0.7) if private else D2.uniform(0.38, 0.55)
        growth = {"reach": D2.uniform(0.035, 0.05), "miss": D2.uniform(0.0, 0.012), "exact": 0.03}.get(role, 0.015)
        rates = {}
        r = rate
        for y in YEARS:
            if y != 2019:
                r = min(0.92, r + growth * (2 if y == 2021 else 1) * D2.uniform(0.9, 1.1))
            rates[y] = r
        base = rates[2021]
        for y in YEARS:
            n = int(round(volume * D2.uniform(0.97, 1.03)))
            objective = None
            if role and y in CONTRACT_YEARS:
                # objective: 2021 rate + 2,5 points a year, to the tenth of a point
                objective = round(base + 0.025 * (y - 2021), 3)
            amb = int(round(n * rates[y]))
            if role == "exact" and y == 2022:
                n -= n % 1000  # the objective (in tenths of a point) of a multiple of 1 000 stays is whole stays
                amb = int(round(n * objective))
            rows.append([e.finess, y, n, amb, percent(objective) if objective is not None else None])
    return ["finess", "année", "séjours_chirurgie", "séjours_ambulatoires", "objectif"], rows


def gen_had_pertinence(etabs):
    rows = []
    for e in etabs:
        if e.category != "HAD" and not e.role("had_svc"):
            continue
        participates = D2.chance(0.8)
        for y in CONTRACT_YEARS:
            rows.append([e.finess, y, yes_no(participates or (y > 2022 and D2.chance(0.5))), yes_no(D2.chance(0.5))])
    return ["finess", "année", "participation", "retex"], rows


# ---------------------------------------------------------------------------------------------------------------
# Grouped PHEV lines. The indicators of ézétimibe, IPP and IEC vs ARA-II add up UCD, boxes and amounts and count no
# patients: the lines of those classes (and of the statins) are written in groups of PHEV_GROUP patients, one line per
# group (under the first patient's id), which keeps every sum, and so every result, and makes the file smaller. The
# PERFADOM and dressing lines, whose patients are counted, stay one per patient.

PHEV_GROUP = 16
GROUPED_CLASSES = {"EZETIMIBE", "STATINE", "IPP", "IEC", "ARA2"}


def cents_of(text):
    euros_part, cents_part = text.split(",")
    sign = -1 if euros_part.startswith("-") else 1
    return sign * (abs(int(euros_part)) * 100 + int(cents_part))


def merge_phev_lines(rows):
    out = []
    group = []

    def flush():
        if group:
            first = group[0]
            out.append([first[0], first[1], first[2], first[3], sum(r[4] for r in group), sum(r[5] for r in group),
                        euros(sum(cents_of(r[6]) for r in group))])
            del group[:]

    for r in rows:
        if r[2] not in GROUPED_CLASSES:
            flush()
            out.append(r)
            continue
        if group and (group[0][0], group[0][1], group[0][2]) != (r[0], r[1], r[2]) or len(group) == PHEV_GROUP:
            flush()
        group.append(r)
    flush()
    return out


# ---------------------------------------------------------------------------------------------------------------
# Third stream (D3): the heart-failure stays and the pre-anaesthesia exams, row by row.

BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def new_patient(e):
    """A new pseudonymous patient id of establishment e (third stream): 6 base-36 characters."""
    while True:
        n = D3.rng.getrandbits(31)
        pid = ""
        for _ in range(6):
            n, k = divmod(n, 36)
            pid = BASE36[k] + pid
        if pid not in e.patient_set3:
            e.patient_set3.add(pid)
            return pid


def day(y, n):
    """The n-th day (0-based) after 1 January of year y, as a date."""
    return datetime.date(y, 1, 1) + datetime.timedelta(days=n)


def days_in(y):
    return 366 if y % 4 == 0 else 365


# Heart failure: the first stays of each cohort year and the later stays of the same patients. The counts follow
# the design of gen_ic (first stays and rehospitalisation rate of each establishment and year), scaled down by
# IC_SCALE but for the threshold case (exactly 10 rehospitalisations in 2019). Around them: patients under 40, stays
# more than 3 months after the first one, patients who die after their first stay (counted by the initial targeting
# of rules/caqes-2021, left out by the final one of 2022). A rehospitalisation of a first stay of October to
# December may fall in January to March of the next year: it is a row of that year (2020 and 2025 hold only those).

IC_SCALE = 5
IC_YEARS = [2019, 2021, 2022, 2023, 2024]


def gen_hospitalisations_ic(etabs):
    rows = []
    for e in etabs:
        if not e.ic:
            continue
        b10 = e.role("ic") == "b10"
        for y in IC_YEARS:
            if y not in e.ic:
                continue  # no extract for that year (miss23)
            n_stays, n_re, cost = e.ic[y]
            if b10 and y == 2019:
                first, rehospitalised = 38, 10  # exactly 10 rehospitalisations, every patient alive
            else:
                first = max(2, int(round(n_stays / IC_SCALE)))
                rehospitalised = int(round(first * n_re / max(1, n_stays)))
            young = D3.randint(0, 2)
            for i in range(first + young):
                pid = new_patient(e)
                age = D3.randint(25, 39) if i >= first else min(98, 40 + int(D3.rng.expovariate(1 / 32.0)))
                entry = day(y, D3.randint(0, days_in(y) - 1))
                stays = []
                exit_ = entry + datetime.timedelta(days=D3.randint(3, 14))
                stays.append((entry, exit_))
                if i < rehospitalised or (i >= first and D3.chance(0.3)):
                    # rehospitalised 1 to 90 days after the first discharge, sometimes twice
                    back = exit_ + datetime.timedelta(days=D3.randint(1, 90))
                    stays.append((back, back + datetime.timedelta(days=D3.randint(2, 12))))
                    gap = 90 - (stays[-1][1] - exit_).days
                    if not (b10 and y == 2019) and gap >= 1 and D3.chance(0.15):
                        again = stays[-1][1] + datetime.timedelta(days=D3.randint(1, gap))
                        stays.append((again, again + datetime.timedelta(days=D3.randint(2, 10))))
                elif D3.chance(0.12):
                    # back more than 3 months after the first discharge, in the same year: not counted
                    back = exit_ + datetime.timedelta(days=D3.randint(91, 200))
                    if back.year == y:
                        stays.append((back, back + datetime.timedelta(days=D3.randint(2, 12))))
                death = None
                if not (b10 and y == 2019) and D3.chance(0.07 if len(stays) > 1 else 0.05):
                    death = stays[-1][1] + datetime.timedelta(days=D3.randint(0, 150))
                for k, (a, b) in enumerate(stays):
                    if e.role("ic") == "miss23" and a.year == 2023:
                        continue
                    amount = cost * D3.uniform(0.9, 1.1) if k else cost * D3.uniform(0.8, 1.25)
                    rows.append([e.finess, a.year, pid, age + (a.year - entry.year), a.isoformat(), b.isoformat(),
                                 death.isoformat() if death else None, euros(int(round(amount * 100)))])
    return ["finess", "année", "patient", "âge", "entrée", "sortie", "décès", "montant"], rows


# EPA: interventions and the lab acts of the operated patients. Each stay is drawn from a mix of kinds (below); the
# generator computes, like the rules, which of the four indicators' selections it enters (so that the threshold
# case has exactly 1 000 stays of the selection in 2019), then draws the exams of each indicator's bilan: complete
# in the month before (useless), incomplete, complete but too early or after the intervention, or none.

EXAM_PRICE = {"1104": 945, "0126": 810, "1127": 810, "1140": 1755, "1145": 1215, "1141": 1890, "1609": 405,
              "1610": 675}
BILANS = {1: ["1104", "0126", "1127"], 2: ["0126", "1127"], 3: ["1140", "1145", "1141"], 4: ["1609"]}
# kind: (weight in a general hospital, weight in a surgical clinic, GHMs, geste, ages, share with an anaesthesia act)
STAY_KINDS = {
    "amygdale_enfant": (6, 5, ["03C10J"], "AMYG", (1, 17), 1.0),
    "amygdale_adulte": (1, 1, ["03C10J"], "AMYG", (18, 45), 1.0),
    "chirurgie": (40, 34, ["08C24", "08C38J", "06C12", "11C13J", "12C11", "05C19", "08C48", "03C14J"], "AUTRE",
                  (18, 92), 1.0),
    "obstétrique": (6, 2, ["14C02", "14C08"], "AUTRE", (18, 44), 1.0),
    "extraction_dentaire": (3, 5, ["03K02J"], "AUTRE", (18, 80), 0.7),
    "endoscopie_digestive": (10, 8, ["06K02Z", "06K04J"], "AUTRE", (18, 90), 1.0),
    "endoscopie_pulmonaire": (2, 1, ["04K02J"], "AUTRE", (30, 90), 0.5),
    "groupe_sanguin": (12, 22, None, None, (20, 88), 1.0),
    "mineure": (14, 18, ["02C05J", "09C11J", "09C02J"], "MINEURE", (18, 95), 0.9),
    "médecine": (6, 4, ["05M09", "04M05"], "AUTRE", (30, 95), 0.0),
}
GROUPE_SANGUIN = [("CHOL", "07C14J"), ("THYR", "10C13"), ("DISQ", "08C52"), ("SEIN", "09C05J")]
# Per role: the share of the stays of each indicator with a useless bilan (1 to 4), of a surgical clinic's mix.
EPA_DESIGN = {
    "T10k": dict(stays=(1080, 1160), useless={1: 0.6, 2: 0.45, 3: 0.65, 4: 0.4}, clinic=True),
    "T5500": dict(stays=(1040, 1120), useless={1: 0.5, 2: 0.3, 3: 0.5, 4: 0.3}, clinic=True),
    "pre": dict(stays=(1050, 1150), useless={1: 0.3, 2: 0.08, 3: 0.12, 4: 0.1}, clinic=False),
    "b1000": dict(stays=(1000, 1000), useless={1: 0.6, 2: 0.5, 3: 0.7, 4: 0.4}, clinic=True),
    "small": dict(stays=(40, 150), useless=None, clinic=False),
    "none": dict(stays=(40, 100), useless={1: 0.0, 2: 0.0, 3: 0.0, 4: 0.0}, clinic=False),
}


def epa_indicators(age, risk, ghm, geste, anaesthesia):
    """The indicators (1 to 4) whose selection a stay enters, as the rules of rules/caqes-2021/epa.caqes read it."""
    out = []
    if 2 <= age <= 17 and not risk and geste == "AMYG":
        out.append(1)
    if age >= 18 and not risk and ((ghm[2] == "C" and not ghm.startswith("14")) or ghm[:5] in ("03K02", "06K02", "06K04")
                                   or (ghm == "04K02J" and anaesthesia)):
        out.append(2)
    if geste in ("CHOL", "THYR", "DISQ", "SEIN"):
        out.append(3)
    if geste == "MINEURE" and anaesthesia:
        out.append(4)
    return out


def draw_stay(clinic):
    kinds = list(STAY_KINDS)
    kind = D3.rng.choices(kinds, weights=[STAY_KINDS[k][1 if clinic else 0] for k in kinds])[0]
    _, _, ghms, geste, (lo, hi), anaesthesia = STAY_KINDS[kind]
    if kind == "groupe_sanguin":
        geste, ghm = D3.choice(GROUPE_SANGUIN)
    else:
        ghm = D3.choice(ghms)
    age = D3.randint(lo, hi)
    risk = D3.chance(0.05)
    return age, risk, ghm, geste, D3.chance(anaesthesia)


def gen_epa(etabs):
    interventions, biologie = [], []
    alt = Alternator()
    for e in etabs:
        role = e.role("epa")
        if not role:
            continue
        design = EPA_DESIGN[role]
        useless = design["useless"] or {k: D3.uniform(0.03, 0.45) for k in (1, 2, 3, 4)}
        factors = year_factors_d3(alt.next() if role in ("T10k", "T5500") else None)
        u = dict(useless)
        for y in YEARS:
            if y != 2019:
                u = {k: min(0.95, v * factors[y]) for k, v in u.items()}
            target = D3.randint(*design["stays"])
            if y != 2019 and role == "b1000":
                target = D3.randint(950, 1050)
            pairs = 0
            while pairs < target:
                age, risk, ghm, geste, anaesthesia = draw_stay(design["clinic"])
                which = epa_indicators(age, risk, ghm, geste, anaesthesia)
                if role == "b1000" and y == 2019 and pairs + len(which) > target:
                    continue  # exactly 1 000 stays of the selection
                pairs += len(which)
                pid = new_patient(e)
                date = day(y, D3.randint(3, days_in(y) - 1))
                interventions.append([e.finess, y, pid, date.isoformat(), age, yes_no(risk), ghm, geste,
                                      yes_no(anaesthesia)])
                exams = []
                for k in which:
                    codes = list(BILANS[k])
                    if k == 4 and D3.chance(0.4):
                        codes = ["1610"]
                    r = D3.rng.random()
                    if r < u[k]:
                        exams += [(c, -D3.randint(0, 28)) for c in codes]  # in the month before: useless
                    elif r < u[k] + 0.06 and len(codes) > 1:
                        exams.append((D3.choice(codes), -D3.randint(1, 28)))  # an incomplete bilan
                    elif r < u[k] + 0.09:
                        late = D3.chance(0.5)
                        exams += [(c, D3.randint(1, 3) if late else -D3.randint(32, 60)) for c in codes]
                if not which and risk and D3.chance(0.5):
                    exams += [(c, -D3.randint(1, 20)) for c in BILANS[2]]  # a bleeding risk: exams are in order
                for code, offset in exams:
                    when = date + datetime.timedelta(days=offset)
                    biologie.append([e.finess, y, pid, when.isoformat(), code, euros(EXAM_PRICE[code])])
    header = ["finess", "année", "patient", "date", "âge", "risque_hémorragique", "ghm", "geste", "anesthésie"]
    return header, interventions, (["finess", "année", "patient", "date", "nabm", "montant"], biologie)


def year_factors_d3(pattern):
    """Year-on-year factors of the useless shares (third stream): pattern as in year_factors."""
    factors = {2019: 1.0, 2021: D3.trend(0, 0.02, 0.1)}
    for i, y in enumerate(CONTRACT_YEARS):
        factors[y] = D3.trend(pattern[i] if pattern else 0, 0.08, 0.2)
    return factors


# ---------------------------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--out", default=os.path.join(here, "occitanie"), help="output directory")
    parser.add_argument("--seed", type=int, default=SEED, help="random seed (default %(default)s)")
    parser.add_argument("--roles", action="store_true",
                        help="also print, per establishment, the role it was designed for in each indicator")
    args = parser.parse_args()
    global D, D2, D3
    D = Draw(args.seed)
    D2 = Draw(args.seed + 1)
    D3 = Draw(args.seed + 2)
    os.makedirs(args.out, exist_ok=True)

    etabs = make_establishments()
    tables = {}
    tables["établissements"] = (["finess", "raison_sociale", "catégorie", "statut", "chu"],
                                [[e.finess, e.name, e.category, e.statut, yes_no(e.chu)] for e in etabs])
    header, sejours, conciliables = gen_sejours(etabs)
    tables["séjours"] = (header, sejours)
    tables["liste_en_sus"] = gen_liste_en_sus(etabs)
    tables["pharmacie_clinique"] = gen_pharmacie_clinique(etabs, conciliables)
    tables["transports"] = gen_transports(etabs)
    gen_ic(etabs)  # the design of the heart-failure stays (its draws keep the first stream as it was)
    header, phev = gen_phev(etabs)
    tables["phev"] = (header, merge_phev_lines(phev))
    # The tables of the regional indicators of 2022 (second stream).
    tables["autorisations"] = gen_autorisations(etabs)
    tables["listes_ars"] = gen_listes_ars(etabs)
    tables["entités_juridiques"] = gen_entites_juridiques(etabs)
    tables["déclarations_omedit"] = gen_declarations_omedit(etabs)
    tables["unités_de_soins"] = gen_unites_de_soins(etabs)
    tables["molécules_onéreuses"] = gen_molecules_onereuses(etabs)
    tables["transports_vp"] = gen_transports_vp(etabs)
    tables["activité_chirurgie"] = gen_activite_chirurgie(etabs)
    tables["had_pertinence"] = gen_had_pertinence(etabs)
    # The row-level tables of heart failure and EPA (third stream).
    tables["hospitalisations_ic"] = gen_hospitalisations_ic(etabs)
    header, interventions, biologie = gen_epa(etabs)
    tables["interventions"] = (header, interventions)
    tables["biologie"] = biologie

    for name, (header, rows) in tables.items():
        if name == "établissements":
            rows = sorted(rows, key=lambda r: r[0])
        elif name not in ("séjours", "phev", "hospitalisations_ic", "interventions", "biologie"):
            rows = sorted(rows, key=lambda r: (r[0], r[1]))
        path = write_table(args.out, name, header, rows)
        print("%-28s %7d lignes  %9d octets" % (os.path.basename(path), len(rows), os.path.getsize(path)))
    # The extract of heart-failure counts the rules no longer read (the stays are in hospitalisations_ic.csv).
    stale = os.path.join(args.out, "ic_séjours.csv")
    if os.path.exists(stale):
        os.remove(stale)
    if args.roles:
        for e in sorted(etabs, key=lambda e: e.finess):
            roles = " ".join("%s=%s" % (k, v) for k, v in sorted(e.roles.items()) if v is not None)
            print("%s;%s;%s;%s;%s" % (e.finess, e.category, e.statut, e.tier, roles))


if __name__ == "__main__":
    main()
