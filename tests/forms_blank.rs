//! Blank form fidelity (issue 4): each blank render, read back with python-docx, holds every
//! label of the paper form in the form's order, and the termly form's comments.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::path::Path;

use supportplan::forms::{RenderOptions, builtin_templates, render_blank};

/// Collapses each run of whitespace to one space.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks that every label appears in `stream`, each search starting where the previous match
/// ended (templates/FORMS.md, "Matching rule"). Returns the labels not found.
fn missing_labels(stream: &str, labels: &str) -> Vec<String> {
    let mut missing = Vec::new();
    let mut at = 0;
    for label in labels.lines().map(collapse).filter(|l| !l.is_empty()) {
        match stream[at..].find(&label) {
            Some(i) => at += i + label.len(),
            None => missing.push(label),
        }
    }
    missing
}

fn blank_docx(id: &str, dir: &Path) -> std::path::PathBuf {
    let bytes = render_blank(id, &RenderOptions::default()).expect("blank render");
    let path = dir.join(format!("{id}-blank.docx"));
    std::fs::write(&path, bytes).expect("write blank");
    path
}

#[test]
fn every_label_of_each_blank_form_appears_in_order() {
    if !support::available("python-docx") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    for t in builtin_templates() {
        let view = support::read_with_python_docx(&blank_docx(t.id, dir.path()));
        let stream = collapse(&support::body_lines(&view).join("\n"));
        let labels =
            std::fs::read_to_string(support::repo(&format!("templates/labels/{}.txt", t.id)))
                .expect("label file");
        assert!(labels.lines().count() > 50, "{}: too few labels", t.id);
        let missing = missing_labels(&stream, &labels);
        assert!(
            missing.is_empty(),
            "{}: labels not found in order: {missing:#?}",
            t.id
        );
        // Document properties: title and language, no author.
        assert_eq!(view["core"]["title"], t.title, "{}", t.id);
        assert_eq!(view["core"]["language"], "en-GB", "{}", t.id);
        assert_eq!(
            view["core"]["author"].as_str().unwrap_or(""),
            "",
            "{}",
            t.id
        );
    }
}

#[test]
fn termly_comments_are_real_word_comments_in_order() {
    if !support::available("python-docx") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let view = support::read_with_python_docx(&blank_docx("termly-support-plan", dir.path()));
    let comments: Vec<String> = view["comments"]
        .as_array()
        .expect("comments")
        .iter()
        .map(|c| collapse(c["text"].as_str().unwrap_or_default()))
        .collect();
    let expected = std::fs::read_to_string(support::repo(
        "templates/labels/termly-support-plan.comments.txt",
    ))
    .expect("comments file");
    let expected: Vec<String> = expected
        .lines()
        .map(collapse)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(expected.len(), 17);
    let stream = comments.join("\n");
    let missing = missing_labels(&stream, &expected.join("\n"));
    assert!(
        missing.is_empty(),
        "comments not found in order: {missing:#?}"
    );
    assert!(
        view["comments"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|c| c["author"] == "Author"),
        "comment authors must be the form's anonymous \"Author\""
    );
}

#[test]
fn coventry_page_and_column_headings() {
    if !support::available("python-docx") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let view = support::read_with_python_docx(&blank_docx("coventry-msp", dir.path()));
    let lines = support::body_lines(&view);
    let headings: Vec<&str> = view["body"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|b| {
            b["style"]
                .as_str()
                .is_some_and(|s| s.starts_with("Heading") || s == "Title")
        })
        .filter_map(|b| b["p"].as_str())
        .collect();
    let pages = [
        "My Views",
        "My Family's Views",
        "My Team",
        "My Progress",
        "Physical and Sensory Needs",
        "Language and Communication Needs",
        "Cognition and Learning Needs",
        "Social and Emotional Needs",
        "Health and Social Care",
    ];
    let mut at = 0;
    for p in pages {
        let found = headings[at..]
            .iter()
            .position(|h| collapse(h).replace('’', "'").starts_with(p));
        let Some(i) = found else {
            panic!("page heading {p:?} missing or out of order in {headings:#?}");
        };
        at += i + 1;
    }
    for col in ["Outcomes", "Provision", "Implemented?", "Achieved?"] {
        let n = lines.iter().filter(|l| l.starts_with(col)).count();
        assert!(
            n >= 4,
            "column heading {col:?} on every need page, found {n}"
        );
    }
}
