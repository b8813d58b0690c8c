#!/usr/bin/env bash
# Regenerates the MP3 test fixture: 2 s of a 440 Hz tone, 22.05 kHz mono, 32 kbit/s (needs python3 and lame).
set -euo pipefail
cd "$(dirname "$0")"
python3 - <<'PY'
import math, struct, wave
rate = 22050
with wave.open("tone440.wav", "wb") as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(rate)
    w.writeframes(b"".join(struct.pack("<h", int(12000 * math.sin(2 * math.pi * 440 * i / rate))) for i in range(rate * 2)))
PY
lame --quiet -b 32 tone440.wav tone440.mp3
rm tone440.wav
