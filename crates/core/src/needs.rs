//! Needs: the summary, the four broad areas of the Code of Practice, preparing for adulthood,
//! and health and social care needs that relate to SEN.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::is_default;

/// The area(s) of need an outcome addresses (Kirklees Section 5 explanatory note).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum NeedArea {
    /// Cognition and learning.
    CognitionAndLearning,
    /// Communication and interaction.
    CommunicationAndInteraction,
    /// Social, emotional and mental health (Kirklees: "Social and Emotional").
    SocialEmotionalMentalHealth,
    /// Sensory and/or physical.
    SensoryPhysical,
    /// Preparing for key transitions and/or preparing for adulthood.
    PreparingForAdulthood,
    /// Health needs which relate to SEN.
    Health,
    /// Social care needs which relate to SEN.
    SocialCare,
}

impl NeedArea {
    /// The wording of the forms, for example "Cognition and Learning".
    pub fn label(self) -> &'static str {
        match self {
            NeedArea::CognitionAndLearning => "Cognition and Learning",
            NeedArea::CommunicationAndInteraction => "Communication and Interaction",
            NeedArea::SocialEmotionalMentalHealth => "Social, Emotional and Mental Health",
            NeedArea::SensoryPhysical => "Sensory and/or Physical",
            NeedArea::PreparingForAdulthood => {
                "Preparing for key transitions/preparing for adulthood"
            }
            NeedArea::Health => "Health needs",
            NeedArea::SocialCare => "Social Care needs",
        }
    }
}

/// Kirklees Sections 2–4 and the Coventry need pages and health and social care details.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Needs {
    /// A summary of my needs (strengths and special educational needs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Cognition and learning (one bullet per entry).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cognition_and_learning: Vec<String>,
    /// Communication and interaction.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub communication_and_interaction: Vec<String>,
    /// Social, emotional and mental health.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub social_emotional_mental_health: Vec<String>,
    /// Sensory and/or physical.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sensory_physical: Vec<String>,
    /// Preparing for key transitions and/or preparing for adulthood.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preparing_for_adulthood: Vec<String>,
    /// Kirklees Section 3: my health needs which relate to my SEN.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub health: Vec<String>,
    /// Kirklees Section 4: my social care needs which relate to my SEN.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub social_care: Vec<String>,
    /// Coventry "Health and Social Care details".
    #[serde(default, skip_serializing_if = "is_default")]
    pub health_and_social_care_details: HealthAndSocialCareDetails,
}

/// The Coventry "Health and Social Care details" page, completed when the child has a diagnosis,
/// health support, a child protection or child in need plan, or other social care support.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HealthAndSocialCareDetails {
    /// Diagnoses received from a health professional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnoses: Vec<String>,
    /// Support currently received from health professionals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub health_support: Vec<String>,
    /// Child protection or child in need involvement, current or past.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub child_protection_or_in_need: Vec<String>,
    /// Any other support from social care.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub social_care_support: Vec<String>,
    /// Whether the family completed this section themselves.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub completed_by_family: bool,
}
