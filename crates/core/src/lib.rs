//! supportplan-core: the neutral model of a child's SEND support plan (England), its JSON form
//! and JSON Schema, and its validation. One [`Plan`] holds every field that the Kirklees
//! "My Support Plan", the Coventry My Support Plan and the termly Support Plan ask for, so any
//! of the three council forms can be rendered from it. No docx and no I/O live here.
//!
//! # Overview
//!
//! - [`Plan`] is the root: the [`Child`], [`Setting`], dates, [`Team`], [`OtherPlan`]s,
//!   [`Consent`], [`AboutMe`], [`MyProgress`], [`Needs`], [`Outcome`]s, [`Review`]s and
//!   appendices ([`EvidenceDocument`]). Read and write it with [`Plan::from_json`] and
//!   [`Plan::to_json_pretty`]; [`plan_schema`] gives its JSON Schema.
//! - An [`Outcome`] holds its [`Step`]s, [`Target`]s and [`ProvisionItem`]s; history is data:
//!   steps, targets and provision carry `added_at` / `ceased_at` [`ReviewStamp`]s (R1, R2 and
//!   the review date). Money is exact: [`Pence`].
//! - A [`Review`] holds what all three forms ask at review: Kirklees progress
//!   ([`Progress`]) and its three questions, the termly views grid ([`ReviewViews`]) and 1–5
//!   measure, the Coventry implemented/achieved columns ([`Answer`]), and the
//!   [`ReviewDecision`].
//! - The [`lifecycle`]: [`start_plan`], [`next_review`], [`apply_review`] of a
//!   [`ReviewDocument`] (its schema: [`review_schema`]), [`new_plan`] and [`ehcna_request`].
//!   Refusals are [`LifecycleError`]s naming the plan's state and what is allowed.
//! - Validation is data: [`validate()`] and [`check_json`] return a [`Report`] of [`Issue`]s,
//!   each with a [`Severity`], a JSON pointer, a stable [`Code`], a message and a help text.
//!   No issue ever contains a field's value.
//!
//! # Example
//!
//! ```
//! use supportplan_core::{check_json, validate, Code, Plan};
//!
//! let json = r#"{
//!   "child": {"name": "Ada Finch", "year_group": "year_4"},
//!   "start_date": "2026-01-12",
//!   "review_date": "2026-04-20",
//!   "outcomes": [{
//!     "number": 1,
//!     "areas": ["cognition_and_learning"],
//!     "text": "By the end of KS2 Ada will be able to read a short chapter book aloud.",
//!     "provision": [{
//!       "what": "Precision teaching of high-frequency words, 1-1",
//!       "who": "Teaching assistant",
//!       "frequency": "3 x per week, 15 minutes per session",
//!       "resources": [{"description": "TA time", "funding": "education_delegated",
//!                      "weekly_cost_pence": 1125}]
//!     }]
//!   }]
//! }"#;
//! let plan = Plan::from_json(json)?;
//! assert!(validate(&plan).issues.is_empty());
//! assert_eq!(Plan::from_json(&plan.to_json_pretty()?)?, plan);
//!
//! let report = check_json(&json.replace("2026-04-20", "2026-02-30"));
//! assert!(report.has_code(Code::DateInvalid));
//! assert_eq!(report.issues[0].path, "/review_date");
//! # Ok::<(), supportplan_core::Error>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod about_me;
pub mod child;
mod error;
mod json;
pub mod lifecycle;
pub mod money;
pub mod needs;
pub mod outcome;
pub mod plan;
pub mod provision;
pub mod review;
pub mod review_doc;
pub mod team;
pub mod validate;

pub use about_me::{
    AboutMe, Attainment, Author, MyFamily, MyProgress, ParentsViews, Profile, Story, WrittenBy,
};
pub use child::{Child, KeyStage, Setting, YearGroup};
pub use error::{Error, Result};
pub use lifecycle::{
    EhcnaRequest, LifecycleError, NextReview, PlanState, ReviewSlot, apply_review, ehcna_request,
    new_plan, next_review, start_plan,
};
pub use money::Pence;
pub use needs::{HealthAndSocialCareDetails, NeedArea, Needs};
pub use outcome::{Outcome, OutcomeStatus, Service, Step, SupportedBy, Target};
pub use plan::{
    Consent, ConsentGiver, ConsentScope, EvidenceDocument, EvidenceSource, OtherPlan,
    OtherPlanKind, Plan, PlanStatus, PlanStyle, PreviousPlan,
};
pub use provision::{FundingSource, ProvisionContext, ProvisionItem, Resource};
pub use review::{
    Answer, OutcomeReview, PractitionerViews, Progress, Review, ReviewDecision, ReviewStamp,
    ReviewViews, Views,
};
pub use review_doc::{
    AddProvision, AddStep, AddTarget, Amendments, CloseOutcome, ItemKind, ItemRef, ReviewDocument,
};
pub use team::{FamilyMember, Person, Team};
pub use validate::{
    Code, Issue, Report, Severity, check_json, check_json_bytes, read_plan, validate,
};

/// The JSON Schema (draft 2020-12) of a [`Plan`], with the model's doc comments as
/// descriptions.
pub fn plan_schema() -> serde_json::Value {
    schemars::schema_for!(Plan).to_value()
}

/// The JSON Schema of a [`ReviewDocument`]: a review record and the changes made at it, as
/// applied by [`apply_review`] (`supportplan schema review`).
pub fn review_schema() -> serde_json::Value {
    schemars::schema_for!(ReviewDocument).to_value()
}

/// For `skip_serializing_if`: leave a field out of JSON when it holds its default.
pub(crate) fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Collects the names of properties whose schema is a date.
    fn date_properties(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                if let Some(serde_json::Value::Object(props)) = m.get("properties") {
                    for (k, p) in props {
                        if p.to_string().contains("\"format\":\"date\"") {
                            out.push(k.clone());
                        }
                    }
                }
                m.values().for_each(|c| date_properties(c, out));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|c| date_properties(c, out)),
            _ => {}
        }
    }

    #[test]
    fn every_date_field_is_found_by_the_date_pre_pass() {
        let mut names = Vec::new();
        date_properties(&plan_schema(), &mut names);
        assert!(names.len() >= 8, "{names:?}");
        for n in &names {
            assert!(json::is_date_key(n), "{n} would escape the date check");
        }
    }

    #[test]
    fn the_schema_rejects_unknown_fields_and_describes_fields() {
        let s = plan_schema().to_string();
        assert!(s.contains("\"additionalProperties\":false"));
        assert!(s.contains("Plan start date"));
        assert!(review_schema().to_string().contains("progress_measure"));
    }

    #[test]
    fn a_minimal_plan_serialises_small() {
        let plan = Plan {
            child: Child {
                name: "A".into(),
                ..Default::default()
            },
            ..Default::default()
        };
        let json = serde_json::to_string(&plan).unwrap_or_default();
        assert_eq!(json, r#"{"child":{"name":"A"}}"#);
    }
}
