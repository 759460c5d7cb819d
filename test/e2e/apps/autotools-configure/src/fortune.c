/* fortune-lite: prints a saying from DATADIR/fortunes.txt (one per line). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#if HAVE_STRINGS_H
#include <strings.h>
#endif

#define MAX_SAYINGS 256

int main(int argc, char **argv)
{
    const char *file = DATADIR "/fortunes.txt";
    int all = 0, pick = -1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--version") == 0) {
            printf("fortune-lite %s\n", PACKAGE_VERSION);
            return 0;
        } else if (strcmp(argv[i], "--file") == 0 && i + 1 < argc) {
            file = argv[++i];
        } else if (strcmp(argv[i], "--all") == 0) {
            all = 1;
        } else if (strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
            pick = atoi(argv[++i]);
        } else {
            fprintf(stderr, "usage: fortune-lite [--file FILE] [--all] [-n INDEX] [--version]\n");
            return 2;
        }
    }
    FILE *f = fopen(file, "r");
    if (!f) {
        perror(file);
        return 1;
    }
    static char sayings[MAX_SAYINGS][512];
    int count = 0;
    while (count < MAX_SAYINGS && fgets(sayings[count], sizeof sayings[count], f))
        if (sayings[count][0] != '\n' && sayings[count][0] != '#')
            count++;
    fclose(f);
    if (count == 0) {
        fprintf(stderr, "%s: no sayings\n", file);
        return 1;
    }
    if (all) {
        for (int i = 0; i < count; i++)
            fputs(sayings[i], stdout);
        return 0;
    }
    if (pick < 0 || pick >= count) {
        srand((unsigned)time(NULL));
        pick = rand() % count;
    }
    fputs(sayings[pick], stdout);
    return 0;
}
