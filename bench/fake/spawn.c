/* Times starting a program N times with posix_spawn and waiting for it, as the runner starts
 * models. Arguments equal to SELF are replaced by this process's pid (the runner pid pdr-launch
 * checks). Usage: spawn N PROGRAM [ARG...]; prints the mean milliseconds per start. */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv) {
    if (argc < 3) { fputs("usage: spawn N PROGRAM [ARG...]\n", stderr); return 2; }
    int n = atoi(argv[1]);
    char self[32];
    snprintf(self, sizeof self, "%d", (int) getpid());
    for (int k = 2; k < argc; k++) if (strcmp(argv[k], "SELF") == 0) argv[k] = self;
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int i = 0; i < n; i++) {
        pid_t pid;
        if (posix_spawn(&pid, argv[2], NULL, NULL, argv + 2, environ) != 0) { perror(argv[2]); return 1; }
        int status;
        waitpid(pid, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) { fprintf(stderr, "%s failed\n", argv[2]); return 1; }
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("%.3f\n", ((b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6) / n);
    return 0;
}
