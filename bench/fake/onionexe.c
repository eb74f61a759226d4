/* Instant stand-in for KOSMA-tau's onionexe: reads the species from ONION3.INP and writes the six
 * per-species outputs the runner stores. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "--version") == 0) {
        puts("ONION (bench)\nRevision: bench-r1\nBinary compiled the Feb 11 2025 at 11:01:00");
        return 0;
    }
    char species[64] = "";
    FILE *in = fopen("ONION3.INP", "r");
    if (!in || fscanf(in, "%63s", species) != 1) { fputs("no ONION3.INP\n", stderr); return 2; }
    fclose(in);
    const char *patterns[] = {"jerg_%s.smli", "jerg_%s.srli", "jtemp_%s.smli", "jtemp_%s.smlc", "linebt_%s.out",
                              "ONION3_%s.OUT"};
    for (int i = 0; i < 6; i++) {
        char name[128], path[160];
        snprintf(name, sizeof name, patterns[i], species);
        snprintf(path, sizeof path, "onionoutput/%s", name);
        FILE *f = fopen(path, "w");
        if (!f) { perror(path); return 3; }
        fprintf(f, "%s\n", species);
        fclose(f);
    }
    printf("ONION %s done\n", species);
    return 0;
}
