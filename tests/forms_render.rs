//! Every fixture renders into every built-in form (issue 4): each value of the plan is read back
//! with python-docx in the section of the form where it belongs, ceased provision is struck
//! through and says so in words, LibreOffice converts every render to PDF, and output is
//! deterministic (issue 6).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use supportplan::core::{NeedArea, Plan, ReviewStamp};
use supportplan::forms::{
    RenderOptions, TemplateRef, builtin_templates, render_blank, render_plan,
};

const FIXTURES: [&str; 3] = ["primary-full", "year10-pfa", "minimal-draft"];

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn plan(name: &str) -> Plan {
    let path = support::repo(&format!("fixtures/plans/{name}.json"));
    Plan::from_json(&std::fs::read_to_string(path).expect("fixture")).expect("valid fixture")
}

fn date(d: chrono::NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// The body split into sections: each `Title` / `Heading 1` paragraph (or a table whose first
/// cell is a "Section N:" heading) opens a section named `"<heading>#<occurrence>"`; the value is
/// the whitespace-collapsed text of the section.
fn sections(view: &serde_json::Value) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut current = "(start)#1".to_string();
    let mut open = |name: &str, current: &mut String| {
        let name = collapse(name).replace('’', "'");
        let n = seen.entry(name.clone()).or_insert(0);
        *n += 1;
        *current = format!("{name}#{n}");
    };
    for block in view["body"].as_array().into_iter().flatten() {
        let text = if let Some(p) = block.get("p").and_then(|p| p.as_str()) {
            let style = block["style"].as_str().unwrap_or_default();
            if style == "Title" || style == "Heading 1" {
                open(p, &mut current);
            }
            p.to_string()
        } else {
            let rows = block["table"].as_array().cloned().unwrap_or_default();
            let first = rows
                .first()
                .and_then(|r| r.get(0))
                .and_then(|c| c.as_str())
                .unwrap_or_default()
                .to_string();
            if first.starts_with("Section ") && first.contains(':') {
                open(&first, &mut current);
            }
            rows.iter()
                .flat_map(|r| r.as_array().cloned().unwrap_or_default())
                .filter_map(|c| c.as_str().map(str::to_string))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let entry = out.entry(current.clone()).or_default();
        entry.push(' ');
        entry.push_str(&collapse(&text));
    }
    out
}

/// Every struck run of the document, table cells included (the shared reader lists struck runs
/// of body paragraphs only).
fn struck_runs(docx: &Path) -> Vec<String> {
    let script = r#"
import json, sys, docx
d = docx.Document(sys.argv[1])
out = []
def walk(container):
    for p in container.paragraphs:
        out.extend(r.text for r in p.runs if r.font.strike)
    for t in container.tables:
        for row in t.rows:
            for cell in row.cells:
                walk(cell)
walk(d)
json.dump(out, sys.stdout, ensure_ascii=False)
"#;
    let out = Command::new(support::python())
        .args(["-c", script])
        .arg(docx)
        .output()
        .expect("run python");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Vec<String> = serde_json::from_slice(&out.stdout).expect("JSON");
    // A cell is walked once per grid column it spans: keep each run once.
    let mut unique = Vec::new();
    for r in v {
        if !unique.contains(&r) {
            unique.push(r);
        }
    }
    unique
}

/// (section, text) pairs: where each value of the plan must appear in a template.
fn expectations(p: &Plan, template: &str) -> Vec<(String, String)> {
    let mut e: Vec<(String, String)> = Vec::new();
    let mut add = |section: &str, text: &str| {
        if !text.trim().is_empty() {
            e.push((section.to_string(), collapse(text)));
        }
    };
    let setting = p
        .setting
        .as_ref()
        .map(|s| s.name.clone())
        .unwrap_or_default();
    let dob = p.child.date_of_birth.map(date).unwrap_or_default();
    let start = p.start_date.map(date).unwrap_or_default();
    let review = p.review_date.map(date).unwrap_or_default();
    let a = &p.about_me;
    let n = &p.needs;
    match template {
        "kirklees-msp-v2f" => {
            let cover = "My Support Plan#1";
            for v in [&p.child.name, &dob, &setting, &start, &review] {
                add(cover, v);
            }
            if let Some(num) = p.plan_number {
                add(cover, &num.to_string());
            }
            for c in &p.consent {
                add("Introduction to My Support Plan#1", &c.given_by);
            }
            let pr = &a.profile;
            let s1 = "Section 1: About me#1";
            for v in pr.communication.iter().chain(&pr.information_and_choice) {
                add(s1, v);
            }
            for list in [
                &pr.admired_for,
                &pr.enjoy_in_setting,
                &pr.enjoy_out_of_setting,
                &pr.important_now,
                &pr.not_working,
                &pr.would_make_better,
                &pr.aspirations_short_term,
                &pr.aspirations_long_term,
            ] {
                list.iter().for_each(|v| add(s1, v));
            }
            let s = &a.story;
            for list in [
                &s.growing_up,
                &s.people_helping,
                &s.feelings_at_setting_and_home,
                &s.other,
            ] {
                list.iter().for_each(|v| add("Section 1: About me#2", v));
            }
            let f = &a.family;
            for list in [
                &f.family_at_home,
                &f.community_connections,
                &f.appointment_barriers,
                &f.other,
            ] {
                list.iter().for_each(|v| add("Section 1: About me#3", v));
            }
            let pv = &a.parents_views;
            for list in [
                &pv.important_now,
                &pv.not_working,
                &pv.would_make_better,
                &pv.aspirations_short_term,
                &pv.aspirations_long_term,
            ] {
                list.iter().for_each(|v| add("Section 1: About me#4", v));
            }
            let s2 = "Section 2: My special educational needs#1";
            n.summary.iter().for_each(|v| add(s2, v));
            for list in [
                &n.cognition_and_learning,
                &n.communication_and_interaction,
                &n.social_emotional_mental_health,
                &n.sensory_physical,
                &n.preparing_for_adulthood,
            ] {
                list.iter().for_each(|v| add(s2, v));
            }
            n.health.iter().for_each(|v| {
                add(
                    "Section 3: My health needs which relate to my special educational needs#1",
                    v,
                )
            });
            n.social_care.iter().for_each(|v| {
                add(
                    "Section 4: My social care needs which relate to my special educational needs#1",
                    v,
                )
            });
            let s5 = "Section 5: Outcomes and provision#1";
            for o in &p.outcomes {
                add(s5, &o.text);
                o.steps.iter().for_each(|s| add(s5, &s.text));
                o.targets.iter().for_each(|t| add(s5, &t.text));
                for pi in &o.provision {
                    add(s5, &pi.what);
                    pi.who.iter().for_each(|v| add(s5, v));
                    pi.frequency.iter().for_each(|v| add(s5, v));
                    for r in &pi.resources {
                        add(s5, &r.description);
                    }
                }
            }
            for r in &p.reviews {
                let sec = format!("Section 6: Reviewing My Support Plan#{}", r.number);
                add(&sec, &date(r.date));
                for v in [&r.working_well, &r.not_working, &r.anything_new]
                    .into_iter()
                    .flatten()
                {
                    add(&sec, v);
                }
                for o in &r.outcomes {
                    o.narrative.iter().for_each(|v| add(&sec, v));
                }
            }
            for d in &p.appendices {
                add("Section 7: Appendices#1", &d.reference);
            }
        }
        "termly-support-plan" => {
            let top = "SUPPORT PLAN#1";
            for v in [&p.child.name, &dob, &setting] {
                add(top, v);
            }
            for o in &p.outcomes {
                add(top, &o.text);
                o.steps.iter().for_each(|s| add(top, &s.text));
                for pi in &o.provision {
                    add(top, &pi.what);
                    pi.who.iter().for_each(|v| add(top, v));
                    pi.frequency.iter().for_each(|v| add(top, v));
                }
                o.advice_from.iter().for_each(|a| add(top, &a.name));
            }
            for r in &p.reviews {
                let sec = format!("Progress Review Term {}#1", r.number);
                add(&sec, &date(r.date));
                let v = &r.views;
                for x in [&v.child, &v.parent, &v.school] {
                    for t in [&x.working, &x.not_working].into_iter().flatten() {
                        add(&sec, t);
                    }
                }
                for pv in &v.practitioners {
                    for t in [&pv.working, &pv.not_working].into_iter().flatten() {
                        add(&sec, t);
                    }
                }
                for o in &r.outcomes {
                    for t in [&o.achieved_this_term, &o.barriers, &o.next_step]
                        .into_iter()
                        .flatten()
                    {
                        add(&sec, t);
                    }
                }
            }
        }
        _ => {
            let title = "My Support Plan#1";
            for v in [&p.child.name, &setting, &start, &review] {
                add(title, v);
            }
            a.my_views.iter().for_each(|v| add("My Views#1", v));
            a.family_views
                .iter()
                .for_each(|v| add("My Family's Views#1", v));
            for f in &p.team.family {
                add("My Team#1", &f.name);
            }
            for c in p.team.contributors.iter().chain(&p.team.advice_from) {
                add("My Team#1", &c.name);
            }
            p.progress
                .curriculum
                .iter()
                .for_each(|v| add("My Progress#1", v));
            for at in &p.progress.attainment {
                add("My Progress#1", &at.subject);
                at.at_start.iter().for_each(|v| add("My Progress#1", v));
            }
            let pages = [
                "Physical and Sensory Needs#1",
                "Language and Communication Needs#1",
                "Cognition and Learning Needs#1",
                "Social and Emotional Needs#1",
            ];
            for (list, page) in [
                (&n.sensory_physical, pages[0]),
                (&n.communication_and_interaction, pages[1]),
                (&n.cognition_and_learning, pages[2]),
                (&n.social_emotional_mental_health, pages[3]),
            ] {
                list.iter().for_each(|v| add(page, v));
            }
            for o in &p.outcomes {
                let page = pages[coventry_page(&o.areas)];
                add(page, &o.text);
                for pi in &o.provision {
                    add(page, &pi.what);
                }
            }
            let h = &n.health_and_social_care_details;
            for list in [
                &h.diagnoses,
                &h.health_support,
                &h.child_protection_or_in_need,
                &h.social_care_support,
            ] {
                list.iter()
                    .for_each(|v| add("Health and Social Care details#1", v));
            }
        }
    }
    e
}

/// The Coventry page of an outcome (templates/FORMS.md, Coventry decisions).
fn coventry_page(areas: &[NeedArea]) -> usize {
    let direct = |a: &NeedArea| match a {
        NeedArea::SensoryPhysical => Some(0),
        NeedArea::CommunicationAndInteraction => Some(1),
        NeedArea::CognitionAndLearning => Some(2),
        NeedArea::SocialEmotionalMentalHealth => Some(3),
        _ => None,
    };
    areas
        .iter()
        .find_map(direct)
        .or_else(|| {
            areas.first().map(|a| match a {
                NeedArea::Health => 0,
                NeedArea::SocialCare => 3,
                _ => 2,
            })
        })
        .unwrap_or(2)
}

/// The tag a template writes for a review stamp.
fn stamp_name(template: &str, s: &ReviewStamp) -> String {
    match template {
        "kirklees-msp-v2f" => format!("R{}", s.review),
        "termly-support-plan" => format!("Term {}", s.review),
        _ => format!("review {}", s.review),
    }
}

fn render_all(dir: &Path) -> Vec<(String, String, PathBuf)> {
    let mut out = Vec::new();
    for t in builtin_templates() {
        for f in FIXTURES {
            let bytes = render_plan(
                &plan(f),
                TemplateRef::Builtin(t.id),
                &RenderOptions::default(),
            )
            .expect("render");
            let path = dir.join(format!("{}--{f}.docx", t.id));
            std::fs::write(&path, bytes).expect("write");
            out.push((t.id.to_string(), f.to_string(), path));
        }
    }
    out
}

#[test]
fn every_fixture_value_appears_in_its_section_of_every_form() {
    if !support::available("python-docx") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let mut failures = Vec::new();
    for (template, fixture, path) in render_all(dir.path()) {
        let view = support::read_with_python_docx(&path);
        let secs = sections(&view);
        let p = plan(&fixture);
        let expected = expectations(&p, &template);
        assert!(!expected.is_empty());
        for (section, text) in expected {
            let found = secs.get(&section).is_some_and(|s| s.contains(&text));
            if !found {
                failures.push(format!(
                    "{template} × {fixture}: {text:?} not in section {section:?} (sections: {:?})",
                    secs.keys().collect::<Vec<_>>()
                ));
            }
        }
        assert_eq!(view["core"]["author"].as_str().unwrap_or(""), "");
        let body = support::body_lines(&view).join("\n");
        assert!(
            !body.contains("{{"),
            "{template} × {fixture}: a tag was left"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn ceased_history_is_struck_and_said_in_words_added_history_is_tagged() {
    if !support::available("python-docx") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let mut checked = 0;
    for (template, fixture, path) in render_all(dir.path()) {
        let p = plan(&fixture);
        let struck = struck_runs(&path);
        let text =
            collapse(&support::body_lines(&support::read_with_python_docx(&path)).join("\n"));
        for o in &p.outcomes {
            // (text, added, ceased, whether the tag follows the text directly)
            let mut items: Vec<(&str, Option<&ReviewStamp>, Option<&ReviewStamp>, bool)> = o
                .provision
                .iter()
                .map(|pi| {
                    let direct = template != "coventry-msp" && pi.also_for_outcomes.is_empty();
                    (
                        pi.what.as_str(),
                        pi.added_at.as_ref(),
                        pi.ceased_at.as_ref(),
                        direct,
                    )
                })
                .collect();
            items.extend(o.steps.iter().map(|s| {
                (
                    s.text.as_str(),
                    s.added_at.as_ref(),
                    s.ceased_at.as_ref(),
                    true,
                )
            }));
            if template != "termly-support-plan" {
                items.extend(o.targets.iter().map(|t| {
                    (
                        t.text.as_str(),
                        t.added_at.as_ref(),
                        t.ceased_at.as_ref(),
                        true,
                    )
                }));
            }
            for (what, added, ceased, direct) in items {
                if let Some(c) = ceased {
                    assert!(
                        struck.iter().any(|r| collapse(r).contains(&collapse(what))),
                        "{template} × {fixture}: ceased text not struck: {what:?}"
                    );
                    let note =
                        format!("(ceased at {}, {})", stamp_name(&template, c), date(c.date));
                    assert!(
                        text.contains(&note),
                        "{template} × {fixture}: {note:?} missing"
                    );
                    assert!(
                        !struck.iter().any(|r| r.contains("ceased at")),
                        "{template} × {fixture}: the ceased note must not be struck"
                    );
                    checked += 1;
                } else {
                    assert!(
                        !struck.iter().any(|r| collapse(r) == collapse(what)),
                        "{template} × {fixture}: text in place is struck: {what:?}"
                    );
                }
                if let Some(a) = added {
                    let tag = format!("({}, {})", stamp_name(&template, a), date(a.date));
                    let tag = if direct { format!("{what} {tag}") } else { tag };
                    assert!(
                        text.contains(&collapse(&tag)),
                        "{template} × {fixture}: addition tag missing: {tag:?}"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 30, "too few history marks checked: {checked}");
}

#[test]
fn libreoffice_converts_every_render_to_pdf() {
    if !support::available("soffice") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let mut docs: Vec<PathBuf> = render_all(dir.path())
        .into_iter()
        .map(|(_, _, p)| p)
        .collect();
    for t in builtin_templates() {
        let path = dir.path().join(format!("{}--blank.docx", t.id));
        std::fs::write(
            &path,
            render_blank(t.id, &RenderOptions::default()).expect("blank"),
        )
        .expect("write");
        docs.push(path);
    }
    // One LibreOffice start for all documents: much faster than one per file.
    let profile = tempfile::tempdir().expect("profile");
    let pdf_dir = dir.path().join("pdf");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&pdf_dir)
        .args(&docs)
        .output()
        .expect("run soffice");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for d in &docs {
        let stem = d.file_stem().expect("stem").to_string_lossy().to_string();
        let pdf = pdf_dir.join(format!("{stem}.pdf"));
        let bytes = std::fs::read(&pdf).unwrap_or_else(|_| panic!("no PDF for {stem}"));
        assert!(
            bytes.starts_with(b"%PDF") && bytes.len() > 5_000,
            "{stem}: bad PDF"
        );
    }
}

#[test]
fn rendering_is_deterministic_in_the_library() {
    for t in builtin_templates() {
        for f in FIXTURES {
            let p = plan(f);
            let opts = RenderOptions::default();
            let a = render_plan(&p, TemplateRef::Builtin(t.id), &opts).expect("render");
            let b = render_plan(&p, TemplateRef::Builtin(t.id), &opts).expect("render");
            assert!(a == b, "{} × {f}: two renders differ", t.id);
        }
        let a = render_blank(t.id, &RenderOptions::default()).expect("blank");
        assert!(a == render_blank(t.id, &RenderOptions::default()).expect("blank"));
    }
}

fn cli_render(args: &[&str], tz: &str) -> std::process::Output {
    support::supportplan()
        .args(args)
        .env("TZ", tz)
        .output()
        .expect("run supportplan")
}

#[test]
fn cli_output_is_the_same_in_any_time_zone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan_path = support::repo("fixtures/plans/primary-full.json");
    for t in builtin_templates() {
        let mut outputs = Vec::new();
        for (i, tz) in ["UTC", "Pacific/Kiritimati", "America/St_Johns"]
            .iter()
            .enumerate()
        {
            let out = dir.path().join(format!("{}-{i}.docx", t.id));
            let o = cli_render(
                &[
                    "render",
                    plan_path.to_str().expect("utf-8 path"),
                    "--template",
                    t.id,
                    "-o",
                    out.to_str().expect("utf-8 path"),
                    "--author",
                    "Jane Orchard",
                    "--date",
                    "2026-03-12",
                ],
                tz,
            );
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            outputs.push(std::fs::read(&out).expect("output"));
        }
        assert!(
            outputs.windows(2).all(|w| w[0] == w[1]),
            "{}: TZ changed the bytes",
            t.id
        );
        let lib = render_plan(
            &plan("primary-full"),
            TemplateRef::Builtin(t.id),
            &RenderOptions {
                author: Some("Jane Orchard".into()),
                date: chrono::NaiveDate::from_ymd_opt(2026, 3, 12),
                view: None,
            },
        )
        .expect("render");
        assert!(lib == outputs[0], "{}: CLI and library differ", t.id);
        let core = read_part(&lib, "docProps/core.xml");
        assert!(
            core.contains("<dc:creator>Jane Orchard</dc:creator>"),
            "{core}"
        );
        assert!(core.contains("2026-03-12T00:00:00Z"), "{core}");
    }
}

fn read_part(docx: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("zip");
    let mut s = String::new();
    zip.by_name(name)
        .expect("part")
        .read_to_string(&mut s)
        .expect("read");
    s
}

#[test]
fn no_author_or_timestamp_unless_passed() {
    for t in builtin_templates() {
        let docx = render_plan(
            &plan("primary-full"),
            TemplateRef::Builtin(t.id),
            &RenderOptions::default(),
        )
        .expect("render");
        let core = read_part(&docx, "docProps/core.xml");
        assert!(!core.contains("dcterms:created") && !core.contains("dcterms:modified"));
        assert!(
            !core.contains("Orchard") && !core.contains("Rees"),
            "{core}"
        );
        assert!(core.contains("<dc:language>en-GB</dc:language>"));
    }
}

#[test]
fn cli_refuses_an_invalid_plan_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out.docx");
    let o = cli_render(
        &[
            "render",
            support::repo("fixtures/invalid/date-invalid.json")
                .to_str()
                .expect("path"),
            "--template",
            "kirklees-msp-v2f",
            "-o",
            out.to_str().expect("path"),
        ],
        "UTC",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("date-invalid"));
    assert!(!out.exists());
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
}

#[test]
fn cli_prints_warnings_and_still_renders() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out.docx");
    let o = cli_render(
        &[
            "render",
            support::repo("fixtures/invalid/provision-missing-who.json")
                .to_str()
                .expect("path"),
            "--template",
            "termly-support-plan",
            "-o",
            out.to_str().expect("path"),
        ],
        "UTC",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("warning"));
    assert!(out.exists());
}

#[test]
fn cli_blank_stdin_stdout_and_usage_errors() {
    // --blank needs no plan and writes to standard output with `-`.
    let o = cli_render(
        &["render", "--blank", "--template", "coventry-msp", "-o", "-"],
        "UTC",
    );
    assert!(o.status.success());
    assert_eq!(
        o.stdout,
        render_blank("coventry-msp", &RenderOptions::default()).expect("blank")
    );
    // The plan from standard input.
    let json = std::fs::read(support::repo("fixtures/plans/minimal-draft.json")).expect("plan");
    let mut child = support::supportplan()
        .args(["render", "-", "--template", "kirklees-msp-v2f", "-o", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    {
        use std::io::Write;
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(&json)
            .expect("write stdin");
    }
    let o = child.wait_with_output().expect("wait");
    assert!(o.status.success());
    assert_eq!(
        o.stdout,
        render_plan(
            &plan("minimal-draft"),
            TemplateRef::Builtin("kirklees-msp-v2f"),
            &RenderOptions::default()
        )
        .expect("render")
    );
    // Unknown template, missing plan, --blank with a file: usage errors (exit 2).
    let plan_path = support::repo("fixtures/plans/minimal-draft.json");
    let p = plan_path.to_str().expect("path");
    for args in [
        vec!["render", p, "--template", "no-such-form", "-o", "-"],
        vec!["render", "--template", "kirklees-msp-v2f", "-o", "-"],
        vec!["render", "--blank", "--template", "x.docx", "-o", "-"],
        vec![
            "render",
            p,
            "--template",
            "coventry-msp",
            "-o",
            "-",
            "--date",
            "12/03/2026",
        ],
    ] {
        let o = cli_render(&args, "UTC");
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty());
    }
    // `templates` lists the three forms.
    let o = cli_render(&["templates"], "UTC");
    let s = String::from_utf8_lossy(&o.stdout);
    for id in [
        "kirklees-msp-v2f",
        "termly-support-plan",
        "coventry-msp",
        "001_14658b603fe448fc",
    ] {
        assert!(s.contains(id), "{s}");
    }
}

/// A council's own template: a minimal tagged .docx.
fn custom_template(body: &str) -> Vec<u8> {
    use std::io::Write;
    let mut zw = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    zw.start_file("word/document.xml", opts).expect("zip");
    write!(
        zw,
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    )
    .expect("zip");
    zw.finish().expect("zip").into_inner()
}

#[test]
fn a_councils_own_template_gets_the_plan_view_or_a_builtin_view() {
    let tpl = custom_template(
        "<w:p><w:r><w:t>{{child.name}} from {{start_date_display}}</w:t></w:r></w:p>\
         <w:p><w:r><w:t>{{#outcomes}}{{number}}: {{areas_display}}{{/outcomes}}</w:t></w:r></w:p>\
         <w:p><w:r><w:t>{{#outcomes}}{{#provision}}[{{display}}]{{/provision}}{{/outcomes}}</w:t></w:r></w:p>",
    );
    let p = plan("primary-full");
    let docx =
        render_plan(&p, TemplateRef::Custom(&tpl), &RenderOptions::default()).expect("render");
    let dump = supportplan::inspect::dump(&docx).expect("dump");
    assert!(dump.contains("Ada Finch from 12/01/2026"), "{dump}");
    assert!(dump.contains("1: Cognition and Learning"), "{dump}");
    assert!(
        dump.contains(
            "~~Phonics catch-up programme in a small group of four~~ (ceased at R1, 20/04/2026)"
        ),
        "{dump}"
    );
    // The same template filled with the Kirklees view instead.
    let tpl =
        custom_template("<w:p><w:r><w:t>{{child.name}}, {{plan.start_date}}</w:t></w:r></w:p>");
    let opts = RenderOptions {
        view: Some("kirklees-msp-v2f".into()),
        ..RenderOptions::default()
    };
    let docx = render_plan(&p, TemplateRef::Custom(&tpl), &opts).expect("render");
    assert!(
        supportplan::inspect::dump(&docx)
            .expect("dump")
            .contains("Ada Finch, 12/01/2026")
    );
    // Through the CLI, from a file.
    let dir = tempfile::tempdir().expect("temp dir");
    let tpl_path = dir.path().join("council.docx");
    std::fs::write(&tpl_path, &tpl).expect("write");
    let o = cli_render(
        &[
            "render",
            support::repo("fixtures/plans/primary-full.json")
                .to_str()
                .expect("path"),
            "--template",
            tpl_path.to_str().expect("path"),
            "--view",
            "kirklees-msp-v2f",
            "-o",
            "-",
        ],
        "UTC",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(o.stdout, docx);
}
