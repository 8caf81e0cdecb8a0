"""Dependencies point one way (CONTRIBUTING.md, /work/shared/DESIGN.md).

Every module under eventsapp/ is parsed with ``ast`` (no import runs); each import, at the
top of a module or inside a function, is an edge from the importing package to the imported
one. The app assembly (the factory, the lists of blueprints and commands, the models
registry, the demo loader) may import everything and is left out. Core (the modules at the
top of eventsapp/ and eventsapp/fonts) imports no domain; a domain imports only its own
layer or a lower one; and no two packages import each other, directly or around a loop.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "eventsapp"

# The top layer: wires the domains together, may import any of them.
APP_ASSEMBLY_MODULES = {
    "eventsapp",
    "eventsapp.blueprints",
    "eventsapp.commands",
    "eventsapp.models",
}
APP_ASSEMBLY_PACKAGES = {"demo"}
CORE_PACKAGES = {"fonts"}  # data (font files) with a loader; imports no domain

# DESIGN.md's order, lowest first. Within a layer, imports may go either way as long as
# they make no loop.
LAYERS = [
    {"core"},
    {"auth", "audit", "mail", "jobs", "storage"},
    {"events"},
    {"questions"},  # the organizer's own questions: registration calls in, never the reverse
    {"registration", "delegations", "agenda"},
    {"badges", "documents", "checkin", "comms", "travel"},
    {"api", "webhooks"},  # API v1 and webhooks serve every domain through its services
]
RANK = {package: rank for rank, layer in enumerate(LAYERS) for package in layer}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _is_module(dotted: str) -> bool:
    path = ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _package(dotted: str) -> str | None:
    """The package a module belongs to: a domain name, 'core', or None (app assembly)."""
    parts = dotted.split(".")
    if dotted in APP_ASSEMBLY_MODULES or parts[0] != "eventsapp":
        return None
    top = parts[1]
    if top in APP_ASSEMBLY_PACKAGES:
        return None
    if top in CORE_PACKAGES or not (PACKAGE / top).is_dir():
        return "core"
    return top


def _imports(path: Path, module: str):
    """(line, imported module) for every import of an eventsapp module in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base if is_package else base[:-1]
                base = base[: len(base) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:
                child = f"{source}.{alias.name}"
                yield node.lineno, child if _is_module(child) else source


def _edges() -> dict[tuple[str, str], list[str]]:
    """(from package, to package) -> the import lines that make the edge."""
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        source = _package(module)
        if source is None:
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for lineno, target_module in _imports(path, module):
            if not target_module.startswith("eventsapp"):
                continue
            target = _package(target_module)
            if target is None:
                target = "app"
            if target != source:
                where = f"{path.relative_to(ROOT)}:{lineno}: {lines[lineno - 1].strip()}"
                if where not in edges[(source, target)]:
                    edges[(source, target)].append(where)
    return edges


def _report(edges, pairs) -> str:
    return "\n".join(
        f"  {a} -> {b}:\n" + "\n".join(f"    {line}" for line in edges[(a, b)])
        for a, b in sorted(pairs)
    )


def test_every_package_has_a_layer():
    edges = _edges()
    packages = {p for pair in edges for p in pair}
    assert packages - set(RANK) == set(), "add the new package to LAYERS"


def test_core_and_domains_never_import_the_app_assembly():
    edges = _edges()
    bad = [pair for pair in edges if pair[1] == "app"]
    assert not bad, "imports of the app assembly (__init__, blueprints, demo...):\n" + _report(
        edges, bad
    )


def test_core_imports_no_domain():
    edges = _edges()
    bad = [pair for pair in edges if pair[0] == "core" and pair[1] != "app"]
    assert not bad, "core modules importing a domain:\n" + _report(edges, bad)


def test_no_domain_imports_a_higher_layer():
    edges = _edges()
    bad = [(a, b) for a, b in edges if b in RANK and RANK[b] > RANK[a]]
    assert not bad, "imports pointing up the layers:\n" + _report(edges, bad)


def _loops(edges) -> list[list[str]]:
    """Strongly connected components of more than one package (Tarjan)."""
    graph: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        graph[a].add(b)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(set(graph)):
        if node not in index:
            visit(node)
    return found


def test_no_package_cycles():
    edges = _edges()
    loops = _loops(edges)
    detail = "\n\n".join(
        _report(edges, [(a, b) for a in loop for b in loop if (a, b) in edges]) for loop in loops
    )
    assert not loops, f"packages importing each other: {loops}\n{detail}"
