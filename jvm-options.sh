# JVM options of pdr-run per command; sourced by the launcher (pdr-run) and the benchmarks, so
# both run the JVM alike. Usage: pdr_run_jvm_options COMMAND, one option per line.
#
# The client compiler alone (TieredStopAtLevel=1) starts a short command 0.05 to 0.1 s sooner,
# but only the server compiler turns the JDK's AES-GCM and SHA-256 into the CPU's AES and SHA
# instructions: without it, storing outputs (SFTP upload, checksums) runs at 40 to 115 instead of
# 200 to 1,500 MB/s. So the cap is kept for the commands that only read or register, not for
# those that store outputs (run, worker, demo, upload-pending, and any command not listed here).
# Those raise the server compiler's thresholds eightfold instead: it then compiles the loops that
# run millions of times (checksums, ciphers, at full speed after a few MB) but not the hundreds
# of methods a job calls a few dozen times, which cost 3.9 s of compiling in a run of 100 short
# jobs (-XX:+CITime) on two cores shared with the jobs (CPU 12.4 s instead of 10.4 s per run).
# The same commands start with a heap of 4 % of the memory instead of 1/64 (its young generation
# 320 instead of 126 MB on 24 GB, a third of that under a 4 GB limit: it scales with the memory
# the JVM is given, unlike a fixed size that a small cgroup or SLURM limit would exceed) and a first
# metaspace threshold of 128 MB instead of 21: with the defaults a run collected its start-up
# garbage and then the metaspace of the classes it loaded in two pauses of 45 and 65 ms while its
# first models ran (-Xlog:gc); a young collection costs so much here because it copies into memory
# touched for the first time. The heap's limit stays the JVM's default (a quarter of the RAM).
pdr_run_jvm_options() {
  echo -XX:+UseSerialGC
  case "${1:-}" in
    submit | status | jobs | export | report | db | cancel | -* | "")
      echo -XX:TieredStopAtLevel=1 ;;
    *)
      printf '%s\n' -XX:Tier4InvocationThreshold=40000 -XX:Tier4MinInvocationThreshold=5000 \
        -XX:Tier4CompileThreshold=120000 -XX:Tier4BackEdgeThreshold=320000 \
        -XX:InitialRAMPercentage=4 -XX:MetaspaceSize=128m ;;
  esac
}
