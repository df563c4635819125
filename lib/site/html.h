/*
 * html.h — private helpers shared by the catalog site and the viewer:
 * HTML escaping, JSON that is safe inside HTML, and the embedded assets
 * (the files in lib/site/assets/, compiled in by the Makefile's bin2c rule).
 */
#ifndef CK_SITE_HTML_H
#define CK_SITE_HTML_H

#include <jansson.h>

#include "core/buf.h"

/* Append s with & < > " ' escaped (safe in text and quoted attributes). */
void ck_html_esc(ck_buf *b, const char *s);
/* A JSON string for s (NULL -> null); invalid UTF-8 bytes become U+FFFD,
 * so every annotation string can be shown. */
json_t *ck_json_str(const char *s);
/* Append the compact JSON of v with < > & U+2028 U+2029 written as \uXXXX,
 * so it can sit in a <script> block or a .js file without ending it. */
int ck_json_safe(ck_buf *b, const json_t *v);

/* The embedded asset lib/site/assets/NAME (e.g. "site.css"), or NULL. */
const char *ck_site_asset(const char *name);

#endif
