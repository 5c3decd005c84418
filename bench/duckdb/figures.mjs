// The CAQES 2022 figures that come from the row-level tables, computed with DuckDB (bench/run compares them with
// `caqes run rules/caqes-2022 --format csv` and with bench/pandas_figures.py); with --workload one-table, the figures
// of the one-table contract bench/one-table (the stay counts of séjours.csv alone, one year).
//
//     node bench/duckdb/figures.mjs --data DIR [--out FILE] [--workload whole|one-table] [--threads N]
//
// DuckDB (npm @duckdb/node-api, an in-memory database, --threads threads, by default 2) reads every CSV and does
// all the work on the rows, in the SQL below, written by hand: one pass of filtered aggregates over séjours and phev
// straight from the CSV, the self-join of the heart-failure stays by patient, the join of the interventions with
// their lab acts. Money is read as DECIMAL(18,2) and summed in integer cents, so the aggregates are exact.
// The formulas on the resulting per-establishment and per-year aggregates (a few hundred numbers: differences between
// years, rates, the category mean, quartiles, 30 %, rounding to the cent) are done in JS with exact BigInt fractions,
// like caqes (exact rationals) and bench/pandas_figures.py: DuckDB divides DECIMALs in DOUBLE, which would not give the
// same digits. The output has the shape of caqes's CSV; the indicators compared are COMPARED (ONE_TABLE) below.

import { DuckDBInstance } from '@duckdb/node-api';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CONTRACT_YEARS = [2022, 2023, 2024];
const COMPARED = [
  'examens_pré_anesthésiques', 'insuffisance_cardiaque', 'ézétimibe', 'ipp', 'perfadom', 'pansements',
  'aapp_perfadom', 'aapp_pansements', 'bon_usage_dm', 'conciliation', 'entretien_pharmaceutique',
  'entretiens_chimiothérapie_orale', 'entretiens_autres_domaines', 'aapp_mpi', 'analyse_pharmaceutique',
];

function args() {
  const a = process.argv.slice(2);
  const out = { workload: 'whole', threads: '2' };
  for (let i = 0; i < a.length; i += 2) out[a[i].replace(/^--/, '')] = a[i + 1];
  if (!out.data || !['whole', 'one-table'].includes(out.workload) || !/^[1-9][0-9]*$/.test(out.threads)) {
    console.error('usage: node figures.mjs --data DIR [--out FILE] [--workload whole|one-table] [--threads N]');
    process.exit(2);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// SQL

const csv = (dir, name, columns) =>
  `read_csv('${join(dir, name + '.csv').replaceAll("'", "''")}', delim=';', header=true, decimal_separator=',', ` +
  `quote='', escape='', columns={${Object.entries(columns).map(([k, v]) => `'${k}': '${v}'`).join(', ')}})`;

const DOMAINES = "('D02','D04','D05','D07','D09','D15','D16','D17','D18','D19','D20','D22','D23')";
const SEJOURS_COLUMNS = { finess: 'VARCHAR', 'année': 'INTEGER', champ: 'VARCHAR', mode: 'VARCHAR', 'activité': 'VARCHAR', domaine: 'VARCHAR', ga: 'VARCHAR', 'durée': 'BIGINT' };

function sql(dir) {
  return {
    // rules/caqes-2022/bon_usage_medicament.caqes, conciliation: the stays counted, per establishment and year.
    séjours: `
      SELECT finess, "année" AS y,
        count(*) FILTER (WHERE champ = 'MCO' AND mode = 'HC' AND "activité" IN ('médecine', 'chirurgie')
                           AND domaine IN ${DOMAINES} AND ga NOT IN ('G129', 'G212') AND "durée" >= 3) AS mc,
        count(*) FILTER (WHERE champ = 'MCO' AND mode = 'HC' AND "activité" = 'médecine'
                           AND domaine IN ${DOMAINES} AND ga NOT IN ('G129', 'G212') AND "durée" >= 3) AS med,
        count(*) FILTER (WHERE champ = 'SSR') AS ssr,
        count(*) FILTER (WHERE champ = 'PSY') AS psy
      FROM ${csv(dir, 'séjours', SEJOURS_COLUMNS)}
      GROUP BY ALL`,

    // rules/caqes-2021/produits_de_sante.caqes (ézétimibe, IPP, PERFADOM, pansements) and
    // rules/caqes-2022/bon_usage_dm.caqes (AAPP PERFADOM, AAPP pansements): one pass over the PHEV lines.
    phev: `
      WITH p AS (
        SELECT finess, "année" AS y, classe, patient, ucd, "boîtes" AS boxes, CAST(montant * 100 AS BIGINT) AS c
        FROM ${csv(dir, 'phev', { finess: 'VARCHAR', 'année': 'INTEGER', classe: 'VARCHAR', patient: 'VARCHAR', ucd: 'BIGINT', 'boîtes': 'BIGINT', montant: 'DECIMAL(18,2)' })})
      SELECT finess, y,
        sum(c) FILTER (WHERE classe = 'EZETIMIBE') AS dep_eze,
        sum(ucd) FILTER (WHERE classe = 'EZETIMIBE') AS ucd_eze,
        sum(ucd) FILTER (WHERE classe IN ('EZETIMIBE', 'STATINE')) AS ucd_eze_stat,
        sum(c) FILTER (WHERE classe = 'IPP') AS dep_ipp,
        sum(boxes) FILTER (WHERE classe = 'IPP') AS box_ipp,
        sum(c) FILTER (WHERE classe = 'PERFADOM_GRA') AS dep_gra,
        sum(c) FILTER (WHERE classe IN ('PERFADOM_DIF', 'PERFADOM_PSE')) AS dep_difpse,
        sum(c) FILTER (WHERE classe = 'PANSEMENT') AS dep_pans,
        count(DISTINCT patient) FILTER (WHERE classe = 'PANSEMENT') AS pat_pans,
        count(DISTINCT patient) FILTER (WHERE classe = 'PANSEMENT' AND c > 0) AS pat_pans_pos,
        count(DISTINCT patient) FILTER (WHERE classe IN ('PERFADOM_GRA', 'PERFADOM_DIF', 'PERFADOM_PSE') AND c > 0) AS pat_perf_pos
      FROM p GROUP BY ALL`,

    // rules/caqes-2022/bon_usage_medicament.caqes, analyse_pharmaceutique.
    unités: `
      SELECT finess, "année" AS y,
        sum(lits) AS lits,
        sum(lits) FILTER (WHERE niveau_analyse IN (2, 3)) AS lits_23,
        sum(lits) FILTER (WHERE "type_unité" NOT IN ('REA', 'SURC', 'NEONAT', 'UHCD')) AS lits_champ,
        sum(lits) FILTER (WHERE "type_unité" NOT IN ('REA', 'SURC', 'NEONAT', 'UHCD') AND niveau_analyse >= 2) AS lits_champ_23
      FROM ${csv(dir, 'unités_de_soins', { finess: 'VARCHAR', 'année': 'INTEGER', 'unité': 'VARCHAR', 'type_unité': 'VARCHAR', lits: 'BIGINT', niveau_analyse: 'BIGINT' })}
      GROUP BY ALL`,

    // rules/caqes-2021/pertinence.caqes, insuffisance_cardiaque, with exclure_décédés_ic = vrai (rules/caqes-2022):
    // each stay r is joined to every stay s of the same patient in the same establishment (r itself included, as
    // in the rules' existe), and the existe of the rules become bool_or over those pairs.
    ic: [`
      CREATE TEMP TABLE ic AS
      SELECT row_number() OVER () AS id, finess, "année" AS y, patient, "âge" AS age, "entrée" AS ent, sortie AS sor,
             "décès" IS NULL AS vivant, CAST(montant * 100 AS BIGINT) AS c
      FROM ${csv(dir, 'hospitalisations_ic', { finess: 'VARCHAR', 'année': 'INTEGER', patient: 'VARCHAR', 'âge': 'BIGINT', 'entrée': 'DATE', sortie: 'DATE', 'décès': 'DATE', montant: 'DECIMAL(18,2)' })}`, `
      CREATE TEMP TABLE ic_flags AS
      SELECT r.id, r.finess, r.y, r.age, r.vivant, r.c,
        bool_or(s.y = r.y AND r.ent - s.ent > 0) AS has_earlier,                                   -- an earlier stay in N
        bool_or(s.y = r.y AND s.ent - r.sor BETWEEN 1 AND 90) AS readm_same,                       -- readmitted in N
        bool_or(s.y = r.y + 1 AND s.ent - r.sor BETWEEN 1 AND 90) AS readm_next,                   -- readmitted in N+1
        bool_or(s.y = r.y AND r.ent - s.sor >= 1) AS a_prev,                                       -- a stay ended before r
        bool_or(s.y = r.y AND r.ent - s.ent > 0 AND s.age < 40) AS a_young,
        bool_or(s.y = r.y AND r.ent - s.ent > 0 AND r.ent - s.sor > 90) AS a_far,
        bool_or(s.y = r.y - 1 AND r.ent - s.sor >= 1) AS b_prev,                                   -- r in N+1, after a stay of N
        bool_or(s.y = r.y - 1 AND s.age < 40) AS b_young,
        bool_or(s.y = r.y - 1 AND r.ent - s.sor > 90) AS b_far
      FROM ic r JOIN ic s ON s.finess = r.finess AND s.patient = r.patient
      GROUP BY r.id, r.finess, r.y, r.age, r.vivant, r.c`, `
      WITH counted AS (
        SELECT finess, y,
          count(*) FILTER (WHERE age >= 40 AND vivant AND NOT has_earlier) AS ic_first,
          count(*) FILTER (WHERE age >= 40 AND vivant AND NOT has_earlier AND (readm_same OR readm_next)) AS ic_readm,
          count(*) FILTER (WHERE vivant AND a_prev AND NOT a_young AND NOT a_far) AS ic_a,
          sum(c) FILTER (WHERE vivant AND a_prev AND NOT a_young AND NOT a_far) AS ic_a_c,
          0 AS ic_b, 0 AS ic_b_c
        FROM ic_flags GROUP BY ALL
        UNION ALL
        SELECT finess, y - 1 AS y, 0, 0, 0, 0,
          count(*) FILTER (WHERE vivant AND b_prev AND NOT b_young AND NOT b_far) AS ic_b,
          sum(c) FILTER (WHERE vivant AND b_prev AND NOT b_young AND NOT b_far) AS ic_b_c
        FROM ic_flags GROUP BY ALL)
      SELECT finess, y, sum(ic_first) AS ic_first, sum(ic_readm) AS ic_readm, sum(ic_a) AS ic_a,
             sum(ic_a_c) AS ic_a_c, sum(ic_b) AS ic_b, sum(ic_b_c) AS ic_b_c
      FROM counted GROUP BY ALL`],

    // rules/caqes-2021/epa.caqes: the four populations of interventions, their lab acts of the 30 days before
    // (same establishment, same year of the extract, same patient), the bilans found, the acts and their amounts.
    epa: [`
      CREATE TEMP TABLE iv AS
      SELECT *,
        -- a condition on an empty cell is absent in the rules, and an absent filter does not count the row
        coalesce(age BETWEEN 2 AND 17 AND NOT risque AND geste = 'AMYG', false) AS p_enf,
        coalesce(age >= 18 AND NOT risque AND (((substr(ghm, 3, 1) = 'C' AND NOT starts_with(ghm, '14'))
                                                OR substr(ghm, 1, 5) IN ('03K02', '06K02', '06K04'))
                                               OR (ghm = '04K02J' AND anest)), false) AS p_adu,
        coalesce(geste IN ('CHOL', 'THYR', 'DISQ', 'SEIN'), false) AS p_sang,
        coalesce(geste = 'MINEURE' AND anest, false) AS p_iono
      FROM (SELECT row_number() OVER () AS id, finess, "année" AS y, patient, date AS d, "âge" AS age,
                   "risque_hémorragique" = 'oui' AS risque, ghm, geste, "anesthésie" = 'oui' AS anest
            FROM ${csv(dir, 'interventions', { finess: 'VARCHAR', 'année': 'INTEGER', patient: 'VARCHAR', date: 'DATE', 'âge': 'BIGINT', 'risque_hémorragique': 'VARCHAR', ghm: 'VARCHAR', geste: 'VARCHAR', 'anesthésie': 'VARCHAR' })})`, `
      WITH bio AS (
        SELECT finess, "année" AS y, patient, date AS db, nabm, CAST(montant * 100 AS BIGINT) AS c
        FROM ${csv(dir, 'biologie', { finess: 'VARCHAR', 'année': 'INTEGER', patient: 'VARCHAR', date: 'DATE', nabm: 'VARCHAR', montant: 'DECIMAL(18,2)' })}),
      acts AS (
        SELECT i.id,
          bool_or(b.nabm = '1104') AS h1104, bool_or(b.nabm = '0126') AS h0126, bool_or(b.nabm = '1127') AS h1127,
          bool_or(b.nabm = '1140') AS h1140, bool_or(b.nabm = '1145') AS h1145, bool_or(b.nabm = '1141') AS h1141,
          bool_or(b.nabm IN ('1609', '1610')) AS hiono,
          count(*) FILTER (WHERE b.nabm IN ('1104', '0126', '1127')) AS n_enf,
          count(*) FILTER (WHERE b.nabm IN ('0126', '1127')) AS n_adu,
          count(*) FILTER (WHERE b.nabm IN ('1140', '1145', '1141')) AS n_sang,
          count(*) FILTER (WHERE b.nabm IN ('1609', '1610')) AS n_iono,
          coalesce(sum(b.c) FILTER (WHERE b.nabm IN ('1104', '0126', '1127')), 0) AS c_enf,
          coalesce(sum(b.c) FILTER (WHERE b.nabm IN ('0126', '1127')), 0) AS c_adu,
          coalesce(sum(b.c) FILTER (WHERE b.nabm IN ('1140', '1145', '1141')), 0) AS c_sang,
          coalesce(sum(b.c) FILTER (WHERE b.nabm IN ('1609', '1610')), 0) AS c_iono
        FROM iv i JOIN bio b ON b.finess = i.finess AND b.y = i.y AND b.patient = i.patient
                             AND i.d - b.db BETWEEN 0 AND 30
        WHERE i.p_enf OR i.p_adu OR i.p_sang OR i.p_iono
        GROUP BY i.id),
      s AS (
        SELECT i.finess, i.y, i.p_enf, i.p_adu, i.p_sang, i.p_iono,
          coalesce(i.p_enf AND a.h1104 AND a.h0126 AND a.h1127, false) AS u_enf,
          coalesce(i.p_adu AND a.h0126 AND a.h1127, false) AS u_adu,
          coalesce(i.p_sang AND a.h1140 AND a.h1145 AND a.h1141, false) AS u_sang,
          coalesce(i.p_iono AND a.hiono, false) AS u_iono,
          coalesce(a.n_enf, 0) AS n_enf, coalesce(a.n_adu, 0) AS n_adu, coalesce(a.n_sang, 0) AS n_sang,
          coalesce(a.n_iono, 0) AS n_iono, coalesce(a.c_enf, 0) AS c_enf, coalesce(a.c_adu, 0) AS c_adu,
          coalesce(a.c_sang, 0) AS c_sang, coalesce(a.c_iono, 0) AS c_iono
        FROM iv i LEFT JOIN acts a ON a.id = i.id)
      SELECT finess, y,
        sum(p_enf::INT + p_adu::INT + p_sang::INT + p_iono::INT) AS epa_sel,
        sum(u_enf::INT + u_adu::INT + u_sang::INT + u_iono::INT) AS epa_inu,
        sum(CASE WHEN u_enf THEN c_enf ELSE 0 END + CASE WHEN u_adu THEN c_adu ELSE 0 END
            + CASE WHEN u_sang THEN c_sang ELSE 0 END + CASE WHEN u_iono THEN c_iono ELSE 0 END) AS epa_mont,
        sum(CASE WHEN p_enf THEN n_enf ELSE 0 END + CASE WHEN p_adu THEN n_adu ELSE 0 END
            + CASE WHEN p_sang THEN n_sang ELSE 0 END + CASE WHEN p_iono THEN n_iono ELSE 0 END) AS epa_actes,
        sum(CASE WHEN u_enf THEN n_enf ELSE 0 END + CASE WHEN u_adu THEN n_adu ELSE 0 END
            + CASE WHEN u_sang THEN n_sang ELSE 0 END + CASE WHEN u_iono THEN n_iono ELSE 0 END) AS epa_actes_ev
      FROM s GROUP BY ALL`],

    // The per-establishment tables, read as text (a few hundred lines).
    small: (name) => `SELECT * FROM read_csv('${join(dir, name + '.csv').replaceAll("'", "''")}', delim=';', header=true, all_varchar=true)`,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Exact fractions (BigInt) and the three-valued logic of the rules (true, false, null = absent).

const babs = (x) => (x < 0n ? -x : x);
const gcd = (a, b) => {
  a = babs(a); b = babs(b);
  while (b) [a, b] = [b, a % b];
  return a;
};
class Q {
  constructor(n, d = 1n) {
    n = BigInt(n); d = BigInt(d);
    if (d < 0n) { n = -n; d = -d; }
    const g = gcd(n, d) || 1n;
    this.n = n / g; this.d = d / g;
  }
  static of(x) { return x instanceof Q ? x : new Q(x); }
  add(o) { o = Q.of(o); return new Q(this.n * o.d + o.n * this.d, this.d * o.d); }
  sub(o) { o = Q.of(o); return new Q(this.n * o.d - o.n * this.d, this.d * o.d); }
  mul(o) { o = Q.of(o); return new Q(this.n * o.n, this.d * o.d); }
  cmp(o) { o = Q.of(o); const l = this.n * o.d, r = o.n * this.d; return l < r ? -1 : l > r ? 1 : 0; }
  isZero() { return this.n === 0n; }
}
const q = (n, d = 1n) => new Q(n, d);
const cents = (c) => q(c ?? 0, 100);
const div = (a, b) => (a == null || b == null || Q.of(b).isZero() ? null : q(Q.of(a).n * Q.of(b).d, Q.of(a).d * Q.of(b).n));
const maxQ = (a, b) => (a == null || b == null ? null : (Q.of(a).cmp(b) >= 0 ? Q.of(a) : Q.of(b)));
const et = (...xs) => (xs.some((x) => x === false) ? false : xs.some((x) => x == null) ? null : true);
const ou = (...xs) => (xs.some((x) => x === true) ? true : xs.some((x) => x == null) ? null : false);
const cmp = (a, op, b) => {
  if (a == null || b == null) return null;
  const c = Q.of(a).cmp(b);
  return { ge: c >= 0, gt: c > 0, lt: c < 0, le: c <= 0 }[op];
};
const floorDiv = (a, b) => { const r = a / b; return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? r - 1n : r; };

function quantile(values, p) {
  const v = [...values].sort((a, b) => a.cmp(b));
  if (!v.length) return null;
  const h = q(v.length - 1).mul(p);
  const i = floorDiv(h.n, h.d);
  if (i >= BigInt(v.length - 1)) return v[v.length - 1];
  const lo = v[Number(i)], hi = v[Number(i) + 1];
  return lo.add(h.sub(i).mul(hi.sub(lo)));
}

// caqes's CSV: rates in percent, half-even at 6 decimals, trailing zeros dropped (money keeps 2 decimals).
function fmtNumber(x, kind) {
  if (x == null) return '';
  x = Q.of(x);
  if (kind === '%') x = x.mul(100);
  const s = x.mul(1000000n);
  let f = floorDiv(s.n, s.d);
  const r2 = 2n * (s.n - f * s.d);
  if (r2 > s.d || (r2 === s.d && babs(f) % 2n === 1n)) f += 1n;
  const neg = f < 0n;
  const digits = babs(f).toString().padStart(7, '0');
  let ip = digits.slice(0, -6), fp = digits.slice(-6).replace(/0+$/, '');
  if (kind === '€') fp = fp.padEnd(2, '0');
  return (neg ? '-' : '') + ip + (fp ? ',' + fp : '');
}
// The incentive: half away from zero at the cent.
function roundCent(x) {
  if (x == null) return null;
  const s = Q.of(x).mul(100n);
  const neg = s.n < 0n;
  const a = babs(s.n);
  let v = a / s.d;
  if (2n * (a % s.d) >= s.d) v += 1n;
  return q(neg ? -v : v, 100n);
}
const fmtBool = (b) => (b == null ? '' : b ? 'oui' : 'non');
const decimal = (s) => {
  if (s == null || s === '') return null;
  const t = s.replace(/[\s\u00a0]/g, '').replace(',', '.');
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(t);
  const fr = m[3] || '';
  return q(BigInt((m[1] || '') + (m[2] || '0') + fr), 10n ** BigInt(fr.length));
};
const bool = (s) => (s == null || s === '' ? null : s === 'oui');

// ---------------------------------------------------------------------------------------------------------------

async function main() {
  const { data, out, workload, threads } = args();
  const instance = await DuckDBInstance.create(':memory:', { threads });
  const con = await instance.connect();
  if (workload === 'one-table') return oneTable(con, data, out);
  const S = sql(data);
  const A = {}; // name -> Map(finess|y -> BigInt)
  const collect = (rows) => {
    for (const r of rows) {
      for (const [k, v] of Object.entries(r)) {
        if (k === 'finess' || k === 'y') continue;
        (A[k] ??= new Map()).set(`${r.finess}|${r.y}`, v == null ? 0n : BigInt(v));
      }
    }
  };
  // BENCH_VERBOSE=1: the time of each statement, on stderr.
  const run = async (text) => {
    const t0 = process.hrtime.bigint();
    const rows = (await con.runAndReadAll(text)).getRowObjectsJson();
    if (process.env.BENCH_VERBOSE)
      console.error(`${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(2)} s  ${text.trim().split('\n')[0].slice(0, 70)}`);
    return rows;
  };
  collect(await run(S.séjours));
  collect(await run(S.phev));
  collect(await run(S.unités));
  for (const [i, t] of S.ic.entries()) { const r = await run(t); if (i === S.ic.length - 1) collect(r); }
  for (const [i, t] of S.epa.entries()) { const r = await run(t); if (i === S.epa.length - 1) collect(r); }
  const small = async (name) => run(S.small(name));
  const estabs = await small('établissements');
  const byKey = (rows) => new Map(rows.map((r) => [`${r.finess}|${r['année']}`, r]));
  const les = byKey(await small('liste_en_sus'));
  const pc = byKey(await small('pharmacie_clinique'));
  const decl = byKey(await small('déclarations_omedit'));
  const auto = new Map((await small('autorisations')).map((r) => [r.finess, r]));

  const E = estabs.map((e) => e.finess);
  const cat = new Map(estabs.map((e) => [e.finess, e['catégorie']]));
  const chu = new Map(estabs.map((e) => [e.finess, bool(e.chu)]));
  const a = (name, e, y) => (A[name]?.get(`${e}|${y}`) ?? 0n);
  const col = (table, e, y, c, conv) => { const r = table.get(`${e}|${y}`); return r ? conv(r[c]) : null; };
  const regional = (e) => {
    const mo = col(les, e, 2019, 'mo', decimal), dmi = col(les, e, 2019, 'dmi', decimal);
    return mo == null || dmi == null ? null : mo.add(dmi).cmp(500000) > 0;
  };

  const rows = [];
  const emit = (e, ind, y, ciblé, valeur = '', unit = '', cible = '', atteint = '', inc = null, hasInc = false) => {
    const shown = ciblé === true;
    const incS = hasInc ? (shown ? fmtNumber(roundCent(inc), '€') : '0,00') : '';
    rows.push([e, ind, String(y), fmtBool(ciblé === true), valeur, unit, shown ? cible : '', shown ? atteint : '', incS]);
  };
  const range = (a0, b0) => Array.from({ length: b0 - a0 + 1 }, (_, i) => a0 + i);
  const P = (n) => q(n, 100);

  // EPA
  for (const e of E) {
    const part = {}, mont = {};
    for (const y of range(2019, 2025)) { part[y] = div(a('epa_inu', e, y), a('epa_sel', e, y)); mont[y] = cents(a('epa_mont', e, y)); }
    const pae = div(a('epa_actes_ev', e, 2019), a('epa_actes', e, 2019));
    const pre = et(a('epa_sel', e, 2019) > 1000n, cmp(part[2019], 'gt', 0));
    const cib = et(pre, ou(mont[2019].cmp(10000) >= 0, et(mont[2019].cmp(5500) > 0, cmp(pae, 'ge', P(15)))));
    for (const y of CONTRACT_YEARS)
      emit(e, 'examens_pré_anesthésiques', y, cib, fmtNumber(part[y], '%'), '%', '', '', P(30).mul(maxQ(q(0), mont[y - 1].sub(mont[y]))), true);
  }

  // Heart failure
  const first = new Map(), taux = new Map(), rehosp = new Map(), dep = new Map();
  for (const e of E) for (const y of range(2019, 2025)) {
    const k = `${e}|${y}`;
    first.set(k, a('ic_first', e, y));
    taux.set(k, div(a('ic_readm', e, y), a('ic_first', e, y)));
    rehosp.set(k, a('ic_a', e, y) + a('ic_b', e, y));
    dep.set(k, cents(a('ic_a_c', e, y) + a('ic_b_c', e, y)));
  }
  {
    const pos = E.map((e) => first.get(`${e}|2019`)).filter((x) => x > 0n).map((x) => q(x));
    const tx = E.map((e) => taux.get(`${e}|2019`)).filter((x) => x != null);
    const q1 = quantile(pos, q(1, 4)), medS = quantile(pos, q(1, 2)), q3T = quantile(tx, q(3, 4)), medT = quantile(tx, q(1, 2));
    for (const e of E) {
      const k = `${e}|2019`;
      const crit = et(rehosp.get(k) > 10n, ou(et(cmp(q(first.get(k)), 'gt', q1), cmp(taux.get(k), 'gt', q3T)),
        et(cmp(q(first.get(k)), 'gt', medS), cmp(taux.get(k), 'gt', medT))));
      for (const y of CONTRACT_YEARS)
        emit(e, 'insuffisance_cardiaque', y, crit, fmtNumber(taux.get(`${e}|${y}`), '%'), '%', '', '',
          P(30).mul(maxQ(q(0), dep.get(`${e}|${y - 1}`).sub(dep.get(`${e}|${y}`)))), true);
    }
  }

  // ézétimibe, IPP, PERFADOM
  for (const e of E) {
    const d = (y) => cents(a('dep_eze', e, y));
    const part = div(a('ucd_eze', e, 2019), a('ucd_eze_stat', e, 2019));
    const cib = et(cmp(part, 'ge', P(9)), d(2019).cmp(20000) >= 0);
    for (const y of CONTRACT_YEARS) {
      const v = d(y).sub(d(y - 1));
      emit(e, 'ézétimibe', y, cib, fmtNumber(v, '€'), '€', '', '', P(30).mul(maxQ(q(0), q(0).sub(v))), true);
    }
  }
  for (const e of E) {
    const d = (y) => cents(a('dep_ipp', e, y));
    const cib = a('box_ipp', e, 2019) >= 8500n;
    for (const y of CONTRACT_YEARS) {
      const v = d(y).sub(d(y - 1));
      emit(e, 'ipp', y, cib, fmtNumber(v, '€'), '€', '', '', P(20).mul(maxQ(q(0), q(0).sub(v))), true);
    }
  }
  for (const e of E) {
    const difpse = (y) => cents(a('dep_difpse', e, y));
    const tot = (y) => difpse(y).add(cents(a('dep_gra', e, y)));
    const val = (y) => div(difpse(y), tot(y));
    const cib = et(cmp(val(2019), 'ge', P(80)), difpse(2019).cmp(100000) >= 0);
    for (const y of CONTRACT_YEARS)
      emit(e, 'perfadom', y, cib, fmtNumber(val(y), '%'), '%', '', '', P(20).mul(maxQ(q(0), tot(y - 1).sub(tot(y)))), true);
  }

  // pansements: the mean amount per patient and its mean over the establishment's category
  const mm = (e, y) => div(cents(a('dep_pans', e, y)), a('pat_pans', e, y));
  for (const e of E) {
    const group = E.filter((x) => cat.get(x) === cat.get(e)).map((x) => mm(x, 2019)).filter((x) => x != null);
    const moy = group.length ? group.reduce((s, x) => s.add(x), q(0)).mul(q(1, group.length)) : null;
    const cib = et(a('pat_pans', e, 2019) > 100n, cmp(mm(e, 2019), 'gt', moy == null ? null : moy.mul(P(140))));
    for (const y of CONTRACT_YEARS) {
      const v = mm(e, y) == null || mm(e, y - 1) == null ? null : mm(e, y).sub(mm(e, y - 1)).mul(a('pat_pans', e, y));
      emit(e, 'pansements', y, cib, fmtNumber(v, '€'), '€', '', '', v == null ? null : P(30).mul(maxQ(q(0), q(0).sub(v))), true);
    }
  }

  // The AAPP done at some point of the contract (2022 to N)
  const done = (e, c, y) => ou(col(decl, e, 2022, c, bool), et(y >= 2023, col(decl, e, 2023, c, bool)), et(y >= 2024, col(decl, e, 2024, c, bool)));
  const reached = (v, y) => (v == null ? null : v ? true : y < 2024 ? null : false);
  const cibPerf = new Map(), cibPans = new Map();
  for (const e of E) {
    cibPerf.set(e, et(regional(e), a('pat_perf_pos', e, 2019) >= 100n));
    for (const y of CONTRACT_YEARS) { const v = done(e, 'aapp_perfadom', y); emit(e, 'aapp_perfadom', y, cibPerf.get(e), fmtBool(v), '', 'oui', fmtBool(reached(v, y))); }
  }
  for (const e of E) {
    cibPans.set(e, et(regional(e), a('pat_pans_pos', e, 2019) >= 1000n, cents(a('dep_pans', e, 2019)).cmp(50000) >= 0));
    for (const y of CONTRACT_YEARS) { const v = done(e, 'aapp_pansements', y); emit(e, 'aapp_pansements', y, cibPans.get(e), fmtBool(v), '', 'oui', fmtBool(reached(v, y))); }
  }
  for (const e of E) for (const y of CONTRACT_YEARS) emit(e, 'bon_usage_dm', y, ou(cibPerf.get(e), cibPans.get(e)));

  // conciliation and the sub-indicators that count the 2019 stays
  for (const e of E) {
    const mc = a('mc', e, 2019), med = a('med', e, 2019);
    const conc = mc + a('ssr', e, 2019) + a('psy', e, 2019);
    const cib = et(regional(e), mc >= 1000n, med >= 100n);
    for (const y of CONTRACT_YEARS) {
      const rate = chu.get(e) ? { 2022: P(20), 2023: P(30), 2024: P(40) }[y] : { 2022: P(5), 2023: q(75, 1000), 2024: P(10) }[y];
      const cible = chu.get(e) == null ? null : rate.mul(conc);
      const val = col(pc, e, y, 'conciliations', decimal);
      emit(e, 'conciliation', y, cib, fmtNumber(val, ''), '', fmtNumber(cible, ''), fmtBool(cmp(val, 'ge', cible)));
    }
  }
  const crit = new Map();
  for (const e of E) {
    crit.set(e, et(regional(e), a('med', e, 2019) >= 500n, bool(auto.get(e)?.['chimiothérapie'])));
    for (const y of CONTRACT_YEARS) {
      const v = et(col(decl, e, y, 'état_des_lieux_entretiens', bool), col(decl, e, y, 'plan_actions_entretiens', bool));
      emit(e, 'entretien_pharmaceutique', y, et(y === 2022, crit.get(e)), fmtBool(v), '', 'oui', fmtBool(v));
    }
  }
  for (const [ind, c] of [['entretiens_chimiothérapie_orale', 'entretiens_chimio_orale'], ['entretiens_autres_domaines', 'entretiens_autres']])
    for (const e of E) for (const y of CONTRACT_YEARS) emit(e, ind, y, et(y >= 2023, crit.get(e)), fmtNumber(col(decl, e, y, c, decimal), ''), '');
  for (const e of E) {
    const cib = et(regional(e), a('med', e, 2019) >= 1000n);
    for (const y of CONTRACT_YEARS) { const v = done(e, 'aapp_mpi', y); emit(e, 'aapp_mpi', y, cib, fmtBool(v), '', 'oui', fmtBool(reached(v, y))); }
  }

  // analyse pharmaceutique (unités_de_soins)
  for (const e of E) for (const y of CONTRACT_YEARS) {
    const v = y >= 2024 ? div(a('lits_champ_23', e, y), a('lits_champ', e, y)) : div(a('lits_23', e, y), a('lits', e, y));
    const cible = P({ 2022: 80, 2023: 90, 2024: 100 }[y]);
    emit(e, 'analyse_pharmaceutique', y, regional(e), fmtNumber(v, '%'), '%', fmtNumber(cible, '%'), fmtBool(cmp(v, 'ge', cible)));
  }

  const order = new Map(COMPARED.map((x, i) => [x, i]));
  const pos = new Map(E.map((x, i) => [x, i]));
  rows.sort((x, y) => order.get(x[1]) - order.get(y[1]) || pos.get(x[0]) - pos.get(y[0]) || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0));
  const text = 'entité;indicateur;année;ciblé;valeur;unité;cible;atteint;intéressement\n' + rows.map((r) => r.join(';') + '\n').join('');
  if (out) writeFileSync(out, text, 'utf-8'); else process.stdout.write(text);
}

// ---------------------------------------------------------------------------------------------------------------
// The one-table workload: bench/one-table/contrat.caqes, the stays of one year (ONE_TABLE_YEAR) of séjours.csv.

const ONE_TABLE_YEAR = 2019;
const ONE_TABLE = ['conciliation', 'entretien_pharmaceutique', 'aapp_mpi', 'chirurgie_ambulatoire', 'durée_moyenne_hc'];

// One pass over the CSV, filtered on the year, one filtered aggregate per count of the contract. A condition on an
// empty cell is NULL in SQL and absent in the rules: the row is not counted by either.
const oneTableSql = (dir) => `
  SELECT finess,
    count(*) FILTER (WHERE champ = 'MCO' AND mode = 'HC' AND "activité" IN ('médecine', 'chirurgie')
                       AND domaine IN ${DOMAINES} AND ga NOT IN ('G129', 'G212') AND "durée" >= 3) AS mc,
    count(*) FILTER (WHERE champ = 'MCO' AND mode = 'HC' AND "activité" = 'médecine'
                       AND domaine IN ${DOMAINES} AND ga NOT IN ('G129', 'G212') AND "durée" >= 3) AS med,
    count(*) FILTER (WHERE champ = 'SSR') AS ssr,
    count(*) FILTER (WHERE champ = 'PSY') AS psy,
    count(*) FILTER (WHERE champ = 'MCO' AND "activité" = 'chirurgie') AS chir,
    count(*) FILTER (WHERE champ = 'MCO' AND "activité" = 'chirurgie' AND mode = 'HP') AS amb,
    count(*) FILTER (WHERE champ = 'MCO' AND mode = 'HC') AS hc,
    count("durée") FILTER (WHERE champ = 'MCO' AND mode = 'HC') AS hc_n,
    sum("durée") FILTER (WHERE champ = 'MCO' AND mode = 'HC') AS hc_days
  FROM ${csv(dir, 'séjours', SEJOURS_COLUMNS)}
  WHERE "année" = ${ONE_TABLE_YEAR}
  GROUP BY finess`;

async function oneTable(con, data, out) {
  const A = new Map();
  for (const r of (await con.runAndReadAll(oneTableSql(data))).getRowObjectsJson()) A.set(r.finess, r);
  const estabs = (await con.runAndReadAll(
    `SELECT finess FROM read_csv('${join(data, 'établissements.csv').replaceAll("'", "''")}', delim=';', header=true, all_varchar=true)`,
  )).getRowObjectsJson();
  const a = (e, k) => { const v = A.get(e)?.[k]; return v == null ? 0n : BigInt(v); }; // compte/somme: 0 without rows
  const rows = [];
  const emit = (e, ind, ciblé, valeur, unit) => rows.push([e, ind, String(ONE_TABLE_YEAR), fmtBool(ciblé), valeur, unit, '', '', '']);
  for (const { finess: e } of estabs) {
    const mc = a(e, 'mc'), med = a(e, 'med');
    emit(e, 'conciliation', mc >= 1000n && med >= 100n, fmtNumber(q(mc + a(e, 'ssr') + a(e, 'psy')), ''), '');
    emit(e, 'entretien_pharmaceutique', med >= 500n, fmtNumber(q(med), ''), '');
    emit(e, 'aapp_mpi', med >= 1000n, fmtNumber(q(med), ''), '');
    emit(e, 'chirurgie_ambulatoire', a(e, 'chir') > 0n, fmtNumber(div(a(e, 'amb'), a(e, 'chir')), '%'), '%');
    emit(e, 'durée_moyenne_hc', a(e, 'hc') > 0n, fmtNumber(div(a(e, 'hc_days'), a(e, 'hc_n')), ''), '');
  }
  const text = 'entité;indicateur;année;ciblé;valeur;unité;cible;atteint;intéressement\n' + rows.map((r) => r.join(';') + '\n').join('');
  if (out) writeFileSync(out, text, 'utf-8'); else process.stdout.write(text);
}

await main();
