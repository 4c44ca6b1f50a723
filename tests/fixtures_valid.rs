//! Every bundled plan reads, round-trips exactly and validates; every invalid plan yields
//! exactly the code it is named after; the READMEs list every fixture.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use supportplan::core::{Code, Plan, Severity, check_json};

fn dir(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(sub)
}

fn json_files(sub: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir(sub))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

fn stem(p: &Path) -> String {
    p.file_stem().unwrap().to_string_lossy().into_owned()
}

#[test]
fn valid_plans_round_trip_and_validate() {
    let files = json_files("plans");
    let names: Vec<String> = files.iter().map(|p| stem(p)).collect();
    for want in ["primary-full", "year10-pfa", "minimal-draft"] {
        assert!(
            names.iter().any(|n| n == want),
            "fixtures/plans/{want}.json missing"
        );
    }
    for path in files {
        let json = std::fs::read_to_string(&path).unwrap();
        let plan = Plan::from_json(&json).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let written = plan.to_json_pretty().unwrap();
        assert_eq!(
            Plan::from_json(&written).unwrap(),
            plan,
            "{}",
            path.display()
        );
        // Writing again gives the same bytes.
        assert_eq!(
            Plan::from_json(&written).unwrap().to_json_pretty().unwrap(),
            written
        );
        let report = check_json(&json);
        assert!(
            report.issues.is_empty(),
            "{}:\n{}",
            path.display(),
            report.to_text()
        );
    }
}

#[test]
fn the_full_fixtures_fill_what_they_promise() {
    let read =
        |n: &str| Plan::from_json(&std::fs::read_to_string(dir("plans").join(n)).unwrap()).unwrap();
    let primary = read("primary-full.json");
    assert_eq!(primary.outcomes.len(), 3);
    assert_eq!(primary.reviews.len(), 1);
    let provision = primary.outcomes.iter().flat_map(|o| &o.provision);
    assert!(
        provision
            .clone()
            .any(|p| p.added_at.is_some_and(|s| s.review == 1))
    );
    assert!(provision.clone().any(|p| p.ceased_at.is_some()));

    let y10 = read("year10-pfa.json");
    assert_eq!(y10.outcomes.len(), 7);
    assert_eq!(
        y10.reviews.iter().map(|r| r.number).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert!(y10.outcomes.iter().any(|o| o.is_preparing_for_adulthood()));
    assert!(!y10.needs.health.is_empty() && !y10.needs.social_care.is_empty());
    let text = std::fs::read_to_string(dir("plans").join("year10-pfa.json")).unwrap();
    for awkward in ["&", "<", ">", "\\\"", "'", "📱", "\\n", "ليلى"] {
        assert!(text.contains(awkward), "year10-pfa lacks {awkward}");
    }
}

#[test]
fn each_invalid_plan_shows_exactly_its_code() {
    let files = json_files("invalid");
    let mut seen = BTreeSet::new();
    for path in &files {
        let name = stem(path);
        let code = Code::parse(&name).unwrap_or_else(|| panic!("{name} is not a code"));
        let report = check_json(&std::fs::read_to_string(path).unwrap());
        let codes: BTreeSet<Code> = report.issues.iter().map(|i| i.code).collect();
        assert_eq!(
            codes,
            BTreeSet::from([code]),
            "{name}:\n{}",
            report.to_text()
        );
        match code.severity() {
            Severity::Error => assert!(!report.passes(false), "{name}"),
            Severity::Warning => assert!(report.passes(false) && !report.passes(true), "{name}"),
        }
        seen.insert(code);
    }
    for code in Code::ALL {
        assert!(seen.contains(&code), "no fixture for {code}");
    }
}

#[test]
fn readmes_list_every_fixture() {
    let top = std::fs::read_to_string(dir("").join("README.md")).unwrap();
    for path in json_files("plans") {
        let line = format!("plans/{}", path.file_name().unwrap().to_string_lossy());
        assert!(top.contains(&line), "fixtures/README.md lacks {line}");
    }
    let invalid = std::fs::read_to_string(dir("invalid").join("README.md")).unwrap();
    for path in json_files("invalid") {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            invalid.contains(&format!("`{name}`")),
            "invalid/README.md lacks {name}"
        );
    }
}
