"""Reading a meeting file without trusting it: a YAML loader that refuses, while it composes the
document and before anything is built from it, what no meeting file needs and an attack would
use (aliases, as in a "billion laughs" bomb; thousands of values; deep nesting; integers of
thousands of digits), and the short forms of values that messages quote.

Pure: imports PyYAML (lazily) and the standard library only.
"""

# A meeting definition is a few dozen KB (the Bangkok one about 1,500 YAML nodes).
MAX_NODES = 10_000
MAX_DEPTH = 30
MAX_INT_DIGITS = 12
SHOWN_CHARS = 80


def brief(value, limit=SHOWN_CHARS):
    """``repr(value)`` cut to ``limit`` characters, for messages: a 5 MB value gives a line, not 5 MB."""
    if isinstance(value, (list, dict, tuple, set)) and len(value) > 20:
        return f"a {type(value).__name__} of {len(value)} entries"
    try:
        text = repr(value)
    except (ValueError, RecursionError):  # e.g. an integer too long to print
        text = f"a {type(value).__name__}"
    return cut(text, limit)


def cut(text, limit=SHOWN_CHARS):
    return text if len(text) <= limit else text[:limit] + "…"


class TooMuch(Exception):
    """A limit of the meeting-file loader, with what to fix."""


def limited_loader(raw):
    """A YAML safe loader over ``raw`` that refuses aliases, deep nesting, too many nodes and
    over-long integers while it composes the document: before anything is built from it."""
    import yaml

    class Loader(yaml.SafeLoader):
        nodes = 0
        depth = 0

        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise TooMuch(
                    f"line {event.start_mark.line + 1}: uses a YAML alias (*{brief(event.anchor, 40)}); "
                    "write the value out in full"
                )
            Loader.nodes += 1
            if Loader.nodes > MAX_NODES:
                raise TooMuch(f"more than {MAX_NODES:,} values; a meeting definition is far smaller")
            Loader.depth += 1
            try:
                if Loader.depth > MAX_DEPTH:
                    raise TooMuch(f"nested more than {MAX_DEPTH} levels deep")
                return super().compose_node(parent, index)
            finally:
                Loader.depth -= 1

        def construct_yaml_int(self, node):
            digits = sum(c.isdigit() for c in node.value)
            if digits > MAX_INT_DIGITS:
                raise TooMuch(
                    f"line {node.start_mark.line + 1}: a number of {digits:,} digits; numbers here have at most "
                    f"{MAX_INT_DIGITS}"
                )
            return super().construct_yaml_int(node)

    Loader.add_constructor("tag:yaml.org,2002:int", Loader.construct_yaml_int)
    return Loader(raw)
