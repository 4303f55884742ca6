#!/usr/bin/env python3
"""Check a hand-annotated test file (Tests/Fixtures/annotated/*.json) against its text.

Usage (from the repository root):

    python3 Scripts/check_annotation.py Tests/Fixtures/annotated/FILE.json [--lexicon DIR]

The text is looked up as <lexicon dir>/corpus/<file> (default lexicon dir:
Graphs/russia-1917) and read as UTF-8, unnormalised; offsets are Python str indices.

Errors (exit status 1):
  - missing top-level keys; text file not found;
  - a mention / source mention whose text[start:end] differs from "text";
  - a tie whose text[sentence_start:sentence_end] differs from "quote", whose cue is
    not in the quote, whose sign is not +1/-1, whose directed is not a bool, or whose
    month is neither null nor YYYY-MM;
  - an actor id that is neither in the lexicon nor in missing_from_lexicon;
  - a missing_from_lexicon id that is badly formed or already in the lexicon.
Warnings: overlapping mentions, a role:source actor among mentions (or a non-source
among source_mentions), a tie endpoint with no mention in its sentence, a tie outside
any sentence boundary it claims.
Prints counts: mentions per actor, distinct actors, ties by sign and type.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter

import yaml

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MONTH_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
KINDS = {"person", "party", "body", "event", "group"}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("annotation")
    ap.add_argument("--lexicon", default="Graphs/russia-1917", help="directory holding lexicon.yaml and corpus/")
    args = ap.parse_args()

    errors: list[str] = []
    warnings: list[str] = []

    with open(args.annotation, encoding="utf-8") as f:
        ann = json.load(f)
    for key in ("document", "file", "mentions", "ties", "missing_from_lexicon"):
        if key not in ann:
            errors.append(f"missing top-level key {key!r}")
    if errors:
        print("\n".join("ERROR: " + e for e in errors))
        return 1

    text_path = os.path.join(args.lexicon, "corpus", ann["file"])
    if not os.path.exists(text_path):
        print(f"ERROR: text not found: {text_path}")
        return 1
    with open(text_path, encoding="utf-8") as f:
        text = f.read()
    with open(os.path.join(args.lexicon, "lexicon.yaml"), encoding="utf-8") as f:
        lex = yaml.safe_load(f)
    actors = {a["id"]: a for a in lex["actors"]}

    missing = {}
    for m in ann["missing_from_lexicon"]:
        mid = m.get("id")
        if not isinstance(mid, str) or not ID_RE.match(mid):
            errors.append(f"missing_from_lexicon: bad id {mid!r}")
            continue
        if mid in actors:
            errors.append(f"missing_from_lexicon: {mid!r} is already in the lexicon")
        if m.get("kind") not in KINDS:
            errors.append(f"missing_from_lexicon: {mid!r} has bad kind {m.get('kind')!r}")
        missing[mid] = m
    known = set(actors) | set(missing)

    def check_span(where: str, item: dict, s_key: str, e_key: str, t_key: str) -> bool:
        s, e, t = item.get(s_key), item.get(e_key), item.get(t_key)
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
            errors.append(f"{where}: bad offsets {s!r}..{e!r}")
            return False
        if text[s:e] != t:
            errors.append(f"{where}: text[{s}:{e}] = {text[s:e]!r} != {t!r}")
            return False
        return True

    mention_lists = {"mentions": ann["mentions"], "source_mentions": ann.get("source_mentions", [])}
    for name, items in mention_lists.items():
        for i, m in enumerate(items):
            where = f"{name}[{i}] {m.get('actor')!r} {m.get('text')!r}"
            check_span(where, m, "start", "end", "text")
            a = m.get("actor")
            if a not in known:
                errors.append(f"{where}: unknown actor id")
            elif a in actors:
                is_source = actors[a].get("role") == "source"
                if name == "mentions" and is_source:
                    warnings.append(f"{where}: role:source actor among mentions")
                if name == "source_mentions" and not is_source:
                    warnings.append(f"{where}: actor is not role:source")
        spans = sorted((m["start"], m["end"], m.get("text")) for m in items
                       if isinstance(m.get("start"), int) and isinstance(m.get("end"), int))
        for (s1, e1, t1), (s2, e2, t2) in zip(spans, spans[1:]):
            if s2 < e1:
                warnings.append(f"{name}: overlapping {t1!r}@{s1} and {t2!r}@{s2}")

    for i, t in enumerate(ann["ties"]):
        where = f"ties[{i}] {t.get('source')}->{t.get('target')}"
        ok = check_span(where, t, "sentence_start", "sentence_end", "quote")
        for k in ("source", "target"):
            if t.get(k) not in known:
                errors.append(f"{where}: unknown {k} id {t.get(k)!r}")
        if t.get("source") == t.get("target"):
            errors.append(f"{where}: self-tie")
        if t.get("sign") not in (1, -1):
            errors.append(f"{where}: sign must be 1 or -1, not {t.get('sign')!r}")
        if not isinstance(t.get("directed"), bool):
            errors.append(f"{where}: directed must be true/false")
        if not t.get("type"):
            errors.append(f"{where}: empty type")
        mo = t.get("month")
        if mo is not None and not (isinstance(mo, str) and MONTH_RE.match(mo)):
            errors.append(f"{where}: month must be null or YYYY-MM, not {mo!r}")
        cue = t.get("cue")
        if not cue or (ok and cue not in t["quote"]):
            errors.append(f"{where}: cue {cue!r} not in quote")
        if ok:
            s, e = t["sentence_start"], t["sentence_end"]
            for k in ("source", "target"):
                if not any(m.get("actor") == t.get(k) and s <= m.get("start", -1) < e for m in ann["mentions"]):
                    warnings.append(f"{where}: no mention of {t.get(k)} inside the sentence")

    # counts
    per_actor = Counter(m.get("actor") for m in ann["mentions"])
    print(f"{ann['document']}: {len(ann['mentions'])} mentions of {len(per_actor)} actors, "
          f"{len(mention_lists['source_mentions'])} source mentions")
    for a, n in sorted(per_actor.items(), key=lambda x: (-x[1], x[0])):
        flag = "" if a in actors else "  (missing_from_lexicon)"
        print(f"  {n:4d}  {a}{flag}")
    if mention_lists["source_mentions"]:
        sc = Counter(m.get("actor") for m in mention_lists["source_mentions"])
        print("source mentions: " + ", ".join(f"{a} {n}" for a, n in sorted(sc.items())))
    signs = Counter(t.get("sign") for t in ann["ties"])
    print(f"ties: {len(ann['ties'])} (+1: {signs.get(1, 0)}, -1: {signs.get(-1, 0)})")
    types = Counter((t.get("type"), t.get("sign")) for t in ann["ties"])
    print("  by type: " + ", ".join(f"{ty} ({'+' if sg == 1 else '-'}) {n}" for (ty, sg), n in sorted(types.items(), key=lambda x: (-x[1], str(x[0])))))
    undated = sum(1 for t in ann["ties"] if t.get("month") is None)
    print(f"  undated: {undated}")
    print(f"missing_from_lexicon: {', '.join(missing) or '(none)'}")

    for w in warnings:
        print("WARNING: " + w)
    for e in errors:
        print("ERROR: " + e)
    print("OK" if not errors else f"FAILED: {len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
