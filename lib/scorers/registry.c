/*
 * registry.c — the list of scorers. Adding one: write lib/scorers/NAME.c
 * defining `const ck_scorer ck_scorer_NAME` and add a line to the list.
 */
#include <stdio.h>
#include <string.h>

#include "clinkit/eval.h"

extern const ck_scorer ck_scorer_conll;
extern const ck_scorer ck_scorer_nbme;
extern const ck_scorer ck_scorer_cblue_cmeie;
extern const ck_scorer ck_scorer_cblue_cmeee;
extern const ck_scorer ck_scorer_cblue_cls;
extern const ck_scorer ck_scorer_i2b2_2014_deid;
extern const ck_scorer ck_scorer_i2b2_2014_rf;
extern const ck_scorer ck_scorer_n2c2_2018_t1;
extern const ck_scorer ck_scorer_n2c2_2018_t2;

extern const ck_scorer ck_scorer_share_clef_2013;
extern const ck_scorer ck_scorer_clinical_tempeval;
extern const ck_scorer ck_scorer_semeval_2015_t14;
extern const ck_scorer ck_scorer_i2b2_2012;

static const ck_scorer *const scorers[] = {
    &ck_scorer_conll,
    &ck_scorer_nbme,
    &ck_scorer_cblue_cmeie,
    &ck_scorer_cblue_cmeee,
    &ck_scorer_cblue_cls,
    &ck_scorer_i2b2_2014_deid,
    &ck_scorer_i2b2_2014_rf,
    &ck_scorer_n2c2_2018_t1,
    &ck_scorer_n2c2_2018_t2,
    &ck_scorer_share_clef_2013,
    &ck_scorer_clinical_tempeval,
    &ck_scorer_semeval_2015_t14,
    &ck_scorer_i2b2_2012,
};

size_t ck_scorer_count(void) { return sizeof scorers / sizeof *scorers; }

const ck_scorer *ck_scorer_at(size_t i)
{
    return i < ck_scorer_count() ? scorers[i] : NULL;
}

const ck_scorer *ck_scorer_find(const char *id)
{
    for (size_t i = 0; id && i < ck_scorer_count(); i++)
        if (strcmp(scorers[i]->id, id) == 0)
            return scorers[i];
    return NULL;
}

ck_status ck_eval(const char *task, const char *gold, const char *system,
                  ck_opts opts, FILE *out, ck_eval_format fmt, ck_diag *d)
{
    const ck_scorer *s = ck_scorer_find(task);
    if (!s) {
        ck_diag_add(d, CK_SEV_ERROR, NULL, 0, 0, (size_t)-1, "unknown task '%s'",
                    task ? task : "");
        return CK_ERR_USAGE;
    }
    ck_status rc = ck_opts_check(opts, s->options, d);
    if (rc)
        return rc;
    return s->run(gold, system, opts, out, fmt, d);
}

int ck_eval_command(const ck_dataset *ds, char *buf, size_t size)
{
    if (size)
        buf[0] = '\0';
    const ck_scorer *s = ds && ds->eval_task ? ck_scorer_find(ds->eval_task) : NULL;
    if (!s)
        return -1;
    if (s->needs_gold_format && ds->formats.n)
        snprintf(buf, size, "clinkit eval %s GOLD SYSTEM --gold-format %s", s->id,
                 ds->formats.items[0]);
    else
        snprintf(buf, size, "clinkit eval %s GOLD SYSTEM", s->id);
    return 0;
}
