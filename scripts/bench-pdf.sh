#!/usr/bin/env bash
# PDF batch throughput, native against LibreOffice, side by side in one run:
#   native `vanthu render --format pdf --out-dir` of N drafts (budget >= 200 PDFs/s, whole process),
#   then the same first M drafts through both engines (budget: native >= 50x LibreOffice's batch,
#   which converts all M DOCX files with one soffice process).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000}
M=${M:-200}
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" "$N" "$M" <<'PY'
import json, sys, pathlib
work, n, m = pathlib.Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
srcs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(pathlib.Path("samples").glob("*.json"))]
(work / "in").mkdir()
(work / "same").mkdir()
for i in range(n):
    d = dict(srcs[i % len(srcs)])
    d["number"] = i + 1
    text = json.dumps(d, ensure_ascii=False)
    (work / "in" / f"draft-{i:04d}.json").write_text(text, encoding="utf-8")
    if i < m:
        (work / "same" / f"draft-{i:04d}.json").write_text(text, encoding="utf-8")
PY
bin=./target/release/vanthu
now() { date +%s.%N; }
rate() { python3 -c "import sys; n=int(sys.argv[1]); s=float(sys.argv[3])-float(sys.argv[2]); print(f'{n/s:.1f}')" "$@"; }

t0=$(now); $bin render "$work"/in/*.json --format pdf --out-dir "$work/native" 2>"$work/native.log"; t1=$(now)
count=$(ls "$work/native" | wc -l)
native_rate=$(rate "$count" "$t0" "$t1")
echo "native PDF batch: $count drafts, $native_rate PDFs/s ($(tail -1 "$work/native.log" | sed 's/.*(font: \(.*\))/font: \1/')) (budget >= 200)"

t0=$(now); $bin render "$work"/same/*.json --format pdf --out-dir "$work/same-native" 2>/dev/null; t1=$(now)
same_native=$(rate "$M" "$t0" "$t1")
if command -v soffice >/dev/null; then
  t0=$(now); $bin render "$work"/same/*.json --format pdf --pdf-engine libreoffice --out-dir "$work/same-lo" 2>/dev/null; t1=$(now)
  lo_count=$(ls "$work/same-lo" | wc -l)
  lo_rate=$(rate "$lo_count" "$t0" "$t1")
  ratio=$(python3 -c "import sys; print(f'{float(sys.argv[1])/float(sys.argv[2]):.0f}')" "$same_native" "$lo_rate")
  echo "same $M drafts: native $same_native PDFs/s, LibreOffice batch $lo_rate PDFs/s: native is ${ratio}x (budget >= 50x)"
  [ "$lo_count" -eq "$M" ]
else
  echo "same $M drafts: native $same_native PDFs/s; LibreOffice not installed, no comparison"
fi
[ "$count" -eq "$N" ]
