-- Earliest time an automatically retried job may be claimed again.
ALTER TABLE pdr_model_jobs ADD COLUMN not_before DATETIME;
CREATE INDEX IF NOT EXISTS ix_jobs_status_lease ON pdr_model_jobs (status, lease_expires_at);

-- Every attempt of every job: who ran it where, and how it ended.
CREATE TABLE IF NOT EXISTS job_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id INTEGER NOT NULL REFERENCES pdr_model_jobs (id),
    attempt INTEGER NOT NULL,
    worker VARCHAR(255) NOT NULL,
    host VARCHAR(255),
    pid INTEGER,
    cluster_job_id VARCHAR(64),
    array_task_id VARCHAR(32),
    started_at DATETIME NOT NULL,
    finished_at DATETIME,
    outcome VARCHAR(32),
    exit_code INTEGER,
    error TEXT
);
CREATE INDEX IF NOT EXISTS ix_job_attempts_job ON job_attempts (job_id, attempt);
