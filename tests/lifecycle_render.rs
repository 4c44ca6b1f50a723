//! The Year 10 walk rendered into the Kirklees form at each step (plan, R1, R2, 3rd review,
//! new plan): Section 5 shows R1/R2 tags on additions and ceased items struck through with
//! "ceased at", Section 6 fills a review page per recorded review, and the new plan shows none
//! of that history.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/lifecycle")
        .join(rel)
}

fn run(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_supportplan"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Renders a plan into the Kirklees form and returns (Section 5, Section 6) of its dump.
fn render(plan: &Path, dir: &Path, name: &str) -> (String, String) {
    let docx = dir.join(format!("{name}.docx"));
    run(&[
        "render",
        s(plan),
        "--template",
        "kirklees-msp-v2f",
        "-o",
        s(&docx),
    ]);
    let dump = run(&["dump", s(&docx)]);
    let start = dump.find("Section 5: Outcomes and provision").unwrap();
    let six = start + dump[start..].find("Section 6: Reviewing").unwrap();
    let seven = six + dump[six..].find("Section 7: Appendices").unwrap();
    (dump[start..six].to_string(), dump[six..seven].to_string())
}

fn struck_lines(section: &str) -> usize {
    section.lines().filter(|l| l.contains("~~")).count()
}

#[test]
fn each_step_of_the_year10_walk_renders_its_history() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    std::fs::copy(fixture("year10/plan.json"), &plan).unwrap();

    let (five, six) = render(&plan, dir.path(), "0-plan");
    assert!(!five.contains("(R1,") && !five.contains("(R2,"), "{five}");
    assert_eq!(struck_lines(&five), 0, "{five}");
    assert!(!six.contains("08/12/2025"));

    run(&[
        "review",
        s(&plan),
        s(&fixture("year10/r1.json")),
        "-o",
        s(&plan),
    ]);
    let (five, six) = render(&plan, dir.path(), "1-r1");
    assert!(five.contains("(R1, 08/12/2025)"), "{five}");
    assert!(!five.contains("(R2,"));
    // The autumn targets ceased at R1: struck through, with visible "ceased at" text.
    assert!(
        five.lines()
            .any(|l| l.contains("~~By the end of the autumn term")
                && l.contains("(ceased at R1, 08/12/2025)")),
        "{five}"
    );
    assert!(six.contains("08/12/2025"), "{six}");

    run(&[
        "review",
        s(&plan),
        s(&fixture("year10/r2.json")),
        "-o",
        s(&plan),
    ]);
    let (five, six) = render(&plan, dir.path(), "2-r2");
    assert!(five.contains("(R1, 08/12/2025)") && five.contains("(R2, 23/03/2026)"));
    // Provision added at R1 and ceased at R2 keeps its R1 tag and is struck through.
    assert!(
        five.lines()
            .any(|l| l.contains("~~Extra small-group work for outcome 1")
                && l.contains("(ceased at R2, 23/03/2026)")),
        "{five}"
    );
    assert!(six.contains("23/03/2026"));

    run(&[
        "review",
        s(&plan),
        s(&fixture("year10/r3.json")),
        "-o",
        s(&plan),
    ]);
    let (five_r3, six) = render(&plan, dir.path(), "3-r3");
    assert!(!five_r3.contains("(R3"), "no R3 tags");
    assert_eq!(struck_lines(&five_r3), struck_lines(&five));
    assert!(six.contains("29/06/2026") && six.contains("3rd review"));

    let next = dir.path().join("next.json");
    run(&["new-plan", s(&plan), "-o", s(&next)]);
    let (five, six) = render(&next, dir.path(), "4-new-plan");
    for history in ["(R1,", "(R2,", "ceased at", "Extra small-group work"] {
        assert!(
            !five.contains(history),
            "the new plan shows {history}:\n{five}"
        );
    }
    assert_eq!(struck_lines(&five), 0, "{five}");
    assert!(five.contains("submit her college application"));
    for date in ["08/12/2025", "23/03/2026", "29/06/2026"] {
        assert!(!six.contains(date), "the new plan shows a review of {date}");
    }
}
