//! The `supportplan validate` and `supportplan schema` commands, run as a user would: exit
//! codes, text and JSON reports, standard input, JSON syntax positions, and no field value ever
//! printed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const SENTINEL: &str = "ZQX-SENTINEL-7431";

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_supportplan"))
        .args(args)
        .output()
        .unwrap()
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_supportplan"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn valid_plan_exits_0() {
    let o = run(&["validate", path_str(&fixture("plans/primary-full.json"))]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(stdout(&o), "valid: no problems found\n");
}

#[test]
fn errors_exit_1_with_code_and_pointer() {
    let o = run(&[
        "validate",
        path_str(&fixture("invalid/progress-measure-range.json")),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.starts_with("error[progress-measure-range] /reviews/0/outcomes/0/progress_measure: ")
    );
    assert!(out.contains("\n  help: "));
    assert!(out.ends_with("invalid: 1 error, 0 warnings\n"));
}

#[test]
fn warnings_pass_unless_strict() {
    let file = fixture("invalid/outcome-not-smart.json");
    let o = run(&["validate", path_str(&file)]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("warning[outcome-not-smart] /outcomes/0/text"));
    assert!(stdout(&o).contains("Code of Practice 9.66"));
    let o = run(&["validate", "--strict", path_str(&file)]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn every_date_problem_in_one_run() {
    let o = run(&["validate", path_str(&fixture("invalid/date-invalid.json"))]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("error[date-invalid] /start_date"));
    assert!(out.contains("error[date-invalid] /review_date"));
}

#[test]
fn every_kind_of_problem_in_one_run() {
    let json = r#"{
      "child": {"name": "A", "nickname": "B", "year_group": "year_10"},
      "start_date": "2026-01-10", "review_date": "2026-02-31",
      "outcomes": [{"number": 1, "text": "x", "replaced_by": "two",
                    "provision": [{"what": "y"}]}],
      "reviews": [{"number": 1, "date": "2026-03-01", "outcomes": [{"outcome": 2, "progress_measure": 7}]}]
    }"#;
    let o = run_stdin(&["validate", "-"], json.as_bytes());
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    for line in [
        "error[date-invalid] /review_date:",
        "error[unknown-field] /child/nickname:",
        "error[wrong-type] /outcomes/0/replaced_by:",
        "warning[outcome-not-smart] /outcomes/0/text:",
        "warning[provision-missing-who] /outcomes/0/provision/0/who:",
        "warning[provision-missing-frequency] /outcomes/0/provision/0/frequency:",
        "warning[pfa-outcome-missing] /outcomes:",
        "error[outcome-unknown] /reviews/0/outcomes/0/outcome:",
        "error[progress-measure-range] /reviews/0/outcomes/0/progress_measure:",
    ] {
        assert!(out.contains(line), "{line} missing from:\n{out}");
    }
    assert!(out.ends_with("invalid: 5 errors, 4 warnings\n"), "{out}");
}

#[test]
fn json_format() {
    let o = run(&[
        "validate",
        "--format",
        "json",
        path_str(&fixture("invalid/review-tag-r3.json")),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["valid"], false);
    assert_eq!(v["errors"], 1);
    assert_eq!(v["issues"][0]["severity"], "error");
    assert_eq!(v["issues"][0]["code"], "review-tag-r3");
    assert_eq!(
        v["issues"][0]["path"],
        "/outcomes/0/provision/0/added_at/review"
    );
    assert!(
        v["issues"][0]["help"]
            .as_str()
            .unwrap()
            .contains("Kirklees")
    );
}

#[test]
fn stdin_is_read_with_dash() {
    let json = std::fs::read(fixture("plans/minimal-draft.json")).unwrap();
    let o = run_stdin(&["validate", "-"], &json);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = run_stdin(
        &["validate", "-"],
        br#"{"child": {"name": "A"}, "bogus": 1}"#,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("error[unknown-field] /bogus"));
}

#[test]
fn syntax_errors_give_line_and_column() {
    let o = run(&["validate", path_str(&fixture("invalid/json-syntax.json"))]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).starts_with("error[json-syntax] line 5, column 1: "));
    let o = run_stdin(
        &["validate", "--format", "json", "-"],
        b"{\n  \"child\": {\"name\" \"A\"}\n}",
    );
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["issues"][0]["code"], "json-syntax");
    assert_eq!(v["issues"][0]["line"], 2);
    assert_eq!(v["issues"][0]["column"], 20); // the second `"` where `:` belongs
}

#[test]
fn usage_and_io_errors_exit_2() {
    let o = run(&["validate", "/nonexistent/plan.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot read"));
    let o = run(&[
        "validate",
        "--format",
        "xml",
        path_str(&fixture("plans/minimal-draft.json")),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["validate"]);
    assert_eq!(o.status.code(), Some(2));
}

/// Puts the sentinel into every string field that accepts free text.
fn fill_with_sentinel(plan: &mut Value) {
    fn leaves(v: &Value, at: String, out: &mut Vec<String>) {
        match v {
            Value::String(_) => out.push(at),
            Value::Object(m) => m
                .iter()
                .for_each(|(k, c)| leaves(c, format!("{at}/{k}"), out)),
            Value::Array(a) => {
                a.iter()
                    .enumerate()
                    .for_each(|(i, c)| leaves(c, format!("{at}/{i}"), out));
            }
            _ => {}
        }
    }
    let mut all = Vec::new();
    leaves(plan, String::new(), &mut all);
    for p in all {
        let old = plan.pointer(&p).cloned().unwrap();
        *plan.pointer_mut(&p).unwrap() = Value::String(SENTINEL.to_string());
        if supportplan::core::Plan::from_json(&plan.to_string()).is_err() {
            *plan.pointer_mut(&p).unwrap() = old;
        }
    }
}

#[test]
fn no_field_value_is_ever_printed() {
    let mut plan: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("plans/year10-pfa.json")).unwrap())
            .unwrap();
    fill_with_sentinel(&mut plan);
    assert!(plan.to_string().matches(SENTINEL).count() > 150);
    // Make it invalid in many ways; the outcome texts (now the sentinel) are not SMART.
    plan["reviews"][0]["outcomes"][0]["progress_measure"] = Value::from(0);
    plan["reviews"][1]["outcomes"][2]["outcome"] = Value::from(42);
    plan["outcomes"][2]["number"] = Value::from(1);
    plan["outcomes"][0]["provision"][1]["ceased_at"]["review"] = Value::from(3);
    plan["reviews"][2]["date"] = Value::from("2019-09-01");
    plan["outcomes"][0]["provision"][0]["who"] = Value::from("   ");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.json");
    std::fs::write(&file, serde_json::to_string_pretty(&plan).unwrap()).unwrap();
    for format in ["text", "json"] {
        let o = run(&["validate", "--strict", "--format", format, path_str(&file)]);
        assert_eq!(o.status.code(), Some(1));
        let all = format!("{}{}", stdout(&o), String::from_utf8_lossy(&o.stderr));
        for code in [
            "progress-measure-range",
            "outcome-unknown",
            "outcome-number-duplicate",
            "review-tag-r3",
            "review-before-start",
            "outcome-not-smart",
            "provision-missing-who",
        ] {
            assert!(all.contains(code), "{code} not reported");
        }
        assert!(!all.contains(SENTINEL), "a value was printed:\n{all}");
    }
    // Structural errors whose offending value is the sentinel.
    let mut broken = plan.clone();
    broken["child"]["year_group"] = Value::from(SENTINEL);
    broken["start_date"] = Value::from(SENTINEL);
    let o = run_stdin(&["validate", "-"], broken.to_string().as_bytes());
    assert_eq!(o.status.code(), Some(1));
    let all = format!("{}{}", stdout(&o), String::from_utf8_lossy(&o.stderr));
    assert!(
        all.contains("date-invalid") && all.contains("invalid-value"),
        "{all}"
    );
    assert!(!all.contains(SENTINEL), "a value was printed:\n{all}");
}

#[test]
fn schema_prints_plan_and_review_schemas() {
    let o = run(&["schema"]);
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["title"], "Plan");
    assert_eq!(v["additionalProperties"], false);
    assert!(v["$defs"]["Outcome"].is_object());
    let o = run(&["schema", "plan"]);
    assert_eq!(serde_json::from_slice::<Value>(&o.stdout).unwrap(), v);
    let o = run(&["schema", "review"]);
    assert_eq!(o.status.code(), Some(0));
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["title"], "ReviewDocument");
    assert_eq!(r["additionalProperties"], false);
    assert!(r["properties"]["review"].is_object());
    assert!(r["properties"]["amendments"].is_object());
    assert!(r["$defs"]["Review"]["properties"]["outcomes"].is_object());
    let o = run(&["schema", "bogus"]);
    assert_eq!(o.status.code(), Some(2));
}
