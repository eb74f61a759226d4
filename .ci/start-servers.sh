#!/usr/bin/env bash
# Starts the machine's MariaDB and PostgreSQL servers if they are not running, with the machine's
# documented commands, and waits until both accept connections on 127.0.0.1.
set -euo pipefail
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_for() {
  for _ in $(seq 1 120); do listening "$1" && return 0; sleep 0.5; done
  echo "server on port $1 did not start" >&2; return 1
}
if ! listening 3306; then
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
fi
if ! listening 5432; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
fi
wait_for 3306
wait_for 5432
