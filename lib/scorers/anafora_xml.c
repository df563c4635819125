/*
 * anafora_xml.c — reads one Anafora XML file for anafora_eval.c (see
 * anafora_xml.h) with expat; entity declarations are refused.
 */
#include <stdlib.h>
#include <string.h>

#include <expat.h>

#include "anafora_xml.h"
#include "clinkit/io.h"

void ck_ana_file_free(ana_file *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->a[i].id);
        free(f->a[i].type);
        free(f->a[i].span);
        for (size_t k = 0; k < f->a[i].n_props; k++) {
            free(f->a[i].props[k].name);
            free(f->a[i].props[k].value);
        }
        free(f->a[i].props);
    }
    free(f->a);
    ck_buf_free(&f->text);
}

static char *trimdup(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    return strndup(s, n);
}

static void XMLCALL on_start(void *u, const XML_Char *name, const XML_Char **atts)
{
    (void)atts;
    ana_file *f = u;
    f->depth++;
    ck_buf_reset(&f->text);
    if (f->depth == 3 && (!strcmp(name, "entity") || !strcmp(name, "relation"))) {
        ana_ann *na = realloc(f->a, (f->n + 1) * sizeof *na);
        if (!na) {
            f->bad = 1;
            return;
        }
        f->a = na;
        memset(&f->a[f->n], 0, sizeof *f->a);
        f->a[f->n].relation = name[0] == 'r';
        f->n++;
        f->in_ann = 1;
    } else if (f->in_ann && f->depth == 4 && !strcmp(name, "properties"))
        f->in_props = 1;
}

static void XMLCALL on_end(void *u, const XML_Char *name)
{
    ana_file *f = u;
    if (f->in_ann && f->n) {
        ana_ann *a = &f->a[f->n - 1];
        const char *t = ck_buf_str(&f->text);
        if (f->depth == 4 && !strcmp(name, "id"))
            free(a->id), a->id = trimdup(t);
        else if (f->depth == 4 && !strcmp(name, "type"))
            free(a->type), a->type = trimdup(t);
        else if (f->depth == 4 && !strcmp(name, "span"))
            free(a->span), a->span = trimdup(t);
        else if (f->depth == 5 && f->in_props) {
            /* a repeated property name: the last one wins, as in a dict */
            ana_prop *p = NULL;
            for (size_t k = 0; k < a->n_props; k++)
                if (!strcmp(a->props[k].name, name))
                    p = &a->props[k];
            if (!p) {
                ana_prop *np = realloc(a->props, (a->n_props + 1) * sizeof *np);
                if (!np) {
                    f->bad = 1;
                    return;
                }
                a->props = np;
                p = &a->props[a->n_props++];
                p->name = strdup(name);
                p->value = NULL;
            }
            free(p->value);
            p->value = trimdup(t);
        } else if (f->depth == 4 && !strcmp(name, "properties"))
            f->in_props = 0;
        else if (f->depth == 3)
            f->in_ann = 0;
    }
    ck_buf_reset(&f->text);
    f->depth--;
}

static void XMLCALL on_text(void *u, const XML_Char *s, int len)
{
    ck_buf_add(&((ana_file *)u)->text, s, (size_t)len);
}

static void XMLCALL on_entity_decl(void *u, const XML_Char *name, int pe, const XML_Char *v,
                                   int vl, const XML_Char *b, const XML_Char *sys,
                                   const XML_Char *pub, const XML_Char *notation)
{
    (void)name, (void)pe, (void)v, (void)vl, (void)b, (void)sys, (void)pub, (void)notation;
    ana_file *f = u;
    f->bad = 2; /* entity declarations are refused: no expansion, no external files */
}

ck_status ck_ana_load(const char *path, ana_file *f, ck_diag *d)
{
    memset(f, 0, sizeof *f);
    char *data;
    size_t len;
    ck_status rc = ck_read_file(path, &data, &len, d);
    if (rc)
        return rc;
    XML_Parser p = XML_ParserCreate("UTF-8");
    XML_SetUserData(p, f);
    XML_SetElementHandler(p, on_start, on_end);
    XML_SetCharacterDataHandler(p, on_text);
    XML_SetEntityDeclHandler(p, on_entity_decl);
    if (XML_Parse(p, data, (int)len, 1) == XML_STATUS_ERROR || f->bad) {
        ck_diag_add(d, CK_SEV_ERROR, path, XML_GetCurrentLineNumber(p),
                    XML_GetCurrentColumnNumber(p) + 1, (size_t)-1, "%s",
                    f->bad == 2 ? "entity declarations are not allowed"
                                : f->bad ? "out of memory"
                                         : XML_ErrorString(XML_GetErrorCode(p)));
        rc = CK_ERR_PARSE;
    }
    XML_ParserFree(p);
    free(data);
    return rc;
}

ana_ann *ck_ana_by_id(ana_file *f, const char *id)
{
    for (size_t i = 0; id && i < f->n; i++)
        if (f->a[i].id && !strcmp(f->a[i].id, id))
            return &f->a[i];
    return NULL;
}
