-- The aggregations over rows of rules/caqes-2022, written by hand for PostgreSQL (bench/postgresql.py): what a
-- database team would write for the figures that `caqes sql rules/caqes-2022` generates. One query per row-level
-- table, one row per establishment and year, one column per aggregation in the order of the generated query's
-- aggregations (bench/postgresql.py compares them value by value with the generated columns of each year).
-- {years} is the list of years the generated query reads for that table.
-- The parameters of the rules are written out: fenêtre_epa = 30 days, âge_minimum_ic = 40,
-- délai_réhospitalisation_ic = 90 days, exclure_décédés_ic = vrai, the lists of exams, GHM roots, domains, groups.
-- The lookups of another row (EPA: the intervention's lab acts; heart failure: the patient's other stays) are joins
-- grouped by the looking-up row (its ctid), as the generated SQL now has them too (since 2026-12-03); what differs:
-- these compute the per-class flags once in a CTE and count each class's patients without a filter on the year.

-- table: interventions
WITH i AS (
  SELECT ctid AS id, finess, "année", patient, date, "âge", "risque_hémorragique", ghm, geste, "anesthésie",
         ("âge" BETWEEN 2 AND 17 AND NOT "risque_hémorragique" AND geste = 'AMYG') AS enfant,
         ("âge" >= 18 AND NOT "risque_hémorragique"
          AND ((substr(ghm, 3, 1) = 'C' AND NOT starts_with(ghm, '14')) OR substr(ghm, 1, 5) IN ('03K02', '06K02', '06K04')
               OR (ghm = '04K02J' AND "anesthésie"))) AS adulte,
         (geste IN ('CHOL', 'THYR', 'DISQ', 'SEIN')) AS sanguin,
         (geste = 'MINEURE' AND "anesthésie") AS iono
  FROM interventions WHERE "année" IN ({years})
), lab AS (  -- per intervention, its lab acts of the 30 days before (same establishment, patient and year)
  SELECT i.id,
         bool_or(b.nabm = '1104') AND bool_or(b.nabm = '0126') AND bool_or(b.nabm = '1127') AS bilan_enfant,
         bool_or(b.nabm = '0126') AND bool_or(b.nabm = '1127') AS bilan_adulte,
         bool_or(b.nabm = '1140') AND bool_or(b.nabm = '1145') AND bool_or(b.nabm = '1141') AS bilan_sanguin,
         bool_or(b.nabm IN ('1609', '1610')) AS bilan_iono,
         count(*) FILTER (WHERE b.nabm IN ('1104', '0126', '1127')) AS n_enfant,
         sum(b.montant) FILTER (WHERE b.nabm IN ('1104', '0126', '1127')) AS m_enfant,
         count(*) FILTER (WHERE b.nabm IN ('0126', '1127')) AS n_adulte,
         sum(b.montant) FILTER (WHERE b.nabm IN ('0126', '1127')) AS m_adulte,
         count(*) FILTER (WHERE b.nabm IN ('1140', '1145', '1141')) AS n_sanguin,
         sum(b.montant) FILTER (WHERE b.nabm IN ('1140', '1145', '1141')) AS m_sanguin,
         count(*) FILTER (WHERE b.nabm IN ('1609', '1610')) AS n_iono,
         sum(b.montant) FILTER (WHERE b.nabm IN ('1609', '1610')) AS m_iono
  FROM i JOIN biologie b ON b.finess = i.finess AND b."année" = i."année" AND b.patient = i.patient
                         AND i.date - b.date BETWEEN 0 AND 30
  WHERE i.enfant OR i.adulte OR i.sanguin OR i.iono
  GROUP BY i.id
), x AS (
  SELECT i.*, coalesce(l.bilan_enfant, false) AS be, coalesce(l.bilan_adulte, false) AS ba,
         coalesce(l.bilan_sanguin, false) AS bs, coalesce(l.bilan_iono, false) AS bi,
         coalesce(l.n_enfant, 0) AS ne, coalesce(l.m_enfant, 0) AS me, coalesce(l.n_adulte, 0) AS na,
         coalesce(l.m_adulte, 0) AS ma, coalesce(l.n_sanguin, 0) AS ns, coalesce(l.m_sanguin, 0) AS ms,
         coalesce(l.n_iono, 0) AS ni, coalesce(l.m_iono, 0) AS mi
  FROM i LEFT JOIN lab l ON l.id = i.id
)
SELECT finess, "année",
  count(DISTINCT patient) FILTER (WHERE enfant), count(DISTINCT patient) FILTER (WHERE enfant AND be),
  count(*) FILTER (WHERE enfant), count(*) FILTER (WHERE enfant AND be),
  sum(ne) FILTER (WHERE enfant), sum(ne) FILTER (WHERE enfant AND be), sum(me) FILTER (WHERE enfant AND be),
  count(DISTINCT patient) FILTER (WHERE adulte), count(DISTINCT patient) FILTER (WHERE adulte AND ba),
  count(*) FILTER (WHERE adulte), count(*) FILTER (WHERE adulte AND ba),
  sum(na) FILTER (WHERE adulte), sum(na) FILTER (WHERE adulte AND ba), sum(ma) FILTER (WHERE adulte AND ba),
  count(DISTINCT patient) FILTER (WHERE sanguin), count(DISTINCT patient) FILTER (WHERE sanguin AND bs),
  count(*) FILTER (WHERE sanguin), count(*) FILTER (WHERE sanguin AND bs),
  sum(ns) FILTER (WHERE sanguin), sum(ns) FILTER (WHERE sanguin AND bs), sum(ms) FILTER (WHERE sanguin AND bs),
  count(DISTINCT patient) FILTER (WHERE iono), count(DISTINCT patient) FILTER (WHERE iono AND bi),
  count(*) FILTER (WHERE iono), count(*) FILTER (WHERE iono AND bi),
  sum(ni) FILTER (WHERE iono), sum(ni) FILTER (WHERE iono AND bi), sum(mi) FILTER (WHERE iono AND bi)
FROM x GROUP BY finess, "année";

-- table: hospitalisations_ic
WITH r AS (
  SELECT ctid AS id, * FROM hospitalisations_ic WHERE "année" IN ({years})
), f AS (  -- per stay, the patient's other stays of the same year, of the year before and of the year after
  SELECT r.id,
    bool_or(s."année" = r."année" AND r."entrée" - s."entrée" > 0) AS earlier,
    bool_or(s."année" = r."année" AND s."entrée" - r.sortie BETWEEN 1 AND 90) AS back_n,
    bool_or(s."année" = r."année" + 1 AND s."entrée" - r.sortie BETWEEN 1 AND 90) AS back_n1,
    bool_or(s."année" = r."année" AND r."entrée" - s.sortie >= 1) AS after_n,
    bool_or(s."année" = r."année" AND r."entrée" - s."entrée" > 0 AND s."âge" < 40) AS young_before,
    bool_or(s."année" = r."année" AND r."entrée" - s."entrée" > 0 AND r."entrée" - s.sortie > 90) AS late_before,
    bool_or(s."année" = r."année" - 1 AND r."entrée" - s.sortie >= 1) AS after_prev,
    bool_or(s."année" = r."année" - 1 AND s."âge" < 40) AS young_prev,
    bool_or(s."année" = r."année" - 1 AND r."entrée" - s.sortie > 90) AS late_prev
  FROM r JOIN hospitalisations_ic s ON s.finess = r.finess AND s.patient = r.patient
                                   AND s."année" BETWEEN r."année" - 1 AND r."année" + 1
  GROUP BY r.id
), x AS (
  SELECT r.*, coalesce(earlier, false) AS earlier, coalesce(back_n, false) AS back_n,
         coalesce(back_n1, false) AS back_n1, coalesce(after_n, false) AS after_n,
         coalesce(young_before, false) AS young_before, coalesce(late_before, false) AS late_before,
         coalesce(after_prev, false) AS after_prev, coalesce(young_prev, false) AS young_prev,
         coalesce(late_prev, false) AS late_prev
  FROM r LEFT JOIN f ON f.id = r.id
)
SELECT finess, "année",
  count(*) FILTER (WHERE "âge" >= 40 AND "décès" IS NULL AND NOT earlier),
  count(*) FILTER (WHERE "âge" >= 40 AND "décès" IS NULL AND NOT earlier AND back_n),
  count(*) FILTER (WHERE "âge" >= 40 AND "décès" IS NULL AND NOT earlier AND NOT back_n AND back_n1),
  count(*) FILTER (WHERE "décès" IS NULL AND after_n AND NOT young_before AND NOT late_before),
  count(*) FILTER (WHERE "décès" IS NULL AND after_prev AND NOT young_prev AND NOT late_prev),
  sum(montant) FILTER (WHERE "décès" IS NULL AND after_n AND NOT young_before AND NOT late_before),
  sum(montant) FILTER (WHERE "décès" IS NULL AND after_prev AND NOT young_prev AND NOT late_prev)
FROM x GROUP BY finess, "année";

-- table: phev
SELECT finess, "année",
  sum(montant) FILTER (WHERE classe = 'EZETIMIBE'), sum(ucd) FILTER (WHERE classe = 'EZETIMIBE'),
  sum(ucd) FILTER (WHERE classe IN ('EZETIMIBE', 'STATINE')),
  sum(montant) FILTER (WHERE classe = 'IPP'), sum("boîtes") FILTER (WHERE classe = 'IPP'),
  sum(montant) FILTER (WHERE classe = 'PERFADOM_GRA'),
  sum(montant) FILTER (WHERE classe IN ('PERFADOM_DIF', 'PERFADOM_PSE')),
  count(DISTINCT patient) FILTER (WHERE classe = 'PANSEMENT'), sum(montant) FILTER (WHERE classe = 'PANSEMENT'),
  count(DISTINCT patient) FILTER (WHERE classe IN ('PERFADOM_GRA', 'PERFADOM_DIF', 'PERFADOM_PSE') AND montant > 0),
  count(DISTINCT patient) FILTER (WHERE classe = 'PANSEMENT' AND montant > 0),
  sum(montant) FILTER (WHERE classe = 'PANSEMENT')
FROM phev WHERE "année" IN ({years}) GROUP BY finess, "année";

-- table: séjours
SELECT finess, "année",
  count(*) FILTER (WHERE champ = 'MCO' AND mode = 'HC' AND "activité" IN ('médecine', 'chirurgie') AND m),
  count(*) FILTER (WHERE champ = 'MCO' AND mode = 'HC' AND "activité" = 'médecine' AND m),
  count(*) FILTER (WHERE champ = 'SSR'), count(*) FILTER (WHERE champ = 'PSY')
FROM (SELECT *, (domaine IN ('D02', 'D04', 'D05', 'D07', 'D09', 'D15', 'D16', 'D17', 'D18', 'D19', 'D20', 'D22', 'D23')
                 AND ga NOT IN ('G129', 'G212') AND "durée" >= 3) AS m
      FROM "séjours" WHERE "année" IN ({years})) s
GROUP BY finess, "année";

-- table: unités_de_soins
SELECT finess, "année", sum(lits), sum(lits) FILTER (WHERE niveau_analyse = 1),
  sum(lits) FILTER (WHERE niveau_analyse = 2), sum(lits) FILTER (WHERE niveau_analyse = 3),
  sum(lits) FILTER (WHERE "type_unité" NOT IN ('REA', 'SURC', 'NEONAT', 'UHCD')),
  sum(lits) FILTER (WHERE "type_unité" NOT IN ('REA', 'SURC', 'NEONAT', 'UHCD') AND niveau_analyse >= 2)
FROM "unités_de_soins" WHERE "année" IN ({years}) GROUP BY finess, "année";
