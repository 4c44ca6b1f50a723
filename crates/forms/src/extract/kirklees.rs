//! Kirklees My Support Plan V2f: the filled form back into its view (the JSON the template was
//! filled from). The parts are found in the order the builder
//! (`templates/builder/src/kirklees.rs`) lays them out.

use serde_json::{Map, Value, json};

use supportplan_core::{
    Author, Consent, ConsentGiver, EvidenceDocument, EvidenceSource, NeedArea, OtherPlan,
    OtherPlanKind, Outcome, OutcomeReview, OutcomeStatus, Plan, Progress, Review, Step,
    SupportedBy, Target, WrittenBy,
};

use super::ExtractError;
use super::doc::{Block, Para, Table, join_paras};
use super::parse::{self, Reader, at, strings};
use super::read::{
    Cursor, after_label, list_json, rich_json, segments, set, table_paras, text_json, ticks,
};
use crate::format::StampStyle;

/// The template id.
pub(crate) const ID: &str = "kirklees-msp-v2f";

/// Reads the view of a filled Kirklees form.
///
/// # Errors
///
/// [`ExtractError::NotThisForm`] naming the first part of the form that is not there.
pub(crate) fn read_view(blocks: &[Block]) -> Result<Value, ExtractError> {
    let mut v = Value::Object(Map::new());
    let mut c = Cursor::new(ID, blocks);

    // Title block.
    let title = c.table("the title block (Name, Date of birth …)", |t| {
        label_row(t, "My Support Plan number").is_some()
    })?;
    for (label, path) in [
        ("Name", "child.name"),
        ("Date of birth", "child.date_of_birth"),
        ("Setting", "child.setting"),
        ("My Support Plan number", "plan.number"),
        ("Start date", "plan.start_date"),
        ("Review date", "plan.review_date"),
    ] {
        let paras = label_row(title, label).ok_or_else(|| c.missing(title_row(label)))?;
        set(&mut v, path, text_json(&paras));
    }

    // Introduction: other plans and consent.
    c.heading("Introduction to My Support Plan")?;
    for (label, key) in [
        (
            "Team around the Family (TAF) Plan",
            "team_around_the_family",
        ),
        ("Child in Need Plan", "child_in_need"),
        ("Child Protection Plan", "child_protection"),
        ("Personal Education Plan (PEP)", "personal_education_plan"),
        (
            "Looked After Child Care Plan",
            "looked_after_child_care_plan",
        ),
        ("Health Care Plan", "health_care_plan"),
    ] {
        let p = c.para(&format!("the tick box \"{label}\""), |p| {
            is_tick_line(p, label)
        })?;
        set(
            &mut v,
            &format!("other_plans.{key}"),
            Value::Bool(ticks(p).first().copied().unwrap_or(false)),
        );
    }
    let signed = c.para("\"Signed by parent/carer\"", |p| {
        p.starts("Signed by parent/carer")
    })?;
    let signed = after_label(signed, "Signed by parent/carer").unwrap_or_default();
    set(&mut v, "consent.signed_by", rich_json(&signed));

    // Section 1 a) my profile.
    c.heading("a) my profile")?;
    let line = c.para("the \"Me with help from\" tick boxes", |p| {
        p.text().contains("Me with help from")
    })?;
    let t = ticks(line);
    set(
        &mut v,
        "about_me.profile.written_by",
        json!({
            "me": t.first().copied().unwrap_or(false),
            "me_with_help": t.get(1).copied().unwrap_or(false),
            "helper": rich_json(&after_label(line, "with help from").unwrap_or_default()),
        }),
    );
    let table = c.next_table("the Section 1 a) table")?;
    read_boxes(
        &mut v,
        &c,
        "about_me.profile",
        &table_paras(table),
        &[
            (
                "When and how I communicate best, and what help I need",
                Some("communication"),
                false,
            ),
            (
                "How information and choice need to be presented to me to help me make decisions",
                Some("information_and_choice"),
                false,
            ),
            (
                "What people like and admire about me",
                Some("admired"),
                true,
            ),
            ("What I enjoy doing and what I do well", None, true),
            ("In school/setting:", Some("enjoy_in_setting"), true),
            ("Out of school/setting:", Some("enjoy_out_of_setting"), true),
            ("What is important to me now", Some("important_now"), true),
            (
                "What are the things that aren’t working so well for me at the moment",
                Some("not_working"),
                true,
            ),
            ("What would make things better for me", Some("better"), true),
            (
                "What are my goals and aspirations for the future –",
                None,
                true,
            ),
            (
                "Short term - the next 6-12 months",
                Some("goals_short_term"),
                true,
            ),
            (
                "Long term - what I want for my future beyond next year and ‘when I am an adult’",
                Some("goals_long_term"),
                true,
            ),
        ],
    )?;

    // Section 1 b) my story, c) my family, d) my parents/carers views.
    written_by(
        &mut v,
        &mut c,
        "b) my story (background information)",
        "My story has been written by:",
        "about_me.story.written_by",
        &["parent", "carer", "me"],
    )?;
    let table = c.next_table("the Section 1 b) table")?;
    read_boxes(
        &mut v,
        &c,
        "about_me.story",
        &table_paras(table),
        &[
            ("Growing up", Some("growing_up"), true),
            (
                "People involved in helping and supporting me",
                Some("people_helping"),
                true,
            ),
            (
                "How do I feel when I am at school/setting and how do I feel and behave when I come home from school/setting",
                Some("feelings"),
                true,
            ),
            (
                "Any other things which are important for you to know about me",
                Some("other"),
                true,
            ),
        ],
    )?;
    written_by(
        &mut v,
        &mut c,
        "c) my family",
        "My family has been written by:",
        "about_me.family.written_by",
        &["parent", "carer", "me"],
    )?;
    let table = c.next_table("the Section 1 c) table")?;
    read_boxes(
        &mut v,
        &c,
        "about_me.family",
        &table_paras(table),
        &[
            ("My family at home / extended family", Some("at_home"), true),
            ("Wider community connections", Some("community"), true),
            (
                "Times or days or barriers that make it difficult for me or my family to attend appointments or to meet professionals",
                Some("appointment_barriers"),
                true,
            ),
            (
                "Any other things which are important for you to know about my family",
                Some("other"),
                true,
            ),
        ],
    )?;
    written_by(
        &mut v,
        &mut c,
        "d) my parents/carers views",
        "Written by:",
        "about_me.parents_views.written_by",
        &["parent", "carer"],
    )?;
    let table = c.next_table("the Section 1 d) table")?;
    read_boxes(
        &mut v,
        &c,
        "about_me.parents_views",
        &table_paras(table),
        &[
            (
                "What is important for my child now",
                Some("important_now"),
                true,
            ),
            (
                "What is not working so well for my child at the moment",
                Some("not_working"),
                true,
            ),
            (
                "What would make things better for my child",
                Some("better"),
                true,
            ),
            ("What are my goals and aspirations for my child", None, true),
            (
                "Short term - the next 6-12 months",
                Some("goals_short_term"),
                true,
            ),
            (
                "Long term - what I want for my child’s future beyond next year and ‘when they are an adult’",
                Some("goals_long_term"),
                true,
            ),
        ],
    )?;

    // Section 2.
    c.heading("Section 2: My special educational needs")?;
    let table = c.next_table("the Section 2 table")?;
    read_boxes(
        &mut v,
        &c,
        "needs",
        &table_paras(table),
        &[
            ("A summary of my needs", Some("summary"), false),
            (
                "Cognition and Learning",
                Some("cognition_and_learning"),
                true,
            ),
            (
                "Communication and Interaction",
                Some("communication_and_interaction"),
                true,
            ),
            ("Social and Emotional", Some("social_and_emotional"), true),
            (
                "Sensory and/or Physical",
                Some("sensory_and_physical"),
                true,
            ),
            (
                "Preparing for key transitions and/or preparing for adulthood",
                Some("preparing_for_transitions"),
                true,
            ),
        ],
    )?;

    // Sections 3 and 4.
    c.heading("Section 3: My health needs which relate to my special educational needs")?;
    let table = c.next_table("the Section 3 box")?;
    set(&mut v, "health_needs", text_json(&table_paras(table)));
    c.heading("Section 4: My social care needs which relate to my special educational needs")?;
    let table = c.next_table("the Section 4 box")?;
    set(&mut v, "social_care_needs", text_json(&table_paras(table)));

    // Section 5: outcomes.
    let table = c.table("the Section 5 outcomes table", |t| {
        t.rows
            .first()
            .is_some_and(|r| r.cell(0).starts("Section 5: Outcomes and provision"))
    })?;
    let mut outcomes = Vec::new();
    for row in &table.rows {
        let first = row.cell(0).paras();
        if !first.first().is_some_and(|p| p.is("Outcome")) {
            continue;
        }
        let number = join_paras(&first[1..]);
        let body = row.cell(1).paras();
        let areas_label = "The area(s) of my needs this outcome will address";
        let (areas, rest) = match body.split_first() {
            Some((p, rest)) if p.starts(areas_label) => {
                (after_label(p, areas_label).unwrap_or_default(), rest)
            }
            _ => (Default::default(), &body[..]),
        };
        let tick = |i: usize| {
            row.cell(i)
                .paras()
                .iter()
                .flat_map(|p| ticks(p))
                .next()
                .unwrap_or(false)
        };
        outcomes.push(json!({
            "number": rich_json(&number),
            "areas": rich_json(&areas),
            "text": text_json(rest),
            "education": tick(2),
            "health": tick(3),
            "social_care": tick(4),
        }));
    }
    set(&mut v, "outcomes", Value::Array(outcomes));

    // Provision: the notes table, then the rows table.
    c.para("the heading \"Provision\"", |p| p.is("Provision"))?;
    let table = c.table("the provision table", |t| {
        t.rows
            .first()
            .is_some_and(|r| r.cell(0).is("No. of outcome"))
            && !t.rows.iter().any(|r| r.cell(0).is("Notes"))
    })?;
    let mut rows = Vec::new();
    for row in &table.rows {
        if row.cell(0).is("No. of outcome") || row.cell(0).is("Notes") {
            continue;
        }
        let items = |i: usize| {
            let list = list_json(&row.cell(i).paras());
            Value::Array(
                list.as_array()
                    .into_iter()
                    .flatten()
                    .map(|t| json!({ "text": t }))
                    .collect(),
            )
        };
        let text = |i: usize| text_json(&row.cell(i).paras());
        rows.push(json!({
            "outcome_number": text(0),
            "steps": items(1),
            "targets": items(2),
            "what": text(3),
            "who": text(4),
            "how_often": text(5),
            "resources": text(6),
        }));
    }
    set(&mut v, "provision_rows", Value::Array(rows));

    // Section 6: three reviews.
    for (key, label) in [
        ("review_1", "1st review (R1)"),
        ("review_2", "2nd review (R2)"),
        ("review_3", "3rd review"),
    ] {
        c.heading("Section 6: Reviewing My Support Plan")?;
        let date = c.para(
            &format!("the \"Date of review\" line of the {label}"),
            |p| p.starts("Date of review"),
        )?;
        let date = date_between(date, label);
        let table = c.table(&format!("the progress table of the {label}"), |t| {
            t.rows
                .first()
                .is_some_and(|r| r.cell(0).is("No. of outcome"))
        })?;
        set(&mut v, &format!("{key}.date"), rich_json(&date));
        read_review(&mut v, key, table);
    }

    // Section 7: appendices.
    c.heading("Section 7: Appendices")?;
    let table = c.next_table("the Section 7 appendices table")?;
    read_appendices(&mut v, table);
    Ok(v)
}

fn title_row(label: &str) -> String {
    format!("the \"{label}\" row of the title block")
}

/// The value cell's paragraphs of the two-column row labelled `label`.
fn label_row<'a>(table: &'a Table, label: &str) -> Option<Vec<&'a Para>> {
    table
        .rows
        .iter()
        .find(|r| r.cell(0).is(label))
        .map(|r| r.cell(1).paras())
}

/// Whether a paragraph is a tick-box line for `label` ("☒   Health Care Plan").
fn is_tick_line(p: &Para, label: &str) -> bool {
    let text = p.text();
    let rest = text.trim_start();
    match rest.strip_prefix(['☒', '☐', '☑']) {
        Some(r) => super::doc::norm(r) == super::doc::norm(label),
        None => false,
    }
}

/// Reads the labelled boxes of a section: `(label, field, is_list)`; a `None` field is a
/// heading whose own text is not a value.
fn read_boxes(
    v: &mut Value,
    c: &Cursor<'_>,
    prefix: &str,
    paras: &[&Para],
    boxes: &[(&str, Option<&str>, bool)],
) -> Result<(), ExtractError> {
    let labels: Vec<&str> = boxes.iter().map(|b| b.0).collect();
    let segs = segments(paras, &labels);
    for ((label, field, list), seg) in boxes.iter().zip(segs) {
        let Some(seg) = seg else {
            return Err(c.missing(format!("the box \"{label}\"")));
        };
        if let Some(field) = field {
            let value = if *list {
                list_json(&seg)
            } else {
                text_json(&seg)
            };
            set(v, &format!("{prefix}.{field}"), value);
        }
    }
    Ok(())
}

/// Reads a "written by" block: the heading, the tick line and the "with help from" line.
fn written_by(
    v: &mut Value,
    c: &mut Cursor<'_>,
    heading: &str,
    line_label: &str,
    path: &str,
    boxes: &[&str],
) -> Result<(), ExtractError> {
    c.heading(heading)?;
    let line = c.para(&format!("the line \"{line_label}\""), |p| {
        p.starts(line_label)
    })?;
    let t = ticks(line);
    let help = c.para("the line \"with help from\"", |p| {
        p.starts("with help from")
    })?;
    let mut m = Map::new();
    for (i, b) in boxes.iter().enumerate() {
        m.insert(
            (*b).to_string(),
            Value::Bool(t.get(i).copied().unwrap_or(false)),
        );
    }
    m.insert(
        "helper".into(),
        rich_json(&after_label(help, "with help from").unwrap_or_default()),
    );
    set(v, path, Value::Object(m));
    Ok(())
}

/// The date on a "Date of review: … 1st review (R1)" line.
fn date_between(p: &Para, label: &str) -> super::doc::Rich {
    let text = p.text();
    let start = text.find(':').map_or(0, |i| text[..=i].chars().count());
    let rest = p.rich.slice_from(start);
    let plain = rest.plain();
    match plain.rfind(label) {
        Some(end) => {
            let keep = plain[..end].chars().count();
            let mut out = super::doc::Rich::default();
            let mut pos = 0;
            for r in rest.0 {
                let n = r.text.chars().count();
                if pos < keep {
                    let take = (keep - pos).min(n);
                    out.push(super::doc::Run {
                        text: r.text.chars().take(take).collect(),
                        ..r
                    });
                }
                pos += n;
            }
            out.value()
        }
        None => rest.value(),
    }
}

/// Reads one review table: progress rows and the three questions.
fn read_review(v: &mut Value, key: &str, table: &Table) {
    let questions = [
        (
            "What is working well with provision and support and needs to continue?",
            "working_well",
        ),
        (
            "What isn’t working well with provision and support and needs to finish or change?",
            "not_working",
        ),
        (
            "What isn’t working with provision and support and needs to finish or change?",
            "not_working",
        ),
        (
            "Should anything new be introduced to match the parent/child’s goals and aspirations?",
            "anything_new",
        ),
    ];
    let mut progress = Vec::new();
    for (k, _) in [
        ("working_well", ()),
        ("not_working", ()),
        ("anything_new", ()),
    ] {
        set(v, &format!("{key}.{k}"), Value::String(String::new()));
    }
    for row in table.rows.iter().skip(1) {
        let paras = row.cell(0).paras();
        let question = paras
            .first()
            .and_then(|p| questions.iter().find(|(q, _)| p.is(q)));
        if let Some((_, field)) = question {
            set(v, &format!("{key}.{field}"), text_json(&paras[1..]));
        } else if !row.cell(0).is("No. of outcome") {
            progress.push(json!({
                "number": text_json(&paras),
                "text": text_json(&row.cell(1).paras()),
            }));
        }
    }
    set(v, &format!("{key}.progress"), Value::Array(progress));
}

/// Reads the appendices table: group rows, each followed by its Reference | Date rows.
fn read_appendices(v: &mut Value, table: &Table) {
    let groups = [
        ("Family/Young person", "family"),
        ("Education", "education"),
        ("Health", "health"),
        ("Social Care", "social_care"),
        ("Careers", "careers"),
        ("Other evidence from other people or agencies", "other"),
    ];
    let mut lists: Vec<Vec<Value>> = vec![Vec::new(); groups.len()];
    let mut current: Option<usize> = None;
    for row in &table.rows {
        let first = row.cell(0).paras();
        let group = first
            .first()
            .and_then(|p| groups.iter().position(|(g, _)| p.is(g)));
        if row.cells.len() == 1 {
            if group.is_some() {
                current = group;
            }
            continue;
        }
        if let Some(list) = current.and_then(|i| lists.get_mut(i)) {
            list.push(json!({
                "reference": text_json(&first),
                "date": text_json(&row.cell(1).paras()),
            }));
        }
    }
    for ((_, key), list) in groups.iter().zip(lists) {
        set(v, &format!("appendices.{key}"), Value::Array(list));
    }
}

/// The Kirklees area labels, longest first (two of them contain a `/`).
const AREAS: [(&str, NeedArea); 7] = [
    (
        "Preparing for key transitions and/or preparing for adulthood",
        NeedArea::PreparingForAdulthood,
    ),
    (
        "Communication and Interaction",
        NeedArea::CommunicationAndInteraction,
    ),
    ("Cognition and Learning", NeedArea::CognitionAndLearning),
    ("Sensory and/or Physical", NeedArea::SensoryPhysical),
    (
        "Social and Emotional",
        NeedArea::SocialEmotionalMentalHealth,
    ),
    ("Social Care needs", NeedArea::SocialCare),
    ("Health needs", NeedArea::Health),
];

/// The areas line `Cognition and Learning/Health needs` read back.
fn areas(r: &Reader, t: &str, location: &str) -> Result<Vec<NeedArea>, ExtractError> {
    let mut out = Vec::new();
    let mut rest = t;
    while !rest.is_empty() {
        let (label, area) = AREAS
            .iter()
            .find(|(l, _)| rest.starts_with(l))
            .ok_or_else(|| r.unreadable(location, "not a list of the form's areas of need"))?;
        out.push(*area);
        rest = &rest[label.len()..];
        if let Some(r2) = rest.strip_prefix('/') {
            rest = r2;
        } else if !rest.is_empty() {
            return Err(r.unreadable(location, "not a list of the form's areas of need"));
        }
    }
    Ok(out)
}

/// The consent line `Name (parent), 12/01/2026 – notes` read back, one consent per line.
fn consents(t: &str) -> Vec<Consent> {
    parse::lines(t)
        .into_iter()
        .map(|line| {
            let (head, notes) = match line.split_once(" – ") {
                Some((h, n)) => (h.to_string(), parse::opt(n.to_string())),
                None => (line.clone(), None),
            };
            let mut head = head.as_str();
            let mut date = None;
            if let Some((h, d)) = head.rsplit_once(", ") {
                if let Some(d) = parse::parse_date(d) {
                    date = Some(d);
                    head = h;
                }
            }
            let mut relationship = None;
            for (suffix, who) in [
                (" (parent)", ConsentGiver::Parent),
                (" (carer)", ConsentGiver::Carer),
                (" (young person)", ConsentGiver::YoungPerson),
            ] {
                if let Some(h) = head.strip_suffix(suffix) {
                    relationship = Some(who);
                    head = h;
                    break;
                }
            }
            Consent {
                given_by: head.to_string(),
                relationship,
                date,
                scope: Vec::new(),
                notes,
            }
        })
        .collect()
}

/// "Written by" tick boxes read back: the first ticked box is the author.
fn author_of(v: &Value, boxes: &[(&str, Author)]) -> Option<WrittenBy> {
    let author = boxes.iter().find(|(k, _)| parse::tick(v, k)).map(|b| b.1)?;
    Some(WrittenBy {
        author,
        with_help_from: parse::opt(at(v, "helper")),
    })
}

/// Turns the Kirklees view back into a plan.
///
/// # Errors
///
/// [`ExtractError::Unreadable`] for a date, number or area list that cannot be read back.
pub(crate) fn to_plan(v: &Value) -> Result<Plan, ExtractError> {
    let r = Reader {
        template: ID,
        style: StampStyle::Kirklees,
    };
    let mut plan = Plan::default();
    let child = &v["child"];
    parse::child_and_setting(&mut plan, child);
    plan.child.date_of_birth = r.date(&child["date_of_birth"], "title block, Date of birth")?;
    let p = &v["plan"];
    plan.plan_number = r.number(&p["number"], "title block, My Support Plan number")?;
    plan.start_date = r.date(&p["start_date"], "title block, Start date")?;
    plan.review_date = r.date(&p["review_date"], "title block, Review date")?;

    for (key, kind) in OTHER_PLANS {
        if parse::tick(&v["other_plans"], key) {
            plan.other_plans.push(OtherPlan {
                kind,
                name: None,
                reference: None,
                date: None,
            });
        }
    }
    plan.consent = consents(&at(&v["consent"], "signed_by"));

    let a = &v["about_me"];
    let pv = &a["profile"];
    let wb = &pv["written_by"];
    let pr = &mut plan.about_me.profile;
    pr.written_by = if parse::tick(wb, "me_with_help") {
        Some(WrittenBy {
            author: Author::Me,
            with_help_from: parse::opt(at(wb, "helper")),
        })
    } else if parse::tick(wb, "me") {
        Some(WrittenBy {
            author: Author::Me,
            with_help_from: None,
        })
    } else {
        None
    };
    pr.communication = parse::opt(at(pv, "communication"));
    pr.information_and_choice = parse::opt(at(pv, "information_and_choice"));
    pr.admired_for = strings(pv.get("admired"));
    pr.enjoy_in_setting = strings(pv.get("enjoy_in_setting"));
    pr.enjoy_out_of_setting = strings(pv.get("enjoy_out_of_setting"));
    pr.important_now = strings(pv.get("important_now"));
    pr.not_working = strings(pv.get("not_working"));
    pr.would_make_better = strings(pv.get("better"));
    pr.aspirations_short_term = strings(pv.get("goals_short_term"));
    pr.aspirations_long_term = strings(pv.get("goals_long_term"));

    let three = [
        ("parent", Author::Parent),
        ("carer", Author::Carer),
        ("me", Author::Me),
    ];
    let sv = &a["story"];
    let st = &mut plan.about_me.story;
    st.written_by = author_of(&sv["written_by"], &three);
    st.growing_up = strings(sv.get("growing_up"));
    st.people_helping = strings(sv.get("people_helping"));
    st.feelings_at_setting_and_home = strings(sv.get("feelings"));
    st.other = strings(sv.get("other"));
    let fv = &a["family"];
    let fam = &mut plan.about_me.family;
    fam.written_by = author_of(&fv["written_by"], &three);
    fam.family_at_home = strings(fv.get("at_home"));
    fam.community_connections = strings(fv.get("community"));
    fam.appointment_barriers = strings(fv.get("appointment_barriers"));
    fam.other = strings(fv.get("other"));
    let vv = &a["parents_views"];
    let pw = &mut plan.about_me.parents_views;
    pw.written_by = author_of(&vv["written_by"], &three[..2]);
    pw.important_now = strings(vv.get("important_now"));
    pw.not_working = strings(vv.get("not_working"));
    pw.would_make_better = strings(vv.get("better"));
    pw.aspirations_short_term = strings(vv.get("goals_short_term"));
    pw.aspirations_long_term = strings(vv.get("goals_long_term"));

    let nv = &v["needs"];
    let n = &mut plan.needs;
    n.summary = parse::opt(at(nv, "summary"));
    n.cognition_and_learning = strings(nv.get("cognition_and_learning"));
    n.communication_and_interaction = strings(nv.get("communication_and_interaction"));
    n.social_emotional_mental_health = strings(nv.get("social_and_emotional"));
    n.sensory_physical = strings(nv.get("sensory_and_physical"));
    n.preparing_for_adulthood = strings(nv.get("preparing_for_transitions"));
    n.health = parse::lines(&at(v, "health_needs"));
    n.social_care = parse::lines(&at(v, "social_care_needs"));

    // Section 5: outcomes, then their provision rows.
    for (i, o) in v["outcomes"].as_array().into_iter().flatten().enumerate() {
        let loc = format!("Section 5, outcome row {}", i + 1);
        let Some(number) = r.number(&o["number"], &format!("{loc}, number"))? else {
            continue;
        };
        let (text, closed, replaced_by) = parse::outcome_text(&at(o, "text"));
        let areas = areas(&r, &at(o, "areas"), &format!("{loc}, areas of need"))?;
        plan.outcomes.push(Outcome {
            number,
            areas,
            text,
            supported_by: SupportedBy {
                education: parse::tick(o, "education"),
                health: parse::tick(o, "health"),
                social_care: parse::tick(o, "social_care"),
            },
            status: if closed {
                OutcomeStatus::ClosedNoLongerAppropriate
            } else {
                OutcomeStatus::Active
            },
            replaced_by,
            ..Outcome::default()
        });
    }
    for (i, row) in v["provision_rows"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let loc = format!("Section 5 provision table, row {}", i + 1);
        let number = r.number(&row["outcome_number"], &format!("{loc}, No. of outcome"))?;
        let steps: Vec<Step> = items(row.get("steps"))
            .map(|item| {
                let (text, added_at, ceased_at) = r.stamped(item);
                Step {
                    text,
                    added_at,
                    ceased_at,
                    ..Step::default()
                }
            })
            .collect();
        let targets: Vec<Target> = items(row.get("targets"))
            .map(|item| {
                let (text, added_at, ceased_at) = r.stamped(item);
                Target {
                    text,
                    added_at,
                    ceased_at,
                }
            })
            .collect();
        let has_what = !at(row, "what").is_empty();
        let Some(o) = number.and_then(|n| plan.outcomes.iter_mut().find(|o| o.number == n)) else {
            if has_what || !steps.is_empty() || !targets.is_empty() {
                return Err(r.unreadable(loc, "the outcome number is not in the outcomes table"));
            }
            continue;
        };
        o.steps.extend(steps);
        o.targets.extend(targets);
        if has_what {
            let mut item =
                parse::provision(&r, &row["what"], &at(row, "who"), &at(row, "how_often"));
            item.resources = parse::lines(&at(row, "resources"))
                .iter()
                .map(|l| parse::resource(l))
                .collect();
            o.provision.push(item);
        }
    }
    // A plan without outcomes shows one empty box: it reads back as no outcome.
    plan.outcomes.retain(|o| {
        !(o.text.is_empty()
            && o.areas.is_empty()
            && o.supported_by == SupportedBy::default()
            && o.steps.is_empty()
            && o.targets.is_empty()
            && o.provision.is_empty())
    });

    // Section 6: reviews.
    for n in 1..=3u8 {
        let rv = &v[format!("review_{n}").as_str()];
        let loc = format!("Section 6, review {n}");
        let Some(date) = r.date(&rv["date"], &format!("{loc}, Date of review"))? else {
            continue;
        };
        let mut review = Review::new(n, date);
        review.working_well = parse::opt(at(rv, "working_well"));
        review.not_working = parse::opt(at(rv, "not_working"));
        review.anything_new = parse::opt(at(rv, "anything_new"));
        for (i, row) in rv["progress"].as_array().into_iter().flatten().enumerate() {
            let number = r.number(&row["number"], &format!("{loc}, progress row {}", i + 1))?;
            let (progress, narrative) = progress_text(&at(row, "text"));
            if let Some(outcome) = number {
                if progress.is_some() || narrative.is_some() {
                    review.outcomes.push(OutcomeReview {
                        outcome,
                        progress,
                        narrative,
                        ..OutcomeReview::default()
                    });
                }
            }
        }
        plan.reviews.push(review);
    }

    // Section 7: appendices.
    for (key, source) in [
        ("family", EvidenceSource::FamilyYoungPerson),
        ("education", EvidenceSource::Education),
        ("health", EvidenceSource::Health),
        ("social_care", EvidenceSource::SocialCare),
        ("careers", EvidenceSource::Careers),
        ("other", EvidenceSource::Other),
    ] {
        for (i, row) in v["appendices"][key]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            let reference = at(row, "reference");
            let date = r.date(
                &row["date"],
                &format!("Section 7, {key} row {}, date", i + 1),
            )?;
            if reference.is_empty() && date.is_none() {
                continue;
            }
            plan.appendices.push(EvidenceDocument {
                source,
                reference,
                date,
            });
        }
    }
    Ok(plan)
}

/// The Introduction tick boxes and the plans they stand for, in the form's order.
pub(crate) const OTHER_PLANS: [(&str, OtherPlanKind); 6] = [
    ("team_around_the_family", OtherPlanKind::TeamAroundTheFamily),
    ("child_in_need", OtherPlanKind::ChildInNeed),
    ("child_protection", OtherPlanKind::ChildProtection),
    (
        "personal_education_plan",
        OtherPlanKind::PersonalEducationPlan,
    ),
    (
        "looked_after_child_care_plan",
        OtherPlanKind::LookedAfterChildCarePlan,
    ),
    ("health_care_plan", OtherPlanKind::HealthCarePlan),
];

/// The items of a list of `{"text": …}`.
fn items(v: Option<&Value>) -> impl Iterator<Item = &Value> {
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|i| i.get("text"))
        .filter(|t| !parse::text(t).is_empty())
}

/// A progress row `Partly met: narrative` read back.
fn progress_text(t: &str) -> (Option<Progress>, Option<String>) {
    for p in [
        Progress::PartlyMet,
        Progress::NotMet,
        Progress::NeedsChanging,
        Progress::Met,
    ] {
        let label = p.label();
        if t == label {
            return (Some(p), None);
        }
        if let Some(rest) = t.strip_prefix(label).and_then(|r| r.strip_prefix(": ")) {
            return (Some(p), parse::opt(rest.to_string()));
        }
    }
    (None, parse::opt(t.to_string()))
}
