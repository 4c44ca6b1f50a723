//! The child or young person and the setting they attend.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The child or young person the plan is for.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Child {
    /// Full name, as it appears on the form's title page.
    pub name: String,
    /// The name the child prefers to be called, if different.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_name: Option<String>,
    /// Date of birth (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<NaiveDate>,
    /// Year group at the plan start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year_group: Option<YearGroup>,
    /// Key stage or phase at the plan start (used by the SMART frame "By the end of key stage …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_stage: Option<KeyStage>,
    /// Unique Pupil Number or the setting's own identifier, if the school records one here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pupil_id: Option<String>,
}

/// A year group in England, from nursery to post-16.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub enum YearGroup {
    /// Early years setting or nursery class.
    #[serde(rename = "nursery")]
    Nursery,
    /// Reception class.
    #[serde(rename = "reception")]
    Reception,
    /// Year 1.
    #[serde(rename = "year_1")]
    Year1,
    /// Year 2.
    #[serde(rename = "year_2")]
    Year2,
    /// Year 3.
    #[serde(rename = "year_3")]
    Year3,
    /// Year 4.
    #[serde(rename = "year_4")]
    Year4,
    /// Year 5.
    #[serde(rename = "year_5")]
    Year5,
    /// Year 6.
    #[serde(rename = "year_6")]
    Year6,
    /// Year 7.
    #[serde(rename = "year_7")]
    Year7,
    /// Year 8.
    #[serde(rename = "year_8")]
    Year8,
    /// Year 9.
    #[serde(rename = "year_9")]
    Year9,
    /// Year 10.
    #[serde(rename = "year_10")]
    Year10,
    /// Year 11.
    #[serde(rename = "year_11")]
    Year11,
    /// Year 12.
    #[serde(rename = "year_12")]
    Year12,
    /// Year 13.
    #[serde(rename = "year_13")]
    Year13,
    /// Post-16 education or training beyond Year 13 (up to 25).
    #[serde(rename = "post_16")]
    Post16,
}

impl YearGroup {
    /// The National Curriculum year number: `Some(0)` for Reception, `Some(1..=13)` for
    /// Years 1–13, `Some(14)` for post-16 beyond Year 13 and `None` for nursery.
    pub fn number(self) -> Option<u8> {
        use YearGroup::*;
        Some(match self {
            Nursery => return None,
            Reception => 0,
            Year1 => 1,
            Year2 => 2,
            Year3 => 3,
            Year4 => 4,
            Year5 => 5,
            Year6 => 6,
            Year7 => 7,
            Year8 => 8,
            Year9 => 9,
            Year10 => 10,
            Year11 => 11,
            Year12 => 12,
            Year13 => 13,
            Post16 => 14,
        })
    }

    /// How the forms print it: "Nursery", "Reception", "Year 4", "Post-16".
    pub fn label(self) -> String {
        match self {
            YearGroup::Nursery => "Nursery".to_string(),
            YearGroup::Reception => "Reception".to_string(),
            YearGroup::Post16 => "Post-16".to_string(),
            other => format!("Year {}", other.number().unwrap_or_default()),
        }
    }

    /// From Year 9 the Code of Practice expects outcomes to prepare for adulthood (9.68).
    pub fn is_year_9_or_above(self) -> bool {
        self.number().is_some_and(|n| n >= 9)
    }
}

/// A key stage or phase, as the Kirklees SMART frame names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum KeyStage {
    /// Early Years Foundation Stage.
    Eyfs,
    /// Key stage 1 (Years 1–2).
    Ks1,
    /// Key stage 2 (Years 3–6).
    Ks2,
    /// Key stage 3 (Years 7–9).
    Ks3,
    /// Key stage 4 (Years 10–11).
    Ks4,
    /// Post-16 (key stage 5 and further education, up to 25).
    Post16,
}

impl KeyStage {
    /// How the forms print it: "EYFS", "KS1" … "Post-16".
    pub fn label(self) -> &'static str {
        match self {
            KeyStage::Eyfs => "EYFS",
            KeyStage::Ks1 => "KS1",
            KeyStage::Ks2 => "KS2",
            KeyStage::Ks3 => "KS3",
            KeyStage::Ks4 => "KS4",
            KeyStage::Post16 => "Post-16",
        }
    }
}

/// The school, college or early years setting the child attends.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Setting {
    /// Name of the setting.
    pub name: String,
    /// Unique Reference Number or other identifier of the setting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urn: Option<String>,
    /// Who to contact at the setting (usually the SENCO), as free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_groups_number_and_label() {
        assert_eq!(YearGroup::Reception.number(), Some(0));
        assert_eq!(YearGroup::Year10.label(), "Year 10");
        assert!(YearGroup::Year9.is_year_9_or_above());
        assert!(!YearGroup::Year8.is_year_9_or_above());
        assert!(!YearGroup::Nursery.is_year_9_or_above());
        assert!(YearGroup::Post16.is_year_9_or_above());
    }

    #[test]
    fn year_group_json_names() {
        let s = serde_json::to_string(&YearGroup::Year10).unwrap_or_default();
        assert_eq!(s, "\"year_10\"");
    }
}
