//! The termly Support Plan (1–5 progress measure): the filled form back into its view. The
//! parts are found in the order the builder (`templates/builder/src/termly.rs`) lays them out.

use serde_json::{Map, Value, json};

use supportplan_core::{
    OtherPlan, OtherPlanKind, Outcome, OutcomeReview, OutcomeStatus, Plan, PractitionerViews,
    ProvisionContext, Review, ReviewViews, Step, Views,
};

use super::ExtractError;
use super::doc::{Block, Row, Table};
use super::parse::{self, Reader, at};
use super::read::{Cursor, after_label, list_json, rich_json, set, text_json, ticks};
use crate::format::StampStyle;

/// The template id.
pub(crate) const ID: &str = "termly-support-plan";

const OUTCOME_LABEL: &str = "Outcome for this year:";

/// Reads the view of a filled termly form.
///
/// # Errors
///
/// [`ExtractError::NotThisForm`] naming the first part of the form that is not there.
pub(crate) fn read_view(blocks: &[Block]) -> Result<Value, ExtractError> {
    let mut v = Value::Object(Map::new());
    let mut c = Cursor::new(ID, blocks);

    c.heading("SUPPORT PLAN")?;
    let title = c.table("the name block (Name, Date of birth …)", |t| {
        find_row(t, "Academic year").is_some()
    })?;
    for (label, path) in [
        ("Name", "child.name"),
        ("Date of birth", "child.date_of_birth"),
        ("Setting", "child.setting"),
        ("Academic year", "plan.academic_year"),
    ] {
        let row = find_row(title, label)
            .ok_or_else(|| c.missing(format!("the \"{label}\" row of the name block")))?;
        set(&mut v, path, text_json(&row.cell(1).paras()));
    }

    let plans = c.table("the table \"Are the following in place?\"", |t| {
        t.rows
            .first()
            .is_some_and(|r| r.cell(0).is("Are the following in place?"))
    })?;
    for (label, key) in [
        ("PEP", "pep"),
        ("Child Protection Plan", "child_protection"),
        ("Child in Need Plan", "child_in_need"),
        ("FCAF", "fcaf"),
        ("Care Act Assessment", "care_act_assessment"),
        ("MyPlan/EHC Plan", "ehc_plan"),
    ] {
        let tick = plans.rows.iter().find_map(|r| {
            let i = r.cells.iter().position(|cell| cell.is(label))?;
            let cell = r.cells.get(i + 1)?;
            cell.paras().iter().flat_map(|p| ticks(p)).next()
        });
        let tick = tick.ok_or_else(|| c.missing(format!("the tick box \"{label}\"")))?;
        set(&mut v, &format!("plans.{key}"), Value::Bool(tick));
    }
    let other = find_row(plans, "Any other plans in place?")
        .ok_or_else(|| c.missing("the row \"Any other plans in place?\""))?;
    set(&mut v, "plans.other", text_json(&other.cell(1).paras()));

    // Outcome boxes: every table that opens with "Outcome for this year:", up to the first
    // review.
    let mut outcomes = Vec::new();
    while let Some(t) = c.next_table_if(
        |t| {
            t.rows
                .first()
                .is_some_and(|r| r.cell(0).starts(OUTCOME_LABEL))
        },
        |p| p.is("Progress Review Term 1"),
    ) {
        // Boxes 2…N repeat their rows within one table: one box per "Outcome for this year" row.
        let mut boxes: Vec<Table> = Vec::new();
        for row in &t.rows {
            if row.cell(0).starts(OUTCOME_LABEL) || boxes.is_empty() {
                boxes.push(Table::default());
            }
            if let Some(b) = boxes.last_mut() {
                b.rows.push(row.clone());
            }
        }
        for b in &boxes {
            outcomes.push(read_outcome(&c, b)?);
        }
    }
    let mut outcomes = outcomes.into_iter();
    match outcomes.next() {
        Some(first) => set(&mut v, "first_outcome", first),
        None => set(&mut v, "first_outcome", Value::Bool(false)),
    }
    set(&mut v, "more_outcomes", Value::Array(outcomes.collect()));

    for n in 1..=3 {
        let key = format!("review_{n}");
        c.heading(&format!("Progress Review Term {n}"))?;
        let views = c.table(
            &format!("the views table of Progress Review Term {n}"),
            |t| t.rows.first().is_some_and(|r| r.cell(0).starts("Date:")),
        )?;
        let date = views
            .rows
            .first()
            .and_then(|r| {
                r.cell(0)
                    .paras()
                    .first()
                    .and_then(|p| after_label(p, "Date:"))
            })
            .unwrap_or_default();
        set(&mut v, &format!("{key}.date"), rich_json(&date));
        for (label, who) in [
            ("Child View", "child"),
            ("Parent View", "parent"),
            ("School View", "school"),
            ("Practitioners Views (include who)", "practitioners"),
        ] {
            let row = find_row(views, label).ok_or_else(|| {
                c.missing(format!("the row \"{label}\" of Progress Review Term {n}"))
            })?;
            set(
                &mut v,
                &format!("{key}.views.{who}"),
                json!({
                    "working": text_json(&row.cell(1).paras()),
                    "not_working": text_json(&row.cell(2).paras()),
                }),
            );
        }
        let progress = c.table(
            &format!("the progress table of Progress Review Term {n}"),
            |t| t.rows.first().is_some_and(|r| r.cell(0).is("Outcome no.")),
        )?;
        let rows: Vec<Value> = progress
            .rows
            .iter()
            .skip(1)
            .map(|r| {
                let t = |i: usize| text_json(&r.cell(i).paras());
                json!({
                    "outcome_number": t(0),
                    "achieved": t(1),
                    "barriers": t(2),
                    "next_steps": t(3),
                    "measure": t(4),
                })
            })
            .collect();
        set(&mut v, &format!("{key}.progress"), Value::Array(rows));
    }
    Ok(v)
}

/// The row whose first cell reads as `label`.
fn find_row<'a>(table: &'a Table, label: &str) -> Option<&'a Row> {
    table.rows.iter().find(|r| r.cell(0).is(label))
}

/// Reads one outcome box.
fn read_outcome(c: &Cursor<'_>, t: &Table) -> Result<Value, ExtractError> {
    let head = t.rows.first().ok_or_else(|| c.missing("an outcome box"))?;
    let number = head
        .cell(0)
        .paras()
        .first()
        .and_then(|p| after_label(p, OUTCOME_LABEL))
        .unwrap_or_default();
    let row = |label: &str| {
        find_row(t, label)
            .ok_or_else(|| c.missing(format!("the row \"{label}\" of an outcome box")))
    };
    let steps = row("Steps to meet the outcome:")?;
    let edu = row("What is happening in education to achieve this?")?;
    let out = row("What is happening outside of education to achieve this?")?;
    let advice = row("Using advice from:")?;
    let three = |r: &Row| {
        json!({
            "what": text_json(&r.cell(1).paras()),
            "who": text_json(&r.cell(2).paras()),
            "how_often": text_json(&r.cell(3).paras()),
        })
    };
    Ok(json!({
        "number": rich_json(&number),
        "text": text_json(&head.cell(1).paras()),
        "steps": list_json(&steps.cell(1).paras()),
        "education": three(edu),
        "outside_education": three(out),
        "advice_from": text_json(&advice.cell(1).paras()),
    }))
}

/// The tick boxes of "Are the following in place?" and the plans they stand for.
pub(crate) const TICKED: [(&str, OtherPlanKind); 6] = [
    ("pep", OtherPlanKind::PersonalEducationPlan),
    ("child_protection", OtherPlanKind::ChildProtection),
    ("child_in_need", OtherPlanKind::ChildInNeed),
    ("fcaf", OtherPlanKind::Fcaf),
    ("care_act_assessment", OtherPlanKind::CareActAssessment),
    ("ehc_plan", OtherPlanKind::MyPlanOrEhcPlan),
];

/// Kinds that "Any other plans in place?" names by their label.
const NAMED: [OtherPlanKind; 3] = [
    OtherPlanKind::TeamAroundTheFamily,
    OtherPlanKind::LookedAfterChildCarePlan,
    OtherPlanKind::HealthCarePlan,
];

/// "Any other plans in place?" read back: `Name (reference, 12/03/2026); Other name`.
pub(crate) fn other_plans(t: &str) -> Vec<OtherPlan> {
    parse::split_outside_brackets(t, "; ")
        .into_iter()
        .filter(|item| !item.is_empty())
        .map(|item| {
            let (name, details) = match item.strip_suffix(')').and_then(|s| s.rsplit_once(" (")) {
                Some((name, details)) => (name.to_string(), Some(details.to_string())),
                None => (item.clone(), None),
            };
            let (mut reference, mut date) = (details, None);
            if let Some(d) = reference.clone() {
                match d.rsplit_once(", ") {
                    Some((r, dd)) if parse::parse_date(dd).is_some() => {
                        date = parse::parse_date(dd);
                        reference = Some(r.to_string());
                    }
                    _ if parse::parse_date(&d).is_some() => {
                        date = parse::parse_date(&d);
                        reference = None;
                    }
                    _ => {}
                }
            }
            let reference = reference.and_then(parse::opt);
            let kind = NAMED.into_iter().find(|k| k.label() == name);
            match kind {
                Some(kind) => OtherPlan {
                    kind,
                    name: None,
                    reference,
                    date,
                },
                None => OtherPlan {
                    kind: OtherPlanKind::Other,
                    name: if name == "Other" {
                        None
                    } else {
                        parse::opt(name)
                    },
                    reference,
                    date,
                },
            }
        })
        .collect()
}

/// The practitioners' views read back from the two cells (`Person: text` lines; a line
/// without a person continues the one before).
pub(crate) fn practitioners(working: &str, not_working: &str) -> Vec<PractitionerViews> {
    let mut out: Vec<(String, PractitionerViews)> = Vec::new();
    for (text, is_working) in [(working, true), (not_working, false)] {
        let mut current: Option<usize> = None;
        for line in text.split('\n') {
            if let Some((who, t)) = line.split_once(": ") {
                let existing = if is_working {
                    None
                } else {
                    out.iter()
                        .position(|(w, p)| w == who && p.not_working.is_none())
                };
                let i = match existing {
                    Some(i) => i,
                    None => {
                        out.push((
                            who.to_string(),
                            PractitionerViews {
                                who: parse::person(who),
                                ..PractitionerViews::default()
                            },
                        ));
                        out.len() - 1
                    }
                };
                if let Some((_, p)) = out.get_mut(i) {
                    let field = if is_working {
                        &mut p.working
                    } else {
                        &mut p.not_working
                    };
                    *field = Some(t.to_string());
                }
                current = Some(i);
            } else if let Some((_, p)) = current.and_then(|i| out.get_mut(i)) {
                let field = if is_working {
                    &mut p.working
                } else {
                    &mut p.not_working
                };
                if let Some(f) = field {
                    f.push('\n');
                    f.push_str(line);
                }
            }
        }
    }
    out.into_iter().map(|(_, p)| p).collect()
}

/// The measure cell read back: `3`, `3` and a line `Disagreement: …`, or the line alone.
fn measure(
    r: &Reader,
    t: &str,
    location: &str,
) -> Result<(Option<u8>, Option<String>), ExtractError> {
    let (first, disagreement) = match t.split_once('\n') {
        Some((m, d)) => (m, d.strip_prefix("Disagreement: ").map(str::to_string)),
        None => match t.strip_prefix("Disagreement: ") {
            Some(d) => ("", Some(d.to_string())),
            None => (t, None),
        },
    };
    let m = if first.trim().is_empty() {
        None
    } else {
        Some(
            first
                .trim()
                .parse()
                .map_err(|_| r.unreadable(location, "not a progress measure (1–5)"))?,
        )
    };
    Ok((m, disagreement))
}

/// Turns the termly view back into a plan.
///
/// # Errors
///
/// [`ExtractError::Unreadable`] for a date, number or progress measure that cannot be read
/// back.
pub(crate) fn to_plan(v: &Value) -> Result<Plan, ExtractError> {
    let r = Reader {
        template: ID,
        style: StampStyle::Termly,
    };
    let mut plan = Plan::default();
    let child = &v["child"];
    parse::child_and_setting(&mut plan, child);
    plan.child.date_of_birth = r.date(&child["date_of_birth"], "name block, Date of birth")?;
    for (key, kind) in TICKED {
        if parse::tick(&v["plans"], key) {
            plan.other_plans.push(OtherPlan {
                kind,
                name: None,
                reference: None,
                date: None,
            });
        }
    }
    plan.other_plans
        .extend(other_plans(&at(&v["plans"], "other")));

    let boxes = std::iter::once(&v["first_outcome"])
        .filter(|b| b.is_object())
        .chain(v["more_outcomes"].as_array().into_iter().flatten());
    for (i, b) in boxes.enumerate() {
        let loc = format!("outcome box {}", i + 1);
        let Some(number) = r.number(&b["number"], &format!("{loc}, Outcome for this year"))? else {
            continue;
        };
        let (text, closed, replaced_by) = parse::outcome_text(&at(b, "text"));
        let steps = b["steps"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|s| !parse::text(s).is_empty())
            .map(|s| {
                let (text, added_at, ceased_at) = r.stamped(s);
                Step {
                    text,
                    added_at,
                    ceased_at,
                    ..Step::default()
                }
            })
            .collect();
        let mut provision = Vec::new();
        for (key, context) in [
            ("education", ProvisionContext::InEducation),
            ("outside_education", ProvisionContext::OutsideEducation),
        ] {
            let cells = &b[key];
            let (what, who, how) = (at(cells, "what"), at(cells, "who"), at(cells, "how_often"));
            if what.is_empty() && who.is_empty() && how.is_empty() {
                continue;
            }
            let (what, who, how) = (listed(&what), listed(&who), listed(&how));
            let n = what.len().max(who.len()).max(how.len());
            for j in 0..n {
                let line = |l: &Vec<String>| l.get(j).cloned().unwrap_or_default();
                let mut item =
                    parse::provision(&r, &Value::String(line(&what)), &line(&who), &line(&how));
                item.context = context;
                provision.push(item);
            }
        }
        let advice = at(b, "advice_from");
        let outcome = Outcome {
            number,
            text,
            status: if closed {
                OutcomeStatus::ClosedNoLongerAppropriate
            } else {
                OutcomeStatus::Active
            },
            replaced_by,
            steps,
            provision,
            advice_from: parse::split_outside_brackets(&advice, "; ")
                .iter()
                .filter(|p| !p.is_empty())
                .map(|p| parse::person(p))
                .collect(),
            ..Outcome::default()
        };
        let empty = outcome.text.is_empty()
            && outcome.steps.is_empty()
            && outcome.provision.is_empty()
            && outcome.advice_from.is_empty();
        if !empty {
            plan.outcomes.push(outcome);
        }
    }

    for n in 1..=3u8 {
        let rv = &v[format!("review_{n}").as_str()];
        let loc = format!("Progress Review Term {n}");
        let Some(date) = r.date(&rv["date"], &format!("{loc}, Date"))? else {
            continue;
        };
        let mut review = Review::new(n, date);
        let views = &rv["views"];
        let two = |who: &str| Views {
            working: parse::opt(at(&views[who], "working")),
            not_working: parse::opt(at(&views[who], "not_working")),
        };
        review.views = ReviewViews {
            child: two("child"),
            parent: two("parent"),
            school: two("school"),
            practitioners: practitioners(
                &at(&views["practitioners"], "working"),
                &at(&views["practitioners"], "not_working"),
            ),
        };
        for (i, row) in rv["progress"].as_array().into_iter().flatten().enumerate() {
            let rloc = format!("{loc}, progress row {}", i + 1);
            let Some(outcome) =
                r.number(&row["outcome_number"], &format!("{rloc}, Outcome no."))?
            else {
                continue;
            };
            let (progress_measure, disagreement) = measure(
                &r,
                &at(row, "measure"),
                &format!("{rloc}, Progress Measure"),
            )?;
            let o = OutcomeReview {
                outcome,
                achieved_this_term: parse::opt(at(row, "achieved")),
                barriers: parse::opt(at(row, "barriers")),
                next_step: parse::opt(at(row, "next_steps")),
                progress_measure,
                disagreement,
                ..OutcomeReview::default()
            };
            if o != (OutcomeReview {
                outcome,
                ..OutcomeReview::default()
            }) {
                review.outcomes.push(o);
            }
        }
        plan.reviews.push(review);
    }
    Ok(plan)
}

/// The plan cut down to the fields the termly form carries.
pub(crate) fn project(plan: &Plan) -> Plan {
    use super::carried::{
        clean, closed_replacement, outcome_numbers, provision_read_back, steps, txt,
    };
    let mut p = Plan::default();
    p.child.name = clean(&plan.child.name).unwrap_or_default();
    p.child.date_of_birth = plan.child.date_of_birth;
    super::carried::setting_and_year(plan, &mut p);
    for (_, kind) in TICKED {
        if plan.other_plans.iter().any(|o| o.kind == kind) {
            p.other_plans.push(OtherPlan {
                kind,
                name: None,
                reference: None,
                date: None,
            });
        }
    }
    // "Any other plans in place?" as the form writes it, read back.
    let mut others = Vec::new();
    for o in &plan.other_plans {
        if TICKED.iter().any(|(_, k)| *k == o.kind) {
            continue;
        }
        let name = match o.kind {
            OtherPlanKind::Other => o.name.clone().unwrap_or_else(|| "Other".to_string()),
            k => k.label().to_string(),
        };
        let details: Vec<String> = o
            .reference
            .iter()
            .cloned()
            .chain(o.date.map(crate::format::date))
            .collect();
        others.push(if details.is_empty() {
            name
        } else {
            format!("{name} ({})", details.join(", "))
        });
    }
    p.other_plans
        .extend(other_plans(&clean(&others.join("; ")).unwrap_or_default()));

    for o in &plan.outcomes {
        let mut provision = Vec::new();
        for context in [
            ProvisionContext::InEducation,
            ProvisionContext::OutsideEducation,
        ] {
            let items: Vec<_> = o
                .provision
                .iter()
                .filter(|i| i.context == context)
                .collect();
            let blank = items.iter().all(|i| {
                crate::view::kirklees::what_text(i).trim().is_empty()
                    && crate::view::kirklees::who_text(i).trim().is_empty()
                    && i.frequency.as_deref().unwrap_or_default().trim().is_empty()
            }) && items
                .iter()
                .all(|i| i.added_at.is_none() && i.ceased_at.is_none());
            if blank {
                continue;
            }
            for i in items {
                let mut item = provision_read_back(i, &crate::view::kirklees::who_text(i));
                item.context = context;
                provision.push(item);
            }
        }
        let mut advice: Vec<&supportplan_core::Person> = Vec::new();
        for a in o
            .advice_from
            .iter()
            .chain(o.provision.iter().flat_map(|i| i.advice_from.iter()))
        {
            if !advice.iter().any(|q| q.name == a.name) {
                advice.push(a);
            }
        }
        let advice_line: Vec<String> = advice.iter().map(|a| crate::format::person(a)).collect();
        let out = Outcome {
            number: o.number,
            text: clean(&o.text).unwrap_or_default(),
            status: o.status,
            replaced_by: closed_replacement(o),
            steps: steps(o),
            provision,
            advice_from: parse::split_outside_brackets(
                &clean(&advice_line.join("; ")).unwrap_or_default(),
                "; ",
            )
            .iter()
            .filter(|a| !a.is_empty())
            .map(|a| parse::person(a))
            .collect(),
            ..Outcome::default()
        };
        let empty = out.text.is_empty()
            && out.steps.is_empty()
            && out.provision.is_empty()
            && out.advice_from.is_empty();
        if !empty {
            p.outcomes.push(out);
        }
    }

    let numbers = outcome_numbers(plan);
    for n in 1..=3u8 {
        let Some(r) = plan.reviews.iter().find(|r| r.number == n) else {
            continue;
        };
        let mut review = Review::new(n, r.date);
        let two = |v: &Views| Views {
            working: txt(&v.working),
            not_working: txt(&v.not_working),
        };
        let lines = |f: fn(&PractitionerViews) -> &Option<String>| {
            let l: Vec<String> = r
                .views
                .practitioners
                .iter()
                .filter_map(|p| {
                    f(p).as_deref()
                        .map(|t| format!("{}: {t}", crate::format::person(&p.who)))
                })
                .collect();
            clean(&l.join("\n")).unwrap_or_default()
        };
        review.views = ReviewViews {
            child: two(&r.views.child),
            parent: two(&r.views.parent),
            school: two(&r.views.school),
            practitioners: practitioners(&lines(|p| &p.working), &lines(|p| &p.not_working)),
        };
        for &num in &numbers {
            if let Some(o) = r.outcome(num) {
                let out = OutcomeReview {
                    outcome: num,
                    achieved_this_term: txt(&o.achieved_this_term),
                    barriers: txt(&o.barriers),
                    next_step: txt(&o.next_step),
                    progress_measure: o.progress_measure,
                    disagreement: txt(&o.disagreement),
                    ..OutcomeReview::default()
                };
                if out
                    != (OutcomeReview {
                        outcome: num,
                        ..OutcomeReview::default()
                    })
                {
                    review.outcomes.push(out);
                }
            }
        }
        p.reviews.push(review);
    }
    p
}

/// The items of a cell written by the view's `listed`: one item as it is; several numbered
/// "1. ", "2. " … and separated by a blank line. A block that does not start with the next
/// number belongs to the item before it (an entry that itself held a blank line).
fn listed(cell: &str) -> Vec<String> {
    let blocks: Vec<&str> = cell.split("\n\n").collect();
    if !cell.starts_with("1. ") || blocks.len() < 2 {
        return vec![cell.to_string()];
    }
    let mut items: Vec<String> = Vec::new();
    for block in blocks {
        let next = format!("{}. ", items.len() + 1);
        match (block.strip_prefix(&next), items.last_mut()) {
            (Some(rest), _) => items.push(rest.trim().to_string()),
            (None, Some(last)) => {
                last.push_str("\n\n");
                last.push_str(block);
            }
            (None, None) => items.push(block.to_string()),
        }
    }
    items
}
