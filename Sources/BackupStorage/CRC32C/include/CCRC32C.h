#ifndef PGBM_CCRC32C_H
#define PGBM_CCRC32C_H

#include <stddef.h>
#include <stdint.h>

/// CRC-32C (Castagnoli, as S3's x-amz-checksum-crc32c): continues `crc` (0 for a new checksum) over
/// `length` bytes. Uses the CPU's crc32 instruction (SSE 4.2 on x86-64, the CRC extension on arm64)
/// when present, else slice-by-8 tables.
uint32_t pgbm_crc32c_update(uint32_t crc, const void *data, size_t length);

/// The same with the table code only (for tests comparing both paths).
uint32_t pgbm_crc32c_update_portable(uint32_t crc, const void *data, size_t length);

/// 1 when pgbm_crc32c_update uses the CPU instruction.
int pgbm_crc32c_hardware(void);

#endif
