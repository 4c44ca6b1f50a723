#!/usr/bin/env bash
# Cost against the size of the document: the peer template filled with every repeated list
# (outcomes, provision, review rows, appendices) 1, 10 and 100 times as long. Prints, per
# document, the instructions counted by callgrind (repeatable on a noisy machine: the difference
# between runs of 4 and 2 documents, so start-up cancels out) and the p50 wall time of 50.
#
#     bash benches/scaling.sh        # needs valgrind (Debian package "valgrind")
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --example peer_runner
runner=${CARGO_TARGET_DIR:-target}/release/examples/peer_runner
template=benches/fixtures/peer_clean.docx
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import json, sys
d = json.load(open("benches/fixtures/peer_data.json"))
for k in (1, 10, 100):
    e = {key: (v * k if isinstance(v, list) and v and isinstance(v[0], dict) else v)
         for key, v in d.items()}
    json.dump(e, open(f"{sys.argv[1]}/data{k}.json", "w"))
PY
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$runner" --template "$template" \
    --data "$1" --n "$2" 2>&1 >/dev/null | awk '/refs:/ { gsub(",", "", $4); print $4 }'
}
printf '| rows | output bytes | instructions per document | p50 ms |\n|---:|---:|---:|---:|\n'
for k in 1 10 100; do
  data="$work/data$k.json"
  a=$(count "$data" 2); b=$(count "$data" 4)
  "$runner" --template "$template" --data "$data" --n 50 | python3 -c "
import json, sys
d = json.load(sys.stdin)
print('| %dx | %d | %.1f M | %.3f |' % ($k, d['out_bytes'], ($b - $a) / 2 / 1e6, d['p50_ms']))"
done
