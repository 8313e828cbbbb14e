#!/usr/bin/env bash
# Builds the fuzzers' seed corpora from the shared files beside the checkout (never copied
# into the repository: fuzz/corpus is ignored by git).
#   pdf_extract:   the 30 smallest report PDFs and a few typical ones, plus the regression inputs
#   official_read: the official statistics workbooks, plus the regression inputs
# usage: fuzz/seed.sh [SHARED_DIR]   (default: ../shared beside the checkout)
set -euo pipefail
cd "$(dirname "$0")"
shared=${1:-../../shared}
[ -d "$shared/corpus" ] || { echo "no $shared/corpus" >&2; exit 2; }
mkdir -p corpus/pdf_extract corpus/official_read
n=0
# Smallest first: cheap to run, and small files mutate into more kinds of structure.
while IFS= read -r -d '' line; do
  f=${line#* }
  cp "$f" "corpus/pdf_extract/$(sha256sum "$f" | cut -c1-16).pdf"
  n=$((n + 1))
done < <(find "$shared/corpus" -name '*.pdf' -printf '%s %p\0' | sort -zn | head -z -n 30)
# A few typical ones: every 60th by size, across the range.
while IFS= read -r -d '' line; do
  f=${line#* }
  cp "$f" "corpus/pdf_extract/$(sha256sum "$f" | cut -c1-16).pdf"
  n=$((n + 1))
done < <(find "$shared/corpus" -name '*.pdf' -printf '%s %p\0' | sort -zn | awk 'BEGIN{RS=ORS="\0"} NR%60==0')
cp "$shared"/official/*.ods corpus/official_read/
# And each workbook's sheets as bare content.xml, trimmed to 25 rows a table (the target wraps
# an input that is not a zip archive into one): these reach the sheet reader directly.
for f in "$shared"/official/*.ods; do
  unzip -p "$f" content.xml | python3 -c '
import re, sys
s = sys.stdin.buffer.read()
def trim(m):
    rows = list(re.finditer(rb"<table:table-row\b.*?</table:table-row>", m.group(0), re.S))
    return m.group(0) if len(rows) <= 25 else m.group(0)[:rows[24].end()] + m.group(0)[rows[-1].end():]
sys.stdout.buffer.write(re.sub(rb"<table:table\b[^-].*?</table:table>", trim, s, flags=re.S))
' > "corpus/official_read/$(basename "$f" .ods).content.xml"
done
for d in ../crates/pdftext/tests/fuzz_regressions ../crates/extract/tests/fuzz_regressions; do
  [ -d "$d" ] && cp "$d"/* corpus/pdf_extract/ 2>/dev/null || true
done
[ -d ../crates/official/tests/fuzz_regressions ] && cp ../crates/official/tests/fuzz_regressions/* corpus/official_read/ 2>/dev/null || true
chmod -R u+w corpus
echo "seeds: $(ls corpus/pdf_extract | wc -l) PDFs, $(ls corpus/official_read | wc -l) workbooks"
