/*
 * par.h — private: an ordered parallel map, for readers whose files are
 * independent documents (one parse per file, delivered in file order).
 *
 * ck_par_run prepares item i with work() on a worker thread, with a private
 * diagnostics collector that has d's policy (strict, show-text), and hands
 * the results to deliver() on the calling thread in index order 0, 1, ...
 * after copying that item's diagnostics into d. The output is therefore the
 * same as a sequential loop's, diagnostics included: the first delivery
 * that returns non-OK stops the run, and items prepared ahead of it are
 * dropped unseen, as a sequential loop would never have read them.
 * Memory stays bounded: at most a few items per worker are in flight.
 */
#ifndef CK_PAR_H
#define CK_PAR_H

#include <stddef.h>

#include "clinkit/diag.h"

/* At most this many workers: callers may keep per-worker state in arrays
 * of this size. */
enum { CK_PAR_MAX_WORKERS = 8 };

/* Prepare item i on worker w (0 <= w < workers): set *out (may be NULL). */
typedef ck_status (*ck_par_work)(void *ctx, unsigned w, size_t i, void **out, ck_diag *d);
/* Take item i's result; rc is what work returned. Non-OK stops the run. */
typedef ck_status (*ck_par_deliver)(void *ctx, size_t i, void *out, ck_status rc);
/* Free a result that will not be delivered. */
typedef void (*ck_par_drop)(void *ctx, void *out);

/* Workers to use for n items: the CLINKIT_THREADS environment variable if
 * set (1 = no threads), else the online CPUs, at most CK_PAR_MAX_WORKERS; 1 for few items. */
unsigned ck_par_workers(size_t n);

/* Run the map; workers == 1 is a plain loop on the calling thread (work
 * then sees d itself). Returns the first non-OK delivery status, or
 * CK_ERR_NOMEM if threads could not be set up. */
ck_status ck_par_run(size_t n, unsigned workers, ck_par_work work, ck_par_deliver deliver,
                     ck_par_drop drop, void *ctx, ck_diag *d);

#endif
