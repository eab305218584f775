"""The architecture, guarded: data flows one way (meeting -> store -> chair / dashboards / outputs
-> serving), no import cycle, no private name used across modules, no widget library below the
chairs' screens, no module too long to read, and no test module importing another.

Static checks read the source with ast (every import, those inside functions too, unless a check
says "module level"); one test runs the command line in a fresh interpreter, the only place where
``sys.modules`` shows what a user's ``roundtable status`` really loads.
"""

import ast
from collections import defaultdict
from pathlib import Path

import pytest

from tests.helpers import ROOT

LIB = ROOT / "roundtable_lib"
MAX_LINES = 500

# Libraries that only the chairs' screens, dashboards, charts and exports may load: the meeting
# and the store run in every process, `roundtable status` and a backup included.
HEAVY = ("ipywidgets", "IPython", "traitlets", "plotly", "pandas")


def _module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(LIB.rglob("*.py"))}


def _resolve(module, node):
    """The modules an import statement in ``module`` names: ``from a.b import c`` is ``a.b.c`` when
    that is a module of the workbook, else ``a.b``; relative imports resolved."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = module.split(".")
        if MODULES.get(module, Path()).name != "__init__.py":
            package = package[:-1]
        package = package[: len(package) - node.level + 1]
        base = ".".join(package + ([base] if base else []))
    return [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]


def _is_type_checking(node):
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imports(module, module_level_only=False):
    """(line, imported module) for every import in ``module``; with ``module_level_only``,
    only what runs when the module is imported (not in functions, not under TYPE_CHECKING)."""
    found = []

    def visit(node):
        for child in ast.iter_child_nodes(node):
            if module_level_only and (
                isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) or _is_type_checking(child)
            ):
                continue
            if isinstance(child, ast.Import | ast.ImportFrom):
                found.extend((child.lineno, target) for target in _resolve(module, child))
            visit(child)

    visit(ast.parse(MODULES[module].read_text(encoding="utf-8")))
    return found


def _package(name):
    """The workbook's layer a module belongs to: 'meeting', 'store', ..., or the module itself at
    the top ('roundtable_lib.cli', 'roundtable_lib' for the package's own __init__)."""
    parts = name.split(".")
    if parts[0] != "roundtable_lib":
        return None
    if len(parts) > 2 or (len(parts) == 2 and (LIB / parts[1]).is_dir()):
        return parts[1]
    return name


def _workbook_imports(module, module_level_only=False):
    return [(line, target) for line, target in _imports(module, module_level_only) if _package(target)]


# ---------------------------------------------------------------- nothing heavy below the chairs


@pytest.mark.parametrize("folder", ["meeting", "store"])
def test_the_meeting_and_the_store_load_no_widget_chart_or_dataframe_library(folder):
    found = [
        f"{MODULES[m].relative_to(ROOT)}:{line} imports {target}"
        for m in MODULES
        if _package(m) == folder
        for line, target in _imports(m)
        if target.split(".")[0] in HEAVY
    ]
    assert found == []


def test_status_and_a_public_export_run_without_ipywidgets(demo_store, tmp_path, fresh_python):
    """In a fresh interpreter, as a user types them: `roundtable status` loads no widget, chart or
    dataframe library, and a public export no widget library (ipywidgets, IPython, traitlets)."""
    from roundtable_lib.outputs.pdf import NO_PDF_ENV

    script = f"""
import runpy, sys

def roundtable(*args):
    sys.argv = ["roundtable", *args]
    try:
        runpy.run_module("roundtable_lib", run_name="__main__", alter_sys=True)
    except SystemExit as exc:
        assert not exc.code, f"roundtable {{args[0]}} exited with {{exc.code}}"
    loaded = sorted(m for m in {HEAVY!r} if m in sys.modules)
    print("loaded by", args[0], loaded, file=sys.stderr)
    return loaded

db, out = {str(demo_store.path)!r}, {str(tmp_path / "out")!r}
assert roundtable("status", "--db", db) == []
exported = roundtable("export", "--db", db, "--out", out, "--no-charts", "--reviewed")
assert not {{"ipywidgets", "IPython", "traitlets"}} & set(exported)
"""
    result = fresh_python(script, env={NO_PDF_ENV: "1"})  # the PDFs need Chromium: not this test's subject
    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "out" / "report.docx").is_file()


# ---------------------------------------------------------------- one way, no cycles, nothing private

# The meeting and the store may import only these layers ("roundtable_lib.exceptions" is
# exceptions.py); the layers above them may import anything but what NEVER_IMPORTS names.
MAY_IMPORT = {
    "meeting": {"meeting", "roundtable_lib.exceptions"},
    "store": {"meeting", "store", "roundtable_lib.exceptions"},
}
NEVER_IMPORTS = {
    "display": {"store", "chair", "dashboards", "outputs", "serving"},
    "chair": {"serving", "dashboards", "outputs"},
    "dashboards": {"serving", "chair", "outputs"},
    "outputs": {"serving", "dashboards"},
    # The servers start kernels; the code that runs inside them is the kernels' business.
    "serving": {"chair", "dashboards", "outputs", "display"},
}


@pytest.mark.parametrize("layer", sorted(set(MAY_IMPORT) | set(NEVER_IMPORTS)))
def test_data_flows_one_way(layer):
    wrong = []
    for module in MODULES:
        if _package(module) != layer:
            continue
        for line, target in _workbook_imports(module):
            other = _package(target)
            allowed = other in MAY_IMPORT[layer] if layer in MAY_IMPORT else other not in NEVER_IMPORTS[layer]
            if not allowed:
                wrong.append(f"{MODULES[module].relative_to(ROOT)}:{line} imports {target}")
    assert wrong == []


def _cycles(graph):
    """Strongly connected components of more than one module (or a module importing itself):
    Tarjan's algorithm, iterative so that a deep chain of imports cannot hit the recursion limit."""
    graph = {node: set(edges) for node, edges in graph.items()}
    for edges in list(graph.values()):
        for node in edges:
            graph.setdefault(node, set())
    index, low, on_stack, stack, cycles, counter = {}, {}, set(), [], [], [0]
    for root in list(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in graph[node]:
                    cycles.append(sorted(component))
    return cycles


def test_cycle_finder_finds_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert sorted(_cycles(graph)) == [["a", "b", "c"], ["e"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle():
    """Module-level imports only: an import inside a function runs after both modules loaded."""
    graph = defaultdict(set)
    for module in MODULES:
        graph[module] |= {t for _line, t in _workbook_imports(module, module_level_only=True) if t in MODULES}
    assert _cycles(graph) == []


def test_no_cycle_among_the_layers_even_through_imports_inside_functions():
    """A lazy import can hide a cycle from Python but not from a reader: the store that imports a
    chair's module to save what that module imports the store for is one layer, not two."""
    graph = defaultdict(set)
    for module in MODULES:
        layer = _package(module)
        graph[layer] |= {_package(t) for _line, t in _workbook_imports(module)} - {layer}
    assert _cycles(graph) == []


def test_no_private_name_is_used_across_modules():
    """`from roundtable_lib.x import _helper` or `x._helper` where x is another workbook module: a
    helper two modules share is a public name, in a module of its own if need be."""
    found = []
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases = {}  # local name -> workbook module it stands for
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                for target, alias in zip(_resolve(module, node), node.names, strict=True):
                    if not _package(target) or target == module:
                        continue
                    if f"{target}" in MODULES and target.endswith("." + alias.name):
                        aliases[alias.asname or alias.name] = target
                    elif alias.name.startswith("_") and not alias.name.startswith("__"):
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {alias.name} from {target}")
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname and _package(alias.name):
                        aliases[alias.asname] = alias.name
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} uses {aliases[node.value.id]}.{node.attr}")
    assert found == []


# ---------------------------------------------------------------- sizes a reader can hold


def test_no_module_is_too_long_to_read():
    long = {str(p.relative_to(ROOT)): n for p in MODULES.values() if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert long == {}, f"split these by concern (at most {MAX_LINES} lines)"


# ---------------------------------------------------------------- the tests' own layout


def test_no_test_module_imports_another():
    """Shared helpers live in tests/helpers and fixtures in conftest.py: a test module imported by
    another would run its tests twice and tie the two together."""
    found = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [f"{node.module or ''}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            if any(part.startswith("test_") or part == "conftest" for n in names for part in n.split(".")):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []
