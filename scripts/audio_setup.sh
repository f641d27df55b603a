#!/usr/bin/env bash
# Audio for voice calls on Debian/Ubuntu, and a virtual sound card for tests and CI.
#
#   scripts/audio_setup.sh install   apt packages: espeak-ng (pyttsx3's system voice),
#                                    PortAudio headers (to build PyAudio), PulseAudio
#   scripts/audio_setup.sh start     start a private PulseAudio server with a virtual
#                                    speaker and microphone (works as root, no sound card)
#   scripts/audio_setup.sh stop      stop that server
#   scripts/audio_setup.sh env       print the export line that points programs at it
#   scripts/audio_setup.sh           install + start (what CI runs)
#
# The virtual devices: sink `callsim_speaker` (default output; its .monitor hears what
# the app plays), sink `callsim_mic_feed` (play a WAV into it with
#   paplay --device=callsim_mic_feed file.wav) and source `callsim_mic` (default input),
# a virtual source over callsim_mic_feed's monitor: what is played into the feed is
# what the app's microphone hears. Programs find the server through PULSE_SERVER.
set -euo pipefail

DIR=${CALLSIM_PULSE_DIR:-/tmp/callsim-pulse}
SOCKET="$DIR/native"
export PULSE_RUNTIME_PATH="$DIR" PULSE_SERVER="unix:$SOCKET"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

install() {
  local need=()
  command -v pulseaudio >/dev/null || need+=(pulseaudio)
  command -v pactl >/dev/null || need+=(pulseaudio-utils)
  command -v espeak-ng >/dev/null || need+=(espeak-ng)
  [ -e /usr/include/portaudio.h ] || need+=(portaudio19-dev)
  ldconfig -p 2>/dev/null | grep -q libespeak-ng.so || need+=(libespeak-ng1)
  [ -e /usr/lib/x86_64-linux-gnu/alsa-lib/libasound_module_pcm_pulse.so ] ||
    ls /usr/lib/*/alsa-lib/libasound_module_pcm_pulse.so >/dev/null 2>&1 || need+=(libasound2-plugins)
  if [ ${#need[@]} -eq 0 ]; then
    echo "audio packages already installed"
    return
  fi
  echo "installing: ${need[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends \
    "${need[@]}" >/dev/null
}

running() { pactl info >/dev/null 2>&1; }

start() {
  mkdir -p "$DIR"
  if running; then
    echo "virtual audio already running: PULSE_SERVER=$PULSE_SERVER"
    return
  fi
  # -n: no default.pa (it probes for sound cards); as root PulseAudio warns but runs
  pulseaudio --daemonize=yes -n --exit-idle-time=-1 --disallow-exit --use-pid-file=yes \
    --log-target="file:$DIR/pulse.log" \
    --load="module-native-protocol-unix auth-anonymous=1 socket=$SOCKET" \
    --load="module-null-sink sink_name=callsim_speaker rate=48000" \
    --load="module-null-sink sink_name=callsim_mic_feed rate=48000" \
    --load="module-virtual-source source_name=callsim_mic master=callsim_mic_feed.monitor" \
    2>>"$DIR/pulse.log" || true
  for _ in $(seq 1 50); do running && break; sleep 0.1; done
  if ! running; then
    echo "PulseAudio did not start; log:" >&2
    tail -20 "$DIR/pulse.log" >&2 || true
    exit 1
  fi
  pactl set-default-sink callsim_speaker
  pactl set-default-source callsim_mic
  echo "virtual audio running: PULSE_SERVER=$PULSE_SERVER"
}

stop() {
  if running; then
    pulseaudio --kill 2>/dev/null || pkill -F "$DIR/pid" 2>/dev/null || true
  fi
}

case "${1:-all}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  env) echo "export PULSE_SERVER=$PULSE_SERVER" ;;
  all) install; start ;;
  *) echo "usage: $0 [install|start|stop|env]" >&2; exit 2 ;;
esac
