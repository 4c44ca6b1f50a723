//! Views: a plan turned into JSON shaped for one form (`templates/FORMS.md` has each form's
//! contract), and the views of the blank paper forms.

pub(crate) mod coventry;
pub(crate) mod kirklees;
pub(crate) mod plan;
pub(crate) mod termly;

use serde_json::Value;
use supportplan_core::{Plan, Review};

use crate::error::{Error, Result};
use crate::registry::{COVENTRY, KIRKLEES, TERMLY, builtin};

/// The view of `plan` for the built-in template `template_id`: exactly the keys and shapes of
/// `templates/views/<id>.sample.json`.
///
/// # Errors
/// [`Error::UnknownTemplate`] when no built-in template has this id.
///
/// # Examples
/// ```
/// use supportplan_core::Plan;
/// let plan = Plan::from_json(r#"{"child": {"name": "Ada Finch"}, "start_date": "2026-01-12"}"#)?;
/// let v = supportplan_forms::view(&plan, "kirklees-msp-v2f")?;
/// assert_eq!(v["child"]["name"], "Ada Finch");
/// assert_eq!(v["plan"]["start_date"], "12/01/2026");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn view(plan: &Plan, template_id: &str) -> Result<Value> {
    match template_id {
        KIRKLEES => Ok(kirklees::view(plan)),
        TERMLY => Ok(termly::view(plan)),
        COVENTRY => Ok(coventry::view(plan)),
        other => Err(Error::UnknownTemplate(other.to_string())),
    }
}

/// The view of the blank paper form of `template_id` (`templates/views/<id>.blank.json`):
/// empty strings, unticked boxes and the form's fixed number of boxes.
///
/// # Errors
/// [`Error::UnknownTemplate`] when no built-in template has this id.
pub fn blank_view(template_id: &str) -> Result<Value> {
    let t = builtin(template_id).ok_or_else(|| Error::UnknownTemplate(template_id.to_string()))?;
    serde_json::from_str(t.blank_json).map_err(|_| Error::BuiltinView(t.id))
}

/// The first review of the plan with this number.
pub(crate) fn review(plan: &Plan, number: u8) -> Option<&Review> {
    plan.reviews.iter().find(|r| r.number == number)
}

/// An optional string, or empty.
pub(crate) fn s(o: &Option<String>) -> String {
    o.clone().unwrap_or_default()
}

/// The setting with the year group: `Meadowbank Primary (Year 4)`.
pub(crate) fn setting(plan: &Plan) -> String {
    let name = plan
        .setting
        .as_ref()
        .map(|s| s.name.clone())
        .unwrap_or_default();
    match (name.is_empty(), plan.child.year_group) {
        (false, Some(y)) => format!("{name} ({})", y.label()),
        (true, Some(y)) => y.label(),
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::registry::builtin_templates;

    const RICH_KEYS: [&str; 5] = ["text", "strike", "bold", "italic", "underline"];

    /// Whether a value is a leaf for the engine: a scalar, a list of scalars, or a rich value
    /// (list of runs).
    fn is_run(v: &Value) -> bool {
        match v {
            Value::Object(m) => m.keys().all(|k| RICH_KEYS.contains(&k.as_str())),
            Value::Array(runs) => runs
                .iter()
                .all(|r| matches!(r, Value::Object(_)) && is_run(r)),
            _ => true,
        }
    }

    fn is_leaf(v: &Value) -> bool {
        match v {
            Value::Array(items) => items.iter().all(is_run),
            Value::Object(_) => false,
            _ => true,
        }
    }

    fn paths(v: &Value, prefix: &str, out: &mut BTreeSet<String>) {
        if is_leaf(v) {
            out.insert(prefix.to_string());
            return;
        }
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    paths(x, &format!("{prefix}/{k}"), out);
                }
            }
            Value::Array(items) => {
                for x in items {
                    paths(x, &format!("{prefix}[]"), out);
                }
            }
            _ => {}
        }
    }

    fn load(rel: &str) -> Value {
        let path = format!("{}/../../{rel}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        serde_json::from_str(&text).unwrap_or(Value::Null)
    }

    #[test]
    fn views_of_every_fixture_cover_every_tag_of_the_sample() {
        for t in builtin_templates() {
            let mut want = BTreeSet::new();
            paths(
                &load(&format!("templates/views/{}.sample.json", t.id)),
                "",
                &mut want,
            );
            assert!(want.len() > 10, "{}", t.id);
            for f in ["primary-full", "year10-pfa", "minimal-draft"] {
                let text = std::fs::read_to_string(format!(
                    "{}/../../fixtures/plans/{f}.json",
                    env!("CARGO_MANIFEST_DIR")
                ))
                .unwrap_or_default();
                let plan = Plan::from_json(&text);
                assert!(plan.is_ok(), "{f}");
                let Ok(plan) = plan else { continue };
                let v = view(&plan, t.id);
                assert!(v.is_ok());
                let mut got = BTreeSet::new();
                paths(&v.unwrap_or_default(), "", &mut got);
                // A draft without outcomes has no outcome lists to show: only the full
                // fixtures must reach every tag.
                let missing: Vec<_> = want.difference(&got).collect();
                assert!(
                    missing.is_empty() || f == "minimal-draft",
                    "{} × {f}: missing {missing:?}",
                    t.id
                );
                // An empty list reads as a leaf; it is in the contract when its items are.
                let extra: Vec<_> = got
                    .difference(&want)
                    .filter(|p| !want.iter().any(|w| w.starts_with(&format!("{p}["))))
                    .collect();
                assert!(
                    extra.is_empty(),
                    "{} × {f}: keys not in the contract {extra:?}",
                    t.id
                );
            }
        }
    }

    #[test]
    fn blank_views_have_the_shape_of_the_sample() {
        for t in builtin_templates() {
            let mut want = BTreeSet::new();
            paths(
                &load(&format!("templates/views/{}.sample.json", t.id)),
                "",
                &mut want,
            );
            let mut got = BTreeSet::new();
            paths(&blank_view(t.id).unwrap_or_default(), "", &mut got);
            assert_eq!(want, got, "{}", t.id);
        }
        assert!(matches!(blank_view("x"), Err(Error::UnknownTemplate(_))));
    }
}
