-- Earliest time an automatically retried job may be claimed again.
ALTER TABLE pdr_model_jobs ADD COLUMN not_before DATETIME(6);
CREATE INDEX IF NOT EXISTS ix_jobs_status_lease ON pdr_model_jobs (status, lease_expires_at);

-- Every attempt of every job: who ran it where, and how it ended.
CREATE TABLE IF NOT EXISTS job_attempts (
    id INTEGER NOT NULL AUTO_INCREMENT PRIMARY KEY,
    job_id INTEGER NOT NULL,
    attempt INTEGER NOT NULL,
    worker VARCHAR(255) NOT NULL,
    host VARCHAR(255),
    pid INTEGER,
    cluster_job_id VARCHAR(64),
    array_task_id VARCHAR(32),
    started_at DATETIME(6) NOT NULL,
    finished_at DATETIME(6),
    outcome VARCHAR(32),
    exit_code INTEGER,
    error TEXT,
    CONSTRAINT fk_job_attempts_job FOREIGN KEY (job_id) REFERENCES pdr_model_jobs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX IF NOT EXISTS ix_job_attempts_job ON job_attempts (job_id, attempt);
