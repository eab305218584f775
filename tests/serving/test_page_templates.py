"""Voila's page templates are compiled once per process (roundtable_lib.serving.page_templates):
a second page view compiles nothing and renders the same page; an edited template is compiled
again; code compiled for one kind of environment never serves another."""

import concurrent.futures
import functools

import nbformat
from jinja2 import Environment, FileSystemLoader

from roundtable_lib.serving import page_templates, voila_app
from roundtable_lib.serving.page_templates import CompiledTemplates


def _in_a_thread(function):
    """``function()`` in a thread of its own: an asynchronous template renders with asyncio.run,
    which refuses a thread whose loop is running (Playwright's sync API may hold the main one)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(function).result()


def _environment(folder, cache, **options):
    environment = Environment(loader=FileSystemLoader(str(folder)), **options)
    environment.bytecode_cache = cache
    return environment


def test_a_second_environment_compiles_nothing_and_renders_the_same(tmp_path):
    (tmp_path / "base.j2").write_text("<p>{% block body %}{% endblock %}</p>")
    (tmp_path / "page.j2").write_text("{% extends 'base.j2' %}{% block body %}Hello {{ who }}{% endblock %}")
    cache = CompiledTemplates()
    first = _environment(tmp_path, cache).get_template("page.j2").render(who="Bangkok")
    assert cache.compiled == 2  # the page and the template it extends
    second = _environment(tmp_path, cache).get_template("page.j2").render(who="Bangkok")
    assert second == first == "<p>Hello Bangkok</p>"
    assert cache.compiled == 2


def test_an_edited_template_is_compiled_again(tmp_path):
    page = tmp_path / "page.j2"
    page.write_text("old {{ x }}")
    cache = CompiledTemplates()
    assert _environment(tmp_path, cache).get_template("page.j2").render(x=1) == "old 1"
    page.write_text("new {{ x }}")
    assert _environment(tmp_path, cache).get_template("page.j2").render(x=1) == "new 1"
    assert cache.compiled == 2


def test_asynchronous_and_synchronous_environments_keep_their_own_code(tmp_path):
    (tmp_path / "page.j2").write_text("{% for i in items %}{{ i }}{% endfor %}")
    cache = CompiledTemplates()
    synchronous = _environment(tmp_path, cache).get_template("page.j2")
    asynchronous = _environment(tmp_path, cache, enable_async=True).get_template("page.j2")
    assert cache.compiled == 2  # not the synchronous code handed to the asynchronous environment
    assert synchronous.render(items=[1, 2]) == _in_a_thread(lambda: asynchronous.render(items=[1, 2])) == "12"


def test_the_workbooks_exporter_renders_a_page_view_without_compiling_again():
    exporter_class = voila_app._offline_exporter()
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("Now in the room")])
    pages, compiled = [], []
    for _ in range(2):  # a new exporter per page view, as Voila makes
        render = exporter_class(template_name="lab").from_notebook_node
        html, _ = _in_a_thread(functools.partial(render, notebook, resources={"base_url": "/"}))
        pages.append(html)
        compiled.append(page_templates.CACHE.compiled)
    assert "Now in the room" in pages[0]
    assert pages[1] == pages[0]
    assert compiled[0] > 0  # the first page view's templates went to the process's cache
    assert compiled[1] == compiled[0]  # the second page view compiled none
