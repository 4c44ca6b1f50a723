//! The review lifecycle through the `supportplan` command, as a user runs it: `start`,
//! `review` ×3 (R1 → R2 → 3rd review) in place, `new-plan`, `next-review`; refused transitions
//! exit 1 with a message naming the plan's state; the same review twice is refused and leaves
//! the file as it was; `new-plan` leaves its input untouched; no field value is ever printed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use supportplan::core::{Plan, ReviewDocument};

const SENTINEL: &str = "ZQX-SENTINEL-7431";

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/lifecycle")
        .join(rel)
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_supportplan"))
        .args(args)
        .output()
        .unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn out(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn read_plan(p: &Path) -> Plan {
    Plan::from_json(&std::fs::read_to_string(p).unwrap()).unwrap()
}

/// Runs a command that must succeed.
fn ok(args: &[&str]) -> Output {
    let o = run(args);
    assert_eq!(o.status.code(), Some(0), "{args:?}:\n{}", out(&o));
    o
}

/// Runs a command that must exit `code` and returns its output.
fn fails(code: i32, args: &[&str]) -> String {
    let o = run(args);
    assert_eq!(o.status.code(), Some(code), "{args:?}:\n{}", out(&o));
    out(&o)
}

fn write_json(path: &Path, v: &Value) {
    std::fs::write(path, serde_json::to_string_pretty(v).unwrap()).unwrap();
}

#[test]
fn start_writes_a_draft_with_review_dates() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    ok(&[
        "start",
        "--name",
        "Ada Finch",
        "--first-meeting",
        "2025-09-22",
        "--style",
        "termly",
        "-o",
        s(&plan),
    ]);
    let p = read_plan(&plan);
    assert_eq!(p.child.name, "Ada Finch");
    assert_eq!(p.plan_number, Some(1));
    assert_eq!(p.review_dates.len(), 3);
    let o = ok(&["start", "--name", "Ada", "--first-meeting", "2026-01-12"]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["status"], "draft");
    assert_eq!(v["style"], "kirklees");
    assert_eq!(v["review_date"], "2026-04-06");
    fails(
        2,
        &["start", "--name", "Ada", "--first-meeting", "2026-02-30"],
    );
    fails(2, &["start", "--first-meeting", "2026-01-12"]);

    // The draft says when it will be reviewed …
    let o = ok(&["next-review", s(&plan), "--today", "2025-11-01"]);
    assert!(
        out(&o).contains("Progress Review Term 1, due in 30 days (2025-12-01)"),
        "{}",
        out(&o)
    );
    // … but cannot be reviewed until it is agreed.
    let review = dir.path().join("t1.json");
    write_json(
        &review,
        &serde_json::json!({"review": {"number": 1, "date": "2025-12-01", "outcomes": [{"outcome": 1, "progress_measure": 3}]}}),
    );
    let msg = fails(1, &["review", s(&plan), s(&review), "-o", s(&plan)]);
    assert!(
        msg.contains("the plan is a draft") && msg.contains("/status"),
        "{msg}"
    );
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(&plan).unwrap()).unwrap();
    v["status"] = "active".into();
    v["outcomes"] = serde_json::json!([{"number": 1, "text": "By the end of Year 4 Ada will be able to read aloud.",
        "provision": [{"what": "Reading", "who": "TA", "frequency": "daily"}]}]);
    write_json(&plan, &v);
    ok(&["review", s(&plan), s(&review), "-o", s(&plan)]);
    assert_eq!(
        read_plan(&plan).review_date,
        Some("2026-03-16".parse().unwrap())
    );
}

#[test]
fn the_year10_walk() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("PLAN.json");
    std::fs::copy(fixture("year10/plan.json"), &plan).unwrap();
    let o = ok(&[
        "next-review",
        s(&plan),
        "--today",
        "2025-12-10",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["due"], "2025-12-08");
    assert_eq!(v["overdue"], true);
    assert_eq!(v["days"], -2);
    assert_eq!(v["which"]["label"], "1st review (R1)");

    let r = |n: &str| fixture(&format!("year10/{n}.json"));
    let o = ok(&["review", s(&plan), s(&r("r1")), "-o", s(&plan)]);
    assert!(out(&o).contains("recorded the 1st review (R1)"));
    let after_r1 = std::fs::read(&plan).unwrap();

    // The same review twice is refused, and the file is left as it was.
    let msg = fails(1, &["review", s(&plan), s(&r("r1")), "-o", s(&plan)]);
    assert!(
        msg.contains("already recorded") && msg.contains("1 of 3 reviews recorded"),
        "{msg}"
    );
    assert_eq!(std::fs::read(&plan).unwrap(), after_r1);
    // The 3rd review before the 2nd is refused.
    let msg = fails(1, &["review", s(&plan), s(&r("r3")), "-o", s(&plan)]);
    assert!(msg.contains("/review/number must be 2"), "{msg}");

    ok(&["review", s(&plan), s(&r("r2")), "-o", s(&plan)]);
    let o = ok(&["next-review", s(&plan), "--today", "2026-06-01"]);
    assert!(out(&o).contains("3rd review, due in 28 days (2026-06-29) (it ends this plan"));
    ok(&["review", s(&plan), s(&r("r3")), "-o", s(&plan)]);
    let reviewed = read_plan(&plan);
    assert_eq!(reviewed.reviews.len(), 3);
    let stamps = serde_json::to_string(&reviewed).unwrap();
    assert!(
        stamps.contains("\"added_at\":{\"review\":1")
            && stamps.contains("\"ceased_at\":{\"review\":2")
    );
    assert!(!stamps.contains("\"review\":3"), "an R3 stamp was written");

    // A 4th Kirklees review is refused, naming the state and what is allowed.
    let mut r4: Value = serde_json::from_str(&std::fs::read_to_string(r("r3")).unwrap()).unwrap();
    r4["review"]["number"] = 4.into();
    r4["review"]["date"] = "2026-09-28".into();
    let r4_path = dir.path().join("r4.json");
    write_json(&r4_path, &r4);
    let msg = fails(1, &["review", s(&plan), s(&r4_path), "-o", s(&plan)]);
    assert!(
        msg.contains("3 of 3 reviews recorded") && msg.contains("allowed: `new-plan`"),
        "{msg}"
    );
    let msg = fails(1, &["next-review", s(&plan), "--today", "2026-07-01"]);
    assert!(msg.contains("waiting for its new plan"), "{msg}");

    // new-plan leaves its input untouched.
    let before = std::fs::read(&plan).unwrap();
    let next = dir.path().join("NEXT.json");
    ok(&["new-plan", s(&plan), "-o", s(&next)]);
    assert_eq!(std::fs::read(&plan).unwrap(), before);
    fails(2, &["new-plan", s(&plan), "-o", s(&plan)]);
    assert_eq!(std::fs::read(&plan).unwrap(), before);
    let n = read_plan(&next);
    assert_eq!(n.plan_number, Some(3));
    assert!(n.reviews.is_empty());
    let text = std::fs::read_to_string(&next).unwrap();
    assert!(!text.contains("added_at") && !text.contains("ceased_at"));
    ok(&["validate", "--strict", s(&next)]);
    let o = ok(&["next-review", s(&next), "--today", "2026-07-01"]);
    assert!(
        out(&o).contains("1st review (R1), due in 96 days (2026-10-05)"),
        "{}",
        out(&o)
    );
    // The new plan cannot be "new-planned" again before it is reviewed.
    let msg = fails(1, &["new-plan", s(&next)]);
    assert!(msg.contains("0 of 3 reviews recorded"), "{msg}");
}

#[test]
fn refused_transitions_exit_1_and_name_the_state() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    std::fs::copy(fixture("year10/plan.json"), &plan).unwrap();
    let r1: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("year10/r1.json")).unwrap()).unwrap();
    let doc = dir.path().join("r.json");

    // Dated before the plan start.
    let mut early = r1.clone();
    early["review"]["date"] = "2025-01-06".into();
    write_json(&doc, &early);
    let msg = fails(1, &["review", s(&plan), s(&doc)]);
    assert!(
        msg.contains("/review/date must be on or after the plan start date"),
        "{msg}"
    );

    // A reference to an outcome that does not exist.
    let mut unknown = r1.clone();
    unknown["amendments"]["add_steps"][0]["outcome"] = 42.into();
    write_json(&doc, &unknown);
    let msg = fails(1, &["review", s(&plan), s(&doc)]);
    assert!(
        msg.contains(
            "/amendments/add_steps/0/outcome refers to an outcome that is not in the plan"
        ),
        "{msg}"
    );

    // A review of a ceased plan.
    let mut ceased: Value = serde_json::from_str(&std::fs::read_to_string(&plan).unwrap()).unwrap();
    ceased["status"] = "ceased".into();
    let ceased_path = dir.path().join("ceased.json");
    write_json(&ceased_path, &ceased);
    write_json(&doc, &r1);
    let msg = fails(1, &["review", s(&ceased_path), s(&doc)]);
    assert!(msg.contains("the plan is ceased"), "{msg}");
    fails(
        1,
        &["next-review", s(&ceased_path), "--today", "2026-01-01"],
    );

    // R2 dated before R1.
    let reviewed = dir.path().join("reviewed.json");
    ok(&["review", s(&plan), s(&doc), "-o", s(&reviewed)]);
    let mut r2: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("year10/r2.json")).unwrap()).unwrap();
    r2["review"]["date"] = "2025-12-01".into();
    write_json(&doc, &r2);
    let msg = fails(1, &["review", s(&reviewed), s(&doc)]);
    assert!(
        msg.contains("after the date of the previous review (/reviews/0/date"),
        "{msg}"
    );

    // A Kirklees review document applied to a termly plan.
    let msg = fails(
        1,
        &[
            "review",
            s(&fixture("termly/plan.json")),
            s(&fixture("year10/r1.json")),
        ],
    );
    assert!(
        msg.contains("/style is kirklees but the plan's /style is termly"),
        "{msg}"
    );

    // Unreadable documents: exit 1; missing files: exit 2.
    std::fs::write(&doc, "{\"review\": {\"number\": 1}}").unwrap();
    let msg = fails(1, &["review", s(&plan), s(&doc)]);
    assert!(msg.contains("/review/date"), "{msg}");
    fails(
        2,
        &["review", s(&plan), s(&dir.path().join("missing.json"))],
    );
    fails(2, &["review", s(&plan)]);
}

#[test]
fn termly_and_coventry_walks() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    std::fs::copy(fixture("termly/plan.json"), &plan).unwrap();
    ok(&[
        "review",
        s(&plan),
        s(&fixture("termly/t1.json")),
        "-o",
        s(&plan),
    ]);
    ok(&[
        "review",
        s(&plan),
        s(&fixture("termly/t2.json")),
        "-o",
        s(&plan),
    ]);
    let p = read_plan(&plan);
    assert_eq!(p.outcomes.len(), 3);
    assert_eq!(p.outcome(2).unwrap().replaced_by, Some(3));

    let plan = dir.path().join("cov.json");
    std::fs::copy(fixture("coventry/plan.json"), &plan).unwrap();
    // --ehcna-request on a review that does not request one is a usage error.
    fails(
        2,
        &[
            "review",
            s(&fixture("year10/plan.json")),
            s(&fixture("year10/r1.json")),
            "--ehcna-request",
            s(&dir.path().join("x.json")),
        ],
    );
    let request = dir.path().join("ehcna.json");
    let o = ok(&[
        "review",
        s(&plan),
        s(&fixture("coventry/c1.json")),
        "-o",
        s(&plan),
        "--ehcna-request",
        s(&request),
    ]);
    assert!(out(&o).contains("awaiting an EHC needs assessment decision"));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&request).unwrap()).unwrap();
    assert_eq!(v["evidence"].as_array().unwrap().len(), 2);
    assert_eq!(v["reviews"][0]["decision"], "request_ehc_needs_assessment");
    assert_eq!(v["consent_recorded"], true);
    assert!(v["plan"]["outcomes"].is_array());
    let next = dir.path().join("next.json");
    ok(&["new-plan", s(&plan), "-o", s(&next)]);
    assert_eq!(read_plan(&next).plan_number, Some(2));
}

/// Puts the sentinel into every string field of a JSON value that `accepts` still reads.
fn fill_with_sentinel(v: &mut Value, accepts: &dyn Fn(&Value) -> bool) -> usize {
    fn leaves(v: &Value, at: String, out: &mut Vec<String>) {
        match v {
            Value::String(_) => out.push(at),
            Value::Object(m) => m
                .iter()
                .for_each(|(k, c)| leaves(c, format!("{at}/{k}"), out)),
            Value::Array(a) => a
                .iter()
                .enumerate()
                .for_each(|(i, c)| leaves(c, format!("{at}/{i}"), out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    leaves(v, String::new(), &mut all);
    let mut filled = 0;
    for p in all {
        let old = v.pointer(&p).cloned().unwrap();
        *v.pointer_mut(&p).unwrap() = Value::String(format!("{SENTINEL} <&>"));
        if accepts(v) {
            filled += 1;
        } else {
            *v.pointer_mut(&p).unwrap() = old;
        }
    }
    filled
}

#[test]
fn no_field_value_is_ever_printed() {
    let dir = tempfile::tempdir().unwrap();
    let read = |rel: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(fixture(rel)).unwrap()).unwrap()
    };
    let mut plan = read("year10/plan.json");
    let n = fill_with_sentinel(&mut plan, &|v| Plan::from_json(&v.to_string()).is_ok());
    assert!(n > 100, "{n}");
    let plan_path = dir.path().join("plan.json");
    write_json(&plan_path, &plan);
    let docs: Vec<Value> = ["year10/r1.json", "year10/r2.json", "year10/r3.json"]
        .iter()
        .map(|r| {
            let mut d = read(r);
            fill_with_sentinel(&mut d, &|v| {
                ReviewDocument::from_json(&v.to_string()).is_ok()
            });
            d
        })
        .collect();
    let doc_path = |i: usize| dir.path().join(format!("r{i}.json"));
    for (i, d) in docs.iter().enumerate() {
        write_json(&doc_path(i + 1), d);
    }
    let mut all = String::new();
    let mut check = |code: i32, args: &[&str]| {
        let o = run(args);
        let text = out(&o);
        assert_eq!(o.status.code(), Some(code), "{args:?}: {text}");
        all.push_str(&text);
    };
    let reviewed = dir.path().join("reviewed.json");
    check(
        0,
        &["review", s(&plan_path), s(&doc_path(1)), "-o", s(&reviewed)],
    );
    check(1, &["review", s(&reviewed), s(&doc_path(1))]);
    // Broken documents whose offending value is the sentinel.
    let mut variants: Vec<Value> = Vec::new();
    let mut bad = docs[1].clone();
    bad["review"]["date"] = SENTINEL.into();
    variants.push(bad);
    let mut bad = docs[1].clone();
    bad["review"]["decision"] = SENTINEL.into();
    variants.push(bad);
    let mut bad = docs[1].clone();
    bad["review"]["nickname"] = SENTINEL.into();
    variants.push(bad);
    let mut bad = docs[1].clone();
    bad["amendments"]["close_outcomes"][0]["replaced_by"] = 99.into();
    variants.push(bad);
    let mut bad = docs[1].clone();
    bad["amendments"]["cease"][0]["index"] = 99.into();
    variants.push(bad);
    let mut bad = docs[1].clone();
    bad["review"]["outcomes"][0]["progress_measure"] = 9.into();
    variants.push(bad);
    for (i, v) in variants.iter().enumerate() {
        let p = dir.path().join(format!("bad{i}.json"));
        write_json(&p, v);
        check(1, &["review", s(&reviewed), s(&p)]);
    }
    check(
        0,
        &["review", s(&reviewed), s(&doc_path(2)), "-o", s(&reviewed)],
    );
    check(
        0,
        &["review", s(&reviewed), s(&doc_path(3)), "-o", s(&reviewed)],
    );
    check(1, &["review", s(&reviewed), s(&doc_path(3))]);
    check(1, &["next-review", s(&reviewed), "--today", "2026-07-01"]);
    check(
        0,
        &[
            "new-plan",
            s(&reviewed),
            "-o",
            s(&dir.path().join("next.json")),
        ],
    );
    check(1, &["new-plan", s(&plan_path)]);
    assert!(!all.contains(SENTINEL), "a value was printed:\n{all}");
}
