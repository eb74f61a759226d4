-- Set by --rerun: the job is recomputed even though its outputs are already stored.
ALTER TABLE pdr_model_jobs ADD COLUMN force_rerun INTEGER DEFAULT 0;
