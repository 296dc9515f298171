-- A pair's state is rewritten with every batch of its traces and read back only whole, at a restore:
-- keep it out of line uncompressed, so each rewrite does not spend CPU compressing it.
ALTER TABLE pair_state ALTER COLUMN state SET STORAGE EXTERNAL;
