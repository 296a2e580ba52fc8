-- Room on each page for the new version of an updated person: monthly updates stay HOT
-- (no index writes), since the only index is on columns that never change.
ALTER TABLE "persons" SET (fillfactor = 80);
