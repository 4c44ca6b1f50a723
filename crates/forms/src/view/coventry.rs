//! The view of the Coventry My Support Plan (`coventry-msp`).

use serde_json::{Value, json};
use supportplan_core::{Answer, NeedArea, Outcome, Plan};

use super::kirklees::{outcome_text, resource, what_text, who_text};
use super::{s, setting};
use crate::format::{Rich, StampStyle, Stamped, lines, opt_date};

const STYLE: StampStyle = StampStyle::Coventry;

/// The four Coventry need pages, in the form's order.
pub(crate) const AREAS: [&str; 4] = [
    "physical_and_sensory",
    "language_and_communication",
    "cognition_and_learning",
    "social_and_emotional",
];

/// The page of an area of need: the four Coventry areas directly; an area the form has no
/// page for goes to the nearest page (health → physical and sensory, social care → social and
/// emotional, preparing for adulthood → cognition and learning).
fn page_of(a: NeedArea) -> (usize, bool) {
    match a {
        NeedArea::SensoryPhysical => (0, true),
        NeedArea::CommunicationAndInteraction => (1, true),
        NeedArea::CognitionAndLearning => (2, true),
        NeedArea::SocialEmotionalMentalHealth => (3, true),
        NeedArea::Health => (0, false),
        NeedArea::PreparingForAdulthood => (2, false),
        NeedArea::SocialCare => (3, false),
    }
}

/// The page an outcome goes on: its first area that has a page, else its first area's nearest
/// page, else cognition and learning.
pub(crate) fn outcome_page(o: &Outcome) -> usize {
    o.areas
        .iter()
        .map(|a| page_of(*a))
        .find(|(_, direct)| *direct)
        .or_else(|| o.areas.first().map(|a| page_of(*a)))
        .map_or(2, |(i, _)| i)
}

fn answer(a: Option<Answer>, notes: &Option<String>) -> String {
    let label = a.map(|a| match a {
        Answer::Yes => "Yes",
        Answer::Partly => "Partly",
        Answer::No => "No",
    });
    match (label, notes.as_deref().filter(|n| !n.is_empty())) {
        (Some(l), Some(n)) => format!("{l} – {n}"),
        (Some(l), None) => l.to_string(),
        (None, Some(n)) => n.to_string(),
        (None, None) => String::new(),
    }
}

fn outcome_cell(o: &Outcome) -> Rich {
    let mut parts = vec![Rich::plain(format!(
        "Outcome {}: {}",
        o.number,
        outcome_text(o)
    ))];
    for st in &o.steps {
        let mut r = Rich::plain("Step: ");
        r.extend(Stamped::new(&st.text, st.added_at.as_ref(), st.ceased_at.as_ref()).rich(STYLE));
        parts.push(r);
    }
    for t in &o.targets {
        let mut r = Rich::plain("Target: ");
        r.extend(Stamped::new(&t.text, t.added_at.as_ref(), t.ceased_at.as_ref()).rich(STYLE));
        parts.push(r);
    }
    Rich::join(parts, "\n")
}

fn provision_cell(o: &Outcome) -> Rich {
    let parts = o
        .provision
        .iter()
        .map(|p| {
            let mut text = what_text(p);
            let who = who_text(p);
            let mut extra: Vec<String> = Vec::new();
            if !who.is_empty() {
                extra.push(who);
            }
            if let Some(f) = p.frequency.as_deref().filter(|f| !f.is_empty()) {
                extra.push(f.to_string());
            }
            extra.extend(p.resources.iter().map(resource));
            if !extra.is_empty() {
                text.push_str(" – ");
                text.push_str(&extra.join("; "));
            }
            Stamped::new(&text, p.added_at.as_ref(), p.ceased_at.as_ref()).rich(STYLE)
        })
        .collect();
    Rich::join(parts, "\n\n")
}

fn empty_row() -> Value {
    json!({"outcome": "", "provision": "", "implemented": "", "achieved": ""})
}

/// The Coventry view of a plan.
pub(crate) fn view(plan: &Plan) -> Value {
    let team = &plan.team;
    let rows_or_empty = |rows: Vec<Value>, empty: Value| {
        if rows.is_empty() {
            Value::Array(vec![empty])
        } else {
            Value::Array(rows)
        }
    };
    let chair = plan.chair.as_ref().map(|c| c.name.as_str());
    let family = team
        .family
        .iter()
        .map(|f| json!({"name": f.name, "relationship": s(&f.relationship)}))
        .collect();
    let contributors = team
        .contributors
        .iter()
        .map(|p| {
            let mut role = s(&p.role);
            if let Some(sv) = p.service.as_deref().filter(|v| !v.is_empty()) {
                if !role.is_empty() {
                    role.push_str(", ");
                }
                role.push_str(sv);
            }
            if chair == Some(p.name.as_str()) {
                role.push_str(" (chair)");
            }
            json!({"name": p.name, "role": role})
        })
        .collect();
    let advice = team
        .advice_from
        .iter()
        .map(|p| json!({"name": p.name, "role": s(&p.role), "service": s(&p.service)}))
        .collect();

    let pr = &plan.progress;
    let mut curriculum = s(&pr.curriculum);
    if let Some(n) = pr.notes.as_deref().filter(|n| !n.is_empty()) {
        if !curriculum.is_empty() {
            curriculum.push('\n');
        }
        curriculum.push_str(n);
    }
    let dated = |t: &Option<String>, d| {
        let t = s(t);
        match (t.is_empty(), opt_date(d)) {
            (_, d) if d.is_empty() => t,
            (true, d) => format!("({d})"),
            (false, d) => format!("{t} ({d})"),
        }
    };
    let attainment: Vec<Value> = if pr.attainment.is_empty() {
        ["English", "Mathematics", "Science"]
            .iter()
            .map(|sub| json!({"subject": sub, "at_start": "", "at_review": ""}))
            .collect()
    } else {
        pr.attainment
            .iter()
            .map(|a| {
                json!({
                    "subject": a.subject,
                    "at_start": dated(&a.at_start, a.at_start_date),
                    "at_review": dated(&a.at_review, a.at_review_date),
                })
            })
            .collect()
    };

    // The review columns come from the latest review (one plan per review cycle).
    let latest = plan.latest_review();
    let mut pages: [Vec<Value>; 4] = Default::default();
    for o in &plan.outcomes {
        let r = latest.and_then(|r| r.outcome(o.number));
        let row = json!({
            "outcome": outcome_cell(o).to_value(),
            "provision": provision_cell(o).to_value(),
            "implemented": r.map(|r| answer(r.provision_implemented, &r.provision_implemented_notes)).unwrap_or_default(),
            "achieved": r.map(|r| answer(r.outcome_achieved, &r.outcome_achieved_notes)).unwrap_or_default(),
        });
        if let Some(page) = pages.get_mut(outcome_page(o)) {
            page.push(row);
        }
    }
    let n = &plan.needs;
    let summaries = [
        lines(&n.sensory_physical),
        lines(&n.communication_and_interaction),
        lines(&n.cognition_and_learning),
        lines(&n.social_emotional_mental_health),
    ];
    let mut areas = serde_json::Map::new();
    for ((key, rows), summary) in AREAS.iter().zip(pages).zip(summaries) {
        areas.insert(
            (*key).to_string(),
            json!({"summary": summary, "rows": rows_or_empty(rows, empty_row())}),
        );
    }

    let h = &n.health_and_social_care_details;
    let mut other: Vec<String> = Vec::new();
    other.extend(n.health.iter().cloned());
    other.extend(n.social_care.iter().cloned());
    if h.completed_by_family {
        other.push("This section was completed by my family.".to_string());
    }

    json!({
        "child": {"name": plan.child.name, "setting": setting(plan)},
        "plan": {
            "start_date": opt_date(plan.start_date),
            "review_date": opt_date(plan.review_date),
        },
        "my_views": s(&plan.about_me.my_views),
        "family_views": s(&plan.about_me.family_views),
        "team": {
            "family": rows_or_empty(family, json!({"name": "", "relationship": ""})),
            "contributors": rows_or_empty(contributors, json!({"name": "", "role": ""})),
            "advice": rows_or_empty(advice, json!({"name": "", "role": "", "service": ""})),
        },
        "progress": {"curriculum": curriculum, "attainment": attainment},
        "areas": Value::Object(areas),
        "health_and_social_care": {
            "diagnosis": lines(&h.diagnoses),
            "health_support": lines(&h.health_support),
            "child_protection_or_in_need": lines(&h.child_protection_or_in_need),
            "social_care_support": lines(&h.social_care_support),
            "other": lines(&other),
        },
    })
}
