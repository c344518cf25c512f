"""Read a YAML file safely and remember the line of every value.

Agreement files are written by people and reviewed by people, so an error has to point at a line.
PyYAML's composer gives nodes with positions; we walk the nodes ourselves and keep a map from
each value's path ("clauses[0].prohibits") to its 1-based line. The loader is SafeLoader with
three guards: no tags beyond the standard scalar/collection ones (so no ``!!python/...``), a cap
on aliases and on expanded nodes (so "billion laughs" alias bombs stop early), and a size cap.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from trucewatch.agreements.errors import Problem

MAX_BYTES = 2_000_000
MAX_ALIASES = 50
MAX_NODES = 200_000
MAX_DEPTH = 100  # agreement files nest a few levels; deeper is an attack or an accident

_STANDARD_TAGS = frozenset(
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)


class _GuardedLoader(yaml.SafeLoader):
    """SafeLoader that counts aliases while composing."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.aliases_seen = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self.aliases_seen += 1
            if self.aliases_seen > MAX_ALIASES:
                mark = self.peek_event().start_mark
                raise yaml.YAMLError(f"line {mark.line + 1}: more than {MAX_ALIASES} aliases")
        return super().compose_node(parent, index)


@dataclass(slots=True)
class YamlDoc:
    """A parsed YAML document: plain Python data plus the line of every path in it."""

    file: str
    data: Any
    lines: dict[str, int]

    def line(self, path: str) -> int | None:
        """The line of ``path``, or of its nearest enclosing value that has one."""
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""

    def problem(self, path: str, message: str) -> Problem:
        """A problem located at ``path`` in this document."""
        return Problem(self.file, self.line(path), path, message)


class YamlFileError(ValueError):
    """The file could not be read as YAML at all; carries the located problem."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def load_yaml(path: Path, name: str | None = None) -> YamlDoc:
    """Parse ``path`` into a :class:`YamlDoc`, or raise :class:`YamlFileError` naming the line."""
    label = name or str(path)
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        raise YamlFileError(Problem(label, None, "", f"file larger than {MAX_BYTES} bytes"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise YamlFileError(Problem(label, None, "", f"not UTF-8 ({exc.reason})")) from exc
    return parse_yaml(text, label)


def parse_yaml(text: str, label: str) -> YamlDoc:
    """Parse YAML ``text`` (one document) into a :class:`YamlDoc`."""
    loader = None
    try:
        loader = _GuardedLoader(text)  # its reader already refuses control characters
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise YamlFileError(Problem(label, line, "", f"YAML syntax: {exc.problem}")) from exc
    except yaml.YAMLError as exc:
        raise YamlFileError(Problem(label, None, "", f"YAML: {exc}")) from exc
    except RecursionError as exc:
        raise YamlFileError(Problem(label, None, "", "YAML nested too deeply")) from exc
    finally:
        if loader is not None:
            loader.dispose()
    lines: dict[str, int] = {}
    if node is None:
        return YamlDoc(label, None, lines)
    walker = _Walker(label, lines)
    data = walker.value(node, "")
    return YamlDoc(label, data, lines)


class _Walker:
    """Turns composed nodes into Python values, recording lines and refusing odd tags."""

    def __init__(self, label: str, lines: dict[str, int]) -> None:
        self.label = label
        self.lines = lines
        self.count = 0
        self.open: set[int] = set()  # nodes being walked: an alias back to one is a cycle
        self.constructor = yaml.SafeLoader("")  # only its scalar constructors are used

    def fail(self, node: yaml.Node, path: str, message: str) -> YamlFileError:
        return YamlFileError(Problem(self.label, node.start_mark.line + 1, path, message))

    def value(self, node: yaml.Node, path: str) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(node, path, f"more than {MAX_NODES} values (alias expansion?)")
        self.lines.setdefault(path, node.start_mark.line + 1)
        if node.tag not in _STANDARD_TAGS:
            raise self.fail(node, path, f"tag {node.tag!r} is not allowed")
        if isinstance(node, yaml.CollectionNode):
            if id(node) in self.open:
                raise self.fail(node, path, "an alias refers to the value that contains it")
            if len(self.open) >= MAX_DEPTH:
                raise self.fail(node, path, f"nested more than {MAX_DEPTH} levels deep")
            self.open.add(id(node))
            try:
                return self._collection(node, path)
            finally:
                self.open.discard(id(node))
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            # PyYAML's timestamp constructor raises ValueError for 2016-02-30 or hour 25
            raise self.fail(node, path, f"bad value: {exc}") from exc

    def _collection(self, node: yaml.CollectionNode, path: str) -> Any:
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self.fail(key_node, path, "mapping keys must be plain words")
                key = str(key_node.value)
                child = f"{path}.{key}" if path else key
                if key in out:
                    raise self.fail(key_node, child, "key given twice")
                self.lines[child] = key_node.start_mark.line + 1
                out[key] = self.value(value_node, child)
            return out
        return [self.value(item, f"{path}[{i}]") for i, item in enumerate(node.value)]
