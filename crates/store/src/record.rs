use lacs_domain::{Grade, JudgementSet};

/// One stored document as `lacs export inspections` writes it. A stable interface: the
/// fields, their order and their words are documented in the README.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InspectionRecord {
    pub source_file: String,
    pub sha256: String,
    pub kind: String,
    pub urn: Option<u32>,
    pub la_code: Option<u16>,
    pub gss_code: Option<String>,
    pub la_name: Option<String>,
    pub ofsted_region: Option<String>,
    pub inspection_start: Option<String>,
    pub inspection_end: Option<String>,
    pub published: Option<String>,
    pub published_source: Option<String>,
    pub lead_inspector: Option<String>,
    pub overall: Option<Grade>,
    pub leaders: Option<Grade>,
    pub help_protection: Option<Grade>,
    pub in_care: Option<Grade>,
    pub care_leavers: Option<Grade>,
    pub adoption: Option<Grade>,
    pub lscb: Option<Grade>,
    pub status: String,
    pub review_reason: Option<String>,
}

impl InspectionRecord {
    /// The column names, in order.
    pub const COLUMNS: [&'static str; 22] = [
        "source_file", "sha256", "kind", "urn", "la_code", "gss_code", "la_name", "ofsted_region",
        "inspection_start", "inspection_end", "published", "published_source", "lead_inspector", "overall",
        "leaders", "help_protection", "in_care", "care_leavers", "adoption", "lscb", "status", "review_reason",
    ];

    /// Codes, name and region from the LA reference (current GSS code, as Ofsted's files
    /// and the truth file give it).
    pub(crate) fn fill_authority(&mut self) {
        if let Some(a) = self.urn.and_then(lacs_authorities::by_urn) {
            self.la_code = Some(a.la_code);
            self.gss_code = a.gss_code().map(str::to_string);
            self.la_name = Some(a.name.clone());
            self.ofsted_region = Some(a.ofsted_region.as_str().to_string());
        }
    }

    /// The values, status and unanswered doubts of a reviewed reading.
    pub(crate) fn set_reviewed(&mut self, r: &crate::Reviewed) {
        let v = &r.values;
        self.kind = v.kind.map_or_else(|| self.kind.clone(), |k| k.to_string());
        self.urn = v.urn;
        self.inspection_start = v.inspection_start.map(|d| d.to_string());
        self.inspection_end = v.inspection_end.map(|d| d.to_string());
        self.published = v.published.map(|d| d.to_string());
        self.published_source = v.published_source.map(|s| s.to_string());
        self.lead_inspector = v.lead_inspector.clone();
        self.set_grades(&v.grades);
        self.status = r.status.to_string();
        let reasons: Vec<String> = r.unanswered.iter().map(|d| format!("{}: {}", d.kind, d.message)).collect();
        self.review_reason = (!reasons.is_empty()).then(|| reasons.join("; "));
    }

    pub(crate) fn set_grades(&mut self, s: &JudgementSet) {
        self.overall = s.overall;
        self.leaders = s.leaders;
        self.help_protection = s.help_protection;
        self.in_care = s.in_care;
        self.care_leavers = s.care_leavers;
        self.adoption = s.adoption;
        self.lscb = s.lscb;
    }

    pub fn grades(&self) -> JudgementSet {
        JudgementSet {
            overall: self.overall,
            leaders: self.leaders,
            help_protection: self.help_protection,
            in_care: self.in_care,
            care_leavers: self.care_leavers,
            adoption: self.adoption,
            lscb: self.lscb,
        }
    }
}
