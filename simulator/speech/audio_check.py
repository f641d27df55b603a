"""Read a recording from a file and judge whether it can be scored, saying why not.

The phone test scores files that come from anywhere (a candidate's phone, another
recorder, a corpus), so reading is forgiving where converting is sound and explicit
where it is not:

- converted, with a note: another sample rate (resampled to 16 kHz), several
  channels (averaged to mono), 8/24/32-bit integer or 32/64-bit float WAV, a
  WAVE_FORMAT_EXTENSIBLE header, a data chunk whose stated size overruns the file;
- refused with a clear message (`AudioProblem`): a missing or unreadable file, not a
  WAV, a compressed WAV (A-law, ADPCM...), an empty or too-short recording, silence;
- scored but flagged: clipping (samples at full scale) — the words are still there,
  but the scorecard says the level was too high.

A refused recording is never scored as 0: the caller reports the message instead.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

from simulator.speech import audio as au
from simulator.speech import measure
from simulator.speech.types import Audio

TARGET_RATE = 16_000
MIN_SECONDS = 0.3          # shorter than this cannot hold a word
MIN_SPEECH_S = 0.15        # detected speech shorter than this is a click or a breath
CLIP_WARN_RATIO = 0.001    # 0.1 % of samples at full scale is audible distortion
_PCM, _FLOAT, _EXTENSIBLE = 1, 3, 0xFFFE


class AudioProblem(ValueError):
    """A recording that cannot be scored; the message says what is wrong and what to do."""


@dataclass
class Checked:
    """Audio ready to score (16 kHz mono float32) and notes on what was done to it."""

    audio: Audio
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    measures: dict[str, float] = field(default_factory=dict)


def _chunks(data: bytes) -> dict[bytes, bytes]:
    out: dict[bytes, bytes] = {}
    pos = 12
    while pos + 8 <= len(data):
        cid, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        body = data[pos + 8:pos + 8 + size]  # an overrunning size keeps what is there
        out.setdefault(cid, body)
        pos += 8 + size + (size & 1)
    return out


def read_any_wav(path: Path | str) -> tuple[Audio, list[str]]:
    """Any uncompressed WAV as mono float32 at its own rate, and notes on conversions."""
    n = au.np()
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise AudioProblem(f"{path}: no such file") from exc
    except OSError as exc:
        raise AudioProblem(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if not data:
        raise AudioProblem(f"{path}: the file is empty (0 bytes)")
    if len(data) < 12 or data[:4] not in (b"RIFF", b"RF64") or data[8:12] != b"WAVE":
        raise AudioProblem(f"{path}: not a WAV file (record or convert to WAV, 16 kHz mono)")
    chunks = _chunks(data)
    fmt = chunks.get(b"fmt ")
    if fmt is None or len(fmt) < 16:
        raise AudioProblem(f"{path}: broken WAV header (no format chunk)")
    tag, channels, rate, _, _, bits = struct.unpack("<HHIIHH", fmt[:16])
    if tag == _EXTENSIBLE and len(fmt) >= 26:
        tag = struct.unpack("<H", fmt[24:26])[0]
    if b"data" not in chunks:
        raise AudioProblem(f"{path}: the WAV has no audio data")
    if channels < 1 or rate < 1000:
        raise AudioProblem(f"{path}: broken WAV header ({channels} channels at {rate} Hz)")
    raw = chunks[b"data"]
    width = bits // 8
    if tag == _PCM and bits in (8, 16, 24, 32):
        usable = len(raw) - len(raw) % (width * channels)
        raw = raw[:usable]
        if bits == 8:
            x = (n.frombuffer(raw, dtype=n.uint8).astype(n.float32) - 128.0) / 128.0
        elif bits == 16:
            x = n.frombuffer(raw, dtype="<i2").astype(n.float32) / 32768.0
        elif bits == 24:
            b = n.frombuffer(raw, dtype=n.uint8).reshape(-1, 3).astype(n.int32)
            v = b[:, 0] | (b[:, 1] << 8) | (b[:, 2] << 16)
            v = n.where(v >= 1 << 23, v - (1 << 24), v)
            x = v.astype(n.float32) / float(1 << 23)
        else:
            x = (n.frombuffer(raw, dtype="<i4").astype(n.float64) / 2147483648.0).astype(n.float32)
    elif tag == _FLOAT and bits in (32, 64):
        usable = len(raw) - len(raw) % (width * channels)
        x = n.frombuffer(raw[:usable], dtype="<f4" if bits == 32 else "<f8").astype(n.float32)
        x = n.nan_to_num(n.clip(x, -1.0, 1.0))
    else:
        raise AudioProblem(
            f"{path}: unsupported WAV encoding (format {tag}, {bits}-bit); "
            "save it as uncompressed PCM WAV")
    notes: list[str] = []
    if channels > 1:
        x = x.reshape(-1, channels).mean(axis=1)
        notes.append(f"{channels} channels mixed down to mono")
    if bits != 16 or tag != _PCM:
        notes.append(f"{bits}-bit {'float' if tag == _FLOAT else 'integer'} samples read")
    return Audio(x.astype(n.float32), int(rate)), notes


def check(audio: Audio, *, source: str = "recording") -> Checked:
    """16 kHz mono audio that holds speech, or AudioProblem saying why it cannot be scored."""
    notes: list[str] = []
    if audio.rate != TARGET_RATE and len(audio.samples):
        notes.append(f"resampled from {audio.rate} Hz to {TARGET_RATE} Hz")
        audio = au.resample(audio, TARGET_RATE)
    if len(audio.samples) == 0:
        raise AudioProblem(f"{source}: no audio in the recording (0 samples)")
    if audio.seconds < MIN_SECONDS:
        raise AudioProblem(f"{source}: too short ({audio.seconds:.2f} s); record at least a few words")
    m = measure.measure(audio)
    if m.get("peak_db", -120.0) < measure.SILENT_PEAK_DB:
        raise AudioProblem(f"{source}: silent (loudest sound {m.get('peak_db', -120.0):.0f} dBFS); "
                           "check the microphone is on and not muted")
    if m.get("speech_s", 0.0) < MIN_SPEECH_S:
        raise AudioProblem(f"{source}: no speech found (only steady sound or noise)")
    warnings: list[str] = []
    clipped = float(m.get("clipped_ratio", 0.0))
    if clipped >= CLIP_WARN_RATIO:
        warnings.append(f"clipped: {clipped:.1%} of samples at full scale; the recording level "
                        "is too high, so clarity may be under-rated")
    return Checked(audio, notes, warnings, m)


def load(path: Path | str) -> Checked:
    """Read and check a WAV file: the one call the phone test and the manifest scorer use."""
    audio, notes = read_any_wav(path)
    checked = check(audio, source=str(path))
    checked.notes[:0] = notes
    return checked
