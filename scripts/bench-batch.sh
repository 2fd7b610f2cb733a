#!/usr/bin/env bash
# Batch throughput: `vanthu render` of 1,000 drafts with --out-dir (budget ≥ 1,000 documents/s).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000}
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" "$N" <<'PY'
import json, sys, pathlib
work, n = pathlib.Path(sys.argv[1]), int(sys.argv[2])
ex = pathlib.Path("samples")
srcs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(ex.glob("*.json"))]
(work / "in").mkdir()
for i in range(n):
    d = dict(srcs[i % len(srcs)])
    d["number"] = i + 1
    (work / "in" / f"draft-{i:04d}.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
PY
start=$(date +%s.%N)
./target/release/vanthu render "$work"/in/*.json --out-dir "$work/out" 2>/dev/null
end=$(date +%s.%N)
count=$(ls "$work/out" | wc -l)
python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); n=int(sys.argv[3]); print(f'batch render: {n} drafts in {s:.3f} s = {n/s:.0f} documents/s (budget >= 1000)')" "$start" "$end" "$count"
[ "$count" -eq "$N" ]
