//! People's answers to the register's doubts, and what a reading becomes with them.
//!
//! An answer is kept by the document's content (its sha256), apart from what the machine
//! read, with who gave it, when and why: so it survives a re-reading under new rules, a
//! re-ingest and a rebuilt register (answers move between registers as CSV). Two actions:
//! `set` gives values for fields of the `export inspections` record; `accept` confirms the
//! reading as it stands, answering the doubts it had then (matched by what they say).
//!
//! **Architecture Invariant:** what was read is never overwritten by an answer. Every view
//! of a document ([`Store::inspection_records`], [`Store::report_rows`]) applies the answers
//! in one place, [`apply`], which also decides the status and the grades withheld.

use crate::{parse_word, Result, Store, StoreError};
use lacs_domain::{Date, Doubt, Field, Grade, Judgement, JudgementSet, Kind, PublishedSource, Status};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::BTreeMap;

/// What an answer does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerAction {
    /// Values for fields.
    Set,
    /// The reading confirmed as it stands.
    Accept,
}

impl AnswerAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AnswerAction::Set => "set",
            AnswerAction::Accept => "accept",
        }
    }

    fn parse(s: &str) -> Option<AnswerAction> {
        [AnswerAction::Set, AnswerAction::Accept].into_iter().find(|a| a.as_str() == s)
    }
}

/// A value a person gave for a field, checked as a reading's would be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Kind(Kind),
    Urn(u32),
    Date(Date),
    Text(String),
    Grade(Grade),
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Kind(k) => write!(f, "{k}"),
            Value::Urn(u) => write!(f, "{u}"),
            Value::Date(d) => write!(f, "{d}"),
            Value::Text(t) => f.write_str(t),
            Value::Grade(g) => write!(f, "{g}"),
        }
    }
}

/// One answer. `values` maps each field set to its value, `None` where the person says the
/// report has none (`lscb=none`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Answer {
    pub id: i64,
    pub sha256: String,
    pub action: AnswerAction,
    #[serde(serialize_with = "values_as_words")]
    pub values: BTreeMap<Field, Option<Value>>,
    /// The doubts an `accept` answered, as they read then.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub accepted: Vec<Doubt>,
    pub note: String,
    pub by: String,
    pub at: String,
}

fn values_as_words<S: serde::Serializer>(values: &BTreeMap<Field, Option<Value>>, s: S) -> std::result::Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = s.serialize_map(Some(values.len()))?;
    for (field, value) in values {
        map.serialize_entry(field.name(), &value.as_ref().map(Value::to_string))?;
    }
    map.end()
}

/// A bad answer: nothing of it is stored.
#[derive(Debug, thiserror::Error)]
pub enum AnswerError {
    #[error("no stored document has a sha256 starting {0:?}")]
    NotStored(String),
    #[error("{prefix:?} starts the sha256 of {count} documents; give more of it")]
    Ambiguous { prefix: String, count: usize },
    #[error("{0:?} is not a sha256 or the start of one (at least 6 hexadecimal digits)")]
    BadHash(String),
    #[error("document {0} was refused as not a report: it has no reading to answer")]
    Refused(String),
    #[error("{0:?} is not FIELD=VALUE")]
    NotAPair(String),
    #[error("unknown field {field:?}; the fields are: {}", Field::names().join(", "))]
    UnknownField { field: String },
    #[error("field {field} given twice")]
    Repeated { field: Field },
    #[error("{field}={value:?}: {reason}")]
    BadValue { field: Field, value: String, reason: String },
    #[error("give at least one FIELD=VALUE")]
    NoValues,
    #[error("say why, with --note")]
    NoNote,
    #[error("document {0} has no answers to undo")]
    NothingToUndo(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for AnswerError {
    fn from(e: rusqlite::Error) -> Self {
        AnswerError::Store(StoreError::Sql(e))
    }
}

/// Words meaning "the report has none".
const NONE_WORDS: [&str; 3] = ["", "none", "-"];

/// Check one value for a field, as a reading's would be: a kind word, a known LA (URN or
/// name), a date (2019-03-31, 31/03/2019 or 31 March 2019), a grade word.
pub fn check_value(field: Field, raw: &str) -> std::result::Result<Option<Value>, AnswerError> {
    let trimmed = raw.trim();
    if NONE_WORDS.contains(&trimmed.to_lowercase().as_str()) {
        return match field {
            Field::Kind => Err(bad(field, raw, "a document always has a kind (unknown is what review answers)")),
            _ => Ok(None),
        };
    }
    let word = trimmed.to_lowercase().replace([' ', '-'], "_");
    let value = match field {
        Field::Kind => match word.parse::<Kind>() {
            Ok(Kind::Unknown) => return Err(bad(field, raw, "give the kind the document is")),
            Ok(k) => Value::Kind(k),
            Err(e) => return Err(bad(field, raw, &e.to_string())),
        },
        Field::Urn => {
            let authority = match trimmed.parse::<u32>() {
                Ok(urn) => lacs_authorities::by_urn(urn).ok_or_else(|| bad(field, raw, "no known LA has this URN"))?,
                Err(_) => lacs_authorities::resolve(trimmed).map_err(|nf| {
                    let hint = if nf.suggestions.is_empty() {
                        String::new()
                    } else {
                        format!("; did you mean: {}?", nf.suggestions.join(", "))
                    };
                    bad(field, raw, &format!("no known LA by this name or code{hint}"))
                })?,
            };
            Value::Urn(authority.urn)
        }
        Field::InspectionStart | Field::InspectionEnd | Field::Published => Value::Date(parse_date(trimmed).ok_or_else(
            || bad(field, raw, "not a date (write 2019-03-31, 31/03/2019 or 31 March 2019)"),
        )?),
        Field::LeadInspector => {
            let names: Vec<String> =
                trimmed.split(';').map(|n| n.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|n| !n.is_empty()).collect();
            Value::Text(names.join("; "))
        }
        Field::Grade(_) => {
            let word = if word == "ri" { "requires_improvement".to_string() } else { word };
            Value::Grade(word.parse::<Grade>().map_err(|e| bad(field, raw, &e.to_string()))?)
        }
    };
    Ok(Some(value))
}

fn bad(field: Field, value: &str, reason: &str) -> AnswerError {
    AnswerError::BadValue { field, value: value.to_string(), reason: reason.to_string() }
}

fn parse_date(s: &str) -> Option<Date> {
    s.parse::<Date>().ok().or_else(|| {
        ["%d/%m/%Y", "%d %B %Y", "%d %b %Y"].iter().find_map(|f| jiff::fmt::strtime::parse(f, s).ok()?.to_date().ok())
    })
}

/// `FIELD=VALUE` pairs, each checked; a field named twice is refused.
pub fn parse_pairs(pairs: &[String]) -> std::result::Result<BTreeMap<Field, Option<Value>>, AnswerError> {
    if pairs.is_empty() {
        return Err(AnswerError::NoValues);
    }
    let mut values = BTreeMap::new();
    for pair in pairs {
        let (name, raw) = pair.split_once('=').ok_or_else(|| AnswerError::NotAPair(pair.clone()))?;
        let name = name.trim().to_lowercase().replace([' ', '-'], "_");
        let field = Field::from_name(&name).ok_or(AnswerError::UnknownField { field: name.clone() })?;
        if values.insert(field, check_value(field, raw)?).is_some() {
            return Err(AnswerError::Repeated { field });
        }
    }
    Ok(values)
}

/// What the machine read of a document: the values a person can answer, and its doubts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading {
    pub kind: Option<Kind>,
    pub urn: Option<u32>,
    pub inspection_start: Option<Date>,
    pub inspection_end: Option<Date>,
    pub published: Option<Date>,
    pub published_source: Option<PublishedSource>,
    pub lead_inspector: Option<String>,
    pub grades: JudgementSet,
    pub doubts: Vec<Doubt>,
}

impl Reading {
    /// The value of one field, in words (`None`: no value).
    pub fn value(&self, field: Field) -> Option<String> {
        match field {
            Field::Kind => self.kind.map(|k| k.to_string()),
            Field::Urn => self.urn.map(|u| u.to_string()),
            Field::InspectionStart => self.inspection_start.map(|d| d.to_string()),
            Field::InspectionEnd => self.inspection_end.map(|d| d.to_string()),
            Field::Published => self.published.map(|d| d.to_string()),
            Field::LeadInspector => self.lead_inspector.clone(),
            Field::Grade(j) => self.grades.get(j).map(|g| g.to_string()),
        }
    }

    fn set(&mut self, field: Field, value: Option<&Value>) {
        let date = || value.and_then(|v| if let Value::Date(d) = v { Some(*d) } else { None });
        match field {
            Field::Kind => self.kind = value.and_then(|v| if let Value::Kind(k) = v { Some(*k) } else { None }).or(self.kind),
            Field::Urn => self.urn = value.and_then(|v| if let Value::Urn(u) = v { Some(*u) } else { None }),
            Field::InspectionStart => self.inspection_start = date(),
            Field::InspectionEnd => self.inspection_end = date(),
            Field::Published => {
                self.published = date();
                self.published_source = self.published.map(|_| PublishedSource::Person);
            }
            Field::LeadInspector => self.lead_inspector = value.map(Value::to_string),
            Field::Grade(j) => self.grades.set(j, value.and_then(|v| if let Value::Grade(g) = v { Some(*g) } else { None })),
        }
    }
}

/// A reading with its answers applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Reviewed {
    /// The values as answered: a person's where they gave one, else the machine's.
    pub values: Reading,
    /// The answer that set each field a person gave.
    pub answered: BTreeMap<Field, i64>,
    /// Fields a person confirmed as read (by accepting a doubt that concerned them).
    pub confirmed: BTreeMap<Field, i64>,
    /// Doubts no answer covers (warnings aside).
    pub unanswered: Vec<Doubt>,
    /// Judgements with a grade that cannot be counted while a doubt on them stands.
    pub withheld: Vec<Judgement>,
    /// `ok` when every doubt is answered.
    pub status: Status,
}

/// Apply `answers` (oldest first) to what was read. A doubt is answered when a person set
/// every field it concerns, or accepted a reading that had it; a doubt that concerns no
/// field (the findings) only by acceptance.
pub fn apply(read: &Reading, answers: &[&Answer]) -> Reviewed {
    let mut values = read.clone();
    let mut answered = BTreeMap::new();
    let mut confirmed = BTreeMap::new();
    for answer in answers.iter().filter(|a| a.action == AnswerAction::Set) {
        for (field, value) in &answer.values {
            values.set(*field, value.as_ref());
            answered.insert(*field, answer.id);
        }
    }
    let mut unanswered = Vec::new();
    for doubt in read.doubts.iter().filter(|d| !d.kind.is_warning()) {
        let fields = doubt.fields();
        let set_by_person = !fields.is_empty() && fields.iter().all(|f| answered.contains_key(f));
        let accepted_by = answers
            .iter()
            .rev()
            .find(|a| a.action == AnswerAction::Accept && a.accepted.iter().any(|x| x.same_as(doubt)));
        match (set_by_person, accepted_by) {
            (true, _) => {}
            (false, Some(answer)) => {
                for f in fields.into_iter().filter(|f| !answered.contains_key(f)) {
                    confirmed.insert(f, answer.id);
                }
            }
            (false, None) => unanswered.push(doubt.clone()),
        }
    }
    let graded: Vec<Judgement> = values.grades.iter().map(|(j, _)| j).collect();
    let withheld = if unanswered.iter().any(Doubt::concerns_whole_reading) {
        graded
    } else {
        graded
            .into_iter()
            .filter(|j| unanswered.iter().any(|d| d.fields().contains(&Field::Grade(*j))) && !answered.contains_key(&Field::Grade(*j)))
            .collect()
    };
    let status = if unanswered.is_empty() { Status::Ok } else { Status::NeedsReview };
    Reviewed { values, answered, confirmed, unanswered, withheld, status }
}

/// One stored report as read and as answered.
#[derive(Debug, Clone)]
pub struct ReviewedDocument {
    pub id: i64,
    pub sha256: String,
    pub read: Reading,
    pub reviewed: Reviewed,
    /// Its answers, oldest first.
    pub answers: Vec<Answer>,
}

impl ReviewedDocument {
    /// The answer with this id.
    pub fn answer(&self, id: i64) -> Option<&Answer> {
        self.answers.iter().find(|a| a.id == id)
    }
}

impl Store {
    /// Every stored report (refused files aside) as read and as answered, by document id.
    pub fn reviewed_documents(&self) -> Result<Vec<ReviewedDocument>> {
        let mut grades = self.grades_by_document(None)?;
        let mut answers = self.answers()?;
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT id, sha256, {READING_COLUMNS} FROM documents WHERE status != 'refused' ORDER BY id"))?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let sha256: String = r.get(1)?;
            let read = Reading { grades: grades.remove(&id).unwrap_or_default(), ..reading_from_row(r, 2)? };
            let answers = answers.remove(&sha256).unwrap_or_default();
            let reviewed = apply(&read, &answers.iter().collect::<Vec<_>>());
            out.push(ReviewedDocument { id, sha256, read, reviewed, answers });
        }
        Ok(out)
    }

    /// Every answer, oldest first, by document content.
    pub fn answers(&self) -> Result<BTreeMap<String, Vec<Answer>>> {
        let mut out: BTreeMap<String, Vec<Answer>> = BTreeMap::new();
        for answer in self.answers_where(None)? {
            out.entry(answer.sha256.clone()).or_default().push(answer);
        }
        Ok(out)
    }

    /// One document's answers, oldest first.
    pub fn answers_of(&self, sha256: &str) -> Result<Vec<Answer>> {
        self.answers_where(Some(sha256))
    }

    fn answers_where(&self, sha256: Option<&str>) -> Result<Vec<Answer>> {
        if !self.has_answers() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare(
            "SELECT id, sha256, action, answer_values, accepted, note, answered_by, answered_at FROM answers
             WHERE ?1 IS NULL OR sha256 = ?1 ORDER BY id",
        )?;
        let mut rows = stmt.query([sha256])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(answer_from_row(r)?);
        }
        Ok(out)
    }

    /// The one stored document (not refused) whose sha256 is or starts with `prefix`.
    pub fn resolve_document(&self, prefix: &str) -> std::result::Result<String, AnswerError> {
        let prefix = prefix.trim().to_lowercase();
        if prefix.len() < 6 || prefix.len() > 64 || !prefix.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(AnswerError::BadHash(prefix));
        }
        let mut stmt = self.conn.prepare("SELECT sha256, status FROM documents WHERE substr(sha256, 1, ?2) = ?1 LIMIT 3")?;
        let found: Vec<(String, String)> = stmt
            .query_map(params![prefix, prefix.len() as i64], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<std::result::Result<_, _>>()?;
        match found.as_slice() {
            [] => Err(AnswerError::NotStored(prefix)),
            [(sha, status)] if status == crate::REFUSED => Err(AnswerError::Refused(sha.clone())),
            [(sha, _)] => Ok(sha.clone()),
            several => Err(AnswerError::Ambiguous { prefix, count: several.len() }),
        }
    }

    /// A person's values for fields of a document: checked as a reading would be (each
    /// value, then the record they make: a grade the kind has, dates in order, the
    /// framework's rules), stored in one transaction, or refused whole.
    pub fn answer_set(
        &mut self,
        document: &str,
        pairs: &[String],
        note: &str,
        by: &str,
    ) -> std::result::Result<Answer, AnswerError> {
        let sha256 = self.resolve_document(document)?;
        let values = parse_pairs(pairs)?;
        let note = required_note(note)?;
        let reading = self.reading(&sha256)?.ok_or_else(|| AnswerError::NotStored(sha256.clone()))?;
        let answers = self.answers_of(&sha256)?;
        let mut earlier: Vec<&Answer> = answers.iter().collect();
        let answer = Answer {
            id: 0,
            sha256,
            action: AnswerAction::Set,
            values,
            accepted: Vec::new(),
            note,
            by: by.to_string(),
            at: crate::now(),
        };
        earlier.push(&answer);
        check_record(&apply(&reading, &earlier).values, &answer.values)?;
        let tx = self.conn.transaction()?;
        let id = insert_answer(&tx, &answer)?;
        crate::touch(&tx)?;
        tx.commit()?;
        Ok(Answer { id, ..answer })
    }

    /// Confirm a document's reading as it stands: its doubts now are answered.
    pub fn answer_accept(&mut self, document: &str, note: &str, by: &str) -> std::result::Result<Answer, AnswerError> {
        let sha256 = self.resolve_document(document)?;
        let note = required_note(note)?;
        let reading = self.reading(&sha256)?.ok_or_else(|| AnswerError::NotStored(sha256.clone()))?;
        let answer = Answer {
            id: 0,
            sha256,
            action: AnswerAction::Accept,
            values: BTreeMap::new(),
            accepted: reading.doubts.into_iter().filter(|d| !d.kind.is_warning()).collect(),
            note,
            by: by.to_string(),
            at: crate::now(),
        };
        let tx = self.conn.transaction()?;
        let id = insert_answer(&tx, &answer)?;
        crate::touch(&tx)?;
        tx.commit()?;
        Ok(Answer { id, ..answer })
    }

    /// Remove a document's latest answer; returns it.
    pub fn answer_undo(&mut self, document: &str) -> std::result::Result<Answer, AnswerError> {
        let sha256 = self.resolve_document(document)?;
        let last = self.answers_of(&sha256)?.pop().ok_or(AnswerError::NothingToUndo(sha256))?;
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM answers WHERE id = ?1", [last.id])?;
        crate::touch(&tx)?;
        tx.commit()?;
        Ok(last)
    }

    /// Store answers brought from another register, in one transaction: each checked as
    /// `review set` checks it; one already held (same content, action, values, note, who and
    /// when) is skipped. Answers for content this register does not hold are kept for when
    /// it arrives. Returns how many were added.
    pub fn import_answers(&mut self, answers: &[Answer]) -> Result<usize> {
        let held = self.answers()?;
        let tx = self.conn.transaction()?;
        let mut added = 0;
        for answer in answers {
            let same = |a: &&Answer| {
                (a.action, &a.values, &a.note, &a.by, &a.at) == (answer.action, &answer.values, &answer.note, &answer.by, &answer.at)
                    && a.accepted.len() == answer.accepted.len()
                    && a.accepted.iter().zip(&answer.accepted).all(|(x, y)| x.same_as(y))
            };
            if held.get(&answer.sha256).is_some_and(|list| list.iter().any(|a| same(&a))) {
                continue;
            }
            insert_answer(&tx, answer)?;
            added += 1;
        }
        if added > 0 {
            crate::touch(&tx)?;
        }
        tx.commit()?;
        Ok(added)
    }

    /// What the machine read of one document (answers not applied); `None` when it is not
    /// stored or was refused.
    pub fn reading(&self, sha256: &str) -> Result<Option<Reading>> {
        let grades = self.grades_by_document(Some(sha256))?.into_values().next().unwrap_or_default();
        let row = self
            .conn
            .query_row(
                &format!("SELECT {READING_COLUMNS} FROM documents WHERE sha256 = ?1 AND status != 'refused'"),
                [sha256],
                |r| Ok(reading_from_row(r, 0)),
            )
            .optional()?;
        row.transpose().map(|o| o.map(|reading| Reading { grades, ..reading }))
    }

}

/// The `documents` columns a [`Reading`] is made from (grades aside), in [`reading_from_row`]'s order.
pub(crate) const READING_COLUMNS: &str =
    "kind, urn, inspection_start, inspection_end, published, published_source, lead_inspector, doubts";

/// A [`Reading`] (without grades) from [`READING_COLUMNS`] starting at column `at`.
pub(crate) fn reading_from_row(r: &rusqlite::Row, at: usize) -> Result<Reading> {
    let date = |i: usize| -> Result<Option<Date>> {
        r.get::<_, Option<String>>(at + i)?
            .map(|s| s.parse::<Date>().map_err(|e| StoreError::Corrupt(format!("date {s:?}: {e}"))))
            .transpose()
    };
    let doubts: String = r.get(at + 7)?;
    Ok(Reading {
        kind: Some(parse_word(&r.get::<_, String>(at)?)?),
        urn: r.get(at + 1)?,
        inspection_start: date(2)?,
        inspection_end: date(3)?,
        published: date(4)?,
        published_source: r.get::<_, Option<String>>(at + 5)?.map(|s| parse_word(&s)).transpose()?,
        lead_inspector: r.get(at + 6)?,
        grades: JudgementSet::default(),
        doubts: serde_json::from_str(&doubts).map_err(|e| StoreError::Corrupt(format!("doubts: {e}")))?,
    })
}

fn required_note(note: &str) -> std::result::Result<String, AnswerError> {
    let note = note.split_whitespace().collect::<Vec<_>>().join(" ");
    if note.is_empty() {
        Err(AnswerError::NoNote)
    } else {
        Ok(note)
    }
}

/// The record a `set` makes must hold together as a reading must: each grade one its kind
/// has, the inspection ending after it starts, and no hard framework rule broken by the
/// grades given.
fn check_record(record: &Reading, given: &BTreeMap<Field, Option<Value>>) -> std::result::Result<(), AnswerError> {
    let kind = record.kind.unwrap_or(Kind::Unknown);
    let expected = kind.expected_judgements(record.inspection_start);
    for (field, value) in given {
        let (Field::Grade(j), Some(value)) = (field, value) else { continue };
        if kind.framework().is_some() && !expected.allows(*j) {
            return Err(bad(*field, &value.to_string(), &format!("{kind} reports have no {j} judgement")));
        }
    }
    if let (Some(start), Some(end)) = (record.inspection_start, record.inspection_end) {
        if end < start {
            let field = if given.contains_key(&Field::InspectionEnd) { Field::InspectionEnd } else { Field::InspectionStart };
            let value = record.value(field).unwrap_or_default();
            return Err(bad(field, &value, &format!("the inspection would end ({end}) before it starts ({start})")));
        }
    }
    let grades_given = given.keys().any(|f| matches!(f, Field::Grade(_)));
    if let (true, Some(framework)) = (grades_given, kind.framework()) {
        if let Some(broken) = lacs_domain::rules::check(framework, &record.grades).into_iter().find(|d| !d.kind.is_warning()) {
            let (field, value) = given.iter().find(|(f, _)| matches!(f, Field::Grade(_))).map(|(f, v)| (*f, v)).unwrap_or((Field::Kind, &None));
            let value = value.as_ref().map(Value::to_string).unwrap_or_default();
            return Err(bad(field, &value, &format!("the grades would break {}", broken.message)));
        }
    }
    Ok(())
}

fn insert_answer(tx: &Connection, answer: &Answer) -> Result<i64> {
    let values: BTreeMap<&str, Option<String>> =
        answer.values.iter().map(|(f, v)| (f.name(), v.as_ref().map(Value::to_string))).collect();
    tx.execute(
        "INSERT INTO answers (sha256, action, answer_values, accepted, note, answered_by, answered_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            answer.sha256,
            answer.action.as_str(),
            serde_json::to_string(&values).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            serde_json::to_string(&answer.accepted).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            answer.note,
            answer.by,
            answer.at,
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

fn answer_from_row(r: &rusqlite::Row) -> Result<Answer> {
    let corrupt = |what: &str, e: String| StoreError::Corrupt(format!("answer {what}: {e}"));
    let action: String = r.get(2)?;
    let raw: BTreeMap<String, Option<String>> =
        serde_json::from_str(&r.get::<_, String>(3)?).map_err(|e| corrupt("values", e.to_string()))?;
    let mut values = BTreeMap::new();
    for (name, value) in raw {
        let field = Field::from_name(&name).ok_or_else(|| corrupt("field", name.clone()))?;
        let value = check_value(field, value.as_deref().unwrap_or("none")).map_err(|e| corrupt("value", e.to_string()))?;
        values.insert(field, value);
    }
    Ok(Answer {
        id: r.get(0)?,
        sha256: r.get(1)?,
        action: AnswerAction::parse(&action).ok_or_else(|| corrupt("action", action.clone()))?,
        values,
        accepted: serde_json::from_str(&r.get::<_, String>(4)?).map_err(|e| corrupt("doubts", e.to_string()))?,
        note: r.get(5)?,
        by: r.get(6)?,
        at: r.get(7)?,
    })
}

/// Answers as CSV rows and back: one row per field set, or per doubt accepted (an accept of
/// a reading without doubts is one row with both empty). Rows of one answer share its `answer`
/// number, in the order given.
pub mod csv_rows {
    use super::*;

    /// The CSV columns.
    pub const COLUMNS: [&str; 9] = ["answer", "sha256", "action", "field", "value", "note", "answered_by", "answered_at", "doubt_kind"];

    /// One CSV row.
    #[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    pub struct AnswerRow {
        pub answer: u64,
        pub sha256: String,
        pub action: String,
        pub field: String,
        pub value: String,
        pub note: String,
        pub answered_by: String,
        pub answered_at: String,
        pub doubt_kind: String,
    }

    /// Rows for answers.
    pub fn to_rows(answers: &[&Answer]) -> Vec<AnswerRow> {
        let mut rows = Vec::new();
        for (n, a) in answers.iter().enumerate() {
            let row = |field: &str, value: String, doubt_kind: &str| AnswerRow {
                answer: n as u64 + 1,
                sha256: a.sha256.clone(),
                action: a.action.as_str().to_string(),
                field: field.to_string(),
                value,
                note: a.note.clone(),
                answered_by: a.by.clone(),
                answered_at: a.at.clone(),
                doubt_kind: doubt_kind.to_string(),
            };
            match a.action {
                AnswerAction::Set => rows.extend(
                    a.values.iter().map(|(f, v)| row(f.name(), v.as_ref().map_or("none".to_string(), Value::to_string), "")),
                ),
                AnswerAction::Accept if a.accepted.is_empty() => rows.push(row("", String::new(), "")),
                AnswerAction::Accept => rows.extend(a.accepted.iter().map(|d| row("doubt", d.message.clone(), d.kind.as_str()))),
            }
        }
        rows
    }

    /// Answers from rows, each checked; an error names the row (1 = the first after the
    /// header) and what is wrong with it.
    pub fn from_rows(rows: &[AnswerRow]) -> std::result::Result<Vec<Answer>, (usize, String)> {
        let mut answers: Vec<(u64, Answer)> = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            let line = i + 1;
            let fail = |e: String| (line, e);
            if row.sha256.len() != 64 || !row.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(fail(format!("sha256 {:?} is not 64 hexadecimal digits", row.sha256)));
            }
            let action = AnswerAction::parse(&row.action)
                .ok_or_else(|| fail(format!("action {:?} is not set or accept", row.action)))?;
            if row.note.trim().is_empty() {
                return Err(fail("note is empty".to_string()));
            }
            if row.answered_at.parse::<jiff::Timestamp>().is_err() {
                return Err(fail(format!("answered_at {:?} is not a time (RFC 3339)", row.answered_at)));
            }
            let continues = answers.last().is_some_and(|(n, a)| *n == row.answer && a.sha256 == row.sha256 && a.action == action);
            if !continues {
                if answers.iter().any(|(n, _)| *n == row.answer) {
                    return Err(fail(format!("answer {} is split by other rows or changes document or action", row.answer)));
                }
                answers.push((
                    row.answer,
                    Answer {
                        id: 0,
                        sha256: row.sha256.to_lowercase(),
                        action,
                        values: BTreeMap::new(),
                        accepted: Vec::new(),
                        note: row.note.clone(),
                        by: row.answered_by.clone(),
                        at: row.answered_at.clone(),
                    },
                ));
            }
            let Some((_, answer)) = answers.last_mut() else { continue };
            match action {
                AnswerAction::Set => {
                    let field = Field::from_name(&row.field)
                        .ok_or_else(|| fail(AnswerError::UnknownField { field: row.field.clone() }.to_string()))?;
                    let value = check_value(field, &row.value).map_err(|e| fail(e.to_string()))?;
                    if answer.values.insert(field, value).is_some() {
                        return Err(fail(AnswerError::Repeated { field }.to_string()));
                    }
                }
                AnswerAction::Accept if row.field.is_empty() => {}
                AnswerAction::Accept => {
                    let kind = row.doubt_kind.parse().map_err(|e: lacs_domain::UnknownWord| fail(e.to_string()))?;
                    answer.accepted.push(Doubt::new(kind, row.value.clone()));
                }
            }
        }
        Ok(answers.into_iter().map(|(_, a)| a).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lacs_domain::DoubtKind;

    fn answer(id: i64, action: AnswerAction, values: &[(Field, Option<Value>)], accepted: Vec<Doubt>) -> Answer {
        Answer {
            id,
            sha256: "a".repeat(64),
            action,
            values: values.iter().cloned().collect(),
            accepted,
            note: "checked".into(),
            by: "ann".into(),
            at: "2026-12-03T10:00:00Z".into(),
        }
    }

    fn flagged() -> Reading {
        let grades = JudgementSet { overall: Some(Grade::Good), in_care: Some(Grade::Good), ..Default::default() };
        Reading {
            kind: Some(Kind::IlacsStandard),
            urn: Some(80426),
            grades,
            doubts: vec![
                Doubt::new(DoubtKind::CrossCheck, "in_care: page 1 says good, the body heading says outstanding")
                    .about(&[Judgement::InCare]),
                Doubt::new(DoubtKind::Inspector, "no \"Lead inspector:\" on page 1"),
            ],
            ..Default::default()
        }
    }

    #[test]
    fn only_the_doubted_grade_is_withheld_until_a_person_answers_it() {
        let read = flagged();
        let none = apply(&read, &[]);
        assert_eq!(none.status, Status::NeedsReview);
        assert_eq!(none.withheld, [Judgement::InCare]);
        assert_eq!(none.unanswered.len(), 1, "a warning never waits");

        let set = answer(1, AnswerAction::Set, &[(Field::Grade(Judgement::InCare), Some(Value::Grade(Grade::Outstanding)))], vec![]);
        let answered = apply(&read, &[&set]);
        assert_eq!(answered.status, Status::Ok);
        assert!(answered.withheld.is_empty());
        assert_eq!(answered.values.grades.in_care, Some(Grade::Outstanding));
        assert_eq!(answered.answered.get(&Field::Grade(Judgement::InCare)), Some(&1));

        let accept = answer(2, AnswerAction::Accept, &[], read.doubts.clone());
        let accepted = apply(&read, &[&accept]);
        assert_eq!((accepted.status, accepted.values.grades.in_care), (Status::Ok, Some(Grade::Good)));
        assert_eq!(accepted.confirmed.get(&Field::Grade(Judgement::InCare)), Some(&2));
    }

    #[test]
    fn a_doubt_on_the_la_withholds_every_grade_and_a_new_doubt_is_not_covered_by_an_old_acceptance() {
        let mut read = flagged();
        read.doubts.push(Doubt::new(DoubtKind::Authority, "no known LA named on page 1"));
        let accept = answer(1, AnswerAction::Accept, &[], read.doubts[..1].to_vec());
        let reviewed = apply(&read, &[&accept]);
        assert_eq!(reviewed.withheld, [Judgement::Overall, Judgement::InCare]);
        assert_eq!(reviewed.unanswered.len(), 1);
        let set = answer(2, AnswerAction::Set, &[(Field::Urn, Some(Value::Urn(80426)))], vec![]);
        assert_eq!(apply(&read, &[&accept, &set]).status, Status::Ok);
    }

    #[test]
    fn values_are_checked_as_a_reading_would_be() {
        let ok = parse_pairs(&[
            "in_care=Requires improvement".into(),
            "published=31/03/2019".into(),
            "inspection_start=4 March 2019".into(),
            "urn=Barnsley".into(),
            "lscb=none".into(),
        ])
        .unwrap();
        assert_eq!(ok[&Field::Grade(Judgement::InCare)], Some(Value::Grade(Grade::RequiresImprovement)));
        assert_eq!(ok[&Field::Published], Some(Value::Date(jiff::civil::date(2019, 3, 31))));
        assert_eq!(ok[&Field::InspectionStart], Some(Value::Date(jiff::civil::date(2019, 3, 4))));
        assert_eq!(ok[&Field::Urn], Some(Value::Urn(80426)));
        assert_eq!(ok[&Field::Grade(Judgement::Lscb)], None);
        for (pair, names) in [
            ("grade=good", "grade"),
            ("overall=great", "overall"),
            ("published=2019-02-30", "published"),
            ("urn=99999999", "urn"),
            ("kind=unknown", "kind"),
            ("overall", "overall"),
        ] {
            let e = parse_pairs(&[pair.into()]).unwrap_err().to_string();
            assert!(e.contains(names), "{pair}: {e}");
        }
        assert!(matches!(parse_pairs(&["overall=good".into(), "overall=good".into()]), Err(AnswerError::Repeated { .. })));
    }

    #[test]
    fn csv_rows_give_back_the_answers() {
        let read = flagged();
        let set = answer(1, AnswerAction::Set, &[(Field::Grade(Judgement::InCare), Some(Value::Grade(Grade::Outstanding))), (Field::Grade(Judgement::Lscb), None)], vec![]);
        let accept = answer(2, AnswerAction::Accept, &[], read.doubts[..1].to_vec());
        let rows = csv_rows::to_rows(&[&set, &accept]);
        assert_eq!(rows.len(), 3);
        let back = csv_rows::from_rows(&rows).unwrap();
        assert_eq!(back[0].values, set.values);
        assert!(back[1].accepted[0].same_as(&accept.accepted[0]));
        let mut broken = rows.clone();
        broken[1].value = "brilliant".into();
        let (line, e) = csv_rows::from_rows(&broken).unwrap_err();
        assert_eq!(line, 2);
        assert!(e.contains("lscb"), "{e}");
    }
}
