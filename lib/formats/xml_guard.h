/*
 * xml_guard.h — private: an expat parser that refuses entity declarations
 * (no "billion laughs", no external entities) and undefined entity
 * references. A reader's user-data struct must start with a ck_xml_guard.
 */
#ifndef CK_XML_GUARD_H
#define CK_XML_GUARD_H

#include <expat.h>

typedef struct ck_xml_guard {
    XML_Parser parser;
    const char *refused; /* why parsing was stopped, or NULL */
} ck_xml_guard;

/* A new parser whose user data is g (the first member of the caller's
 * struct); NULL on allocation failure. */
XML_Parser ck_xml_new(ck_xml_guard *g);

#endif
