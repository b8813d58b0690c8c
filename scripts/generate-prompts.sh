#!/usr/bin/env bash
# Regenerates Sentral's system prompts (8 kHz mono 16-bit WAV) with espeak-ng and sox, and the default
# hold-music list (synthesized with sox, 8 kHz A-law). ONLY=positions regenerates just the announcement,
# estimated-wait and menu prompts; ONLY=features just the feature-code confirmations and the example
# configuration's menu prompt (config/sounds/):
#   media/src/main/resources/prompts/<language>/<name>.wav
#   media/src/main/resources/music/default/*.wav
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
features() {
  say en en-gb logged-in "You are now logged in, and you will receive calls. Goodbye."
  say en en-gb logged-out "You are now logged out. Goodbye."
  say da da logged-in "Du er nu logget ind og modtager opkald. Farvel."
  say da da logged-out "Du er nu logget ud. Farvel."
  # The example configuration's main menu (config/example.yaml, flow element main-menu)
  local dir="$here/config/sounds"; mkdir -p "$dir"
  espeak-ng -v en-gb -s 150 -w "$dir/main-menu.raw.wav" \
    "Welcome to Acme. For sales, press 1. For support, press 2. For our opening hours, press 3. To speak to reception, press 0, or stay on the line."
  sox "$dir/main-menu.raw.wav" -r 8000 -c 1 -b 16 "$dir/main-menu.wav" norm -3 pad 0.2 0.3
  rm "$dir/main-menu.raw.wav"
  espeak-ng -v en-gb -s 150 -w "$dir/opening-hours.raw.wav" \
    "We are open Monday to Thursday from eight to four, and Friday from eight to three."
  sox "$dir/opening-hours.raw.wav" -r 8000 -c 1 -b 16 "$dir/opening-hours.wav" norm -3 pad 0.2 0.3
  rm "$dir/opening-hours.raw.wav"
}
if [ "${ONLY:-}" = features ]; then features; exit 0; fi
if [ "${ONLY:-}" != positions ]; then
features
say en en-gb cannot-take-call "Unfortunately we cannot take your call right now. Please try again later. Goodbye."
say en en-gb no-voicemail "We cannot take your call right now, and no message can be left. Please try again later. Goodbye."
say da da cannot-take-call "Vi kan desværre ikke tage dit opkald lige nu. Prøv venligst igen senere. Farvel."
say da da no-voicemail "Vi kan ikke tage dit opkald lige nu, og der kan ikke lægges en besked. Prøv venligst igen senere. Farvel."
say en en-gb welcome "Welcome. Please hold the line, you will be connected shortly."
say da da welcome "Velkommen. Vent venligst, du bliver stillet om om lidt."
fi

# Queue-position announcements: "You are number" + N + "in the queue", 1 to 10, and "more than ten".
say en en-gb position-intro "You are number"
say en en-gb position-outro "in the queue."
say en en-gb position-more "There are more than ten callers ahead of you. Please hold the line."
i=1; for w in one two three four five six seven eight nine ten; do say en en-gb "position-$i" "$w"; i=$((i + 1)); done
say da da position-intro "Du er nummer"
say da da position-outro "i køen."
say da da position-more "Der er mere end ti opkald foran dig. Vent venligst."
i=1; for w in en to tre fire fem seks syv otte ni ti; do say da da "position-$i" "$w"; i=$((i + 1)); done

# The estimated wait (off by default): "The expected waiting time is" + "less than a minute" | "about N minutes".
say en en-gb wait-intro "The expected waiting time is"
say en en-gb wait-0 "less than a minute."
say en en-gb wait-1 "about one minute."
i=2; for w in two three four five six seven eight nine ten; do say en en-gb "wait-$i" "about $w minutes."; i=$((i + 1)); done
say en en-gb wait-more "more than ten minutes."
say da da wait-intro "Den forventede ventetid er"
say da da wait-0 "under et minut."
say da da wait-1 "cirka et minut."
i=2; for w in to tre fire fem seks syv otte ni ti; do say da da "wait-$i" "cirka $w minutter."; i=$((i + 1)); done
say da da wait-more "mere end ti minutter."

# Menu errors (for call-flow menus)
say en en-gb menu-invalid "Sorry, that is not a valid choice."
say en en-gb menu-timeout "We did not receive your choice."
say da da menu-invalid "Beklager, det er ikke et gyldigt valg."
say da da menu-timeout "Vi modtog ikke dit valg."

[ "${ONLY:-}" = positions ] && { ls "$out"/*/ | wc -l; exit 0; }
# The default hold-music list: three short synthesized pieces (no licences to worry about), 8 kHz A-law.
music="$here/media/src/main/resources/music/default"; mkdir -p "$music"
piece() { # name tempo(s per note) notes...
  local name=$1 beat=$2; shift 2
  local tmp; tmp="$(mktemp -d)"; local i=0 parts=()
  for round in 1 2 3 4; do
    for n in "$@"; do
      i=$((i + 1)); sox -n -r 8000 -c 1 "$tmp/$i.wav" synth "$beat" pluck "$n" fade 0 "$beat" 0.05 vol 0.6
      parts+=("$tmp/$i.wav")
    done
  done
  sox "${parts[@]}" -e a-law "$music/$name.wav" norm -6
  rm -r "$tmp"
}
piece 01-morning 0.30 C4 E4 G4 C5 G4 E4 A3 C4 E4 A4 E4 C4 F3 A3 C4 F4 C4 A3 G3 B3 D4 G4 D4 B3
piece 02-harbour 0.40 D4 F#4 A4 D5 A4 F#4 B3 D4 F#4 B4 F#4 D4 G3 B3 D4 G4 D4 B3 A3 C#4 E4 A4 E4 C#4
piece 03-evening 0.35 A3 C4 E4 A4 E4 C4 F3 A3 C4 F4 C4 A3 C3 E3 G3 C4 G3 E3 G3 B3 D4 G4 D4 B3
ls -l "$out"/*/ "$music"
