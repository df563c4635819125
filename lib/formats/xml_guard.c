/*
 * xml_guard.c — expat set up safely for clinkit's XML readers: any
 * <!ENTITY> declaration stops the parse (refused), external DTDs and
 * parameter entities are never loaded, and a reference to an entity that
 * is not one of the five predefined ones is an error instead of being
 * silently skipped.
 */
#include "formats/xml_guard.h"

static void XMLCALL on_entity_decl(void *user, const XML_Char *name, int is_param,
                                   const XML_Char *value, int value_len,
                                   const XML_Char *base, const XML_Char *system_id,
                                   const XML_Char *public_id, const XML_Char *notation)
{
    ck_xml_guard *g = user;
    g->refused = "DOCTYPE declares entities: refused (entity expansion is disabled)";
    XML_StopParser(g->parser, XML_FALSE);
}

static void XMLCALL on_skipped(void *user, const XML_Char *name, int is_param)
{
    ck_xml_guard *g = user;
    g->refused = "reference to an undeclared entity";
    XML_StopParser(g->parser, XML_FALSE);
}

XML_Parser ck_xml_new(ck_xml_guard *g)
{
    XML_Parser p = XML_ParserCreate("UTF-8");
    if (!p)
        return NULL;
    g->parser = p;
    g->refused = NULL;
    XML_SetUserData(p, g);
    XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
    XML_SetEntityDeclHandler(p, on_entity_decl);
    XML_SetSkippedEntityHandler(p, on_skipped);
    return p;
}
