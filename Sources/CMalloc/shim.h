// glibc's allocator controls pgbm-server uses: mallopt(M_ARENA_MAX, …) and malloc_trim (Docs/DEPLOY.md).
// Part of the C library: nothing to link. Empty where there is no <malloc.h> (macOS).
#ifndef PGBM_CMALLOC_SHIM_H
#define PGBM_CMALLOC_SHIM_H

#if __has_include(<malloc.h>)
#include <malloc.h>
#endif

#endif
