//! The forms' formats read back: the inverse of [`crate::format`] and of the wording the views
//! put together (setting and year group, people, resources, review stamps …).

use chrono::NaiveDate;
use serde_json::Value;
use supportplan_core::{
    FundingSource, Pence, Person, Plan, ProvisionItem, Resource, ReviewStamp, Setting, YearGroup,
};

use super::ExtractError;
use crate::format::StampStyle;

/// Reads view values for one template, naming the template in errors.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reader {
    /// The template id.
    pub(crate) template: &'static str,
    /// How the template names reviews in stamps.
    pub(crate) style: StampStyle,
}

impl Reader {
    /// The error for a value that cannot be read back.
    pub(crate) fn unreadable(&self, location: impl Into<String>, problem: &str) -> ExtractError {
        ExtractError::Unreadable {
            template: self.template.to_string(),
            location: location.into(),
            problem: problem.to_string(),
        }
    }

    /// An optional date: empty is `None`, else it must be `dd/mm/yyyy`.
    ///
    /// # Errors
    ///
    /// [`ExtractError::Unreadable`] when the text is not a date.
    pub(crate) fn date(
        &self,
        v: &Value,
        location: &str,
    ) -> Result<Option<NaiveDate>, ExtractError> {
        let t = text(v);
        if t.trim().is_empty() {
            return Ok(None);
        }
        parse_date(t.trim())
            .map(Some)
            .ok_or_else(|| self.unreadable(location, "not a date (dd/mm/yyyy)"))
    }

    /// An optional whole number: empty is `None`.
    ///
    /// # Errors
    ///
    /// [`ExtractError::Unreadable`] when the text is not a whole number.
    pub(crate) fn number(&self, v: &Value, location: &str) -> Result<Option<u32>, ExtractError> {
        let t = text(v);
        if t.trim().is_empty() {
            return Ok(None);
        }
        t.trim()
            .parse()
            .map(Some)
            .map_err(|_| self.unreadable(location, "not a whole number"))
    }

    /// Text with its history: the text, the stamp of the review that added it and the stamp
    /// of the review at which it ceased (see [`crate::format::Stamped`]).
    pub(crate) fn stamped(&self, v: &Value) -> (String, Option<ReviewStamp>, Option<ReviewStamp>) {
        let mut t = text(v);
        let mut ceased = None;
        if let Some(pos) = t.rfind(" (ceased at ") {
            let inner = &t[pos + " (ceased at ".len()..];
            if let Some(s) = inner.strip_suffix(')').and_then(|i| self.stamp(i)) {
                ceased = Some(s);
                t.truncate(pos);
            }
        }
        let mut added = None;
        if let Some(pos) = t.rfind(" (") {
            let inner = &t[pos + 2..];
            if let Some(s) = inner.strip_suffix(')').and_then(|i| self.stamp(i)) {
                added = Some(s);
                t.truncate(pos);
            }
        }
        (t, added, ceased)
    }

    /// A stamp `R1, 12/03/2026` (in this template's style).
    fn stamp(&self, s: &str) -> Option<ReviewStamp> {
        let (name, d) = s.split_once(", ")?;
        let n = match self.style {
            StampStyle::Kirklees => name.strip_prefix('R')?,
            StampStyle::Termly => name.strip_prefix("Term ")?,
            StampStyle::Coventry => name.strip_prefix("review ")?,
        };
        Some(ReviewStamp {
            review: n.parse().ok()?,
            date: parse_date(d)?,
        })
    }
}

/// The plain text of a view value: a string, or the text of a list of runs.
pub(crate) fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(runs) => runs
            .iter()
            .map(|r| r.get("text").map(text).unwrap_or_default())
            .collect(),
        _ => String::new(),
    }
}

/// The text of a view value at `key`.
pub(crate) fn at(v: &Value, key: &str) -> String {
    v.get(key).map(text).unwrap_or_default()
}

/// `Some(text)` unless empty.
pub(crate) fn opt(t: String) -> Option<String> {
    if t.is_empty() { None } else { Some(t) }
}

/// The strings of a list value, leaving out empty entries.
pub(crate) fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(text)
        .filter(|t| !t.is_empty())
        .collect()
}

/// Splits `t` at `sep`, but not inside brackets (a "who" text holds "(advice from A; B)").
pub(crate) fn split_outside_brackets(t: &str, sep: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut current = String::new();
    let mut rest = t;
    while let Some(c) = rest.chars().next() {
        if depth == 0 && rest.starts_with(sep) {
            out.push(std::mem::take(&mut current));
            rest = &rest[sep.len()..];
            continue;
        }
        match c {
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            _ => {}
        }
        current.push(c);
        rest = &rest[c.len_utf8()..];
    }
    if !current.is_empty() || !out.is_empty() {
        out.push(current);
    }
    out
}

/// The lines of a text (the forms join list entries with line breaks), leaving out empty
/// lines.
pub(crate) fn lines(t: &str) -> Vec<String> {
    t.split('\n')
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// A tick box value.
pub(crate) fn tick(v: &Value, key: &str) -> bool {
    v.get(key).and_then(Value::as_bool).unwrap_or(false)
}

/// A date written `dd/mm/yyyy`.
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            2 | 5 => *c == b'/',
            _ => c.is_ascii_digit(),
        });
    if !shape {
        return None;
    }
    NaiveDate::parse_from_str(s, "%d/%m/%Y").ok()
}

/// Money written `£12.50` (no thousands separator).
pub(crate) fn parse_money(s: &str) -> Option<Pence> {
    let s = s.strip_prefix('£')?;
    let (pounds, pence) = s.split_once('.')?;
    if pence.len() != 2 || pounds.is_empty() {
        return None;
    }
    if !pounds.bytes().all(|c| c.is_ascii_digit()) || !pence.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let pounds: u64 = pounds.parse().ok()?;
    let pence: u64 = pence.parse().ok()?;
    pounds.checked_mul(100)?.checked_add(pence).map(Pence)
}

const YEAR_GROUPS: [YearGroup; 16] = [
    YearGroup::Nursery,
    YearGroup::Reception,
    YearGroup::Year1,
    YearGroup::Year2,
    YearGroup::Year3,
    YearGroup::Year4,
    YearGroup::Year5,
    YearGroup::Year6,
    YearGroup::Year7,
    YearGroup::Year8,
    YearGroup::Year9,
    YearGroup::Year10,
    YearGroup::Year11,
    YearGroup::Year12,
    YearGroup::Year13,
    YearGroup::Post16,
];

/// The setting line `Meadowbank Primary (Year 4)` read back into the setting's name and the
/// child's year group.
pub(crate) fn setting(t: &str) -> (Option<Setting>, Option<YearGroup>) {
    let named = |name: &str| {
        if name.is_empty() {
            None
        } else {
            Some(Setting {
                name: name.to_string(),
                ..Setting::default()
            })
        }
    };
    for y in YEAR_GROUPS {
        let label = y.label();
        if t == label {
            return (None, Some(y));
        }
        if let Some(name) = t.strip_suffix(&format!(" ({label})")) {
            return (named(name), Some(y));
        }
    }
    (named(t), None)
}

/// A person written `Name, role (service)`.
pub(crate) fn person(t: &str) -> Person {
    let (rest, service) = match t.strip_suffix(')').and_then(|s| s.rsplit_once(" (")) {
        Some((rest, service)) => (rest, Some(service.to_string())),
        None => (t, None),
    };
    let (name, role) = match rest.split_once(", ") {
        Some((n, r)) => (n, Some(r.to_string())),
        None => (rest, None),
    };
    Person {
        name: name.to_string(),
        role,
        service,
    }
}

/// The funding labels, longest first so that "Education (…)" wins over "Education".
const FUNDING: [FundingSource; 7] = [
    FundingSource::EducationDelegated,
    FundingSource::EducationHighNeeds,
    FundingSource::SocialCare,
    FundingSource::EducationOther,
    FundingSource::Health,
    FundingSource::Family,
    FundingSource::Other,
];

/// A resource written `Funding: description, £7.50 per week`.
pub(crate) fn resource(t: &str) -> Resource {
    let mut funding = None;
    let mut rest = t;
    for f in FUNDING {
        if let Some(r) = t.strip_prefix(f.label()).and_then(|r| r.strip_prefix(": ")) {
            funding = Some(f);
            rest = r;
            break;
        }
    }
    let mut cost = None;
    if let Some((desc, amount)) = rest
        .strip_suffix(" per week")
        .and_then(|r| r.rsplit_once(", "))
    {
        if let Some(p) = parse_money(amount) {
            cost = Some(p);
            rest = desc;
        }
    }
    Resource {
        description: rest.to_string(),
        funding,
        weekly_cost_pence: cost,
    }
}

/// The "what" text read back: `… (also towards outcomes 3, 4)` gives the other outcomes.
pub(crate) fn what(t: &str) -> (String, Vec<u32>) {
    for marker in [" (also towards outcomes ", " (also towards outcome "] {
        if let Some((what, nums)) = t.strip_suffix(')').and_then(|s| s.rsplit_once(marker)) {
            let parsed: Option<Vec<u32>> = nums.split(", ").map(|n| n.parse().ok()).collect();
            if let Some(nums) = parsed.filter(|n| !n.is_empty()) {
                return (what.to_string(), nums);
            }
        }
    }
    (t.to_string(), Vec::new())
}

/// The "who" text read back: `Teaching assistant (advice from A, role; B)` gives who and
/// whose advice the provision follows.
pub(crate) fn who(t: &str) -> (Option<String>, Vec<Person>) {
    let (who, advice) = if let Some(inner) = t
        .strip_prefix("(advice from ")
        .and_then(|s| s.strip_suffix(')'))
    {
        ("", Some(inner))
    } else if let Some((who, inner)) = t
        .strip_suffix(')')
        .and_then(|s| s.split_once(" (advice from "))
    {
        (who, Some(inner))
    } else {
        (t, None)
    };
    let people = advice
        .map(|a| a.split("; ").map(person).collect())
        .unwrap_or_default();
    (opt(who.to_string()), people)
}

/// The note on a closed outcome's text read back: `… (no longer appropriate; replaced by
/// outcome 7)` gives the text, whether it was closed, and the replacing outcome.
pub(crate) fn outcome_text(t: &str) -> (String, bool, Option<u32>) {
    if let Some(rest) = t.strip_suffix(')') {
        if let Some(text) = rest.strip_suffix(" (no longer appropriate") {
            return (text.to_string(), true, None);
        }
        if let Some((text, n)) = rest.rsplit_once(" (no longer appropriate; replaced by outcome ") {
            if let Ok(n) = n.parse() {
                return (text.to_string(), true, Some(n));
            }
        }
    }
    (t.to_string(), false, None)
}

/// A provision item from its what / who / how often texts (stamps read from `what`).
pub(crate) fn provision(r: &Reader, what_v: &Value, who_t: &str, how: &str) -> ProvisionItem {
    let (what_t, added_at, ceased_at) = r.stamped(what_v);
    let (what, also) = what(&what_t);
    let (who, advice_from) = who(who_t);
    ProvisionItem {
        what,
        who,
        frequency: opt(how.to_string()),
        advice_from,
        also_for_outcomes: also,
        added_at,
        ceased_at,
        ..ProvisionItem::default()
    }
}

/// The child's name and the setting line ("School name (Year N)") that every form's title
/// block shows, read into `plan`.
pub(crate) fn child_and_setting(plan: &mut Plan, child: &Value) {
    plan.child.name = at(child, "name");
    let (setting, year) = setting(&at(child, "setting"));
    plan.setting = setting;
    plan.child.year_group = year;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_read_back() {
        assert_eq!(parse_money("£1234.50"), Some(Pence(123_450)));
        assert_eq!(parse_money("£1,234.50"), None);
        assert!(parse_date("31/02/2026").is_none());
        let r = resource("Education (delegated funding, Elements 1 & 2): TA time, £7.50 per week");
        assert_eq!(r.funding, Some(FundingSource::EducationDelegated));
        assert_eq!(r.description, "TA time");
        assert_eq!(r.weekly_cost_pence, Some(Pence(750)));
        let (s, y) = setting("Meadowbank (Year 4)");
        assert_eq!(s.map(|s| s.name), Some("Meadowbank".to_string()));
        assert_eq!(y, Some(YearGroup::Year4));
        let p = person("A, SENCO (School)");
        assert_eq!(p.service.as_deref(), Some("School"));
        assert_eq!(p.role.as_deref(), Some("SENCO"));
        let (w, people) = who("TA (advice from A, SLT; B)");
        assert_eq!(w.as_deref(), Some("TA"));
        assert_eq!(people.len(), 2);
        assert_eq!(what("x (also towards outcomes 3, 4)").1, vec![3, 4]);
        assert_eq!(
            outcome_text("x (no longer appropriate; replaced by outcome 7)").2,
            Some(7)
        );
    }

    #[test]
    fn stamps_read_back() {
        let r = Reader {
            template: "t",
            style: StampStyle::Kirklees,
        };
        let v = Value::String("x (R1, 12/03/2026) (ceased at R2, 01/04/2026)".into());
        let (t, a, c) = r.stamped(&v);
        assert_eq!(t, "x");
        assert_eq!(a.map(|s| s.review), Some(1));
        assert_eq!(c.map(|s| s.review), Some(2));
    }
}
