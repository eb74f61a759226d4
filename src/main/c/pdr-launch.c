/*
 * pdr-launch: starts a model as the leader of a new session (so its pid is its process group,
 * which the runner signals as a whole) that the kernel kills with SIGKILL when the runner thread
 * that started it dies. It does what `setpriv --pdeathsig KILL setsid PROGRAM` does, in one exec
 * instead of three: each exec costs 1 to 3 ms, and every job starts five programs or more.
 *
 * Usage: pdr-launch RUNNER_PID PROGRAM [ARGUMENT...]
 *        pdr-launch --version
 *
 * RUNNER_PID is the pid of the process that starts pdr-launch (1 when the runner is a
 * container's first process). Should the parent already be
 * another process once the signal is set, the runner died in between: PROGRAM is not started and
 * the exit code is 137, as if it had been killed. PROGRAM is looked up as execvp(3) does (on the
 * PATH only when it has no '/'). Exit codes of pdr-launch itself: 127 when PROGRAM is not found
 * or the usage is wrong, 126 when it cannot be executed; each with one line on stderr.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc == 2 && strcmp(argv[1], "--version") == 0) {
        puts("pdr-launch 1");
        return 0;
    }
    if (argc < 3) {
        fputs("usage: pdr-launch RUNNER_PID PROGRAM [ARGUMENT...]\n", stderr);
        return 127;
    }
    char *end;
    errno = 0;
    long runner = strtol(argv[1], &end, 10);
    if (errno != 0 || end == argv[1] || *end != '\0' || runner < 1) {
        fprintf(stderr, "pdr-launch: RUNNER_PID must be a process id, not '%s'\n", argv[1]);
        return 127;
    }
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) {
        fprintf(stderr, "pdr-launch: prctl(PR_SET_PDEATHSIG): %s\n", strerror(errno));
        return 127;
    }
    if (getppid() != (pid_t) runner) {
        return 137;
    }
    if (setsid() < 0) {
        fprintf(stderr, "pdr-launch: setsid: %s\n", strerror(errno));
        return 127;
    }
    execvp(argv[2], argv + 2);
    int error = errno;
    fprintf(stderr, "pdr-launch: failed to execute %s: %s\n", argv[2], strerror(error));
    return error == ENOENT ? 127 : 126;
}
