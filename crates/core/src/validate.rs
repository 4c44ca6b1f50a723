//! Validation as data: [`validate`] and [`check_json`] return a [`Report`] holding every
//! [`Issue`] at once, each with a [`Severity`], a JSON pointer, a stable [`Code`], a
//! plain-English message and a help text citing the form or the Code of Practice.
//!
//! No issue ever contains a field's value — only its path — because a plan holds a child's
//! health and family data.

use std::collections::BTreeSet;
use std::fmt;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

use crate::child::KeyStage;
use crate::outcome::OutcomeStatus;
use crate::plan::{Plan, PlanStatus};
use crate::provision::FundingSource;
use crate::review::ReviewStamp;

/// How serious an issue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The plan is invalid (exit code 1).
    Error,
    /// A quality or good-practice problem; invalid only with `--strict`.
    Warning,
}

impl Severity {
    /// `"error"` or `"warning"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// The stable code of an issue. Codes never change meaning; new ones may be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Code {
    /// The file is not valid JSON (or not UTF-8 text).
    JsonSyntax,
    /// A field the model does not know (a typo would otherwise drop data silently).
    UnknownField,
    /// The same key twice in one object (a JSON reader would keep only one of them).
    DuplicateKey,
    /// A required field is missing.
    MissingField,
    /// A value has the wrong JSON type.
    WrongType,
    /// A value is of the right type but not allowed (for example an unknown choice).
    InvalidValue,
    /// A date is malformed or impossible; dates are `YYYY-MM-DD`.
    DateInvalid,
    /// A date is before the plan start date.
    ReviewBeforeStart,
    /// A progress measure outside 1–5.
    ProgressMeasureRange,
    /// Two outcomes share a number.
    OutcomeNumberDuplicate,
    /// A reference to an outcome number that does not exist.
    OutcomeUnknown,
    /// A review stamp other than R1 or R2 on a step, target or provision item.
    ReviewTagR3,
    /// An outcome not in the SMART frame "By the end of … will be able to …".
    OutcomeNotSmart,
    /// A provision item without who will do it.
    ProvisionMissingWho,
    /// A provision item without how often and for how long.
    ProvisionMissingFrequency,
    /// A resource funded from the delegated budget without a weekly cost.
    CostMissingWeekly,
    /// Year 9 or above with no preparing-for-adulthood outcome.
    PfaOutcomeMissing,
    /// No review date.
    ReviewDateMissing,
}

impl Code {
    /// Every code, in a stable order.
    pub const ALL: [Code; 18] = [
        Code::JsonSyntax,
        Code::UnknownField,
        Code::DuplicateKey,
        Code::MissingField,
        Code::WrongType,
        Code::InvalidValue,
        Code::DateInvalid,
        Code::ReviewBeforeStart,
        Code::ProgressMeasureRange,
        Code::OutcomeNumberDuplicate,
        Code::OutcomeUnknown,
        Code::ReviewTagR3,
        Code::OutcomeNotSmart,
        Code::ProvisionMissingWho,
        Code::ProvisionMissingFrequency,
        Code::CostMissingWeekly,
        Code::PfaOutcomeMissing,
        Code::ReviewDateMissing,
    ];

    /// The code as written in reports, for example `review-tag-r3`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::JsonSyntax => "json-syntax",
            Code::UnknownField => "unknown-field",
            Code::DuplicateKey => "duplicate-key",
            Code::MissingField => "missing-field",
            Code::WrongType => "wrong-type",
            Code::InvalidValue => "invalid-value",
            Code::DateInvalid => "date-invalid",
            Code::ReviewBeforeStart => "review-before-start",
            Code::ProgressMeasureRange => "progress-measure-range",
            Code::OutcomeNumberDuplicate => "outcome-number-duplicate",
            Code::OutcomeUnknown => "outcome-unknown",
            Code::ReviewTagR3 => "review-tag-r3",
            Code::OutcomeNotSmart => "outcome-not-smart",
            Code::ProvisionMissingWho => "provision-missing-who",
            Code::ProvisionMissingFrequency => "provision-missing-frequency",
            Code::CostMissingWeekly => "cost-missing-weekly",
            Code::PfaOutcomeMissing => "pfa-outcome-missing",
            Code::ReviewDateMissing => "review-date-missing",
        }
    }

    /// The code for a string such as `review-tag-r3`.
    pub fn parse(s: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// The severity this code always has.
    pub fn severity(self) -> Severity {
        match self {
            Code::OutcomeNotSmart
            | Code::ProvisionMissingWho
            | Code::ProvisionMissingFrequency
            | Code::CostMissingWeekly
            | Code::PfaOutcomeMissing
            | Code::ReviewDateMissing => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// The fixed plain-English message.
    pub fn message(self) -> &'static str {
        match self {
            Code::JsonSyntax => "the file is not valid JSON",
            Code::UnknownField => "this field is not part of a plan",
            Code::DuplicateKey => "this field is given twice in the same object",
            Code::MissingField => "this required field is missing",
            Code::WrongType => "this value has the wrong type",
            Code::InvalidValue => "this value is not one of those allowed here",
            Code::DateInvalid => "this date is malformed or does not exist",
            Code::ReviewBeforeStart => "this date is before the plan start date",
            Code::ProgressMeasureRange => "the progress measure must be a whole number from 1 to 5",
            Code::OutcomeNumberDuplicate => "another outcome already has this number",
            Code::OutcomeUnknown => "this refers to an outcome number that is not in the plan",
            Code::ReviewTagR3 => "only R1 and R2 can mark changes made at a review",
            Code::OutcomeNotSmart => {
                "the outcome is not worded in the SMART frame \"By the end of … will be able to …\""
            }
            Code::ProvisionMissingWho => "the provision does not say who will do it",
            Code::ProvisionMissingFrequency => {
                "the provision does not say how often and for how long"
            }
            Code::CostMissingWeekly => {
                "a resource funded from the school's delegated budget has no weekly cost"
            }
            Code::PfaOutcomeMissing => {
                "the young person is in Year 9 or above but no outcome addresses preparing for adulthood"
            }
            Code::ReviewDateMissing => "the plan has no review date",
        }
    }

    /// The fixed help text; warnings cite the form or the Code of Practice paragraph.
    pub fn help(self) -> &'static str {
        match self {
            Code::JsonSyntax => "fix the JSON at the line and column given, then check again",
            Code::UnknownField => {
                "check the spelling of the field name; unknown fields are rejected so that a typo cannot silently drop data"
            }
            Code::DuplicateKey => {
                "keep one of the two: a JSON reader would silently keep only the last and lose the other"
            }
            Code::MissingField => "add the field; run `supportplan schema` to see what it holds",
            Code::WrongType => "run `supportplan schema` to see the type this field takes",
            Code::InvalidValue => "run `supportplan schema` to see the values this field allows",
            Code::DateInvalid => {
                "write dates as YYYY-MM-DD, for example 2026-01-31, and check the day exists in that month"
            }
            Code::ReviewBeforeStart => {
                "reviews and stamps come after the first meeting: check the plan start date (Coventry My Support Plan guide, Section 3, Title Page) and this date"
            }
            Code::ProgressMeasureRange => {
                "use the key of the termly Support Plan: 1 no progress or deterioration, 2 limited, 3 moderate, 4 significant progress, 5 achieved"
            }
            Code::OutcomeNumberDuplicate => {
                "give each outcome its own number; steps, provision and reviews refer to outcomes by number"
            }
            Code::OutcomeUnknown => {
                "use the number of an outcome listed under `outcomes`, or add that outcome"
            }
            Code::ReviewTagR3 => {
                "Kirklees My Support Plan, Section 5 Key: mark additions with R1 or R2 and the review date; at the 3rd review write a new plan instead"
            }
            Code::OutcomeNotSmart => {
                "SEND Code of Practice 9.66: outcomes should be specific, measurable, achievable, realistic and time bound; Kirklees My Support Plan, Section 5 explanatory note: \"By the end of key stage … will be able to …\""
            }
            Code::ProvisionMissingWho => {
                "SEND Code of Practice 6.50 and Kirklees My Support Plan, Section 5 \"Who will do it?\": name the role, for example teacher, SENCO or teaching assistant with specific training"
            }
            Code::ProvisionMissingFrequency => {
                "provision should be specific and normally quantified in type, hours and frequency (SEND Code of Practice 9.69, quoted in Kirklees My Support Plan guidance); Kirklees Section 5 \"How often?\": for example 3 x per week, 20 minutes per session"
            }
            Code::CostMissingWeekly => {
                "Kirklees My Support Plan, Section 5 \"Resources required\": where funding comes from a school's delegated funding (Elements 1&2) provide weekly costs; set weekly_cost_pence"
            }
            Code::PfaOutcomeMissing => {
                "SEND Code of Practice 9.68: from year 9 onwards, the nature of the outcomes will reflect the need to ensure young people are preparing for adulthood; tag an outcome with the area preparing_for_adulthood"
            }
            Code::ReviewDateMissing => {
                "Coventry My Support Plan guide, Section 2 Step 4 and Section 3 Title Page: agree a review date, usually one term (12 weeks) after the first meeting"
            }
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem found in a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Issue {
    /// Error or warning.
    pub severity: Severity,
    /// The stable code.
    pub code: Code,
    /// The JSON pointer of the field, for example `/outcomes/2/provision/0/frequency`; empty
    /// for the whole document.
    pub path: String,
    /// For JSON syntax errors: the line (from 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// For JSON syntax errors: the column (from 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// What is wrong, in plain English. Never contains the field's value.
    pub message: String,
    /// How to fix it, citing the form or the Code of Practice where relevant.
    pub help: String,
}

impl Issue {
    /// An issue with the code's own severity, message and help.
    pub fn new(code: Code, path: String) -> Issue {
        Issue {
            severity: code.severity(),
            code,
            path,
            line: None,
            column: None,
            message: code.message().to_string(),
            help: code.help().to_string(),
        }
    }

    /// Where the issue is, for people: `line 3, column 5`, the JSON pointer, or
    /// `(whole plan)`.
    pub fn location(&self) -> String {
        // A path can hold a key typed in the input (an unknown field): show control characters
        // escaped so that a key cannot start a line of its own in a report.
        let path: String = self
            .path
            .chars()
            .flat_map(|c| {
                let escaped: Vec<char> = if c.is_control() {
                    c.escape_unicode().collect()
                } else {
                    vec![c]
                };
                escaped
            })
            .collect();
        match (self.line, self.column) {
            (Some(l), Some(c)) if path.is_empty() => format!("line {l}, column {c}"),
            (Some(l), Some(c)) => format!("{path} (line {l}, column {c})"),
            _ if path.is_empty() => "(whole plan)".to_string(),
            _ => path,
        }
    }
}

impl fmt::Display for Issue {
    /// `error[code] /path: message` then `  help: …` on the next line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}] {}: {}\n  help: {}",
            self.severity.as_str(),
            self.code,
            self.location(),
            self.message,
            self.help
        )
    }
}

/// Every issue found in a plan.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, JsonSchema)]
pub struct Report {
    /// The issues, structural ones first, then in the order of the plan.
    pub issues: Vec<Issue>,
}

impl Report {
    /// The number of errors.
    pub fn error_count(&self) -> usize {
        self.issues
            .iter()
            .filter(|i| i.severity == Severity::Error)
            .count()
    }

    /// The number of warnings.
    pub fn warning_count(&self) -> usize {
        self.issues
            .iter()
            .filter(|i| i.severity == Severity::Warning)
            .count()
    }

    /// Whether the report has any error.
    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// Whether the plan passes: no errors, and with `strict` no warnings either.
    pub fn passes(&self, strict: bool) -> bool {
        if strict {
            self.issues.is_empty()
        } else {
            !self.has_errors()
        }
    }

    /// Whether any issue has this code.
    pub fn has_code(&self, code: Code) -> bool {
        self.issues.iter().any(|i| i.code == code)
    }

    /// The report as text: one `severity[code] path: message` line and one `  help:` line per
    /// issue, then a summary line.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for issue in &self.issues {
            out.push_str(&issue.to_string());
            out.push('\n');
        }
        let (e, w) = (self.error_count(), self.warning_count());
        if e == 0 && w == 0 {
            out.push_str("valid: no problems found\n");
        } else {
            let verdict = if e > 0 { "invalid" } else { "valid" };
            out.push_str(&format!(
                "{verdict}: {e} error{}, {w} warning{}\n",
                if e == 1 { "" } else { "s" },
                if w == 1 { "" } else { "s" }
            ));
        }
        out
    }

    /// The report as a JSON value: `{"valid", "errors", "warnings", "issues": [...]}`, where
    /// `valid` means no errors.
    pub fn to_json_value(&self) -> serde_json::Value {
        let issues: Vec<serde_json::Value> = self
            .issues
            .iter()
            .map(|i| {
                let mut m = serde_json::Map::new();
                m.insert("severity".into(), i.severity.as_str().into());
                m.insert("code".into(), i.code.as_str().into());
                m.insert("path".into(), i.path.clone().into());
                if let Some(l) = i.line {
                    m.insert("line".into(), l.into());
                }
                if let Some(c) = i.column {
                    m.insert("column".into(), c.into());
                }
                m.insert("message".into(), i.message.clone().into());
                m.insert("help".into(), i.help.clone().into());
                serde_json::Value::Object(m)
            })
            .collect();
        serde_json::json!({
            "valid": !self.has_errors(),
            "errors": self.error_count(),
            "warnings": self.warning_count(),
            "issues": issues,
        })
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_text())
    }
}

/// Checks a plan against the rules of the forms and the Code of Practice.
///
/// ```
/// use supportplan_core::{validate, Code, Plan};
/// let plan = Plan::from_json(r#"{"child": {"name": "Ada Finch"}}"#)?;
/// let report = validate(&plan);
/// assert!(report.passes(false));
/// assert!(report.has_code(Code::ReviewDateMissing));
/// # Ok::<(), supportplan_core::Error>(())
/// ```
pub fn validate(plan: &Plan) -> Report {
    let mut c = Checker::default();
    c.check(plan, true);
    Report { issues: c.issues }
}

/// Reads JSON and validates it: syntax errors (with line and column), every malformed date,
/// structural errors (every unknown field and wrong type in an object; reading stops at a
/// missing field or a bad array item), and, when the plan could be read, every rule of
/// [`validate`] except on fields already reported.
///
/// ```
/// use supportplan_core::{check_json, Code};
/// let report = check_json(r#"{"child": {"name": "A"}, "start_date": "2026-02-30"}"#);
/// assert!(report.has_code(Code::DateInvalid));
/// assert_eq!(report.issues[0].path, "/start_date");
/// ```
pub fn check_json(json: &str) -> Report {
    check_and_keep(json).1
}

/// Reads and checks a plan in one pass: the plan when the report has no errors, and the
/// report (with any warnings) either way. For callers that go on to use the plan, such as
/// rendering, so that the JSON is parsed once.
///
/// ```
/// let (plan, report) = supportplan_core::read_plan(br#"{"child": {"name": "Sam"}}"#);
/// assert!(plan.is_some() && !report.has_errors());
/// ```
pub fn read_plan(bytes: &[u8]) -> (Option<Plan>, Report) {
    match std::str::from_utf8(bytes) {
        Ok(s) => {
            let (plan, report) = check_and_keep(s);
            (plan.filter(|_| !report.has_errors()), report)
        }
        Err(_) => (None, check_json_bytes(bytes)),
    }
}

fn check_and_keep(json: &str) -> (Option<Plan>, Report) {
    let parsed = crate::json::parse(json);
    let mut issues = parsed.issues;
    if let Some(plan) = &parsed.plan {
        let mut c = Checker::default();
        c.check(plan, !parsed.dates_replaced);
        // Fields removed for a structural error were reported already.
        let removed = &parsed.removed;
        issues.extend(c.issues.into_iter().filter(|i| {
            !removed.iter().any(|r| {
                i.path == *r
                    || i.path
                        .strip_prefix(r.as_str())
                        .is_some_and(|t| t.starts_with('/'))
            })
        }));
    }
    (parsed.plan, Report { issues })
}

/// Like [`check_json`] for raw bytes: text that is not UTF-8 is a `json-syntax` error.
pub fn check_json_bytes(bytes: &[u8]) -> Report {
    match std::str::from_utf8(bytes) {
        Ok(s) => check_json(s),
        Err(_) => {
            let mut issue = Issue::new(Code::JsonSyntax, String::new());
            issue.message = "the file is not UTF-8 text".to_string();
            Report {
                issues: vec![issue],
            }
        }
    }
}

/// The named stamps of a step, target or provision item.
fn item_stamps(
    added: Option<ReviewStamp>,
    ceased: Option<ReviewStamp>,
) -> [(&'static str, Option<ReviewStamp>); 2] {
    [("added_at", added), ("ceased_at", ceased)]
}

#[derive(Default)]
struct Checker {
    issues: Vec<Issue>,
}

fn blank(s: &Option<String>) -> bool {
    s.as_deref().is_none_or(|s| s.trim().is_empty())
}

/// Whether an outcome is in the SMART frame "By the end of … will be able to …".
pub(crate) fn is_smart(text: &str) -> bool {
    // Words separated by any white space, as pasted from Word (non-breaking spaces, line
    // breaks), and "will be able to" followed by a colon or a list as well as a space.
    let t = text
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let Some(rest) = t.strip_prefix("by the end of ") else {
        return false;
    };
    rest.split_once(" will be able to")
        .is_some_and(|(when, what)| {
            !when.trim().is_empty() && !what.trim_start_matches([':', ' ', '-', '…']).is_empty()
        })
}

impl Checker {
    fn push(&mut self, code: Code, path: String) {
        self.issues.push(Issue::new(code, path));
    }

    fn check(&mut self, plan: &Plan, check_date_order: bool) {
        let start = if check_date_order {
            plan.start_date
        } else {
            None
        };
        let before_start = |d: NaiveDate| start.is_some_and(|s| d < s);

        if plan.review_date.is_none()
            && matches!(plan.status, PlanStatus::Draft | PlanStatus::Active)
        {
            self.push(Code::ReviewDateMissing, "/review_date".to_string());
        }
        if plan.review_date.is_some_and(before_start) {
            self.push(Code::ReviewBeforeStart, "/review_date".to_string());
        }
        for (i, d) in plan.review_dates.iter().enumerate() {
            if before_start(*d) {
                self.push(Code::ReviewBeforeStart, format!("/review_dates/{i}"));
            }
        }

        let mut numbers = BTreeSet::new();
        for (i, o) in plan.outcomes.iter().enumerate() {
            if !numbers.insert(o.number) {
                self.push(
                    Code::OutcomeNumberDuplicate,
                    format!("/outcomes/{i}/number"),
                );
            }
        }

        for (i, o) in plan.outcomes.iter().enumerate() {
            let base = format!("/outcomes/{i}");
            if !is_smart(&o.text) {
                self.push(Code::OutcomeNotSmart, format!("{base}/text"));
            }
            if o.replaced_by.is_some_and(|n| !numbers.contains(&n)) {
                self.push(Code::OutcomeUnknown, format!("{base}/replaced_by"));
            }
            let stamps = [("added_at", o.added_at), ("closed_at", o.closed_at)];
            self.stamps(&base, stamps, &before_start);
            for (j, s) in o.steps.iter().enumerate() {
                let p = format!("{base}/steps/{j}");
                self.stamps(&p, item_stamps(s.added_at, s.ceased_at), &before_start);
            }
            for (j, t) in o.targets.iter().enumerate() {
                let p = format!("{base}/targets/{j}");
                self.stamps(&p, item_stamps(t.added_at, t.ceased_at), &before_start);
            }
            for (j, item) in o.provision.iter().enumerate() {
                let p = format!("{base}/provision/{j}");
                if blank(&item.who) {
                    self.push(Code::ProvisionMissingWho, format!("{p}/who"));
                }
                if blank(&item.frequency) {
                    self.push(Code::ProvisionMissingFrequency, format!("{p}/frequency"));
                }
                for (k, r) in item.resources.iter().enumerate() {
                    if r.funding == Some(FundingSource::EducationDelegated)
                        && r.weekly_cost_pence.is_none()
                    {
                        self.push(
                            Code::CostMissingWeekly,
                            format!("{p}/resources/{k}/weekly_cost_pence"),
                        );
                    }
                }
                for (k, n) in item.also_for_outcomes.iter().enumerate() {
                    if !numbers.contains(n) {
                        self.push(Code::OutcomeUnknown, format!("{p}/also_for_outcomes/{k}"));
                    }
                }
                self.stamps(
                    &p,
                    item_stamps(item.added_at, item.ceased_at),
                    &before_start,
                );
            }
        }

        let senior = match (plan.child.year_group, plan.child.key_stage) {
            (Some(y), _) => y.is_year_9_or_above(),
            (None, Some(ks)) => matches!(ks, KeyStage::Ks4 | KeyStage::Post16),
            (None, None) => false,
        };
        let has_pfa = plan
            .outcomes
            .iter()
            .any(|o| o.status == OutcomeStatus::Active && o.is_preparing_for_adulthood());
        if senior && !has_pfa {
            self.push(Code::PfaOutcomeMissing, "/outcomes".to_string());
        }

        for (i, r) in plan.reviews.iter().enumerate() {
            let base = format!("/reviews/{i}");
            if before_start(r.date) {
                self.push(Code::ReviewBeforeStart, format!("{base}/date"));
            }
            if r.next_review_date.is_some_and(before_start) {
                self.push(Code::ReviewBeforeStart, format!("{base}/next_review_date"));
            }
            for (j, or) in r.outcomes.iter().enumerate() {
                let p = format!("{base}/outcomes/{j}");
                if !numbers.contains(&or.outcome) {
                    self.push(Code::OutcomeUnknown, format!("{p}/outcome"));
                }
                if or.progress_measure.is_some_and(|m| !(1..=5).contains(&m)) {
                    self.push(Code::ProgressMeasureRange, format!("{p}/progress_measure"));
                }
            }
        }
    }

    fn stamps(
        &mut self,
        base: &str,
        stamps: [(&str, Option<ReviewStamp>); 2],
        before_start: &dyn Fn(NaiveDate) -> bool,
    ) {
        for (name, stamp) in stamps {
            let Some(stamp) = stamp else { continue };
            if !(1..=2).contains(&stamp.review) {
                self.push(Code::ReviewTagR3, format!("{base}/{name}/review"));
            }
            if before_start(stamp.date) {
                self.push(Code::ReviewBeforeStart, format!("{base}/{name}/date"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::{Outcome, Step};
    use crate::provision::{ProvisionItem, Resource};
    use crate::review::{OutcomeReview, Review};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    fn good_plan() -> Plan {
        let mut plan = Plan::default();
        plan.child.name = "Test Child".into();
        plan.start_date = Some(d("2026-01-10"));
        plan.review_date = Some(d("2026-04-01"));
        plan.outcomes.push(Outcome {
            number: 1,
            text: "By the end of KS2 Test will be able to read aloud.".into(),
            provision: vec![ProvisionItem {
                what: "Reading".into(),
                who: Some("TA".into()),
                frequency: Some("daily".into()),
                ..Default::default()
            }],
            ..Default::default()
        });
        plan
    }

    fn codes(r: &Report) -> Vec<&'static str> {
        r.issues.iter().map(|i| i.code.as_str()).collect()
    }

    #[test]
    fn a_good_plan_has_no_issues() {
        assert_eq!(codes(&validate(&good_plan())), Vec::<&str>::new());
    }

    #[test]
    fn codes_round_trip_and_match_serde() {
        for c in Code::ALL {
            assert_eq!(Code::parse(c.as_str()), Some(c));
            let s = serde_json::to_value(c).unwrap_or_default();
            assert_eq!(s, c.as_str());
        }
    }

    #[test]
    fn warnings_cite_a_source() {
        for c in Code::ALL {
            if c.severity() == Severity::Warning {
                let h = c.help();
                assert!(
                    h.contains("Code of Practice") || h.contains("My Support Plan"),
                    "{c} help cites nothing"
                );
            }
        }
    }

    #[test]
    fn smart_frame() {
        assert!(is_smart(
            "By the end of KS2 Sam will be able to count to 100."
        ));
        assert!(is_smart(
            "  by the end of year 10, Sam will be able to travel alone"
        ));
        assert!(is_smart(
            "By the end of\u{a0}KS2 Sam will be able to:\n- read"
        ));
        assert!(is_smart(
            "By the end of\nYear 6, Sam will be able to count to 100."
        ));
        assert!(!is_smart("By the end of KS2 Sam will be able to:"));
        assert!(!is_smart("Sam will be able to count."));
        assert!(!is_smart("By the end of KS2 Sam will count."));
        assert!(!is_smart(""));
    }

    #[test]
    fn each_rule_fires_with_its_path() {
        let mut plan = good_plan();
        plan.review_date = None;
        plan.outcomes.push(Outcome {
            number: 1,
            text: "Staff will support.".into(),
            steps: vec![Step {
                text: "s".into(),
                added_at: Some(ReviewStamp {
                    review: 3,
                    date: d("2025-01-01"),
                }),
                ..Default::default()
            }],
            provision: vec![ProvisionItem {
                what: "x".into(),
                resources: vec![Resource {
                    description: "TA".into(),
                    funding: Some(FundingSource::EducationDelegated),
                    weekly_cost_pence: None,
                }],
                also_for_outcomes: vec![9],
                ..Default::default()
            }],
            ..Default::default()
        });
        plan.child.year_group = Some(crate::child::YearGroup::Year9);
        let mut review = Review::new(1, d("2025-12-01"));
        review.outcomes.push(OutcomeReview {
            outcome: 7,
            progress_measure: Some(6),
            ..Default::default()
        });
        plan.reviews.push(review);
        let r = validate(&plan);
        let got: Vec<(String, String)> = r
            .issues
            .iter()
            .map(|i| (i.code.as_str().to_string(), i.path.clone()))
            .collect();
        let want = [
            ("review-date-missing", "/review_date"),
            ("outcome-number-duplicate", "/outcomes/1/number"),
            ("outcome-not-smart", "/outcomes/1/text"),
            ("review-tag-r3", "/outcomes/1/steps/0/added_at/review"),
            ("review-before-start", "/outcomes/1/steps/0/added_at/date"),
            ("provision-missing-who", "/outcomes/1/provision/0/who"),
            (
                "provision-missing-frequency",
                "/outcomes/1/provision/0/frequency",
            ),
            (
                "cost-missing-weekly",
                "/outcomes/1/provision/0/resources/0/weekly_cost_pence",
            ),
            (
                "outcome-unknown",
                "/outcomes/1/provision/0/also_for_outcomes/0",
            ),
            ("pfa-outcome-missing", "/outcomes"),
            ("review-before-start", "/reviews/0/date"),
            ("outcome-unknown", "/reviews/0/outcomes/0/outcome"),
            (
                "progress-measure-range",
                "/reviews/0/outcomes/0/progress_measure",
            ),
        ];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(got, want);
        assert!(!r.passes(false));
    }

    #[test]
    fn strict_fails_on_warnings() {
        let mut plan = good_plan();
        plan.review_date = None;
        let r = validate(&plan);
        assert!(r.passes(false));
        assert!(!r.passes(true));
    }

    #[test]
    fn text_and_json_rendering() {
        let r = check_json(r#"{"child": {"name": "A"}}"#);
        let text = r.to_text();
        assert!(text.starts_with("warning[review-date-missing] /review_date: "));
        assert!(text.contains("\n  help: Coventry"));
        let v = r.to_json_value();
        assert_eq!(v["valid"], true);
        assert_eq!(v["warnings"], 1);
        assert_eq!(v["issues"][0]["code"], "review-date-missing");
    }

    #[test]
    fn bad_dates_skip_date_order_checks() {
        let r = check_json(
            r#"{"child": {"name": "A"}, "start_date": "2026-13-01", "review_date": "2026-01-01"}"#,
        );
        assert_eq!(codes(&r), ["date-invalid"]);
    }

    #[test]
    fn not_utf8_is_a_syntax_error() {
        let r = check_json_bytes(&[b'{', 0xff, b'}']);
        assert_eq!(codes(&r), ["json-syntax"]);
    }
}
