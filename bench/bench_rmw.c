/* esent-bench workload 5: concurrent read-modify-write transactions (bench_rmw.h), the runner.
 *
 * For each engine: a fresh folder, then a child process that preloads the table, starts the
 * worker threads, lets them go together (a barrier), times them until the last one has committed
 * its last transaction, and checks every row afterwards. The child sends its result to the parent
 * through a pipe, so an engine that crashes or hangs under concurrency is reported as failed and
 * the run goes on with the next engine. Only the child uses the engine: the parent forks while it
 * is the only thread of the process. */
#define _GNU_SOURCE   /* nftw, mkdtemp, strsignal */
#include "bench_rmw.h"

#include <errno.h>
#include <ftw.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RMW_SEED       0x524D575F53454544ull   /* the workers' keys: fixed, thread i from RMW_SEED + i */
#define RMW_STALL_S    120                     /* no commit by any thread for this long: hung */
#define RMW_MAX_ENGINES 3

typedef enum { RMW_NOT_RUN, RMW_OK, RMW_WRONG, RMW_FAILED } rmw_state;

/* What the child sends back. */
typedef struct rmw_result {
    rmw_state state;
    double seconds;           /* from the start barrier to the last worker's last commit */
    double cpu_seconds;       /* user + system time of the process over the same span (about) */
    double first_done;        /* when the first worker finished its transactions (s after the start) */
    uint64_t committed;
    rmw_counts counts;        /* summed over the workers */
    char message[BENCH_ERR_MAX + 256];   /* why it failed, or what was wrong */
} rmw_result;

typedef struct worker {
    const rmw_engine *e;
    void *db;
    const rmw_params *p;
    int index;
    pthread_barrier_t *start;
    uint32_t *per_key;        /* transactions this worker committed on each key */
    atomic_uint_fast64_t committed;
    atomic_int done;
    rmw_counts counts;
    double end;
    int failed;
    char err[BENCH_ERR_MAX];
} worker;

static atomic_int stop_workers;

static struct {
    rmw_params p;
    int n;
    const char *name[RMW_MAX_ENGINES];
    rmw_result res[RMW_MAX_ENGINES];
} last_run;

static double rmw_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_now(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);   /* every thread of the process */
    return (double)u.ru_utime.tv_sec + (double)u.ru_utime.tv_usec / 1e6 + (double)u.ru_stime.tv_sec +
           (double)u.ru_stime.tv_usec / 1e6;
}

static const char *rmw_grouped(uint64_t n, char out[32])
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

/* Appends "<formatted>; " to out (size bytes). */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void rmw_append(char *out, size_t size, const char *fmt, ...)
{
    size_t len = strlen(out);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out + len, size - len, fmt, ap);
    va_end(ap);
    len = strlen(out);
    snprintf(out + len, size - len, "; ");
}

static const rmw_engine *engine_named(const char *name)
{
    static const rmw_engine *const all[] = { &rmw_esent, &rmw_sqlite, &rmw_lmdb };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (strcmp(all[i]->name, name) == 0)
            return all[i];
    return NULL;
}

/* ---- the child: workers and the check ---------------------------------------------------------- */

static void *worker_main(void *arg)
{
    worker *w = arg;
    void *th = w->e->thread_open(w->db, w->err);
    if (!th)
        w->failed = 1;
    pthread_barrier_wait(w->start);   /* every worker is ready: the clock starts */
    if (th) {
        uint64_t state = RMW_SEED + (uint64_t)w->index;
        for (uint64_t i = 0; i < w->p->txns && !atomic_load_explicit(&stop_workers, memory_order_relaxed); i++) {
            int64_t key = (int64_t)(bench_rand(&state) % w->p->rows);
            if (w->e->txn(th, key, &w->counts, w->err) < 0) {
                w->failed = 1;
                atomic_store(&stop_workers, 1);
                break;
            }
            w->per_key[key]++;
            atomic_store_explicit(&w->committed, i + 1, memory_order_relaxed);
        }
    } else {
        atomic_store(&stop_workers, 1);
    }
    w->end = rmw_now();
    if (th)
        w->e->thread_close(th);
    atomic_store(&w->done, 1);
    return NULL;
}

typedef struct verify {
    const uint64_t *expected;   /* commits per key */
    uint64_t rows;
    uint64_t seen, next, bad_keys, missing, bad_values, wrong_counters, counter_sum;
    uint64_t lost, extra;       /* commits not seen in the counters, counter increments without a commit */
} verify;

static void verify_row(void *ctx, int64_t key, const void *value, size_t size)
{
    verify *v = ctx;
    v->seen++;
    if (key < 0 || (uint64_t)key >= v->rows || (uint64_t)key < v->next) {   /* unknown, repeated or out of order */
        v->bad_keys++;
        return;
    }
    v->missing += (uint64_t)key - v->next;
    v->next = (uint64_t)key + 1;
    if (!rmw_value_ok(key, value, size))
        v->bad_values++;
    if (size < 8)
        return;
    uint64_t counter = rmw_counter(value), want = v->expected[key];
    v->counter_sum += counter;
    if (counter != want) {
        v->wrong_counters++;
        if (counter < want)
            v->lost += want - counter;
        else
            v->extra += counter - want;
    }
}

/* The whole workload on one engine, in the child. */
static void run_child(const rmw_engine *e, const rmw_params *p, const char *dir, rmw_result *r)
{
    char err[BENCH_ERR_MAX] = "";
    worker *w = calloc((size_t)p->threads, sizeof *w);
    uint32_t *per_key = calloc((size_t)p->threads * p->rows, sizeof *per_key);
    uint64_t *expected = calloc(p->rows, sizeof *expected);
    pthread_t *tid = calloc((size_t)p->threads, sizeof *tid);
    void *db = NULL;
    pthread_barrier_t start;
    int started = 0;
    r->state = RMW_FAILED;
    if (!w || !per_key || !expected || !tid) {
        snprintf(r->message, sizeof r->message, "out of memory");
        goto done;
    }
    db = e->open(dir, p, err);
    if (!db) {
        snprintf(r->message, sizeof r->message, "preload: %s", err);
        goto done;
    }
    pthread_barrier_init(&start, NULL, (unsigned)p->threads + 1);
    for (int i = 0; i < p->threads; i++) {
        w[i] = (worker){ .e = e, .db = db, .p = p, .index = i, .start = &start, .per_key = per_key + (size_t)i * p->rows };
        if (pthread_create(&tid[i], NULL, worker_main, &w[i]) != 0) {
            snprintf(r->message, sizeof r->message, "pthread_create failed");
            _exit(3);   /* the barrier would never open; the parent reports the missing result */
        }
    }
    started = 1;
    pthread_barrier_wait(&start);
    double t0 = rmw_now(), cpu0 = cpu_now();

    /* Wait for the workers, watching that some transaction still commits now and then. */
    uint64_t last_total = 0;
    double last_progress = t0;
    for (;;) {
        int done = 0;
        uint64_t total = 0;
        for (int i = 0; i < p->threads; i++) {
            done += atomic_load(&w[i].done);
            total += atomic_load_explicit(&w[i].committed, memory_order_relaxed);
        }
        if (done == p->threads)
            break;
        double t = rmw_now();
        if (total != last_total) {
            last_total = total;
            last_progress = t;
        } else if (t - last_progress > RMW_STALL_S) {
            char n1[32], n2[32];
            snprintf(r->message, sizeof r->message,
                     "hung: no transaction committed for %d s (%s of %s committed); the workers were left running",
                     RMW_STALL_S, rmw_grouped(total, n1), rmw_grouped(p->txns * (uint64_t)p->threads, n2));
            r->committed = total;
            return;   /* the caller sends this and _exits, which ends the stuck threads */
        }
        struct timespec nap = { 0, 20 * 1000 * 1000 };
        nanosleep(&nap, NULL);
    }
    for (int i = 0; i < p->threads; i++)
        pthread_join(tid[i], NULL);
    r->cpu_seconds = cpu_now() - cpu0;
    double end = t0, first = 0;
    for (int i = 0; i < p->threads; i++) {
        r->committed += atomic_load(&w[i].committed);
        r->counts.retries += w[i].counts.retries;
        r->counts.waits += w[i].counts.waits;
        r->counts.bad_reads += w[i].counts.bad_reads;
        if (w[i].end > end)
            end = w[i].end;
        if (i == 0 || w[i].end < first)
            first = w[i].end;
    }
    r->seconds = end - t0;
    r->first_done = first - t0;
    for (int i = 0; i < p->threads; i++)
        if (w[i].failed) {
            snprintf(r->message, sizeof r->message, "thread %d: %s", i, w[i].err);
            goto done;
        }

    /* The check: every key's counter is the number of transactions committed on it. */
    for (int i = 0; i < p->threads; i++)
        for (uint64_t k = 0; k < p->rows; k++)
            expected[k] += w[i].per_key[k];
    verify v = { .expected = expected, .rows = p->rows };
    if (e->scan(db, verify_row, &v, err) < 0) {
        snprintf(r->message, sizeof r->message, "check: %s", err);
        goto done;
    }
    v.missing += p->rows - v.next;
    char *m = r->message;
    size_t ms = sizeof r->message;
    char n1[32], n2[32], n3[32], n4[32];
    m[0] = '\0';
    if (v.counter_sum != r->committed || v.lost || v.extra)
        rmw_append(m, ms, "counters sum to %s, expected %s (committed transactions: %s updates lost, %s increments without one)",
                   rmw_grouped(v.counter_sum, n1), rmw_grouped(r->committed, n2), rmw_grouped(v.lost, n3),
                   rmw_grouped(v.extra, n4));
    if (v.wrong_counters)
        rmw_append(m, ms, "%" PRIu64 " keys with a wrong counter", v.wrong_counters);
    if (v.missing)
        rmw_append(m, ms, "%" PRIu64 " rows missing", v.missing);
    if (v.bad_keys)
        rmw_append(m, ms, "%" PRIu64 " unknown, repeated or out-of-order keys", v.bad_keys);
    if (v.bad_values)
        rmw_append(m, ms, "%" PRIu64 " values not the key's", v.bad_values);
    if (r->counts.bad_reads)
        rmw_append(m, ms, "%" PRIu64 " values read in transactions not the key's", r->counts.bad_reads);
    size_t len = strlen(m);
    if (len >= 2)
        m[len - 2] = '\0';
    r->state = m[0] ? RMW_WRONG : RMW_OK;
done:
    if (started)
        pthread_barrier_destroy(&start);
    if (db)
        e->close(db);
    free(w);
    free(per_key);
    free(expected);
    free(tid);
}

/* ---- the parent ---------------------------------------------------------------------------- */

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st, (void)type, (void)ftw;
    if (remove(path) != 0)
        fprintf(stderr, "esent-bench: cannot remove %s: %s\n", path, strerror(errno));
    return 0;
}

static void run_engine(const rmw_engine *e, const rmw_params *p, const char *parent, int keep, rmw_result *r)
{
    char dir[PATH_MAX];
    memset(r, 0, sizeof *r);
    r->state = RMW_FAILED;
    snprintf(dir, sizeof dir, "%s/esent-bench-%s-rw-XXXXXX", parent, e->name);
    if (!mkdtemp(dir)) {
        snprintf(r->message, sizeof r->message, "cannot make a folder in %s: %s", parent, strerror(errno));
        return;
    }
    int fd[2];
    fflush(stdout);
    fflush(stderr);
    pid_t pid = pipe(fd) == 0 ? fork() : -1;
    if (pid == 0) {
        close(fd[0]);
        rmw_result mine = { 0 };
        run_child(e, p, dir, &mine);
        ssize_t wrote = write(fd[1], &mine, sizeof mine);   /* < PIPE_BUF: one atomic write */
        fflush(stdout);
        fflush(stderr);
        _exit(wrote == (ssize_t)sizeof mine ? 0 : 3);
    }
    if (pid < 0) {
        snprintf(r->message, sizeof r->message, "cannot start the child process: %s", strerror(errno));
    } else {
        close(fd[1]);
        rmw_result got;
        size_t have = 0;
        while (have < sizeof got) {
            ssize_t n = read(fd[0], (char *)&got + have, sizeof got - have);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            have += (size_t)n;
        }
        close(fd[0]);
        int status = 0;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            ;
        if (have == sizeof got)
            *r = got;
        else if (WIFSIGNALED(status))
            snprintf(r->message, sizeof r->message, "the engine crashed (signal %d, %s)", WTERMSIG(status),
                     strsignal(WTERMSIG(status)));
        else
            snprintf(r->message, sizeof r->message, "the child process ended (status %d) without a result",
                     WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    }
    if (!keep)
        nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    else
        printf("  (kept in %s)\n", dir);
}

static double txn_per_second(const rmw_result *r)
{
    return r->state == RMW_OK && r->seconds > 0 ? (double)r->committed / r->seconds : 0;
}

/* "conflicts retried 12, CPU 1.93 cores, first thread done at 80 %" */
static void print_details(const rmw_engine *e, const rmw_result *r)
{
    char n[32], n2[32];
    if (e == &rmw_esent)
        printf("write conflicts retried %s", rmw_grouped(r->counts.retries, n));
    else if (e == &rmw_sqlite)
        printf("busy waits %s, SQLITE_BUSY retried %s", rmw_grouped(r->counts.waits, n),
               rmw_grouped(r->counts.retries, n2));
    else
        printf("one writer at a time");
    printf("; CPU %.2f cores", r->seconds > 0 ? r->cpu_seconds / r->seconds : 0);
    printf("; first thread done at %.0f %%", r->seconds > 0 ? 100 * r->first_done / r->seconds : 0);
}

void bench_rmw_run(const rmw_params *p, const char *const *names, int n, const char *parent, int keep)
{
    char n1[32], n2[32], n3[32];
    memset(&last_run, 0, sizeof last_run);
    last_run.p = *p;
    printf("\n[workload 5: %d threads x %s read-modify-write transactions on %s rows]\n", p->threads,
           rmw_grouped(p->txns, n1), rmw_grouped(p->rows, n2));
    for (int i = 0; i < n && last_run.n < RMW_MAX_ENGINES; i++) {
        const rmw_engine *e = engine_named(names[i]);
        if (!e)
            continue;
        rmw_result *r = &last_run.res[last_run.n];
        last_run.name[last_run.n++] = e->name;
        run_engine(e, p, parent, keep, r);
        printf("  %-8s", e->name);
        if (r->state == RMW_OK || r->state == RMW_WRONG) {
            printf("%14s txn/s  %8.3f s  (", rmw_grouped(r->seconds > 0 ? (uint64_t)(r->committed / r->seconds) : 0, n3),
                   r->seconds);
            print_details(e, r);
            printf(")\n");
            if (r->state == RMW_WRONG)
                printf("  *** MISMATCH: %s: %s ***\n", e->name, r->message);
        } else {
            printf("failed: %s\n", r->message);
        }
        fflush(stdout);
    }
}

int bench_rmw_report(int header)
{
    const rmw_params *p = &last_run.p;
    const rmw_result *esent = NULL, *sqlite = NULL, *lmdb = NULL;
    char n1[32], n2[32], n3[32];
    int wrong = 0;
    if (header)
        printf("\n== Results (transactions per second; ratios above 1 mean ESENT is faster)\n");
    printf("\n5. %d threads x %s read-modify-write transactions (%s in all) on %s rows, each committed lazily\n",
           p->threads, rmw_grouped(p->txns, n1), rmw_grouped(p->txns * (uint64_t)p->threads, n2),
           rmw_grouped(p->rows, n3));
    for (int i = 0; i < last_run.n; i++) {
        const rmw_result *r = &last_run.res[i];
        const rmw_engine *e = engine_named(last_run.name[i]);
        if (e == &rmw_esent)
            esent = r;
        else if (e == &rmw_sqlite)
            sqlite = r;
        else
            lmdb = r;
        printf("  %-8s", e->name);
        if (r->state == RMW_OK) {
            printf("%14s txn/s  (", rmw_grouped((uint64_t)txn_per_second(r), n1));
            print_details(e, r);
            printf(")\n");
        } else if (r->state == RMW_WRONG) {
            wrong++;
            printf("%14s txn/s  *** WRONG RESULTS: %s ***\n",
                   rmw_grouped(r->seconds > 0 ? (uint64_t)(r->committed / r->seconds) : 0, n1), r->message);
        } else {
            printf("  failed: %s\n", r->message);
        }
    }
    const rmw_result *pairs[2] = { sqlite, lmdb };
    const char *labels[2] = { "ESENT/SQLite", "  ESENT/LMDB" };
    for (int k = 0; k < 2; k++) {
        if (esent && pairs[k] && txn_per_second(esent) > 0 && txn_per_second(pairs[k]) > 0)
            printf("  %s %.2f", labels[k], txn_per_second(esent) / txn_per_second(pairs[k]));
        else
            printf("  %s n/a", labels[k]);
    }
    printf("\n");
    return wrong;
}
