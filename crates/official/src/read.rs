//! Finding tables in sheets and reading their rows.

use std::collections::HashMap;
use std::path::Path;

use calamine::{open_workbook_auto, Data, Range, Reader};
use lacs_domain::{Date, Framework, Grade, Judgement, JudgementSet, OfstedRegion};

use crate::cells;
use crate::headings::{self as h, norm, Field, GradeSlot, GradeSlotSpec, WideGroup};
use crate::{
    AsAtRow, AsAtTable, Layout, OfficialData, OfficialError, OfficialEvent, OtherGrade, RowDoubt,
    RowDoubtKind, TableSummary,
};

/// Heading rows of a sheet's first table are looked for in this many rows.
const HEADING_SEARCH_ROWS: u32 = 20;

pub(crate) fn read(path: &Path) -> Result<OfficialData, OfficialError> {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let mut book = open_workbook_auto(path).map_err(|e| OfficialError::Open {
        file: file.clone(),
        message: e.to_string(),
    })?;
    let names = book.sheet_names();
    let mut data = OfficialData {
        source: file.clone(),
        events: Vec::new(),
        as_at_tables: Vec::new(),
        tables: Vec::new(),
        doubts: Vec::new(),
    };
    // (sheet index, events of that sheet's tables, whether the tables list visits)
    let mut per_sheet: Vec<(usize, Vec<OfficialEvent>, bool)> = Vec::new();
    for (index, name) in names.iter().enumerate() {
        let values = book
            .worksheet_range(name)
            .map_err(|e| OfficialError::Sheet {
                file: file.clone(),
                sheet: name.clone(),
                message: e.to_string(),
            })?;
        // Formulas only serve the web links; a format that cannot give them just gives none.
        let formulas = book.worksheet_formula(name).ok();
        let sheet = Sheet {
            file: &file,
            name,
            values: &values,
            formulas: formulas.as_ref(),
        };
        let (tables, doubts) = sheet.tables()?;
        data.doubts.extend(doubts);
        for table in tables {
            match table {
                Table::Events(summary, events) => {
                    let lists_visits = crate::merge::lists_visits(&events);
                    data.tables.push(summary);
                    per_sheet.push((index, events, lists_visits));
                }
                Table::AsAt(summary, t) => {
                    data.tables.push(summary);
                    data.as_at_tables.push(t);
                }
            }
        }
    }
    if data.tables.is_empty() {
        return Err(OfficialError::NoTable {
            file,
            heading: Field::LaName.display().to_string(),
            looked_in: names.join(", "),
        });
    }
    data.events = crate::merge::merge(per_sheet);
    Ok(data)
}

enum Table {
    Events(TableSummary, Vec<OfficialEvent>),
    AsAt(TableSummary, AsAtTable),
}

struct Sheet<'a> {
    file: &'a str,
    name: &'a str,
    values: &'a Range<Data>,
    formulas: Option<&'a Range<String>>,
}

/// One heading cell.
#[derive(Clone)]
struct Heading {
    col: u32,
    printed: String,
    norm: String,
}

/// The generic fields of a heading row: column of each field claimed.
struct Columns {
    headings: Vec<Heading>,
    of: HashMap<Field, u32>,
}

impl Columns {
    fn new(headings: Vec<Heading>) -> Columns {
        let mut best: HashMap<Field, (usize, u32)> = HashMap::new();
        for hd in &headings {
            if let Some(f) = h::field_of(&hd.norm) {
                let rank = h::spelling_rank(f, &hd.norm).unwrap_or(usize::MAX);
                if best.get(&f).is_none_or(|(r, _)| rank < *r) {
                    best.insert(f, (rank, hd.col));
                }
            }
        }
        Columns {
            headings,
            of: best.into_iter().map(|(f, (_, c))| (f, c)).collect(),
        }
    }

    fn get(&self, f: Field) -> Option<u32> {
        self.of.get(&f).copied()
    }

    fn printed(&self, col: u32) -> &str {
        self.headings
            .iter()
            .find(|hd| hd.col == col)
            .map(|hd| hd.printed.as_str())
            .unwrap_or("")
    }

    fn find(&self, spellings: &[String]) -> Option<u32> {
        spellings.iter().find_map(|s| {
            self.headings
                .iter()
                .find(|hd| hd.norm == *s)
                .map(|hd| hd.col)
        })
    }

    fn found(&self) -> String {
        self.headings
            .iter()
            .map(|hd| format!("\"{}\"", one_line(&hd.printed)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The LA fields every layout has.
struct LaCols {
    name: u32,
    link: Option<u32>,
    urn: Option<u32>,
    la_code: Option<u32>,
    gss: Option<u32>,
    region: Option<u32>,
    status: Option<u32>,
}

struct La {
    urn: Option<u32>,
    la_code: Option<u16>,
    gss_code: Option<String>,
    name: String,
    region: Option<OfstedRegion>,
    status: Option<String>,
    link: Option<String>,
}

impl<'a> Sheet<'a> {
    fn cell(&self, row: u32, col: u32) -> &Data {
        static EMPTY: Data = Data::Empty;
        self.values.get_value((row, col)).unwrap_or(&EMPTY)
    }

    fn text(&self, row: u32, col: u32) -> String {
        cells::text(self.cell(row, col))
    }

    fn formula(&self, row: u32, col: u32) -> Option<&str> {
        self.formulas
            .and_then(|f| f.get_value((row, col)))
            .map(String::as_str)
            .filter(|s| !s.is_empty())
    }

    fn bounds(&self) -> Option<(u32, u32, u32, u32)> {
        let (r0, c0) = self.values.start()?;
        let (r1, c1) = self.values.end()?;
        Some((r0, c0, r1, c1))
    }

    fn row_headings(&self, row: u32) -> Vec<Heading> {
        let Some((_, c0, _, c1)) = self.bounds() else {
            return Vec::new();
        };
        (c0..=c1)
            .filter_map(|col| {
                let printed = self.text(row, col);
                (!printed.is_empty()).then(|| Heading {
                    col,
                    norm: norm(&printed),
                    printed,
                })
            })
            .collect()
    }

    /// A heading row names the LA and at least one judgement.
    fn is_heading_row(&self, row: u32) -> bool {
        let hs = self.row_headings(row);
        hs.iter()
            .any(|hd| h::field_of(&hd.norm) == Some(Field::LaName))
            && hs.iter().any(|hd| {
                matches!(h::field_of(&hd.norm), Some(Field::Grade(_)))
                    || hd.norm.contains("overall effectiveness")
                    || hd.norm.contains("overall judgement")
            })
    }

    /// The sheet's tables and the doubts on their rows.
    fn tables(&self) -> Result<(Vec<Table>, Vec<RowDoubt>), OfficialError> {
        let Some((r0, _, r1, _)) = self.bounds() else {
            return Ok((Vec::new(), Vec::new()));
        };
        let search_end = r1.min(r0 + HEADING_SEARCH_ROWS - 1);
        let Some(mut header) = (r0..=search_end).find(|r| self.is_heading_row(*r)) else {
            return Ok((Vec::new(), Vec::new()));
        };
        let mut gap_start = r0;
        let mut out = Vec::new();
        let mut doubts = Vec::new();
        loop {
            let next = (header + 1..=r1).find(|r| self.is_heading_row(*r));
            let end = next.map_or(r1, |n| n - 1);
            let gap: Vec<String> = (gap_start..header)
                .map(|r| {
                    self.row_headings(r)
                        .into_iter()
                        .map(|hd| hd.printed)
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .filter(|t| !t.is_empty())
                .collect();
            let (table, last_data_row, table_doubts) = self.table(header, end, &gap)?;
            out.push(table);
            doubts.extend(table_doubts);
            match next {
                Some(n) => {
                    gap_start = last_data_row.map_or(header + 1, |r| r + 1);
                    header = n;
                }
                None => break,
            }
        }
        Ok((out, doubts))
    }

    /// Reads the table whose headings are in `header`, data to `end`. Returns it, the last
    /// row that held an LA, and the doubts on its rows.
    fn table(&self, header: u32, end: u32, gap: &[String]) -> Result<TableRead, OfficialError> {
        let cols = Columns::new(self.row_headings(header));
        let title = gap.first().map(|t| one_line(t));
        let missing = |f: Field, why: &'static str| OfficialError::MissingColumn {
            file: self.file.to_string(),
            sheet: self.name.to_string(),
            row: header + 1,
            heading: f.display(),
            why,
            accepted: h::spellings(f),
            found: cols.found(),
        };
        let la = LaCols {
            name: cols
                .get(Field::LaName)
                .ok_or_else(|| missing(Field::LaName, "every table needs one"))?,
            link: cols.get(Field::Link),
            urn: cols.get(Field::Urn),
            la_code: cols.get(Field::LaCode),
            gss: cols.get(Field::Gss),
            region: cols.get(Field::Region),
            status: cols.get(Field::LaStatus),
        };

        let groups = self.wide_groups(&cols);
        if !groups.is_empty() {
            return self.wide(header, end, &cols, &la, groups, title);
        }
        if cols.get(Field::Type).is_some() {
            cols.get(Field::Start).ok_or_else(|| {
                missing(
                    Field::Start,
                    "a table with a row per inspection needs the inspection date",
                )
            })?;
            return self.events(header, end, &cols, &la, title);
        }
        let mut context: Vec<String> = gap.to_vec();
        context.push(self.name.to_string());
        let as_at = context.iter().find_map(|t| as_at_date(t));
        if as_at.is_some() || context.iter().any(|t| says_as_at(t)) {
            cols.get(Field::Start).ok_or_else(|| {
                missing(
                    Field::Start,
                    "a table of each LA's latest inspection needs the inspection date",
                )
            })?;
            return self.as_at(header, end, &cols, &la, title, as_at);
        }
        Err(missing(
            Field::Type,
            "a table with a row per inspection needs one; a table of each LA's latest inspection \
             must say \"as at <date>\" in its title or sheet name",
        ))
    }

    /// Heading columns no field uses: an error when they look like inspection data.
    fn leftover(
        &self,
        header: u32,
        cols: &Columns,
        used: &[u32],
    ) -> Result<Vec<String>, OfficialError> {
        let mut ignored = Vec::new();
        for hd in &cols.headings {
            if used.contains(&hd.col) {
                continue;
            }
            if h::looks_like_data(&hd.norm) {
                return Err(OfficialError::UnknownColumn {
                    file: self.file.to_string(),
                    sheet: self.name.to_string(),
                    row: header + 1,
                    column: column_letters(hd.col),
                    heading: one_line(&hd.printed),
                });
            }
            ignored.push(one_line(&hd.printed));
        }
        Ok(ignored)
    }

    fn summary(
        &self,
        layout: Layout,
        header: u32,
        title: Option<String>,
        cols: &Columns,
        (used, ignored): (Vec<u32>, Vec<String>),
        records: usize,
    ) -> TableSummary {
        let mut used_cols = used;
        used_cols.sort_unstable();
        used_cols.dedup();
        TableSummary {
            sheet: self.name.to_string(),
            layout,
            title,
            heading_row: header + 1,
            records,
            columns_used: used_cols
                .iter()
                .map(|c| one_line(cols.printed(*c)))
                .collect(),
            columns_ignored: ignored,
        }
    }

    fn la_used(la: &LaCols) -> Vec<u32> {
        [
            Some(la.name),
            la.link,
            la.urn,
            la.la_code,
            la.gss,
            la.region,
            la.status,
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    fn grade_cols(cols: &Columns) -> Vec<(Judgement, u32)> {
        Judgement::ALL
            .iter()
            .filter_map(|j| cols.get(Field::Grade(*j)).map(|c| (*j, c)))
            .collect()
    }

    fn events(
        &self,
        header: u32,
        end: u32,
        cols: &Columns,
        la: &LaCols,
        title: Option<String>,
    ) -> Result<TableRead, OfficialError> {
        let type_col = cols.get(Field::Type).expect("checked");
        let start_col = cols.get(Field::Start);
        let end_col = cols.get(Field::End);
        let pub_col = cols.get(Field::Published);
        let theme_col = cols.get(Field::Theme);
        let gcols = Self::grade_cols(cols);
        let mut data_cols: Vec<u32> = [Some(type_col), start_col, end_col, pub_col, theme_col]
            .into_iter()
            .flatten()
            .collect();
        data_cols.extend(gcols.iter().map(|(_, c)| *c));
        let mut used = Self::la_used(la);
        used.extend(&data_cols);
        let ignored = self.leftover(header, cols, &used)?;

        let mut events = Vec::new();
        let mut doubts = Vec::new();
        let mut last = None;
        for row in header + 1..=end {
            let (event, row_doubts) = self.event_row(row, cols, la, &data_cols, |rc, l| {
                let printed = rc.sheet.text(row, type_col);
                let printed = if cells::no_value(&printed).is_some() {
                    String::new()
                } else {
                    printed
                };
                if printed.is_empty() {
                    if data_cols.iter().all(|c| cells::shown(rc.sheet.cell(row, *c)).is_empty()) {
                        rc.doubt(
                            cols.get(Field::LaName).unwrap_or(type_col),
                            RowDoubtKind::NoInspection,
                            "only the local authority name is filled on a row of inspections; row skipped",
                        );
                        return None;
                    }
                    if data_cols.iter().all(|c| cells::is_nothing(rc.sheet.cell(row, *c))) {
                        // "Not yet inspected" and the like: no event, as the row says.
                        return None;
                    }
                    rc.doubt(
                        type_col,
                        RowDoubtKind::Type,
                        "no inspection type; read as an event of unknown type",
                    );
                }
                let (framework, kind) = cells::event_type(&printed);
                Some(OfficialEvent {
                    urn: l.urn,
                    la_code: l.la_code,
                    gss_code: l.gss_code,
                    la_name: l.name,
                    ofsted_region: l.region,
                    la_status: l.status,
                    link: l.link,
                    framework,
                    kind,
                    event_type: printed,
                    visit_theme: theme_col
                        .map(|c| rc.sheet.text(row, c))
                        .filter(|s| !s.is_empty()),
                    inspection_start: rc.date(start_col),
                    inspection_end: rc.date(end_col),
                    published: rc.date(pub_col),
                    grades: rc.grades(&gcols),
                    other_grades: Vec::new(),
                    sheet: self.name.to_string(),
                    row: row + 1,
                    also_in: Vec::new(),
                })
            });
            doubts.extend(row_doubts);
            if let Some(named) = event {
                last = Some(row);
                events.extend(named);
            }
        }
        let summary = self.summary(
            Layout::Events,
            header,
            title,
            cols,
            (used, ignored),
            events.len(),
        );
        Ok((Table::Events(summary, events), last, doubts))
    }

    fn as_at(
        &self,
        header: u32,
        end: u32,
        cols: &Columns,
        la: &LaCols,
        title: Option<String>,
        as_at: Option<Date>,
    ) -> Result<TableRead, OfficialError> {
        let start_col = cols.get(Field::Start);
        let pub_col = cols.get(Field::Published);
        let gcols = Self::grade_cols(cols);
        let mut data_cols: Vec<u32> = [start_col, pub_col].into_iter().flatten().collect();
        data_cols.extend(gcols.iter().map(|(_, c)| *c));
        let mut used = Self::la_used(la);
        used.extend(&data_cols);
        let ignored = self.leftover(header, cols, &used)?;

        let mut rows = Vec::new();
        let mut doubts = Vec::new();
        let mut last = None;
        for row in header + 1..=end {
            let (read, row_doubts) = self.event_row(row, cols, la, &data_cols, |rc, l| {
                Some(AsAtRow {
                    urn: l.urn,
                    la_code: l.la_code,
                    gss_code: l.gss_code,
                    la_name: l.name,
                    ofsted_region: l.region,
                    link: l.link,
                    inspection_start: rc.date(start_col),
                    published: rc.date(pub_col),
                    grades: rc.grades(&gcols),
                    row: row + 1,
                })
            });
            doubts.extend(row_doubts);
            if let Some(r) = read {
                last = Some(row);
                rows.extend(r);
            }
        }
        let summary = self.summary(
            Layout::AsAt,
            header,
            title.clone(),
            cols,
            (used, ignored),
            rows.len(),
        );
        let table = AsAtTable {
            sheet: self.name.to_string(),
            title,
            as_at,
            rows,
        };
        Ok((Table::AsAt(summary, table), last, doubts))
    }

    /// Reads one data row: its LA, then `read` for the rest. Returns `None` for a row with no
    /// LA (blank, or skipped with a doubt), `Some(None)` for a row naming an LA that `read`
    /// makes nothing of, and the row's doubts.
    fn event_row<T>(
        &self,
        row: u32,
        cols: &Columns,
        la: &LaCols,
        data_cols: &[u32],
        read: impl FnOnce(&mut RowCells, La) -> Option<T>,
    ) -> (Option<Option<T>>, Vec<RowDoubt>) {
        let mut rc = RowCells {
            sheet: self,
            cols,
            row,
            doubts: Vec::new(),
        };
        let out = rc.la(la, data_cols).map(|l| read(&mut rc, l));
        (out, rc.doubts)
    }

    /// The inspection column groups of a wide history heading row.
    fn wide_groups(&self, cols: &Columns) -> Vec<WideGroup> {
        let spell = |xs: &[&str]| xs.iter().map(|s| norm(s)).collect::<Vec<_>>();
        let label_of = |col: u32| {
            let p = one_line(cols.printed(col));
            let lower = p.to_lowercase();
            match lower.rfind("publication date") {
                Some(i) if i > 0 => p[..i].trim().to_string(),
                _ => p,
            }
        };
        let mut groups = Vec::new();
        for g in h::fixed_groups() {
            let Some(published) = cols.find(&spell(g.published)) else {
                continue;
            };
            let grades = g
                .grades
                .iter()
                .filter_map(|(spellings, slot)| {
                    cols.find(&spell(spellings)).map(|c| {
                        let slot = match slot {
                            GradeSlotSpec::J(j) => GradeSlot::Judgement(*j),
                            GradeSlotSpec::Other(l) => GradeSlot::Other(l),
                        };
                        (c as usize, slot)
                    })
                })
                .collect();
            groups.push(WideGroup {
                label: label_of(published),
                framework: g.framework,
                kind: g.kind,
                published: Some(published as usize),
                start: None,
                type_col: None,
                grades,
            });
        }
        for round in h::SIF_ROUNDS {
            for prefix in round.prefixes {
                let dates: Vec<String> = h::SIF_PUBLISHED_LEADS
                    .iter()
                    .flat_map(|lead| {
                        h::SIF_PUBLISHED
                            .iter()
                            .map(move |s| format!("{lead}{prefix} {s}"))
                    })
                    .collect();
                let Some(published) = cols.find(&dates) else {
                    continue;
                };
                let with = |suffixes: &[&str]| -> Vec<String> {
                    suffixes.iter().map(|s| format!("{prefix} {s}")).collect()
                };
                let mut grades: Vec<(usize, GradeSlot)> = h::SIF_GRADES
                    .iter()
                    .filter_map(|(suffixes, j)| {
                        cols.find(&with(suffixes))
                            .map(|c| (c as usize, GradeSlot::Judgement(*j)))
                    })
                    .collect();
                if round.takes_lscb
                    && !grades
                        .iter()
                        .any(|(_, s)| *s == GradeSlot::Judgement(Judgement::Lscb))
                {
                    if let Some(c) = cols.find(&spell(h::LSCB_STANDALONE)) {
                        grades.push((c as usize, GradeSlot::Judgement(Judgement::Lscb)));
                    }
                }
                groups.push(WideGroup {
                    label: label_of(published),
                    framework: Some(Framework::Sif),
                    kind: Some(round.kind),
                    published: Some(published as usize),
                    start: cols.find(&with(h::SIF_START)).map(|c| c as usize),
                    type_col: None,
                    grades,
                });
                break;
            }
        }
        // ILACS rounds: "<ordinal> ILACS framework …", in column order.
        let mut prefixes: Vec<String> = Vec::new();
        for hd in &cols.headings {
            for suffix in [h::ILACS_TYPE, h::ILACS_PUBLISHED] {
                let tail = format!("{} {suffix}", h::ILACS_MARK);
                if let Some(stem) = hd.norm.strip_suffix(&tail) {
                    let prefix = format!("{stem}{}", h::ILACS_MARK);
                    if !prefixes.contains(&prefix) {
                        prefixes.push(prefix);
                    }
                }
            }
        }
        for prefix in prefixes {
            let with = |suffixes: &[&str]| -> Vec<String> {
                suffixes.iter().map(|s| format!("{prefix} {s}")).collect()
            };
            let type_col = cols.find(&with(&[h::ILACS_TYPE]));
            let published = cols.find(&with(&[h::ILACS_PUBLISHED]));
            let grades = h::ILACS_GRADES
                .iter()
                .filter_map(|(suffixes, j)| {
                    cols.find(&with(suffixes))
                        .map(|c| (c as usize, GradeSlot::Judgement(*j)))
                })
                .collect();
            let label_col = type_col.or(published).expect("found by one of them");
            let printed = one_line(cols.printed(label_col));
            let label = printed
                .char_indices()
                .map(|(i, _)| i)
                .find(|i| {
                    norm(&printed[*i..]) == h::ILACS_TYPE
                        || norm(&printed[*i..]) == h::ILACS_PUBLISHED
                })
                .map_or(printed.clone(), |i| printed[..i].trim().to_string());
            groups.push(WideGroup {
                label,
                framework: Some(Framework::Ilacs),
                kind: None,
                published: published.map(|c| c as usize),
                start: cols.find(&with(h::ILACS_START)).map(|c| c as usize),
                type_col: type_col.map(|c| c as usize),
                grades,
            });
        }
        groups
    }

    fn wide(
        &self,
        header: u32,
        end: u32,
        cols: &Columns,
        la: &LaCols,
        groups: Vec<WideGroup>,
        title: Option<String>,
    ) -> Result<TableRead, OfficialError> {
        let mut data_cols: Vec<u32> = Vec::new();
        for g in &groups {
            data_cols.extend(
                [g.published, g.start, g.type_col]
                    .into_iter()
                    .flatten()
                    .map(|c| c as u32),
            );
            data_cols.extend(g.grades.iter().map(|(c, _)| *c as u32));
        }
        let mut used = Self::la_used(la);
        used.extend(&data_cols);
        let ignored = self.leftover(header, cols, &used)?;

        let mut events = Vec::new();
        let mut doubts = Vec::new();
        let mut last = None;
        for row in header + 1..=end {
            let (read, row_doubts) = self.event_row(row, cols, la, &data_cols, |rc, l| {
                Some(self.wide_row(rc, &groups, &l))
            });
            doubts.extend(row_doubts);
            if let Some(row_events) = read {
                last = Some(row);
                events.extend(row_events.into_iter().flatten());
            }
        }
        let summary = self.summary(
            Layout::WideHistory,
            header,
            title,
            cols,
            (used, ignored),
            events.len(),
        );
        Ok((Table::Events(summary, events), last, doubts))
    }

    /// The events of one wide history row: one per column group holding anything.
    fn wide_row(&self, rc: &mut RowCells, groups: &[WideGroup], l: &La) -> Vec<OfficialEvent> {
        let row = rc.row;
        let mut events = Vec::new();
        for g in groups {
            let group_cols = [g.published, g.start, g.type_col]
                .into_iter()
                .flatten()
                .chain(g.grades.iter().map(|(c, _)| *c));
            if group_cols
                .clone()
                .all(|c| cells::is_nothing(self.cell(row, c as u32)))
            {
                continue;
            }
            let printed_type = g
                .type_col
                .map(|c| self.text(row, c as u32))
                .filter(|s| !s.is_empty() && cells::no_value(s).is_none());
            let (framework, kind) = match &printed_type {
                Some(t) => {
                    let (f, k) = cells::event_type(t);
                    (f.or(g.framework), k)
                }
                None => (g.framework, g.kind),
            };
            let mut grades = JudgementSet::default();
            let mut other_grades = Vec::new();
            for (c, slot) in &g.grades {
                let Some(grade) = rc.grade(*c as u32) else {
                    continue;
                };
                match slot {
                    GradeSlot::Judgement(j) => grades.set(*j, Some(grade)),
                    GradeSlot::Other(label) => other_grades.push(OtherGrade {
                        label: label.to_string(),
                        grade,
                    }),
                }
            }
            events.push(OfficialEvent {
                urn: l.urn,
                la_code: l.la_code,
                gss_code: l.gss_code.clone(),
                la_name: l.name.clone(),
                ofsted_region: l.region,
                la_status: l.status.clone(),
                link: l.link.clone(),
                framework,
                kind,
                event_type: printed_type.unwrap_or_else(|| g.label.clone()),
                visit_theme: None,
                inspection_start: rc.date(g.start.map(|c| c as u32)),
                inspection_end: None,
                published: rc.date(g.published.map(|c| c as u32)),
                grades,
                other_grades,
                sheet: self.name.to_string(),
                row: row + 1,
                also_in: Vec::new(),
            });
        }
        events
    }
}

/// A table read: the table, the last row that held an LA, and the doubts on its rows.
type TableRead = (Table, Option<u32>, Vec<RowDoubt>);

/// One data row being read: each cell it cannot read becomes a doubt, and the field empty.
struct RowCells<'s, 'a> {
    sheet: &'s Sheet<'a>,
    cols: &'s Columns,
    /// 0-based.
    row: u32,
    doubts: Vec<RowDoubt>,
}

impl RowCells<'_, '_> {
    fn doubt(&mut self, col: u32, kind: RowDoubtKind, reason: impl Into<String>) {
        self.doubts.push(RowDoubt {
            file: self.sheet.file.to_string(),
            sheet: self.sheet.name.to_string(),
            row: self.row + 1,
            column: one_line(self.cols.printed(col)),
            value: cells::shown(self.sheet.cell(self.row, col)),
            kind,
            reason: reason.into(),
        });
    }

    /// A cell's value, or `None` with a doubt saying why it is left empty.
    fn read<T>(
        &mut self,
        col: u32,
        kind: RowDoubtKind,
        parse: impl FnOnce(&Data) -> Result<Option<T>, &'static str>,
    ) -> Option<T> {
        match parse(self.sheet.cell(self.row, col)) {
            Ok(v) => v,
            Err(problem) => {
                self.doubt(col, kind, format!("{problem}; left empty"));
                None
            }
        }
    }

    fn date(&mut self, col: Option<u32>) -> Option<Date> {
        col.and_then(|c| self.read(c, RowDoubtKind::Date, cells::date))
    }

    fn grade(&mut self, col: u32) -> Option<Grade> {
        self.read(col, RowDoubtKind::Grade, cells::grade)
    }

    fn grades(&mut self, gcols: &[(Judgement, u32)]) -> JudgementSet {
        let mut set = JudgementSet::default();
        for (j, c) in gcols {
            set.set(*j, self.grade(*c));
        }
        set
    }

    /// The row's LA; `None` when the row names none (a doubt when it holds data in
    /// `data_cols`, since that data is then skipped).
    fn la(&mut self, la: &LaCols, data_cols: &[u32]) -> Option<La> {
        let (sheet, row) = (self.sheet, self.row);
        let name = sheet.text(row, la.name);
        if name.is_empty() || cells::no_value(&name).is_some() {
            let held = data_cols
                .iter()
                .find(|c| !cells::is_nothing(sheet.cell(row, **c)));
            if let Some(c) = held {
                let reason = format!(
                    "no local authority name, but \"{}\" holds {:?}; row skipped",
                    one_line(self.cols.printed(*c)),
                    cells::shown(sheet.cell(row, *c)),
                );
                self.doubt(la.name, RowDoubtKind::NoLa, reason);
            }
            return None;
        }
        let link = la
            .link
            .and_then(|c| cells::link(sheet.cell(row, c), sheet.formula(row, c)));
        let (mut urn, mut la_code) = link.as_deref().map_or((None, None), cells::ids_from_link);
        let id = RowDoubtKind::Identifier;
        if let Some(c) = la.urn {
            let v = sheet.cell(row, c);
            if !cells::is_nothing(v) {
                match cells::text(v).parse() {
                    Ok(n) => urn = Some(n),
                    Err(_) => self.doubt(c, id, "not a URN; left empty"),
                }
            }
        }
        if let Some(c) = la.la_code {
            let v = sheet.cell(row, c);
            if !cells::is_nothing(v) {
                match cells::text(v)
                    .parse()
                    .ok()
                    .filter(|n| (100..=999).contains(n))
                {
                    Some(n) => la_code = Some(n),
                    None => self.doubt(c, id, "not a three-digit DfE LA number; left empty"),
                }
            }
        }
        let mut gss_code = None;
        if let Some(c) = la.gss {
            let v = sheet.cell(row, c);
            let t = cells::text(v);
            if cells::is_gss(&t) {
                gss_code = Some(t);
            } else if !cells::is_nothing(v) {
                self.doubt(c, id, "not a GSS code (like E09000002); left empty");
            }
        }
        let region = la.region.and_then(|c| {
            let v = sheet.cell(row, c);
            if cells::is_nothing(v) {
                return None;
            }
            self.read(c, RowDoubtKind::Region, |v| cells::region(&cells::text(v)))
        });
        let status = la
            .status
            .map(|c| sheet.text(row, c))
            .filter(|s| !s.is_empty() && cells::no_value(s).is_none());
        Some(La {
            urn,
            la_code,
            gss_code,
            name,
            region,
            status,
            link,
        })
    }
}

/// Spreadsheet column letters of a 0-based column index (0 → A, 26 → AA).
fn column_letters(mut col: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ascii")
}

/// Whether a title or sheet name says "at <day> <month> …" / "as at …".
fn says_as_at(text: &str) -> bool {
    let n = norm(text);
    let words: Vec<&str> = n.split(' ').collect();
    words
        .windows(2)
        .any(|w| w[0] == "at" && w[1].starts_with(|c: char| c.is_ascii_digit()))
}

/// The date in "as at 31 March 2025" / "LA level at 31 March 2023".
fn as_at_date(text: &str) -> Option<Date> {
    let n = norm(text).replace(['-', ','], " ");
    let words: Vec<&str> = n.split_whitespace().collect();
    words.windows(4).find_map(|w| {
        if w[0] != "at" {
            return None;
        }
        cells::date(&Data::String(format!("{} {} {}", w[1], w[2], w[3])))
            .ok()
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_at_titles() {
        let d = jiff::civil::date;
        assert_eq!(
            as_at_date("Local authority inspection judgements as at 31 March 2025"),
            Some(d(2025, 3, 31))
        );
        assert_eq!(
            as_at_date("Children's social care data in England 2023 - LA level at 31 March 2023"),
            Some(d(2023, 3, 31))
        );
        assert_eq!(as_at_date("LA_level_at_31_Mar_2023"), Some(d(2023, 3, 31)));
        assert_eq!(as_at_date("Inspections_as_at_31_March"), None);
        assert!(says_as_at("Inspections_as_at_31_March"));
        assert!(!says_as_at("ILACS_inspection_history"));
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(27), "AB");
    }
}
