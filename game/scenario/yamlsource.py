"""YAML text -> plain Python values, with the line of every key and item.

``yaml.compose`` (safe loader) gives a node tree that still knows where each
node came from; :func:`parse_yaml` walks it into plain values -- dict, list,
str, int, float, bool, None, date -- and records, for every path such as
``("units", 3, "seat")``, the 1-based line where that key or item starts.

Contract:

* Never constructs arbitrary objects: only the YAML core scalar tags are
  accepted (str, int, float, bool, null, timestamp); any other tag
  (``!!python/...``, ``!custom``) is a problem.  No ``yaml.load``, no eval.
* Never raises on bad input: a syntax error, a duplicate key, a bad tag, a
  date such as 1950-02-30, a recursive alias become :class:`Problem` values,
  and the offending value becomes ``INVALID`` (so validation does not report
  it a second time).
* Mapping keys are always strings: the key's source text is used as written,
  so ``no:`` or ``1950-06-25:`` as keys stay ``"no"``/``"1950-06-25"`` (YAML
  1.1 would make them a bool and a date).
* Bounded: the composer (game/scenario/yamlcompose.py) stops a document that
  expands past MAX_VALUES values or nests past MAX_DEPTH levels while it
  parses it; a key longer than an id may be (scalars.ID_MAX) or holding a
  control character, and a number longer than scalars.NUMBER_CHARS_MAX
  characters, are problems, never echoed whole.
* Merge keys (``<<: *anchor``) are supported; explicit keys win over merged
  ones, and merged keys keep the line of the anchor they came from.
* A timestamp with a time of day stays a ``datetime``; validation rejects it
  where a date is expected.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
import yaml.reader
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import INVALID, Problem, format_path
from .scalars import ID_MAX, number_text_problem, text_problem
from .yamlcompose import DEPTH_PROBLEM, YamlLimit, compose

#: Scalar tags we construct; anything else is refused.
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
}
_CORE = "tag:yaml.org,2002:"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


@dataclass
class YamlDocument:
    """A parsed YAML file: its plain value, the line of every path, and problems found."""

    file: str
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def line(self, path: tuple) -> int | None:
        """Line of ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            path = path[:-1]

    def problem(self, path: tuple, message: str) -> Problem:
        """A problem at ``path`` of this document (not recorded; see :meth:`add`)."""
        return Problem(self.file, self.line(path), format_path(path), message)

    def add(self, path: tuple, message: str) -> None:
        self.problems.append(self.problem(path, message))


def parse_yaml(text: str, file: str = "<text>") -> YamlDocument:
    """Parse one YAML document from ``text`` (see the module contract)."""
    doc = YamlDocument(file=file, data=None)
    try:
        root = compose(text)
    except YamlLimit as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark is not None else None
        doc.problems.append(Problem(file, line, "", f"refused: {exc.problem}"))
        return doc
    except yaml.MarkedYAMLError as exc:
        doc.problems.append(_syntax_problem(file, exc, text))
        return doc
    except yaml.reader.ReaderError as exc:      # a character YAML refuses in the raw text (a NUL, a DEL...)
        doc.problems.append(_reader_problem(file, text, exc))
        return doc
    except yaml.YAMLError as exc:  # pragma: no cover - every other PyYAML parse error is marked
        doc.problems.append(Problem(file, None, "", f"not valid YAML: {exc}"))
        return doc
    if root is None:
        return doc
    doc.lines[()] = root.start_mark.line + 1
    walker = _Walker(doc)
    doc.data = walker.value(root, ())
    return doc


def _syntax_problem(file: str, exc: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else None
    if (exc.problem or "").startswith("exceeded maximum nesting depth"):
        # PyYAML 6.0.4 and later stop deep flow collections in the parser, before our composer's own limit: the
        # same refusal, in the same words, whichever PyYAML is installed.
        return Problem(file, line, "", f"refused: {DEPTH_PROBLEM}")
    message = exc.problem or "not valid YAML"
    if exc.context:
        ctx_line = exc.context_mark.line + 1 if exc.context_mark is not None else None
        message += f" ({exc.context}" + (f" that starts on line {ctx_line})" if ctx_line else ")")
    if line is not None and _indented_with_tab(text, line):
        message += "; YAML indents with spaces, never tabs"
    return Problem(file, line, "", f"YAML syntax error: {message}")


def _reader_problem(file: str, text: str, exc: yaml.reader.ReaderError) -> Problem:
    """A character YAML does not allow anywhere in a file, with its line (the reader gives only a position)."""
    where = exc.position if isinstance(exc.position, int) and 0 <= exc.position <= len(text) else 0
    line = text.count("\n", 0, where) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    return Problem(file, line, "", f"the file holds a control character (U+{code:04X}), which YAML allows nowhere; "
                                   "remove it")


def _indented_with_tab(text: str, line: int) -> bool:
    """Whether line ``line`` (1-based) of ``text`` has a tab in its indentation (libyaml's message does not say)."""
    lines = text.split("\n", line)
    if len(lines) < line:
        return False
    row = lines[line - 1]
    return "\t" in row[:len(row) - len(row.lstrip())]


def _tag_refused(tag: str) -> str:
    """The refusal of a YAML tag, written as the file wrote it (``!!python/object``, not the full URI)."""
    shown = "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag
    return (f"unsupported YAML tag {shown}: a scenario holds only plain values (text, numbers, true/false, "
            "dates), lists and mappings")


class _Walker:
    """Turns nodes into plain values, recording lines and problems into ``doc``."""

    def __init__(self, doc: YamlDocument):
        self.doc = doc
        self.constructor = SafeConstructor()
        self.active: set[int] = set()   # ids of collection nodes on the current walk (recursion guard)

    def value(self, node: Node, path: tuple) -> Any:
        """The plain value of ``node``; the composer has bounded how many there are and how deep they go."""
        if isinstance(node, ScalarNode):
            return self.scalar(node, path)
        if id(node) in self.active:
            self.doc.add(path, "an alias refers to the node that contains it (recursive structure)")
            return INVALID
        if node.tag not in (_SEQ_TAG, _MAP_TAG):
            self.doc.add(path, _tag_refused(node.tag))
            return INVALID
        self.active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return self.sequence(node, path)
            if isinstance(node, MappingNode):
                return self.mapping(node, path)
        finally:
            self.active.discard(id(node))
        return None  # pragma: no cover - PyYAML has only three node kinds

    def scalar(self, node: ScalarNode, path: tuple) -> Any:
        if node.tag not in _SCALAR_TAGS:
            self.doc.add(path, _tag_refused(node.tag))
            return INVALID
        if node.tag in _NUMBER_TAGS and (problem := number_text_problem(node.value)):
            self.doc.add(path, problem)
            return INVALID
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ConstructorError, ValueError, OverflowError) as exc:
            kind = node.tag.rsplit(":", 1)[-1]
            what = "date" if kind == "timestamp" else kind
            self.doc.add(path, f"not a valid {what}: {node.value!r} ({exc})")
            return INVALID

    def sequence(self, node: SequenceNode, path: tuple) -> list:
        out = []
        for i, item in enumerate(node.value):
            self.doc.lines[path + (i,)] = item.start_mark.line + 1
            out.append(self.value(item, path + (i,)))
        return out

    def mapping(self, node: MappingNode, path: tuple) -> dict:
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        merges: list[Node] = []
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.tag == _MERGE_TAG:
                merges.append(value_node)
                continue
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                self.doc.problems.append(Problem(self.doc.file, line, format_path(path),
                                                 "a key must be a plain word, not a list or mapping"))
                continue
            key = str(key_node.value)
            if (problem := text_problem(key, ID_MAX, what="a key")) is not None:
                self.doc.problems.append(Problem(self.doc.file, line, format_path(path), problem))
                continue
            if key in first_line:
                self.doc.problems.append(Problem(
                    self.doc.file, line, format_path(path + (key,)),
                    f"duplicate key '{key}' (first given on line {first_line[key]})"))
                continue
            first_line[key] = line
            self.doc.lines[path + (key,)] = line
            out[key] = self.value(value_node, path + (key,))
        for merge in merges:
            self.merge(merge, path, out)
        return out

    def merge(self, node: Node, path: tuple, out: dict) -> None:
        """Apply ``<<: *a`` or ``<<: [*a, *b]``; keys already in ``out`` win."""
        sources = node.value if isinstance(node, SequenceNode) else [node]
        for source in sources:
            if not isinstance(source, MappingNode):
                self.doc.add(path, "a merge key (<<) must refer to a mapping")
                continue
            saved, self.doc.lines = self.doc.lines, {}
            merged = self.value(source, path)
            sub, self.doc.lines = self.doc.lines, saved
            if not isinstance(merged, dict):
                continue
            for key, value in merged.items():
                if key in out:
                    continue
                out[key] = value
                prefix = path + (key,)
                for p, line in sub.items():
                    if p[:len(prefix)] == prefix:
                        saved[p] = line
