"""What the what-if study screen draws by hand: the progress bar, the results' pictures, the legend, the words.

Contract: ``Results`` holds the rectangles of the results (two charts above; the two maps, the legend and the
words below) for a window area -- ``Results.layout(area, s)`` -- and ``draw`` blits what there is (the charts
and the maps once a study is done, empty panels with their names before).  ``draw_progress`` draws the bar of
a running study (runs done of all, runs a second, time left) or, with none, the last status.  ``words_html``
says the numbers a teacher reads out: China's entry and general war under A and B with their 95% intervals, every
other key event that came in a run, the ground held, the armistices and each side's mean score.  Everything
here runs in the window's thread.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pygame

from game.session.aggregate import wilson
from game.session.teaching import KEY_EVENT_NAMES

from .heatmap import BANDS, MAP_RECT, band_colour
from .map_labels import render_text

INK, MUTED, PANEL = (239, 232, 212), (160, 150, 124), (35, 34, 29)
SIDE_COLOURS = ((86, 180, 233), (230, 159, 0))        # A and B, as the charts colour them
SIDE_HEX = ("#56B4E9", "#E69F00")


def _pct(k: int, n: int) -> str:
    lo, hi = wilson(k, n)
    return f"{100 * k / max(1, n):.0f}% ({100 * lo:.0f}–{100 * hi:.0f}%)"


def words_html(result, what_ifs, status: str, title: str = "", names: dict[str, str] | None = None) -> str:
    """The numbers in words; ``title``: the studied scenario's (the choices may have moved on since); ``names``:
    seat id -> the seat's name."""
    names = names or {}
    if result is None:
        return html.escape(status) or "The results will appear here once the study has run."
    a, b = result.aggregates
    out = [f"<b>{html.escape(status)}</b>"] if status else []
    out.append(f"<b>{html.escape(title)}</b>, {a['runs']} runs of each:" if title else f"{a['runs']} runs of each:")
    for name, what_if, colour in zip("AB", what_ifs, SIDE_HEX):
        out.append(f"<font color='{colour}'><b>{name}</b></font>: {html.escape(what_if.describe())}")
    if all(a[k] == b[k] for k in ("outcomes", "key_events", "scores", "un_share_by_hex")):
        out.append("<font color='#f5d98a'><b>A and B gave the same wars in every run.</b> The what-if changed "
                   "nothing here: its decision never came up in these games, or the computer chose as it says "
                   "anyway. Try another what-if, or a longer scenario.</font>")
    for key, words in (("prc_enters", "China enters the war"), ("general_war", "General war")):
        ka, kb = a["key_events"][key]["runs"], b["key_events"][key]["runs"]
        out.append(f"<b>{words}</b>: A {_pct(ka, a['runs'])}, B {_pct(kb, b['runs'])}")
    # A short scenario often ends "still at war" either way: what tells A from B is then the key events on the way.
    for key, words in KEY_EVENT_NAMES.items():
        if key in ("prc_enters", "general_war", "armistice_signed") or key not in a["key_events"]:
            continue
        ka, kb = a["key_events"][key]["runs"], b["key_events"][key]["runs"]
        if ka or kb:
            out.append(f"<b>{html.escape(words)}</b>: A {_pct(ka, a['runs'])}, B {_pct(kb, b['runs'])}")
    ha, hb = (round(100 * v) for v in result.korea_held)
    out.append(f"<b>Korea held by UN/ROK at the end</b>: A {ha}%, B {hb}% of its land, on average")
    when = []
    for name, agg in zip("AB", (a, b)):
        e = agg["key_events"]["armistice_signed"]
        median = f", median {e['quartiles'][1]}" if e["quartiles"] else ""
        when.append(f"{name} {e['runs']} of {agg['runs']}{median}")
    out.append(f"<b>Armistice signed</b>: {'; '.join(when)} (history: 1953-07-27)")
    seats = [k for k in a["scores"] if k in b["scores"]]
    if seats:
        means = ", ".join(f"{html.escape(names.get(k, k))} A {a['scores'][k]['mean']:+.1f}, "
                          f"B {b['scores'][k]['mean']:+.1f}" for k in seats)
        out.append(f"<b>Mean score against history</b> (0 = as in 1950-53): {means}")
    out.append("<i>In brackets: the 95% interval. Where the intervals of A and B overlap a lot, these runs cannot "
               "tell the two apart: run more.</i>")
    return "<br>".join(out)


def draw_progress(surface: pygame.Surface, rect: pygame.Rect, run, status: str, s) -> None:
    pygame.draw.rect(surface, PANEL, rect)
    if run is not None:
        fill = rect.copy()
        fill.width = int(rect.width * run.done / max(1, run.total))
        pygame.draw.rect(surface, (96, 120, 64), fill)
        left = run.left
        text = f"{run.done} of {run.total} runs · {run.rate:.1f} a second" + \
               (f" · about {left:.0f} s left" if left is not None else " · starting…")
    else:
        text = status
    pygame.draw.rect(surface, MUTED, rect, 1)
    if text:
        img = render_text(text, s(15), INK)
        surface.blit(img, (rect.x + s(8), rect.centery - img.get_height() // 2), img.get_rect(w=rect.width - s(12)))


@dataclass
class Results:
    outcome: pygame.Rect
    histogram: pygame.Rect
    maps: tuple[pygame.Rect, pygame.Rect]
    legend: pygame.Rect
    words: pygame.Rect

    @classmethod
    def layout(cls, area: pygame.Rect, s) -> Results:
        """The charts share the top two fifths; the maps (as tall as the rest allows, at the heat map's aspect)
        sit below on the left, and the legend and the words fill the right."""
        top_h = int(area.height * (0.42 if area.height >= s(600) else 0.5))
        outcome = pygame.Rect(area.x, area.y, int(area.width * 0.56), top_h)
        histogram = pygame.Rect(outcome.right + s(10), area.y, area.right - outcome.right - s(10), top_h)
        by = area.y + top_h + s(12)
        cap = s(26)
        map_h = area.bottom - by - cap
        map_w = min(int(map_h * MAP_RECT.width / MAP_RECT.height), int(area.width * 0.3))
        maps = (pygame.Rect(area.x, by + cap, map_w, map_h),
                pygame.Rect(area.x + map_w + s(10), by + cap, map_w, map_h))
        tx = maps[1].right + s(16)
        legend = pygame.Rect(tx, by, area.right - tx, s(64))
        words = pygame.Rect(tx, by + s(70), area.right - tx, area.bottom - by - s(70))
        return cls(outcome, histogram, maps, legend, words)

    def draw(self, surface: pygame.Surface, charts, heat, s) -> None:
        """``charts``: (outcome chart, histogram) surfaces or None; ``heat``: the two heat maps' whole pictures."""
        names = ("How the wars ended", "When the armistice was signed")
        for rect, img, name in zip((self.outcome, self.histogram), charts, names):
            pygame.draw.rect(surface, PANEL, rect)
            if img is not None:
                surface.blit(img if img.get_size() == rect.size else pygame.transform.smoothscale(img, rect.size),
                             rect)
            else:
                surface.blit(render_text(name, s(18), MUTED), (rect.x + s(12), rect.y + s(10)))
        for k, rect in enumerate(self.maps):
            caption = render_text(f"{'AB'[k]}: where the line fell", s(17), SIDE_COLOURS[k], bold=True)
            if caption.get_width() > rect.width + s(8):        # narrow maps (a projector's scale): the letter only
                caption = render_text("AB"[k], s(17), SIDE_COLOURS[k], bold=True)
            surface.blit(caption, (rect.x, rect.y - s(24)))
            pygame.draw.rect(surface, PANEL, rect)
            if heat is not None:
                surface.blit(pygame.transform.smoothscale(heat[k].subsurface(MAP_RECT), rect.size), rect)
        self._legend(surface, s)

    def _legend(self, surface: pygame.Surface, s) -> None:
        rect = self.legend
        surface.blit(render_text("Share of runs ending in UN/ROK hands", s(15), INK, bold=True), rect.topleft)
        cell = max(4, (rect.width - s(8)) // BANDS)
        y = rect.y + s(22)
        for k in range(BANDS):
            pygame.draw.rect(surface, band_colour(k), (rect.x + k * cell, y, cell, s(16)))
        surface.blit(render_text("0% (never)", s(13), MUTED), (rect.x, y + s(20)))
        img = render_text("100% (always)", s(13), MUTED)
        surface.blit(img, (rect.x + BANDS * cell - img.get_width(), y + s(20)))
