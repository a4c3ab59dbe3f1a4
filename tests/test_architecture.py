"""The layout's rules, checked on the source: imports flow down the layers, never in a circle, and
never reach into a framework's private names.

ruff's SLF001 (in `make test`) refuses private attributes of other objects; this refuses the rest.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("cms", "publishing", "buyingstages")

# Lowest first. An app may import from its own rank or below, never above. The project shell
# (settings, urls) sits on top; shared helpers at the bottom.
LAYERS = [
    ["buyingstages", "publishing", "buyingstages.common"],
    ["buyingstages.taxonomy"],
    ["buyingstages.library"],
    ["buyingstages.audience"],
    ["buyingstages.sales"],
    ["buyingstages.crm"],
    ["publishing.calendar"],
    ["publishing.messaging"],
    ["publishing.insight"],
    ["cms.home"],
    ["cms.search", "cms.caching", "cms.backup", "cms.roles"],
    ["cms.demo"],
    ["cms"],
]
RANK = {app: rank for rank, apps in enumerate(LAYERS) for app in apps}
FRAMEWORKS = ("django", "wagtail", "modelcluster", "taggit", "treebeard", "django_tasks")


def modules():
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def app_of(module):
    parts = module.split(".")
    for size in (2, 1):
        name = ".".join(parts[:size])
        if name in RANK:
            return name
    return None


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path):
    """Every module imported anywhere in the file, function bodies included."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, [alias.name.rpartition(".")[2]]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module, [alias.name for alias in node.names]


IMPORTS = {module_name(path): list(imports(path)) for path in modules()}


def test_every_app_has_a_place_in_the_layers():
    unplaced = sorted({m for m in IMPORTS if app_of(m) is None})
    assert unplaced == []


def test_imports_flow_down_the_layers():
    upward = [
        f"{module} imports {target}"
        for module, targets in IMPORTS.items()
        for target, _ in targets
        if app_of(target) is not None and RANK[app_of(target)] > RANK[app_of(module)]
    ]
    assert upward == []


def test_no_module_imports_itself_round_in_a_circle():
    graph = {
        module: {target for target, _ in targets if target in IMPORTS and target != module}
        for module, targets in IMPORTS.items()
    }
    # Names imported from a package may be its modules: `from x import views`.
    for module, targets in IMPORTS.items():
        for target, names in targets:
            graph[module] |= {f"{target}.{name}" for name in names if f"{target}.{name}" in IMPORTS}
            graph[module].discard(module)

    circles, state = [], {}

    def visit(module, trail):
        state[module] = "open"
        for target in sorted(graph[module]):
            if state.get(target) == "open":
                circles.append(" -> ".join([*trail[trail.index(target) :], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert circles == []


@pytest.mark.parametrize("path", sorted(modules()), ids=lambda path: module_name(path))
def test_no_private_framework_name_is_imported(path):
    private = [
        f"{target}: {', '.join(names)}"
        for target, names in imports(path)
        if target.split(".")[0] in FRAMEWORKS
        and (
            any(part.startswith("_") for part in target.split("."))
            or any(name.startswith("_") for name in names)
        )
    ]
    assert private == []
