//! People: the team around the child ("My Team"), chairs, authors and advisers.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A person named on the plan: a professional, a family member or the child.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Name as it should appear on the form.
    pub name: String,
    /// Role, for example "SENCO", "Class teacher", "Speech and language therapist", "Mum".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Service or organisation, for example "Kirklees Educational Psychology Service".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
}

/// A family member who plays a significant part in supporting the child (Coventry "People in
/// My Family").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FamilyMember {
    /// Name.
    pub name: String,
    /// Relationship to the child, for example "Mum", "Grandad", "Foster carer".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relationship: Option<String>,
}

/// "My Team": family, the people who attended the first meeting, and professionals who gave
/// advice.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// People in my family who play a significant role in supporting me.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub family: Vec<FamilyMember>,
    /// People who attended the first support plan meeting and contributed to the plan (only
    /// attendees count as contributors: Coventry guide, My Team).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contributors: Vec<Person>,
    /// Professionals who contributed advice without attending.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub advice_from: Vec<Person>,
}
