#!/usr/bin/env bash
# Peak memory of `supportplan batch` against the number of documents: renders the peer template
# (benches/fixtures) once per line for N = 100, 1,000 and 10,000 lines and prints the peak RSS
# (GNU time's %M) and the wall time of each run. Constant memory means the same peak for every N.
#
#     bash benches/batch_memory.sh            # needs GNU time (/usr/bin/time, Debian package "time")
#     NS="100 1000" bash benches/batch_memory.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/supportplan
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import json, sys
d = json.load(open("benches/fixtures/peer_data.json"))
open(sys.argv[1] + "/line.json", "w").write(json.dumps(d, ensure_ascii=False) + "\n")
PY
printf '| documents | peak RSS (MiB) | wall (s) | documents/s |\n|---:|---:|---:|---:|\n'
for n in ${NS:-100 1000 10000}; do
  for _ in $(seq "$n"); do cat "$work/line.json"; done > "$work/data.jsonl"
  rm -rf "$work/out"
  /usr/bin/time -f '%M %e' -o "$work/time" "$bin" batch --template benches/fixtures/peer_clean.docx \
    "$work/data.jsonl" --out-dir "$work/out" 2>/dev/null
  read -r kb secs < "$work/time"
  count=$(find "$work/out" -name '*.docx' | wc -l)
  [ "$count" -eq "$n" ] || { echo "expected $n documents, found $count" >&2; exit 1; }
  awk -v n="$n" -v kb="$kb" -v s="$secs" 'BEGIN { printf "| %d | %.1f | %.2f | %.0f |\n", n, kb/1024, s, n/s }'
done
