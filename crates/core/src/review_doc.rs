//! The review document: what a review meeting records and changes, as one JSON file applied to a
//! plan with [`apply_review`](crate::lifecycle::apply_review).
//!
//! ```json
//! {
//!   "style": "kirklees",
//!   "review": { "number": 1, "date": "2025-12-08", "outcomes": [...], "decision": "continue" },
//!   "amendments": {
//!     "cease": [{ "outcome": 1, "kind": "provision", "index": 0 }],
//!     "add_provision": [{ "outcome": 1, "provision": { "what": "…", "who": "…" } }]
//!   }
//! }
//! ```
//!
//! Items are referred to by outcome number, kind and index within that outcome's list. Indices
//! are stable: nothing is ever deleted from a plan and additions are appended.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::is_default;
use crate::outcome::{Outcome, Service};
use crate::plan::PlanStyle;
use crate::provision::ProvisionItem;
use crate::review::Review;

/// One review meeting, as a document to apply to a plan: the review record and the changes
/// made to the plan at that review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewDocument {
    /// The form this review follows; when given it must match the plan's `style`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<PlanStyle>,
    /// The review record kept in the plan: number, date, progress per outcome, views, the three
    /// Kirklees questions, the Coventry columns, the decision and the next review date. Its
    /// `next_plan` holds what was agreed for the next plan.
    pub review: Review,
    /// Changes made to this plan at this review (Kirklees R1/R2, termly reviews 1 and 2). Each
    /// is stamped with the review's number and date. Not allowed at a plan's last review, which
    /// ends in a new plan: put those changes in `review.next_plan`.
    #[serde(default, skip_serializing_if = "is_default")]
    pub amendments: Amendments,
}

impl ReviewDocument {
    /// Reads a review document from JSON.
    ///
    /// # Errors
    ///
    /// [`Error::Json`](crate::Error::Json) for the first problem that stops the JSON being read
    /// as a review document (syntax, an unknown field, a wrong type, a malformed date), with its
    /// JSON pointer and never the value.
    ///
    /// # Examples
    ///
    /// ```
    /// use supportplan_core::ReviewDocument;
    /// let doc = ReviewDocument::from_json(r#"{"review": {"number": 1, "date": "2026-03-23"}}"#)?;
    /// assert_eq!(doc.review.number, 1);
    /// let err = ReviewDocument::from_json(r#"{"review": {"number": 1, "date": "2026-02-30"}}"#);
    /// assert!(err.unwrap_err().to_string().contains("/review/date"));
    /// # Ok::<(), supportplan_core::Error>(())
    /// ```
    pub fn from_json(json: &str) -> Result<ReviewDocument> {
        crate::json::parse_as::<ReviewDocument>(json)
    }

    /// Writes the document as pretty-printed JSON; reading it back gives an equal document.
    ///
    /// # Errors
    ///
    /// [`Error::Serialize`](crate::Error::Serialize) if serialisation fails (it does not for
    /// documents built from this model).
    pub fn to_json_pretty(&self) -> Result<String> {
        serde_json::to_string_pretty(self).map_err(|e| crate::Error::Serialize(e.to_string()))
    }
}

/// Changes to a plan's outcomes, steps, targets and provision. At a review they are applied in
/// this order: `cease`, `close_outcomes`, `new_outcomes`, then the additions.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Amendments {
    /// Steps, targets and provision that stop (kept, marked ceased; struck through on the
    /// Kirklees form).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cease: Vec<ItemRef>,
    /// Outcomes judged no longer appropriate (termly form): closed, with their items ceased,
    /// and linked to the new outcome that replaces them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub close_outcomes: Vec<CloseOutcome>,
    /// New outcomes, including the amended form of a closed one; each needs a number not
    /// used in the plan. Leave out `status`, `replaced_by` and every `added_at` / `ceased_at` /
    /// `closed_at`: the review sets them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub new_outcomes: Vec<Outcome>,
    /// New steps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add_steps: Vec<AddStep>,
    /// New short-term targets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add_targets: Vec<AddTarget>,
    /// New provision.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add_provision: Vec<AddProvision>,
}

impl Amendments {
    /// Whether there is no change at all.
    pub fn is_empty(&self) -> bool {
        *self == Amendments::default()
    }
}

/// Which list of an outcome an item is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// `steps`.
    Step,
    /// `targets`.
    Target,
    /// `provision`.
    Provision,
}

impl ItemKind {
    /// The name of the outcome's list: `steps`, `targets` or `provision`.
    pub fn field(self) -> &'static str {
        match self {
            ItemKind::Step => "steps",
            ItemKind::Target => "targets",
            ItemKind::Provision => "provision",
        }
    }
}

/// A reference to one step, target or provision item of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemRef {
    /// The outcome's number.
    pub outcome: u32,
    /// Which list.
    pub kind: ItemKind,
    /// The index in that list, from 0, as in the plan's JSON.
    pub index: usize,
}

/// An outcome closed as no longer appropriate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CloseOutcome {
    /// The outcome's number.
    pub outcome: u32,
    /// The number of the outcome that replaces it (usually one of `new_outcomes`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_by: Option<u32>,
}

/// A step added to an outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AddStep {
    /// The outcome's number.
    pub outcome: u32,
    /// The step.
    pub text: String,
    /// Which service the step is expressed for, if set out separately.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<Service>,
}

/// A short-term target added to an outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AddTarget {
    /// The outcome's number.
    pub outcome: u32,
    /// The target.
    pub text: String,
}

/// A provision item added to an outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AddProvision {
    /// The outcome's number.
    pub outcome: u32,
    /// The item; leave out `added_at` and `ceased_at` (the review sets them).
    pub provision: ProvisionItem,
}
