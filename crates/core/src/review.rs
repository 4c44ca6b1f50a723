//! Reviews: one review meeting holds what all three forms ask at review — the Kirklees
//! R1/R2/3rd review, the termly progress review with its views grid and 1–5 measure, and the
//! Coventry "implemented? / achieved?" columns — plus the decision taken.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::is_default;
use crate::review_doc::Amendments;
use crate::team::Person;

/// Marks when a step, target or provision item was added or ceased: the review (R1, R2, …)
/// and its date. Kirklees tags only R1 and R2; an R3 stamp can be written but validation
/// rejects it (the 3rd review makes a new plan instead).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewStamp {
    /// The review number: 1 for R1, 2 for R2.
    pub review: u8,
    /// The date of that review.
    pub date: NaiveDate,
}

impl ReviewStamp {
    /// The Kirklees tag, such as "R1".
    pub fn tag(&self) -> String {
        format!("R{}", self.review)
    }
}

/// One review meeting of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// Which review of this plan: 1, 2 or 3 (Kirklees "1st review (R1)", "2nd review (R2)",
    /// "3rd review"; termly form "Progress Review Term 1/2/3").
    pub number: u8,
    /// Date of the review meeting.
    pub date: NaiveDate,
    /// Who chaired the review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chair: Option<Person>,
    /// Who attended.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attendees: Vec<Person>,
    /// Kirklees: what is working well with provision and support and needs to continue?
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_well: Option<String>,
    /// Kirklees: what isn't working well with provision and support and needs to finish or
    /// change?
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_working: Option<String>,
    /// Kirklees: should anything new be introduced to match the parent's/child's goals and
    /// aspirations?
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anything_new: Option<String>,
    /// Termly form: the views grid (child, parent, school, practitioners × working / not
    /// working).
    #[serde(default, skip_serializing_if = "is_default")]
    pub views: ReviewViews,
    /// Progress per outcome.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<OutcomeReview>,
    /// What the meeting decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<ReviewDecision>,
    /// Notes on the decision (for example how else the child will be supported if the plan
    /// ceases).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_notes: Option<String>,
    /// The date agreed for the next review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_review_date: Option<NaiveDate>,
    /// What the meeting agreed for the next plan (Coventry: "agree outcomes and provision for
    /// the next My Support Plan"; Kirklees 3rd review): changes that
    /// [`new_plan`](crate::lifecycle::new_plan) makes to the copy. Item references use the
    /// indices of this plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_plan: Option<Amendments>,
}

impl Review {
    /// A review with only its number and date; every other part empty.
    pub fn new(number: u8, date: NaiveDate) -> Review {
        Review {
            number,
            date,
            chair: None,
            attendees: Vec::new(),
            working_well: None,
            not_working: None,
            anything_new: None,
            views: ReviewViews::default(),
            outcomes: Vec::new(),
            decision: None,
            decision_notes: None,
            next_review_date: None,
            next_plan: None,
        }
    }

    /// The progress recorded for an outcome at this review, if any.
    pub fn outcome(&self, number: u32) -> Option<&OutcomeReview> {
        self.outcomes.iter().find(|o| o.outcome == number)
    }

    /// The Kirklees label: "1st review (R1)", "2nd review (R2)", "3rd review", or "Review n".
    pub fn kirklees_label(&self) -> String {
        match self.number {
            1 => "1st review (R1)".to_string(),
            2 => "2nd review (R2)".to_string(),
            3 => "3rd review".to_string(),
            n => format!("Review {n}"),
        }
    }
}

/// The termly form's views grid.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewViews {
    /// Child view.
    #[serde(default, skip_serializing_if = "is_default")]
    pub child: Views,
    /// Parent view.
    #[serde(default, skip_serializing_if = "is_default")]
    pub parent: Views,
    /// School view.
    #[serde(default, skip_serializing_if = "is_default")]
    pub school: Views,
    /// Practitioners' views (include who).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub practitioners: Vec<PractitionerViews>,
}

/// What's working, and what's not working / barriers to achievement.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Views {
    /// What's working.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working: Option<String>,
    /// What's not working / barriers to achievement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_working: Option<String>,
}

/// One practitioner's views.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PractitionerViews {
    /// Who gave these views.
    pub who: Person,
    /// What's working.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working: Option<String>,
    /// What's not working / barriers to achievement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_working: Option<String>,
}

/// Progress towards one outcome at a review.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeReview {
    /// The outcome's number.
    pub outcome: u32,
    /// Kirklees: whether the steps towards this outcome are met, partly met, not met or need
    /// changing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<Progress>,
    /// Kirklees: progress towards the outcome, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub narrative: Option<String>,
    /// Termly form: what has been achieved in the past term?
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub achieved_this_term: Option<String>,
    /// Termly form: barriers to progress.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub barriers: Option<String>,
    /// Termly form: what do we need to do to achieve the next step/outcome?
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_step: Option<String>,
    /// Termly form: progress measure, 1 (no progress or deterioration), 2 (limited),
    /// 3 (moderate), 4 (significant), 5 (achieved).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 5))]
    pub progress_measure: Option<u8>,
    /// Termly form: any disagreement about the progress measure, recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disagreement: Option<String>,
    /// Coventry column 3: was the provision implemented?
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provision_implemented: Option<Answer>,
    /// Notes for Coventry column 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provision_implemented_notes: Option<String>,
    /// Coventry column 4: was the outcome achieved?
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome_achieved: Option<Answer>,
    /// Notes for Coventry column 4.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome_achieved_notes: Option<String>,
}

/// Kirklees progress towards an outcome's steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Progress {
    /// Met.
    Met,
    /// Partly met.
    PartlyMet,
    /// Not met.
    NotMet,
    /// Needs to be changed.
    NeedsChanging,
}

impl Progress {
    /// The wording of the form.
    pub fn label(self) -> &'static str {
        match self {
            Progress::Met => "Met",
            Progress::PartlyMet => "Partly met",
            Progress::NotMet => "Not met",
            Progress::NeedsChanging => "Needs changing",
        }
    }
}

/// A yes / partly / no answer (Coventry review columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// Yes.
    Yes,
    /// Partly.
    Partly,
    /// No.
    No,
}

/// What a review meeting decided about the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewDecision {
    /// Continue this plan with the amendments recorded (Kirklees R1/R2).
    Continue,
    /// Start a new numbered plan (Kirklees 3rd review, Coventry every review, termly form each
    /// year).
    NewPlan,
    /// Cease the plan: needs can now be met without it.
    Cease,
    /// Request an EHC needs assessment (and agree the next plan meanwhile).
    RequestEhcNeedsAssessment,
}

/// The progress measure key of the termly form, for a valid measure 1–5.
pub fn progress_measure_label(measure: u8) -> Option<&'static str> {
    Some(match measure {
        1 => "No progress or deterioration",
        2 => "Limited progress",
        3 => "Moderate progress",
        4 => "Significant progress",
        5 => "Achieved",
        _ => return None,
    })
}
