//! The "plan view": the default data for a council's own template.
//!
//! It is the plan's own JSON (the model's field names, see `supportplan schema`) with display
//! helpers added beside the raw values, so a template author can write `{{start_date_display}}`
//! instead of formatting an ISO date:
//!
//! - every date field `x` (`start_date`, `date_of_birth`, `date`, …) gets `x_display`:
//!   `12/03/2026`;
//! - every `weekly_cost_pence` gets `weekly_cost_display`: `£7.50`;
//! - every step, target and provision item gets `display`: its text (`what` for provision)
//!   as a rich value with the Kirklees history marks, `(R1, 12/03/2026)` in bold after an
//!   addition and struck text followed by ` (ceased at R1, 12/03/2026)`;
//! - every `areas` list gets `areas_display`: the Kirklees labels joined with `/`.
//!
//! Booleans need no helper: the engine renders `true` as ☒ and `false` as ☐.

use serde_json::{Map, Value};
use supportplan_core::{NeedArea, Plan, ReviewStamp};

use crate::error::{Error, Result};
use crate::format::{StampStyle, Stamped, date, money};

fn is_date_key(k: &str) -> bool {
    k == "date" || k.ends_with("_date") || k == "date_of_birth"
}

fn stamp(v: Option<&Value>) -> Option<ReviewStamp> {
    v.and_then(|v| serde_json::from_value(v.clone()).ok())
}

fn enrich(v: &mut Value) {
    match v {
        Value::Array(items) => items.iter_mut().for_each(enrich),
        Value::Object(m) => {
            m.values_mut().for_each(enrich);
            let mut extra = Map::new();
            for (k, val) in m.iter() {
                if is_date_key(k)
                    && let Some(d) = val
                        .as_str()
                        .and_then(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
                {
                    extra.insert(format!("{k}_display"), Value::String(date(d)));
                }
                if k == "weekly_cost_pence"
                    && let Some(p) = val.as_u64()
                {
                    extra.insert(
                        "weekly_cost_display".into(),
                        Value::String(money(supportplan_core::Pence(p))),
                    );
                }
                if k == "areas"
                    && let Some(list) = val.as_array()
                {
                    let labels: Vec<&str> = list
                        .iter()
                        .filter_map(|a| serde_json::from_value::<NeedArea>(a.clone()).ok())
                        .map(crate::view::kirklees::area_label)
                        .collect();
                    extra.insert("areas_display".into(), Value::String(labels.join("/")));
                }
            }
            m.extend(extra);
        }
        _ => {}
    }
}

/// The plan view of `plan` (see the module documentation).
///
/// # Errors
/// [`Error::PlanView`] if the plan cannot be serialised (it can for any plan of the model).
pub fn plan_view(plan: &Plan) -> Result<Value> {
    let mut v = serde_json::to_value(plan).map_err(|_| Error::PlanView)?;
    for o in v
        .get_mut("outcomes")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        for (list, field) in [
            ("steps", "text"),
            ("targets", "text"),
            ("provision", "what"),
        ] {
            for item in o
                .get_mut(list)
                .and_then(Value::as_array_mut)
                .into_iter()
                .flatten()
            {
                let text = item.get(field).and_then(Value::as_str).unwrap_or_default();
                let added = stamp(item.get("added_at"));
                let ceased = stamp(item.get("ceased_at"));
                let display = Stamped::new(text, added.as_ref(), ceased.as_ref())
                    .rich(StampStyle::Kirklees)
                    .to_value();
                if let Some(m) = item.as_object_mut() {
                    m.insert("display".into(), display);
                }
            }
        }
    }
    enrich(&mut v);
    Ok(v)
}
