#!/usr/bin/python3
"""The CAQES 2022 figures that come from the row-level tables, computed with pandas (bench/run compares them with
`caqes run rules/caqes-2022 --format csv`).

    /usr/bin/python3 bench/pandas_figures.py --data DIR [--out FILE] [--workload whole|one-table]

With --workload one-table: the figures of the one-table contract bench/one-table (the stay counts of séjours.csv
alone, one year), see one_table_figures below.

pandas (Debian's python3-pandas) reads every CSV and does all the work on the rows: filters, group-bys, distinct
counts, the self-join of the heart-failure stays by patient and the join of the interventions with their lab acts.
The formulas on the resulting per-establishment and per-year aggregates (a few hundred numbers: differences between
years, rates, the category mean, quartiles, 30 %, rounding to the cent) are done in plain Python with
fractions.Fraction, exactly like caqes (which computes with exact rationals): a float would not give the same digits.

The output has the shape of caqes's CSV (entité;indicateur;année;ciblé;valeur;unité;cible;atteint;intéressement),
one line per establishment, compared indicator and contract year; the list of indicators is COMPARED below and in
bench/README.md. Each formula mirrors the rules file and line given in its comment.
"""

import argparse
import sys
from fractions import Fraction

import numpy as np
import pandas as pd

CONTRACT_YEARS = [2022, 2023, 2024]
COMPARED = [
    "examens_pré_anesthésiques", "insuffisance_cardiaque", "ézétimibe", "ipp", "perfadom", "pansements",
    "aapp_perfadom", "aapp_pansements", "bon_usage_dm", "conciliation", "entretien_pharmaceutique",
    "entretiens_chimiothérapie_orale", "entretiens_autres_domaines", "aapp_mpi", "analyse_pharmaceutique",
]
ABSENT = None


# ---------------------------------------------------------------------------------------------------------------
# Reading. Money is kept in integer cents; dates as day numbers.

def read(data, name, **kw):
    return pd.read_csv("%s/%s.csv" % (data, name), sep=";", encoding="utf-8", keep_default_na=False, na_values=[""],
                       **kw)


def cents(series):
    # '1234,56' -> 123456, exactly (the extracts write money with a decimal comma and at most 2 decimals)
    s = series.astype(str).str.replace(",", ".", regex=False)
    return (s.astype(float) * 100).round().astype("int64")


def days(series):
    return (pd.to_datetime(series, format="%Y-%m-%d").values.astype("datetime64[D]").astype("int64"))


# ---------------------------------------------------------------------------------------------------------------
# Three-valued logic of the rules: True, False or None (absent).

def et(*xs):
    if any(x is False for x in xs):
        return False
    if any(x is None for x in xs):
        return None
    return True


def ou(*xs):
    if any(x is True for x in xs):
        return True
    if any(x is None for x in xs):
        return None
    return False


def cmp(a, op, b):
    if a is None or b is None:
        return None
    return {"ge": a >= b, "gt": a > b, "lt": a < b, "le": a <= b}[op]


def div(a, b):
    if a is None or b is None or b == 0:
        return None
    return Fraction(a) / Fraction(b)


def quantile(values, p):
    v = sorted(values)
    if not v:
        return None
    h = (len(v) - 1) * Fraction(p)
    i = int(h)  # floor, h >= 0
    if i >= len(v) - 1:
        return v[-1]
    return v[i] + (h - i) * (v[i + 1] - v[i])


# ---------------------------------------------------------------------------------------------------------------
# Formatting, as caqes's CSV: rates in percent, half-even at 6 decimals, trailing zeros dropped (money keeps 2).

def fmt_number(x, kind):
    if x is None:
        return ""
    x = Fraction(x)
    if kind == "%":
        x *= 100
    scaled = x * 10 ** 6
    q, r = divmod(scaled.numerator, scaled.denominator)  # floor
    twice = 2 * r
    if twice > scaled.denominator or (twice == scaled.denominator and q % 2 == 1):
        q += 1
    neg = q < 0
    digits = str(abs(q)).rjust(7, "0")
    ip, fp = digits[:-6], digits[-6:]
    keep = 2 if kind == "€" else 0
    fp = fp.rstrip("0")
    if len(fp) < keep:
        fp = fp.ljust(keep, "0")
    return ("-" if neg else "") + ip + ("," + fp if fp else "")


def round_cent(x):
    """Half away from zero at the cent (the incentive of `caqes run`)."""
    if x is None:
        return None
    x = Fraction(x) * 100
    sign = -1 if x < 0 else 1
    a = abs(x)
    q, r = divmod(a.numerator, a.denominator)
    if 2 * r >= a.denominator:
        q += 1
    return Fraction(sign * q, 100)


def fmt_bool(b):
    return "" if b is None else ("oui" if b else "non")


# ---------------------------------------------------------------------------------------------------------------
# Aggregates of the row-level tables, per (finess, année): {name: {(finess, année): value}}.

def agg_dict(frame, cols):
    out = {}
    for c in cols:
        out[c] = {(f, int(y)): v for (f, y), v in frame[c].items()}
    return out


def aggregates(data):
    A = {}
    # séjours (rules/caqes-2022/bon_usage_medicament.caqes, conciliation)
    s = read(data, "séjours", dtype={"finess": str, "année": "int32", "champ": "category", "mode": "category",
                                     "activité": "category", "domaine": "category", "ga": "category",
                                     "durée": "int32"})
    domaines = ["D02", "D04", "D05", "D07", "D09", "D15", "D16", "D17", "D18", "D19", "D20", "D22", "D23"]
    base = (s["champ"] == "MCO") & (s["mode"] == "HC") & s["domaine"].isin(domaines) & s["ga"].notna() \
        & ~s["ga"].isin(["G129", "G212"]) & (s["durée"] >= 3)
    mc = base & s["activité"].isin(["médecine", "chirurgie"])
    med = base & (s["activité"] == "médecine")
    f = pd.DataFrame({"finess": s["finess"], "année": s["année"], "mc": mc, "med": med,
                      "ssr": s["champ"] == "SSR", "psy": s["champ"] == "PSY"})
    del s
    g = f.groupby(["finess", "année"], sort=False)[["mc", "med", "ssr", "psy"]].sum()
    A.update(agg_dict(g, ["mc", "med", "ssr", "psy"]))
    del f, g

    # phev (rules/caqes-2021/produits_de_sante.caqes, rules/caqes-2022/bon_usage_dm.caqes)
    p = read(data, "phev", dtype={"finess": str, "année": "int32", "classe": "category", "patient": str,
                                  "ucd": "int64", "boîtes": "int64", "montant": str})
    p["c"] = cents(p["montant"])
    c = p["classe"]
    cols = {
        "dep_eze": p["c"].where(c == "EZETIMIBE", 0),
        "ucd_eze": p["ucd"].where(c == "EZETIMIBE", 0),
        "ucd_eze_stat": p["ucd"].where(c.isin(["EZETIMIBE", "STATINE"]), 0),
        "dep_ipp": p["c"].where(c == "IPP", 0),
        "box_ipp": p["boîtes"].where(c == "IPP", 0),
        "dep_gra": p["c"].where(c == "PERFADOM_GRA", 0),
        "dep_difpse": p["c"].where(c.isin(["PERFADOM_DIF", "PERFADOM_PSE"]), 0),
        "dep_pans": p["c"].where(c == "PANSEMENT", 0),
    }
    f = pd.DataFrame(cols)
    f["finess"] = p["finess"]
    f["année"] = p["année"]
    g = f.groupby(["finess", "année"], sort=False)[list(cols)].sum()
    A.update(agg_dict(g, list(cols)))
    del f, g
    pans = p[c == "PANSEMENT"]
    A.update(agg_dict(pans.groupby(["finess", "année"], sort=False)[["patient"]].nunique()
                      .rename(columns={"patient": "pat_pans"}), ["pat_pans"]))
    A.update(agg_dict(pans[pans["c"] > 0].groupby(["finess", "année"], sort=False)[["patient"]].nunique()
                      .rename(columns={"patient": "pat_pans_pos"}), ["pat_pans_pos"]))
    del pans
    perf = p[c.isin(["PERFADOM_GRA", "PERFADOM_DIF", "PERFADOM_PSE"]) & (p["c"] > 0)]
    A.update(agg_dict(perf.groupby(["finess", "année"], sort=False)[["patient"]].nunique()
                      .rename(columns={"patient": "pat_perf_pos"}), ["pat_perf_pos"]))
    del perf, p, c

    # unités_de_soins (bon_usage_medicament.caqes, analyse_pharmaceutique)
    u = read(data, "unités_de_soins", dtype={"finess": str, "année": "int32", "type_unité": str, "lits": "Int64",
                                            "niveau_analyse": "Int64"})
    lits = u["lits"].fillna(0)
    niv = u["niveau_analyse"]
    champ = u["type_unité"].notna() & ~u["type_unité"].isin(["REA", "SURC", "NEONAT", "UHCD"])
    f = pd.DataFrame({"finess": u["finess"], "année": u["année"], "lits": lits,
                      "lits_23": lits.where(niv.isin([2, 3]).fillna(False), 0),
                      "lits_champ": lits.where(champ, 0),
                      "lits_champ_23": lits.where(champ & (niv >= 2).fillna(False), 0)})
    g = f.groupby(["finess", "année"], sort=False)[["lits", "lits_23", "lits_champ", "lits_champ_23"]].sum()
    A.update(agg_dict(g, ["lits", "lits_23", "lits_champ", "lits_champ_23"]))

    # hospitalisations_ic (rules/caqes-2021/pertinence.caqes with exclure_décédés_ic = vrai, rules/caqes-2022)
    h = read(data, "hospitalisations_ic", dtype={"finess": str, "année": "int32", "patient": str, "âge": "int32",
                                                 "entrée": str, "sortie": str, "décès": str, "montant": str})
    h = pd.DataFrame({"finess": h["finess"], "année": h["année"], "patient": h["patient"], "age": h["âge"],
                      "ent": days(h["entrée"]), "sor": days(h["sortie"]), "vivant": h["décès"].isna(),
                      "c": cents(h["montant"])})
    h["id"] = np.arange(len(h))
    pr = h.merge(h[["finess", "patient", "année", "age", "ent", "sor"]], on=["finess", "patient"], suffixes=("", "_s"))
    same = pr["année_s"] == pr["année"]
    nxt = pr["année_s"] == pr["année"] + 1
    prev = pr["année_s"] == pr["année"] - 1
    gap_s = pr["ent_s"] - pr["sor"]      # jours_entre(r.sortie, s.entrée)
    gap_r = pr["ent"] - pr["sor_s"]      # jours_entre(s.sortie, r.entrée)
    earlier = pr["ent"] - pr["ent_s"] > 0  # s entered before r
    flags = pd.DataFrame({
        "id": pr["id"],
        "has_earlier": same & earlier,
        "readm_same": same & (gap_s >= 1) & (gap_s <= 90),
        "readm_next": nxt & (gap_s >= 1) & (gap_s <= 90),
        "a_prev": same & (gap_r >= 1),
        "a_bad": same & earlier & ((pr["age_s"] < 40) | (gap_r > 90)),
        "b_prev": prev & (gap_r >= 1),
        "b_bad": prev & ((pr["age_s"] < 40) | (gap_r > 90)),
    }).groupby("id", sort=True).any()
    del pr
    h = h.join(flags, on="id")
    first = (h["age"] >= 40) & h["vivant"] & ~h["has_earlier"]
    readm = first & (h["readm_same"] | h["readm_next"])
    a = h["vivant"] & h["a_prev"] & ~h["a_bad"]           # readmissions of year N counted in N
    b = h["vivant"] & h["b_prev"] & ~h["b_bad"]           # readmissions of year N+1 counted in N
    f = pd.DataFrame({"finess": h["finess"], "année": h["année"], "ic_first": first, "ic_readm": readm,
                      "ic_a": a, "ic_a_c": h["c"].where(a, 0)})
    g = f.groupby(["finess", "année"], sort=False)[["ic_first", "ic_readm", "ic_a", "ic_a_c"]].sum()
    A.update(agg_dict(g, ["ic_first", "ic_readm", "ic_a", "ic_a_c"]))
    f = pd.DataFrame({"finess": h["finess"], "année": h["année"] - 1, "ic_b": b, "ic_b_c": h["c"].where(b, 0)})
    g = f.groupby(["finess", "année"], sort=False)[["ic_b", "ic_b_c"]].sum()
    A.update(agg_dict(g, ["ic_b", "ic_b_c"]))
    del h, f, g, flags

    # interventions and biologie (rules/caqes-2021/epa.caqes)
    it = read(data, "interventions", dtype={"finess": str, "année": "int32", "patient": str, "date": str,
                                            "âge": "int32", "risque_hémorragique": str, "ghm": str, "geste": str,
                                            "anesthésie": str})
    it = pd.DataFrame({"finess": it["finess"], "année": it["année"], "patient": it["patient"], "d": days(it["date"]),
                       "age": it["âge"], "risque": it["risque_hémorragique"] == "oui", "ghm": it["ghm"].fillna(""),
                       "geste": it["geste"], "anest": it["anesthésie"] == "oui"})
    it["id"] = np.arange(len(it))
    ghm = it["ghm"]
    pop_enf = (it["age"] >= 2) & (it["age"] <= 17) & ~it["risque"] & (it["geste"] == "AMYG")
    pop_adu = (it["age"] >= 18) & ~it["risque"] & (
        ((ghm.str[2:3] == "C") & ~ghm.str.startswith("14")) | ghm.str[0:5].isin(["03K02", "06K02", "06K04"])
        | ((ghm == "04K02J") & it["anest"]))
    pop_sang = it["geste"].isin(["CHOL", "THYR", "DISQ", "SEIN"])
    pop_iono = (it["geste"] == "MINEURE") & it["anest"]
    bio = read(data, "biologie", dtype={"finess": str, "année": "int32", "patient": str, "date": str, "nabm": str,
                                        "montant": str})
    bio = pd.DataFrame({"finess": bio["finess"], "année": bio["année"], "patient": bio["patient"],
                        "db": days(bio["date"]), "nabm": bio["nabm"], "c": cents(bio["montant"])})
    sel = it[pop_enf | pop_adu | pop_sang | pop_iono][["id", "finess", "année", "patient", "d"]]
    pr = sel.merge(bio, on=["finess", "année", "patient"])
    gap = pr["d"] - pr["db"]  # jours_entre(biologie.date, interventions.date)
    pr = pr[(gap >= 0) & (gap <= 30)]
    n = pr["nabm"]
    kinds = {
        "h1104": n == "1104", "h0126": n == "0126", "h1127": n == "1127",
        "h1140": n == "1140", "h1145": n == "1145", "h1141": n == "1141",
        "hiono": n.isin(["1609", "1610"]),
        "in_enf": n.isin(["1104", "0126", "1127"]), "in_adu": n.isin(["0126", "1127"]),
        "in_sang": n.isin(["1140", "1145", "1141"]),
    }
    f = pd.DataFrame(kinds)
    f["id"] = pr["id"]
    for k in ("enf", "adu", "sang"):
        f["c_" + k] = pr["c"].where(kinds["in_" + k], 0)
    f["c_iono"] = pr["c"].where(kinds["hiono"], 0)
    per = f.groupby("id", sort=True).agg(
        h1104=("h1104", "any"), h0126=("h0126", "any"), h1127=("h1127", "any"), h1140=("h1140", "any"),
        h1145=("h1145", "any"), h1141=("h1141", "any"), hiono=("hiono", "any"),
        n_enf=("in_enf", "sum"), n_adu=("in_adu", "sum"), n_sang=("in_sang", "sum"), n_iono=("hiono", "sum"),
        c_enf=("c_enf", "sum"), c_adu=("c_adu", "sum"), c_sang=("c_sang", "sum"), c_iono=("c_iono", "sum"))
    del pr, f, bio
    it = it.join(per, on="id")
    for col in per.columns:
        it[col] = it[col].fillna(0).astype("int64")
    inu = {
        "enf": pop_enf & (it["h1104"] > 0) & (it["h0126"] > 0) & (it["h1127"] > 0),
        "adu": pop_adu & (it["h0126"] > 0) & (it["h1127"] > 0),
        "sang": pop_sang & (it["h1140"] > 0) & (it["h1145"] > 0) & (it["h1141"] > 0),
        "iono": pop_iono & (it["hiono"] > 0),
    }
    pops = {"enf": pop_enf, "adu": pop_adu, "sang": pop_sang, "iono": pop_iono}
    sel_n = sum(pops[k].astype("int64") for k in pops)
    inu_n = sum(inu[k].astype("int64") for k in inu)
    mont = sum(it["c_" + k].where(inu[k], 0) for k in inu)
    actes = sum(it["n_" + k].where(pops[k], 0) for k in pops)
    actes_ev = sum(it["n_" + k].where(inu[k], 0) for k in inu)
    f = pd.DataFrame({"finess": it["finess"], "année": it["année"], "epa_sel": sel_n, "epa_inu": inu_n,
                      "epa_mont": mont, "epa_actes": actes, "epa_actes_ev": actes_ev})
    cols = ["epa_sel", "epa_inu", "epa_mont", "epa_actes", "epa_actes_ev"]
    A.update(agg_dict(f.groupby(["finess", "année"], sort=False)[cols].sum(), cols))
    return A


# ---------------------------------------------------------------------------------------------------------------
# The per-establishment tables (small): plain Python.

def read_small(data, name):
    rows = read(data, name, dtype=str)
    return [{k: (None if (isinstance(v, float) and v != v) else v) for k, v in r.items()} for r in rows.to_dict("records")]


def money(v):
    return None if v is None else Fraction(v.replace(" ", "").replace(",", "."))


def number(v):
    return None if v is None else Fraction(v.replace(" ", "").replace(",", "."))


def boolean(v):
    return None if v is None else v == "oui"


def figures(data):
    A = aggregates(data)
    estabs = read_small(data, "établissements")
    E = [e["finess"] for e in estabs]
    cat = {e["finess"]: e["catégorie"] for e in estabs}
    chu = {e["finess"]: boolean(e["chu"]) for e in estabs}
    les = {(r["finess"], int(r["année"])): r for r in read_small(data, "liste_en_sus")}
    pc = {(r["finess"], int(r["année"])): r for r in read_small(data, "pharmacie_clinique")}
    auto = {r["finess"]: r for r in read_small(data, "autorisations")}
    decl = {(r["finess"], int(r["année"])): r for r in read_small(data, "déclarations_omedit")}

    def a(name, e, y):
        return A[name].get((e, y), 0)  # compte / somme / compte_distinct: 0 without rows

    def col(table, key, c, conv):
        r = table.get(key)
        return None if r is None else conv(r.get(c))

    def regional(e):  # ciblé_régional_produits_de_santé
        mo, dmi = col(les, (e, 2019), "mo", money), col(les, (e, 2019), "dmi", money)
        return None if mo is None or dmi is None else mo + dmi > 500000

    out = []

    def emit(e, ind, y, ciblé, valeur="", unit="", cible="", atteint="", inc=None, has_inc=False):
        shown = ciblé is True
        if has_inc:
            inc_s = fmt_number(round_cent(inc), "€") if shown else "0,00"
        else:
            inc_s = ""
        out.append([e, ind, str(y), fmt_bool(ciblé is True), valeur, unit, cible if shown else "",
                    atteint if shown else "", inc_s])

    years = [2019] + CONTRACT_YEARS + [2025]

    # EPA
    for e in E:
        part = {y: div(a("epa_inu", e, y), a("epa_sel", e, y)) for y in range(2019, 2026)}
        mont = {y: Fraction(a("epa_mont", e, y), 100) for y in range(2019, 2026)}
        pae = div(a("epa_actes_ev", e, 2019), a("epa_actes", e, 2019))
        pre = et(a("epa_sel", e, 2019) > 1000, cmp(part[2019], "gt", 0))
        cib = et(pre, ou(mont[2019] >= 10000, et(mont[2019] > 5500, cmp(pae, "ge", Fraction(15, 100)))))
        for y in CONTRACT_YEARS:
            emit(e, "examens_pré_anesthésiques", y, cib, fmt_number(part[y], "%"), "%",
                 inc=Fraction(30, 100) * max(0, mont[y - 1] - mont[y]), has_inc=True)

    # Heart failure
    taux, first, rehosp, dep = {}, {}, {}, {}
    for e in E:
        for y in range(2019, 2026):
            first[e, y] = a("ic_first", e, y)
            taux[e, y] = div(a("ic_readm", e, y), first[e, y])
            rehosp[e, y] = a("ic_a", e, y) + a("ic_b", e, y)
            dep[e, y] = Fraction(a("ic_a_c", e, y) + a("ic_b_c", e, y), 100)
    st = {}
    for y in [2019]:
        pos = [first[e, y] for e in E if first[e, y] > 0]
        tx = [taux[e, y] for e in E if taux[e, y] is not None]
        st[y] = (quantile(pos, Fraction(1, 4)), quantile(pos, Fraction(1, 2)), quantile(tx, Fraction(3, 4)),
                 quantile(tx, Fraction(1, 2)))
    for e in E:
        q1, med_s, q3_t, med_t = st[2019]
        crit = et(rehosp[e, 2019] > 10, ou(et(cmp(first[e, 2019], "gt", q1), cmp(taux[e, 2019], "gt", q3_t)),
                                           et(cmp(first[e, 2019], "gt", med_s), cmp(taux[e, 2019], "gt", med_t))))
        for y in CONTRACT_YEARS:
            emit(e, "insuffisance_cardiaque", y, crit, fmt_number(taux[e, y], "%"), "%",
                 inc=Fraction(30, 100) * max(0, dep[e, y - 1] - dep[e, y]), has_inc=True)

    # ézétimibe, IPP, PERFADOM
    for e in E:
        dep_eze = {y: Fraction(a("dep_eze", e, y), 100) for y in range(2019, 2025)}
        part = div(a("ucd_eze", e, 2019), a("ucd_eze_stat", e, 2019))
        cib = et(cmp(part, "ge", Fraction(9, 100)), dep_eze[2019] >= 20000)
        for y in CONTRACT_YEARS:
            v = dep_eze[y] - dep_eze[y - 1]
            emit(e, "ézétimibe", y, cib, fmt_number(v, "€"), "€", inc=Fraction(30, 100) * max(0, -v), has_inc=True)
    for e in E:
        dep = {y: Fraction(a("dep_ipp", e, y), 100) for y in range(2019, 2025)}
        cib = a("box_ipp", e, 2019) >= 8500
        for y in CONTRACT_YEARS:
            v = dep[y] - dep[y - 1]
            emit(e, "ipp", y, cib, fmt_number(v, "€"), "€", inc=Fraction(20, 100) * max(0, -v), has_inc=True)
    for e in E:
        difpse = {y: Fraction(a("dep_difpse", e, y), 100) for y in range(2019, 2025)}
        tot = {y: difpse[y] + Fraction(a("dep_gra", e, y), 100) for y in range(2019, 2025)}
        val = {y: div(difpse[y], tot[y]) for y in range(2019, 2025)}
        cib = et(cmp(val[2019], "ge", Fraction(80, 100)), difpse[2019] >= 100000)
        for y in CONTRACT_YEARS:
            emit(e, "perfadom", y, cib, fmt_number(val[y], "%"), "%",
                 inc=Fraction(20, 100) * max(0, tot[y - 1] - tot[y]), has_inc=True)

    # pansements: the mean amount per patient and its mean over the establishment's category
    mm = {(e, y): div(Fraction(a("dep_pans", e, y), 100), a("pat_pans", e, y)) for e in E for y in range(2019, 2025)}
    for e in E:
        group = [mm[x, 2019] for x in E if cat[x] == cat[e] and mm[x, 2019] is not None]
        moy = sum(group, Fraction(0)) / len(group) if group else None
        cib = et(a("pat_pans", e, 2019) > 100,
                 cmp(mm[e, 2019], "gt", None if moy is None else moy * Fraction(140, 100)))
        for y in CONTRACT_YEARS:
            v = None if mm[e, y] is None or mm[e, y - 1] is None else (mm[e, y] - mm[e, y - 1]) * a("pat_pans", e, y)
            emit(e, "pansements", y, cib, fmt_number(v, "€"), "€",
                 inc=None if v is None else Fraction(30, 100) * max(0, -v), has_inc=True)

    # the AAPP done at some point of the contract (2022 to N)
    def done(e, c, y):
        v = col(decl, (e, 2022), c, boolean)
        return ou(v, et(y >= 2023, col(decl, (e, 2023), c, boolean)), et(y >= 2024, col(decl, (e, 2024), c, boolean)))

    def reached(v, y):
        if v is None:
            return None
        return True if v else (None if y < 2024 else False)

    cib_perf, cib_pans = {}, {}
    for e in E:
        cib_perf[e] = et(regional(e), a("pat_perf_pos", e, 2019) >= 100)
        for y in CONTRACT_YEARS:
            v = done(e, "aapp_perfadom", y)
            emit(e, "aapp_perfadom", y, cib_perf[e], fmt_bool(v), "", "oui", fmt_bool(reached(v, y)))
    for e in E:
        cib_pans[e] = et(regional(e), a("pat_pans_pos", e, 2019) >= 1000, Fraction(a("dep_pans", e, 2019), 100) >= 50000)
        for y in CONTRACT_YEARS:
            v = done(e, "aapp_pansements", y)
            emit(e, "aapp_pansements", y, cib_pans[e], fmt_bool(v), "", "oui", fmt_bool(reached(v, y)))
    for e in E:
        for y in CONTRACT_YEARS:
            emit(e, "bon_usage_dm", y, ou(cib_perf[e], cib_pans[e]))

    # conciliation and the sub-indicators that count the 2019 stays
    for e in E:
        mc, med = a("mc", e, 2019), a("med", e, 2019)
        conc = mc + a("ssr", e, 2019) + a("psy", e, 2019)
        cib = et(regional(e), mc >= 1000, med >= 100)
        for y in CONTRACT_YEARS:
            rate = ({2022: 20, 2023: 30, 2024: 40} if chu[e] else {2022: 5, 2023: Fraction(15, 2), 2024: 10})[y]
            cible = None if chu[e] is None else Fraction(rate, 100) * conc
            val = col(pc, (e, y), "conciliations", number)
            emit(e, "conciliation", y, cib, fmt_number(val, ""), "", fmt_number(cible, ""),
                 fmt_bool(cmp(val, "ge", cible)))
    crit = {}
    for e in E:
        crit[e] = et(regional(e), a("med", e, 2019) >= 500, boolean(auto.get(e, {}).get("chimiothérapie")))
        for y in CONTRACT_YEARS:
            v = et(col(decl, (e, y), "état_des_lieux_entretiens", boolean), col(decl, (e, y), "plan_actions_entretiens", boolean))
            emit(e, "entretien_pharmaceutique", y, et(y == 2022, crit[e]), fmt_bool(v), "", "oui", fmt_bool(v))
    for ind, c in (("entretiens_chimiothérapie_orale", "entretiens_chimio_orale"), ("entretiens_autres_domaines", "entretiens_autres")):
        for e in E:
            for y in CONTRACT_YEARS:
                emit(e, ind, y, et(y >= 2023, crit[e]), fmt_number(col(decl, (e, y), c, number), ""), "")
    for e in E:
        cib = et(regional(e), a("med", e, 2019) >= 1000)
        for y in CONTRACT_YEARS:
            v = done(e, "aapp_mpi", y)
            emit(e, "aapp_mpi", y, cib, fmt_bool(v), "", "oui", fmt_bool(reached(v, y)))

    # analyse pharmaceutique (unités_de_soins)
    for e in E:
        for y in CONTRACT_YEARS:
            if y >= 2024:
                v = div(a("lits_champ_23", e, y), a("lits_champ", e, y))
            else:
                v = div(a("lits_23", e, y), a("lits", e, y))
            cible = Fraction({2022: 80, 2023: 90, 2024: 100}[y], 100)
            emit(e, "analyse_pharmaceutique", y, regional(e), fmt_number(v, "%"), "%", fmt_number(cible, "%"),
                 fmt_bool(cmp(v, "ge", cible)))
    order = {ind: i for i, ind in enumerate(COMPARED)}
    pos = {e: i for i, e in enumerate(E)}
    out.sort(key=lambda r: (order[r[1]], pos[r[0]], r[2]))
    return out


# ---------------------------------------------------------------------------------------------------------------
# The one-table workload: bench/one-table/contrat.caqes, the stays of one year (ONE_TABLE_YEAR) of séjours.csv.

ONE_TABLE_YEAR = 2019


def one_table_figures(data):
    s = read(data, "séjours", dtype={"finess": str, "année": "int32", "champ": "category", "mode": "category",
                                     "activité": "category", "domaine": "category", "ga": "category",
                                     "durée": "Int64"})
    s = s[s["année"] == ONE_TABLE_YEAR]
    domaines = ["D02", "D04", "D05", "D07", "D09", "D15", "D16", "D17", "D18", "D19", "D20", "D22", "D23"]
    # An empty cell (NaN) makes the condition absent in the rules, and the row is not counted: isin and == are
    # False on NaN, and `ga non dans [...]` needs ga present.
    mco = s["champ"] == "MCO"
    hc = mco & (s["mode"] == "HC")
    base = hc & s["domaine"].isin(domaines) & s["ga"].notna() & ~s["ga"].isin(["G129", "G212"]) \
        & (s["durée"] >= 3).fillna(False)
    chir = mco & (s["activité"] == "chirurgie")
    f = pd.DataFrame({"finess": s["finess"],
                      "mc": base & s["activité"].isin(["médecine", "chirurgie"]),
                      "med": base & (s["activité"] == "médecine"),
                      "ssr": s["champ"] == "SSR", "psy": s["champ"] == "PSY",
                      "chir": chir, "amb": chir & (s["mode"] == "HP"),
                      "hc": hc, "hc_n": hc & s["durée"].notna(),
                      "hc_days": s["durée"].where(hc, 0).fillna(0).astype("int64")})
    del s
    cols = ["mc", "med", "ssr", "psy", "chir", "amb", "hc", "hc_n", "hc_days"]
    g = f.groupby("finess", sort=False)[cols].sum()
    agg = {c: {e: int(v) for e, v in g[c].items()} for c in cols}

    def a(c, e):
        return agg[c].get(e, 0)  # compte / somme: 0 without rows

    out = []
    y = str(ONE_TABLE_YEAR)
    for e in (r["finess"] for r in read_small(data, "établissements")):
        mc, med = a("mc", e), a("med", e)
        out.append([e, "conciliation", y, fmt_bool(mc >= 1000 and med >= 100),
                    fmt_number(mc + a("ssr", e) + a("psy", e), ""), "", "", "", ""])
        out.append([e, "entretien_pharmaceutique", y, fmt_bool(med >= 500), fmt_number(med, ""), "", "", "", ""])
        out.append([e, "aapp_mpi", y, fmt_bool(med >= 1000), fmt_number(med, ""), "", "", "", ""])
        out.append([e, "chirurgie_ambulatoire", y, fmt_bool(a("chir", e) > 0),
                    fmt_number(div(a("amb", e), a("chir", e)), "%"), "%", "", "", ""])
        out.append([e, "durée_moyenne_hc", y, fmt_bool(a("hc", e) > 0),
                    fmt_number(div(a("hc_days", e), a("hc_n", e)), ""), "", "", "", ""])
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", help="CSV file (default: standard output)")
    ap.add_argument("--workload", choices=["whole", "one-table"], default="whole")
    args = ap.parse_args()
    rows = figures(args.data) if args.workload == "whole" else one_table_figures(args.data)
    text = "entité;indicateur;année;ciblé;valeur;unité;cible;atteint;intéressement\n" + "".join(
        ";".join(r) + "\n" for r in rows)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
