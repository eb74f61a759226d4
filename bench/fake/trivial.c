/* Instant stand-in for getctrlind and mrt.exe. */
#include <stdio.h>
#include <string.h>
int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "--version") == 0) {
        puts("helper (bench)\nRevision: bench-r1\nBinary compiled the Feb 11 2025 at 11:01:00");
    }
    return 0;
}
