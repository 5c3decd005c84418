-- La base chargée par caqes load (noms déclarés) renommée comme la décrit national.yaml, et quelques types
-- changés pour d'autres qui tiennent les mêmes valeurs (varchar, smallint, bigint).
CREATE SCHEMA pmsi;
CREATE SCHEMA dcir;
CREATE SCHEMA ref;
ALTER TABLE "séjours" SET SCHEMA pmsi;
ALTER TABLE pmsi."séjours" RENAME TO rsa_2022;
ALTER TABLE pmsi.rsa_2022 RENAME COLUMN finess TO "FINESS_GEO";
ALTER TABLE pmsi.rsa_2022 RENAME COLUMN "année" TO "ANNEE";
ALTER TABLE pmsi.rsa_2022 RENAME COLUMN "durée" TO "Durée du séjour";
ALTER TABLE pmsi.rsa_2022 ALTER COLUMN "FINESS_GEO" TYPE varchar(9);
ALTER TABLE pmsi.rsa_2022 ALTER COLUMN "ANNEE" TYPE smallint;
ALTER TABLE interventions SET SCHEMA pmsi;
ALTER TABLE pmsi.interventions RENAME TO "Interventions MCO";
ALTER TABLE pmsi."Interventions MCO" RENAME COLUMN finess TO "FinessGeo";
ALTER TABLE pmsi."Interventions MCO" RENAME COLUMN patient TO "NUM_ENQ";
ALTER TABLE biologie SET SCHEMA dcir;
ALTER TABLE dcir.biologie RENAME TO bio;
ALTER TABLE dcir.bio RENAME COLUMN finess TO "NUM_FINESS";
ALTER TABLE dcir.bio RENAME COLUMN "année" TO "ANNEE";
ALTER TABLE dcir.bio RENAME COLUMN patient TO "NUM_ENQ";
ALTER TABLE dcir.bio ALTER COLUMN "ANNEE" TYPE bigint;
ALTER TABLE "établissements" SET SCHEMA ref;
ALTER TABLE ref."établissements" RENAME TO "Établissements";
ALTER TABLE ref."Établissements" RENAME COLUMN finess TO "FINESS";
ALTER TABLE transports_vp RENAME COLUMN montant_vp TO "montant""; DROP TABLE ref.""Établissements""; --";
