"""Politics: tracks, scenario rules (when -> chance -> effects), decisions, the armistice, scores.

Importing this package registers the rules hook with the turn flow.
"""

from __future__ import annotations

from ..turn import HOOKS
from .runtime import politics_hook

if politics_hook not in HOOKS:
    HOOKS.append(politics_hook)
