#!/usr/bin/env python3
"""Draw the labelled sample of improvement items (see README.md). Usage: draw_sample.py REGISTER.db"""
import random, re, sqlite3, sys
from collections import defaultdict

SEED = 2026
RANDOM_N = 110  # stratified random part

db = sqlite3.connect(sys.argv[1])
rows = db.execute("""SELECT d.sha256, d.kind, f.section, f.position, f.page, f.text,
                            substr(coalesce(d.inspection_start, d.published), 1, 4)
                     FROM findings f JOIN documents d ON d.id = f.document_id
                     WHERE f.section IN ('improvement','priority_action') AND d.status != 'refused'
                     ORDER BY d.sha256, f.section, f.position""").fetchall()

def fragment(t):
    t = t.strip()
    return (t.endswith(":") or t[:1].islower() or len(t) < 25
            or t.lower().startswith("there are no areas"))

seen, items = set(), []
for sha, kind, sec, pos, page, text, year in rows:
    if fragment(text) or text in seen:
        continue
    seen.add(text)
    items.append(dict(sha=sha, kind=kind, page=page, text=text, year=year))

rng = random.Random(SEED)
# 1. stratified random: kind x year, proportional allocation, at least one per cell
cells = defaultdict(list)
for it in items:
    cells[(it["kind"], it["year"])].append(it)
drawn = []
for key in sorted(cells):
    pool = cells[key]
    k = max(1, round(RANDOM_N * len(pool) / len(items)))
    for it in rng.sample(pool, min(k, len(pool))):
        drawn.append((it, "random"))
taken = {id(it) for it, _ in drawn}

# 2. enrichment: broad word pools around the known weak spots and the rarer themes
POOLS = [
    ("voice", r"\bviews|particip|advoca|\bvoice|wishes|engag", 12),
    ("eet", r"employment|\btraining|\bn?eet\b|apprentic", 10),
    ("permanence", r"permanen|adopt|special guardian|\bsgo|life.?story|later.?life|long.?term foster|\bmatch", 18),
    ("plan_oversight", r"\bplan|oversight", 10),
    ("recruit", r"recruit", 8),
    ("private_fostering", r"private", 4),
    ("uasc", r"asylum|unaccompanied|trafficking", 4),
    ("disabled", r"disab|\bsend\b|special educational", 4),
    ("missing", r"missing", 4),
    ("exploitation", r"exploit|\bcse\b|county lines|contextual", 4),
    ("court", r"proceedings|\bplo\b|court|public law", 4),
    ("strategy", r"strategy (discussion|meeting)|section 47|enquir", 4),
    ("accommodation", r"accommodat|housing|homeless|staying put|bed and breakfast", 5),
    ("health", r"health", 4),
    ("front_door", r"threshold|referral|front door|\bmash\b|early help|contact", 4),
    ("workforce", r"workforce|caseload|social workers|agency|staff", 5),
]
for name, pat, k in POOLS:
    rx = re.compile(pat, re.I)
    pool = [it for it in items if id(it) not in taken and rx.search(it["text"])]
    for it in rng.sample(pool, min(k, len(pool))):
        drawn.append((it, "enriched:" + name))
        taken.add(id(it))

# 3. top-up, added after the first count of labels: themes still short of ~8 positives
TOP_UP = [
    ("uasc", r"asylum|unaccompanied", 4),
    ("disabled", r"disab", 3),
    ("accommodation", r"accommodation|housing|staying put|bed and breakfast", 4),
    ("pathway", r"pathway|leaving care|independen", 3),
    ("private_fostering", r"private", 2),
]
for name, pat, k in TOP_UP:
    rx = re.compile(pat, re.I)
    pool = [it for it in items if id(it) not in taken and rx.search(it["text"])]
    for it in rng.sample(pool, min(k, len(pool))):
        drawn.append((it, "top-up:" + name))
        taken.add(id(it))

# 4. held-out round: drawn and labelled by hand after the rules had been revised against
#    parts 1-3, to see how they do on items they were not written against
HELD_OUT_SEED, HELD_OUT_N = 2027, 50
rng2 = random.Random(HELD_OUT_SEED)
rest = [it for it in items if id(it) not in taken]
for it in rng2.sample(rest, HELD_OUT_N):
    drawn.append((it, "held-out"))
    taken.add(id(it))

import csv
w = csv.writer(sys.stdout)
w.writerow(["n", "stratum", "kind", "year", "sha256_prefix", "page", "text"])
for n, (it, stratum) in enumerate(drawn, 1):
    w.writerow([n, stratum, it["kind"], it["year"], it["sha"][:12], it["page"], it["text"]])
