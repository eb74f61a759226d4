-- Set by --rerun: the job is recomputed even though its outputs are already stored.
ALTER TABLE pdr_model_jobs ADD COLUMN force_rerun INTEGER DEFAULT 0;

-- A row to lock so that get-or-create of shared provenance rows (users, executables, chemical
-- databases) is serialised between processes on server databases.
CREATE TABLE IF NOT EXISTS pdr_run_locks (
    name VARCHAR(64) NOT NULL PRIMARY KEY
);
INSERT INTO pdr_run_locks (name) VALUES ('provenance');
