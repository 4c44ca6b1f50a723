//! Exact money: weekly costs in pence, never floating point.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An amount of money in pence (GBP), exact. In JSON it is a plain non-negative integer:
/// `1250` is £12.50.
///
/// ```
/// use supportplan_core::Pence;
/// assert_eq!(Pence(1250).to_string(), "£12.50");
/// assert_eq!(Pence(7).to_string(), "£0.07");
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(transparent)]
pub struct Pence(pub u64);

impl Pence {
    /// Zero pence.
    pub const ZERO: Pence = Pence(0);

    /// The sum of two amounts, or `None` on overflow.
    pub fn checked_add(self, other: Pence) -> Option<Pence> {
        self.0.checked_add(other.0).map(Pence)
    }

    /// This amount multiplied by a whole number (for example weeks in a year), or `None` on
    /// overflow.
    pub fn checked_mul(self, times: u64) -> Option<Pence> {
        self.0.checked_mul(times).map(Pence)
    }

    /// Whole pounds (the amount divided by 100, rounded down).
    pub fn pounds(self) -> u64 {
        self.0 / 100
    }

    /// The pence left over after whole pounds (0–99).
    pub fn pence_part(self) -> u64 {
        self.0 % 100
    }
}

impl fmt::Display for Pence {
    /// Formats as pounds and pence with a thousands separator: `£1,234.50`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pounds = self.pounds().to_string();
        let mut grouped = String::with_capacity(pounds.len() + pounds.len() / 3);
        for (i, c) in pounds.chars().enumerate() {
            if i > 0 && (pounds.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        write!(f, "£{grouped}.{:02}", self.pence_part())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_pounds_and_pence() {
        assert_eq!(Pence(0).to_string(), "£0.00");
        assert_eq!(Pence(99).to_string(), "£0.99");
        assert_eq!(Pence(123_456).to_string(), "£1,234.56");
        assert_eq!(Pence(100_000_000).to_string(), "£1,000,000.00");
    }

    #[test]
    fn arithmetic_is_checked() {
        assert_eq!(Pence(250).checked_mul(38), Some(Pence(9500)));
        assert_eq!(Pence(u64::MAX).checked_add(Pence(1)), None);
    }

    #[test]
    fn json_is_an_integer() {
        let json = serde_json::to_string(&Pence(1250)).unwrap_or_default();
        assert_eq!(json, "1250");
        assert!(serde_json::from_str::<Pence>("12.5").is_err());
    }
}
