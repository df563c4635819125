/*
 * par.c — the ordered parallel map of par.h: POSIX threads, one mutex, a
 * ring of slots (WINDOW per worker) between the workers and the caller.
 * The caller is a worker too: when the next item is not ready it prepares
 * one ahead instead of sleeping (a sleep and wake-up per item would cost
 * more than a small file's parse).
 */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/par.h"

enum { MAX_WORKERS = CK_PAR_MAX_WORKERS, WINDOW = 16 };

typedef struct slot {
    void *out;
    ck_status rc;
    int ready;
    ck_diag *d; /* the item's own diagnostics */
} slot;

typedef struct shared {
    pthread_mutex_t lock;
    pthread_cond_t ready, space;
    size_t n, claimed, delivered, window;
    int stop;
    /* who sleeps: a wake-up costs a system call, so only these get one */
    int caller_waits;
    unsigned workers_wait;
    slot *slots;
    ck_par_work work;
    void *ctx;
} shared;

typedef struct worker {
    shared *s;
    unsigned w;
} worker;

unsigned ck_par_workers(size_t n)
{
    long k;
    const char *env = getenv("CLINKIT_THREADS");
    if (env && *env) {
        char *end;
        k = strtol(env, &end, 10);
        if (*end || k < 1)
            k = 1;
    } else
        k = sysconf(_SC_NPROCESSORS_ONLN);
    if (k > MAX_WORKERS)
        k = MAX_WORKERS;
    if (k < 1 || n < 2 * (size_t)k)
        k = 1;
    return (unsigned)k;
}

static void *run_worker(void *arg)
{
    worker *me = arg;
    shared *s = me->s;
    pthread_mutex_lock(&s->lock);
    for (;;) {
        while (!s->stop && s->claimed < s->n && s->claimed >= s->delivered + s->window) {
            s->workers_wait++;
            pthread_cond_wait(&s->space, &s->lock);
            s->workers_wait--;
        }
        if (s->stop || s->claimed >= s->n)
            break;
        size_t i = s->claimed++;
        slot *sl = &s->slots[i % s->window];
        pthread_mutex_unlock(&s->lock);
        void *out = NULL;
        ck_status rc = s->work(s->ctx, me->w, i, &out, sl->d);
        pthread_mutex_lock(&s->lock);
        sl->out = out;
        sl->rc = rc;
        sl->ready = 1;
        if (s->caller_waits)
            pthread_cond_signal(&s->ready);
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

/* The item's diagnostics, in the caller's collector, in their order. */
static void replay(ck_diag *from, ck_diag *to)
{
    for (size_t k = 0; k < ck_diag_size(from); k++) {
        const ck_diag_item *it = ck_diag_get(from, k);
        ck_diag_add(to, it->severity, it->file, it->line, it->column, it->byte, "%s",
                    it->message);
    }
    ck_diag_clear(from);
}

static ck_status sequential(size_t n, ck_par_work work, ck_par_deliver deliver, void *ctx,
                            ck_diag *d)
{
    ck_status rc = CK_OK;
    for (size_t i = 0; i < n && rc == CK_OK; i++) {
        void *out = NULL;
        ck_status wrc = work(ctx, 0, i, &out, d);
        rc = deliver(ctx, i, out, wrc);
    }
    return rc;
}

ck_status ck_par_run(size_t n, unsigned workers, ck_par_work work, ck_par_deliver deliver,
                     ck_par_drop drop, void *ctx, ck_diag *d)
{
    if (workers <= 1 || n < 2)
        return sequential(n, work, deliver, ctx, d);
    if (workers > MAX_WORKERS)
        workers = MAX_WORKERS;
    shared s = {.n = n, .window = (size_t)workers * WINDOW, .work = work, .ctx = ctx};
    s.slots = calloc(s.window, sizeof *s.slots);
    worker me[MAX_WORKERS];
    pthread_t th[MAX_WORKERS];
    unsigned started = 0;
    int inited = 0;
    ck_status rc = s.slots ? CK_OK : CK_ERR_NOMEM;
    for (size_t k = 0; rc == CK_OK && k < s.window; k++) {
        s.slots[k].d = ck_diag_new(d ? ck_diag_strict(d) : 0);
        if (!s.slots[k].d)
            rc = CK_ERR_NOMEM;
        else if (d)
            ck_diag_set_show_text(s.slots[k].d, ck_diag_show_text(d));
    }
    if (rc == CK_OK) {
        pthread_mutex_init(&s.lock, NULL);
        pthread_cond_init(&s.ready, NULL);
        pthread_cond_init(&s.space, NULL);
        inited = 1;
        for (; started < workers - 1; started++) { /* the caller is the last */
            me[started] = (worker){&s, started};
            if (pthread_create(&th[started], NULL, run_worker, &me[started]))
                break;
        }
    }
    if (rc == CK_OK && started == 0) /* no thread at all: do it here */
        rc = sequential(n, work, deliver, ctx, d);
    else if (rc == CK_OK) {
        for (size_t i = 0; i < n; i++) {
            slot *sl = &s.slots[i % s.window];
            pthread_mutex_lock(&s.lock);
            while (!sl->ready) {
                if (s.claimed < n && s.claimed < s.delivered + s.window) {
                    /* rather than sleep, prepare an item here too */
                    size_t j = s.claimed++;
                    slot *sj = &s.slots[j % s.window];
                    pthread_mutex_unlock(&s.lock);
                    void *out = NULL;
                    ck_status wrc = work(ctx, workers - 1, j, &out, sj->d);
                    pthread_mutex_lock(&s.lock);
                    sj->out = out;
                    sj->rc = wrc;
                    sj->ready = 1;
                    continue;
                }
                s.caller_waits = 1;
                pthread_cond_wait(&s.ready, &s.lock);
                s.caller_waits = 0;
            }
            pthread_mutex_unlock(&s.lock);
            replay(sl->d, d);
            rc = deliver(ctx, i, sl->out, sl->rc);
            pthread_mutex_lock(&s.lock);
            sl->ready = 0;
            sl->out = NULL;
            s.delivered++;
            if (rc != CK_OK)
                s.stop = 1;
            if (s.workers_wait)
                pthread_cond_broadcast(&s.space);
            pthread_mutex_unlock(&s.lock);
            if (rc != CK_OK)
                break;
        }
    }
    for (unsigned k = 0; k < started; k++)
        pthread_join(th[k], NULL);
    if (inited) {
        pthread_mutex_destroy(&s.lock);
        pthread_cond_destroy(&s.ready);
        pthread_cond_destroy(&s.space);
    }
    for (size_t k = 0; s.slots && k < s.window; k++) {
        if (s.slots[k].ready && s.slots[k].out && drop)
            drop(ctx, s.slots[k].out);
        ck_diag_free(s.slots[k].d);
    }
    free(s.slots);
    return rc;
}
