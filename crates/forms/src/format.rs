//! How values read on the forms: dates, money, people, review stamps and struck-through text.
//!
//! Every wording and formatting decision of the views lives here, so the three forms agree and
//! the extraction code can read them back:
//!
//! - dates as the forms show them: `12/03/2026` ([`date`]);
//! - money from pence with two decimals and no thousands separator: `£12.50`, `£1234.50`
//!   ([`money`]). None of the paper forms prints an amount, weekly costs are small, and a
//!   separator-free amount reads back unambiguously;
//! - an addition at a review: the text, then the tag in bold, `"… (R1, 12/03/2026)"`
//!   ([`Stamped`]);
//! - something that ceased at a review: the text struck through, then visible, not struck text
//!   `" (ceased at R1, 12/03/2026)"`, so that a screen-reader user, who does not hear the
//!   strikethrough, still learns it ceased (issue 4).
//!
//! The stamp reads per form ([`StampStyle`]): `R1`/`R2` on the Kirklees form (its key), `Term 1`
//! on the termly form (its reviews are "Progress Review Term 1–3"), `review 1` on the Coventry
//! form (which has no R markers of its own).

use chrono::NaiveDate;
use serde_json::{Map, Value, json};
use supportplan_core::{Pence, Person, ReviewStamp};

/// A date as the forms show it: `dd/mm/yyyy`.
///
/// ```
/// # use chrono::NaiveDate;
/// let d = NaiveDate::from_ymd_opt(2026, 3, 12).ok_or("date")?;
/// assert_eq!(supportplan_forms::format::date(d), "12/03/2026");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// [`date`] of an optional date; empty when absent.
pub fn opt_date(d: Option<NaiveDate>) -> String {
    d.map(date).unwrap_or_default()
}

/// Money from pence: `£12.50`, `£1234.50` (no thousands separator; see the module docs).
///
/// ```
/// use supportplan_core::Pence;
/// assert_eq!(supportplan_forms::format::money(Pence(123_450)), "£1234.50");
/// assert_eq!(supportplan_forms::format::money(Pence(7)), "£0.07");
/// ```
pub fn money(p: Pence) -> String {
    format!("£{}.{:02}", p.pounds(), p.pence_part())
}

/// A value shown on a line of its own among others (one consent per line): its line breaks
/// become spaces, so that it cannot read back as two entries.
pub fn one_line(s: &str) -> String {
    s.replace(['\r', '\n'], " ")
}

/// A person as one line: `Name, role (service)`, leaving out what is absent.
pub fn person(p: &Person) -> String {
    let mut s = p.name.clone();
    if let Some(role) = p.role.as_deref().filter(|r| !r.is_empty()) {
        if !s.is_empty() {
            s.push_str(", ");
        }
        s.push_str(role);
    }
    if let Some(service) = p.service.as_deref().filter(|r| !r.is_empty()) {
        s.push_str(" (");
        s.push_str(service);
        s.push(')');
    }
    s
}

/// Joins list entries into one text with line breaks (`\n`, a line break in the form).
pub fn lines<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join("\n")
}

/// How a form names the review at which something was added or ceased.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StampStyle {
    /// Kirklees: `R1`, `R2` (the form's key).
    Kirklees,
    /// Termly form: `Term 1`, `Term 2`, `Term 3`.
    Termly,
    /// Coventry: `review 1` (the form has no markers of its own).
    Coventry,
}

impl StampStyle {
    /// The name of the review, such as `R1`, `Term 1` or `review 1`.
    pub fn name(self, stamp: &ReviewStamp) -> String {
        match self {
            StampStyle::Kirklees => stamp.tag(),
            StampStyle::Termly => format!("Term {}", stamp.review),
            StampStyle::Coventry => format!("review {}", stamp.review),
        }
    }

    /// The tag shown after an addition: `(R1, 12/03/2026)`.
    pub fn added(self, stamp: &ReviewStamp) -> String {
        format!("({}, {})", self.name(stamp), date(stamp.date))
    }

    /// The note shown after ceased text: ` (ceased at R1, 12/03/2026)`.
    pub fn ceased(self, stamp: &ReviewStamp) -> String {
        format!(" (ceased at {}, {})", self.name(stamp), date(stamp.date))
    }
}

/// One run of a rich value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Run {
    /// The text (`\n` is a line break).
    pub text: String,
    /// Struck through.
    pub strike: bool,
    /// Bold.
    pub bold: bool,
}

/// A text made of runs, sent to the engine as a plain string when it has no formatting and as
/// a list of `{"text", "strike", "bold"}` runs otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rich(pub Vec<Run>);

impl Rich {
    /// Plain text.
    pub fn plain(text: impl Into<String>) -> Rich {
        Rich(vec![Run {
            text: text.into(),
            ..Run::default()
        }])
    }

    /// Appends a run.
    pub fn push(&mut self, text: impl Into<String>, strike: bool, bold: bool) {
        self.0.push(Run {
            text: text.into(),
            strike,
            bold,
        });
    }

    /// Appends another rich text.
    pub fn extend(&mut self, other: Rich) {
        self.0.extend(other.0);
    }

    /// Joins texts with a plain separator (such as `"\n"`).
    pub fn join(parts: Vec<Rich>, sep: &str) -> Rich {
        let mut out = Rich::default();
        for (i, part) in parts.into_iter().enumerate() {
            if i > 0 {
                out.push(sep, false, false);
            }
            out.extend(part);
        }
        out
    }

    /// Whether it has no text.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|r| r.text.is_empty())
    }

    /// The text without formatting.
    pub fn text(&self) -> String {
        self.0.iter().map(|r| r.text.as_str()).collect()
    }

    /// The JSON value for the engine: a string when plain, else a list of runs.
    pub fn to_value(&self) -> Value {
        if self.0.iter().all(|r| !r.strike && !r.bold) {
            return Value::String(self.text());
        }
        let runs = self
            .0
            .iter()
            .filter(|r| !r.text.is_empty())
            .map(|r| {
                let mut m = Map::new();
                m.insert("text".into(), json!(r.text));
                if r.strike {
                    m.insert("strike".into(), json!(true));
                }
                if r.bold {
                    m.insert("bold".into(), json!(true));
                }
                Value::Object(m)
            })
            .collect();
        Value::Array(runs)
    }
}

/// Text with its history: when it was added and when it ceased, if at a review.
#[derive(Debug, Clone, Copy)]
pub struct Stamped<'a> {
    /// The text.
    pub text: &'a str,
    /// The review at which it was added.
    pub added_at: Option<&'a ReviewStamp>,
    /// The review at which it ceased.
    pub ceased_at: Option<&'a ReviewStamp>,
}

impl<'a> Stamped<'a> {
    /// Text with a history.
    pub fn new(
        text: &'a str,
        added_at: Option<&'a ReviewStamp>,
        ceased_at: Option<&'a ReviewStamp>,
    ) -> Self {
        Stamped {
            text,
            added_at,
            ceased_at,
        }
    }

    /// The rich text: the text (struck when ceased), the bold addition tag, and the visible
    /// "(ceased at …)" note.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use supportplan_core::ReviewStamp;
    /// use supportplan_forms::format::{Stamped, StampStyle};
    /// let r1 = ReviewStamp { review: 1, date: NaiveDate::from_ymd_opt(2026, 3, 12).ok_or("d")? };
    /// let v = Stamped::new("Precision teaching", None, Some(&r1)).rich(StampStyle::Kirklees);
    /// assert_eq!(v.text(), "Precision teaching (ceased at R1, 12/03/2026)");
    /// assert!(v.0[0].strike && !v.0[1].strike);
    /// let v = Stamped::new("Lexia", Some(&r1), None).rich(StampStyle::Termly);
    /// assert_eq!(v.text(), "Lexia (Term 1, 12/03/2026)");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rich(&self, style: StampStyle) -> Rich {
        let ceased = self.ceased_at.is_some();
        let mut r = Rich::default();
        r.push(self.text, ceased, false);
        if let Some(a) = self.added_at {
            r.push(" ", ceased, false);
            r.push(style.added(a), ceased, true);
        }
        if let Some(c) = self.ceased_at {
            r.push(style.ceased(c), false, false);
        }
        r
    }

    /// A companion column of a ceased row (who, how often, resources): struck through, with
    /// no note (the note is on the row's main text).
    pub fn companion(text: &str, ceased: bool) -> Rich {
        let mut r = Rich::default();
        r.push(text, ceased, false);
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn dates_and_money() {
        assert_eq!(date(d(2026, 1, 2)), "02/01/2026");
        assert_eq!(opt_date(None), "");
        assert_eq!(money(Pence(1250)), "£12.50");
        assert_eq!(money(Pence(0)), "£0.00");
    }

    #[test]
    fn stamps_per_form() {
        let s = ReviewStamp {
            review: 2,
            date: d(2026, 3, 12),
        };
        assert_eq!(StampStyle::Kirklees.added(&s), "(R2, 12/03/2026)");
        assert_eq!(
            StampStyle::Termly.ceased(&s),
            " (ceased at Term 2, 12/03/2026)"
        );
        assert_eq!(StampStyle::Coventry.name(&s), "review 2");
    }

    #[test]
    fn rich_values() {
        assert_eq!(Rich::plain("a").to_value(), json!("a"));
        let s = ReviewStamp {
            review: 1,
            date: d(2026, 3, 12),
        };
        let v = Stamped::new("x", Some(&s), None)
            .rich(StampStyle::Kirklees)
            .to_value();
        assert_eq!(
            v,
            json!([{"text": "x"}, {"text": " "}, {"text": "(R1, 12/03/2026)", "bold": true}])
        );
        let v = Stamped::new("x", Some(&s), Some(&s))
            .rich(StampStyle::Kirklees)
            .to_value();
        assert_eq!(v[0], json!({"text": "x", "strike": true}));
        assert_eq!(v[3], json!({"text": " (ceased at R1, 12/03/2026)"}));
        let p = Person {
            name: "A".into(),
            role: Some("SENCO".into()),
            service: Some("School".into()),
        };
        assert_eq!(person(&p), "A, SENCO (School)");
    }
}
