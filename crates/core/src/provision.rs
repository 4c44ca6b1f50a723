//! Provision: what happens, who does it, how often, and the resources it needs.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::is_default;
use crate::money::Pence;
use crate::review::ReviewStamp;
use crate::team::Person;

/// One provision item: a row of the Kirklees provision table, or a "What / Who / How often"
/// line of the termly form.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProvisionItem {
    /// Whether this happens in education or outside it (termly form rows).
    #[serde(default, skip_serializing_if = "is_default")]
    pub context: ProvisionContext,
    /// What needs to happen: approach, programme, training, resources, and how it is delivered
    /// (in class, small group, 1-1). Clear, without jargon or abbreviations.
    pub what: String,
    /// Who will do it (role; for example "Teaching assistant trained in Precision Teaching").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who: Option<String>,
    /// How often and for how long, for example "3 x per week, 20 minutes per session".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency: Option<String>,
    /// Resources required, with where the money comes from and weekly costs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<Resource>,
    /// Whose advice this provision follows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub advice_from: Vec<Person>,
    /// Other outcomes (by number) this item also works towards, besides the one it is listed
    /// under.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_for_outcomes: Vec<u32>,
    /// The review at which the item was added (Kirklees "R1"/"R2" and date); absent when it was
    /// in the plan from the start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added_at: Option<ReviewStamp>,
    /// The review at which the item ceased (rendered struck through); absent while in place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ceased_at: Option<ReviewStamp>,
}

/// Where provision happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProvisionContext {
    /// In education (school, college or setting).
    #[default]
    InEducation,
    /// Outside education (health, care or family contributions).
    OutsideEducation,
}

/// A resource a provision item needs.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    /// What the resource is, for example "Teaching assistant time" or "Sensory circuit kit".
    pub description: String,
    /// Where the money comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding: Option<FundingSource>,
    /// Weekly cost in pence (an exact integer: 1250 is £12.50). Required by the Kirklees form
    /// when funding comes from the school's delegated budget (Elements 1 and 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekly_cost_pence: Option<Pence>,
}

/// Where the money for a resource comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FundingSource {
    /// The school's delegated budget, Elements 1 and 2 (weekly cost required).
    EducationDelegated,
    /// High-needs top-up funding (Element 3) from the local authority.
    EducationHighNeeds,
    /// Other education funding (for example a local authority service).
    EducationOther,
    /// Health.
    Health,
    /// Social care.
    SocialCare,
    /// The family.
    Family,
    /// Any other source.
    Other,
}

impl FundingSource {
    /// The wording of the forms.
    pub fn label(self) -> &'static str {
        match self {
            FundingSource::EducationDelegated => "Education (delegated funding, Elements 1 & 2)",
            FundingSource::EducationHighNeeds => "Education (high needs funding)",
            FundingSource::EducationOther => "Education",
            FundingSource::Health => "Health",
            FundingSource::SocialCare => "Social Care",
            FundingSource::Family => "Family",
            FundingSource::Other => "Other",
        }
    }
}

impl ProvisionItem {
    /// The sum of the weekly costs of its resources that have one, or `None` on overflow.
    pub fn weekly_cost(&self) -> Option<Pence> {
        self.resources
            .iter()
            .filter_map(|r| r.weekly_cost_pence)
            .try_fold(Pence::ZERO, Pence::checked_add)
    }

    /// Whether the item is still in place (not ceased).
    pub fn is_in_place(&self) -> bool {
        self.ceased_at.is_none()
    }
}
