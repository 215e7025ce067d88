#!/usr/bin/env python3
"""Print the lines of a requirements file that the running Python does not satisfy.

Checks installed versions (importlib.metadata) of each requirement, its extras
and, recursively, their dependencies, without touching the network, so that a
re-run of Scripts/test can skip `pip install` entirely. Reasons go to stderr.
"""
import importlib.metadata as md
import sys

try:
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name
except ImportError:  # pip always vendors packaging
    from pip._vendor.packaging.requirements import Requirement
    from pip._vendor.packaging.utils import canonicalize_name


def problem(req, seen):
    """Return why `req` is not satisfied, or None."""
    try:
        dist = md.distribution(req.name)
    except md.PackageNotFoundError:
        return f"{req.name} is not installed"
    if req.specifier and not req.specifier.contains(dist.version, prereleases=True):
        return f"{req.name} {dist.version} is installed, {req.specifier} is wanted"
    key = (canonicalize_name(req.name), tuple(sorted(req.extras)))
    if key in seen:
        return None
    seen.add(key)
    envs = [{"extra": ""}] + [{"extra": e} for e in req.extras]
    for line in dist.requires or []:
        dep = Requirement(line)
        if dep.marker is not None and not any(dep.marker.evaluate(env) for env in envs):
            continue
        why = problem(dep, seen)
        if why:
            return f"{req.name} needs {dep}: {why}"
    return None


def main(path):
    seen = set()
    with open(path) as f:
        for raw in f:
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            why = problem(Requirement(line), seen)
            if why:
                print(f"  {why}", file=sys.stderr)
                print(line)


if __name__ == "__main__":
    main(sys.argv[1])
