"""The after-action report (issue 12 §4): a finished (or stopped) game told as a handout.

The report depends on the save alone: :mod:`.series` replays the save's
record from the start (the log a save keeps is only each seat's last lines,
and it holds no ground per turn), and everything else is read from that
replay, so the same save gives the same ``report.md``, byte for byte, at
home and in class.

* :mod:`.series` -- the replay, turn by turn, into a :class:`~.series.Chronicle`
  (the tracks, steps lost, ground held, the log, the final position);
* :mod:`.story` -- what the report says in words: the outcome, the scores,
  the key events beside history, the decisions and thresholds with who and
  why, the debrief questions;
* :mod:`.charts` -- the charts, drawn with matplotlib (imported only here:
  launching the game never loads it);
* :mod:`.markdown`, :mod:`.pdf` -- the two documents; :mod:`.build` writes
  them (and the PNGs) to a folder.

The final map is drawn by the game's own map renderer (game/ui/final_map.py).
"""
