#!/usr/bin/env bash
# supportplan against docxtpl, docxtemplater and docx-templates, with the peer kit in
# shared/peers (its README gives the runner protocol), and against the floor (unzip + re-zip).
#
#     bash benches/peers.sh                  # N=200 documents per process, 3 interleaved reps
#     N=20 REPS=1 bash benches/peers.sh      # a quick smoke run
#
# Copies the kit to target/peers-kit (it installs a Python venv and npm packages there), builds
# examples/peer_runner in release mode, runs the kit's run.sh with SUPPORTPLAN_RUNNER set (the
# kit verifies every output with python-docx), then times our runner, its --floor mode and the
# runner built with the system allocator (--no-default-features) interleaved, and prints the
# medians and ratios. Raw numbers: target/peers-kit/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
kit_src=${PEERS_KIT:-$root/../shared/peers}
kit=${CARGO_TARGET_DIR:-$root/target}/peers-kit
N=${N:-200}
REPS=${REPS:-3}

target=${CARGO_TARGET_DIR:-$root/target}
cargo build --release --quiet --example peer_runner
runner=$target/release/examples/peer_runner
# The same runner with the system allocator instead of mimalloc (the command's default).
CARGO_TARGET_DIR=$target/system-alloc cargo build --release --quiet --example peer_runner --no-default-features
runner_sys=$target/system-alloc/release/examples/peer_runner
mkdir -p "$kit"
# Refresh the kit's own files, keep its installed .venv and node_modules.
(cd "$kit_src" && tar cf - --exclude=.venv --exclude=node_modules --exclude=out .) | (cd "$kit" && tar xf -)
chmod -R u+w "$kit"

(cd "$kit" && SUPPORTPLAN_RUNNER="$runner" N="$N" REPS="$REPS" bash run.sh)

echo "== supportplan against the floor (unzip + re-zip) and with the system allocator, $REPS interleaved reps"
: > "$kit/out/floor.jsonl"
for _ in $(seq "$REPS"); do
  for cmd in "$runner" "$runner --floor" "$runner_sys"; do
    (cd "$kit" && $cmd --template templates/supportplan_clean.docx --data data.json --n "$N") \
      >> "$kit/out/floor.jsonl"
  done
done

python3 - "$kit/out/results.json" "$kit/out/floor.jsonl" <<'PY'
import json, statistics, sys
raw = json.load(open(sys.argv[1]))
runs = raw["runs"] if isinstance(raw, dict) and "runs" in raw else raw
p50 = {}
def walk(x):
    if isinstance(x, dict):
        eng, tpl = x.get("engine") or x.get("label"), x.get("template")
        warm = x.get("warm") if isinstance(x.get("warm"), dict) else x
        if eng and tpl and isinstance(warm.get("p50_ms"), (int, float)):
            p50.setdefault((eng, tpl), []).append(warm["p50_ms"])
        for v in x.values():
            walk(v)
    elif isinstance(x, list):
        for v in x:
            walk(v)
walk(runs)
med = {k: statistics.median(v) for k, v in p50.items()}
floor = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
ours_f = statistics.median(r["p50_ms"] for r in floor
                           if r["engine"] == "supportplan" and r.get("allocator") != "system")
sys_f = statistics.median(r["p50_ms"] for r in floor
                          if r["engine"] == "supportplan" and r.get("allocator") == "system")
floor_f = statistics.median(r["p50_ms"] for r in floor if r["engine"] != "supportplan")
print("\n| template | supportplan p50 ms | docxtemplater p50 ms | ratio | docxtpl p50 ms | ratio |")
print("|---|---:|---:|---:|---:|---:|")
for t in ("clean", "split"):
    ours = med.get(("supportplan", t))
    dt = med.get(("docxtemplater", t))
    dp = med.get(("docxtpl", t))
    if ours and dt and dp:
        print(f"| {t} | {ours:.3f} | {dt:.1f} | {dt/ours:.0f}x | {dp:.1f} | {dp/ours:.0f}x |")
print(f"\nfloor (unzip + re-zip at the engine's level): p50 {floor_f:.3f} ms; supportplan {ours_f:.3f} ms "
      f"= {ours_f/floor_f:.2f}x the floor")
dt = med.get(("docxtemplater", "clean"))
print(f"system allocator (clean): supportplan p50 {sys_f:.3f} ms (mimalloc {ours_f:.3f} ms)"
      + (f"; docxtemplater / it = {dt/sys_f:.0f}x" if dt else ""))
PY
