#!/usr/bin/env python3
"""Reads the parts of pgbm's Dockerfile that Scripts/check-deploy replays without Docker.

This is not a full Dockerfile parser: it knows the instructions and shapes pgbm's Dockerfile uses
(line continuations, comments, `FROM x AS name`, `ARG k=v`, `ENV k=v ...`, `RUN [--mount=...] cmd`,
`COPY [--from=stage] src... dest`, `HEALTHCHECK [opts] CMD ...`, exec-form ENTRYPOINT/CMD).

  dockerfile.py instructions FILE          one line per instruction: STAGE<TAB>INSTRUCTION<TAB>ARGUMENTS
  dockerfile.py apt-install ARGUMENTS      the package words of each `apt-get install` in a RUN, one list a line
  dockerfile.py env ARGUMENTS              the KEY=VALUE pairs of an ENV instruction, one a line
  dockerfile.py run-command ARGUMENTS      a RUN's command without its --mount/--network/... flags
  dockerfile.py healthcheck ARGUMENTS      the shell command of `HEALTHCHECK [options] CMD ...`
  dockerfile.py exec-form ARGUMENTS        the words of an exec-form (JSON array) ENTRYPOINT or CMD, one a line
  dockerfile.py ignored DOCKERIGNORE PATH...   the PATHs that .dockerignore keeps out of the build context
"""

import fnmatch
import json
import re
import shlex
import sys


def logical_lines(text):
    """Joins continuation lines and drops comments and blank lines (comments inside a continued
    instruction are dropped too, as Docker does)."""
    current = ""
    for raw in text.splitlines():
        stripped = raw.strip()
        if stripped.startswith("#") or (not stripped and not current):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1].rstrip() + " "
            continue
        current += stripped
        if current.strip():
            yield current.strip()
        current = ""
    if current.strip():
        yield current.strip()


def instructions(path):
    stage = "global"
    index = 0
    with open(path, encoding="utf-8") as handle:
        for line in logical_lines(handle.read()):
            keyword, _, rest = line.partition(" ")
            keyword = keyword.upper()
            if keyword == "FROM":
                words = rest.split()
                lowered = [w.lower() for w in words]
                stage = words[lowered.index("as") + 1] if "as" in lowered else f"stage{index}"
                index += 1
            print(f"{stage}\t{keyword}\t{rest.strip()}")


def strip_flags(arguments):
    """Drops leading `--flag=value` words (RUN --mount=..., COPY --from=...)."""
    words = arguments.split(" ")
    while words and words[0].startswith("--"):
        words.pop(0)
    return " ".join(words).strip()


def apt_install(arguments):
    command = strip_flags(arguments)
    for match in re.finditer(r"apt-get\s+install\s+", command):
        # The words up to the end of this command: `&&`, `||` or `;` outside a `$(...)` substitution.
        tail, depth, end = command[match.end():], 0, None
        for i, char in enumerate(tail):
            if tail.startswith("$(", i):
                depth += 1
            elif char == ")" and depth:
                depth -= 1
            elif depth == 0 and (char == ";" or tail.startswith("&&", i) or tail.startswith("||", i)):
                end = i
                break
        words = []
        depth = 0
        for word in tail[:end].split():
            # Options of apt-get itself are dropped; `$(...)` substitutions are kept whole.
            if depth == 0 and word.startswith("-"):
                continue
            depth += word.count("$(") - word.count(")")
            words.append(word)
        print(" ".join(words))


def env_pairs(arguments):
    for word in shlex.split(arguments):
        key, sep, value = word.partition("=")
        if not sep:
            raise SystemExit(f"dockerfile.py: ENV in the legacy `ENV key value` form is not supported: {arguments}")
        print(f"{key}={value}")


def healthcheck(arguments):
    match = re.search(r"(?:^|\s)CMD\s+(.*)$", arguments)
    if not match:
        raise SystemExit("dockerfile.py: HEALTHCHECK without CMD")
    command = match.group(1).strip()
    if command.startswith("["):
        command = " ".join(shlex.quote(word) for word in json.loads(command))
    print(command)


def exec_form(arguments):
    for word in json.loads(arguments):
        print(word)


def ignored(dockerignore, paths):
    patterns = []
    with open(dockerignore, encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if line and not line.startswith("#"):
                patterns.append(line.rstrip("/"))
    for path in paths:
        excluded = False
        for pattern in patterns:
            negate = pattern.startswith("!")
            pattern = pattern[1:] if negate else pattern
            parts = path.strip("./").split("/")
            prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
            if any(fnmatch.fnmatch(prefix, pattern.lstrip("/")) for prefix in prefixes):
                excluded = not negate
        if excluded:
            print(path)


def main(argv):
    if len(argv) < 2:
        raise SystemExit(__doc__)
    verb, rest = argv[1], argv[2:]
    if verb == "instructions":
        instructions(rest[0])
    elif verb == "apt-install":
        apt_install(rest[0])
    elif verb == "env":
        env_pairs(rest[0])
    elif verb == "run-command":
        print(strip_flags(rest[0]))
    elif verb == "healthcheck":
        healthcheck(rest[0])
    elif verb == "exec-form":
        exec_form(rest[0])
    elif verb == "ignored":
        ignored(rest[0], rest[1:])
    else:
        raise SystemExit(f"dockerfile.py: unknown verb {verb}\n\n{__doc__}")


if __name__ == "__main__":
    main(sys.argv)
