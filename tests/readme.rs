//! The README's examples work as written: its JSON plan validates, and its main-job command
//! renders a document that LibreOffice opens.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

fn readme() -> String {
    std::fs::read_to_string(support::repo("README.md")).expect("README.md")
}

#[test]
fn the_json_example_is_a_valid_plan() {
    let text = readme();
    let start = text.find("```json\n").expect("a JSON example") + "```json\n".len();
    let end = start + text[start..].find("```").expect("closed");
    let report = supportplan::core::check_json(&text[start..end]);
    assert!(!report.has_errors(), "{}", report.to_text());
    assert_eq!(report.warning_count(), 0, "{}", report.to_text());
}

#[test]
fn the_main_job_command_renders_the_bundled_plan() {
    let text = readme();
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("cargo run --release -- "))
        .expect("main-job command");
    let args: Vec<&str> = line
        .trim()
        .trim_start_matches("cargo run --release -- ")
        .split_whitespace()
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let out = args.iter().position(|a| *a == "-o").expect("-o") + 1;
    let mut args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    args[out] = dir.path().join(&args[out]).display().to_string();
    let o = support::supportplan()
        .current_dir(support::repo(""))
        .args(&args)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let docx = std::path::PathBuf::from(&args[out]);
    if support::available("soffice") {
        support::convert_to_pdf(&docx, dir.path());
    }
}
