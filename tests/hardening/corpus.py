"""Invented reports and hostile inputs, generated at test time (nothing big is stored in the repository)."""

from __future__ import annotations

import json
from pathlib import Path

PLACES = ["Aleppo", "Mosul", "Kherson", "Goma", "Mandalay", "Kandahar", "Tripoli", "Marib"]


def report(i: int, variant: int = 0) -> str:
    """One short invented report; ``variant`` > 0 is a lightly edited reprint of report ``i``."""
    place = PLACES[i % len(PLACES)]
    text = (
        f"Security forces arrested {i % 17 + 2} people in {place} on Monday after a protest over fuel prices, "
        f"officials said in bulletin {i}. The governor ordered the central market closed for {i % 5 + 1} days "
        f"while police questioned witnesses about damage to {i % 7 + 3} shops near the bus depot."
    )
    if variant:
        text += f" Residents said the streets near the depot were quiet again by evening, {variant + 1} hours later."
    return text


def write_reports(folder: Path, n: int, name: str = "reports.jsonl", copies: bool = False) -> Path:
    """``n`` JSONL records; with ``copies`` every other record is a near-duplicate reprint of the one before."""
    lines = []
    for k in range(n):
        i, variant = (k // 2, 1 + k % 2) if copies else (k, 0)
        if copies and k % 2 == 0:
            variant = 0
        lines.append(
            json.dumps(
                {
                    "text": report(i, variant),
                    "title": f"Arrests in {PLACES[i % len(PLACES)]} ({k})",
                    "published": f"2022-05-{10 + k % 9:02d}",
                    "publisher": f"Outlet {k % 3}",
                }
            )
        )
    path = folder / name
    path.write_text("\n".join(lines) + "\n")
    return path


def write_texts(folder: Path, n: int) -> list[Path]:
    """``n`` plain-text reports, one file each."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = folder / f"report-{i:03d}.txt"
        p.write_text(report(i) + "\n")
        paths.append(p)
    return paths
