//! `extract(render(plan)) == project(plan)` for every fixture and every built-in template, the
//! filled sample views read back exactly, LibreOffice re-saving does not break extraction, and
//! `supportplan extract` prints the plan JSON with the documented exit codes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use supportplan_core::Plan;
use supportplan_forms::extract::{
    ExtractError, TEMPLATES, carried_fields, extract, extract_view, project,
};
use supportplan_forms::{RenderOptions, TemplateRef, builtin, render_plan};

fn fixtures() -> Vec<(String, Plan)> {
    let dir = support::repo("fixtures/plans");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures/plans")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no fixtures in {}", dir.display());
    paths
        .into_iter()
        .map(|p| {
            let json = std::fs::read_to_string(&p).expect("read fixture");
            let plan = Plan::from_json(&json).expect("fixture is a plan");
            (
                p.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
                plan,
            )
        })
        .collect()
}

fn render(plan: &Plan, id: &str) -> Vec<u8> {
    render_plan(plan, TemplateRef::Builtin(id), &RenderOptions::default()).expect("render")
}

/// A line diff of two plans' JSON, for failure messages.
fn plan_diff(want: &Plan, got: &Plan) -> String {
    let a = want.to_json_pretty().unwrap_or_default();
    let b = got.to_json_pretty().unwrap_or_default();
    line_diff(&a, &b)
}

/// The lines where two texts first part ways, with some context (`-` want, `+` got).
fn line_diff(a: &str, b: &str) -> String {
    let a: Vec<&str> = a.lines().collect();
    let b: Vec<&str> = b.lines().collect();
    let same_head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let same_tail = a[same_head..]
        .iter()
        .rev()
        .zip(b[same_head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let mut out = String::new();
    for l in &a[same_head.saturating_sub(3)..same_head] {
        out.push_str(&format!("  {l}\n"));
    }
    for l in &a[same_head..a.len() - same_tail] {
        out.push_str(&format!("- {l}\n"));
    }
    for l in &b[same_head..b.len() - same_tail] {
        out.push_str(&format!("+ {l}\n"));
    }
    out
}

#[test]
fn every_fixture_round_trips_through_every_template() {
    let mut failures = Vec::new();
    for (name, plan) in fixtures() {
        for id in TEMPLATES {
            let docx = render(&plan, id);
            let want = project(&plan, id).expect("project");
            match extract(&docx, id) {
                Ok(got) if got == want => {}
                Ok(got) => failures.push(format!("{name} × {id}:\n{}", plan_diff(&want, &got))),
                Err(e) => failures.push(format!("{name} × {id}: {e}")),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A plan with the awkward cases the fixtures do not have: an outcome without provision,
/// provision without who or frequency, advice without a role, a resource without funding,
/// a closed outcome without a replacement, several consents, an empty list entry, a
/// practitioner with only "not working" views, and text with marks the dump escapes.
const EDGE_PLAN: &str = r#"{
  "child": {"name": "Kit *Star* ~Lee~ \\ <b>", "year_group": "reception"},
  "start_date": "2026-03-02",
  "review_date": "2026-06-01",
  "chair": {"name": "Ann Bell", "role": "SENCO"},
  "team": {
    "contributors": [{"name": "Ann Bell", "role": "SENCO"}, {"name": "Bo Ray", "service": "Outreach"}],
    "advice_from": [{"name": "Cy Dunn"}]
  },
  "other_plans": [{"kind": "fcaf"}, {"kind": "other"}, {"kind": "team_around_the_family", "date": "2025-01-02"}],
  "consent": [
    {"given_by": "Dee Lee"},
    {"given_by": "Kit", "relationship": "young_person", "notes": "Only with the SENCO."}
  ],
  "about_me": {
    "profile": {"written_by": {"author": "parent", "with_help_from": "Eve"}, "admired_for": ["", "Kind"]},
    "story": {"written_by": {"author": "me"}},
    "parents_views": {"written_by": {"author": "me", "with_help_from": "X"}},
    "my_views": "Line one\n\nLine three"
  },
  "progress": {"notes": "Assessed by the class teacher.", "attainment": [{"subject": "Reading", "at_start_date": "2026-02-01"}]},
  "needs": {"health": ["Eczema"], "social_care": ["Young carer"], "health_and_social_care_details": {"diagnoses": ["Eczema (GP)"]}},
  "outcomes": [
    {"number": 4, "text": "By the end of EYFS Kit will be able to say hello.", "status": "closed_no_longer_appropriate"},
    {"number": 2, "areas": ["health", "social_care"], "text": "By the end of EYFS Kit will be able to wash hands.",
     "supported_by": {"health": true},
     "targets": [{"text": "Within 6 weeks, Kit will wash hands with a prompt.", "added_at": {"review": 1, "date": "2026-04-20"}}],
     "provision": [
       {"what": "Hand-washing routine", "advice_from": [{"name": "Nurse Fay"}], "also_for_outcomes": [4],
        "resources": [{"description": "Soap"}, {"description": "Timer", "weekly_cost_pence": 123456}]},
       {"what": "Visual prompt card", "who": "TA", "context": "outside_education", "ceased_at": {"review": 1, "date": "2026-04-20"}}
     ]}
  ],
  "reviews": [
    {"number": 1, "date": "2026-04-20",
     "views": {"practitioners": [{"who": {"name": "Nurse Fay"}, "not_working": "Skin still sore."}]},
     "outcomes": [{"outcome": 2, "progress": "met", "progress_measure": 5, "provision_implemented": "no"},
                  {"outcome": 4, "narrative": "Closed: no longer needed.", "outcome_achieved_notes": "Moved on."}]}
  ]
}"#;

/// For each built-in template where extract(render(plan)) differs from project(plan): what
/// differs.
fn round_trip_failures(plan: &Plan) -> Vec<String> {
    let mut failures = Vec::new();
    for id in TEMPLATES {
        let want = project(plan, id).expect("project");
        match extract(&render(plan, id), id) {
            Ok(got) if got == want => {}
            Ok(got) => failures.push(format!("{id}:\n{}", plan_diff(&want, &got))),
            Err(e) => failures.push(format!("{id}: {e}")),
        }
    }
    failures
}

#[test]
fn awkward_cases_round_trip_through_every_template() {
    let plan = Plan::from_json(EDGE_PLAN).expect("edge plan");
    let failures = round_trip_failures(&plan);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn line_breaks_inside_entries_do_not_split_them_on_read_back() {
    // The termly form lists a context's provision in one row; a line break inside one entry
    // must not shift the others (found in review: "Twice on Fridays" became another item's).
    let (_, mut plan) = fixtures()
        .into_iter()
        .find(|(name, _)| name.contains("year10"))
        .expect("year 10 fixture");
    let first = &mut plan.outcomes[0].provision[0];
    first.frequency = Some("Daily\nTwice on Fridays".into());
    first.what = format!("{}\nwith a second line", first.what);
    // Kirklees shows one consent per line: a line break in the notes must not add a consent.
    if let Some(c) = plan.consent.last_mut() {
        c.notes = Some("Line one\nLine two".into());
    }
    let failures = round_trip_failures(&plan);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The leaf paths of a JSON value, with list indices as `[]`: `outcomes[].steps[].text`.
fn leaf_paths(v: &Value, prefix: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, c) in m {
                let p = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                leaf_paths(c, &p, out);
            }
        }
        Value::Array(items) => {
            for c in items {
                leaf_paths(c, &format!("{prefix}[]"), out);
            }
        }
        _ => out.push(prefix.to_string()),
    }
}

#[test]
fn every_field_a_projection_keeps_is_listed_as_carried() {
    for (name, plan) in fixtures() {
        for id in TEMPLATES {
            let carried = carried_fields(id).expect("built-in");
            let json = serde_json::to_value(project(&plan, id).expect("project")).expect("json");
            let mut paths = Vec::new();
            leaf_paths(&json, "", &mut paths);
            for p in paths {
                let listed = carried.carried.iter().any(|c| {
                    p == *c || p.starts_with(&format!("{c}.")) || p.starts_with(&format!("{c}[]"))
                });
                assert!(
                    listed,
                    "{name} × {id}: {p} is read back but not listed as carried"
                );
            }
        }
    }
}

/// Rich values compared by their text and formatting, not by how they are split into runs.
fn normalise(v: &Value) -> Value {
    match v {
        Value::Array(items)
            if items.iter().all(|i| {
                i.get("text").is_some_and(|t| t.is_string())
                    && i.as_object().is_some_and(|o| {
                        o.keys()
                            .all(|k| k == "text" || k == "strike" || k == "bold")
                    })
            }) && !items.is_empty() =>
        {
            let mut runs: Vec<(String, bool, bool)> = Vec::new();
            for i in items {
                let text = i["text"].as_str().unwrap_or_default().to_string();
                let strike = i.get("strike").and_then(Value::as_bool).unwrap_or(false);
                let bold = i.get("bold").and_then(Value::as_bool).unwrap_or(false);
                if text.is_empty() {
                    continue;
                }
                match runs.last_mut() {
                    Some(l) if l.1 == strike && l.2 == bold => l.0.push_str(&text),
                    _ => runs.push((text, strike, bold)),
                }
            }
            if runs.iter().all(|r| !r.1 && !r.2) {
                return Value::String(runs.into_iter().map(|r| r.0).collect());
            }
            Value::Array(
                runs.into_iter()
                    .map(|(text, strike, bold)| {
                        let mut m = serde_json::Map::new();
                        m.insert("text".into(), Value::String(text));
                        if strike {
                            m.insert("strike".into(), Value::Bool(true));
                        }
                        if bold {
                            m.insert("bold".into(), Value::Bool(true));
                        }
                        Value::Object(m)
                    })
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(normalise).collect()),
        Value::Object(m) => {
            Value::Object(m.iter().map(|(k, v)| (k.clone(), normalise(v))).collect())
        }
        other => other.clone(),
    }
}

#[test]
fn the_sample_views_read_back_exactly() {
    for id in TEMPLATES {
        let t = builtin(id).expect("built-in");
        let path = support::repo(&format!("templates/views/{id}.sample.json"));
        let sample: Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("sample")).expect("json");
        let docx = supportplan_render::fill(t.bytes, &sample).expect("fill");
        let got = extract_view(&docx, id).expect("extract view");
        let (want, got) = (normalise(&sample), normalise(&got));
        if want != got {
            let a = serde_json::to_string_pretty(&want).unwrap_or_default();
            let b = serde_json::to_string_pretty(&got).unwrap_or_default();
            panic!(
                "{id} (- sample view, + extracted view):\n{}",
                line_diff(&a, &b)
            );
        }
    }
}

#[test]
fn a_form_of_another_template_is_not_read() {
    let (_, plan) = fixtures().into_iter().next().expect("a fixture");
    for id in TEMPLATES {
        let docx = render(&plan, id);
        for other in TEMPLATES.iter().filter(|o| **o != id) {
            let err = extract(&docx, other).expect_err("another template's form");
            assert!(
                matches!(err, ExtractError::NotThisForm { .. }),
                "{id} read as {other}: {err}"
            );
        }
    }
    assert!(matches!(
        extract(b"not a zip", TEMPLATES[0]),
        Err(ExtractError::Docx(_))
    ));
    assert!(matches!(
        extract(b"", "no-such-form"),
        Err(ExtractError::UnknownTemplate(_))
    ));
}

/// Rewrites a .docx the way Word does when it saves: every run with a space in its text is
/// split in two (same formatting), proofing marks and revision ids are added, and the zip
/// entries are stored in reverse order without compression.
fn word_like_rewrite(docx: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("zip");
    let mut zout = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in (0..zin.len()).rev() {
        let mut f = zin.by_index(i).expect("entry");
        let name = f.name().expect("entry name").to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).expect("read entry");
        if name == "word/document.xml" {
            bytes = split_runs(&String::from_utf8(bytes).expect("utf-8")).into_bytes();
        }
        zout.start_file(name, options).expect("start entry");
        zout.write_all(&bytes).expect("write entry");
    }
    zout.finish().expect("finish").into_inner()
}

/// Splits each `<w:t>` with a space after its first space into a new run with the same run
/// properties, behind a proofing mark.
fn split_runs(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len() * 2);
    let mut rest = xml;
    loop {
        let next = [rest.find("<w:t>"), rest.find("<w:t ")]
            .into_iter()
            .flatten()
            .min();
        let Some(start) = next else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let open_end = rest.find('>').expect("tag end") + 1;
        let close = rest.find("</w:t>").expect("closing tag");
        let text = &rest[open_end..close];
        // The run properties of the run this text is in.
        let run_start = [out.rfind("<w:r>"), out.rfind("<w:r ")]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(0);
        let rpr = out[run_start..]
            .find("<w:rPr>")
            .and_then(|a| {
                let b = out[run_start + a..].find("</w:rPr>")?;
                Some(out[run_start + a..run_start + a + b + "</w:rPr>".len()].to_string())
            })
            .unwrap_or_default();
        match text.find(' ') {
            Some(sp) if sp + 1 < text.len() => {
                let (a, b) = text.split_at(sp + 1);
                out.push_str(&format!(
                    "<w:t xml:space=\"preserve\">{a}</w:t></w:r><w:proofErr w:type=\"spellStart\"/><w:r w:rsidR=\"00C0FFEE\">{rpr}<w:t xml:space=\"preserve\">{b}</w:t>"
                ));
            }
            _ => out.push_str(&rest[..close + "</w:t>".len()]),
        }
        rest = &rest[close + "</w:t>".len()..];
    }
}

#[test]
fn extraction_survives_word_like_run_splits() {
    let mut failures = Vec::new();
    for (name, plan) in fixtures() {
        for id in TEMPLATES {
            let docx = render(&plan, id);
            let rewritten = word_like_rewrite(&docx);
            assert_ne!(rewritten, docx);
            assert!(
                supportplan_inspect::same_document(&docx, &rewritten).expect("dump"),
                "{name} × {id}: the rewrite changed what a reader sees"
            );
            let want = project(&plan, id).expect("project");
            match extract(&rewritten, id) {
                Ok(got) if got == want => {}
                Ok(got) => failures.push(format!("{name} × {id}:\n{}", plan_diff(&want, &got))),
                Err(e) => failures.push(format!("{name} × {id}: {e}")),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Re-saves .docx files with LibreOffice (one call for all of them), as a user opening and
/// saving the form would; returns the re-saved files in the same order.
fn soffice_resave(docs: &[PathBuf], out_dir: &Path) -> Vec<PathBuf> {
    let profile = out_dir.join("lo-profile");
    let resaved = out_dir.join("resaved");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "docx", "--outdir"])
        .arg(&resaved)
        .args(docs)
        .output()
        .expect("run soffice");
    assert!(
        out.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    docs.iter()
        .map(|d| resaved.join(d.file_name().expect("file name")))
        .collect()
}

#[test]
fn extraction_survives_a_libreoffice_resave() {
    if !support::available("soffice") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let mut cases = Vec::new();
    for (name, plan) in fixtures() {
        for id in TEMPLATES {
            let path = dir
                .path()
                .join(format!("{}-{id}.docx", name.trim_end_matches(".json")));
            std::fs::write(&path, render(&plan, id)).expect("write");
            cases.push((name.clone(), plan.clone(), id, path));
        }
    }
    let paths: Vec<PathBuf> = cases.iter().map(|c| c.3.clone()).collect();
    let resaved = soffice_resave(&paths, dir.path());
    let mut failures = Vec::new();
    for ((name, plan, id, path), resaved) in cases.iter().zip(resaved) {
        let bytes = std::fs::read(&resaved).expect("read the re-saved file");
        assert_ne!(
            bytes,
            std::fs::read(path).expect("read"),
            "LibreOffice rewrote nothing"
        );
        let want = project(plan, id).expect("project");
        match extract(&bytes, id) {
            Ok(got) if got == want => {}
            Ok(got) => failures.push(format!(
                "{name} × {id} (LibreOffice):\n{}",
                plan_diff(&want, &got)
            )),
            Err(e) => failures.push(format!("{name} × {id} (LibreOffice): {e}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_cli_prints_the_plan_and_uses_its_exit_codes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_, plan) = fixtures()
        .into_iter()
        .find(|(n, _)| n == "primary-full.json")
        .expect("primary-full fixture");
    let id = "kirklees-msp-v2f";
    let docx = dir.path().join("form.docx");
    std::fs::write(&docx, render(&plan, id)).expect("write");

    let out = support::supportplan()
        .arg("extract")
        .arg(&docx)
        .args(["--template", id])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = Plan::from_json(&String::from_utf8_lossy(&out.stdout)).expect("plan JSON");
    assert_eq!(got, project(&plan, id).expect("project"));

    let json = dir.path().join("plan.json");
    let out = support::supportplan()
        .arg("extract")
        .arg(&docx)
        .args(["--template", id, "-o"])
        .arg(&json)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read_to_string(&json).expect("written");
    assert_eq!(Plan::from_json(&written).expect("plan"), got);

    // Not a form of that template: exit 1, and the message names no value.
    let out = support::supportplan()
        .arg("extract")
        .arg(&docx)
        .args(["--template", "coventry-msp"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not a filled `coventry-msp` form"), "{err}");
    assert!(!err.contains("Ada"), "{err}");

    // A missing file: exit 2.
    let out = support::supportplan()
        .arg("extract")
        .arg(dir.path().join("missing.docx"))
        .args(["--template", id])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
}
