//! The plan: the root of the model, its title-page facts, other plans, consent and appendices.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::about_me::{AboutMe, MyProgress};
use crate::child::{Child, Setting};
use crate::error::{Error, Result};
use crate::is_default;
use crate::needs::Needs;
use crate::outcome::Outcome;
use crate::review::Review;
use crate::team::{Person, Team};

/// A child's support plan: one neutral model from which the Kirklees, Coventry and termly
/// forms are rendered.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Where the plan is in its life.
    #[serde(default, skip_serializing_if = "is_default")]
    pub status: PlanStatus,
    /// Which council's review model the plan follows (Kirklees R1/R2 annotation, termly reviews,
    /// or Coventry's new plan at every review). Absent means Kirklees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<PlanStyle>,
    /// The plan's number for this child ("My Support Plan 1, 2, 3 …", recorded on page 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_number: Option<u32>,
    /// The plan this one follows, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_plan: Option<PreviousPlan>,
    /// The child or young person.
    pub child: Child,
    /// The setting they attend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setting: Option<Setting>,
    /// Plan start date: the date of the first support plan meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<NaiveDate>,
    /// Plan review date: the date agreed for the (next) review meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_date: Option<NaiveDate>,
    /// The review dates planned for the plan's year, in order (termly plans: one per term, see
    /// [`termly_review_dates`](crate::lifecycle::termly_review_dates)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub review_dates: Vec<NaiveDate>,
    /// Who chaired the first meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chair: Option<Person>,
    /// Who wrote the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Person>,
    /// My Team: family, contributors at the first meeting, and professionals who gave advice.
    #[serde(default, skip_serializing_if = "is_default")]
    pub team: Team,
    /// Other plans already in place (the tick boxes of the forms, plus others by name).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_plans: Vec<OtherPlan>,
    /// Parent/carer (or young person) consent records.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consent: Vec<Consent>,
    /// About me, My Views and My Family's Views.
    #[serde(default, skip_serializing_if = "is_default")]
    pub about_me: AboutMe,
    /// My Progress: curriculum and attainment.
    #[serde(default, skip_serializing_if = "is_default")]
    pub progress: MyProgress,
    /// My needs.
    #[serde(default, skip_serializing_if = "is_default")]
    pub needs: Needs,
    /// Outcomes with their steps, targets and provision.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<Outcome>,
    /// Reviews held on this plan, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<Review>,
    /// Appendices: documents that inform the plan.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub appendices: Vec<EvidenceDocument>,
}

impl Plan {
    /// Reads a plan from JSON.
    ///
    /// # Errors
    ///
    /// [`Error::Json`] for the first problem that stops the JSON being read as a plan: a syntax
    /// error (with line and column), an unknown field, a wrong type, or a malformed or
    /// impossible date (with the JSON pointer of the field). Use
    /// [`check_json`](crate::check_json) to get every problem at once, and
    /// [`validate`](crate::validate()) for the rules a readable plan must also meet.
    ///
    /// # Examples
    ///
    /// ```
    /// use supportplan_core::Plan;
    /// let plan = Plan::from_json(r#"{"child": {"name": "Ada Finch"}}"#)?;
    /// assert_eq!(plan.child.name, "Ada Finch");
    /// assert!(Plan::from_json(r#"{"child": {"nmae": "Ada"}}"#).is_err());
    /// # Ok::<(), supportplan_core::Error>(())
    /// ```
    pub fn from_json(json: &str) -> Result<Plan> {
        crate::json::parse_as::<Plan>(json)
    }

    /// The outcome with this number, if any.
    pub fn outcome(&self, number: u32) -> Option<&Outcome> {
        self.outcomes.iter().find(|o| o.number == number)
    }

    /// The outcome with this number, mutably, if any.
    pub fn outcome_mut(&mut self, number: u32) -> Option<&mut Outcome> {
        self.outcomes.iter_mut().find(|o| o.number == number)
    }

    /// The most recent review recorded (the last in the list), if any.
    pub fn latest_review(&self) -> Option<&Review> {
        self.reviews.last()
    }

    /// Checks the plan; the same as [`validate`](crate::validate()).
    pub fn validate(&self) -> crate::Report {
        crate::validate(self)
    }

    /// Writes the plan as pretty-printed JSON (two-space indent, fields in model order, empty
    /// fields left out). Reading it back gives an equal plan.
    ///
    /// # Errors
    ///
    /// [`Error::Serialize`] if serialisation fails (it does not for plans built from this
    /// model).
    pub fn to_json_pretty(&self) -> Result<String> {
        serde_json::to_string_pretty(self).map_err(|e| Error::Serialize(e.to_string()))
    }
}

/// Where a plan is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    /// Being written or shared with the family for comments.
    Draft,
    /// Agreed and in place.
    #[default]
    Active,
    /// Replaced by the next numbered plan; its history stays here.
    Superseded,
    /// Ceased: the child's needs are met without a plan.
    Ceased,
    /// An EHC needs assessment has been requested.
    EhcnaRequested,
}

/// Which council's review model a plan follows. The model is neutral; the style sets the
/// lifecycle rules (how many reviews, what ends a plan).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PlanStyle {
    /// Kirklees My Support Plan V2f: up to three reviews; additions at the 1st and 2nd review
    /// are tagged R1/R2, ceased items struck through; the 3rd review makes a new plan.
    #[default]
    Kirklees,
    /// The termly Support Plan: annual outcomes, three termly progress reviews (views grid and
    /// 1–5 measure), re-set each year with a new plan after the third.
    Termly,
    /// Coventry My Support Plan: every review ends in a new plan (or the plan ceases).
    Coventry,
}

impl PlanStyle {
    /// How many reviews a plan of this style holds: 3 (Kirklees, termly) or 1 (Coventry).
    pub fn max_reviews(self) -> u8 {
        match self {
            PlanStyle::Kirklees | PlanStyle::Termly => 3,
            PlanStyle::Coventry => 1,
        }
    }

    /// The style's name as written in JSON: `kirklees`, `termly` or `coventry`.
    pub fn as_str(self) -> &'static str {
        match self {
            PlanStyle::Kirklees => "kirklees",
            PlanStyle::Termly => "termly",
            PlanStyle::Coventry => "coventry",
        }
    }

    /// What the form calls review `number` of a plan: "1st review (R1)", "Progress Review
    /// Term 2", "review" (Coventry's one review).
    pub fn review_label(self, number: u8) -> String {
        match self {
            PlanStyle::Kirklees => match number {
                1 => "1st review (R1)".to_string(),
                2 => "2nd review (R2)".to_string(),
                3 => "3rd review".to_string(),
                n => format!("review {n}"),
            },
            PlanStyle::Termly => format!("Progress Review Term {number}"),
            PlanStyle::Coventry => match number {
                1 => "review".to_string(),
                n => format!("review {n}"),
            },
        }
    }
}

/// A link to the plan this one follows.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PreviousPlan {
    /// The previous plan's number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_number: Option<u32>,
    /// A reference to it (file name, MIS document id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Its start date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<NaiveDate>,
}

/// Another plan in place for the child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OtherPlan {
    /// Which kind of plan.
    pub kind: OtherPlanKind,
    /// Its name, required for `other` (for example "Early Help Plan").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A reference or the lead professional, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// When it started or was last reviewed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
}

/// The kinds of other plan the forms list as tick boxes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OtherPlanKind {
    /// Team Around the Family (TAF) plan.
    TeamAroundTheFamily,
    /// Child in Need plan.
    ChildInNeed,
    /// Child Protection plan.
    ChildProtection,
    /// Personal Education Plan (PEP).
    PersonalEducationPlan,
    /// Looked After Child care plan.
    LookedAfterChildCarePlan,
    /// Health Care Plan.
    HealthCarePlan,
    /// Family Common Assessment Framework (FCAF).
    Fcaf,
    /// Care Act assessment (18+).
    CareActAssessment,
    /// MyPlan or EHC plan.
    MyPlanOrEhcPlan,
    /// Another plan, named in `name`.
    Other,
}

impl OtherPlanKind {
    /// The wording of the forms.
    pub fn label(self) -> &'static str {
        match self {
            OtherPlanKind::TeamAroundTheFamily => "Team around the Family (TAF) Plan",
            OtherPlanKind::ChildInNeed => "Child in Need Plan",
            OtherPlanKind::ChildProtection => "Child Protection Plan",
            OtherPlanKind::PersonalEducationPlan => "Personal Education Plan (PEP)",
            OtherPlanKind::LookedAfterChildCarePlan => "Looked After Child Care Plan",
            OtherPlanKind::HealthCarePlan => "Health Care Plan",
            OtherPlanKind::Fcaf => "FCAF",
            OtherPlanKind::CareActAssessment => "Care Act Assessment",
            OtherPlanKind::MyPlanOrEhcPlan => "MyPlan/EHC Plan",
            OtherPlanKind::Other => "Other",
        }
    }
}

/// A record of consent: who gave it, when, and to what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// Who signed or gave consent.
    pub given_by: String,
    /// Their relationship to the child.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relationship: Option<ConsentGiver>,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// What was consented to (one or more).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scope: Vec<ConsentScope>,
    /// Any condition or note, for example what may not be shared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// Who gave consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConsentGiver {
    /// A parent.
    Parent,
    /// A carer.
    Carer,
    /// The young person themselves.
    YoungPerson,
}

/// What consent covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConsentScope {
    /// Using information from the other plans listed (Kirklees introduction).
    UseOtherPlansInformation,
    /// Discussing the child with SEN professionals (Coventry Step 2).
    DiscussWithSenProfessionals,
    /// Sharing the plan with the professionals involved.
    SharePlan,
    /// Registering the plan with the local authority (Wiltshire).
    Registration,
    /// Requesting an EHC needs assessment.
    EhcNeedsAssessmentRequest,
}

/// A document that informs the plan (Section 7 Appendices).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidenceDocument {
    /// Where it comes from.
    pub source: EvidenceSource,
    /// Its reference, for example "Speech and language therapy report".
    pub reference: String,
    /// Its date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
}

/// The groups of Section 7 Appendices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceSource {
    /// Family / young person.
    FamilyYoungPerson,
    /// Education.
    Education,
    /// Health.
    Health,
    /// Social care.
    SocialCare,
    /// Careers.
    Careers,
    /// Other people or agencies.
    Other,
}
