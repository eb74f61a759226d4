# JVM options of pdr-run per command; sourced by the launcher (pdr-run) and the benchmarks, so
# both run the JVM alike. Usage: pdr_run_jvm_options COMMAND, one option per line.
#
# The client compiler alone (TieredStopAtLevel=1) compiles less and sooner: in a run of 100
# instant jobs on two cores it spent 0.86 s compiling instead of 1.88 s (-XX:+CITime), and the
# framework's time per job fell by a fifth (bench/pipeline.sh). But only the server compiler turns
# SHA-256 and AES-GCM into the CPU's instructions: without it, checksums run at 150 instead of
# 1,800 MB/s here, and an SFTP upload at 17 % of OpenSSH's sftp instead of 185 %
# (bench/sftp-throughput.sh with BENCH_JAVA_OPTS=-XX:TieredStopAtLevel=1, 200 MB). So run and
# worker, which store outputs (and upload-pending, and any command not listed here) keep both
# compilers, with the server compiler's thresholds raised eightfold: it then compiles the loops
# that run millions of times (checksums, ciphers, at full speed after a few MB) but not the
# hundreds of methods a job calls a few dozen times. demo, whose storage is always a local folder,
# and the commands that only read or register use the client compiler alone (the latter start
# 0.05 to 0.1 s sooner).
# The commands that run models or store outputs start with a heap of 4 % of the memory instead of 1/64
# (its young generation 320 instead of 126 MB on 24 GB, a third of that under a 4 GB limit: it
# scales with the memory the JVM is given, unlike a fixed size that a small cgroup or SLURM limit
# would exceed) and a first metaspace threshold of 128 MB instead of 21: with the defaults a run
# collected its start-up garbage and then the metaspace of the classes it loaded in two pauses of
# 45 and 65 ms while its first models ran (-Xlog:gc); a young collection costs so much here
# because it copies into memory touched for the first time. The heap's limit stays the JVM's
# default (a quarter of the RAM).
pdr_run_jvm_options() {
  echo -XX:+UseSerialGC
  case "${1:-}" in
    submit | status | jobs | export | report | db | cancel | -* | "")
      echo -XX:TieredStopAtLevel=1 ;;
    demo)
      printf '%s\n' -XX:TieredStopAtLevel=1 -XX:InitialRAMPercentage=4 -XX:MetaspaceSize=128m ;;
    *)
      printf '%s\n' -XX:Tier4InvocationThreshold=40000 -XX:Tier4MinInvocationThreshold=5000 \
        -XX:Tier4CompileThreshold=120000 -XX:Tier4BackEdgeThreshold=320000 \
        -XX:InitialRAMPercentage=4 -XX:MetaspaceSize=128m ;;
  esac
}
