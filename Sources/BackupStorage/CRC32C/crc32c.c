// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78) for S3 checksums.
#include "CCRC32C.h"

#include <pthread.h>
#include <string.h>

#define POLY 0x82F63B78u

static uint32_t table[8][256];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static void make_tables(void) {
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t crc = n;
        for (int k = 0; k < 8; k++) crc = (crc & 1) ? (crc >> 1) ^ POLY : crc >> 1;
        table[0][n] = crc;
    }
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t crc = table[0][n];
        for (int k = 1; k < 8; k++) {
            crc = table[0][crc & 0xFF] ^ (crc >> 8);
            table[k][n] = crc;
        }
    }
}

uint32_t pgbm_crc32c_update_portable(uint32_t crc, const void *data, size_t length) {
    pthread_once(&table_once, make_tables);
    const unsigned char *p = data;
    crc = ~crc;
    while (length && ((uintptr_t)p & 7)) {
        crc = table[0][(crc ^ *p++) & 0xFF] ^ (crc >> 8);
        length--;
    }
    while (length >= 8) {
        uint64_t word;
        memcpy(&word, p, 8);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        word = __builtin_bswap64(word);
#endif
        word ^= crc;
        crc = table[7][word & 0xFF] ^ table[6][(word >> 8) & 0xFF] ^ table[5][(word >> 16) & 0xFF]
            ^ table[4][(word >> 24) & 0xFF] ^ table[3][(word >> 32) & 0xFF] ^ table[2][(word >> 40) & 0xFF]
            ^ table[1][(word >> 48) & 0xFF] ^ table[0][word >> 56];
        p += 8;
        length -= 8;
    }
    while (length--) crc = table[0][(crc ^ *p++) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

#if defined(__x86_64__)
#include <nmmintrin.h>

// Three independent lanes of LANE bytes hide the instruction's 3-cycle latency; the first two lanes'
// registers are then moved past the following bytes with `shift` (the register after LANE zero bytes is
// linear in the register before, so four 256-entry tables give it), and XORed in.
#define LANE 8192

static uint32_t shift_table[4][256];
static pthread_once_t shift_once = PTHREAD_ONCE_INIT;

__attribute__((target("sse4.2")))
static uint32_t zeros(uint32_t crc, size_t length) {
    uint64_t c = crc;
    for (size_t i = 0; i < length; i += 8) c = _mm_crc32_u64(c, 0);
    return (uint32_t)c;
}

static void make_shift_table(void) {
    uint32_t basis[32];
    for (int bit = 0; bit < 32; bit++) basis[bit] = zeros(1u << bit, LANE);
    for (int k = 0; k < 4; k++) {
        for (uint32_t b = 0; b < 256; b++) {
            uint32_t value = 0;
            for (int bit = 0; bit < 8; bit++)
                if (b & (1u << bit)) value ^= basis[8 * k + bit];
            shift_table[k][b] = value;
        }
    }
}

static inline uint32_t shift(uint32_t crc) {
    return shift_table[0][crc & 0xFF] ^ shift_table[1][(crc >> 8) & 0xFF] ^ shift_table[2][(crc >> 16) & 0xFF]
        ^ shift_table[3][crc >> 24];
}

__attribute__((target("sse4.2")))
static uint32_t update_hardware(uint32_t crc, const void *data, size_t length) {
    const unsigned char *p = data;
    uint64_t c = ~crc;
    while (length && ((uintptr_t)p & 7)) {
        c = _mm_crc32_u8((uint32_t)c, *p++);
        length--;
    }
    if (length >= 3 * LANE) {
        pthread_once(&shift_once, make_shift_table);
        do {
            uint64_t c1 = 0, c2 = 0;
            for (size_t i = 0; i < LANE; i += 8) {
                uint64_t w0, w1, w2;
                memcpy(&w0, p + i, 8);
                memcpy(&w1, p + LANE + i, 8);
                memcpy(&w2, p + 2 * LANE + i, 8);
                c = _mm_crc32_u64(c, w0);
                c1 = _mm_crc32_u64(c1, w1);
                c2 = _mm_crc32_u64(c2, w2);
            }
            c = shift((uint32_t)c) ^ (uint32_t)c1;
            c = shift((uint32_t)c) ^ (uint32_t)c2;
            p += 3 * LANE;
            length -= 3 * LANE;
        } while (length >= 3 * LANE);
    }
    while (length >= 8) {
        uint64_t word;
        memcpy(&word, p, 8);
        c = _mm_crc32_u64(c, word);
        p += 8;
        length -= 8;
    }
    while (length--) c = _mm_crc32_u8((uint32_t)c, *p++);
    return ~(uint32_t)c;
}

static int detect(void) { return __builtin_cpu_supports("sse4.2"); }

#elif defined(__aarch64__)
#include <arm_acle.h>
#if defined(__linux__)
#include <sys/auxv.h>
#ifndef HWCAP_CRC32
#define HWCAP_CRC32 (1 << 7)
#endif
#endif

__attribute__((target("crc")))
static uint32_t update_hardware(uint32_t crc, const void *data, size_t length) {
    const unsigned char *p = data;
    crc = ~crc;
    while (length && ((uintptr_t)p & 7)) {
        crc = __crc32cb(crc, *p++);
        length--;
    }
    while (length >= 8) {
        uint64_t word;
        memcpy(&word, p, 8);
        crc = __crc32cd(crc, word);
        p += 8;
        length -= 8;
    }
    while (length--) crc = __crc32cb(crc, *p++);
    return ~crc;
}

#if defined(__linux__)
static int detect(void) { return (getauxval(AT_HWCAP) & HWCAP_CRC32) != 0; }
#else
static int detect(void) { return 1; }  // every Apple arm64 CPU has the CRC extension
#endif

#else
static uint32_t update_hardware(uint32_t crc, const void *data, size_t length) {
    return pgbm_crc32c_update_portable(crc, data, length);
}
static int detect(void) { return 0; }
#endif

static int hardware = -1;

int pgbm_crc32c_hardware(void) {
    int value = __atomic_load_n(&hardware, __ATOMIC_RELAXED);
    if (value < 0) {
        value = detect();
        __atomic_store_n(&hardware, value, __ATOMIC_RELAXED);
    }
    return value;
}

uint32_t pgbm_crc32c_update(uint32_t crc, const void *data, size_t length) {
    return pgbm_crc32c_hardware() ? update_hardware(crc, data, length) : pgbm_crc32c_update_portable(crc, data, length);
}
