/* Instant stand-in for KOSMA-tau's pdrexe, for the framework-overhead benchmark: writes every
 * output file the runner stores and a convergence line, in about a millisecond. BENCH_SLEEP
 * (seconds) makes it sleep first, for the parallel-efficiency benchmark. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void put(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    if (!f) { perror(path); exit(3); }
    fputs(text, f);
    fclose(f);
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "--version") == 0) {
        puts("KOSMA-tau PDR code (bench)\nRevision: bench-r1\nBinary compiled the Feb 11 2025 at 11:01:00");
        return 0;
    }
    const char *sleep_s = getenv("BENCH_SLEEP");
    if (sleep_s) usleep((useconds_t)(atof(sleep_s) * 1e6));
    const char *job = getenv("PDR_JOB_NAME");
    put("pdroutput/pdrout.hdf", job ? job : "job");
    put("pdroutput/pdrstruct_s.hdf5", job ? job : "job");
    put("pdroutput/pdrchem_c.hdf5", job ? job : "job");
    put("pdroutput/chemchk.out", "chemchk\n");
    put("pdroutput/CTRL_IND", "1\n");
    put("Out/mcdrt.out", "mcdrt\n");
    puts("   current shell #:    1 ***** current iteration step:    1");
    puts("   current shell #:    1 ***** current iteration step:    2");
    puts("Model CONVERGED in 2 iterations (eps=1.0E-04)");
    return 0;
}
