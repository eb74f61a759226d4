-- What pdr-run adds to the original tables: only nullable columns, new indexes and new tables,
-- so a database of the original keeps working with it.

-- Canonical hash of a parameter set (equal sets share one row per model; NULL on rows of the original).
ALTER TABLE kosmatau_parameters ADD COLUMN parameter_hash VARCHAR(64);
CREATE UNIQUE INDEX IF NOT EXISTS ux_parameters_model_hash ON kosmatau_parameters (model_name_id, parameter_hash);

CREATE UNIQUE INDEX IF NOT EXISTS ux_model_names_name ON model_names (model_name);

ALTER TABLE pdr_model_jobs ADD COLUMN parameter_hash VARCHAR(64);
ALTER TABLE pdr_model_jobs ADD COLUMN attempts INTEGER DEFAULT 0;
ALTER TABLE pdr_model_jobs ADD COLUMN version INTEGER DEFAULT 0;
ALTER TABLE pdr_model_jobs ADD COLUMN lease_owner VARCHAR(255);
ALTER TABLE pdr_model_jobs ADD COLUMN lease_expires_at DATETIME(6);
ALTER TABLE pdr_model_jobs ADD COLUMN heartbeat_at DATETIME(6);
ALTER TABLE pdr_model_jobs ADD COLUMN error_message TEXT;
ALTER TABLE pdr_model_jobs ADD COLUMN postproc_error TEXT;
ALTER TABLE pdr_model_jobs ADD COLUMN execution_seconds DOUBLE;
ALTER TABLE pdr_model_jobs ADD COLUMN exit_code INTEGER;
ALTER TABLE pdr_model_jobs ADD COLUMN config_json TEXT;
ALTER TABLE pdr_model_jobs ADD COLUMN template_sha256 VARCHAR(64);
ALTER TABLE pdr_model_jobs ADD COLUMN run_directory VARCHAR(512);
ALTER TABLE pdr_model_jobs ADD COLUMN run_status_converged VARCHAR(16);
ALTER TABLE pdr_model_jobs ADD COLUMN run_status_global_iterations INTEGER;
ALTER TABLE pdr_model_jobs ADD COLUMN run_status_eps_final DOUBLE;
ALTER TABLE pdr_model_jobs ADD COLUMN run_status_tsearch_flagged_shells INTEGER;
ALTER TABLE pdr_model_jobs ADD COLUMN run_status_chem_relaxed_calls INTEGER;
ALTER TABLE pdr_model_jobs ADD COLUMN run_status_deferred_iterations INTEGER;
ALTER TABLE pdr_model_jobs ADD COLUMN run_status_code_version VARCHAR(64);
ALTER TABLE pdr_model_jobs ADD COLUMN run_status_git_hash VARCHAR(64);
ALTER TABLE pdr_model_jobs ADD COLUMN run_status_source VARCHAR(32);
-- One job per parameter set and model (rows of the original have NULL and are not constrained).
CREATE UNIQUE INDEX IF NOT EXISTS ux_jobs_model_hash ON pdr_model_jobs (model_name_id, parameter_hash);
CREATE INDEX IF NOT EXISTS ix_jobs_model_status ON pdr_model_jobs (model_name_id, status);
CREATE INDEX IF NOT EXISTS ix_jobs_model_name ON pdr_model_jobs (model_name_id, model_job_name);

-- What happened to jobs, for status and post-mortems.
CREATE TABLE IF NOT EXISTS job_events (
    id INTEGER NOT NULL AUTO_INCREMENT PRIMARY KEY,
    job_id INTEGER NOT NULL,
    event_time DATETIME(6) NOT NULL,
    kind VARCHAR(32) NOT NULL,
    message TEXT,
    CONSTRAINT fk_job_events_job FOREIGN KEY (job_id) REFERENCES pdr_model_jobs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX IF NOT EXISTS ix_job_events_job ON job_events (job_id);
