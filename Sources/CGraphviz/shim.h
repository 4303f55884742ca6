#ifndef FACTIONS_CGRAPHVIZ_SHIM_H
#define FACTIONS_CGRAPHVIZ_SHIM_H

#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
#include <stdlib.h>

// Swift 6 refuses the mutable C globals `Agdirected`/`Agundirected` and cannot
// import the `char *` signatures of Graphviz 2.42 cleanly; these accessors give
// the Swift side `const char *` and plain values. Every call whose signature
// changed between Graphviz versions lives here.

static inline Agdesc_t factions_ag_directed(void) { return Agdirected; }
static inline Agdesc_t factions_ag_undirected(void) { return Agundirected; }

/// cgraph's lexer keeps unread input from the previous parse (a graph ending in a
/// newline shifts later error lines by one; a second graph in one text leaks into the
/// next parse). aglexbad() resets it, as cgraph does itself after a syntax error.
extern void aglexbad(void);

static inline Agraph_t *factions_agmemread(const char *text) {
    aglexbad();
    return agmemread(text);
}

static inline int factions_gvLayout(GVC_t *gvc, Agraph_t *g, const char *engine) {
    return gvLayout(gvc, g, engine);
}

/// Renders to a malloc'd buffer. The length parameter is `unsigned int *` in
/// Graphviz 2.42 and `size_t *` in later releases; callers only see size_t.
static inline int factions_gvRenderData(GVC_t *gvc, Agraph_t *g, const char *format,
                                        char **result, size_t *length) {
#if defined(GVC_RENDER_DATA_SIZE_T)
    return gvRenderData(gvc, g, format, result, length);
#else
    unsigned int len = 0;
    int rc = gvRenderData(gvc, g, format, result, &len);
    *length = (size_t)len;
    return rc;
#endif
}

/// Number of plugins of a kind ("layout", "render") known to the context.
/// Zero layouts means the plugin list `config6a` was never written (`dot -c`).
static inline int factions_plugin_count(GVC_t *gvc, const char *kind) {
    int size = 0;
    char **list = gvPluginList(gvc, kind, &size, NULL);
    if (list) {
        for (int i = 0; i < size; i++) free(list[i]);
        free(list);
    }
    return size;
}

static inline const char *factions_agnameof(void *obj) { return agnameof(obj); }

/// Reading a parsed graph: nodes, edges and their attribute values.
static inline Agnode_t *factions_agfstnode(Agraph_t *g) { return agfstnode(g); }
static inline Agnode_t *factions_agnxtnode(Agraph_t *g, Agnode_t *n) { return agnxtnode(g, n); }
static inline Agedge_t *factions_agfstout(Agraph_t *g, Agnode_t *n) { return agfstout(g, n); }
static inline Agedge_t *factions_agnxtout(Agraph_t *g, Agedge_t *e) { return agnxtout(g, e); }
static inline Agnode_t *factions_agtail(Agedge_t *e) { return agtail(e); }
static inline Agnode_t *factions_aghead(Agedge_t *e) { return aghead(e); }
static inline int factions_agisdirected(Agraph_t *g) { return agisdirected(g); }
/// An attribute's value, or NULL when the attribute is not declared.
static inline const char *factions_agget(void *obj, const char *name) { return agget(obj, (char *)name); }

#endif
