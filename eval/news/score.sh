#!/usr/bin/env bash
# Score the contract on the real-news corpus, its tuning and test parts apart:
#   eval/news/score.sh [tune|test|all|tuneA|tuneB]...      (default: tune test)
# tuneA and tuneB halve the tuning part by a hash of the document id: read errors of tuneA only while
# developing a change, and count it as general only if tuneB moves too (the test part stays unread).
# Each part is laid out as ../shared/eval's scorer expects (ROOT/news/gold.jsonl + texts/) in a
# temp folder, and scored with ../shared/eval/run.sh; the work folders are printed for reading
# errors (the tuning part's only: the test part is scored, never read).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shared=${SHARED:-$here/../../../shared}
parts=${*:-tune test}
for part in $parts; do
  root=$(mktemp -d)
  mkdir -p "$root/news"
  ln -s "$here/texts" "$root/news/texts"
  python3 - "$here/gold.jsonl" "$root/news/gold.jsonl" "$part" <<'PY'
import hashlib, json, sys
src, dst, part = sys.argv[1:]


def keep(doc: dict) -> bool:
    if part == "all":
        return True
    if part in ("tuneA", "tuneB"):
        half = "tuneA" if hashlib.sha256(doc["id"].encode()).digest()[0] % 2 == 0 else "tuneB"
        return doc["split"] == "tune" and half == part
    return doc["split"] == part


with open(dst, "w", encoding="utf-8") as out:
    for line in open(src, encoding="utf-8"):
        if line.strip() and keep(json.loads(line)):
            out.write(line)
PY
  missing=$(python3 -c "import json,sys,os; print(sum(1 for l in open(sys.argv[1]) if l.strip() and not os.path.exists(os.path.join(sys.argv[2], json.loads(l)['id'] + '.txt'))))" "$root/news/gold.jsonl" "$here/texts")
  [ "$missing" = 0 ] || echo "$part: $missing texts missing (re-pull them: eval/news/README.md)" >&2
  echo -n "$part: "
  SETS=news bash "$shared/eval/run.sh" "$root" "$root/work" | sed -n '1p'
  echo "  work dir: $root/work"
done
