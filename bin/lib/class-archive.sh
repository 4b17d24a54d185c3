# Class-data sharing for bin/torchatd: the classes a daemon loads at start, parsed and verified once, then mapped
# by every start (docs/PERFORMANCE.md: it is most of the start-up time). The archive is made by one short
# training run of the daemon, without Tor and without touching the user's data, whenever the jar is newer.
# Java 17 accepts such an archive only for the jar path it was trained with (an unpacked release archive elsewhere
# gets "shared class paths mismatch", silently): ARCHIVE.jar records that path, and a different one means training
# again. The release archive is trained when it is packaged (torchat-dist) and retrained by the first start wherever
# it was unpacked; an installation the user cannot write to (e.g. /opt under systemd's ProtectSystem) is never
# retrained: it starts without the archive's help (docs/PERFORMANCE.md, "Start-up from the release archive").
# Usage: ensure_class_archive JAR ARCHIVE JAVA_OPTION...
ensure_class_archive() {
  local jar=$1 archive=$2
  shift 2
  if [ -f "$archive" ] && [ "$archive" -nt "$jar" ] && [ "$(cat "$archive.jar" 2>/dev/null)" = "$jar" ]; then
    return 0
  fi
  if [ ! -w "$(dirname "$archive")" ]; then
    return 0
  fi
  local work attempt port pid
  work=$(mktemp -d "${TMPDIR:-/tmp}/torchatd-cds.XXXXXX")
  for attempt in 1 2 3; do
    port=$((20000 + RANDOM % 40000))
    "$JAVA" "$@" -XX:ArchiveClassesAtExit="$work/archive" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$jar" \
      --data-dir "$work/data" --ephemeral --socks 127.0.0.1:9 --peer-port $((port + 1)) \
      --ready-file "$work/ready" "$port" >>"$BUILD_LOG" 2>&1 </dev/null &
    pid=$!
    while [ ! -f "$work/ready" ] && kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    if [ -f "$work/ready" ]; then
      train_requests "$port" "$(sed -n 's/^onion=//p' "$work/ready")"
      if wait "$pid" && [ -s "$work/archive" ]; then
        echo "$jar" >"$archive.jar"
        mv -f "$work/archive" "$archive"
      fi
      break
    fi
    wait "$pid" || true # the port was taken: another one
  done
  rm -rf "$work"
}

# The requests a client makes, so that their classes are in the archive too; EXIT ends the run.
train_requests() {
  local port=$1 onion=$2 peer="${2%.onion}"
  local cmd
  for cmd in HOST GET_PEERS STATUS; do
    control_request "$port" "{\"cmd\":\"$cmd\",\"id\":\"localhost\",\"msg\":\"\",\"portno\":$port}"
  done
  control_request "$port" "{\"cmd\":\"UPDATE\",\"id\":\"localhost\",\"msg\":\"$peer\",\"portno\":$port}"
  control_request "$port" "{\"cmd\":\"HISTORY\",\"id\":\"$peer\",\"msg\":\"10\",\"portno\":$port}"
  control_request "$port" "{\"cmd\":\"SEND\",\"id\":\"$peer\",\"msg\":\"hello\",\"portno\":80}"
  control_request "$port" "not a frame"
  control_request "$port" "{\"cmd\":\"EXIT\",\"id\":\"localhost\",\"msg\":\"\",\"portno\":$port}"
}

# One request, one connection, as the seed's clients do (bash's /dev/tcp; payloads here are ASCII).
control_request() {
  local port=$1 payload=$2
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 0
  printf '%04d%s' "${#payload}" "$payload" >&3
  timeout 5 cat <&3 >/dev/null || true
  exec 3<&- 3>&-
}
