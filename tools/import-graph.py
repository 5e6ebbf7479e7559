#!/usr/bin/env python3
"""Draws the package import graph of src/main/java as Mermaid (docs/import-graph.md).

Usage: python3 tools/import-graph.py > docs/import-graph.md
Each node is a package under dev.kino with its number of files; an arrow A --> B means a class in A imports one in
B (same-package and JDK/library imports are left out). Run from the repository root.
"""
import os
import re
import sys

ROOT = os.path.join("src", "main", "java")
PREFIX = "dev.kino"


def packages():
    files = {}
    edges = set()
    for dirpath, _, names in os.walk(ROOT):
        for name in names:
            if not name.endswith(".java"):
                continue
            text = open(os.path.join(dirpath, name), encoding="utf-8").read()
            pkg = re.search(r"^package ([\w.]+);", text, re.M).group(1)
            files[pkg] = files.get(pkg, 0) + 1
            for imp in re.findall(r"^import (?:static )?(" + re.escape(PREFIX) + r"[\w.]*)\.[\w*]+;", text, re.M):
                target = imp
                while target and not os.path.isdir(os.path.join(ROOT, *target.split("."))):
                    target = target.rsplit(".", 1)[0]  # a static import names a class: step up to its package
                if target and target != pkg:
                    edges.add((pkg, target))
            for fq in re.findall(r"\b(" + re.escape(PREFIX) + r"(?:\.[a-z]\w*)+)\.[A-Z]\w*", re.sub(r"^import .*$", "", text, flags=re.M)):
                if fq != pkg and os.path.isdir(os.path.join(ROOT, *fq.split("."))):
                    edges.add((pkg, fq))
    return files, edges


def node(pkg):
    if pkg == PREFIX:
        return "root", "dev.kino"
    short = pkg[len(PREFIX) + 1:]
    return short.replace(".", "_"), short


def main():
    files, edges = packages()
    out = sys.stdout
    out.write("# Package import graph\n\n")
    out.write("Made by `python3 tools/import-graph.py > docs/import-graph.md` from `src/main/java`: a box per package with "
              "its number of files, an arrow where a package imports another. `ArchitectureTest` checks that it has no "
              "cycle and that only `app` (and other web faces) use a `web` package.\n\n")
    out.write("```mermaid\nflowchart LR\n")
    for pkg in sorted(files):
        ident, short = node(pkg)
        out.write(f'    {ident}["{short} ({files[pkg]})"]\n')
    for a, b in sorted(edges):
        out.write(f"    {node(a)[0]} --> {node(b)[0]}\n")
    out.write("```\n")


if __name__ == "__main__":
    main()
