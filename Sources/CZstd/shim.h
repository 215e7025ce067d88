// The parts of libzstd pgbm uses: the stable streaming API and its error codes (libzstd-dev >= 1.5).
#ifndef PGBM_CZSTD_SHIM_H
#define PGBM_CZSTD_SHIM_H

#include <zstd.h>
#include <zstd_errors.h>

#endif
