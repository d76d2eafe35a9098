#!/usr/bin/env python3
"""Copy the browser assets listed in frontend/vendor.json from frontend/node_modules into the
app's static folder, so that the app serves them itself (a government intranet has no CDN).

Run by `make setup` after `npm ci`; idempotent (copies only what changed).
"""

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ROOT / "frontend" / "node_modules"
TARGET = ROOT / "innocity" / "platform" / "static" / "vendor"


def main() -> int:
    listing = json.loads((ROOT / "frontend" / "vendor.json").read_text(encoding="utf-8"))["files"]
    missing = [src for src in listing.values() if not (MODULES / src).is_file()]
    if missing:
        print("vendor_assets: missing in frontend/node_modules (run npm ci):", *missing, sep="\n  ")
        return 1
    for dest, src in listing.items():
        source, target = MODULES / src, TARGET / dest
        if target.is_file() and target.read_bytes() == source.read_bytes():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
