#!/usr/bin/env python3
"""Reference ENCRYPTOR for the pgbm container format (PGBMENC1, version 1).

Written from the format spec alone, independently of the Swift implementation,
for interoperability tests. Header (57 bytes, big-endian): magic "PGBMENC1" |
version 1 | kdf 1 | iterations u32 | salt 16 | nonce prefix 7 | chunk size u32 |
key check = HMAC-SHA256(key, "pgbm key check v1")[:16], with
key = PBKDF2-HMAC-SHA256(UTF-8 passphrase, salt, iterations, 32).
Chunk i = AES-256-GCM(key, nonce = prefix || u32 i || last flag byte,
aad = header), stored as ciphertext || tag.

By default it writes pgbm's form: when the plaintext length is a non-zero
multiple of the chunk size, the last full chunk is flagged final.
--empty-final-chunk writes the alternative form (full chunks, then an empty
final chunk). Iterations and chunk size are NOT range-checked beyond what the
header can hold (>= 1, < 2^32), so tests can craft small or unusual files.

Usage: reference_encrypt.py [-i IN] [-o OUT] --passphrase-file F
         [--iterations N] [--chunk-size N] [--salt HEX] [--nonce-prefix HEX]
         [--empty-final-chunk]
"""
import argparse, hashlib, hmac, os, struct, sys
from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def read_full(f, n):
    buf = bytearray()
    while len(buf) < n:
        part = f.read(n - len(buf))
        if not part:
            break
        buf += part
    return bytes(buf)


def encrypt_stream(src, dst, passphrase, iterations, chunk_size, salt, prefix, empty_final=False):
    key = hashlib.pbkdf2_hmac("sha256", passphrase, salt, iterations, 32)
    check = hmac.new(key, b"pgbm key check v1", hashlib.sha256).digest()[:16]
    header = (b"PGBMENC1" + bytes([1, 1]) + struct.pack(">I", iterations) + salt + prefix
              + struct.pack(">I", chunk_size) + check)
    assert len(header) == 57
    dst.write(header)
    aead = AESGCM(key)

    def emit(i, plain, last):
        if i > 0xFFFFFFFF:
            raise ValueError("chunk index overflow")
        dst.write(aead.encrypt(prefix + struct.pack(">IB", i, 1 if last else 0), plain, header))

    cur, i = read_full(src, chunk_size), 0
    while True:
        if len(cur) < chunk_size:  # short (possibly empty) chunk: always the final one
            emit(i, cur, True)
            return
        nxt = read_full(src, chunk_size)
        if not nxt:  # input ended exactly on a chunk boundary
            if empty_final:
                emit(i, cur, False)
                emit(i + 1, b"", True)
            else:
                emit(i, cur, True)
            return
        emit(i, cur, False)
        cur, i = nxt, i + 1


def main():
    p = argparse.ArgumentParser(prog="reference_encrypt.py", description=__doc__.split("\n")[0])
    p.add_argument("-i", "--input", help="plaintext file (default: stdin)")
    p.add_argument("-o", "--output", help="encrypted file (default: stdout)")
    p.add_argument("--passphrase-file", required=True,
                   help="passphrase file (one trailing \\n or \\r\\n stripped)")
    p.add_argument("--iterations", type=int, default=600_000)
    p.add_argument("--chunk-size", type=int, default=1_048_576)
    p.add_argument("--salt", help="16 bytes as hex (default: random)")
    p.add_argument("--nonce-prefix", help="7 bytes as hex (default: random)")
    p.add_argument("--empty-final-chunk", action="store_true",
                   help="on an exact multiple of the chunk size, add an empty final chunk")
    a = p.parse_args()
    if not 1 <= a.iterations <= 0xFFFFFFFF or not 1 <= a.chunk_size <= 0xFFFFFFFF:
        p.error("iterations and chunk size must be in 1 ... 2^32-1")
    try:
        salt = bytes.fromhex(a.salt) if a.salt is not None else os.urandom(16)
        prefix = bytes.fromhex(a.nonce_prefix) if a.nonce_prefix is not None else os.urandom(7)
    except ValueError:
        p.error("--salt and --nonce-prefix must be hex")
    if len(salt) != 16 or len(prefix) != 7:
        p.error("--salt must be 16 bytes and --nonce-prefix 7 bytes")
    with open(a.passphrase_file, "rb") as f:
        passphrase = f.read()
    for end in (b"\r\n", b"\n"):
        if passphrase.endswith(end):
            passphrase = passphrase[: -len(end)]
            break
    src = sys.stdin.buffer if a.input in (None, "-") else open(a.input, "rb")
    dst = sys.stdout.buffer if a.output in (None, "-") else open(a.output, "wb")
    with src, dst:
        encrypt_stream(src, dst, passphrase, a.iterations, a.chunk_size, salt, prefix,
                       a.empty_final_chunk)
    return 0


if __name__ == "__main__":
    sys.exit(main())
