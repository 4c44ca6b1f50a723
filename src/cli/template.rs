//! `supportplan template check`: list a template's tags and report its errors without data.

use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::Value;
use supportplan::render::{TagInfo, TagKind};

use super::fill::render_error;
use super::io::{print_stdout, read_input};
use super::{CliError, CmdResult};

/// Arguments of `supportplan template`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(subcommand)]
    command: Sub,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// List the tags of a template and report every template error, without data.
    Check(CheckArgs),
}

/// Arguments of `supportplan template check`.
#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// The tagged .docx template (`-` for standard input).
    template: PathBuf,
    /// Also report tags that no field of a JSON Schema matches: `plan` (the default when the
    /// option is given without a value), `review`, or a JSON Schema file.
    #[arg(long, num_args = 0..=1, default_missing_value = "plan", value_name = "SCHEMA")]
    schema: Option<String>,
}

/// Runs `supportplan template …`.
pub(crate) fn run(args: Args) -> CmdResult {
    match args.command {
        Sub::Check(a) => check(a),
    }
}

fn check(args: CheckArgs) -> CmdResult {
    let bytes = read_input(&args.template)?;
    let name = args.template.display().to_string();
    let tags = supportplan::render::check(&bytes).map_err(|e| render_error(&name, e))?;
    let mut listing = String::new();
    for tag in &tags {
        listing.push_str(&format!("{}\t{}\n", kind_name(&tag.kind), tag.location));
    }
    let Some(schema) = args.schema else {
        listing.push_str(&format!("{name}: {} tag(s), no errors\n", tags.len()));
        print_stdout(&listing)?;
        return Ok(ExitCode::SUCCESS);
    };
    print_stdout(&listing)?;
    let schema = load_schema(&schema)?;
    let unmatched = unmatched_tags(&tags, &schema);
    for tag in &unmatched {
        eprintln!("warning: no field matches {}", tag.location);
    }
    if unmatched.is_empty() {
        print_stdout(&format!(
            "{name}: {} tag(s), no errors, every tag matches the schema\n",
            tags.len()
        ))?;
        Ok(ExitCode::SUCCESS)
    } else {
        Err(CliError::Invalid(format!(
            "{name}: {} tag(s) match no field of the schema",
            unmatched.len()
        )))
    }
}

fn kind_name(kind: &TagKind) -> &'static str {
    match kind {
        TagKind::Variable => "variable",
        TagKind::Section => "section",
        TagKind::Inverted => "inverted",
        TagKind::Close => "close",
        TagKind::Comment => "comment",
        TagKind::SetDelimiters => "delimiters",
        #[allow(unreachable_patterns)]
        _ => "other",
    }
}

fn load_schema(which: &str) -> Result<Value, CliError> {
    match which {
        "plan" => Ok(supportplan::core::plan_schema()),
        "review" => Ok(supportplan::core::review_schema()),
        path => {
            let p = PathBuf::from(path);
            super::fill::read_json(&p, &read_input(&p)?)
        }
    }
}

/// Tags (variables and section openers) whose name resolves to no property of the schema,
/// following the Mustache context stack: a name is looked up in the innermost section's item
/// schema first, then outwards.
fn unmatched_tags<'a>(tags: &'a [TagInfo], schema: &Value) -> Vec<&'a TagInfo> {
    let mut stack: Vec<Vec<Value>> = vec![vec![schema.clone()]];
    let mut out = Vec::new();
    for tag in tags {
        match tag.kind {
            TagKind::Variable | TagKind::Section | TagKind::Inverted => {
                let found = resolve(schema, &stack, &tag.name);
                if found.is_empty() {
                    out.push(tag);
                }
                if matches!(tag.kind, TagKind::Section) {
                    // Inside a section over a list, names resolve against the items.
                    let mut inner = Vec::new();
                    for s in &found {
                        inner.extend(items_of(schema, s));
                    }
                    stack.push(inner);
                } else if matches!(tag.kind, TagKind::Inverted) {
                    stack.push(Vec::new());
                }
            }
            TagKind::Close if stack.len() > 1 => {
                stack.pop();
            }
            _ => {}
        }
    }
    out
}

/// The schemas a dotted name may resolve to, innermost context first.
fn resolve(root: &Value, stack: &[Vec<Value>], name: &str) -> Vec<Value> {
    if name == "." {
        return stack.last().cloned().unwrap_or_default();
    }
    let mut parts = name.split('.');
    let first = parts.next().unwrap_or_default();
    for frame in stack.iter().rev() {
        let mut current: Vec<Value> = frame
            .iter()
            .flat_map(|s| property(root, s, first))
            .collect();
        if current.is_empty() {
            continue;
        }
        for part in parts.clone() {
            current = current
                .iter()
                .flat_map(|s| property(root, s, part))
                .collect();
        }
        return current;
    }
    Vec::new()
}

/// Follows `$ref`, `allOf`/`anyOf`/`oneOf` and nullable wrappers to the concrete schemas.
fn expand(root: &Value, schema: &Value, depth: usize) -> Vec<Value> {
    if depth > 32 {
        return Vec::new();
    }
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let target = r
            .strip_prefix("#/")
            .map(|p| p.split('/').try_fold(root, |v, k| v.get(k)));
        return match target.flatten() {
            Some(t) => expand(root, t, depth + 1),
            None => Vec::new(),
        };
    }
    let mut out = vec![schema.clone()];
    for key in ["allOf", "anyOf", "oneOf"] {
        for s in schema
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            out.extend(expand(root, s, depth + 1));
        }
    }
    out
}

fn property(root: &Value, schema: &Value, name: &str) -> Vec<Value> {
    let mut out = Vec::new();
    for s in expand(root, schema, 0) {
        // Names inside a list section may also address the list's items.
        let candidates: Vec<Value> = std::iter::once(s.clone())
            .chain(items_of(root, &s))
            .collect();
        for c in candidates {
            for c in expand(root, &c, 0) {
                if let Some(p) = c.get("properties").and_then(|p| p.get(name)) {
                    out.push(p.clone());
                }
            }
        }
    }
    out
}

fn items_of(root: &Value, schema: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    for s in expand(root, schema, 0) {
        match s.get("items") {
            Some(items) => out.extend(expand(root, items, 0)),
            None => out.push(s),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn kinds_are_distinct() {
        let names: std::collections::BTreeSet<_> = [
            super::TagKind::Variable,
            super::TagKind::Section,
            super::TagKind::Inverted,
            super::TagKind::Close,
        ]
        .iter()
        .map(super::kind_name)
        .collect();
        assert_eq!(names.len(), 4);
    }
}
