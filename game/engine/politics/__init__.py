"""Politics: tracks, scenario rules (when -> chance -> effects), decisions, the armistice, scores.

The turn flow (game/engine/flow.py) calls ``runtime.check_point``; nothing here
registers itself.
"""
