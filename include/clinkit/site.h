/*
 * clinkit/site.h — HTML output: the catalog as a static web site, and the
 * annotation viewer (one self-contained HTML file per corpus).
 *
 * Both produce plain HTML/CSS with a little JavaScript, no network access
 * and no CDN, so the result works from file:// and from any static host.
 * The CSS/JS live as files under lib/site/assets/ and are embedded in the
 * library at build time.
 */
#ifndef CLINKIT_SITE_H
#define CLINKIT_SITE_H

#include <stdio.h>

#include "catalog.h"
#include "diag.h"
#include "doc.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Write the catalog site into the folder outdir (created if missing;
 * existing files of the same names are replaced): index.html (search and
 * filters), data.js (the catalog as a script, so file:// works), style.css,
 * site.js and one page per data set, ds/ID.html. */
ck_status ck_site_write(const ck_catalog *c, const char *outdir, ck_diag *d);

/* The viewer: open it on a stream, add documents one at a time (each is
 * written out at once, so a corpus never sits in memory), close it to
 * finish the file. The document data goes into JSON script blocks that the
 * page parses only when a document is picked. title names the corpus
 * (format and path) in the page heading. */
typedef struct ck_viewer ck_viewer;

ck_status ck_viewer_open(FILE *out, const char *title, ck_viewer **v,
                         ck_diag *d);
ck_status ck_viewer_add(ck_viewer *v, const ck_doc *doc, ck_diag *d);
/* Finishes the page (document list, script) and frees v; the stream stays
 * open. Also valid after an error (v may be NULL). */
ck_status ck_viewer_close(ck_viewer *v, ck_diag *d);

#ifdef __cplusplus
}
#endif
#endif
