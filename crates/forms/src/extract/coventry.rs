//! Coventry My Support Plan: the filled form back into its view. The parts are found in the
//! order the builder (`templates/builder/src/coventry.rs`) lays them out.

use chrono::NaiveDate;
use serde_json::{Map, Value};
use supportplan_core::{
    Answer, Attainment, FamilyMember, NeedArea, Outcome, OutcomeReview, OutcomeStatus, Person,
    Plan, ProvisionItem, Review, Step, Target,
};

use super::ExtractError;
use super::doc::{Block, Row, Table};
use super::parse::{self, Reader, at};
use super::read::{Cursor, set, text_json};
use crate::format::StampStyle;

/// The template id.
pub(crate) const ID: &str = "coventry-msp";

/// The four need pages: heading and view key, in the form's order.
const AREAS: [(&str, &str); 4] = [
    ("Physical and Sensory Needs", "physical_and_sensory"),
    (
        "Language and Communication Needs",
        "language_and_communication",
    ),
    ("Cognition and Learning Needs", "cognition_and_learning"),
    ("Social and Emotional Needs", "social_and_emotional"),
];

/// Reads the view of a filled Coventry form.
///
/// # Errors
///
/// [`ExtractError::NotThisForm`] naming the first part of the form that is not there.
pub(crate) fn read_view(blocks: &[Block]) -> Result<Value, ExtractError> {
    let mut v = Value::Object(Map::new());
    let mut c = Cursor::new(ID, blocks);

    c.heading("My Support Plan")?;
    let title = c.table(
        "the title page table (Name, Educational setting …)",
        |t| find_row(t, "Educational setting").is_some(),
    )?;
    for (label, path) in [
        ("Name", "child.name"),
        ("Educational setting", "child.setting"),
        ("Plan start date", "plan.start_date"),
        ("Plan review date", "plan.review_date"),
    ] {
        let row = find_row(title, label)
            .ok_or_else(|| c.missing(format!("the \"{label}\" row of the title page")))?;
        set(&mut v, path, text_json(&row.cell(1).paras()));
    }

    c.heading("My Views")?;
    let paras = c.paras_until(|p| p.is("My Family’s Views"));
    set(&mut v, "my_views", text_json(&paras));
    c.heading("My Family’s Views")?;
    let paras = c.paras_until(|p| p.is("My Team"));
    set(&mut v, "family_views", text_json(&paras));

    c.heading("My Team")?;
    c.heading("People in My Family")?;
    let t = c.next_table("the table \"People in My Family\"")?;
    set(&mut v, "team.family", rows(t, &["name", "relationship"]));
    c.heading("Contributing to My Plan")?;
    let t = c.next_table("the table \"Contributing to My Plan\"")?;
    set(&mut v, "team.contributors", rows(t, &["name", "role"]));
    c.heading("Professionals who have contributed advice")?;
    let t = c.next_table("the table \"Professionals who have contributed advice\"")?;
    set(&mut v, "team.advice", rows(t, &["name", "role", "service"]));

    c.heading("My Progress")?;
    let t = c.table("the curriculum table", |t| {
        t.rows.first().is_some_and(|r| {
            r.cell(0)
                .paras()
                .first()
                .is_some_and(|p| p.is("Curriculum against which my progress is measured"))
        })
    })?;
    let curriculum = t.rows.first().map(|r| text_json(&r.cell(1).paras()));
    set(
        &mut v,
        "progress.curriculum",
        curriculum.unwrap_or_else(|| Value::String(String::new())),
    );
    c.heading("Attainment in core curriculum subjects")?;
    let t = c.next_table("the attainment table")?;
    set(
        &mut v,
        "progress.attainment",
        rows(t, &["subject", "at_start", "at_review"]),
    );

    for (heading, key) in AREAS {
        c.heading(heading)?;
        let summary = c.table(&format!("the summary box of \"{heading}\""), |t| {
            t.rows.first().is_some_and(|r| r.cell(0).is("Summary"))
        })?;
        let text = summary
            .rows
            .get(1)
            .map(|r| text_json(&r.cell(0).paras()))
            .unwrap_or_else(|| Value::String(String::new()));
        set(&mut v, &format!("areas.{key}.summary"), text);
        let t = c.table(&format!("the outcomes table of \"{heading}\""), |t| {
            t.rows
                .first()
                .is_some_and(|r| r.cell(0).paras().first().is_some_and(|p| p.is("Outcomes")))
        })?;
        set(
            &mut v,
            &format!("areas.{key}.rows"),
            rows(t, &["outcome", "provision", "implemented", "achieved"]),
        );
    }

    c.heading("Health and Social Care details")?;
    let t = c.table("the health and social care table", |t| {
        find_row(t, "Has received a diagnosis from a health professional").is_some()
    })?;
    for (label, key) in [
        (
            "Has received a diagnosis from a health professional",
            "diagnosis",
        ),
        (
            "Is currently receiving support from health professionals",
            "health_support",
        ),
        (
            "Has, or is currently subject to, a child protection or child in need plan",
            "child_protection_or_in_need",
        ),
        (
            "Is currently in receipt of any other form of support from Social Care",
            "social_care_support",
        ),
    ] {
        let row = find_row(t, label).ok_or_else(|| {
            c.missing(format!(
                "the row \"{label}\" of Health and Social Care details"
            ))
        })?;
        set(
            &mut v,
            &format!("health_and_social_care.{key}"),
            text_json(&row.cell(1).paras()),
        );
    }
    let other = c.table("the box \"Other health and social care details\"", |t| {
        t.rows
            .first()
            .is_some_and(|r| r.cell(0).is("Other health and social care details"))
    })?;
    let text = other
        .rows
        .get(1)
        .map(|r| text_json(&r.cell(0).paras()))
        .unwrap_or_else(|| Value::String(String::new()));
    set(&mut v, "health_and_social_care.other", text);
    Ok(v)
}

/// The row whose first cell reads as `label`.
fn find_row<'a>(table: &'a Table, label: &str) -> Option<&'a Row> {
    table.rows.iter().find(|r| r.cell(0).is(label))
}

/// The rows of a table after its heading row, one object per row with `keys` for its cells.
fn rows(table: &Table, keys: &[&str]) -> Value {
    Value::Array(
        table
            .rows
            .iter()
            .skip(1)
            .map(|r| {
                let mut m = Map::new();
                for (i, k) in keys.iter().enumerate() {
                    m.insert((*k).to_string(), text_json(&r.cell(i).paras()));
                }
                Value::Object(m)
            })
            .collect(),
    )
}

/// The area each page stands for, in the form's order.
const PAGE_AREAS: [(&str, NeedArea); 4] = [
    ("physical_and_sensory", NeedArea::SensoryPhysical),
    (
        "language_and_communication",
        NeedArea::CommunicationAndInteraction,
    ),
    ("cognition_and_learning", NeedArea::CognitionAndLearning),
    (
        "social_and_emotional",
        NeedArea::SocialEmotionalMentalHealth,
    ),
];

/// The note the form adds to "Other health and social care details" when the family
/// completed the page.
const COMPLETED_BY_FAMILY: &str = "This section was completed by my family.";

/// A contributor's role cell read back: `role, service (chair)`.
fn contributor(name: String, role: &str) -> Person {
    let role = role.strip_suffix(" (chair)").unwrap_or(role);
    let (role, service) = match role.split_once(", ") {
        Some((r, s)) => (r.to_string(), parse::opt(s.to_string())),
        None => (role.to_string(), None),
    };
    Person {
        name,
        role: parse::opt(role),
        service,
    }
}

/// An attainment cell read back: `text (12/03/2026)`.
fn dated(t: &str) -> (Option<String>, Option<NaiveDate>) {
    if let Some(d) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        if let Some(d) = parse::parse_date(d) {
            return (None, Some(d));
        }
    }
    if let Some((text, d)) = t.strip_suffix(')').and_then(|r| r.rsplit_once(" (")) {
        if let Some(d) = parse::parse_date(d) {
            return (parse::opt(text.to_string()), Some(d));
        }
    }
    (parse::opt(t.to_string()), None)
}

/// A review column read back: `Yes – notes`, `Yes` or the notes alone.
fn answer(t: &str) -> (Option<Answer>, Option<String>) {
    for (label, a) in [
        ("Yes", Answer::Yes),
        ("Partly", Answer::Partly),
        ("No", Answer::No),
    ] {
        if t == label {
            return (Some(a), None);
        }
        if let Some(n) = t.strip_prefix(label).and_then(|r| r.strip_prefix(" – ")) {
            return (Some(a), parse::opt(n.to_string()));
        }
    }
    (None, parse::opt(t.to_string()))
}

/// One line of the provision column read back: `what – who; how often; resource; …` with
/// its review stamps.
fn provision_line(r: &Reader, line: &str) -> ProvisionItem {
    let (text, added_at, ceased_at) = r.stamped(&Value::String(line.to_string()));
    let (what_t, extras) = match text.split_once(" – ") {
        Some((w, e)) => (w.to_string(), parse::split_outside_brackets(e, "; ")),
        None => (text, Vec::new()),
    };
    let (what, also) = parse::what(&what_t);
    let mut extras = extras.into_iter();
    let (who, advice_from) = parse::who(&extras.next().unwrap_or_default());
    let frequency = extras.next().and_then(parse::opt);
    ProvisionItem {
        what,
        who,
        frequency,
        resources: extras.map(|e| parse::resource(&e)).collect(),
        advice_from,
        also_for_outcomes: also,
        added_at,
        ceased_at,
        ..ProvisionItem::default()
    }
}

/// The outcome column read back: `Outcome 1: text`, then `Step: …` and `Target: …` lines.
fn outcome_cell(r: &Reader, t: &str, area: NeedArea) -> Option<Outcome> {
    let mut lines = t.split('\n');
    let first = lines.next()?;
    let (number, text) = first.strip_prefix("Outcome ")?.split_once(": ")?;
    let (mut text, closed, replaced_by) = parse::outcome_text(text);
    let mut o = Outcome {
        number: number.parse().ok()?,
        areas: vec![area],
        status: if closed {
            OutcomeStatus::ClosedNoLongerAppropriate
        } else {
            OutcomeStatus::Active
        },
        replaced_by,
        ..Outcome::default()
    };
    for line in lines {
        if let Some(step) = line.strip_prefix("Step: ") {
            let (text, added_at, ceased_at) = r.stamped(&Value::String(step.to_string()));
            o.steps.push(Step {
                text,
                added_at,
                ceased_at,
                ..Step::default()
            });
        } else if let Some(target) = line.strip_prefix("Target: ") {
            let (text, added_at, ceased_at) = r.stamped(&Value::String(target.to_string()));
            o.targets.push(Target {
                text,
                added_at,
                ceased_at,
            });
        } else if o.steps.is_empty() && o.targets.is_empty() {
            text.push('\n');
            text.push_str(line);
        }
    }
    o.text = text;
    Some(o)
}

/// Turns the Coventry view back into a plan.
///
/// # Errors
///
/// [`ExtractError::Unreadable`] for a date or outcome line that cannot be read back.
pub(crate) fn to_plan(v: &Value) -> Result<Plan, ExtractError> {
    let r = Reader {
        template: ID,
        style: StampStyle::Coventry,
    };
    let mut plan = Plan::default();
    let child = &v["child"];
    parse::child_and_setting(&mut plan, child);
    plan.start_date = r.date(&v["plan"]["start_date"], "title page, Plan start date")?;
    plan.review_date = r.date(&v["plan"]["review_date"], "title page, Plan review date")?;
    plan.about_me.my_views = parse::opt(at(v, "my_views"));
    plan.about_me.family_views = parse::opt(at(v, "family_views"));

    let rows = |v: &Value| -> Vec<Value> {
        v.as_array()
            .into_iter()
            .flatten()
            .filter(|row| {
                row.as_object()
                    .is_some_and(|m| m.values().any(|c| !parse::text(c).is_empty()))
            })
            .cloned()
            .collect()
    };
    let team = &v["team"];
    for row in rows(&team["family"]) {
        plan.team.family.push(FamilyMember {
            name: at(&row, "name"),
            relationship: parse::opt(at(&row, "relationship")),
        });
    }
    for row in rows(&team["contributors"]) {
        plan.team
            .contributors
            .push(contributor(at(&row, "name"), &at(&row, "role")));
    }
    for row in rows(&team["advice"]) {
        plan.team.advice_from.push(Person {
            name: at(&row, "name"),
            role: parse::opt(at(&row, "role")),
            service: parse::opt(at(&row, "service")),
        });
    }

    let curriculum = at(&v["progress"], "curriculum");
    let (first, notes) = match curriculum.split_once('\n') {
        Some((c, n)) => (c.to_string(), parse::opt(n.to_string())),
        None => (curriculum, None),
    };
    plan.progress.curriculum = parse::opt(first);
    plan.progress.notes = notes;
    for row in rows(&v["progress"]["attainment"]) {
        let (at_start, at_start_date) = dated(&at(&row, "at_start"));
        let (at_review, at_review_date) = dated(&at(&row, "at_review"));
        if at_start.is_none()
            && at_start_date.is_none()
            && at_review.is_none()
            && at_review_date.is_none()
        {
            continue;
        }
        plan.progress.attainment.push(Attainment {
            subject: at(&row, "subject"),
            at_start,
            at_start_date,
            at_review,
            at_review_date,
        });
    }

    let mut answers = Vec::new();
    for (key, area) in PAGE_AREAS {
        let page = &v["areas"][key];
        let summary = parse::lines(&at(page, "summary"));
        match area {
            NeedArea::SensoryPhysical => plan.needs.sensory_physical = summary,
            NeedArea::CommunicationAndInteraction => {
                plan.needs.communication_and_interaction = summary;
            }
            NeedArea::CognitionAndLearning => plan.needs.cognition_and_learning = summary,
            _ => plan.needs.social_emotional_mental_health = summary,
        }
        for (i, row) in rows(&page["rows"]).iter().enumerate() {
            let outcome_t = at(row, "outcome");
            let mut o = outcome_cell(&r, &outcome_t, area).ok_or_else(|| {
                r.unreadable(
                    format!("{key} page, outcomes row {}", i + 1),
                    "the outcome column does not start \"Outcome N: \"",
                )
            })?;
            o.provision = parse::lines(&at(row, "provision"))
                .iter()
                .map(|l| provision_line(&r, l))
                .collect();
            let (implemented, implemented_notes) = answer(&at(row, "implemented"));
            let (achieved, achieved_notes) = answer(&at(row, "achieved"));
            let review = OutcomeReview {
                outcome: o.number,
                provision_implemented: implemented,
                provision_implemented_notes: implemented_notes,
                outcome_achieved: achieved,
                outcome_achieved_notes: achieved_notes,
                ..OutcomeReview::default()
            };
            if review
                != (OutcomeReview {
                    outcome: o.number,
                    ..OutcomeReview::default()
                })
            {
                answers.push(review);
            }
            plan.outcomes.push(o);
        }
    }
    if let (false, Some(date)) = (answers.is_empty(), plan.review_date) {
        let mut review = Review::new(1, date);
        review.outcomes = answers;
        plan.reviews.push(review);
    }

    let h = &v["health_and_social_care"];
    let d = &mut plan.needs.health_and_social_care_details;
    d.diagnoses = parse::lines(&at(h, "diagnosis"));
    d.health_support = parse::lines(&at(h, "health_support"));
    d.child_protection_or_in_need = parse::lines(&at(h, "child_protection_or_in_need"));
    d.social_care_support = parse::lines(&at(h, "social_care_support"));
    let mut other = parse::lines(&at(h, "other"));
    if other.last().is_some_and(|l| l == COMPLETED_BY_FAMILY) {
        other.pop();
        d.completed_by_family = true;
    }
    plan.needs.health = other;
    Ok(plan)
}

/// The plan cut down to the fields the Coventry form carries.
pub(crate) fn project(plan: &Plan) -> Plan {
    use super::carried::{clean, closed_replacement, joined_lines, txt};
    let mut p = Plan::default();
    p.child.name = clean(&plan.child.name).unwrap_or_default();
    super::carried::setting_and_year(plan, &mut p);
    p.start_date = plan.start_date;
    p.review_date = plan.review_date;
    p.about_me.my_views = txt(&plan.about_me.my_views);
    p.about_me.family_views = txt(&plan.about_me.family_views);

    let t = &plan.team;
    p.team.family = t
        .family
        .iter()
        .map(|f| FamilyMember {
            name: clean(&f.name).unwrap_or_default(),
            relationship: txt(&f.relationship),
        })
        .filter(|f| !f.name.is_empty() || f.relationship.is_some())
        .collect();
    let chair = plan.chair.as_ref().map(|c| c.name.as_str());
    p.team.contributors = t
        .contributors
        .iter()
        .filter_map(|c| {
            // The role cell as the form writes it, read back.
            let mut role = c.role.clone().unwrap_or_default();
            if let Some(sv) = c.service.as_deref().filter(|v| !v.is_empty()) {
                if !role.is_empty() {
                    role.push_str(", ");
                }
                role.push_str(sv);
            }
            if chair == Some(c.name.as_str()) {
                role.push_str(" (chair)");
            }
            let name = clean(&c.name).unwrap_or_default();
            let role = clean(&role).unwrap_or_default();
            if name.is_empty() && role.is_empty() {
                return None;
            }
            Some(contributor(name, &role))
        })
        .collect();
    p.team.advice_from = t
        .advice_from
        .iter()
        .map(|a| Person {
            name: clean(&a.name).unwrap_or_default(),
            role: txt(&a.role),
            service: txt(&a.service),
        })
        .filter(|a| !a.name.is_empty() || a.role.is_some() || a.service.is_some())
        .collect();

    let pr = &plan.progress;
    let mut curriculum = pr.curriculum.clone().unwrap_or_default();
    if let Some(n) = pr.notes.as_deref().filter(|n| !n.is_empty()) {
        if !curriculum.is_empty() {
            curriculum.push('\n');
        }
        curriculum.push_str(n);
    }
    let curriculum = clean(&curriculum).unwrap_or_default();
    let (first, notes) = match curriculum.split_once('\n') {
        Some((c, n)) => (c.to_string(), parse::opt(n.to_string())),
        None => (curriculum, None),
    };
    p.progress.curriculum = parse::opt(first);
    p.progress.notes = notes;
    let written = |t: &Option<String>, d: Option<NaiveDate>| {
        let t = t.clone().unwrap_or_default();
        let cell = match (t.is_empty(), d) {
            (_, None) => t,
            (true, Some(d)) => format!("({})", crate::format::date(d)),
            (false, Some(d)) => format!("{t} ({})", crate::format::date(d)),
        };
        dated(&clean(&cell).unwrap_or_default())
    };
    for a in &pr.attainment {
        let (at_start, at_start_date) = written(&a.at_start, a.at_start_date);
        let (at_review, at_review_date) = written(&a.at_review, a.at_review_date);
        if at_start.is_none()
            && at_start_date.is_none()
            && at_review.is_none()
            && at_review_date.is_none()
        {
            continue;
        }
        p.progress.attainment.push(Attainment {
            subject: clean(&a.subject).unwrap_or_default(),
            at_start,
            at_start_date,
            at_review,
            at_review_date,
        });
    }

    let n = &plan.needs;
    p.needs.sensory_physical = joined_lines(&n.sensory_physical);
    p.needs.communication_and_interaction = joined_lines(&n.communication_and_interaction);
    p.needs.cognition_and_learning = joined_lines(&n.cognition_and_learning);
    p.needs.social_emotional_mental_health = joined_lines(&n.social_emotional_mental_health);

    // Outcomes in page order, each as its two columns read back.
    let r = Reader {
        template: ID,
        style: StampStyle::Coventry,
    };
    let latest = plan.latest_review();
    let mut answers = Vec::new();
    for (page, (_, area)) in PAGE_AREAS.iter().enumerate() {
        for o in plan
            .outcomes
            .iter()
            .filter(|o| crate::view::coventry::outcome_page(o) == page)
        {
            let text = clean(&crate::view::kirklees::outcome_text(o)).unwrap_or_default();
            let mut out = Outcome {
                number: o.number,
                areas: vec![*area],
                text: parse::outcome_text(&text).0,
                status: o.status,
                replaced_by: closed_replacement(o),
                ..Outcome::default()
            };
            let stamped = |t: &str, a, c| {
                crate::format::Stamped::new(t, a, c)
                    .rich(StampStyle::Coventry)
                    .text()
            };
            for s in &o.steps {
                let line = stamped(&s.text, s.added_at.as_ref(), s.ceased_at.as_ref());
                let (text, added_at, ceased_at) = r.stamped(&Value::String(line));
                out.steps.push(Step {
                    text,
                    added_at,
                    ceased_at,
                    ..Step::default()
                });
            }
            for s in &o.targets {
                let line = stamped(&s.text, s.added_at.as_ref(), s.ceased_at.as_ref());
                let (text, added_at, ceased_at) = r.stamped(&Value::String(line));
                out.targets.push(Target {
                    text,
                    added_at,
                    ceased_at,
                });
            }
            for i in &o.provision {
                // The provision line as the form writes it, read back.
                let mut text = crate::view::kirklees::what_text(i);
                let who = crate::view::kirklees::who_text(i);
                let mut extra: Vec<String> = Vec::new();
                if !who.is_empty() {
                    extra.push(who);
                }
                if let Some(f) = i.frequency.as_deref().filter(|f| !f.is_empty()) {
                    extra.push(f.to_string());
                }
                extra.extend(i.resources.iter().map(crate::view::kirklees::resource));
                if !extra.is_empty() {
                    text.push_str(" – ");
                    text.push_str(&extra.join("; "));
                }
                let line = stamped(&text, i.added_at.as_ref(), i.ceased_at.as_ref());
                for l in parse::lines(&line) {
                    out.provision.push(provision_line(&r, &l));
                }
            }
            if let Some(rv) = latest.and_then(|rv| rv.outcome(o.number)) {
                let col = |a: Option<Answer>, n: &Option<String>| {
                    let label = a.map(|a| match a {
                        Answer::Yes => "Yes",
                        Answer::Partly => "Partly",
                        Answer::No => "No",
                    });
                    let cell = match (label, n.as_deref().filter(|n| !n.is_empty())) {
                        (Some(l), Some(n)) => format!("{l} – {n}"),
                        (Some(l), None) => l.to_string(),
                        (None, Some(n)) => n.to_string(),
                        (None, None) => String::new(),
                    };
                    answer(&clean(&cell).unwrap_or_default())
                };
                let (pi, pin) = col(rv.provision_implemented, &rv.provision_implemented_notes);
                let (oa, oan) = col(rv.outcome_achieved, &rv.outcome_achieved_notes);
                let review = OutcomeReview {
                    outcome: o.number,
                    provision_implemented: pi,
                    provision_implemented_notes: pin,
                    outcome_achieved: oa,
                    outcome_achieved_notes: oan,
                    ..OutcomeReview::default()
                };
                if review
                    != (OutcomeReview {
                        outcome: o.number,
                        ..OutcomeReview::default()
                    })
                {
                    answers.push(review);
                }
            }
            p.outcomes.push(out);
        }
    }
    if let (false, Some(date)) = (answers.is_empty(), plan.review_date) {
        let mut review = Review::new(1, date);
        review.outcomes = answers;
        p.reviews.push(review);
    }

    let h = &n.health_and_social_care_details;
    let d = &mut p.needs.health_and_social_care_details;
    d.diagnoses = joined_lines(&h.diagnoses);
    d.health_support = joined_lines(&h.health_support);
    d.child_protection_or_in_need = joined_lines(&h.child_protection_or_in_need);
    d.social_care_support = joined_lines(&h.social_care_support);
    d.completed_by_family = h.completed_by_family;
    let mut other: Vec<String> = n.health.iter().chain(&n.social_care).cloned().collect();
    if h.completed_by_family {
        other.push(COMPLETED_BY_FAMILY.to_string());
    }
    let mut other = joined_lines(&other);
    if h.completed_by_family && other.last().is_some_and(|l| l == COMPLETED_BY_FAMILY) {
        other.pop();
    }
    p.needs.health = other;
    p
}
