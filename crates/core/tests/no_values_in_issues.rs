//! No issue ever quotes a field's value: a sentinel string is put in every text field of an
//! invalid plan (and in the offending values of structurally broken ones) and must appear in no
//! message, help text or path.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;
use supportplan_core::{Plan, check_json};

const SENTINEL: &str = "ZQX-SENTINEL-7431";

fn fixture(name: &str) -> Value {
    let path = format!("{}/../../fixtures/plans/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Pointers of every string leaf.
fn string_leaves(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::String(_) => out.push(at),
        Value::Object(m) => {
            for (k, c) in m {
                string_leaves(c, format!("{at}/{k}"), out);
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                string_leaves(c, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// Puts the sentinel into every string field that accepts free text (enum and date fields
/// reject it, so those are left as they were).
fn fill_with_sentinel(mut plan: Value) -> Value {
    let mut leaves = Vec::new();
    string_leaves(&plan, String::new(), &mut leaves);
    let mut filled = 0;
    for p in leaves {
        let old = plan.pointer(&p).cloned().unwrap();
        *plan.pointer_mut(&p).unwrap() = Value::String(format!("{SENTINEL} & <{SENTINEL}>"));
        if Plan::from_json(&plan.to_string()).is_ok() {
            filled += 1;
        } else {
            *plan.pointer_mut(&p).unwrap() = old;
        }
    }
    assert!(filled > 150, "only {filled} text fields took the sentinel");
    plan
}

/// Sets the field at `pointer`, adding it if its parent object lacks it.
fn set(plan: &mut Value, pointer: &str, value: Value) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let target = if parent.is_empty() {
        plan
    } else {
        plan.pointer_mut(parent)
            .unwrap_or_else(|| panic!("{parent}"))
    };
    match target {
        Value::Object(m) => {
            m.insert(key.to_string(), value);
        }
        Value::Array(a) => a[key.parse::<usize>().unwrap()] = value,
        _ => panic!("{pointer}"),
    }
}

fn assert_clean(json: &str, expect_codes: &[&str]) {
    let report = check_json(json);
    let text = report.to_text();
    let as_json = report.to_json_value().to_string();
    assert!(
        !text.contains(SENTINEL),
        "text report leaks a value:\n{text}"
    );
    assert!(!as_json.contains(SENTINEL), "JSON report leaks a value");
    for code in expect_codes {
        assert!(
            text.contains(&format!("[{code}]")),
            "{code} missing from:\n{text}"
        );
    }
    if let Err(e) = Plan::from_json(json) {
        assert!(
            !e.to_string().contains(SENTINEL),
            "error leaks a value: {e}"
        );
    }
}

#[test]
fn semantic_issues_never_quote_values() {
    let mut plan = fill_with_sentinel(fixture("year10-pfa.json"));
    // Errors.
    set(
        &mut plan,
        "/reviews/0/outcomes/0/progress_measure",
        Value::from(9),
    );
    set(&mut plan, "/reviews/0/outcomes/1/outcome", Value::from(99));
    set(&mut plan, "/outcomes/1/number", Value::from(1));
    set(
        &mut plan,
        "/outcomes/0/provision/0/added_at",
        serde_json::json!({"review": 3, "date": "2026-01-05"}),
    );
    set(&mut plan, "/reviews/1/date", Value::from("2020-01-01"));
    // Warnings (the outcome texts already hold the sentinel, so none is SMART).
    plan["outcomes"][0]["provision"][0]
        .as_object_mut()
        .unwrap()
        .remove("who");
    plan["outcomes"][0]["provision"][0]
        .as_object_mut()
        .unwrap()
        .remove("frequency");
    plan["outcomes"][0]["provision"][0]["resources"][0]
        .as_object_mut()
        .unwrap()
        .remove("weekly_cost_pence");
    plan.as_object_mut().unwrap().remove("review_date");
    set(&mut plan, "/status", Value::from("active"));
    for o in plan["outcomes"].as_array_mut().unwrap() {
        o["areas"] = serde_json::json!(["health"]);
    }
    assert_clean(
        &serde_json::to_string_pretty(&plan).unwrap(),
        &[
            "progress-measure-range",
            "outcome-unknown",
            "outcome-number-duplicate",
            "review-tag-r3",
            "review-before-start",
            "outcome-not-smart",
            "provision-missing-who",
            "provision-missing-frequency",
            "cost-missing-weekly",
            "pfa-outcome-missing",
            "review-date-missing",
        ],
    );
}

#[test]
fn structural_issues_never_quote_values() {
    let plan = fill_with_sentinel(fixture("primary-full.json"));
    let cases: [(&str, Value, &str); 5] = [
        ("/outcomes/0/number", Value::from(SENTINEL), "wrong-type"),
        ("/child/year_group", Value::from(SENTINEL), "invalid-value"),
        ("/start_date", Value::from(SENTINEL), "date-invalid"),
        (
            "/reviews/0/outcomes/0/progress",
            Value::from(SENTINEL),
            "invalid-value",
        ),
        (
            "/reviews/0/outcomes/0/progress_measure",
            Value::from(-1),
            "progress-measure-range",
        ),
    ];
    for (pointer, value, code) in cases {
        let mut p = plan.clone();
        set(&mut p, pointer, value);
        assert_clean(&p.to_string(), &[code]);
    }
    // An unknown field whose value is the sentinel.
    let mut p = plan.clone();
    p["child"]["nickname"] = Value::from(SENTINEL);
    assert_clean(&p.to_string(), &["unknown-field"]);
    // A syntax error right after a sentinel string.
    let broken = format!(
        "{}\"{SENTINEL}\" }}",
        &plan.to_string()[..plan.to_string().len() - 1]
    );
    assert_clean(&broken, &["json-syntax"]);
}
