//! The lifecycle fixtures (`fixtures/lifecycle/`): each plan and review document reads back to
//! the same bytes, and each walk (Kirklees Year 10: R1 → R2 → 3rd review → new plan; termly;
//! Coventry) gives the plans the seeds describe. `UPDATE_FIXTURES=1` rewrites a fixture in its
//! canonical form (model field order) instead of failing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use chrono::NaiveDate;
use supportplan_core::lifecycle::{apply_review, ehcna_request, new_plan, next_review};
use supportplan_core::{
    LifecycleError, OutcomeStatus, Plan, PlanStatus, ReviewDecision, ReviewDocument,
};

fn path(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/lifecycle")
        .join(rel)
}

fn text(rel: &str) -> String {
    std::fs::read_to_string(path(rel)).unwrap()
}

fn plan(rel: &str) -> Plan {
    Plan::from_json(&text(rel)).unwrap()
}

fn doc(rel: &str) -> ReviewDocument {
    ReviewDocument::from_json(&text(rel)).unwrap()
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn all_fixtures() -> Vec<String> {
    let mut out = Vec::new();
    for dir in ["year10", "termly", "coventry"] {
        for e in std::fs::read_dir(path(dir)).unwrap() {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            if name.ends_with(".json") {
                out.push(format!("{dir}/{name}"));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn fixtures_reserialise_to_the_same_bytes() {
    let files = all_fixtures();
    assert_eq!(files.len(), 9, "{files:?}");
    for rel in files {
        let original = text(&rel);
        let again = if rel.ends_with("plan.json") {
            let p = plan(&rel);
            assert!(p.validate().issues.is_empty(), "{rel}:\n{}", p.validate());
            p.to_json_pretty().unwrap()
        } else {
            doc(&rel).to_json_pretty().unwrap()
        };
        let again = format!("{again}\n");
        if again != original && std::env::var_os("UPDATE_FIXTURES").is_some() {
            // Writes the canonical form (model field order); review the diff like code.
            assert!(
                std::env::var_os("CI").is_none(),
                "UPDATE_FIXTURES is refused under CI"
            );
            std::fs::write(path(&rel), &again).unwrap();
            continue;
        }
        if again != original {
            let at = again
                .bytes()
                .zip(original.bytes())
                .position(|(a, b)| a != b)
                .unwrap_or(again.len().min(original.len()));
            let from = at.saturating_sub(80);
            panic!(
                "{rel}: re-serialised bytes differ at byte {at}:\n--- written\n{}\n--- file\n{}",
                String::from_utf8_lossy(&again.as_bytes()[from..(at + 80).min(again.len())]),
                String::from_utf8_lossy(&original.as_bytes()[from..(at + 80).min(original.len())])
            );
        }
    }
}

#[test]
fn the_readme_lists_every_fixture() {
    let readme = text("README.md");
    for rel in all_fixtures() {
        assert!(readme.contains(&format!("`{rel}`")), "README lacks {rel}");
    }
}

#[test]
fn year10_walk() {
    let p0 = plan("year10/plan.json");
    assert!(p0.reviews.is_empty());
    let due = next_review(&p0, d("2025-12-01")).unwrap();
    assert_eq!(
        (due.due, due.days, due.which.number),
        (d("2025-12-08"), 7, 1)
    );

    let p1 = apply_review(&p0, &doc("year10/r1.json")).unwrap();
    assert_eq!(p1.review_date, Some(d("2026-03-23")));
    let o1 = p1.outcome(1).unwrap();
    assert_eq!(o1.targets[0].ceased_at.unwrap().tag(), "R1");
    assert_eq!(o1.provision[1].added_at.unwrap().tag(), "R1");
    assert!(matches!(
        apply_review(&p1, &doc("year10/r1.json")),
        Err(LifecycleError::AlreadyRecorded { .. })
    ));
    // R3 before R2 is refused.
    assert!(matches!(
        apply_review(&p1, &doc("year10/r3.json")),
        Err(LifecycleError::ReviewNumber { expected: 2, .. })
    ));

    let p2 = apply_review(&p1, &doc("year10/r2.json")).unwrap();
    let o1 = p2.outcome(1).unwrap();
    assert_eq!(o1.provision[1].ceased_at.unwrap().tag(), "R2");
    let o5 = p2.outcome(5).unwrap();
    assert_eq!(o5.status, OutcomeStatus::ClosedNoLongerAppropriate);
    assert_eq!(o5.replaced_by, Some(7));
    assert!(o5.provision.iter().all(|x| x.ceased_at.is_some()));
    assert_eq!(p2.outcome(7).unwrap().added_at.unwrap().tag(), "R2");

    let p3 = apply_review(&p2, &doc("year10/r3.json")).unwrap();
    assert_eq!(p3.reviews.len(), 3);
    assert_eq!(p3.reviews[2].decision, Some(ReviewDecision::NewPlan));
    assert!(p3.validate().issues.is_empty(), "{}", p3.validate());
    // No R3 stamp anywhere.
    assert!(!p3.to_json_pretty().unwrap().contains("\"review\": 3"));
    // A 4th review is refused, naming the state.
    let mut r4 = doc("year10/r3.json");
    r4.review.number = 4;
    r4.review.date = d("2026-09-28");
    let e = apply_review(&p3, &r4).unwrap_err().to_string();
    assert!(
        e.contains("3 of 3 reviews recorded") && e.contains("new-plan"),
        "{e}"
    );

    let next = new_plan(&p3).unwrap();
    assert_eq!(next.plan_number, Some(3));
    assert_eq!(next.previous_plan.as_ref().unwrap().plan_number, Some(2));
    assert_eq!(next.start_date, Some(d("2026-06-29")));
    assert_eq!(next.review_date, Some(d("2026-10-05")));
    assert_eq!(next.status, PlanStatus::Active);
    assert!(next.reviews.is_empty());
    let json = next.to_json_pretty().unwrap();
    assert!(
        !json.contains("added_at") && !json.contains("ceased_at") && !json.contains("closed_at")
    );
    assert_eq!(
        next.outcomes.iter().map(|o| o.number).collect::<Vec<_>>(),
        [1, 2, 3, 4, 6, 7]
    );
    // next_plan of the 3rd review: outcome 3's diabetes training ceases, outcome 1 gains a target.
    assert_eq!(next.outcome(3).unwrap().provision.len(), 1);
    assert!(
        next.outcome(1)
            .unwrap()
            .targets
            .iter()
            .any(|t| t.text.contains("college application"))
    );
    assert!(next.validate().issues.is_empty(), "{}", next.validate());
}

#[test]
fn termly_walk() {
    let p0 = plan("termly/plan.json");
    let p1 = apply_review(&p0, &doc("termly/t1.json")).unwrap();
    assert_eq!(p1.review_date, Some(d("2026-03-16")));
    assert_eq!(p1.outcome(2).unwrap().replaced_by, Some(3));
    let p2 = apply_review(&p1, &doc("termly/t2.json")).unwrap();
    assert_eq!(p2.review_date, Some(d("2026-07-06")));
    let due = next_review(&p2, d("2026-07-10")).unwrap();
    assert!(due.overdue && due.which.ends_plan);
    assert_eq!(due.which.label, "Progress Review Term 3");
    assert!(p2.validate().issues.is_empty(), "{}", p2.validate());
}

#[test]
fn coventry_walk() {
    let p0 = plan("coventry/plan.json");
    let p1 = apply_review(&p0, &doc("coventry/c1.json")).unwrap();
    assert_eq!(p1.status, PlanStatus::EhcnaRequested);
    let request = ehcna_request(&p1);
    assert_eq!(request.evidence.len(), 2);
    assert!(request.consent_recorded);
    assert_eq!(request.reviews.len(), 1);
    let json = serde_json::to_string(&request).unwrap();
    let back: supportplan_core::EhcnaRequest = serde_json::from_str(&json).unwrap();
    assert_eq!(back, request);
    let next = new_plan(&p1).unwrap();
    assert_eq!(next.plan_number, Some(2));
    assert_eq!(next.review_date, Some(d("2026-06-29")));
    let o2 = next.outcome(2).unwrap();
    assert_eq!(o2.provision.len(), 2);
    assert!(
        o2.provision
            .iter()
            .any(|x| x.what == "Touch-typing programme")
    );
    // Every Coventry review ends the plan: a second review is refused.
    let mut again = doc("coventry/c1.json");
    again.review.number = 2;
    again.review.date = d("2026-07-01");
    assert!(matches!(
        apply_review(&p1, &again),
        Err(LifecycleError::NoMoreReviews { .. })
    ));
}
