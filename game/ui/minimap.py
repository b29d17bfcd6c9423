"""The minimap: the whole map small in a corner of the map view, the view rectangle, unit dots, click to centre."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

import pygame

from .map_labels import get_font

if TYPE_CHECKING:
    from .mapview import MapView


class Minimap:
    """The whole map small in a corner of the map view: the view rectangle, unit dots, click to centre."""

    def __init__(self, view: MapView, height: int = 260, margin: int = 12) -> None:
        self.mv = view
        self.height = height
        self.margin = margin
        self.visible = True
        #: folded away (not visible), it leaves a tab to bring it back -- only where the player folds it (the game
        #: screen); a screen that hides it on purpose (the end screen, a headless render) shows no tab
        self.foldable = False
        #: called with the new state when a click on its tab brings a collapsed minimap back
        self.on_change: Callable[[bool], None] | None = None
        self._img: pygame.Surface | None = None
        self._img_key: tuple | None = None
        self._dragging = False

    @property
    def rect(self) -> pygame.Rect:
        t = self.mv.terrain
        b = t.neat
        h = min(self.height, max(80, self.mv.rect.height // 3))
        w = int(h * (b[2] - b[0]) / (b[3] - b[1]))
        r = self.mv.rect
        return pygame.Rect(r.right - w - self.margin, r.bottom - h - self.margin, w, h)

    def _scale(self) -> float:
        b = self.mv.terrain.neat
        return self.rect.height / (b[3] - b[1])

    def _image(self) -> pygame.Surface:
        rect = self.rect
        key = (rect.size, self.mv.palette.name)
        if self._img is None or self._img_key != key:
            t = self.mv.terrain
            ov, ovs = t.overview()
            # The overview covers t.bounds; cut out the neat rect.
            sx = (t.neat[0] - t.bounds[0]) * ovs
            sy = (t.neat[1] - t.bounds[1]) * ovs
            sw = (t.neat[2] - t.neat[0]) * ovs
            sh = (t.neat[3] - t.neat[1]) * ovs
            sub = ov.subsurface(pygame.Rect(int(sx), int(sy), int(sw), int(sh)).clip(ov.get_rect()))
            self._img = pygame.transform.smoothscale(sub, rect.size)
            self._img_key = key
        return self._img

    def km_at(self, pos: tuple[int, int]) -> tuple[float, float]:
        r = self.rect
        s = self._scale()
        b = self.mv.terrain.neat
        return b[0] + (pos[0] - r.x) / s, b[1] + (pos[1] - r.y) / s

    @property
    def tab_rect(self) -> pygame.Rect:
        """The small tab a collapsed minimap leaves in its corner (click it, or press M, to bring it back)."""
        r = self.mv.rect
        w, h = 118, 24
        return pygame.Rect(r.right - w - self.margin, r.bottom - h - self.margin, w, h)

    def handle_event(self, event: pygame.event.Event) -> bool:
        if not self.visible:
            if self.foldable and event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 \
                    and self.tab_rect.collidepoint(event.pos):
                self.visible = True
                if self.on_change:
                    self.on_change(True)
                return True
            return False
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.rect.collidepoint(event.pos):
            self._dragging = True
            self.mv.layout.center_on_km(*self.km_at(event.pos))
            return True
        if event.type == pygame.MOUSEMOTION and self._dragging:
            self.mv.layout.center_on_km(*self.km_at(event.pos))
            return True
        if event.type == pygame.MOUSEBUTTONUP and self._dragging:
            self._dragging = False
            return True
        return False

    def draw(self, screen: pygame.Surface) -> None:
        if not self.visible:
            if not self.foldable:
                return
            tab = self.tab_rect
            pygame.draw.rect(screen, (32, 31, 27), tab)
            pygame.draw.rect(screen, self.mv.palette.ui_accent, tab, 1)
            text = get_font(13).render("Minimap (M)", True, (235, 225, 200))
            screen.blit(text, text.get_rect(center=tab.center))
            return
        r = self.rect
        pal = self.mv.palette
        screen.blit(self._image(), r.topleft)
        s = self._scale()
        b = self.mv.terrain.neat
        view = self.mv.view
        if view is not None:
            for i, units in self.mv._stacks.items():
                h = self.mv.board.hex_at(i)
                x, y = self.mv.board.projection.hex_center_km(h)
                bloc = view.config.seat(units[0].seat).bloc
                col = pal.bloc_dark.get(bloc, (0, 0, 0))
                px, py = r.x + (x - b[0]) * s, r.y + (y - b[1]) * s
                if bloc == "un":
                    pygame.draw.rect(screen, col, (px - 2, py - 2, 4, 4))
                else:
                    pygame.draw.polygon(screen, col, [(px, py - 3), (px + 3, py), (px, py + 3), (px - 3, py)])
        # The view rectangle.
        x0, y0, x1, y1 = self.mv.layout.visible_km_rect()
        vr = pygame.Rect(r.x + (x0 - b[0]) * s, r.y + (y0 - b[1]) * s, (x1 - x0) * s, (y1 - y0) * s)
        vr = vr.clip(r)
        pygame.draw.rect(screen, (255, 255, 255), vr, 2)
        pygame.draw.rect(screen, (20, 20, 20), vr.inflate(2, 2), 1)
        pygame.draw.rect(screen, (20, 20, 20), r.inflate(2, 2), 1)
        pygame.draw.rect(screen, pal.ui_accent, r.inflate(4, 4), 1)
