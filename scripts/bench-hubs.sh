#!/usr/bin/env bash
# Side-by-side fan-out figures: ppt-hub (and optionally an older ppt-hub build, and a Node hub
# that speaks the same protocol subset) driven by the project's loadgen, runs alternating
# between servers, a fresh database and port each run. Prints one TSV line per run and, at the
# end, the median and range per server and load.
#
# usage: scripts/bench-hubs.sh OUT_DIR REPS LOAD...
#   LOAD: ROOMSxPARTICIPANTS@INTERVAL_MS (e.g. 500x20@200), or sat:ROOMSxPARTICIPANTS@START_MS
#         for saturation mode (the highest rate held with p99 <= 100 ms)
# environment:
#   HUB_BIN   dir with release ppt-hub and loadgen (default target/release)
#   BASE_BIN  dir with an older ppt-hub to compare with (optional; "ppt-hub-base" in the output)
#   NODE_HUB  dir with the Node hub's hub.js and its node_modules (optional; "node-hub")
#
# Build first: cargo build --release -p server -p e2e
set -euo pipefail
out=${1:?OUT_DIR}; reps=${2:?REPS}; shift 2
loads=("$@"); [ ${#loads[@]} -gt 0 ] || loads=(100x20@200 500x20@200)
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "${HUB_BIN:-$root/target/release}" && pwd)
mkdir -p "$out"; out=$(cd "$out" && pwd)
token=bench-token-0123456789abcdef-0123456789abcdef
servers=(ppt-hub)
[ -n "${BASE_BIN:-}" ] && servers+=(ppt-hub-base)
[ -n "${NODE_HUB:-}" ] && servers+=(node-hub)

cpu() { awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); print ($12 + $13) / hz }' "/proc/$1/stat"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
field() { sed -n "s/.*$1\([0-9.]*\).*/\1/p" "$2" | head -1; }

tsv="$out/runs.tsv"
[ -f "$tsv" ] || printf 'server\tload\trep\tresult\tp50_ms\tp99_ms\tframes_s\tcpu_us_frame\tcpu_action_s\tkib_idle_conn\tpeak_rss_mb\tsat_frames_s\n' > "$tsv"
for load in "${loads[@]}"; do
  sat=; spec=$load
  case $load in sat:*) sat=1; spec=${load#sat:} ;; esac
  shape=${spec%@*}; interval=${spec#*@}; rooms=${shape%x*}; parts=${shape#*x}
  for rep in $(seq 1 "$reps"); do
    for server in "${servers[@]}"; do
      dir=$(mktemp -d); port=$(free_port); tag="$server-${load//[:@]/_}-$rep"
      case $server in
        ppt-hub|ppt-hub-base)
          b=$bin; [ "$server" = ppt-hub-base ] && b=$(cd "$BASE_BIN" && pwd)
          PPT_LOG=warn "$b/ppt-hub" serve --addr "127.0.0.1:$port" --db "$dir/hub.db" \
            --coordinator-token "$token" --static-dir "$dir/no-ui" > "$dir/server.log" 2>&1 & ;;
        node-hub)
          node "$NODE_HUB/hub.js" --addr "127.0.0.1:$port" --db "$dir/hub.db" \
            --coordinator-token "$token" > "$dir/server.log" 2>&1 & ;;
      esac
      pid=$!
      for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/api/health" > /dev/null && break; sleep 0.2; done
      sleep 1
      args=(--url "http://127.0.0.1:$port" --token "$token" --server-pid "$pid"
            --rooms "$rooms" --participants "$parts" --interval-ms "$interval")
      if [ -n "$sat" ]; then args+=(--saturate); else args+=(--actions 30); fi
      "$bin/loadgen" "${args[@]}" > "$out/$tag.txt" 2> "$out/$tag.err" || true
      kill "$pid"; wait "$pid" 2> /dev/null || true
      cp "$dir/server.log" "$out/$tag.server.log"; rm -rf "$dir"
      f="$out/$tag.txt"
      if [ -n "$sat" ]; then
        result=$(grep -q '^saturation_highest_held_frames_per_s: [0-9]' "$f" && echo ok || echo FAILED)
        printf '%s\t%s\t%s\t%s\t\t\t\t\t\t\t\t%s\n' "$server" "$load" "$rep" "$result" \
          "$(field 'saturation_highest_held_frames_per_s: ' "$f")" | tee -a "$tsv"
      else
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n' "$server" "$load" "$rep" \
          "$(sed -n 's/^result: //p' "$f")" "$(field 'p50=' "$f")" "$(field ' p99=' "$f")" \
          "$(field 'messages_per_s: ' "$f")" \
          "$(field 'server_cpu_us_per_delivered_frame_action_phase: ' "$f")" \
          "$(field 'server_cpu_s_in_action_phase: ' "$f")" \
          "$(field 'per_idle_connection_kib: ' "$f")" "$(field 'server_rss_peak_mb: ' "$f")" | tee -a "$tsv"
      fi
      sleep 3
    done
  done
done

# Median and range per server and load, of every numeric column.
python3 - "$tsv" <<'EOF'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter='\t'))
cols = ['p50_ms', 'p99_ms', 'frames_s', 'cpu_us_frame', 'cpu_action_s', 'kib_idle_conn', 'peak_rss_mb', 'sat_frames_s']
groups = {}
for r in rows:
    groups.setdefault((r['load'], r['server']), []).append(r)
print('\nload\tserver\truns\tok\t' + '\t'.join(cols) + '   (median [min–max])')
for (load, server), rs in sorted(groups.items()):
    cells = []
    for c in cols:
        v = [float(r[c]) for r in rs if r.get(c) not in (None, '')]
        cells.append(f'{statistics.median(v):g} [{min(v):g}–{max(v):g}]' if v else '')
    ok = sum(r['result'] == 'ok' for r in rs)
    print(f'{load}\t{server}\t{len(rs)}\t{ok}\t' + '\t'.join(cells))
EOF
