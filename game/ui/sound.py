"""A few short sounds, synthesised with numpy (no sound files to ship): select, move, combat, turn.

Silent when the setting is off or the machine has no audio device.
"""

from __future__ import annotations

import numpy as np
import pygame

RATE = 22050


def _tone(freqs: list[float], seconds: float, decay: float, noise: float = 0.0, seed: int = 0) -> np.ndarray:
    t = np.linspace(0, seconds, int(RATE * seconds), endpoint=False)
    wave = sum(np.sin(2 * np.pi * f * t) for f in freqs) / max(1, len(freqs))
    if noise:
        wave = (1 - noise) * wave + noise * np.random.default_rng(seed).uniform(-1, 1, t.size)
    env = np.exp(-t * decay)
    return (wave * env * 0.35 * 32767).astype(np.int16)


def _recipes() -> dict[str, np.ndarray]:
    return {
        "select": _tone([880.0], 0.06, 40),
        "move": _tone([220.0, 330.0], 0.12, 25),
        "combat": _tone([70.0, 95.0], 0.45, 7, noise=0.7, seed=3),
        "turn": np.concatenate([_tone([523.0], 0.12, 12), _tone([659.0], 0.18, 10)]),
        "error": _tone([180.0, 185.0], 0.18, 14),
    }


class Sounds:
    def __init__(self, enabled: bool = True):
        self.enabled = enabled
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        self._ready = False

    def _init(self) -> None:
        self._ready = True
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init(frequency=RATE, size=-16, channels=1)
            freq, _, channels = pygame.mixer.get_init()
            for name, wave in _recipes().items():
                data = wave if channels == 1 else np.repeat(wave[:, None], channels, axis=1)
                self._sounds[name] = pygame.sndarray.make_sound(np.ascontiguousarray(data))
        except (pygame.error, ValueError, TypeError):
            self._sounds = {}

    def play(self, name: str) -> None:
        if not self.enabled:
            return
        if not self._ready:
            self._init()
        sound = self._sounds.get(name)
        if sound is not None:
            sound.play()
