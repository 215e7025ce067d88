#!/usr/bin/env python3
"""Reference decryptor for pgbm encrypted backups (format PGBMENC1, version 1).

Usage:  python3 decrypt.py -i app.dump.zst.enc | zstd -d | pg_restore ...
Needs Python 3.9+ and the `cryptography` package. The passphrase comes from
--passphrase-file FILE (one trailing newline stripped), else the environment
variable PGBM_PASSPHRASE, else a prompt on the terminal.

Format (all integers big-endian): a 57-byte header, then chunks.
  magic "PGBMENC1" (8) | version 1 (1) | kdf 1 = PBKDF2-HMAC-SHA256 (1)
  | iterations (4) | salt (16) | nonce prefix (7) | chunk size (4)
  | key check (16) = HMAC-SHA256(key, "pgbm key check v1")[:16]
key = PBKDF2-HMAC-SHA256(UTF-8 passphrase, salt, iterations, 32 bytes).
Chunk i is AES-256-GCM of up to `chunk size` plaintext bytes, stored as
ciphertext || 16-byte tag, with nonce = prefix (7) || i (uint32) || last (1 byte,
1 on the final chunk, else 0) and associated data = the whole header. Every
chunk but the last is full; the last holds 0..chunk size bytes (it may be an
empty chunk after full ones).

Exit codes: 0 ok, 1 other error (I/O), 2 usage, 3 not a pgbm file or
unsupported version/parameters, 4 wrong passphrase, 5 corrupted chunk,
6 truncated, 7 trailing data. Plaintext of a chunk is written only after its
tag verified; with -o FILE the output goes to FILE.partial, renamed on success.
"""
import argparse, getpass, hashlib, hmac, os, struct, sys
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC, HEADER_LEN, TAG_LEN = b"PGBMENC1", 57, 16
OK, OTHER, USAGE, NOT_PGBM, WRONG_PASS, CORRUPT, TRUNCATED, TRAILING = range(8)


class Fail(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def read_full(f, n):
    """Read exactly n bytes, or fewer only at end of file."""
    buf = bytearray()
    while len(buf) < n:
        part = f.read(n - len(buf))
        if not part:
            break
        buf += part
    return bytes(buf)


def parse_header(header):
    if len(header) < 8 or header[:8] != MAGIC:
        raise Fail(NOT_PGBM, "not a pgbm encrypted file (bad magic)")
    if len(header) < HEADER_LEN:
        raise Fail(TRUNCATED, "truncated: file ends inside the header")
    version, kdf, iterations = header[8], header[9], struct.unpack(">I", header[10:14])[0]
    salt, prefix = header[14:30], header[30:37]
    chunk_size, key_check = struct.unpack(">I", header[37:41])[0], header[41:57]
    if version != 1:
        raise Fail(NOT_PGBM, f"unsupported format version {version}")
    if kdf != 1:
        raise Fail(NOT_PGBM, f"unsupported key derivation function {kdf}")
    if not 100_000 <= iterations <= 10_000_000:
        raise Fail(NOT_PGBM, f"unsupported iteration count {iterations}")
    if not 4096 <= chunk_size <= 16_777_216:
        raise Fail(NOT_PGBM, f"unsupported chunk size {chunk_size}")
    return iterations, salt, prefix, chunk_size, key_check


def read_passphrase(path):
    if path is not None:
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as e:
            raise Fail(OTHER, f"cannot read passphrase file: {e}")
        for end in (b"\r\n", b"\n"):
            if data.endswith(end):
                return data[: -len(end)]
        return data
    env = os.environb.get(b"PGBM_PASSPHRASE") if os.name == "posix" else os.environ.get("PGBM_PASSPHRASE")
    if env:
        return env if isinstance(env, bytes) else env.encode("utf-8")
    if os.name == "posix":  # getpass would silently fall back to stdin, our input
        try:
            os.close(os.open("/dev/tty", os.O_RDWR))
        except OSError:
            raise Fail(USAGE, "no passphrase: use --passphrase-file or PGBM_PASSPHRASE")
    return getpass.getpass("pgbm passphrase: ").encode("utf-8")


def run(src, open_out, passphrase_file):
    header = read_full(src, HEADER_LEN)
    iterations, salt, prefix, chunk_size, key_check = parse_header(header)
    key = hashlib.pbkdf2_hmac("sha256", read_passphrase(passphrase_file), salt, iterations, 32)
    if not hmac.compare_digest(hmac.new(key, b"pgbm key check v1", hashlib.sha256).digest()[:16], key_check):
        raise Fail(WRONG_PASS, "wrong passphrase (key check mismatch)")
    aead, record_len, out = AESGCM(key), chunk_size + TAG_LEN, open_out()

    def try_open(i, record, last):
        try:
            return aead.decrypt(prefix + struct.pack(">IB", i, last), record, header)
        except InvalidTag:
            return None

    record, i = read_full(src, record_len), 0
    while True:
        if len(record) < TAG_LEN:
            raise Fail(TRUNCATED, f"truncated: file ends inside chunk {i}" if record
                       else "truncated: no chunks after the header")
        if len(record) < record_len:  # a short record must be the final chunk
            nxt, plain = b"", try_open(i, record, 1)
            if plain is None:
                raise Fail(CORRUPT, f"chunk {i} failed authentication: data corrupted, "
                           "or the file was cut inside this chunk")
        else:
            nxt = read_full(src, record_len)
            want, other = (0, 1) if nxt else (1, 0)
            plain = try_open(i, record, want)
            if plain is None:
                if try_open(i, record, other) is None:
                    raise Fail(CORRUPT, f"chunk {i} failed authentication: data corrupted")
                if nxt:
                    raise Fail(TRAILING, f"trailing data after the final chunk {i}")
                raise Fail(TRUNCATED, f"truncated after chunk {i}: the final chunk is missing")
        out.write(plain)
        out.flush()
        if not nxt:
            return
        if i == 0xFFFFFFFF:
            raise Fail(OTHER, "too many chunks: chunk index overflows 2^32-1")
        record, i = nxt, i + 1


def main():
    p = argparse.ArgumentParser(prog="decrypt.py", description="Decrypt a pgbm encrypted backup.")
    p.add_argument("-i", "--input", help="encrypted file (default: stdin)")
    p.add_argument("-o", "--output", help="plaintext file (default: stdout)")
    p.add_argument("--passphrase-file", help="file holding the passphrase")
    args = p.parse_args()
    partial, out_file = None, None

    def open_out():
        nonlocal partial, out_file
        if args.output in (None, "-"):
            return sys.stdout.buffer
        partial = args.output + ".partial"
        out_file = open(partial, "wb")
        return out_file

    try:
        src = sys.stdin.buffer if args.input in (None, "-") else open(args.input, "rb")
        with src:
            run(src, open_out, args.passphrase_file)
        if out_file is not None:
            out_file.close()
            os.replace(partial, args.output)
        return OK
    except (Fail, OSError, KeyboardInterrupt) as e:
        if out_file is not None:
            out_file.close()
            try:
                os.remove(partial)
            except OSError:
                pass
        if isinstance(e, Fail):
            code, message = e.code, str(e)
        else:
            code, message = OTHER, "interrupted" if isinstance(e, KeyboardInterrupt) else f"I/O error: {e}"
        print(f"decrypt.py: {message}", file=sys.stderr)
        return code


if __name__ == "__main__":
    sys.exit(main())
