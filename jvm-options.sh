# JVM options of pdr-run per command; sourced by the launcher (pdr-run) and the benchmarks, so
# both run the JVM alike. Usage: pdr_run_jvm_options COMMAND [ARGUMENT...] (the command line as
# pdr-run gets it), one option per line.
#
# The client compiler alone (TieredStopAtLevel=1) compiles less and sooner: in a run of 100
# instant jobs on two cores it spent 0.81 s compiling instead of 1.74 s (-XX:+CITime), and the
# framework's time per job fell by a fifth (bench/pipeline.sh): the code the server compiler's
# tiers run meanwhile gathers profiles and is slower (stopping at that tier, TieredStopAtLevel=3,
# was slower still). But only the server compiler turns SHA-256 and AES-GCM into the CPU's
# instructions: without it, checksums run at 140 instead of 1,600 MB/s here, and an SFTP upload
# at 17 % of OpenSSH's sftp instead of 185 % (bench/sftp-throughput.sh with
# BENCH_JAVA_OPTS=-XX:TieredStopAtLevel=1, 200 MB). So:
# - run and worker keep both compilers when their storage may be SFTP (pdr_run_storage_may_be_sftp),
#   with the server compiler's thresholds raised eightfold: it then compiles the loops that run
#   millions of times (checksums, ciphers, at full speed after a few MB) but not the hundreds of
#   methods a job calls a few dozen times. With local or rclone storage they use the client
#   compiler alone: a job's outputs are checksummed at 140 MB/s, a second for a model's 140 MB,
#   which a grid of large outputs can trade back with
#   PDR_RUN_JAVA_OPTS=-XX:TieredStopAtLevel=4 (it comes last, and the last of an option counts).
# - upload-pending, and any command not listed here, keep both compilers;
# - demo, whose storage is always a local folder, and the commands that only read or register use
#   the client compiler alone (the latter start 0.05 to 0.1 s sooner).
# Should SFTP storage ever meet the client compiler alone, the storage logs a warning saying so.
# The commands that run models or store outputs start with a heap of 4 % of the memory instead of 1/64
# (its young generation 320 instead of 126 MB on 24 GB, a third of that under a 4 GB limit: it
# scales with the memory the JVM is given, unlike a fixed size that a small cgroup or SLURM limit
# would exceed) and a first metaspace threshold of 128 MB instead of 21: with the defaults a run
# collected its start-up garbage and then the metaspace of the classes it loaded in two pauses of
# 45 and 65 ms while its first models ran (-Xlog:gc); a young collection costs so much here
# because it copies into memory touched for the first time. The heap's limit stays the JVM's
# default (a quarter of the RAM).
pdr_run_jvm_options() {
  local client=-XX:TieredStopAtLevel=1
  local both=(-XX:Tier4InvocationThreshold=40000 -XX:Tier4MinInvocationThreshold=5000
    -XX:Tier4CompileThreshold=120000 -XX:Tier4BackEdgeThreshold=320000)
  local runner=(-XX:InitialRAMPercentage=4 -XX:MetaspaceSize=128m)
  echo -XX:+UseSerialGC
  case "${1:-}" in
    submit | status | jobs | export | report | db | cancel | -* | "")
      echo "$client" ;;
    demo)
      printf '%s\n' "$client" "${runner[@]}" ;;
    run | worker)
      # The thresholds in either case: so that TieredStopAtLevel=4 added to the client
      # compiler's options gives what SFTP storage runs with.
      if pdr_run_storage_may_be_sftp "${@:2}"; then
        printf '%s\n' "${both[@]}" "${runner[@]}"
      else
        printf '%s\n' "$client" "${both[@]}" "${runner[@]}"
      fi ;;
    *)
      printf '%s\n' "${both[@]}" "${runner[@]}" ;;
  esac
}

# Succeeds unless the storage of a command with these arguments is surely not SFTP. The storage
# type comes from PDR_STORAGE_TYPE when it is set and not empty (it overrides the file), else from
# the --config file, else it is local (the default). The file is not parsed: any mention of sftp
# in it (a comment too) counts, and so do a --config that is not a regular file here (a pipe,
# which reading would empty) and an @argument-file. A wrong yes only costs the speed of the
# client compiler.
pdr_run_storage_may_be_sftp() {
  if [ -n "${PDR_STORAGE_TYPE:-}" ]; then
    # As the configuration reads it: case and surrounding blanks do not count.
    [ "$(printf '%s' "$PDR_STORAGE_TYPE" | tr -d '[:space:]' | tr '[:upper:]' '[:lower:]')" = sftp ]
    return
  fi
  while [ $# -gt 0 ]; do
    case "$1" in
      --) return 1 ;;
      --config) [ $# -gt 1 ] || return 1; pdr_run_config_may_name_sftp "$2" && return 0; shift ;;
      --config=*) pdr_run_config_may_name_sftp "${1#--config=}" && return 0 ;;
      @*) return 0 ;; # an argument file, which may name the configuration
      *) ;;
    esac
    shift
  done
  return 1
}

# Succeeds when the configuration file FILE mentions sftp, or cannot be read here as a regular file.
pdr_run_config_may_name_sftp() {
  [ ! -f "$1" ] || [ ! -r "$1" ] || grep -qi sftp -- "$1"
}
