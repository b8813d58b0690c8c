#!/usr/bin/env bash
# Regenerates Sentral's system prompts (8 kHz mono 16-bit WAV) with espeak-ng and sox:
#   media/src/main/resources/prompts/<language>/<name>.wav
# Needs: apt-get install -y espeak-ng sox. Replace any file with a studio recording of the same name.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$here/media/src/main/resources/prompts"
say() { # language voice name text
  local dir="$out/$1"; mkdir -p "$dir"
  espeak-ng -v "$2" -s 150 -w "$dir/$3.raw.wav" "$4"
  sox "$dir/$3.raw.wav" -r 8000 -c 1 -b 16 "$dir/$3.wav" norm -3 pad 0.2 0.3
  rm "$dir/$3.raw.wav"
}
say en en-gb cannot-take-call "Unfortunately we cannot take your call right now. Please try again later. Goodbye."
say en en-gb no-voicemail "We cannot take your call right now, and no message can be left. Please try again later. Goodbye."
say da da cannot-take-call "Vi kan desværre ikke tage dit opkald lige nu. Prøv venligst igen senere. Farvel."
say da da no-voicemail "Vi kan ikke tage dit opkald lige nu, og der kan ikke lægges en besked. Prøv venligst igen senere. Farvel."
ls -l "$out"/*/
