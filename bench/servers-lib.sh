# Shared helpers of the server-catalog benchmarks (bench/register-servers.sh, peak-connections.sh,
# claims.sh, makespan.sh); sourced, not run. Back ends: mariadb (127.0.0.1:3306, root, empty
# password) and postgresql (127.0.0.1:5432, postgres, trust); override with PDRBENCH_MYSQL_HOST/
# PORT/USER and PDRBENCH_PG_HOST/PORT/USER. Databases are named pdrbench_<pid>_<tag> and dropped
# on exit.
my_host="${PDRBENCH_MYSQL_HOST:-127.0.0.1}"; my_port="${PDRBENCH_MYSQL_PORT:-3306}"; my_user="${PDRBENCH_MYSQL_USER:-root}"
pg_host="${PDRBENCH_PG_HOST:-127.0.0.1}"; pg_port="${PDRBENCH_PG_PORT:-5432}"; pg_user="${PDRBENCH_PG_USER:-postgres}"
bench_dbs=()

my_sql() { mariadb -h "$my_host" -P "$my_port" -u "$my_user" -N -B -e "$1"; }
pg_sql() { PGOPTIONS="-c client_min_messages=warning" psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -q -At -v ON_ERROR_STOP=1 -c "$1"; }

# fresh_db BACKEND NAME: drops and creates the database.
fresh_db() {
  case "$1" in
    mariadb) my_sql "DROP DATABASE IF EXISTS $2; CREATE DATABASE $2" ;;
    postgresql) pg_sql "DROP DATABASE IF EXISTS $2 WITH (FORCE)" && pg_sql "CREATE DATABASE $2" ;;
    *) echo "unknown back end $1" >&2; return 2 ;;
  esac
  case " ${bench_dbs[*]-} " in *" $1:$2 "*) ;; *) bench_dbs+=("$1:$2") ;; esac
}

drop_dbs() {
  local e
  for e in "${bench_dbs[@]-}"; do
    [ -n "$e" ] || continue
    case "${e%%:*}" in
      mariadb) my_sql "DROP DATABASE IF EXISTS ${e#*:}" || true ;;
      postgresql) pg_sql "DROP DATABASE IF EXISTS ${e#*:} WITH (FORCE)" || true ;;
    esac
  done
}

# database_yaml BACKEND NAME: the database line of a config.
database_yaml() {
  case "$1" in
    mariadb) echo "database: {type: mysql, host: $my_host, port: $my_port, database: $2, username: $my_user, password: ''}" ;;
    postgresql) echo "database: {type: postgresql, host: $pg_host, port: $pg_port, database: $2, username: $pg_user, password: ''}" ;;
  esac
}

# connections BACKEND NAME: one query counting the server connections to database NAME.
connections_sql() {
  case "$1" in
    mariadb) echo "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE db = '$2';" ;;
    postgresql) echo "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = '$2';" ;;
  esac
}

# Installs the demo home into $1 and replaces its executables by the instant C fakes of bench/fake.
install_fake_home() {
  local home="$1"
  java -cp "$root/target/pdr-run.jar" pdrrun.bench.InstallDemoHome "$home" >/dev/null
  gcc -O2 -o "$home/pdrexe" "$root/bench/fake/pdrexe.c"
  gcc -O2 -o "$home/onionexe" "$root/bench/fake/onionexe.c"
  gcc -O2 -o "$home/getctrlind" "$root/bench/fake/trivial.c"
  gcc -O2 -o "$home/mrt.exe" "$root/bench/fake/trivial.c"
  local sp
  for sp in CO C+ C O; do printf '%s\n' "$sp" > "$home/onioninpdata/ONION3.INP.$sp"; done
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
now() { date +%s.%N; }
load_avg() { uptime | sed 's/.*load average: //'; }
