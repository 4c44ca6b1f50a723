//! Golden files (issue 6): the dump (`supportplan_inspect::dump`) of each fixture rendered into
//! each built-in template, and of each blank form, is stored in
//! `tests/golden/<template>/<fixture>.txt`.
//!
//! - `UPDATE_GOLDEN=1 cargo test --test golden` rewrites the files that differ (review the
//!   diff like code);
//! - with `CI` set nothing is ever written, and a missing or stale golden fails with the dump
//!   diff, by section.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use supportplan::core::Plan;
use supportplan::forms::{
    RenderOptions, TemplateRef, builtin_templates, render_blank, render_plan,
};
use supportplan::inspect::{diff_dumps, dump};

const FIXTURES: [&str; 3] = ["primary-full", "year10-pfa", "minimal-draft"];

fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn updating() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| !v.is_empty() && v != "0")
        && std::env::var_os("CI").is_none()
}

#[test]
fn renders_match_their_golden_dumps() {
    let mut cases: Vec<(String, String, Vec<u8>)> = Vec::new();
    for t in builtin_templates() {
        for f in FIXTURES {
            let json = std::fs::read_to_string(repo(&format!("fixtures/plans/{f}.json")))
                .expect("fixture");
            let plan = Plan::from_json(&json).expect("valid fixture");
            let bytes = render_plan(&plan, TemplateRef::Builtin(t.id), &RenderOptions::default())
                .expect("render");
            cases.push((t.id.to_string(), f.to_string(), bytes));
        }
        let blank = render_blank(t.id, &RenderOptions::default()).expect("blank");
        cases.push((t.id.to_string(), "blank".to_string(), blank));
    }

    let mut failures = Vec::new();
    let mut written = Vec::new();
    for (template, fixture, bytes) in cases {
        let actual = dump(&bytes).expect("dump");
        let path = repo(&format!("tests/golden/{template}/{fixture}.txt"));
        let stored = std::fs::read_to_string(&path).ok();
        if stored.as_deref() == Some(actual.as_str()) {
            continue;
        }
        if updating() {
            std::fs::create_dir_all(path.parent().expect("parent")).expect("golden dir");
            std::fs::write(&path, &actual).expect("write golden");
            written.push(path.display().to_string());
            continue;
        }
        match stored {
            None => failures.push(format!(
                "{template}/{fixture}: golden file {} is missing \
                 (run `UPDATE_GOLDEN=1 cargo test --test golden` and commit it)",
                path.display()
            )),
            Some(stored) => {
                let diff = diff_dumps(&stored, &actual)
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "(the dumps differ only in ways the diff ignores)".into());
                failures.push(format!(
                    "{template}/{fixture}: the render no longer matches {} \
                     (if the change is intended, run `UPDATE_GOLDEN=1 cargo test --test golden` \
                     and review the diff):\n{diff}",
                    path.display()
                ));
            }
        }
    }
    for w in &written {
        eprintln!("golden: wrote {w}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
