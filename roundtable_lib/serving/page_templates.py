"""Voila's page templates compiled once per process, not once per phone.

Voila renders every page view with a new nbconvert exporter, and each exporter makes a new Jinja
environment: every phone that arrived compiled the same dozen templates (ours, the lab
template, nbconvert's base, display priorities...) from their source again. That was half of
the Voila process's CPU per arrival (py-spy, 100 arrivals). Jinja's own answer is a bytecode
cache: an environment that has one asks it before compiling, by the template's name and file
and a checksum of its source, so an edited template is compiled again. :data:`CACHE` keeps the
compiled code in memory for every environment of this process (:func:`share_compiled`, called
by the workbook's exporter in :mod:`roundtable_lib.serving.voila_app`).

Code compiled for one kind of environment is never handed to another: an asynchronous
environment (Voila's) compiles differently from a synchronous one, so the key includes what
changes the compiled code.

May import: the standard library and Jinja.
"""

import threading

from jinja2 import BytecodeCache


class CompiledTemplates(BytecodeCache):
    """Compiled template code in memory, per kind of environment (see the module docstring).
    Code objects are immutable: environments share them safely."""

    def __init__(self):
        self.code = {}  # (kind, bucket key) -> (source checksum, code)
        self.compiled = 0  # templates compiled (cache misses), for tests and benchmarks
        self._lock = threading.Lock()

    def get_bucket(self, environment, name, filename, source):
        bucket = super().get_bucket(environment, name, filename, source)
        bucket.kind = kind_of(environment)
        found = self.code.get((bucket.kind, bucket.key))
        if found is not None and found[0] == bucket.checksum:
            bucket.code = found[1]
        return bucket

    def set_bucket(self, bucket):
        with self._lock:
            self.code[(bucket.kind, bucket.key)] = (bucket.checksum, bucket.code)
            self.compiled += 1

    # BytecodeCache's file-oriented hooks: nothing is read from or written to disk.
    def load_bytecode(self, bucket):
        pass

    def dump_bytecode(self, bucket):
        pass


def kind_of(environment):
    """What, beside the source, changes the code Jinja compiles for ``environment``."""
    return (
        environment.is_async,
        environment.optimized,
        environment.autoescape if isinstance(environment.autoescape, bool) else id(environment.autoescape),
        tuple(sorted(environment.extensions)),
        environment.block_start_string,
        environment.variable_start_string,
        environment.comment_start_string,
        environment.line_statement_prefix,
        environment.trim_blocks,
        environment.lstrip_blocks,
    )


CACHE = CompiledTemplates()


def share_compiled(environment):
    """Give ``environment`` this process's compiled templates; returns it."""
    environment.bytecode_cache = CACHE
    return environment
