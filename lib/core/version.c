/*
 * version.c — the library's version string.
 */
#include "clinkit/clinkit.h"

const char *ck_version(void) { return CLINKIT_VERSION; }
