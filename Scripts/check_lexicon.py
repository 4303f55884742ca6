#!/usr/bin/env python3
"""Check a curated lexicon (and optionally a periods file) against its corpus.

Usage (from the repository root):

    python3 Scripts/check_lexicon.py Graphs/russia-1917            # checks + summary
    python3 Scripts/check_lexicon.py Graphs/russia-1917 --counts   # + every alias's count

The directory must hold lexicon.yaml and corpus/*.txt; periods.yaml is checked when
present. Needs PyYAML.

Structural checks (any failure makes the exit status 1):
  - ids are unique, lowercase ascii with hyphens; kinds are person/party/body/event/group;
  - every event has a date (YYYY-MM or "YYYY-MM..YYYY-MM"), other kinds have none;
  - role, when given, is "source";
  - no alias appears twice (under one actor or two), and no alias is also an ambiguous
    form or an ignore entry;
  - ambiguous candidates and member_of actors name existing ids; member_of months parse;
  - periods have unique ids, parse, are ordered and do not overlap.

Occurrence report, on the corpus with curly quotes straightened:
  - raw: matches of the form on word boundaries, also followed by 's, ' or s;
  - effective: after overlapping matches are settled, longest first, then leftmost,
    among aliases, ambiguous forms and ignore entries together. A form whose raw count
    is higher than its effective count is partly shadowed by a longer form.
Aliases with no occurrence are listed; they are not errors (full names and standard
spellings are kept for other texts on the same subject).
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import sys
from collections import Counter

import yaml

KINDS = {"person", "party", "body", "event", "group"}
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MONTH_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def month(text: str) -> tuple[int, int] | None:
    text = str(text).strip()
    if not MONTH_RE.match(text):
        return None
    return int(text[:4]), int(text[5:])


def interval(text: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    text = str(text).strip()
    if ".." in text:
        a, b = text.split("..", 1)
        ma, mb = month(a), month(b)
        if ma is None or mb is None or ma > mb:
            return None
        return ma, mb
    m = month(text)
    return (m, m) if m else None


SUPERSCRIPTS = str.maketrans({c: " " for c in "\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079"})


def normalise(text: str) -> str:
    """Straighten curly quotes; blank out footnote markers glued to words (Sukhanov\u00b9)."""
    return (text.replace("\u2019", "'").replace("\u2018", "'")
                .replace("\u201c", '"').replace("\u201d", '"').translate(SUPERSCRIPTS))


def pattern(form: str) -> re.Pattern:
    return re.compile(r"(?<![\w])" + re.escape(form) + r"(?:'s|s'|'|s)?(?![\w])")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("directory")
    ap.add_argument("--counts", action="store_true", help="print the count of every alias")
    ap.add_argument("--uncovered", action="store_true",
                    help="list capitalised words that no alias, ambiguous form or ignore entry covers")
    args = ap.parse_args()

    errors: list[str] = []
    lex = yaml.safe_load(open(os.path.join(args.directory, "lexicon.yaml"), encoding="utf-8"))
    actors = lex.get("actors") or []
    ambiguous = lex.get("ambiguous") or []
    ignore = [str(x) for x in (lex.get("ignore") or [])]
    if lex.get("calendar") not in ("julian", "gregorian"):
        errors.append(f"calendar must be julian or gregorian, not {lex.get('calendar')!r}")

    ids: set[str] = set()
    owner: dict[str, str] = {}
    for a in actors:
        aid = a.get("id")
        if not isinstance(aid, str) or not ID_RE.match(aid):
            errors.append(f"bad id {aid!r}")
        if aid in ids:
            errors.append(f"duplicate id {aid}")
        ids.add(aid)
        if not a.get("name"):
            errors.append(f"{aid}: no name")
        if a.get("kind") not in KINDS:
            errors.append(f"{aid}: bad kind {a.get('kind')!r}")
        if "role" in a and a["role"] != "source":
            errors.append(f"{aid}: role must be 'source'")
        if a.get("kind") == "event":
            if "date" not in a or interval(a["date"]) is None:
                errors.append(f"{aid}: event without a valid date ({a.get('date')!r})")
        elif "date" in a:
            errors.append(f"{aid}: only events have a date")
        aliases = a.get("aliases") or []
        if not aliases:
            errors.append(f"{aid}: no aliases")
        for al in aliases:
            al = str(al)
            if al in owner:
                errors.append(f"alias {al!r} under both {owner[al]} and {aid}")
            owner[al] = aid
    forms = [str(x["form"]) for x in ambiguous]
    for f, n in Counter(forms).items():
        if n > 1:
            errors.append(f"ambiguous form {f!r} listed {n} times")
    for x in ambiguous:
        if x["form"] in owner:
            errors.append(f"ambiguous form {x['form']!r} is also an alias of {owner[x['form']]}")
        for c in x.get("candidates") or []:
            if c not in ids:
                errors.append(f"ambiguous {x['form']!r}: unknown candidate {c}")
    for w in ignore:
        if w in owner:
            errors.append(f"ignore entry {w!r} is also an alias of {owner[w]}")
        if w in forms:
            errors.append(f"ignore entry {w!r} is also an ambiguous form")
    for w, n in Counter(ignore).items():
        if n > 1:
            errors.append(f"ignore entry {w!r} listed {n} times")
    for a in actors:
        for m in a.get("member_of") or []:
            if m.get("actor") not in ids:
                errors.append(f"{a['id']}: member_of unknown actor {m.get('actor')}")
            for k in ("from", "to"):
                if k in m and month(m[k]) is None:
                    errors.append(f"{a['id']}: member_of {k} {m[k]!r} is not YYYY-MM")

    ppath = os.path.join(args.directory, "periods.yaml")
    if os.path.exists(ppath):
        per = yaml.safe_load(open(ppath, encoding="utf-8"))
        last = None
        seen: set[str] = set()
        for p in per.get("periods") or []:
            pid = p.get("id")
            if not isinstance(pid, str) or not ID_RE.match(pid) or pid in seen:
                errors.append(f"period: bad or duplicate id {pid!r}")
            seen.add(pid)
            a, b = month(p.get("from", "")), month(p.get("to", ""))
            if a is None or b is None or a > b:
                errors.append(f"period {pid}: bad from/to")
                continue
            if last is not None and a <= last:
                errors.append(f"period {pid}: overlaps or precedes the previous period")
            last = b

    # ---- occurrences
    docs = {}
    for path in sorted(glob.glob(os.path.join(args.directory, "corpus", "*.txt"))):
        docs[os.path.basename(path)] = normalise(open(path, encoding="utf-8").read())
    entries = [(al, "alias") for al in owner] + [(f, "ambiguous") for f in forms] + [(w, "ignore") for w in ignore]
    raw: Counter = Counter()
    eff: Counter = Counter()
    uncovered: Counter = Counter()
    for text in docs.values():
        spans = []
        for form, what in entries:
            for m in pattern(form).finditer(text):
                raw[form] += 1
                spans.append((m.start(), m.end(), form))
        spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
        taken = [False] * (len(text) + 1)
        for s, e, form in spans:
            if any(taken[s:e]):
                continue
            for i in range(s, e):
                taken[i] = True
            eff[form] += 1
        for m in re.finditer(r"[A-Z][\w'.-]*[\w]", text):
            if not any(taken[m.start():m.end()]):
                uncovered[m.group(0)] += 1

    per_actor: Counter = Counter()
    for al, aid in owner.items():
        per_actor[aid] += eff[al]
    kinds = Counter(a["kind"] for a in actors)
    print(f"actors: {len(actors)}  " + ", ".join(f"{k} {kinds[k]}" for k in sorted(KINDS)))
    print(f"sources (role: source): {sum(1 for a in actors if a.get('role') == 'source')}")
    print(f"aliases: {len(owner)}  ambiguous forms: {len(forms)}  ignore entries: {len(ignore)}")
    unused = [al for al in owner if raw[al] == 0]
    print(f"aliases occurring in the corpus: {len(owner) - len(unused)}; never occurring: {len(unused)}")
    for al in unused:
        print(f"  unused alias: {al!r} ({owner[al]})")
    silent = [a["id"] for a in actors if per_actor[a["id"]] == 0]
    print(f"actors with no effective mention: {len(silent)} {silent}")
    shadowed = [(f, raw[f], eff[f]) for f, _ in entries if raw[f] > eff[f]]
    for f, r, e in shadowed:
        print(f"  shadowed: {f!r} raw {r} effective {e}")
    for f in forms:
        print(f"  ambiguous {f!r}: {eff[f]}")
    if args.counts:
        for a in actors:
            print(f"{a['id']:40s} {per_actor[a['id']]:4d}  " +
                  ", ".join(f"{al}={eff[str(al)]}" for al in a["aliases"]))
    if args.uncovered:
        print("uncovered capitalised words (count word):")
        print("  " + "; ".join(f"{n} {w}" for w, n in uncovered.most_common()))
    for e in errors:
        print("ERROR:", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
