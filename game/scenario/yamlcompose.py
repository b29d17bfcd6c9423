"""YAML text -> a node tree, with its size and depth bounded *while* it is parsed.

Contract of :func:`compose`: the root node of the one document in ``text`` (None for an empty one), exactly as
``yaml.compose`` with the safe loader gives it, or an exception:

* :class:`YamlLimit` (a ``yaml.MarkedYAMLError``, with the line where the limit was passed) as soon as the
  document holds more than :data:`MAX_VALUES` values once its aliases are expanded, or nests lists and mappings
  more than :data:`MAX_DEPTH` deep -- the parse stops there, it does not finish first;
* any other ``yaml.MarkedYAMLError`` for a syntax error.

Why a composer of our own: libyaml's composer recurses in C, so 100,000 ``[`` crash the whole process (a
segmentation fault, measured); and an alias bomb of a few hundred bytes (``&a [*b, *b, ...]`` nine deep)
expands to a billion values, which a count taken after parsing sees far too late.  This is PyYAML's own
``Composer`` (Python) driven by libyaml's event parser when PyYAML has it (about 1.4x the all-C compose time,
against 10x for the pure-Python loader), counting as it goes: a node adds one value, an alias adds the size its
anchor expanded to.  Tags are resolved as the safe loader does; no object is constructed here.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import Node
from yaml.resolver import Resolver

try:  # libyaml's parser, when PyYAML was built with it
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover - the pure-Python reader, scanner and parser
    _CParser = None

#: Values a scenario may expand to, aliases and merge keys included.  The campaign (1950-invasion.yaml, the
#: largest) holds about 2,600; 50,000 leaves a teacher's scenario 20 times that, and is walked in well under a
#: second, where a bomb would otherwise expand without end.
MAX_VALUES = 50_000
#: How deep lists and mappings may nest.  The real scenarios reach 9 (a condition inside all/not inside a rule);
#: 40 leaves room for deeply combined conditions and stays far inside Python's and libyaml's stacks.
MAX_DEPTH = 40
#: What a person reads when a document nests too deep (here, or in PyYAML's own parser, which from 6.0.4 stops
#: deep flow collections itself).
DEPTH_PROBLEM = f"lists and mappings nest more than {MAX_DEPTH} deep here; a scenario needs far fewer levels"


class YamlLimit(yaml.MarkedYAMLError):
    """The document passed :data:`MAX_VALUES` or :data:`MAX_DEPTH`; ``problem`` says which, for a person."""


class _Counting(Composer):
    """PyYAML's Composer, counting expanded values and depth as it composes (see the module contract)."""

    def _init_counts(self) -> None:
        self.total = 0                      # values composed so far, aliases expanded
        self.depth = 0                      # collections open around the node being composed
        self.sizes: dict[int, int] = {}     # id(node) -> values it expanded to, for the aliases naming it

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            node = super().compose_node(parent, index)
            # An alias to a collection still open (``&a [*a]``) counts once; the walker reports the recursion.
            self._grow(self.sizes.get(id(node), 1), event)
            return node
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise YamlLimit(problem=DEPTH_PROBLEM, problem_mark=event.start_mark)
        start = self.total
        self._grow(1, event)
        node = super().compose_node(parent, index)
        self.depth -= 1
        self.sizes[id(node)] = self.total - start
        return node

    def _grow(self, n: int, event: Any) -> None:
        self.total += n
        if self.total > MAX_VALUES:
            raise YamlLimit(problem=f"the file expands to more than {MAX_VALUES} values here (anchors and aliases "
                                    "count each time they are used); a scenario needs far fewer",
                            problem_mark=event.start_mark)


if _CParser is not None:
    class _Loader(_Counting, _CParser, Resolver):
        """Counting composer over libyaml's events (the Python Composer's methods win over CParser's)."""

        def __init__(self, text: str) -> None:
            _CParser.__init__(self, text)
            Composer.__init__(self)
            Resolver.__init__(self)
            self._init_counts()
else:  # pragma: no cover
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Loader(_Counting, Reader, Scanner, Parser, Resolver):  # type: ignore[no-redef]
        """Counting composer over PyYAML's pure-Python parser."""

        def __init__(self, text: str) -> None:
            Reader.__init__(self, text)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            Resolver.__init__(self)
            self._init_counts()


def compose(text: str) -> Node | None:
    """The root node of ``text`` (None if empty); raises YamlLimit or another MarkedYAMLError (see above)."""
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()
