"""Import cycles in cancerinfo: what `make cycles` prints.

Three figures, read from the import graph (grimp, the library behind import-linter), tests and migrations left out:

- module cycles: groups of modules that import each other, directly or round a circle (strongly connected groups);
- app pairs importing each other: two apps (cancerinfo.<app>) each importing something from the other;
- function-local imports: indented ``import``/``from`` lines, the usual way a cycle is hidden from Python.

Function-local imports are in the graph too, so a cycle hidden inside a function still counts. The contracts in
pyproject.toml (`make lint`) forbid cycles between apps and between the modules of an app; this script shows them
with the function-local imports, to watch those go down.

    .venv/bin/python tools/import_cycles.py
"""

import itertools
import re
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "cancerinfo"
LOCAL_IMPORT = re.compile(r"^\s+(from|import) ")


def is_counted(module: str) -> bool:
    return not any(part in ("tests", "migrations") for part in module.split("."))


def app_of(module: str) -> str:
    return ".".join(module.split(".")[:2])


def import_edges(graph) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for module in filter(is_counted, graph.modules):
        edges[module] = {
            imported for imported in graph.find_modules_directly_imported_by(module) if is_counted(imported)
        }
    return edges


def strongly_connected_groups(edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, without recursion; only groups of two or more modules (a cycle)."""
    index: dict[str, int] = {}
    lowlink: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups = []
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges.get(start, ()))))]
        index[start] = lowlink[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = lowlink[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(edges.get(successor, ())))))
                    break
                if successor in on_stack:
                    lowlink[node] = min(lowlink[node], index[successor])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    lowlink[parent] = min(lowlink[parent], lowlink[node])
                if lowlink[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))
    return sorted(groups)


def apps_importing_each_other(edges: dict[str, set[str]]) -> list[tuple[str, str]]:
    app_edges: dict[str, set[str]] = {}
    for importer, imported_modules in edges.items():
        for imported in imported_modules:
            if app_of(importer) != app_of(imported):
                app_edges.setdefault(app_of(importer), set()).add(app_of(imported))
    apps = sorted({app_of(module) for module in edges})
    return [
        (a, b) for a, b in itertools.combinations(apps, 2) if b in app_edges.get(a, ()) and a in app_edges.get(b, ())
    ]


def function_local_import_count() -> int:
    count = 0
    for path in (ROOT / PACKAGE).rglob("*.py"):
        if {"tests", "migrations"} & set(path.relative_to(ROOT).parts):
            continue
        count += sum(1 for line in path.read_text(encoding="utf-8").splitlines() if LOCAL_IMPORT.match(line))
    return count


def main() -> int:
    sys.path.insert(0, str(ROOT))
    graph = grimp.build_graph(PACKAGE, include_external_packages=False, exclude_type_checking_imports=True)
    edges = import_edges(graph)
    groups = strongly_connected_groups(edges)
    print(f"module cycles (groups of modules importing each other): {len(groups)}")
    for group in groups:
        print("  ", ", ".join(group))
    pairs = apps_importing_each_other(edges)
    print(f"app pairs importing each other: {len(pairs)}")
    for a, b in pairs:
        print(f"   {a} <-> {b}")
    print(
        f"function-local imports (indented import lines outside tests and migrations): {function_local_import_count()}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
