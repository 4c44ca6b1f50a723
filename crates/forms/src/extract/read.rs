//! Finding a form's parts in the document tree and reading their values as view JSON.

use serde_json::{Map, Value};

use super::ExtractError;
use super::doc::{Block, Para, Rich, Table, join_paras};

/// A cursor over the top-level blocks of a form, moving forward only: the forms' parts come
/// in a fixed order, so each part is looked for after the previous one.
pub(crate) struct Cursor<'a> {
    template: &'static str,
    blocks: &'a [Block],
    pos: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of the body.
    pub(crate) fn new(template: &'static str, blocks: &'a [Block]) -> Cursor<'a> {
        Cursor {
            template,
            blocks,
            pos: 0,
        }
    }

    /// The error for a part that is not where the form has it.
    pub(crate) fn missing(&self, what: impl Into<String>) -> ExtractError {
        ExtractError::NotThisForm {
            template: self.template.to_string(),
            missing: what.into(),
        }
    }

    /// Moves past the next top-level paragraph for which `pred` holds, and returns it.
    ///
    /// # Errors
    ///
    /// [`ExtractError::NotThisForm`] naming `what` when there is none.
    pub(crate) fn para(
        &mut self,
        what: &str,
        pred: impl Fn(&Para) -> bool,
    ) -> Result<&'a Para, ExtractError> {
        let blocks = self.blocks;
        for (i, b) in blocks.iter().enumerate().skip(self.pos) {
            if let Block::Para(p) = b {
                if pred(p) {
                    self.pos = i + 1;
                    return Ok(p);
                }
            }
        }
        Err(self.missing(what))
    }

    /// Moves past the next top-level paragraph that reads as `label` (a heading).
    ///
    /// # Errors
    ///
    /// [`ExtractError::NotThisForm`] when there is none.
    pub(crate) fn heading(&mut self, label: &str) -> Result<&'a Para, ExtractError> {
        self.para(&format!("the heading \"{label}\""), |p| p.is(label))
    }

    /// Moves past the next top-level table for which `pred` holds, and returns it.
    ///
    /// # Errors
    ///
    /// [`ExtractError::NotThisForm`] naming `what` when there is none.
    pub(crate) fn table(
        &mut self,
        what: &str,
        pred: impl Fn(&Table) -> bool,
    ) -> Result<&'a Table, ExtractError> {
        let blocks = self.blocks;
        for (i, b) in blocks.iter().enumerate().skip(self.pos) {
            if let Block::Table(t) = b {
                if pred(t) {
                    self.pos = i + 1;
                    return Ok(t);
                }
            }
        }
        Err(self.missing(what))
    }

    /// Moves past the next top-level table.
    ///
    /// # Errors
    ///
    /// [`ExtractError::NotThisForm`] naming `what` when there is none.
    pub(crate) fn next_table(&mut self, what: &str) -> Result<&'a Table, ExtractError> {
        self.table(what, |_| true)
    }

    /// The next top-level table if `pred` holds for it and no paragraph for which `stop`
    /// holds comes first; the cursor moves past it.
    pub(crate) fn next_table_if(
        &mut self,
        pred: impl Fn(&Table) -> bool,
        stop: impl Fn(&Para) -> bool,
    ) -> Option<&'a Table> {
        let blocks = self.blocks;
        for (i, b) in blocks.iter().enumerate().skip(self.pos) {
            match b {
                Block::Para(p) if stop(p) => return None,
                Block::Para(_) => {}
                Block::Table(t) if pred(t) => {
                    self.pos = i + 1;
                    return Some(t);
                }
                Block::Table(_) => return None,
            }
        }
        None
    }

    /// The top-level paragraphs from the cursor up to (not including) the next paragraph for
    /// which `stop` holds or the next table; the cursor moves past them.
    pub(crate) fn paras_until(&mut self, stop: impl Fn(&Para) -> bool) -> Vec<&'a Para> {
        let blocks = self.blocks;
        let mut out = Vec::new();
        while let Some(b) = blocks.get(self.pos) {
            match b {
                Block::Para(p) if !stop(p) => out.push(p),
                _ => break,
            }
            self.pos += 1;
        }
        out
    }
}

/// Every paragraph of a table, in reading order (row by row, cell by cell).
pub(crate) fn table_paras(table: &Table) -> Vec<&Para> {
    let mut out = Vec::new();
    for row in &table.rows {
        for cell in &row.cells {
            out.extend(cell.paras());
        }
    }
    out
}

/// Splits paragraphs at label paragraphs: for each of `labels`, the paragraphs after it up
/// to the next label (of any in the list). `None` for a label that is not there.
pub(crate) fn segments<'a>(paras: &[&'a Para], labels: &[&str]) -> Vec<Option<Vec<&'a Para>>> {
    let mut out: Vec<Option<Vec<&'a Para>>> = vec![None; labels.len()];
    let mut current: Option<usize> = None;
    for p in paras {
        if let Some(i) = labels.iter().position(|l| p.is(l)) {
            if out.get(i).is_some_and(Option::is_none) {
                out[i] = Some(Vec::new());
                current = Some(i);
                continue;
            }
        }
        if let Some(Some(seg)) = current.and_then(|i| out.get_mut(i)) {
            seg.push(p);
        }
    }
    out
}

/// A rich value as view JSON: a plain string unless it is struck or mixes bold with plain
/// text, else the list of runs (`{"text", "strike", "bold"}`) the view contract uses. Bold or
/// italic over the whole value comes from the form's styles and is not part of the value.
pub(crate) fn rich_json(rich: &Rich) -> Value {
    let mixed_bold = rich.0.iter().any(|r| r.bold) && rich.0.iter().any(|r| !r.bold);
    let any_strike = rich.0.iter().any(|r| r.strike);
    if !mixed_bold && !any_strike {
        return Value::String(rich.plain());
    }
    let mut runs: Vec<(String, bool, bool)> = Vec::new();
    for r in &rich.0 {
        let bold = mixed_bold && r.bold;
        match runs.last_mut() {
            Some(last) if last.1 == r.strike && last.2 == bold => last.0.push_str(&r.text),
            _ => runs.push((r.text.clone(), r.strike, bold)),
        }
    }
    Value::Array(
        runs.into_iter()
            .map(|(text, strike, bold)| {
                let mut m = Map::new();
                m.insert("text".into(), Value::String(text));
                if strike {
                    m.insert("strike".into(), Value::Bool(true));
                }
                if bold {
                    m.insert("bold".into(), Value::Bool(true));
                }
                Value::Object(m)
            })
            .collect(),
    )
}

/// A text field read from paragraphs.
pub(crate) fn text_json(paras: &[&Para]) -> Value {
    rich_json(&join_paras(paras))
}

/// A list field (one entry per non-empty paragraph) read from paragraphs, each entry as a
/// rich value.
pub(crate) fn list_json(paras: &[&Para]) -> Value {
    Value::Array(
        paras
            .iter()
            .map(|p| p.rich.value())
            .filter(|r| !r.0.is_empty())
            .map(|r| rich_json(&r))
            .collect(),
    )
}

/// The value after `label` in a paragraph ("Signed by parent/carer ……"), or `None` when the
/// label is not in it.
pub(crate) fn after_label(para: &Para, label: &str) -> Option<Rich> {
    let text = para.text();
    let byte = text.find(label)?;
    let start = text[..byte].chars().count() + label.chars().count();
    Some(para.rich.slice_from(start).value())
}

/// The tick boxes (☒ ticked, ☐ not) in a paragraph, in order.
pub(crate) fn ticks(para: &Para) -> Vec<bool> {
    para.text()
        .chars()
        .filter_map(|c| match c {
            '☒' | '☑' => Some(true),
            '☐' => Some(false),
            _ => None,
        })
        .collect()
}

/// Sets `path` (dot-separated keys) in a JSON object, creating objects on the way.
pub(crate) fn set(root: &mut Value, path: &str, value: Value) {
    let mut cur = root;
    let mut keys = path.split('.').peekable();
    while let Some(key) = keys.next() {
        if !cur.is_object() {
            *cur = Value::Object(Map::new());
        }
        let Value::Object(map) = cur else {
            return;
        };
        if keys.peek().is_none() {
            map.insert(key.to_string(), value);
            return;
        }
        cur = map
            .entry(key.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
    }
}
