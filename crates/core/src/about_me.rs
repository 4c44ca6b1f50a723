//! "About me" (Kirklees Section 1 a–d), the Coventry "My Views" and "My Family's Views" pages,
//! and "My Progress".

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::is_default;

/// Who wrote a section: the tick boxes "Me / My parent / My carer" and "with help from …".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WrittenBy {
    /// Which box is ticked.
    pub author: Author,
    /// "With help from …": who helped, if anyone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_help_from: Option<String>,
}

/// The author tick boxes of the About me sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Author {
    /// The child or young person ("Me").
    Me,
    /// "My parent".
    Parent,
    /// "My carer".
    Carer,
}

/// Everything the child and family say about the child.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AboutMe {
    /// Section 1 a) my profile.
    #[serde(default, skip_serializing_if = "is_default")]
    pub profile: Profile,
    /// Section 1 b) my story (background information).
    #[serde(default, skip_serializing_if = "is_default")]
    pub story: Story,
    /// Section 1 c) my family.
    #[serde(default, skip_serializing_if = "is_default")]
    pub family: MyFamily,
    /// Section 1 d) my parents'/carers' views.
    #[serde(default, skip_serializing_if = "is_default")]
    pub parents_views: ParentsViews,
    /// Coventry "My Views": a free page in the child's own words (self-view, hopes, strengths,
    /// difficulties, what helps).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub my_views: Option<String>,
    /// Coventry "My Family's Views": a free page written by parents or carers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_views: Option<String>,
}

/// Section 1 a) my profile. Each list is one bullet line per entry.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// "My profile has been written by: Me / Me with help from …".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written_by: Option<WrittenBy>,
    /// When and how I communicate best, and what help I need.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub communication: Option<String>,
    /// How information and choice need to be presented to me to help me make decisions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub information_and_choice: Option<String>,
    /// What people like and admire about me.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub admired_for: Vec<String>,
    /// What I enjoy doing and what I do well, in school/setting.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enjoy_in_setting: Vec<String>,
    /// What I enjoy doing and what I do well, out of school/setting.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enjoy_out_of_setting: Vec<String>,
    /// What is important to me now.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub important_now: Vec<String>,
    /// What are the things that aren't working so well for me at the moment.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_working: Vec<String>,
    /// What would make things better for me.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub would_make_better: Vec<String>,
    /// Goals and aspirations, short term: the next 6–12 months.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aspirations_short_term: Vec<String>,
    /// Goals and aspirations, long term: beyond next year and "when I am an adult".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aspirations_long_term: Vec<String>,
}

/// Section 1 b) my story (background information).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Story {
    /// "My story has been written by: My parent / My carer / Me, with help from …".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written_by: Option<WrittenBy>,
    /// Growing up.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub growing_up: Vec<String>,
    /// People involved in helping and supporting me.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people_helping: Vec<String>,
    /// How I feel when I am at school/setting, and how I feel and behave when I come home.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub feelings_at_setting_and_home: Vec<String>,
    /// Any other things which are important for you to know about me.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other: Vec<String>,
}

/// Section 1 c) my family.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MyFamily {
    /// "My family has been written by: My parent / My carer / Me, with help from …".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written_by: Option<WrittenBy>,
    /// My family at home / extended family.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub family_at_home: Vec<String>,
    /// Wider community connections.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub community_connections: Vec<String>,
    /// Times, days or barriers that make it difficult for me or my family to attend
    /// appointments or to meet professionals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub appointment_barriers: Vec<String>,
    /// Any other things which are important for you to know about my family.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other: Vec<String>,
}

/// Section 1 d) my parents'/carers' views.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ParentsViews {
    /// "Written by: My parent / My carer, with help from …".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written_by: Option<WrittenBy>,
    /// What is important for my child now.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub important_now: Vec<String>,
    /// What is not working so well for my child at the moment.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_working: Vec<String>,
    /// What would make things better for my child.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub would_make_better: Vec<String>,
    /// My goals and aspirations for my child, short term: the next 6–12 months.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aspirations_short_term: Vec<String>,
    /// My goals and aspirations for my child, long term: beyond next year and "when they are an
    /// adult".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aspirations_long_term: Vec<String>,
}

/// Coventry "My Progress": the curriculum progress is measured against, and attainment in core
/// subjects before the plan and at review.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MyProgress {
    /// The curriculum or framework progress is measured against, for example "EYFS",
    /// "Stepping Stones", "P scales", "National Curriculum".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub curriculum: Option<String>,
    /// Attainment per core subject.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attainment: Vec<Attainment>,
    /// Any other notes on progress.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// Attainment in one subject, assessed before the plan and again at review.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attainment {
    /// The subject, for example "Reading", "Writing", "Maths".
    pub subject: String,
    /// Attainment when the plan was written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_start: Option<String>,
    /// When the starting attainment was assessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_start_date: Option<NaiveDate>,
    /// Attainment at the review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_review: Option<String>,
    /// When the review attainment was assessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_review_date: Option<NaiveDate>,
}
