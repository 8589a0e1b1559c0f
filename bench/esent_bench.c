/* esent-bench: the same four workloads through ESENT, SQLite (WAL) and LMDB, each engine in a fresh
 * folder, reported as ops/s per engine and the ratios ESENT/SQLite and ESENT/LMDB.
 *
 *   1. insert --rows rows (default 1,000,000) in one transaction, keys in a fixed random order
 *   2. --txns single-row insert transactions (default 200,000), each committed lazily
 *   3. --lookups random point lookups by key (default 1,000,000), reading the value
 *   4. a full scan in key order, summing the value bytes
 *   5. --rw-threads threads (default 4) x --rw-txns read-modify-write transactions on one table of
 *      --rw-rows rows, committed lazily, all at once (bench_rmw.c: issue 5's concurrent sessions)
 *
 * Every record is an 8-byte integer key and a 100-byte value derived from the key. The program
 * checks what each engine reads back (row count, keys found, key order, sum of the value bytes)
 * and prints any mismatch loudly; it exits 1 if there was one. An engine that fails (for ESENT:
 * an API that is not built yet) is reported as "failed: <why>" and the run goes on.
 * How to run it and what was measured: docs/performance.md. */
#define _GNU_SOURCE   /* nftw, mkdtemp, realpath, sysconf(_SC_NPROCESSORS_ONLN): Linux only */
#include "bench.h"
#include "bench_rmw.h"

#include <errno.h>
#include <ftw.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#ifndef BENCH_BUILD_TYPE
#define BENCH_BUILD_TYPE "unknown"
#endif

#define KEY_SEED    0x45534E54424E4348ull   /* fixed seeds: every run and every engine sees the same data */
#define LOOKUP_SEED 0x4C4F4F4B55505321ull
#define MAX_ENGINES 3
#define MAX_ROUNDS  15

enum { W_BULK, W_TXNS, W_LOOKUP, W_SCAN, W_COUNT };

typedef enum { RES_NOT_RUN, RES_OK, RES_MISMATCH, RES_FAILED, RES_SKIPPED } result_state;

typedef struct result {
    result_state state;
    double seconds;
    uint64_t ops;
    char message[BENCH_ERR_MAX + 128];   /* why it failed, was skipped, or what did not match */
} result;

typedef struct options {
    uint64_t rows, txns, lookups;
    const bench_engine *engines[MAX_ENGINES];
    int nengines;
    const char *parent;      /* where the per-engine folders are made */
    int keep;                /* keep the folders */
    int lmdb_nosync;
    int sqlite_cache_mb;
    uint64_t rw_txns, rw_rows;   /* workload 5: transactions per thread (0: not run), rows */
    int rw_threads, rw_only;     /* rw_only: workload 5 alone */
    int rounds;                  /* workloads 1-4 run this many times, every engine in each round */
} options;

static const bench_engine *const all_engines[MAX_ENGINES] = { &bench_esent, &bench_sqlite, &bench_lmdb };

int bench_fail(char *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, BENCH_ERR_MAX, fmt, ap);
    va_end(ap);
    return -1;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* 1234567 -> "1,234,567" */
static const char *grouped(uint64_t n, char out[32])
{
    char digits[24];
    int len = snprintf(digits, sizeof digits, "%" PRIu64, n), o = 0;
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
    return out;
}

/* ---- the machine ---------------------------------------------------------------------------- */

/* The value of the first "name<spaces>: value" line of a /proc file, or "" */
static void proc_field(const char *file, const char *name, char *out, size_t size)
{
    char line[512];
    size_t n = strlen(name);
    out[0] = '\0';
    FILE *f = fopen(file, "r");
    if (!f)
        return;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, name, n) != 0 || (line[n] != ' ' && line[n] != '\t' && line[n] != ':'))
            continue;
        char *v = strchr(line, ':');
        if (!v)
            continue;
        v += strspn(v + 1, " \t") + 1;
        v[strcspn(v, "\n")] = '\0';
        snprintf(out, size, "%s", v);
        break;
    }
    fclose(f);
}

/* The file system holding path: the /proc/self/mounts entry with the longest mount point above it. */
static void filesystem_of(const char *path, char *out, size_t size)
{
    char real[PATH_MAX], line[4096], best[PATH_MAX] = "";
    snprintf(out, size, "unknown");
    if (!realpath(path, real))
        return;
    FILE *f = fopen("/proc/self/mounts", "r");
    if (!f)
        return;
    while (fgets(line, sizeof line, f)) {
        char dev[1024], dir[PATH_MAX], type[64];
        if (sscanf(line, "%1023s %4095s %63s", dev, dir, type) != 3)
            continue;
        size_t n = strlen(dir);
        int above = strcmp(dir, "/") == 0 || (strncmp(real, dir, n) == 0 && (real[n] == '/' || real[n] == '\0'));
        if (above && n >= strlen(best)) {
            snprintf(best, sizeof best, "%s", dir);
            snprintf(out, size, "%s on %s (%s)", type, dir, dev);
        }
    }
    fclose(f);
}

static void print_machine(const options *o)
{
    char cpu[256], mem[64], fs[PATH_MAX + 1200];   /* "<type> on <mount point> (<device>)" */
    struct utsname u;
    proc_field("/proc/cpuinfo", "model name", cpu, sizeof cpu);
    proc_field("/proc/meminfo", "MemTotal", mem, sizeof mem);
    double gib = strtod(mem, NULL) / (1024.0 * 1024.0);   /* MemTotal is in kB */
    filesystem_of(o->parent, fs, sizeof fs);
    printf("machine:  %s, %ld cores, %.1f GiB RAM\n", cpu[0] ? cpu : "unknown CPU", sysconf(_SC_NPROCESSORS_ONLN), gib);
    if (uname(&u) == 0)
        printf("kernel:   %s %s %s\n", u.sysname, u.release, u.machine);
    printf("temp dir: %s, %s\n", o->parent, fs);
    printf("build:    %s\n", BENCH_BUILD_TYPE);
    for (int i = 0; i < o->nengines; i++) {
        char version[128];
        o->engines[i]->version(version, sizeof version);
        printf("%-9s %s\n", i == 0 ? "engines:" : "", version);
    }
}

/* ---- the engine's folder -------------------------------------------------------------------- */

static uint64_t folder_bytes;

static int add_size(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)path, (void)type, (void)ftw;
    if (S_ISREG(st->st_mode))
        folder_bytes += (uint64_t)st->st_blocks * 512;   /* allocated, not apparent, size */
    return 0;
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st, (void)type, (void)ftw;
    if (remove(path) != 0)
        fprintf(stderr, "esent-bench: cannot remove %s: %s\n", path, strerror(errno));
    return 0;
}

/* ---- running the workloads ------------------------------------------------------------------ */

static const char *const workload_short[W_COUNT] = {
    "1. insert, one transaction", "2. one-row transactions", "3. point lookups", "4. scan in key order",
};

static const char *workload_title(int w, const bench_data *d, char *out, size_t size)
{
    char n[32];
    switch (w) {
    case W_BULK:
        snprintf(out, size, "1. insert %s rows in one transaction (random key order, durable commit)", grouped(d->nrows, n));
        break;
    case W_TXNS:
        snprintf(out, size, "2. %s single-row insert transactions, each committed lazily", grouped(d->ntxns, n));
        break;
    case W_LOOKUP:
        snprintf(out, size, "3. %s random point lookups by key, reading the value", grouped(d->nlookups, n));
        break;
    default:
        snprintf(out, size, "4. full scan in key order of %s rows, summing the value bytes", grouped(d->nrows + d->ntxns, n));
        break;
    }
    return out;
}

/* Appends "<formatted>; " to the string out (size bytes), truncating if it must. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void append(char *out, size_t size, const char *fmt, ...)
{
    size_t len = strlen(out);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out + len, size - len, fmt, ap);
    va_end(ap);
    len = strlen(out);
    snprintf(out + len, size - len, "; ");
}

/* What a read workload should have seen against what it saw: "" if they agree, else the differences. */
static void compare(int w, const bench_data *d, const bench_check *c, uint64_t want_sum, char *out, size_t size)
{
    uint64_t want_rows = w == W_LOOKUP ? d->nlookups : d->nrows + d->ntxns;
    out[0] = '\0';
    if (c->rows != want_rows)
        append(out, size, "%s %" PRIu64 " rows, expected %" PRIu64, w == W_LOOKUP ? "looked up" : "scanned", c->rows,
               want_rows);
    if (c->missing)
        append(out, size, "%" PRIu64 " keys not found", c->missing);
    if (c->out_of_order)
        append(out, size, "%" PRIu64 " keys out of order", c->out_of_order);
    if (c->bad_size)
        append(out, size, "%" PRIu64 " values not %d bytes", c->bad_size, BENCH_VALUE_SIZE);
    if (c->value_sum != want_sum)
        append(out, size, "value bytes sum to %" PRIu64 ", expected %" PRIu64, c->value_sum, want_sum);
    size_t len = strlen(out);
    if (len >= 2)
        out[len - 2] = '\0';   /* the last "; " */
}

/* Runs the four workloads on one engine in a new folder under o->parent (round: 1-based, for the heading). */
static void run_engine(const bench_engine *e, const options *o, int round, const bench_data *d,
                       const uint64_t want_sum[W_COUNT], result res[W_COUNT])
{
    char dir[PATH_MAX], err[BENCH_ERR_MAX] = "", n[32];
    snprintf(dir, sizeof dir, "%s/esent-bench-%s-XXXXXX", o->parent, e->name);
    if (o->rounds > 1)
        printf("\n[%s, round %d of %d]\n", e->name, round, o->rounds);
    else
        printf("\n[%s]\n", e->name);
    fflush(stdout);
    if (!mkdtemp(dir)) {
        for (int w = 0; w < W_COUNT; w++) {
            res[w].state = RES_FAILED;
            snprintf(res[w].message, sizeof res[w].message, "cannot make a folder in %s: %s", o->parent, strerror(errno));
        }
        printf("  failed: %s\n", res[0].message);
        return;
    }
    void *db = e->open(dir, d, err);
    const char *skip_reason = NULL;
    char skip[64];
    for (int w = 0; w < W_COUNT; w++) {
        result *r = &res[w];
        if (!db) {
            r->state = RES_FAILED;
            snprintf(r->message, sizeof r->message, "%s", err);
        } else if (skip_reason) {
            r->state = RES_SKIPPED;
            snprintf(r->message, sizeof r->message, "%s", skip_reason);
        } else {
            bench_check c = { 0 };
            int rc;
            double t0 = now();
            switch (w) {
            case W_BULK: rc = e->insert_bulk(db, d, err); r->ops = d->nrows; break;
            case W_TXNS: rc = e->insert_txns(db, d, err); r->ops = d->ntxns; break;
            case W_LOOKUP: rc = e->lookup(db, d, &c, err); r->ops = d->nlookups; break;
            default: rc = e->scan(db, &c, err); r->ops = d->nrows + d->ntxns; break;
            }
            r->seconds = now() - t0;
            if (rc < 0) {
                r->state = RES_FAILED;
                snprintf(r->message, sizeof r->message, "%s", err);
                if (w == W_BULK || w == W_TXNS) {   /* the later workloads need these rows */
                    snprintf(skip, sizeof skip, "not run: workload %d failed", w + 1);
                    skip_reason = skip;
                }
            } else {
                r->state = RES_OK;
                if (w == W_LOOKUP || w == W_SCAN) {
                    compare(w, d, &c, want_sum[w], r->message, sizeof r->message);
                    if (r->message[0])
                        r->state = RES_MISMATCH;
                }
            }
        }
        printf("  %-28s", workload_short[w]);
        if (r->state == RES_OK || r->state == RES_MISMATCH)
            printf("%14s ops/s  %8.3f s\n", grouped(r->seconds > 0 ? (uint64_t)(r->ops / r->seconds) : 0, n), r->seconds);
        else
            printf("%s: %s\n", r->state == RES_FAILED ? "failed" : "skipped", r->message);
        if (r->state == RES_MISMATCH)
            printf("  *** MISMATCH: %s: %s ***\n", e->name, r->message);
        fflush(stdout);
    }
    if (db)
        e->close(db);
    folder_bytes = 0;
    nftw(dir, add_size, 16, FTW_PHYS);
    printf("  on disk after the workloads: %.1f MiB%s%s\n", (double)folder_bytes / (1 << 20), o->keep ? ", kept in " : "",
           o->keep ? dir : "");
    if (!o->keep)
        nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* ---- the report ----------------------------------------------------------------------------- */

static double ops_per_second(const result *r)
{
    return r->state == RES_OK && r->seconds > 0 ? (double)r->ops / r->seconds : 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median of v[0..n) (n >= 1; sorts v): the middle value, or the mean of the two middle ones. */
static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Engine ie's results of workload w over the rounds: the first that did not succeed (a wrong result
 * before a failure before a skip), else the first; *pops = the median ops/s when every round succeeded. */
static const result *summary(const options *o, result res[][MAX_ENGINES][W_COUNT], int ie, int w, double *pops)
{
    static const int rank[] = { [RES_NOT_RUN] = 1, [RES_OK] = 0, [RES_MISMATCH] = 4, [RES_FAILED] = 3,
                                [RES_SKIPPED] = 2 };
    const result *worst = &res[0][ie][w];
    double ops[MAX_ROUNDS];
    for (int k = 0; k < o->rounds; k++) {
        if (rank[res[k][ie][w].state] > rank[worst->state])
            worst = &res[k][ie][w];
        ops[k] = ops_per_second(&res[k][ie][w]);
    }
    *pops = worst->state == RES_OK ? median(ops, o->rounds) : 0;
    return worst;
}

/* ESENT's ops/s over the other engine's, round by round; the median of those ratios (engines that ran
 * one after the other in the same round meet the machine in the same state), and each round's. */
static void print_ratio(const char *label, const options *o, result res[][MAX_ENGINES][W_COUNT], int ie, int io,
                        int w)
{
    double ratio[MAX_ROUNDS];
    for (int k = 0; k < o->rounds; k++) {
        double e = ie >= 0 ? ops_per_second(&res[k][ie][w]) : 0, x = io >= 0 ? ops_per_second(&res[k][io][w]) : 0;
        if (e <= 0 || x <= 0) {
            printf("  %s n/a", label);
            return;
        }
        ratio[k] = e / x;
    }
    if (o->rounds == 1) {
        printf("  %s %.2f", label, ratio[0]);
        return;
    }
    printf("  %s", label);
    for (int k = 0; k < o->rounds; k++)
        printf("%s%.2f", k ? " " : " (rounds: ", ratio[k]);
    printf(") median %.2f", median(ratio, o->rounds));
}

static void print_report(const options *o, const bench_data *d, result res[][MAX_ENGINES][W_COUNT])
{
    int esent = -1, sqlite = -1, lmdb = -1;
    char title[160], n[32];
    for (int i = 0; i < o->nengines; i++) {
        if (o->engines[i] == &bench_esent)
            esent = i;
        else if (o->engines[i] == &bench_sqlite)
            sqlite = i;
        else
            lmdb = i;
    }
    printf("\n== Results (operations per second; ratios above 1 mean ESENT is faster)\n");
    if (o->rounds > 1)
        printf("   %d rounds: each engine's median ops/s, and the median of the rounds' ratios\n", o->rounds);
    for (int w = 0; w < W_COUNT; w++) {
        printf("\n%s\n", workload_title(w, d, title, sizeof title));
        for (int i = 0; i < o->nengines; i++) {
            double ops;
            const result *r = summary(o, res, i, w, &ops);
            printf("  %-8s", o->engines[i]->name);
            if (r->state == RES_OK)
                printf("%14s ops/s\n", grouped((uint64_t)ops, n));
            else if (r->state == RES_MISMATCH)
                printf("%14s ops/s  *** WRONG RESULTS: %s ***\n", grouped((uint64_t)((double)r->ops / r->seconds), n),
                       r->message);
            else
                printf("  %s: %s\n", r->state == RES_FAILED ? "failed" : "skipped", r->message);
        }
        print_ratio("ESENT/SQLite", o, res, esent, sqlite, w);
        print_ratio("  ESENT/LMDB", o, res, esent, lmdb, w);
        printf("\n");
    }
}

/* ---- options and data ----------------------------------------------------------------------- */

static void usage(FILE *f)
{
    fprintf(f,
            "usage: esent-bench [--rows N] [--txns N] [--lookups N] [--engines esent,sqlite,lmdb]\n"
            "                   [--dir DIR] [--keep] [--lmdb-nosync] [--sqlite-cache-mb N]\n"
            "                   [--rw-txns N] [--rw-rows N] [--rw-threads N] [--rw-only] [--rounds N]\n"
            "  --rows N            workload 1: rows inserted in one transaction (default 1000000)\n"
            "  --txns N            workload 2: single-row transactions (default 200000)\n"
            "  --lookups N         workload 3: random point lookups (default 1000000)\n"
            "  --engines LIST      comma-separated, in the order to run (default esent,sqlite,lmdb)\n"
            "  --dir DIR           where each engine's fresh folder is made (default $TMPDIR or /tmp)\n"
            "  --keep              keep the folders afterwards\n"
            "  --lmdb-nosync       LMDB workload 2 with MDB_NOSYNC instead of MDB_NOMETASYNC\n"
            "  --sqlite-cache-mb N SQLite page cache (default 256; 0 = SQLite's own default of 2 MiB)\n"
            "  --rw-txns N         workload 5: read-modify-write transactions per thread (default 25000;\n"
            "                      0 = not run)\n"
            "  --rw-rows N         workload 5: rows preloaded, the keys drawn from (default 100000)\n"
            "  --rw-threads N      workload 5: threads, one session or connection each (default 4)\n"
            "  --rw-only           run workload 5 alone\n"
            "  --rounds N          run workloads 1-4 N times (1-15, default 1), every engine in each round;\n"
            "                      report the medians\n"
            "See docs/performance.md.\n");
}

static int parse_count(const char *s, uint64_t max, uint64_t *out)
{
    char *end;
    errno = 0;
    if (!s || *s < '0' || *s > '9')
        return -1;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v > max)
        return -1;
    *out = v;
    return 0;
}

static int parse_engines(char *list, options *o)
{
    o->nengines = 0;
    for (char *name = strtok(list, ","); name; name = strtok(NULL, ",")) {
        const bench_engine *found = NULL;
        for (int i = 0; i < MAX_ENGINES; i++)
            if (strcmp(name, all_engines[i]->name) == 0)
                found = all_engines[i];
        for (int i = 0; i < o->nengines; i++)
            if (o->engines[i] == found)
                found = NULL;   /* named twice */
        if (!found || o->nengines == MAX_ENGINES) {
            fprintf(stderr, "esent-bench: unknown or repeated engine \"%s\" (esent, sqlite, lmdb)\n", name);
            return -1;
        }
        o->engines[o->nengines++] = found;
    }
    return o->nengines > 0 ? 0 : -1;
}

static int parse_options(int argc, char **argv, options *o)
{
    static char default_engines[] = "esent,sqlite,lmdb";
    const char *tmp = getenv("TMPDIR");
    *o = (options){ .rows = 1000000, .txns = 200000, .lookups = 1000000, .sqlite_cache_mb = 256,
                    .parent = tmp && *tmp ? tmp : "/tmp", .rw_txns = 25000, .rw_rows = 100000, .rw_threads = 4,
                    .rounds = 1 };
    parse_engines(default_engines, o);
    const uint64_t max = (uint64_t)1 << 40;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        uint64_t n;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            exit(0);
        } else if (strcmp(a, "--keep") == 0) {
            o->keep = 1;
        } else if (strcmp(a, "--lmdb-nosync") == 0) {
            o->lmdb_nosync = 1;
        } else if (strcmp(a, "--rows") == 0 && parse_count(v, max, &o->rows) == 0) {
            i++;
        } else if (strcmp(a, "--txns") == 0 && parse_count(v, max, &o->txns) == 0) {
            i++;
        } else if (strcmp(a, "--lookups") == 0 && parse_count(v, max, &o->lookups) == 0) {
            i++;
        } else if (strcmp(a, "--rw-only") == 0) {
            o->rw_only = 1;
        } else if (strcmp(a, "--rw-txns") == 0 && parse_count(v, UINT32_MAX, &o->rw_txns) == 0) {
            i++;
        } else if (strcmp(a, "--rw-rows") == 0 && parse_count(v, max, &o->rw_rows) == 0 && o->rw_rows > 0) {
            i++;
        } else if (strcmp(a, "--rw-threads") == 0 && parse_count(v, RMW_MAX_THREADS, &n) == 0 && n > 0) {
            o->rw_threads = (int)n;
            i++;
        } else if (strcmp(a, "--rounds") == 0 && parse_count(v, MAX_ROUNDS, &n) == 0 && n > 0) {
            o->rounds = (int)n;
            i++;
        } else if (strcmp(a, "--sqlite-cache-mb") == 0 && parse_count(v, 1 << 20, &n) == 0) {
            o->sqlite_cache_mb = (int)n;
            i++;
        } else if (strcmp(a, "--dir") == 0 && v) {
            o->parent = v;
            i++;
        } else if (strcmp(a, "--engines") == 0 && v) {
            char *copy = strdup(v);
            int rc = copy ? parse_engines(copy, o) : -1;
            free(copy);
            if (rc < 0)
                return -1;
            i++;
        } else {
            fprintf(stderr, "esent-bench: bad argument \"%s\"%s%s%s\n", a, v ? " (or value \"" : "", v ? v : "",
                    v ? "\")" : "");
            return -1;
        }
    }
    if (o->rw_only)
        o->rows = o->txns = o->lookups = 0;
    if (o->rows + o->txns == 0 && o->lookups > 0) {
        fprintf(stderr, "esent-bench: lookups need rows: --rows or --txns must be above 0\n");
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    options o;
    if (parse_options(argc, argv, &o) < 0) {
        usage(stderr);
        return 2;
    }
    uint64_t nkeys = o.rows + o.txns;
    int64_t *keys = malloc((nkeys ? nkeys : 1) * sizeof *keys);
    int64_t *lookups = malloc((o.lookups ? o.lookups : 1) * sizeof *lookups);
    if (!keys || !lookups) {
        fprintf(stderr, "esent-bench: out of memory\n");
        return 2;
    }
    /* Keys 0..nkeys-1 shuffled (Fisher-Yates), and lookups drawn uniformly from them. */
    uint64_t state = KEY_SEED;
    for (uint64_t i = 0; i < nkeys; i++)
        keys[i] = (int64_t)i;
    for (uint64_t i = nkeys; i > 1; i--) {
        uint64_t j = bench_rand(&state) % i;
        int64_t t = keys[i - 1];
        keys[i - 1] = keys[j];
        keys[j] = t;
    }
    state = LOOKUP_SEED;
    for (uint64_t i = 0; i < o.lookups; i++)
        lookups[i] = (int64_t)(bench_rand(&state) % nkeys);

    /* What the read workloads must find: the sums of the value bytes. */
    uint64_t want_sum[W_COUNT] = { 0 };
    uint8_t value[BENCH_VALUE_SIZE];
    for (uint64_t i = 0; i < nkeys; i++) {
        bench_value((int64_t)i, value);
        want_sum[W_SCAN] += bench_byte_sum(value, sizeof value);
    }
    for (uint64_t i = 0; i < o.lookups; i++) {
        bench_value(lookups[i], value);
        want_sum[W_LOOKUP] += bench_byte_sum(value, sizeof value);
    }

    bench_data d = { .nrows = o.rows, .ntxns = o.txns, .nlookups = o.lookups, .keys = keys, .lookups = lookups,
                     .lmdb_nosync = o.lmdb_nosync, .sqlite_cache_mb = o.sqlite_cache_mb };
    char n1[32], n2[32], n3[32];
    printf("esent-bench: rows %s, txns %s, lookups %s; records: %d-byte key, %d-byte value\n", grouped(o.rows, n1),
           grouped(o.txns, n2), grouped(o.lookups, n3), BENCH_KEY_SIZE, BENCH_VALUE_SIZE);
    printf("workload 5: %d threads x %s transactions on %s rows%s\n", o.rw_threads, grouped(o.rw_txns, n1),
           grouped(o.rw_rows, n2), o.rw_txns ? (o.rw_only ? " (alone: --rw-only)" : "") : " (not run: --rw-txns 0)");
    print_machine(&o);
    printf("durability: workload 1 durable commit; workloads 2 and 5 lazy commit: ESENT JET_bitCommitLazyFlush, "
           "SQLite WAL synchronous=NORMAL, LMDB %s\n", o.lmdb_nosync ? "MDB_NOSYNC" : "MDB_NOMETASYNC");
    if (o.sqlite_cache_mb)
        printf("SQLite page cache: %d MiB (--sqlite-cache-mb)\n", o.sqlite_cache_mb);
    else
        printf("SQLite page cache: SQLite's default (2 MiB)\n");
    fflush(stdout);

    static result res[MAX_ROUNDS][MAX_ENGINES][W_COUNT];
    for (int k = 0; k < o.rounds && !o.rw_only; k++)
        for (int i = 0; i < o.nengines; i++)
            run_engine(o.engines[i], &o, k + 1, &d, want_sum, res[k][i]);
    const char *names[MAX_ENGINES];
    for (int i = 0; i < o.nengines; i++)
        names[i] = o.engines[i]->name;
    rmw_params rw = { .rows = o.rw_rows, .txns = o.rw_txns, .threads = o.rw_threads, .lmdb_nosync = o.lmdb_nosync,
                      .sqlite_cache_mb = o.sqlite_cache_mb };
    if (o.rw_txns)
        bench_rmw_run(&rw, names, o.nengines, o.parent, o.keep);
    if (!o.rw_only)
        print_report(&o, &d, res);
    int rw_wrong = o.rw_txns ? bench_rmw_report(o.rw_only) : 0;

    int mismatches = 0;
    for (int k = 0; k < o.rounds; k++)
        for (int i = 0; i < o.nengines; i++)
            for (int w = 0; w < W_COUNT; w++)
                mismatches += res[k][i][w].state == RES_MISMATCH;
    mismatches += rw_wrong;
    if (mismatches)
        printf("\n*** %d workload(s) read back WRONG RESULTS (see above) ***\n", mismatches);
    free(keys);
    free(lookups);
    return mismatches ? 1 : 0;
}
