-- Claiming takes the oldest job of one state: with (status, id) that is the first entry of the
-- state's range, however many jobs of the grid have already finished.
CREATE INDEX IF NOT EXISTS ix_jobs_status_id ON pdr_model_jobs (status, id);
