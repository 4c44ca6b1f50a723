//! The review lifecycle: start a plan, say when its next review is due, apply a review
//! document, make the next numbered plan, and gather what an EHC needs assessment request
//! needs. Every function is pure: it takes the plan (and today's date where it matters) and
//! returns a new value; the input is never changed and no clock is read.
//!
//! # Rules
//!
//! - **Review dates.** A Kirklees or Coventry plan's first review is one term (12 weeks, 84
//!   days) after the first meeting (Coventry My Support Plan guide, Step 4). A termly plan gets
//!   three review dates ([`termly_review_dates`]): the first Monday on or after 1 December
//!   (autumn term), 10 March (spring term) and 1 July (summer term), taking the first three of
//!   these that fall at least 6 weeks after the start date. A September start therefore gets
//!   autumn, spring and summer reviews in its own academic year; a January start gets spring,
//!   summer and the next autumn ("Term 1 is normally autumn, except in a plan's first year").
//!   After a review that continues the plan, the next review is the review's
//!   `next_review_date` if given, else the next termly date (termly plans), else 12 weeks
//!   after the review.
//! - **How many reviews.** Kirklees and termly plans hold three reviews; the third ends in a new
//!   plan (or the plan ceases). A Coventry plan holds one review, which ends in a new plan.
//!   Amendments stamped on the plan are only made at the reviews before the last, so the
//!   stamps are only ever R1 and R2; what the last review agrees for the next plan goes in the
//!   review's `next_plan`.
//! - **Decisions.** `continue` (not at the last review), `new_plan`, `cease` (status
//!   `ceased`) or `request_ehc_needs_assessment` (status `ehcna_requested`; the plan goes on
//!   until a new plan is made). A review without a decision continues the plan, or at the last
//!   review makes a new plan.
//! - **Nothing is lost.** Ceased steps, targets and provision keep their place with a
//!   `ceased_at` stamp; a closed outcome keeps its place with `closed_at` and `replaced_by`,
//!   and its items are ceased. Only [`new_plan`] leaves out ceased items and closed outcomes,
//!   in the copy it returns.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use supportplan_core::lifecycle::{apply_review, new_plan, next_review, start_plan};
//! use supportplan_core::{Outcome, PlanStatus, PlanStyle, ReviewDocument};
//!
//! let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default();
//! let mut plan = start_plan("Ada Finch", d("2026-01-12"), PlanStyle::Coventry);
//! assert_eq!(plan.review_date, Some(d("2026-04-06"))); // 12 weeks later
//! plan.status = PlanStatus::Active; // agreed with the family
//! plan.outcomes.push(Outcome { number: 1, text: "By the end of KS2 …".into(), ..Default::default() });
//!
//! let due = next_review(&plan, d("2026-04-10"))?;
//! assert!(due.overdue);
//!
//! let doc = ReviewDocument::from_json(
//!     r#"{"review": {"number": 1, "date": "2026-04-13", "decision": "new_plan"}}"#,
//! )?;
//! let reviewed = apply_review(&plan, &doc)?;
//! assert!(apply_review(&reviewed, &doc).is_err()); // the same review twice is refused
//! let next = new_plan(&reviewed)?;
//! assert_eq!(next.plan_number, Some(2));
//! assert!(next.reviews.is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeSet;
use std::fmt;

use chrono::{Datelike, Days, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::child::{Child, Setting};
use crate::money::Pence;
use crate::outcome::{OutcomeStatus, Step, Target};
use crate::plan::{
    ConsentScope, EvidenceDocument, EvidenceSource, Plan, PlanStatus, PlanStyle, PreviousPlan,
};
use crate::review::{Review, ReviewDecision, ReviewStamp};
use crate::review_doc::{Amendments, ItemKind, ReviewDocument};

/// One term: the default time from the first meeting (or a review) to the next review.
pub const DEFAULT_REVIEW_INTERVAL_DAYS: u64 = 84;

/// A termly review date must fall at least this many days after the plan starts.
pub const TERMLY_MIN_DAYS_AFTER_START: u64 = 42;

/// The days before which the three termly review dates fall, as (month, day): the review is
/// the first Monday on or after each.
const TERM_ANCHORS: [(u32, u32); 3] = [(12, 1), (3, 10), (7, 1)];

/// Why a lifecycle step was refused. Messages name the plan's state, what is allowed and the
/// JSON path of the field at fault; never a field's value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LifecycleError {
    /// The plan is still a draft.
    #[error(
        "cannot {action}: the plan is {state}; allowed: agree the plan with the family and set /status to \"active\" first"
    )]
    Draft {
        /// What was attempted.
        action: &'static str,
        /// The plan's state.
        state: PlanState,
    },
    /// The plan has ceased or been superseded.
    #[error("cannot {action}: the plan is {state}; allowed: nothing more on this plan{hint}")]
    Closed {
        /// What was attempted.
        action: &'static str,
        /// The plan's state.
        state: PlanState,
        /// Extra guidance (empty, or starting with a semicolon).
        hint: &'static str,
    },
    /// Every review the plan can hold has been recorded.
    #[error(
        "cannot record review {number}: the plan is {state} and a {style} plan holds no more; allowed: `new-plan` to make the next plan"
    )]
    NoMoreReviews {
        /// The review number asked for.
        number: u8,
        /// The plan's style.
        style: &'static str,
        /// The plan's state.
        state: PlanState,
    },
    /// The last review decided to make a new plan.
    #[error(
        "cannot {action}: the plan is {state}, so it is waiting for its new plan; allowed: `new-plan`"
    )]
    AwaitingNewPlan {
        /// What was attempted.
        action: &'static str,
        /// The plan's state.
        state: PlanState,
    },
    /// The review has already been applied (same number or same date).
    #[error(
        "review {number} is already recorded (same {path}): the plan is {state}; a review is applied once"
    )]
    AlreadyRecorded {
        /// The review's number.
        number: u8,
        /// The field that matched: `/review/number` or `/review/date`.
        path: &'static str,
        /// The plan's state.
        state: PlanState,
    },
    /// The review's number is not the next one.
    #[error("/review/number must be {expected}: the plan is {state}; allowed: review {expected}")]
    ReviewNumber {
        /// The number the next review must have.
        expected: usize,
        /// The plan's state.
        state: PlanState,
    },
    /// A date is out of order.
    #[error("{path} must be {rule}")]
    DateOrder {
        /// The JSON path of the date.
        path: String,
        /// The rule, naming the other field.
        rule: String,
    },
    /// The document's style is not the plan's.
    #[error("/style is {document} but the plan's /style is {plan}")]
    StyleMismatch {
        /// The plan's style.
        plan: &'static str,
        /// The document's style.
        document: &'static str,
    },
    /// The decision is not allowed at this review.
    #[error("{path}: `{decision}` is not allowed at the {label}; allowed: {allowed}")]
    DecisionNotAllowed {
        /// The JSON path of the decision.
        path: &'static str,
        /// The decision given.
        decision: &'static str,
        /// The review's label, such as "3rd review".
        label: String,
        /// The decisions allowed.
        allowed: &'static str,
    },
    /// Amendments at the review that ends the plan.
    #[error(
        "{path}: the {label} ends the plan, so it makes no changes to it; allowed: put the changes agreed for the next plan in /review/next_plan"
    )]
    AmendmentsAtLastReview {
        /// The JSON path of the amendments.
        path: &'static str,
        /// The review's label.
        label: String,
    },
    /// Changes for a next plan given with a decision that makes none.
    #[error(
        "/review/next_plan is given but /review/decision does not make a new plan; allowed: `new_plan` or `request_ehc_needs_assessment` with it"
    )]
    NextPlanWithoutNewPlan,
    /// A reference to an outcome number that is not in the plan.
    #[error("{path} refers to an outcome that is not in the plan")]
    UnknownOutcome {
        /// The JSON path of the reference.
        path: String,
    },
    /// A change to an outcome that is closed.
    #[error("{path} refers to an outcome that was closed as no longer appropriate")]
    OutcomeClosed {
        /// The JSON path of the reference.
        path: String,
    },
    /// A reference to a step, target or provision item that does not exist.
    #[error("{path} refers to an item that is not in that outcome's list")]
    NoSuchItem {
        /// The JSON path of the reference.
        path: String,
    },
    /// Ceasing an item that has already ceased.
    #[error("{path} refers to an item that has already ceased")]
    AlreadyCeased {
        /// The JSON path of the reference.
        path: String,
    },
    /// A new outcome with a number already in use.
    #[error("{path}: another outcome already has this number; a new outcome needs a new number")]
    DuplicateOutcome {
        /// The JSON path of the number.
        path: String,
    },
    /// A field the review itself sets was given in the document.
    #[error("{path} is set by the review itself; leave it out of the document")]
    SetByReview {
        /// The JSON path of the field.
        path: String,
    },
    /// A progress measure outside 1–5.
    #[error("{path} must be a whole number from 1 to 5")]
    ProgressMeasure {
        /// The JSON path of the measure.
        path: String,
    },
    /// A new plan cannot be made from the plan as it is.
    #[error("cannot make a new plan: the plan is {state}; allowed: {allowed}")]
    NewPlanNotAllowed {
        /// The plan's state.
        state: PlanState,
        /// What to do instead.
        allowed: &'static str,
    },
    /// No review date can be worked out.
    #[error(
        "cannot say when the next review is due: the plan is {state} and has neither /review_date nor /start_date"
    )]
    NoReviewDate {
        /// The plan's state.
        state: PlanState,
    },
}

/// Where a plan is in its life, as the lifecycle sees it; shown in every refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PlanState {
    /// The plan's status.
    pub status: PlanStatus,
    /// The plan's style (Kirklees when absent).
    pub style: PlanStyle,
    /// How many reviews are recorded.
    pub reviews_recorded: usize,
    /// How many reviews the style allows.
    pub max_reviews: u8,
    /// What the last review decided.
    pub last_decision: Option<ReviewDecision>,
}

impl fmt::Display for PlanState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let status = match self.status {
            PlanStatus::Draft => "a draft",
            PlanStatus::Active => "active",
            PlanStatus::Superseded => "superseded by a newer plan",
            PlanStatus::Ceased => "ceased",
            PlanStatus::EhcnaRequested => "awaiting an EHC needs assessment decision",
        };
        write!(
            f,
            "{} ({} style, {} of {} reviews recorded",
            status,
            self.style.as_str(),
            self.reviews_recorded,
            self.max_reviews
        )?;
        if let Some(d) = self.last_decision {
            write!(f, ", the last decided `{}`", decision_name(d))?;
        }
        f.write_str(")")
    }
}

/// The state of a plan: status, style, reviews recorded and the last decision.
pub fn plan_state(plan: &Plan) -> PlanState {
    let style = style_of(plan);
    PlanState {
        status: plan.status,
        style,
        reviews_recorded: plan.reviews.len(),
        max_reviews: style.max_reviews(),
        last_decision: plan.reviews.last().and_then(|r| decision_of(plan, r)),
    }
}

/// A recorded review's decision, with the default `apply_review` uses when none was written:
/// the review that fills the style's last slot ends in a new plan, an earlier one continues.
/// Reviews that reach a plan by other routes (typed by hand, or read back by `extract`) often
/// carry no decision, and must not leave the plan unable to move on.
fn decision_of(plan: &Plan, review: &Review) -> Option<ReviewDecision> {
    review.decision.or({
        if review.number >= style_of(plan).max_reviews() {
            Some(ReviewDecision::NewPlan)
        } else {
            Some(ReviewDecision::Continue)
        }
    })
}

/// The plan's style; Kirklees when absent.
pub fn style_of(plan: &Plan) -> PlanStyle {
    plan.style.unwrap_or_default()
}

/// The JSON name of a decision.
pub fn decision_name(d: ReviewDecision) -> &'static str {
    match d {
        ReviewDecision::Continue => "continue",
        ReviewDecision::NewPlan => "new_plan",
        ReviewDecision::Cease => "cease",
        ReviewDecision::RequestEhcNeedsAssessment => "request_ehc_needs_assessment",
    }
}

fn add_days(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

/// The default review date: one term (12 weeks) after `from` (Coventry My Support Plan guide,
/// Step 4).
pub fn default_review_date(from: NaiveDate) -> NaiveDate {
    add_days(from, DEFAULT_REVIEW_INTERVAL_DAYS)
}

fn first_monday_on_or_after(date: NaiveDate) -> NaiveDate {
    let back = u64::from(date.weekday().num_days_from_monday());
    add_days(date, (7 - back) % 7)
}

/// The three review dates of a termly plan starting on `start`: the first Monday on or after
/// 1 December, 10 March and 1 July, taking the first three that fall at least 6 weeks after the
/// start (see the [module rules](self)).
///
/// ```
/// use chrono::NaiveDate;
/// use supportplan_core::lifecycle::termly_review_dates;
/// let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default();
/// assert_eq!(
///     termly_review_dates(d("2025-09-22")),
///     [d("2025-12-01"), d("2026-03-16"), d("2026-07-06")]
/// );
/// assert_eq!(
///     termly_review_dates(d("2026-01-12")),
///     [d("2026-03-16"), d("2026-07-06"), d("2026-12-07")]
/// );
/// ```
pub fn termly_review_dates(start: NaiveDate) -> Vec<NaiveDate> {
    let earliest = add_days(start, TERMLY_MIN_DAYS_AFTER_START);
    // The academic year (September to August) that holds the start date.
    let first_year = if start.month() >= 9 {
        start.year()
    } else {
        start.year() - 1
    };
    let mut dates = Vec::with_capacity(3);
    'years: for year in first_year..first_year + 3 {
        for (i, (month, day)) in TERM_ANCHORS.into_iter().enumerate() {
            let y = if i == 0 { year } else { year + 1 };
            let Some(anchor) = NaiveDate::from_ymd_opt(y, month, day) else {
                continue;
            };
            let date = first_monday_on_or_after(anchor);
            if date >= earliest {
                dates.push(date);
                if dates.len() == 3 {
                    break 'years;
                }
            }
        }
    }
    dates
}

/// Starts a draft plan from the first support plan meeting: plan number 1, the child's name,
/// the start date, and the review date (12 weeks later; a termly plan also gets its three
/// [`termly_review_dates`], the first of which is its review date).
///
/// ```
/// use chrono::NaiveDate;
/// use supportplan_core::lifecycle::start_plan;
/// use supportplan_core::{PlanStatus, PlanStyle};
/// let first = NaiveDate::from_ymd_opt(2025, 9, 22).unwrap_or_default();
/// let plan = start_plan("Layla", first, PlanStyle::Termly);
/// assert_eq!(plan.status, PlanStatus::Draft);
/// assert_eq!(plan.review_dates.len(), 3);
/// assert_eq!(plan.review_date, plan.review_dates.first().copied());
/// ```
pub fn start_plan(name: &str, first_meeting: NaiveDate, style: PlanStyle) -> Plan {
    let mut plan = Plan {
        status: PlanStatus::Draft,
        style: Some(style),
        plan_number: Some(1),
        child: Child {
            name: name.to_string(),
            ..Default::default()
        },
        start_date: Some(first_meeting),
        ..Default::default()
    };
    schedule(&mut plan, first_meeting, None);
    plan
}

/// Sets the review date (and the termly dates) of a plan starting on `start`.
fn schedule(plan: &mut Plan, start: NaiveDate, agreed: Option<NaiveDate>) {
    let agreed = agreed.filter(|d| *d > start);
    match style_of(plan) {
        PlanStyle::Termly => {
            plan.review_dates = termly_review_dates(start);
            plan.review_date = agreed.or_else(|| plan.review_dates.first().copied());
        }
        PlanStyle::Kirklees | PlanStyle::Coventry => {
            plan.review_dates.clear();
            plan.review_date = Some(agreed.unwrap_or_else(|| default_review_date(start)));
        }
    }
}

/// Which review is due next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ReviewSlot {
    /// The review's number on this plan (1, 2, 3).
    pub number: u8,
    /// What the form calls it: "1st review (R1)", "Progress Review Term 2", "review" (Coventry's one review).
    pub label: String,
    /// Whether this review ends the plan (Kirklees and termly 3rd review, every Coventry
    /// review).
    pub ends_plan: bool,
}

/// When the next review is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct NextReview {
    /// The date it is due.
    pub due: NaiveDate,
    /// Which review it is.
    pub which: ReviewSlot,
    /// Whether the due date has passed (it is before `today`).
    pub overdue: bool,
    /// Days from `today` to the due date: negative when overdue, 0 when due today.
    pub days: i64,
}

/// When the plan's next review is due, seen from `today` (passed in: the library reads no
/// clock). The due date is the plan's `review_date`; if that is missing or not after the last
/// review, the last review's `next_review_date`, the next termly date, or 12 weeks after the
/// last review (or the start).
///
/// # Errors
///
/// [`LifecycleError::Closed`] for a ceased or superseded plan,
/// [`LifecycleError::AwaitingNewPlan`] when the last review decided a new plan or every review
/// the plan can hold is recorded, and [`LifecycleError::NoReviewDate`] when there is no date
/// to start from.
///
/// # Examples
///
/// ```
/// use chrono::NaiveDate;
/// use supportplan_core::lifecycle::{next_review, start_plan};
/// use supportplan_core::PlanStyle;
/// let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default();
/// let plan = start_plan("Ada", d("2026-01-12"), PlanStyle::Kirklees);
/// let next = next_review(&plan, d("2026-04-01"))?;
/// assert_eq!((next.due, next.days, next.overdue), (d("2026-04-06"), 5, false));
/// assert_eq!(next.which.label, "1st review (R1)");
/// # Ok::<(), supportplan_core::lifecycle::LifecycleError>(())
/// ```
pub fn next_review(plan: &Plan, today: NaiveDate) -> Result<NextReview, LifecycleError> {
    const ACTION: &str = "say when the next review is due";
    let state = plan_state(plan);
    let style = state.style;
    match plan.status {
        PlanStatus::Ceased | PlanStatus::Superseded => {
            return Err(LifecycleError::Closed {
                action: ACTION,
                state,
                hint: "",
            });
        }
        PlanStatus::Draft | PlanStatus::Active | PlanStatus::EhcnaRequested => {}
    }
    let last = plan.reviews.last();
    if last.is_some_and(|r| decision_of(plan, r) == Some(ReviewDecision::NewPlan))
        || plan.reviews.len() >= usize::from(style.max_reviews())
    {
        return Err(LifecycleError::AwaitingNewPlan {
            action: ACTION,
            state,
        });
    }
    let number = u8::try_from(plan.reviews.len() + 1).unwrap_or(u8::MAX);
    let after = last.map(|r| r.date);
    let due = plan
        .review_date
        .filter(|d| after.is_none_or(|a| *d > a))
        .or_else(|| last.and_then(|r| r.next_review_date))
        .or_else(|| {
            plan.review_dates
                .get(plan.reviews.len())
                .copied()
                .filter(|d| after.is_none_or(|a| *d > a))
        })
        .or_else(|| after.or(plan.start_date).map(default_review_date))
        .ok_or(LifecycleError::NoReviewDate { state })?;
    let days = (due - today).num_days();
    Ok(NextReview {
        due,
        which: ReviewSlot {
            number,
            label: style.review_label(number),
            ends_plan: number >= style.max_reviews(),
        },
        overdue: days < 0,
        days,
    })
}

fn is_new_plan_decision(d: ReviewDecision) -> bool {
    matches!(
        d,
        ReviewDecision::NewPlan | ReviewDecision::RequestEhcNeedsAssessment
    )
}

/// Applies a review document to a plan and returns the reviewed plan; the input is untouched.
///
/// The review is checked against the plan's state (see the [module rules](self)), its
/// `amendments` are applied with the stamp of this review (R1, R2: number and date), its
/// `next_plan` changes are tried on a copy (so that mistakes show now, not at
/// [`new_plan`]), and the review is recorded with its decision. The status follows the
/// decision (`cease` → ceased, `request_ehc_needs_assessment` → EHCNA requested) and, when the
/// plan goes on, `review_date` becomes the next review's date.
///
/// # Errors
///
/// A [`LifecycleError`] naming the plan's state and what is allowed, with the JSON path of the
/// field at fault (paths in the document start `/review` or `/amendments`): a draft, ceased or
/// superseded plan; a review already recorded (same number or date); the wrong review number;
/// more reviews than the style allows; a plan waiting for its new plan; a date before the plan
/// start or not after the previous review; a reference to an outcome or item that does not
/// exist; a decision not allowed at this review; amendments at the review that ends the plan.
///
/// # Examples
///
/// ```
/// use supportplan_core::lifecycle::{apply_review, LifecycleError};
/// use supportplan_core::{Plan, ReviewDocument};
///
/// let plan = Plan::from_json(r#"{"child": {"name": "Ada"}, "start_date": "2026-01-12",
///     "outcomes": [{"number": 1, "text": "By the end of KS2 Ada will be able to read.",
///                   "provision": [{"what": "Reading", "who": "TA", "frequency": "daily"}]}]}"#)?;
/// let r1 = ReviewDocument::from_json(r#"{
///     "review": {"number": 1, "date": "2026-04-06", "outcomes": [{"outcome": 1, "progress": "partly_met"}]},
///     "amendments": {
///         "cease": [{"outcome": 1, "kind": "provision", "index": 0}],
///         "add_targets": [{"outcome": 1, "text": "By the end of the summer term, Ada will be able to …"}]
///     }}"#)?;
/// let reviewed = apply_review(&plan, &r1)?;
/// let o = &reviewed.outcomes[0];
/// assert_eq!(o.provision[0].ceased_at.map(|s| s.tag()), Some("R1".to_string()));
/// assert_eq!(o.targets[0].added_at.map(|s| s.tag()), Some("R1".to_string()));
/// assert!(matches!(apply_review(&reviewed, &r1), Err(LifecycleError::AlreadyRecorded { .. })));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn apply_review(plan: &Plan, doc: &ReviewDocument) -> Result<Plan, LifecycleError> {
    const ACTION: &str = "record a review";
    let state = plan_state(plan);
    let style = state.style;
    if let Some(s) = doc.style.filter(|s| *s != style) {
        return Err(LifecycleError::StyleMismatch {
            plan: style.as_str(),
            document: s.as_str(),
        });
    }
    match plan.status {
        PlanStatus::Draft => {
            return Err(LifecycleError::Draft {
                action: ACTION,
                state,
            });
        }
        PlanStatus::Ceased | PlanStatus::Superseded => {
            return Err(LifecycleError::Closed {
                action: ACTION,
                state,
                hint: "; review the plan that replaced it, or start a new one",
            });
        }
        PlanStatus::Active | PlanStatus::EhcnaRequested => {}
    }
    let r = &doc.review;
    for (field, same) in [
        (
            "/review/number",
            plan.reviews.iter().any(|x| x.number == r.number),
        ),
        (
            "/review/date",
            plan.reviews.iter().any(|x| x.date == r.date),
        ),
    ] {
        if same {
            return Err(LifecycleError::AlreadyRecorded {
                number: r.number,
                path: field,
                state,
            });
        }
    }
    let last = plan.reviews.last();
    if last.is_some_and(|l| decision_of(plan, l) == Some(ReviewDecision::NewPlan)) {
        return Err(LifecycleError::AwaitingNewPlan {
            action: ACTION,
            state,
        });
    }
    if plan.reviews.len() >= usize::from(style.max_reviews()) {
        return Err(LifecycleError::NoMoreReviews {
            number: r.number,
            style: style.as_str(),
            state,
        });
    }
    let expected = plan.reviews.len() + 1;
    if usize::from(r.number) != expected {
        return Err(LifecycleError::ReviewNumber { expected, state });
    }
    if plan.start_date.is_some_and(|s| r.date < s) {
        return Err(LifecycleError::DateOrder {
            path: "/review/date".into(),
            rule: "on or after the plan start date (/start_date)".into(),
        });
    }
    if let Some(l) = last.filter(|l| r.date <= l.date) {
        let i = plan.reviews.len() - 1;
        return Err(LifecycleError::DateOrder {
            path: "/review/date".into(),
            rule: format!(
                "after the date of the previous review (/reviews/{i}/date, review {})",
                l.number
            ),
        });
    }
    if r.next_review_date.is_some_and(|n| n <= r.date) {
        return Err(LifecycleError::DateOrder {
            path: "/review/next_review_date".into(),
            rule: "after the review date (/review/date)".into(),
        });
    }
    for (i, o) in r.outcomes.iter().enumerate() {
        if plan.outcome(o.outcome).is_none() {
            return Err(LifecycleError::UnknownOutcome {
                path: format!("/review/outcomes/{i}/outcome"),
            });
        }
        if o.progress_measure.is_some_and(|m| !(1..=5).contains(&m)) {
            return Err(LifecycleError::ProgressMeasure {
                path: format!("/review/outcomes/{i}/progress_measure"),
            });
        }
    }
    let is_last = r.number >= style.max_reviews();
    let label = style.review_label(r.number);
    let decision = r.decision.unwrap_or(if is_last {
        ReviewDecision::NewPlan
    } else {
        ReviewDecision::Continue
    });
    if is_last && decision == ReviewDecision::Continue {
        return Err(LifecycleError::DecisionNotAllowed {
            path: "/review/decision",
            decision: decision_name(decision),
            label,
            allowed: "`new_plan`, `cease` or `request_ehc_needs_assessment` (this review ends the plan)",
        });
    }
    if is_last && !doc.amendments.is_empty() {
        return Err(LifecycleError::AmendmentsAtLastReview {
            path: "/amendments",
            label,
        });
    }
    let stamp = ReviewStamp {
        review: r.number,
        date: r.date,
    };
    let mut next = plan.clone();
    apply_amendments(&mut next, &doc.amendments, stamp, "/amendments")?;
    if let Some(np) = &r.next_plan {
        if !is_new_plan_decision(decision) {
            return Err(LifecycleError::NextPlanWithoutNewPlan);
        }
        let mut trial = next.clone();
        apply_amendments(&mut trial, np, stamp, "/review/next_plan")?;
    }

    let mut record: Review = r.clone();
    record.decision = Some(decision);
    let goes_on = decision == ReviewDecision::Continue
        || (decision == ReviewDecision::RequestEhcNeedsAssessment && !is_last);
    if goes_on {
        let due = record.next_review_date.unwrap_or_else(|| {
            plan.review_dates
                .get(usize::from(r.number))
                .copied()
                .filter(|d| *d > r.date)
                .unwrap_or_else(|| default_review_date(r.date))
        });
        record.next_review_date = Some(due);
        next.review_date = Some(due);
    } else {
        // The plan's review date becomes the date it was reviewed (Coventry title page).
        next.review_date = Some(r.date);
    }
    match decision {
        ReviewDecision::Cease => next.status = PlanStatus::Ceased,
        ReviewDecision::RequestEhcNeedsAssessment => next.status = PlanStatus::EhcnaRequested,
        ReviewDecision::Continue | ReviewDecision::NewPlan => {}
    }
    next.reviews.push(record);
    Ok(next)
}

/// Finds an outcome's index by number, checking it is active.
fn active_outcome(plan: &Plan, number: u32, path: String) -> Result<usize, LifecycleError> {
    match plan.outcomes.iter().position(|o| o.number == number) {
        None => Err(LifecycleError::UnknownOutcome { path }),
        Some(i) if !plan.outcomes[i].is_active() => Err(LifecycleError::OutcomeClosed { path }),
        Some(i) => Ok(i),
    }
}

/// Applies amendments with `stamp`; `base` is the JSON path of the amendments in the document.
fn apply_amendments(
    plan: &mut Plan,
    a: &Amendments,
    stamp: ReviewStamp,
    base: &str,
) -> Result<(), LifecycleError> {
    for (i, c) in a.cease.iter().enumerate() {
        let p = format!("{base}/cease/{i}");
        let o = active_outcome(plan, c.outcome, format!("{p}/outcome"))?;
        let outcome = &mut plan.outcomes[o];
        let slot = match c.kind {
            ItemKind::Step => outcome.steps.get_mut(c.index).map(|s| &mut s.ceased_at),
            ItemKind::Target => outcome.targets.get_mut(c.index).map(|t| &mut t.ceased_at),
            ItemKind::Provision => outcome.provision.get_mut(c.index).map(|x| &mut x.ceased_at),
        };
        let Some(slot) = slot else {
            return Err(LifecycleError::NoSuchItem {
                path: format!("{p}/index"),
            });
        };
        if slot.is_some() {
            return Err(LifecycleError::AlreadyCeased {
                path: format!("{p}/index"),
            });
        }
        *slot = Some(stamp);
    }

    let new_numbers: BTreeSet<u32> = a.new_outcomes.iter().map(|o| o.number).collect();
    for (i, c) in a.close_outcomes.iter().enumerate() {
        let p = format!("{base}/close_outcomes/{i}");
        let o = active_outcome(plan, c.outcome, format!("{p}/outcome"))?;
        if let Some(by) = c.replaced_by {
            let exists = new_numbers.contains(&by)
                || plan
                    .outcomes
                    .iter()
                    .any(|x| x.number == by && x.is_active());
            if by == c.outcome || !exists {
                return Err(LifecycleError::UnknownOutcome {
                    path: format!("{p}/replaced_by"),
                });
            }
        }
        let outcome = &mut plan.outcomes[o];
        outcome.status = OutcomeStatus::ClosedNoLongerAppropriate;
        outcome.closed_at = Some(stamp);
        outcome.replaced_by = c.replaced_by;
        cease_all(outcome, stamp);
    }

    for (i, new) in a.new_outcomes.iter().enumerate() {
        let p = format!("{base}/new_outcomes/{i}");
        if plan.outcomes.iter().any(|o| o.number == new.number) {
            return Err(LifecycleError::DuplicateOutcome {
                path: format!("{p}/number"),
            });
        }
        let set_by_review = |field: &str| LifecycleError::SetByReview {
            path: format!("{p}/{field}"),
        };
        if new.status != OutcomeStatus::Active {
            return Err(set_by_review("status"));
        }
        if new.replaced_by.is_some() {
            return Err(set_by_review("replaced_by"));
        }
        if new.added_at.is_some() {
            return Err(set_by_review("added_at"));
        }
        if new.closed_at.is_some() {
            return Err(set_by_review("closed_at"));
        }
        let stamps = new
            .steps
            .iter()
            .map(|s| (s.added_at, s.ceased_at))
            .map(|x| ("steps", x))
            .chain(
                new.targets
                    .iter()
                    .map(|t| ("targets", (t.added_at, t.ceased_at))),
            )
            .chain(
                new.provision
                    .iter()
                    .map(|x| ("provision", (x.added_at, x.ceased_at))),
            );
        let mut counts = [0usize; 3];
        for (list, (added, ceased)) in stamps {
            let k = match list {
                "steps" => 0,
                "targets" => 1,
                _ => 2,
            };
            let j = counts[k];
            counts[k] += 1;
            if added.is_some() {
                return Err(set_by_review(&format!("{list}/{j}/added_at")));
            }
            if ceased.is_some() {
                return Err(set_by_review(&format!("{list}/{j}/ceased_at")));
            }
        }
        let mut outcome = new.clone();
        outcome.added_at = Some(stamp);
        outcome
            .steps
            .iter_mut()
            .for_each(|s| s.added_at = Some(stamp));
        outcome
            .targets
            .iter_mut()
            .for_each(|t| t.added_at = Some(stamp));
        outcome
            .provision
            .iter_mut()
            .for_each(|x| x.added_at = Some(stamp));
        plan.outcomes.push(outcome);
    }

    for (i, s) in a.add_steps.iter().enumerate() {
        let o = active_outcome(plan, s.outcome, format!("{base}/add_steps/{i}/outcome"))?;
        plan.outcomes[o].steps.push(Step {
            text: s.text.clone(),
            service: s.service,
            added_at: Some(stamp),
            ceased_at: None,
        });
    }
    for (i, t) in a.add_targets.iter().enumerate() {
        let o = active_outcome(plan, t.outcome, format!("{base}/add_targets/{i}/outcome"))?;
        plan.outcomes[o].targets.push(Target {
            text: t.text.clone(),
            added_at: Some(stamp),
            ceased_at: None,
        });
    }
    for (i, x) in a.add_provision.iter().enumerate() {
        let p = format!("{base}/add_provision/{i}");
        let o = active_outcome(plan, x.outcome, format!("{p}/outcome"))?;
        if x.provision.added_at.is_some() {
            return Err(LifecycleError::SetByReview {
                path: format!("{p}/provision/added_at"),
            });
        }
        if x.provision.ceased_at.is_some() {
            return Err(LifecycleError::SetByReview {
                path: format!("{p}/provision/ceased_at"),
            });
        }
        let mut item = x.provision.clone();
        item.added_at = Some(stamp);
        plan.outcomes[o].provision.push(item);
    }
    Ok(())
}

/// Marks every item of an outcome that is still in place as ceased.
fn cease_all(outcome: &mut crate::outcome::Outcome, stamp: ReviewStamp) {
    for s in &mut outcome.steps {
        s.ceased_at.get_or_insert(stamp);
    }
    for t in &mut outcome.targets {
        t.ceased_at.get_or_insert(stamp);
    }
    for x in &mut outcome.provision {
        x.ceased_at.get_or_insert(stamp);
    }
}

/// Makes the next numbered plan from a plan whose last review decided `new_plan` or
/// `request_ehc_needs_assessment` (Kirklees 3rd review, every Coventry review, the termly
/// plan's yearly re-set). The input is untouched (it keeps its history; mark it superseded
/// with [`supersede`] if you keep it in a store).
///
/// The new plan:
/// - is active, numbered one more than the previous plan (which counts as 1 if unnumbered),
///   and links it in `previous_plan` (number, "My Support Plan n", start date); the previous
///   plan is also listed in the appendices (education evidence) unless already there;
/// - starts on the date of the last review; its review date is that review's
///   `next_review_date`, else the style's default (12 weeks; termly: new termly dates);
/// - applies what the last review agreed for the next plan (`next_plan`);
/// - keeps every active outcome with the steps, targets and provision still in place, and
///   drops closed outcomes, ceased items and every `added_at` stamp (no amendment history:
///   "the history will be recorded on the previous plan"); outcome numbers are kept so that
///   each outcome can be traced back;
/// - has no reviews. Everything else (child, team, needs, consent, About me …) is copied.
///
/// # Errors
///
/// [`LifecycleError::NewPlanNotAllowed`] when no review decided a new plan (or the plan is a
/// draft), [`LifecycleError::Closed`] for a ceased or superseded plan, and the errors of
/// [`apply_review`] for a `next_plan` that does not fit the plan.
///
/// # Examples
///
/// ```
/// use supportplan_core::lifecycle::{apply_review, new_plan};
/// use supportplan_core::{Plan, ReviewDocument};
///
/// let plan = Plan::from_json(r#"{"child": {"name": "Ada"}, "style": "coventry",
///     "start_date": "2026-01-12",
///     "outcomes": [{"number": 1, "text": "By the end of KS2 Ada will be able to read.",
///                   "provision": [{"what": "Reading", "who": "TA", "frequency": "daily"}]}]}"#)?;
/// assert!(new_plan(&plan).is_err()); // not reviewed yet
/// let review = ReviewDocument::from_json(r#"{"review": {"number": 1, "date": "2026-04-06",
///     "next_plan": {"cease": [{"outcome": 1, "kind": "provision", "index": 0}]}}}"#)?;
/// let next = new_plan(&apply_review(&plan, &review)?)?;
/// assert_eq!(next.plan_number, Some(2));
/// assert_eq!(next.previous_plan.and_then(|p| p.plan_number), Some(1));
/// assert!(next.outcomes[0].provision.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn new_plan(plan: &Plan) -> Result<Plan, LifecycleError> {
    let state = plan_state(plan);
    match plan.status {
        PlanStatus::Draft => {
            return Err(LifecycleError::NewPlanNotAllowed {
                state,
                allowed: "agree the draft (set /status to \"active\") and review it first",
            });
        }
        PlanStatus::Ceased | PlanStatus::Superseded => {
            return Err(LifecycleError::Closed {
                action: "make a new plan",
                state,
                hint: "; start a new plan with `start` if support is needed again",
            });
        }
        PlanStatus::Active | PlanStatus::EhcnaRequested => {}
    }
    let Some((i, last)) = plan
        .reviews
        .iter()
        .enumerate()
        .next_back()
        .filter(|(_, r)| decision_of(plan, r).is_some_and(is_new_plan_decision))
    else {
        return Err(LifecycleError::NewPlanNotAllowed {
            state,
            allowed: "record a review whose /review/decision is `new_plan` or `request_ehc_needs_assessment` first",
        });
    };
    let mut next = plan.clone();
    if let Some(np) = &last.next_plan {
        let stamp = ReviewStamp {
            review: last.number,
            date: last.date,
        };
        apply_amendments(&mut next, np, stamp, &format!("/reviews/{i}/next_plan"))?;
    }

    let dropped: BTreeSet<u32> = next
        .outcomes
        .iter()
        .filter(|o| !o.is_active())
        .map(|o| o.number)
        .collect();
    next.outcomes.retain(|o| o.is_active());
    for o in &mut next.outcomes {
        o.added_at = None;
        o.closed_at = None;
        o.replaced_by = None;
        o.steps.retain(Step::is_in_place);
        o.steps.iter_mut().for_each(|s| s.added_at = None);
        o.targets.retain(Target::is_in_place);
        o.targets.iter_mut().for_each(|t| t.added_at = None);
        o.provision.retain(|x| x.is_in_place());
        for x in &mut o.provision {
            x.added_at = None;
            x.also_for_outcomes.retain(|n| !dropped.contains(n));
        }
    }

    let previous = plan.plan_number.unwrap_or(1);
    next.status = PlanStatus::Active;
    next.plan_number = Some(previous.saturating_add(1));
    let reference = format!("My Support Plan {previous}");
    next.previous_plan = Some(PreviousPlan {
        plan_number: Some(previous),
        reference: Some(reference.clone()),
        start_date: plan.start_date,
    });
    if !next.appendices.iter().any(|e| e.reference == reference) {
        next.appendices.push(EvidenceDocument {
            source: EvidenceSource::Education,
            reference,
            date: plan.start_date,
        });
    }
    next.start_date = Some(last.date);
    schedule(&mut next, last.date, last.next_review_date);
    next.reviews.clear();
    Ok(next)
}

/// A copy of the plan marked superseded (for a store that keeps the previous plan next to the
/// new one). The CLI's `new-plan` leaves the previous plan's file as it is.
pub fn supersede(plan: &Plan) -> Plan {
    let mut old = plan.clone();
    old.status = PlanStatus::Superseded;
    old
}

/// The data a request for an EHC needs assessment needs (Coventry guide, Step 8: the request
/// form and the supporting information): the child, the plan with its reviews, the evidence
/// listed in the appendices, and the weekly cost of the provision in place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EhcnaRequest {
    /// The child or young person.
    pub child: Child,
    /// The setting they attend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setting: Option<Setting>,
    /// The plan's number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_number: Option<u32>,
    /// The plan's start date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_start_date: Option<NaiveDate>,
    /// The review that decided to request the assessment (the latest such review), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_at: Option<ReviewStamp>,
    /// The notes on that decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_notes: Option<String>,
    /// Whether a consent record covers requesting an EHC needs assessment.
    pub consent_recorded: bool,
    /// The weekly cost of the provision in place (sum of the resources that have one), or
    /// absent on overflow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekly_cost_pence: Option<Pence>,
    /// The evidence: the documents listed in the plan's appendices.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<EvidenceDocument>,
    /// The plan's reviews, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<Review>,
    /// The whole plan.
    pub plan: Plan,
}

/// Gathers the data for a request for an EHC needs assessment from a plan (usually one whose
/// last review decided `request_ehc_needs_assessment`).
///
/// ```
/// use supportplan_core::lifecycle::ehcna_request;
/// use supportplan_core::Plan;
/// let plan = Plan::from_json(r#"{"child": {"name": "Ada"},
///     "appendices": [{"source": "health", "reference": "Paediatric report"}]}"#)?;
/// let request = ehcna_request(&plan);
/// assert_eq!(request.evidence.len(), 1);
/// assert!(!request.consent_recorded);
/// # Ok::<(), supportplan_core::Error>(())
/// ```
pub fn ehcna_request(plan: &Plan) -> EhcnaRequest {
    let requesting = plan
        .reviews
        .iter()
        .rev()
        .find(|r| r.decision == Some(ReviewDecision::RequestEhcNeedsAssessment));
    let weekly_cost = plan
        .outcomes
        .iter()
        .flat_map(|o| &o.provision)
        .filter(|x| x.is_in_place())
        .map(|x| x.weekly_cost())
        .try_fold(Pence::ZERO, |acc, c| c.and_then(|c| acc.checked_add(c)));
    EhcnaRequest {
        child: plan.child.clone(),
        setting: plan.setting.clone(),
        plan_number: plan.plan_number,
        plan_start_date: plan.start_date,
        requested_at: requesting.map(|r| ReviewStamp {
            review: r.number,
            date: r.date,
        }),
        decision_notes: requesting.and_then(|r| r.decision_notes.clone()),
        consent_recorded: plan
            .consent
            .iter()
            .any(|c| c.scope.contains(&ConsentScope::EhcNeedsAssessmentRequest)),
        weekly_cost_pence: weekly_cost,
        evidence: plan.appendices.clone(),
        reviews: plan.reviews.clone(),
        plan: plan.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::Outcome;
    use crate::provision::ProvisionItem;
    use crate::review_doc::{AddProvision, CloseOutcome, ItemRef};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn reviews_without_a_recorded_decision_still_lead_to_a_new_plan() {
        // As after `extract`, or a plan typed by hand: three Kirklees reviews, no decisions.
        let mut p = plan(PlanStyle::Kirklees);
        for (n, date) in [(1, "2025-12-15"), (2, "2026-03-16"), (3, "2026-06-15")] {
            let mut r = Review::new(n, d(date));
            r.decision = None;
            p.reviews.push(r);
        }
        let state = plan_state(&p);
        assert_eq!(state.last_decision, Some(ReviewDecision::NewPlan));
        assert!(matches!(
            next_review(&p, d("2026-07-01")),
            Err(LifecycleError::AwaitingNewPlan { .. })
        ));
        let next = new_plan(&p).expect("the 3rd review ends in a new plan");
        assert!(next.reviews.is_empty());
    }

    fn plan(style: PlanStyle) -> Plan {
        let mut p = start_plan("Test", d("2025-09-22"), style);
        p.status = PlanStatus::Active;
        for n in 1..=2 {
            p.outcomes.push(Outcome {
                number: n,
                text: "By the end of KS2 Test will be able to read.".into(),
                steps: vec![Step {
                    text: "s".into(),
                    ..Default::default()
                }],
                provision: vec![ProvisionItem {
                    what: "p".into(),
                    who: Some("TA".into()),
                    frequency: Some("daily".into()),
                    ..Default::default()
                }],
                ..Default::default()
            });
        }
        p
    }

    fn doc(number: u8, date: &str) -> ReviewDocument {
        ReviewDocument {
            style: None,
            review: Review::new(number, d(date)),
            amendments: Amendments::default(),
        }
    }

    #[test]
    fn default_dates() {
        let p = start_plan("A", d("2025-09-22"), PlanStyle::Kirklees);
        assert_eq!(p.review_date, Some(d("2025-12-15")));
        assert!(p.review_dates.is_empty());
        let p = start_plan("A", d("2025-09-22"), PlanStyle::Termly);
        assert_eq!(
            p.review_dates,
            [d("2025-12-01"), d("2026-03-16"), d("2026-07-06")]
        );
        // Late start: the autumn date is too close, so spring, summer, next autumn.
        assert_eq!(
            termly_review_dates(d("2025-11-10")),
            [d("2026-03-16"), d("2026-07-06"), d("2026-12-07")]
        );
        // A summer start goes on into the next academic year.
        assert_eq!(
            termly_review_dates(d("2026-06-01")),
            [d("2026-12-07"), d("2027-03-15"), d("2027-07-05")]
        );
        assert_eq!(termly_review_dates(NaiveDate::MAX).len(), 0);
    }

    #[test]
    fn kirklees_walk_and_refusals() {
        let p = plan(PlanStyle::Kirklees);
        let mut r1 = doc(1, "2025-12-08");
        r1.amendments.cease.push(ItemRef {
            outcome: 1,
            kind: ItemKind::Provision,
            index: 0,
        });
        let p1 = apply_review(&p, &r1).unwrap_or_default();
        assert_eq!(p1.reviews.len(), 1);
        assert_eq!(p1.review_date, Some(d("2026-03-02")));
        assert_eq!(
            apply_review(&p1, &r1).err().map(|e| e.to_string()),
            Some(
                "review 1 is already recorded (same /review/number): the plan is active (kirklees style, 1 of 3 reviews recorded, the last decided `continue`); a review is applied once".to_string()
            )
        );
        let early = doc(2, "2025-12-01");
        assert!(matches!(
            apply_review(&p1, &early),
            Err(LifecycleError::DateOrder { .. })
        ));
        let p2 = apply_review(&p1, &doc(2, "2026-03-02")).unwrap_or_default();
        let mut r3 = doc(3, "2026-06-29");
        r3.review.decision = Some(ReviewDecision::Continue);
        assert!(matches!(
            apply_review(&p2, &r3),
            Err(LifecycleError::DecisionNotAllowed { .. })
        ));
        r3.review.decision = None;
        let p3 = apply_review(&p2, &r3).unwrap_or_default();
        assert_eq!(
            p3.reviews.last().and_then(|r| r.decision),
            Some(ReviewDecision::NewPlan)
        );
        let e = apply_review(&p3, &doc(4, "2026-09-28")).err();
        assert!(
            matches!(e, Some(LifecycleError::AwaitingNewPlan { .. })),
            "{e:?}"
        );
        let next = new_plan(&p3).unwrap_or_default();
        assert_eq!(next.plan_number, Some(2));
        assert_eq!(next.outcomes[0].provision.len(), 0);
        assert_eq!(next.start_date, Some(d("2026-06-29")));
        assert_eq!(next.review_date, Some(d("2026-09-21")));
        // A 4th review of a plan whose 3rd review requested an assessment.
        let mut r3 = doc(3, "2026-06-29");
        r3.review.decision = Some(ReviewDecision::RequestEhcNeedsAssessment);
        let p3 = apply_review(&p2, &r3).unwrap_or_default();
        assert_eq!(p3.status, PlanStatus::EhcnaRequested);
        let e = apply_review(&p3, &doc(4, "2026-09-28")).err();
        assert!(
            matches!(e, Some(LifecycleError::NoMoreReviews { .. })),
            "{e:?}"
        );
        assert!(new_plan(&p3).is_ok());
        assert_eq!(ehcna_request(&p3).requested_at.map(|s| s.review), Some(3));
    }

    #[test]
    fn amendments_at_the_last_review_are_refused() {
        let p = plan(PlanStyle::Coventry);
        let mut r = doc(1, "2025-12-08");
        r.amendments.cease.push(ItemRef {
            outcome: 1,
            kind: ItemKind::Step,
            index: 0,
        });
        assert!(matches!(
            apply_review(&p, &r),
            Err(LifecycleError::AmendmentsAtLastReview { .. })
        ));
        r.review.next_plan = Some(std::mem::take(&mut r.amendments));
        let reviewed = apply_review(&p, &r).unwrap_or_default();
        let next = new_plan(&reviewed).unwrap_or_default();
        assert!(next.outcomes[0].steps.is_empty());
        assert_eq!(next.outcomes[0].provision.len(), 1);
    }

    #[test]
    fn termly_outcome_closed_and_replaced() {
        let p = plan(PlanStyle::Termly);
        let mut r = doc(1, "2025-12-01");
        r.amendments.close_outcomes.push(CloseOutcome {
            outcome: 2,
            replaced_by: Some(3),
        });
        r.amendments.new_outcomes.push(Outcome {
            number: 3,
            text: "By the end of Year 5 Test will be able to write.".into(),
            ..Default::default()
        });
        r.amendments.add_provision.push(AddProvision {
            outcome: 3,
            provision: ProvisionItem {
                what: "q".into(),
                ..Default::default()
            },
        });
        let p1 = apply_review(&p, &r).unwrap_or_default();
        let closed = p1.outcome(2).cloned().unwrap_or_default();
        assert_eq!(closed.status, OutcomeStatus::ClosedNoLongerAppropriate);
        assert_eq!(closed.replaced_by, Some(3));
        assert!(closed.provision.iter().all(|x| x.ceased_at.is_some()));
        assert_eq!(p1.review_date, Some(d("2026-03-16")));
        assert_eq!(
            p1.outcome(3).and_then(|o| o.provision[0].added_at),
            Some(ReviewStamp {
                review: 1,
                date: d("2025-12-01")
            })
        );
        // Adding to the closed outcome is refused.
        let mut r2 = doc(2, "2026-03-16");
        r2.amendments.add_provision.push(AddProvision {
            outcome: 2,
            provision: ProvisionItem::default(),
        });
        assert!(matches!(
            apply_review(&p1, &r2),
            Err(LifecycleError::OutcomeClosed { .. })
        ));
    }

    #[test]
    fn closed_and_draft_plans_are_refused() {
        let mut p = plan(PlanStyle::Kirklees);
        p.status = PlanStatus::Draft;
        let e = apply_review(&p, &doc(1, "2025-12-08")).err();
        assert!(matches!(e, Some(LifecycleError::Draft { .. })));
        p.status = PlanStatus::Ceased;
        let e = apply_review(&p, &doc(1, "2025-12-08"))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("the plan is ceased"), "{e}");
        assert!(next_review(&p, d("2026-01-01")).is_err());
        assert!(new_plan(&p).is_err());
        let old = supersede(&plan(PlanStyle::Coventry));
        let e = apply_review(&old, &doc(1, "2025-12-08"))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("superseded by a newer plan"), "{e}");
    }

    #[test]
    fn bad_references_name_the_path() {
        let p = plan(PlanStyle::Kirklees);
        let mut r = doc(1, "2025-12-08");
        r.amendments.cease.push(ItemRef {
            outcome: 1,
            kind: ItemKind::Target,
            index: 0,
        });
        assert_eq!(
            apply_review(&p, &r).err().map(|e| e.to_string()),
            Some(
                "/amendments/cease/0/index refers to an item that is not in that outcome's list"
                    .into()
            )
        );
        let mut r = doc(1, "2025-12-08");
        r.review.outcomes.push(crate::review::OutcomeReview {
            outcome: 9,
            ..Default::default()
        });
        assert!(matches!(
            apply_review(&p, &r),
            Err(LifecycleError::UnknownOutcome { path }) if path == "/review/outcomes/0/outcome"
        ));
        let r = doc(1, "2025-01-01");
        assert!(matches!(
            apply_review(&p, &r),
            Err(LifecycleError::DateOrder { .. })
        ));
        let r = doc(2, "2025-12-08");
        assert!(matches!(
            apply_review(&p, &r),
            Err(LifecycleError::ReviewNumber { expected: 1, .. })
        ));
        let mut r = doc(1, "2025-12-08");
        r.style = Some(PlanStyle::Termly);
        assert!(matches!(
            apply_review(&p, &r),
            Err(LifecycleError::StyleMismatch { .. })
        ));
    }

    #[test]
    fn next_review_counts_days() {
        let p = plan(PlanStyle::Kirklees);
        let n = next_review(&p, d("2025-12-20")).unwrap_or_else(|_| unreachable_next());
        assert_eq!((n.overdue, n.days), (true, -5));
        let n = next_review(&p, d("2025-12-15")).unwrap_or_else(|_| unreachable_next());
        assert_eq!((n.overdue, n.days), (false, 0));
        assert!(n.which.label.contains("R1"));
    }

    fn unreachable_next() -> NextReview {
        NextReview {
            due: NaiveDate::MIN,
            which: ReviewSlot {
                number: 0,
                label: String::new(),
                ends_plan: false,
            },
            overdue: false,
            days: 0,
        }
    }
}
