#!/usr/bin/env python3
"""Regenerate the register's authority data from the shared reference files.

Run by hand, never at build time:

    python3 crates/authorities/tools/gen_authorities.py [path/to/shared]

It reads (read-only) `shared/reference/*.csv`, `shared/corpus/truth.csv` and the two
official ODS files in `shared/official/` (plain zip + XML, standard library only), applies the
corrections written down in this file, cross-checks the result against every source and
writes:

- `data/authorities.csv`            one row per LA since 2013 (the product)
- `data/statistical_neighbours.csv` DfE statistical neighbours, 2021 and 2025 models
- `tests/data/official_names.csv`   every LA-name spelling in the official files, with the
                                    URN it must resolve to (test fixture)

The output files are project data: review the diff, then commit them. Every fact that does
not come straight from a source is in the tables below, with the reason.

`data/operators.csv` (bodies that ran an LA's children's services: dated aliases, each with
its source) is kept by hand and not written here; the shared files do not hold it.
"""

import csv
import io
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
CRATE = HERE.parent
SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else CRATE.parent.parent.parent / "shared"
REF = SHARED / "reference"

# ---------------------------------------------------------------------------------------
# Corrections and facts the sources lack
# ---------------------------------------------------------------------------------------

# Provider_data_lookup.csv gives abolished LAs URNs outside Ofsted's LA range (80418-80584):
# those are other providers' numbers. Cumbria and Poole's real URNs are the links in Ofsted's
# own 2023 official file (LA_inspections_2009-2023). Northamptonshire has no link there (and
# the 2025 file links it to West Northamptonshire's page, 941): 80531 is the free slot in
# Ofsted's alphabetical LA series between North Yorkshire (80530) and Northumberland (80532),
# exactly as Cumbria (80457) sits between Coventry and Darlington.
URN_FIXES = {
    "135513": ("80457", "Cumbria: lookup URN is not an LA URN; official 2023 file links 80457"),
    "137316": ("80433", "Poole: lookup URN is not an LA URN; official 2023 file links 80433"),
    "121939": ("80531", "Northamptonshire: lookup URN is not an LA URN; 80531 by Ofsted's series"),
}

# LAs abolished in 2019 that the lookup leaves out altogether. URNs from Ofsted's 2023 file,
# DfE numbers from the 2021 statistical-neighbour file's "Old SNs", GSS codes from ONS.
MISSING_ROWS = [
    dict(urn="80434", la_code="837", gss="E06000028", name="Bournemouth", ons="South West"),
    dict(urn="80463", la_code="835", gss="E10000009", name="Dorset", ons="South West"),
]

# Lifespans (only for LAs that began or ended after the register starts in 2013).
ENDS = {"80434": "2019-03-31", "80433": "2019-03-31", "80463": "2019-03-31",
        "80531": "2021-03-31", "80457": "2023-03-31"}
STARTS = {"2532287": "2019-04-01", "2532283": "2019-04-01",
          "2637539": "2021-04-01", "2637548": "2021-04-01",
          "2733690": "2023-04-01", "2733698": "2023-04-01"}
SUCCESSION = [  # (predecessor, successor)
    ("80434", "2532287"), ("80433", "2532287"), ("80463", "2532287"), ("80463", "2532283"),
    ("80531", "2637539"), ("80531", "2637548"),
    ("80457", "2733690"), ("80457", "2733698"),
]
# Christchurch was a district of Dorset County Council, so the county is a predecessor of
# both BCP and Dorset Council.

# GSS codes over time (oldest first; a date is the first day the code applied). Every other
# LA has had one code since before 2013. The lookup carries only the newest code.
GSS_HISTORY = {
    # unitary from 1 Apr 2020, same LA for inspection
    "80442": [("E10000002", None), ("E06000060", "2020-04-01")],
    # unitary from 1 Apr 2023, same LA for inspection
    "80530": [("E10000023", None), ("E06000065", "2023-04-01")],
    "80555": [("E10000027", None), ("E06000066", "2023-04-01")],
    # Barnsley/Sheffield boundary change: new codes from 1 Apr 2024 (ONS's April 2023
    # lookup still has the old ones; the lookup's neighbour column and Ofsted's 2025 file too)
    "80426": [("E08000016", None), ("E08000038", "2024-04-01")],
    "80551": [("E08000019", None), ("E08000039", "2024-04-01")],
    # Gateshead/Northumberland boundary change, 1 Apr 2013
    "80469": [("E08000020", None), ("E08000037", "2013-04-01")],
    "80532": [("E06000048", None), ("E06000057", "2013-04-01")],
}

# Other spellings met in reports, official files, corpus folders and common use. The
# canonical name is truth.csv's la_name (Ofsted's register spelling) and is not repeated.
ALIASES = {
    "80486": ["Barking & Dagenham", "London Borough of Barking and Dagenham"],
    "80427": ["Bath & North East Somerset", "Bath and NE Somerset", "BANES", "B&NES"],
    "80428": ["Bedford", "Bedford Borough Council"],
    "80430": ["Blackburn"],
    "2532287": ["Bournemouth, Christchurch & Poole", "BCP", "BCP Council",
                "Bournemouth", "Poole"],
    "80438": ["Brighton & Hove", "Brighton"],
    "80441": ["Bristol", "City of Bristol", "Bristol City Council"],
    "80448": ["Cheshire West & Chester"],
    "80450": ["London Corporation", "City of London Corporation", "Corporation of London"],
    "80465": ["County Durham", "Durham County Council"],
    "80463": ["Dorset County Council", "Dorset (Pre LG)"],
    "2532283": ["Dorset Council"],
    "80434": ["Bournemouth Borough Council", "Bournemouth (Pre LG)"],
    "80433": ["Borough of Poole", "Poole (Pre LG)"],
    "80466": ["East Riding", "East Riding of Yorkshire Council"],
    "80497": ["Hammersmith & Fulham", "London Borough of Hammersmith and Fulham"],
    "80474": ["Herefordshire, County of", "County of Herefordshire", "Herefordshire Council"],
    "80455": ["Council of the Isles of Scilly", "Scilly"],
    "80544": ["Kensington & Chelsea", "Royal Borough of Kensington and Chelsea"],
    "80477": ["Kingston upon Hull, City of", "Kingston upon Hull", "Kingston Upon Hull",
              "City of Kingston upon Hull", "Hull", "Hull City Council"],
    "80545": ["Kingston", "Royal Borough of Kingston upon Thames"],
    "80522": ["Medway Towns", "Medway Council"],
    "80525": ["Newcastle"],
    "2637539": ["North Northants", "North Northamptonshire Council"],
    "2637548": ["West Northants", "West Northamptonshire Council"],
    "80531": ["Northamptonshire County Council"],
    "80457": ["Cumbria County Council"],
    "80541": ["Redcar & Cleveland"],
    "80513": ["Richmond", "Richmond Upon Thames"],
    "80559": ["Southend", "Southend on Sea"],
    "80560": ["St Helens", "Saint Helens"],
    "80563": ["Stockton on Tees", "Stockton"],
    "80564": ["Stoke on Trent", "Stoke"],
    "80570": ["Telford & Wrekin", "Telford"],
    "80546": ["Windsor & Maidenhead", "Royal Borough of Windsor and Maidenhead"],
    "2733698": ["Westmorland & Furness"],
    "80453": ["City of York", "City of York Council"],
    "80495": ["Royal Greenwich", "Royal Borough of Greenwich"],
}

ONS_REGION_BY_CODE = {
    "E12000001": "North East", "E12000002": "North West",
    "E12000003": "Yorkshire and The Humber", "E12000004": "East Midlands",
    "E12000005": "West Midlands", "E12000006": "East of England", "E12000007": "London",
    "E12000008": "South East", "E12000009": "South West",
}
OFSTED_OF_ONS = {
    "North East": "North East, Yorkshire and the Humber",
    "Yorkshire and The Humber": "North East, Yorkshire and the Humber",
    "North West": "North West", "East Midlands": "East Midlands",
    "West Midlands": "West Midlands", "East of England": "East of England",
    "London": "London", "South East": "South East", "South West": "South West",
}

faults = []


def fault(msg):
    faults.append(msg)


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def read_dicts(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def ons_region_from_name(s):
    s = s.strip()
    for r in ONS_REGION_BY_CODE.values():
        if r.lower() == s.lower():
            return r
    raise SystemExit(f"unknown region name {s!r}")


# ---------------------------------------------------------------------------------------
# Official ODS files (stdlib reader: content.xml, hyperlinks from HYPERLINK() formulas)
# ---------------------------------------------------------------------------------------

NS_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
NS_X = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
NS_L = "{http://www.w3.org/1999/xlink}"


def ods_tables(path, wanted):
    with zipfile.ZipFile(path) as z:
        root = ET.parse(io.BytesIO(z.read("content.xml"))).getroot()
    out = {}
    for tbl in root.iter(NS_T + "table"):
        name = tbl.get(NS_T + "name")
        if name not in wanted:
            continue
        rows = []
        for row in tbl.iter(NS_T + "table-row"):
            cells = []
            for c in row:
                if c.tag not in (NS_T + "table-cell", NS_T + "covered-table-cell"):
                    continue
                rep = int(c.get(NS_T + "number-columns-repeated", "1"))
                text = "\n".join("".join(p.itertext()) for p in c.findall(NS_X + "p"))
                href = None
                m = re.search(r'HYPERLINK\("([^"]*)"', c.get(NS_T + "formula") or "")
                if m:
                    href = m.group(1)
                for a in c.iter(NS_X + "a"):
                    href = href or a.get(NS_L + "href")
                cells.extend([(text, href)] * min(rep, 64))
            while cells and not cells[-1][0] and not cells[-1][1]:
                cells.pop()
            if cells:
                rows.append(cells)
        out[name] = rows
    return out


def official_rows():
    """(file, sheet, name, gss or None, href number or None, ofsted region or None)."""
    files = {
        "Childrens_social_care_in_England_2023_underlying_data.ods": [
            "LA_level_at_31_Mar_2023", "LA_level_in_year_2022-23", "LA_inspections_2009-2023"],
        "LA_Inspection_Outcomes_as_at_31_March_2025.ods": [
            "Inspections_as_at_31_March", "In-year_inspections", "ILACS_inspection_history"],
    }
    out = []
    for fname, sheets in files.items():
        path = SHARED / "official" / fname
        if not path.exists():
            print(f"warning: {path} not found; official cross-checks skipped")
            continue
        tables = ods_tables(path, set(sheets))
        for sheet in sheets:
            header = None
            for cells in tables[sheet]:
                texts = [t for t, _ in cells]
                if "Local authority name" in texts:
                    header = texts
                    continue
                rec = dict(zip(header or [], texts))
                if not rec.get("Local authority name"):
                    continue
                href = cells[0][1]
                num = href.rstrip("/").rsplit("/", 1)[1] if href and "/provider/" in href else None
                region = rec.get("Ofsted region") or rec.get("LA region")
                out.append((fname.split("_")[-1][:4] if "2025" in fname else "2023", sheet, rec["Local authority name"],
                            rec.get("Local authority area code"), num, region))
    return out


# ---------------------------------------------------------------------------------------
# Build
# ---------------------------------------------------------------------------------------

def main():
    lookup = read_dicts(REF / "Provider_data_lookup.csv")
    truth = read_dicts(SHARED / "corpus" / "truth.csv")
    ltla = read_dicts(REF / "LTLA-UTLA_Apr23_Lookup_England-Wales.csv")
    corrections = {r["la_name"]: r["region_name_correct"]
                   for r in read_dicts(REF / "ofsted_region_mapping_corrections.csv")}
    utla_names = {r["UTLA23CD"]: r["UTLA23NM"] for r in ltla if r["UTLA23CD"].startswith("E")}

    truth_by_urn = {}
    for t in truth:
        key = (t["la_code"], t["gss_code"], t["la_name"], t["ofsted_region"])
        if truth_by_urn.setdefault(t["urn"], key) != key:
            raise SystemExit(f"truth.csv disagrees with itself for URN {t['urn']}")

    las = {}
    for r in lookup:
        urn = r["urn"]
        if urn in URN_FIXES:
            new, why = URN_FIXES[urn]
            fault(f"lookup: URN {urn} -> {new} ({why})")
            urn = new
        # region: region_name is always present; region_code is blank for Medway and
        # 'NotKnown' for Cumbria; rgn22cd is wrong for Buckinghamshire and Gloucestershire.
        ons = ons_region_from_name(r["region_name"])
        if r["region_code"] in ("", "NotKnown"):
            fault(f"lookup: {r['local_authority_ons_name']}: region_code is {r['region_code']!r} (region_name {r['region_name']!r} kept)")
        by_code = ONS_REGION_BY_CODE.get(r["rgn22cd"])
        if by_code != ons:
            fault(f"lookup: {r['local_authority_ons_name']}: rgn22cd {r['rgn22cd']} ({by_code}) contradicts region_name {r['region_name']!r} and rgn22nm {r['rgn22nm']!r}; region_name kept")
        if r["ofsted_ilacs_scrape_la_name"] and r["ofsted_ilacs_scrape_la_name"] != r["la_code"]:
            fault(f"lookup: ofsted_ilacs_scrape_la_name {r['ofsted_ilacs_scrape_la_name']!r} is not the DfE number")
        las[urn] = dict(
            urn=urn, la_code=r["la_code"], name=r["local_authority_ons_name"],
            gss=[(r["la_code_new"], None)], ons=ons,
            spellings={r["local_authority_ons_name"], r["ltla23nm"], r["utla23nm"]},
            aka=r["also_known_as"],
        )
    fault("lookup: column ofsted_ilacs_scrape_la_name holds DfE numbers (9 blank), not names; ignored")
    for m in MISSING_ROWS:
        fault(f"lookup: {m['name']} (URN {m['urn']}) missing; added")
        las[m["urn"]] = dict(urn=m["urn"], la_code=m["la_code"], name=m["name"],
                             gss=[(m["gss"], None)], ons=m["ons"], spellings={m["name"]}, aka="")

    for urn, hist in GSS_HISTORY.items():
        if las[urn]["gss"][0][0] != hist[-1][0]:
            raise SystemExit(f"{urn}: lookup GSS {las[urn]['gss']} is not the newest of {hist}")
        las[urn]["gss"] = hist

    # names: truth.csv's spelling is canonical; every current LA must be in truth.csv
    for urn, la in las.items():
        if urn in truth_by_urn:
            la_code, gss, name, region = truth_by_urn[urn]
            if la_code != la["la_code"]:
                raise SystemExit(f"{urn}: la_code {la['la_code']} vs truth {la_code}")
            if gss != la["gss"][-1][0]:
                raise SystemExit(f"{urn}: current GSS {la['gss'][-1][0]} vs truth {gss}")
            if region != OFSTED_OF_ONS[la["ons"]]:
                raise SystemExit(f"{urn}: Ofsted region {OFSTED_OF_ONS[la['ons']]} vs truth {region}")
            la["spellings"].add(la["name"])
            la["name"] = name
        elif urn not in ENDS:
            raise SystemExit(f"{urn} {la['name']}: current LA missing from truth.csv")
        # ONS's April 2023 upper-tier name for the LA's code (if it still had it then)
        for code, _ in la["gss"]:
            if code in utla_names:
                la["spellings"].add(utla_names[code])
        # also_known_as ("[BCP, Bournemouth, Christchurch & Poole]") is a bracketed list whose
        # items may themselves hold commas: not parsed; ALIASES carries its spellings.

    # ONS region cross-check against the corrections file (split NE/YH, inner/outer London)
    for la in las.values():
        for s in la["spellings"] | {la["name"]}:
            c = corrections.get(s)
            if c:
                c = "London" if c.endswith("London") else ons_region_from_name(c)
                if c != la["ons"]:
                    raise SystemExit(f"{la['name']}: region {la['ons']} vs corrections {c}")

    # succession
    for la in las.values():
        la["pred"], la["succ"] = [], []
        la["start"], la["end"] = STARTS.get(la["urn"], ""), ENDS.get(la["urn"], "")
    for p, s in SUCCESSION:
        las[p]["succ"].append(s)
        las[s]["pred"].append(p)

    # statistical neighbours
    by_la_code = {la["la_code"]: la for la in las.values()}
    sn_rows = []
    sn_names = defaultdict(set)
    rows = read_csv(REF / "New_Statistical_Neighbour_Groupings_April_2021.csv")
    for r in rows[1:]:
        if not r[0].strip():
            continue
        if r[0] != r[2]:
            raise SystemExit(f"2021 SN: LA num {r[0]} != LA number {r[2]}")
        la = by_la_code[r[0]]
        sn_names[la["urn"]].add(re.sub(r"\s*\(Pre LG\)$", "", r[1]))
        for i in range(10):
            code, close = r[5 + 2 * i].strip(), r[6 + 2 * i].strip()
            sn_rows.append(("2021", la["urn"], by_la_code[code]["urn"], i + 1, close))
    rows = read_csv(REF / "Statistical_Neighbours_2025.csv")
    trailing = 0
    for r in rows[1:]:
        la = by_la_code[r[0]]
        sn_names[la["urn"]].add(r[1])
        for i in range(10):
            code, close = r[4 + 2 * i], r[5 + 2 * i]
            trailing += close != close.strip()
            sn_rows.append(("2025", la["urn"], by_la_code[code.strip()]["urn"], i + 1, close.strip()))
    fault(f"2025 SN: {trailing} closeness bands with trailing spaces ('Close '); trimmed")
    for u, names in sn_names.items():
        las[u]["spellings"] |= names

    # the lookup's neighbour GSS column vs its own la_code_new
    lookup_gss = {r["la_code"]: r["la_code_new"] for r in lookup}
    stale = defaultdict(int)
    for r in lookup:
        codes = [c.strip() for c in r["stat_neighbours"].split(",") if c.strip()]
        gsss = [c.strip() for c in r["stat_neighbours_la_code"].split(",") if c.strip()]
        for c, g in zip(codes, gsss):
            if lookup_gss.get(c) != g:
                stale[(c, g, lookup_gss.get(c))] += 1
    for (c, g, want), n in sorted(stale.items()):
        fault(f"lookup: stat_neighbours_la_code has stale GSS {g} for LA {c} ({n} rows; la_code_new says {want})")

    # official files: names, codes, links and regions
    all_gss = {code: la for la in las.values() for code, _ in la["gss"]}
    by_urn = las
    canon = defaultdict(list)  # names for placing official rows that have no code or link
    for la in las.values():
        for s in {la["name"], *la["spellings"], *ALIASES.get(la["urn"], [])}:
            if la not in canon[s.lower()]:
                canon[s.lower()].append(la)
    official = {}
    for src, sheet, name, gss, num, region in official_rows():
        exp = None
        if gss:
            exp = all_gss.get(gss)
            if exp is None:
                raise SystemExit(f"official {src}/{sheet}: unknown GSS {gss} for {name}")
        by_link = None
        if num:
            by_link = by_urn.get(num) or by_la_code.get(num)
        if exp and by_link and by_link is not exp:
            fault(f"official {src} {sheet}: {name} ({gss}) links to provider/44/{num} ({by_link['name']})")
        exp = exp or by_link
        if exp is None:
            cands = canon.get(name.lower(), [])
            if len(cands) > 1:  # same name over time: the one still current in the 2023 file
                cands = [la for la in cands if la["urn"] not in ENDS or sheet.startswith("LA_insp")]
            if len(cands) == 1:
                exp = cands[0]
            else:
                raise SystemExit(f"official {src}/{sheet}: cannot place {name!r}")
        if region and region.lower() != OFSTED_OF_ONS[exp["ons"]].lower():
            raise SystemExit(f"official {src}/{sheet}: {name} region {region} vs {OFSTED_OF_ONS[exp['ons']]}")
        official.setdefault((name, exp["urn"]), f"{src} {sheet}")
        exp["spellings"].add(name)

    # aliases: hand list + spellings from the sources, case-insensitively distinct from the
    # name and from each other.
    for la in las.values():
        hand = ALIASES.get(la["urn"], [])
        seen = {la["name"].lower()}
        out = []
        for s in hand + sorted(la["spellings"], key=str.lower):
            if not s or s.lower() in seen:
                continue
            seen.add(s.lower())
            out.append(s)
        la["aliases"] = out

    # write
    order = sorted(las.values(), key=lambda la: (la["name"].lower(), la["end"] == "", la["urn"]))
    with open(CRATE / "data" / "authorities.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["urn", "la_code", "name", "aliases", "gss_codes", "ofsted_region",
                    "ons_region", "start", "end", "predecessors", "successors"])
        for la in order:
            w.writerow([
                la["urn"], la["la_code"], la["name"], "|".join(la["aliases"]),
                ";".join(c if d is None else f"{c}@{d}" for c, d in la["gss"]),
                OFSTED_OF_ONS[la["ons"]], la["ons"], la["start"], la["end"],
                "|".join(la["pred"]), "|".join(la["succ"]),
            ])
    with open(CRATE / "data" / "statistical_neighbours.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["model", "urn", "neighbour_urn", "rank", "closeness"])
        for row in sorted(sn_rows, key=lambda r: (r[0], by_urn[r[1]]["la_code"], r[3])):
            w.writerow(row)
    (CRATE / "tests" / "data").mkdir(parents=True, exist_ok=True)
    with open(CRATE / "tests" / "data" / "official_names.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["name", "urn"])
        for name, urn in sorted(official, key=lambda k: (k[0].lower(), k[1])):
            w.writerow([name, urn])

    print(f"{len(las)} authorities, {len(sn_rows)} neighbour rows, {len(official)} official spellings")
    print("faults found in the sources:")
    for m in dict.fromkeys(faults):
        print("  -", m)


if __name__ == "__main__":
    main()
