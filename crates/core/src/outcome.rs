//! Outcomes, with their steps, short-term targets and provision.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::is_default;
use crate::needs::NeedArea;
use crate::provision::ProvisionItem;
use crate::review::ReviewStamp;
use crate::team::Person;

/// One outcome: what the child will be able to do by the end of a phase, stage or year, and
/// everything planned to get there.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// The outcome number ("Outcome 1", "No. of outcome"); unique within the plan. Reviews and
    /// other outcomes refer to outcomes by this number.
    pub number: u32,
    /// The area(s) of need this outcome will address (one or more).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<NeedArea>,
    /// The outcome, in the SMART frame "By the end of key stage … will be able to …".
    pub text: String,
    /// Which services support this outcome (the "Supported by" columns).
    #[serde(default, skip_serializing_if = "is_default")]
    pub supported_by: SupportedBy,
    /// Whether the outcome is active or was closed at a termly review.
    #[serde(default, skip_serializing_if = "is_default")]
    pub status: OutcomeStatus,
    /// When the outcome was closed as no longer appropriate, the number of the new outcome that
    /// replaces it, if any (termly form: "detailed as a new outcome below").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_by: Option<u32>,
    /// The review at which the outcome was added (a new or amended outcome); absent when it was
    /// in the plan from the start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added_at: Option<ReviewStamp>,
    /// The review at which the outcome was closed as no longer appropriate; absent while it is
    /// being worked towards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<ReviewStamp>,
    /// Steps I will make towards achieving this outcome.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<Step>,
    /// Short-term targets, reviewed and amended regularly.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Target>,
    /// The provision (support) towards this outcome, in education and outside it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub provision: Vec<ProvisionItem>,
    /// Termly form "Using advice from": who, and their role.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub advice_from: Vec<Person>,
}

impl Outcome {
    /// Whether the outcome addresses preparing for adulthood.
    pub fn is_preparing_for_adulthood(&self) -> bool {
        self.areas.contains(&NeedArea::PreparingForAdulthood)
    }

    /// Whether the outcome is still being worked towards (not closed).
    pub fn is_active(&self) -> bool {
        self.status == OutcomeStatus::Active
    }
}

/// The "Supported by" columns: Education, Health, Social Care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SupportedBy {
    /// Supported by education.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub education: bool,
    /// Supported by health.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub health: bool,
    /// Supported by social care.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub social_care: bool,
}

/// Whether an outcome is still being worked towards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeStatus {
    /// Being worked towards.
    #[default]
    Active,
    /// Agreed at a review to be no longer appropriate; see `replaced_by`.
    ClosedNoLongerAppropriate,
}

/// A step towards an outcome ("By the end of year …, … will be able to …").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// The step.
    pub text: String,
    /// Which service the step is expressed for, when steps are set out separately.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<Service>,
    /// The review at which the step was added (Kirklees "R1"/"R2" and date); absent when it
    /// was in the plan from the start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added_at: Option<ReviewStamp>,
    /// The review at which the step ceased (rendered struck through); absent while in place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ceased_at: Option<ReviewStamp>,
}

impl Step {
    /// Whether the step is still in place (not ceased).
    pub fn is_in_place(&self) -> bool {
        self.ceased_at.is_none()
    }
}

/// A short-term target ("By the end of the autumn term / within the next 6 weeks, … will be
/// able to …").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// The target.
    pub text: String,
    /// The review at which the target was added; absent when it was in the plan from the start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added_at: Option<ReviewStamp>,
    /// The review at which the target ceased; absent while in place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ceased_at: Option<ReviewStamp>,
}

impl Target {
    /// Whether the target is still in place (not ceased).
    pub fn is_in_place(&self) -> bool {
        self.ceased_at.is_none()
    }
}

/// A service: education, health or social care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Service {
    /// Education.
    Education,
    /// Health.
    Health,
    /// Social care.
    SocialCare,
}
