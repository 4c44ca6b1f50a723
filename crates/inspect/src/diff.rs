//! Differences between two dumps, by section.

use std::fmt;

use similar::TextDiff;

/// Lines of context around each change.
const CONTEXT: usize = 3;

/// The difference between two documents' dumps, grouped by dump section (`properties`, `body`,
/// `header default, section 1`, `footnotes`, `comments`, …).
///
/// It displays as one unified diff per section that differs, labelled `--- a/<section>` and
/// `+++ b/<section>`, with three lines of context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocDiff {
    sections: Vec<SectionDiff>,
}

/// The difference within one dump section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionDiff {
    name: String,
    unified: String,
}

impl SectionDiff {
    /// The section's name, e.g. `body` or `footer default, section 1`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The unified diff of the section, with its `---`/`+++` labels.
    pub fn unified(&self) -> &str {
        &self.unified
    }
}

impl DocDiff {
    /// The sections that differ, in dump order (sections only in the second document last).
    pub fn sections(&self) -> &[SectionDiff] {
        &self.sections
    }

    /// Whether a section of this name differs.
    pub fn touches(&self, section: &str) -> bool {
        self.sections.iter().any(|s| s.name == section)
    }
}

impl fmt::Display for DocDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for s in &self.sections {
            f.write_str(&s.unified)?;
        }
        Ok(())
    }
}

/// Splits a dump into its `== name` sections, in order.
pub(crate) fn split(dump: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in dump.split_inclusive('\n') {
        if let Some(name) = line.strip_prefix("== ") {
            out.push((name.trim_end_matches('\n').to_string(), String::new()));
        } else if let Some((_, body)) = out.last_mut() {
            body.push_str(line);
        } else {
            out.push((String::new(), line.to_string()));
        }
    }
    out
}

/// Compares two dumps; `None` when they are equal.
pub(crate) fn diff_dumps(a: &str, b: &str) -> Option<DocDiff> {
    if a == b {
        return None;
    }
    let sa = split(a);
    let sb = split(b);
    let mut names: Vec<&str> = sa.iter().map(|(n, _)| n.as_str()).collect();
    for (n, _) in &sb {
        if !names.contains(&n.as_str()) {
            names.push(n);
        }
    }
    let get = |v: &[(String, String)], name: &str| -> String {
        v.iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b.clone())
            .unwrap_or_default()
    };
    let mut sections = Vec::new();
    for name in names {
        let (x, y) = (get(&sa, name), get(&sb, name));
        if x == y {
            continue;
        }
        let label_a = format!("a/{name}");
        let label_b = format!("b/{name}");
        let diff = TextDiff::from_lines(&x, &y);
        let unified = diff
            .unified_diff()
            .context_radius(CONTEXT)
            .header(&label_a, &label_b)
            .to_string();
        sections.push(SectionDiff {
            name: name.to_string(),
            unified,
        });
    }
    if sections.is_empty() {
        // Same sections with the same content but a different order (cannot happen for dumps
        // made by this crate); report the whole dump.
        let unified = TextDiff::from_lines(a, b)
            .unified_diff()
            .context_radius(CONTEXT)
            .header("a", "b")
            .to_string();
        sections.push(SectionDiff {
            name: String::new(),
            unified,
        });
    }
    Some(DocDiff { sections })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_section() {
        let a = "== body\n[Normal] a\n[Normal] b\n== comments\ncomment 1\n";
        let b = "== body\n[Normal] a\n[Normal] c\n== comments\ncomment 1\n";
        let d = diff_dumps(a, b).unwrap();
        assert_eq!(d.sections().len(), 1);
        assert!(d.touches("body"));
        let text = d.to_string();
        assert!(text.starts_with("--- a/body\n+++ b/body\n"), "{text}");
        assert!(text.contains("-[Normal] b\n+[Normal] c\n"), "{text}");
        assert!(diff_dumps(a, a).is_none());
    }

    #[test]
    fn added_section() {
        let a = "== body\n[Normal] a\n";
        let b = "== body\n[Normal] a\n== comments\ncomment 1 by X\n";
        let d = diff_dumps(a, b).unwrap();
        assert!(d.touches("comments"));
        assert!(d.to_string().contains("+comment 1 by X"));
    }
}
