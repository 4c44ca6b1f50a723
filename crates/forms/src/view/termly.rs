//! The view of the termly Support Plan (`termly-support-plan`).

use chrono::Datelike;
use serde_json::{Value, json};
use supportplan_core::{OtherPlanKind, Outcome, Person, Plan, ProvisionContext, Views};

use super::kirklees::{outcome_text, what_text, who_text};
use super::{review, s, setting};
use crate::format::{Rich, StampStyle, Stamped, date, lines, opt_date, person};

const STYLE: StampStyle = StampStyle::Termly;

/// The academic year a date falls in: `2025/26` for any date from September 2025 to August
/// 2026.
pub(crate) fn academic_year(d: chrono::NaiveDate) -> String {
    let start = if d.month() >= 9 {
        d.year()
    } else {
        d.year() - 1
    };
    format!("{start}/{:02}", (start + 1).rem_euclid(100))
}

fn other_plans(plan: &Plan) -> String {
    let mut out = Vec::new();
    for p in &plan.other_plans {
        let name = match p.kind {
            OtherPlanKind::PersonalEducationPlan
            | OtherPlanKind::ChildProtection
            | OtherPlanKind::ChildInNeed
            | OtherPlanKind::Fcaf
            | OtherPlanKind::CareActAssessment
            | OtherPlanKind::MyPlanOrEhcPlan => continue,
            OtherPlanKind::Other => p.name.clone().unwrap_or_else(|| "Other".to_string()),
            k => k.label().to_string(),
        };
        let details: Vec<String> = p
            .reference
            .iter()
            .cloned()
            .chain(p.date.map(date))
            .collect();
        if details.is_empty() {
            out.push(name);
        } else {
            out.push(format!("{name} ({})", details.join(", ")));
        }
    }
    out.join("; ")
}

fn context_cells(o: &Outcome, ctx: ProvisionContext) -> Value {
    let items: Vec<_> = o.provision.iter().filter(|p| p.context == ctx).collect();
    let what = items
        .iter()
        .map(|p| {
            let w = what_text(p);
            Stamped::new(&w, p.added_at.as_ref(), p.ceased_at.as_ref()).rich(STYLE)
        })
        .collect();
    let who = items
        .iter()
        .map(|p| Stamped::companion(&who_text(p), p.ceased_at.is_some()))
        .collect();
    let how = items
        .iter()
        .map(|p| Stamped::companion(&s(&p.frequency), p.ceased_at.is_some()))
        .collect();
    json!({
        "what": listed(what).to_value(),
        "who": listed(who).to_value(),
        "how_often": listed(how).to_value(),
    })
}

/// The form has one What / Who / How often row for all the provision in a context, so several
/// items share each cell. They are numbered alike in all three columns ("1. ", "2. ") and set
/// apart by a blank line, so a reader pairs them even when one wraps onto more lines, and
/// [`crate::extract`] reads them back even when an entry holds a line break.
pub(crate) fn listed(items: Vec<Rich>) -> Rich {
    if items.len() < 2 {
        return Rich::join(items, "\n");
    }
    let numbered = items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let mut r = Rich::plain(format!("{}. ", i + 1));
            r.extend(item);
            r
        })
        .collect();
    Rich::join(numbered, "\n\n")
}

fn advice(o: &Outcome) -> String {
    let mut people: Vec<&Person> = Vec::new();
    for p in o
        .advice_from
        .iter()
        .chain(o.provision.iter().flat_map(|p| p.advice_from.iter()))
    {
        if !people.iter().any(|q| q.name == p.name) {
            people.push(p);
        }
    }
    people
        .iter()
        .map(|p| person(p))
        .collect::<Vec<_>>()
        .join("; ")
}

fn outcome_box(o: &Outcome) -> Value {
    let steps: Vec<Value> = o
        .steps
        .iter()
        .map(|st| {
            Stamped::new(&st.text, st.added_at.as_ref(), st.ceased_at.as_ref())
                .rich(STYLE)
                .to_value()
        })
        .collect();
    json!({
        "number": o.number.to_string(),
        "text": outcome_text(o),
        "steps": steps,
        "education": context_cells(o, ProvisionContext::InEducation),
        "outside_education": context_cells(o, ProvisionContext::OutsideEducation),
        "advice_from": advice(o),
    })
}

fn empty_box(number: &str) -> Value {
    json!({
        "number": number, "text": "", "steps": [],
        "education": {"what": "", "who": "", "how_often": ""},
        "outside_education": {"what": "", "who": "", "how_often": ""},
        "advice_from": "",
    })
}

fn views(v: &Views) -> Value {
    json!({"working": s(&v.working), "not_working": s(&v.not_working)})
}

fn review_page(plan: &Plan, number: u8, outcome_numbers: &[u32]) -> Value {
    let r = review(plan, number);
    let (child, parent, school, practitioners) = match r {
        Some(r) => {
            let v = &r.views;
            let working: Vec<String> = v
                .practitioners
                .iter()
                .filter_map(|p| {
                    p.working
                        .as_deref()
                        .map(|t| format!("{}: {t}", person(&p.who)))
                })
                .collect();
            let not_working: Vec<String> = v
                .practitioners
                .iter()
                .filter_map(|p| {
                    p.not_working
                        .as_deref()
                        .map(|t| format!("{}: {t}", person(&p.who)))
                })
                .collect();
            (
                views(&v.child),
                views(&v.parent),
                views(&v.school),
                json!({"working": lines(&working), "not_working": lines(&not_working)}),
            )
        }
        None => {
            let e = views(&Views::default());
            (e.clone(), e.clone(), e.clone(), e)
        }
    };
    let progress: Vec<Value> = outcome_numbers
        .iter()
        .map(|&n| {
            let o = r.and_then(|r| r.outcome(n));
            let mut measure = o
                .and_then(|o| o.progress_measure)
                .map(|m| m.to_string())
                .unwrap_or_default();
            if let Some(d) = o
                .and_then(|o| o.disagreement.as_deref())
                .filter(|d| !d.is_empty())
            {
                if !measure.is_empty() {
                    measure.push('\n');
                }
                measure.push_str("Disagreement: ");
                measure.push_str(d);
            }
            json!({
                "outcome_number": n.to_string(),
                "achieved": o.map(|o| s(&o.achieved_this_term)).unwrap_or_default(),
                "barriers": o.map(|o| s(&o.barriers)).unwrap_or_default(),
                "next_steps": o.map(|o| s(&o.next_step)).unwrap_or_default(),
                "measure": measure,
            })
        })
        .collect();
    json!({
        "date": r.map(|r| date(r.date)).unwrap_or_default(),
        "views": {"child": child, "parent": parent, "school": school, "practitioners": practitioners},
        "progress": progress,
    })
}

/// The termly view of a plan.
pub(crate) fn view(plan: &Plan) -> Value {
    let has = |k: OtherPlanKind| plan.other_plans.iter().any(|p| p.kind == k);
    let (first, more) = match plan.outcomes.split_first() {
        Some((first, rest)) => (outcome_box(first), rest.iter().map(outcome_box).collect()),
        // A plan without outcomes yet keeps one empty box to write in.
        None => (empty_box("1"), Vec::new()),
    };
    let mut numbers: Vec<u32> = plan.outcomes.iter().map(|o| o.number).collect();
    if numbers.is_empty() {
        numbers.push(1);
    }
    json!({
        "child": {
            "name": plan.child.name,
            "date_of_birth": opt_date(plan.child.date_of_birth),
            "setting": setting(plan),
        },
        "plan": {"academic_year": plan.start_date.map(academic_year).unwrap_or_default()},
        "plans": {
            "pep": has(OtherPlanKind::PersonalEducationPlan),
            "child_protection": has(OtherPlanKind::ChildProtection),
            "child_in_need": has(OtherPlanKind::ChildInNeed),
            "fcaf": has(OtherPlanKind::Fcaf),
            "care_act_assessment": has(OtherPlanKind::CareActAssessment),
            "ehc_plan": has(OtherPlanKind::MyPlanOrEhcPlan),
            "other": other_plans(plan),
        },
        "first_outcome": first,
        "more_outcomes": Value::Array(more),
        "review_1": review_page(plan, 1, &numbers),
        "review_2": review_page(plan, 2, &numbers),
        "review_3": review_page(plan, 3, &numbers),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn academic_years() {
        let d = |y, m| chrono::NaiveDate::from_ymd_opt(y, m, 1).unwrap_or_default();
        assert_eq!(academic_year(d(2025, 9)), "2025/26");
        assert_eq!(academic_year(d(2026, 2)), "2025/26");
        assert_eq!(academic_year(d(1999, 10)), "1999/00");
    }
}
