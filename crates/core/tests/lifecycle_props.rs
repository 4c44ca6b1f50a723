//! Property tests of the review lifecycle: random sequences of reviews in all three styles
//! (additions, ceasings, outcomes closed and replaced, progress, early new plans) lose nothing.
//! Every step, target and provision item that ever existed stays in the plan with when it was
//! added and when it ceased; the same review applied twice is refused; the input plan is never
//! changed; and `new_plan` keeps exactly the items still in place, without history.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;

use chrono::NaiveDate;
use proptest::prelude::*;
use supportplan_core::lifecycle::{apply_review, new_plan, start_plan};
use supportplan_core::{
    AddProvision, AddStep, AddTarget, Amendments, CloseOutcome, ItemKind, ItemRef, LifecycleError,
    Outcome, OutcomeReview, PlanStatus, PlanStyle, Progress, ProvisionItem, Review, ReviewDecision,
    ReviewDocument, ReviewStamp, Step, Target,
};

/// What one random review does, as raw numbers interpreted against the plan at that point.
#[derive(Debug, Clone)]
struct Ops {
    adds: Vec<(u8, u16)>,
    ceases: Vec<u16>,
    close: Option<u16>,
    progress: u8,
    gap_days: u16,
    end_early: bool,
}

fn ops() -> impl Strategy<Value = Ops> {
    (
        prop::collection::vec((0u8..3, any::<u16>()), 0..5),
        prop::collection::vec(any::<u16>(), 0..4),
        prop::option::weighted(0.3, any::<u16>()),
        0u8..4,
        1u16..120,
        prop::bool::weighted(0.15),
    )
        .prop_map(|(adds, ceases, close, progress, gap_days, end_early)| Ops {
            adds,
            ceases,
            close,
            progress,
            gap_days,
            end_early,
        })
}

type Stamp = Option<ReviewStamp>;

/// One item as the ledger knows it: outcome, list, added, ceased.
type Entry = (u32, ItemKind, Stamp, Stamp);

/// Every item of a plan by its (unique) text.
fn items(plan: &supportplan_core::Plan) -> BTreeMap<String, Entry> {
    let mut out = BTreeMap::new();
    for o in &plan.outcomes {
        for s in &o.steps {
            out.insert(
                s.text.clone(),
                (o.number, ItemKind::Step, s.added_at, s.ceased_at),
            );
        }
        for t in &o.targets {
            out.insert(
                t.text.clone(),
                (o.number, ItemKind::Target, t.added_at, t.ceased_at),
            );
        }
        for x in &o.provision {
            out.insert(
                x.what.clone(),
                (o.number, ItemKind::Provision, x.added_at, x.ceased_at),
            );
        }
    }
    out
}

/// The ledger kept beside the plan: every item ever, and which outcomes are closed.
#[derive(Clone, Default)]
struct Ledger {
    items: BTreeMap<String, Entry>,
    closed: Vec<u32>,
    outcomes: Vec<u32>,
    counter: usize,
}

impl Ledger {
    fn fresh(&mut self, what: &str) -> String {
        self.counter += 1;
        format!("{what}-{}", self.counter)
    }

    fn active(&self) -> Vec<u32> {
        self.outcomes
            .iter()
            .copied()
            .filter(|n| !self.closed.contains(n))
            .collect()
    }

    /// The live items of active outcomes, with their index in their list.
    fn live(&self, plan: &supportplan_core::Plan) -> Vec<(u32, ItemKind, usize, String)> {
        let mut out = Vec::new();
        for o in plan
            .outcomes
            .iter()
            .filter(|o| self.active().contains(&o.number))
        {
            for (i, s) in o.steps.iter().enumerate() {
                if self.items[&s.text].3.is_none() {
                    out.push((o.number, ItemKind::Step, i, s.text.clone()));
                }
            }
            for (i, t) in o.targets.iter().enumerate() {
                if self.items[&t.text].3.is_none() {
                    out.push((o.number, ItemKind::Target, i, t.text.clone()));
                }
            }
            for (i, x) in o.provision.iter().enumerate() {
                if self.items[&x.what].3.is_none() {
                    out.push((o.number, ItemKind::Provision, i, x.what.clone()));
                }
            }
        }
        out
    }

    /// Turns random ops into amendments, recording their effect in the ledger.
    fn amend(
        &mut self,
        plan: &supportplan_core::Plan,
        ops: &Ops,
        stamp: ReviewStamp,
    ) -> Amendments {
        let mut a = Amendments::default();
        let live = self.live(plan);
        for pick in &ops.ceases {
            if live.is_empty() {
                break;
            }
            let (outcome, kind, index, text) = &live[usize::from(*pick) % live.len()];
            if self.items[text].3.is_some() {
                continue;
            }
            a.cease.push(ItemRef {
                outcome: *outcome,
                kind: *kind,
                index: *index,
            });
            self.items.get_mut(text).unwrap().3 = Some(stamp);
        }
        if let Some(pick) = ops.close {
            let active = self.active();
            if !active.is_empty() {
                let closing = active[usize::from(pick) % active.len()];
                let number = self.outcomes.iter().max().copied().unwrap_or(0) + 1;
                a.close_outcomes.push(CloseOutcome {
                    outcome: closing,
                    replaced_by: Some(number),
                });
                for e in self.items.values_mut() {
                    if e.0 == closing && e.3.is_none() {
                        e.3 = Some(stamp);
                    }
                }
                self.closed.push(closing);
                let (s, t, p) = (
                    self.fresh("step"),
                    self.fresh("target"),
                    self.fresh("provision"),
                );
                a.new_outcomes.push(outcome(number, &s, &t, &p));
                self.items
                    .insert(s, (number, ItemKind::Step, Some(stamp), None));
                self.items
                    .insert(t, (number, ItemKind::Target, Some(stamp), None));
                self.items
                    .insert(p, (number, ItemKind::Provision, Some(stamp), None));
                self.outcomes.push(number);
            }
        }
        let active = self.active();
        for (kind, pick) in &ops.adds {
            if active.is_empty() {
                break;
            }
            let o = active[usize::from(*pick) % active.len()];
            match kind {
                0 => {
                    let text = self.fresh("step");
                    a.add_steps.push(AddStep {
                        outcome: o,
                        text: text.clone(),
                        service: None,
                    });
                    self.items
                        .insert(text, (o, ItemKind::Step, Some(stamp), None));
                }
                1 => {
                    let text = self.fresh("target");
                    a.add_targets.push(AddTarget {
                        outcome: o,
                        text: text.clone(),
                    });
                    self.items
                        .insert(text, (o, ItemKind::Target, Some(stamp), None));
                }
                _ => {
                    let text = self.fresh("provision");
                    a.add_provision.push(AddProvision {
                        outcome: o,
                        provision: ProvisionItem {
                            what: text.clone(),
                            who: Some("TA".into()),
                            frequency: Some("daily".into()),
                            ..Default::default()
                        },
                    });
                    self.items
                        .insert(text, (o, ItemKind::Provision, Some(stamp), None));
                }
            }
        }
        a
    }
}

fn outcome(number: u32, step: &str, target: &str, provision: &str) -> Outcome {
    Outcome {
        number,
        text: "By the end of KS2 Sam will be able to read.".into(),
        steps: vec![Step {
            text: step.into(),
            ..Default::default()
        }],
        targets: vec![Target {
            text: target.into(),
            ..Default::default()
        }],
        provision: vec![ProvisionItem {
            what: provision.into(),
            who: Some("TA".into()),
            frequency: Some("daily".into()),
            ..Default::default()
        }],
        ..Default::default()
    }
}

const STYLES: [PlanStyle; 3] = [PlanStyle::Kirklees, PlanStyle::Termly, PlanStyle::Coventry];
const PROGRESS: [Progress; 4] = [
    Progress::Met,
    Progress::PartlyMet,
    Progress::NotMet,
    Progress::NeedsChanging,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn nothing_is_lost(style in 0usize..3, outcomes in 1u32..4, reviews in prop::collection::vec(ops(), 1..4)) {
        let style = STYLES[style];
        let start = NaiveDate::from_ymd_opt(2025, 9, 15).unwrap();
        let mut plan = start_plan("Sam", start, style);
        plan.status = PlanStatus::Active;
        let mut ledger = Ledger::default();
        for n in 1..=outcomes {
            let (s, t, p) = (ledger.fresh("step"), ledger.fresh("target"), ledger.fresh("provision"));
            plan.outcomes.push(outcome(n, &s, &t, &p));
            ledger.items.insert(s, (n, ItemKind::Step, None, None));
            ledger.items.insert(t, (n, ItemKind::Target, None, None));
            ledger.items.insert(p, (n, ItemKind::Provision, None, None));
            ledger.outcomes.push(n);
        }
        prop_assert_eq!(items(&plan), ledger.items.clone());

        let max = style.max_reviews();
        let mut date = start;
        let mut next_plan_ledger = None;
        for (k, op) in reviews.iter().enumerate().take(usize::from(max)) {
            let number = u8::try_from(k + 1).unwrap();
            date = date + chrono::Days::new(u64::from(op.gap_days));
            let stamp = ReviewStamp { review: number, date };
            let last = number == max || op.end_early;
            let mut review = Review::new(number, date);
            review.outcomes = ledger.active().into_iter().map(|o| OutcomeReview {
                outcome: o,
                progress: Some(PROGRESS[usize::from(op.progress)]),
                progress_measure: Some(op.progress + 1),
                ..Default::default()
            }).collect();
            let mut doc = ReviewDocument { style: Some(style), review, amendments: Amendments::default() };
            if last {
                // Changes agreed for the next plan: tracked on a copy of the ledger.
                let mut copy = ledger.clone();
                let a = copy.amend(&plan, op, stamp);
                doc.review.decision = Some(if op.progress == 0 { ReviewDecision::RequestEhcNeedsAssessment } else { ReviewDecision::NewPlan });
                doc.review.next_plan = Some(a);
                next_plan_ledger = Some(copy);
            } else {
                doc.amendments = ledger.amend(&plan, op, stamp);
            }
            let before = plan.clone();
            let reviewed = apply_review(&plan, &doc).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&plan, &before, "the input plan changed");
            prop_assert_eq!(items(&reviewed), ledger.items.clone());
            prop_assert!(reviewed.validate().error_count() == 0, "{}", reviewed.validate().to_text());
            let again = apply_review(&reviewed, &doc);
            prop_assert!(matches!(again, Err(LifecycleError::AlreadyRecorded { .. })), "{:?}", again);
            // JSON round trip of the plan and of the document.
            prop_assert_eq!(&supportplan_core::Plan::from_json(&reviewed.to_json_pretty().unwrap()).unwrap(), &reviewed);
            prop_assert_eq!(&ReviewDocument::from_json(&doc.to_json_pretty().unwrap()).unwrap(), &doc);
            plan = reviewed;
            if last {
                break;
            }
        }

        match next_plan_ledger {
            None => prop_assert!(new_plan(&plan).is_err()),
            Some(ledger) => {
                let before = plan.clone();
                let next = new_plan(&plan).map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(&plan, &before);
                let want: BTreeMap<String, Entry> = ledger
                    .items
                    .iter()
                    .filter(|(_, e)| e.3.is_none() && !ledger.closed.contains(&e.0))
                    .map(|(k, e)| (k.clone(), (e.0, e.1, None, None)))
                    .collect();
                prop_assert_eq!(items(&next), want);
                prop_assert!(next.reviews.is_empty());
                prop_assert!(next.outcomes.iter().all(|o| o.is_active() && o.added_at.is_none()));
                prop_assert_eq!(next.plan_number, Some(2));
                prop_assert_eq!(next.start_date, plan.reviews.last().map(|r| r.date));
                prop_assert!(next.review_date > next.start_date);
                prop_assert!(next.validate().error_count() == 0, "{}", next.validate().to_text());
            }
        }
    }
}
