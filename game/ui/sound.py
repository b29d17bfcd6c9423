"""A few short sounds, synthesised with numpy (no sound files to ship): select, move, combat, turn.

Silent when the setting is off or the machine has no audio device.  The audio device is opened only when
there is one to open, and quietly: on a Linux machine without sound, asking SDL for audio makes the ALSA
library print a screenful of errors on the terminal the game was started from.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import numpy as np
import pygame

RATE = 22050
#: Where Linux lists its sound cards' playback devices (pcmC0D0p ...).
SOUND_DEVICES = Path("/dev/snd")


def audio_device_available() -> bool:
    """Whether there is a sound device worth opening.  A driver the player chose (SDL_AUDIODRIVER) is always
    tried; on Linux, a sound server's socket (PulseAudio, PipeWire) or a playback device in /dev/snd must
    exist; elsewhere the system always has one."""
    if os.environ.get("SDL_AUDIODRIVER"):
        return True
    if not sys.platform.startswith("linux"):
        return True
    if os.environ.get("PULSE_SERVER"):
        return True
    try:
        # (Path.exists raises on a folder we may not read: another user's runtime folder after su or sudo.)
        runtime = os.environ.get("XDG_RUNTIME_DIR")
        if runtime and any((Path(runtime) / name).exists() for name in ("pulse/native", "pipewire-0")):
            return True
        return any(p.name.startswith("pcm") and p.name.endswith("p") for p in SOUND_DEVICES.iterdir())
    except OSError:
        return False


@contextlib.contextmanager
def _quiet_stderr():
    """Send what C libraries write to the process's stderr (file descriptor 2) to nowhere, for a moment."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        sys.stderr.flush()
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


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
        if not pygame.mixer.get_init() and not audio_device_available():
            return
        try:
            if not pygame.mixer.get_init():
                with _quiet_stderr():
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
