#!/usr/bin/env python3
"""Screen one candidate before annotating it:  python3 eval/news/screen.py URL TEXT_FILE

Says `held-out` (never use it), `duplicate of ID` (already in a batch), or `ok`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from build import EXCLUDED, norm_sha256, url_key

url, text_file = sys.argv[1], Path(sys.argv[2])
excluded = set(EXCLUDED.read_text().split())
text = text_file.read_text(encoding="utf-8")
if url_key(url) in excluded or norm_sha256(text) in excluded:
    print("held-out")
    sys.exit(1)
for batch in sorted((Path(__file__).parent / "work").glob("*.jsonl")):
    for raw in batch.read_text(encoding="utf-8").splitlines():
        if raw.strip():
            d = json.loads(raw)
            if url_key(d.get("url", "")) == url_key(url):
                print(f"duplicate of {d.get('id')}")
                sys.exit(1)
print("ok")
