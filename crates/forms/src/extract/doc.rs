//! The body of a .docx as a small tree, read from the normalised dump of
//! [`supportplan_inspect::dump`]: paragraphs (with their formatted runs) and tables (rows of
//! cells holding blocks). The dump already hides run splits, revision ids, proofing marks and
//! the other noise Word and LibreOffice add when they save, so nothing here depends on how the
//! document was written.
//!
//! Headings and labels are matched on their text, never on their style: LibreOffice renames
//! styles ("heading 1" becomes "Heading 1") and turns "page break before" into a page-break
//! character, which this reader drops.

/// One run of text with the formatting the extractor cares about.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Run {
    /// The text, unescaped (line breaks as `\n`, tabs as `\t`).
    pub(crate) text: String,
    /// Bold.
    pub(crate) bold: bool,
    /// Italic (the forms' guidance and prompts are italic).
    pub(crate) italic: bool,
    /// Struck through.
    pub(crate) strike: bool,
}

impl Run {
    fn same_format(&self, other: &Run) -> bool {
        self.bold == other.bold && self.italic == other.italic && self.strike == other.strike
    }
}

/// Formatted text: runs with adjacent runs of the same formatting merged.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Rich(pub(crate) Vec<Run>);

impl Rich {
    /// Appends text with a formatting, merging with the last run when it has the same one.
    pub(crate) fn push(&mut self, run: Run) {
        if run.text.is_empty() {
            return;
        }
        match self.0.last_mut() {
            Some(last) if last.same_format(&run) => last.text.push_str(&run.text),
            _ => self.0.push(run),
        }
    }

    /// Appends every run of another rich text.
    pub(crate) fn extend(&mut self, other: Rich) {
        for r in other.0 {
            self.push(r);
        }
    }

    /// The plain text.
    pub(crate) fn plain(&self) -> String {
        self.0.iter().map(|r| r.text.as_str()).collect()
    }

    /// Whether there is no visible text.
    pub(crate) fn is_blank(&self) -> bool {
        self.0.iter().all(|r| r.text.trim().is_empty())
    }

    /// Whether the text is only guidance: every visible character is italic. The forms show
    /// their prompts ("………", "By the end of key stage……") in italic while a field is empty.
    pub(crate) fn is_prompt(&self) -> bool {
        !self.is_blank() && self.0.iter().all(|r| r.italic || r.text.trim().is_empty())
    }

    /// The runs from character `start` on.
    pub(crate) fn slice_from(&self, start: usize) -> Rich {
        let mut out = Rich::default();
        let mut pos = 0;
        for r in &self.0 {
            let n = r.text.chars().count();
            if pos + n > start {
                let skip = start.saturating_sub(pos);
                out.push(Run {
                    text: r.text.chars().skip(skip).collect(),
                    ..r.clone()
                });
            }
            pos += n;
        }
        out
    }

    /// The text with spaces and tabs removed at both ends (inside the first and last runs).
    /// Line breaks are kept: they separate the lines of a value, and an empty first or last
    /// line is part of it.
    pub(crate) fn trimmed(&self) -> Rich {
        const WS: [char; 3] = [' ', '\t', '\u{a0}'];
        let mut runs: Vec<Run> = self
            .0
            .iter()
            .filter(|r| !r.text.is_empty())
            .cloned()
            .collect();
        while runs
            .first()
            .is_some_and(|r| r.text.trim_start_matches(WS).is_empty())
        {
            runs.remove(0);
        }
        while runs
            .last()
            .is_some_and(|r| r.text.trim_end_matches(WS).is_empty())
        {
            runs.pop();
        }
        if let Some(first) = runs.first_mut() {
            first.text = first.text.trim_start_matches(WS).to_string();
        }
        if let Some(last) = runs.last_mut() {
            last.text = last.text.trim_end_matches(WS).to_string();
        }
        Rich(runs)
    }

    /// A field's value: empty when the text is blank or only the form's italic prompt,
    /// else the trimmed text.
    pub(crate) fn value(&self) -> Rich {
        if self.is_blank() || self.is_prompt() {
            Rich::default()
        } else {
            self.trimmed()
        }
    }
}

/// A paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Para {
    /// Whether it is a list (bulleted or numbered) paragraph.
    pub(crate) list: bool,
    /// Its text.
    pub(crate) rich: Rich,
}

impl Para {
    /// The plain text.
    pub(crate) fn text(&self) -> String {
        self.rich.plain()
    }

    /// Whether the paragraph reads as `label` (white space, curly quotes and a final colon
    /// aside).
    pub(crate) fn is(&self, label: &str) -> bool {
        norm(&self.text()) == norm(label)
    }

    /// Whether the paragraph starts with `label` (normalised as in [`Para::is`]).
    pub(crate) fn starts(&self, label: &str) -> bool {
        norm(&self.text()).starts_with(&norm(label))
    }
}

/// A table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Table {
    /// Its rows.
    pub(crate) rows: Vec<Row>,
}

/// A table row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Row {
    /// Its cells, in order (cells a vertical merge covers are kept, empty).
    pub(crate) cells: Vec<Cell>,
}

impl Row {
    /// Cell `i` (from 0), or an empty cell when the row has fewer.
    pub(crate) fn cell(&self, i: usize) -> &Cell {
        static EMPTY: Cell = Cell { blocks: Vec::new() };
        self.cells.get(i).unwrap_or(&EMPTY)
    }
}

/// A table cell.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Cell {
    /// Its content.
    pub(crate) blocks: Vec<Block>,
}

impl Cell {
    /// The paragraphs directly in the cell (nested tables left out).
    pub(crate) fn paras(&self) -> Vec<&Para> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Para(p) => Some(p),
                Block::Table(_) => None,
            })
            .collect()
    }

    /// The cell's text: its paragraphs joined with line breaks.
    pub(crate) fn text(&self) -> String {
        self.paras()
            .iter()
            .map(|p| p.text())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Whether the cell reads as `label` (see [`Para::is`]).
    pub(crate) fn is(&self, label: &str) -> bool {
        norm(&self.text()) == norm(label)
    }

    /// Whether the cell's text starts with `label`.
    pub(crate) fn starts(&self, label: &str) -> bool {
        norm(&self.text()).starts_with(&norm(label))
    }
}

/// A block: a paragraph or a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    /// A paragraph.
    Para(Para),
    /// A table.
    Table(Table),
}

/// Normalises a label for comparison: white space collapsed, curly quotes straightened, a
/// final colon dropped, case folded.
pub(crate) fn norm(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            '\u{a0}' => ' ',
            c => c,
        })
        .collect();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    s.trim_end_matches(':').trim_end().to_lowercase()
}

/// Joins paragraphs into one value: blank paragraphs at both ends dropped, the rest joined
/// with line breaks. The forms write a multi-line value as one paragraph with line breaks;
/// a reader who pressed Enter instead gets the same value back.
pub(crate) fn join_paras(paras: &[&Para]) -> Rich {
    let values: Vec<Rich> = paras.iter().map(|p| p.rich.value()).collect();
    let first = values.iter().position(|r| !r.0.is_empty());
    let last = values.iter().rposition(|r| !r.0.is_empty());
    let mut out = Rich::default();
    if let (Some(first), Some(last)) = (first, last) {
        for (i, v) in values.into_iter().enumerate().take(last + 1).skip(first) {
            if i > first {
                out.push(Run {
                    text: "\n".to_string(),
                    ..Run::default()
                });
            }
            out.extend(v);
        }
    }
    out
}

/// Reads the body of a dump into blocks.
pub(crate) fn parse_body(dump: &str) -> Vec<Block> {
    let mut lines: Vec<&str> = Vec::new();
    let mut in_body = false;
    for line in dump.lines() {
        if let Some(section) = line.strip_prefix("== ") {
            in_body = section == "body";
            continue;
        }
        if in_body {
            lines.push(line);
        }
    }
    let mut i = 0;
    parse_blocks(&lines, &mut i, 0)
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn parse_blocks(lines: &[&str], i: &mut usize, indent: usize) -> Vec<Block> {
    let mut out = Vec::new();
    while let Some(line) = lines.get(*i) {
        let ind = indent_of(line);
        if ind < indent {
            break;
        }
        if ind > indent {
            // Not expected at this level: skip it rather than loop.
            *i += 1;
            continue;
        }
        let content = &line[ind..];
        if content.starts_with("table ") || content == "table" {
            *i += 1;
            out.push(Block::Table(parse_table(lines, i, indent + 2)));
        } else if content.starts_with('[') {
            *i += 1;
            out.push(Block::Para(parse_para(content)));
        } else {
            // Section breaks (`§ …`) and anything unknown.
            *i += 1;
        }
    }
    out
}

fn parse_table(lines: &[&str], i: &mut usize, indent: usize) -> Table {
    let mut table = Table::default();
    while let Some(line) = lines.get(*i) {
        if indent_of(line) != indent || !line[indent..].starts_with("row") {
            break;
        }
        *i += 1;
        let mut row = Row::default();
        while let Some(line) = lines.get(*i) {
            let cell_indent = indent + 2;
            if indent_of(line) != cell_indent || !line[cell_indent..].starts_with("cell") {
                break;
            }
            *i += 1;
            let content = &line[cell_indent..];
            let rest = content.split_once(':').map_or("", |(_, r)| r).trim_start();
            let blocks = if rest.is_empty() {
                parse_blocks(lines, i, cell_indent + 2)
            } else if rest == "(merged)" {
                Vec::new()
            } else {
                vec![Block::Para(parse_para(rest))]
            };
            row.cells.push(Cell { blocks });
        }
        table.rows.push(row);
    }
    table
}

/// Reads one paragraph line: `[style] (list, level N) text`.
fn parse_para(content: &str) -> Para {
    let rest = match content.strip_prefix('[') {
        Some(r) => r.split_once(']').map_or("", |(_, t)| t),
        None => content,
    };
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    let (list, text) = strip_list_marker(rest);
    Para {
        list,
        rich: parse_inline(text),
    }
}

/// Strips a `(bullet, level 1) ` or `(decimal "%1.", level 2) ` marker.
fn strip_list_marker(s: &str) -> (bool, &str) {
    if !s.starts_with('(') {
        return (false, s);
    }
    let Some(pos) = s.find(", level ") else {
        return (false, s);
    };
    let after = &s[pos + ", level ".len()..];
    let digits = after.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return (false, s);
    }
    let after = &after[digits..];
    match after.strip_prefix(')') {
        Some(t) => (true, t.strip_prefix(' ').unwrap_or(t)),
        None => (false, s),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Hidden,
    Bold,
    Italic,
    Underline,
    Strike,
    Super,
    Sub,
}

/// Reads the inline marks of a dumped paragraph into runs.
pub(crate) fn parse_inline(s: &str) -> Rich {
    let chars: Vec<char> = s.chars().collect();
    let mut stack: Vec<Mark> = Vec::new();
    let mut out = Rich::default();
    let mut buf = String::new();
    let flush = |buf: &mut String, stack: &[Mark], out: &mut Rich| {
        if !buf.is_empty() {
            if !stack.contains(&Mark::Hidden) {
                out.push(Run {
                    text: std::mem::take(buf),
                    bold: stack.contains(&Mark::Bold),
                    italic: stack.contains(&Mark::Italic),
                    strike: stack.contains(&Mark::Strike),
                });
            }
            buf.clear();
        }
    };
    let rest_starts = |i: usize, pat: &str| -> bool {
        pat.chars()
            .enumerate()
            .all(|(k, p)| chars.get(i + k) == Some(&p))
    };
    const TAGS: [(&str, Mark, bool); 8] = [
        ("<u>", Mark::Underline, true),
        ("</u>", Mark::Underline, false),
        ("<sup>", Mark::Super, true),
        ("</sup>", Mark::Super, false),
        ("<sub>", Mark::Sub, true),
        ("</sub>", Mark::Sub, false),
        ("<hidden>", Mark::Hidden, true),
        ("</hidden>", Mark::Hidden, false),
    ];
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        match c {
            '\\' => {
                if rest_starts(i + 1, "u{") {
                    // `\u{1f}`: a control character.
                    let hex: String = chars[i + 3..].iter().take_while(|c| **c != '}').collect();
                    if let Some(ch) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                        buf.push(ch);
                    }
                    i += 3 + hex.chars().count() + 1;
                } else {
                    if let Some(&n) = chars.get(i + 1) {
                        buf.push(n);
                    }
                    i += 2;
                }
            }
            '⏎' => {
                buf.push('\n');
                i += 1;
            }
            '→' => {
                buf.push('\t');
                i += 1;
            }
            '⟦' => {
                // An object (page break, footnote reference, image …): not a value.
                let end = chars[i..].iter().position(|c| *c == '⟧');
                i = end.map_or(chars.len(), |e| i + e + 1);
            }
            '*' => {
                flush(&mut buf, &stack, &mut out);
                let double = chars.get(i + 1) == Some(&'*');
                match stack.last() {
                    Some(Mark::Italic) => {
                        stack.pop();
                        i += 1;
                    }
                    Some(Mark::Bold) if double => {
                        stack.pop();
                        i += 2;
                    }
                    _ if double && !stack.contains(&Mark::Bold) => {
                        stack.push(Mark::Bold);
                        i += 2;
                    }
                    _ => {
                        stack.push(Mark::Italic);
                        i += 1;
                    }
                }
            }
            '~' if chars.get(i + 1) == Some(&'~') => {
                flush(&mut buf, &stack, &mut out);
                if stack.last() == Some(&Mark::Strike) {
                    stack.pop();
                } else {
                    stack.push(Mark::Strike);
                }
                i += 2;
            }
            '<' => {
                let tag = TAGS.iter().find(|(t, _, _)| rest_starts(i, t));
                match tag {
                    Some((t, mark, open)) => {
                        flush(&mut buf, &stack, &mut out);
                        if *open {
                            stack.push(*mark);
                        } else if let Some(pos) = stack.iter().rposition(|m| m == mark) {
                            stack.remove(pos);
                        }
                        i += t.chars().count();
                    }
                    None => {
                        buf.push('<');
                        i += 1;
                    }
                }
            }
            c => {
                buf.push(c);
                i += 1;
            }
        }
    }
    flush(&mut buf, &stack, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(s: &str) -> Vec<(String, bool, bool, bool)> {
        parse_inline(s)
            .0
            .into_iter()
            .map(|r| (r.text, r.bold, r.italic, r.strike))
            .collect()
    }

    #[test]
    fn reads_marks_and_escapes() {
        assert_eq!(
            runs("a **b *c* d** ~~e~~ \\*f\\\\ g⏎h⟦page break⟧"),
            [
                ("a ".to_string(), false, false, false),
                ("b ".to_string(), true, false, false),
                ("c".to_string(), true, true, false),
                (" d".to_string(), true, false, false),
                (" ".to_string(), false, false, false),
                ("e".to_string(), false, false, true),
                (" *f\\ g\nh".to_string(), false, false, false),
            ]
        );
        assert_eq!(
            runs("***x***y"),
            [
                ("x".to_string(), true, true, false),
                ("y".to_string(), false, false, false)
            ]
        );
        assert_eq!(
            runs("<u>a</u>\\<b"),
            [("a<b".to_string(), false, false, false)]
        );
    }

    #[test]
    fn reads_tables_and_lists() {
        let dump = "== body\n[Title] **T**\ntable 1\n  row 1 (header)\n    cell 1 (2 cols): [Normal] **Name**\n    cell 2:\n      [Normal] (bullet, level 1) one\n      [Normal]\n  row 2\n    cell 1: (merged)\n[heading 1] ⟦page break before⟧ **H**\n§ section 1: portrait\n== footer\n[Normal] x\n";
        let blocks = parse_body(dump);
        assert_eq!(blocks.len(), 3);
        let Some(Block::Table(t)) = blocks.get(1) else {
            panic!("no table");
        };
        assert_eq!(t.rows.len(), 2);
        assert!(t.rows[0].cell(0).is("name"));
        let paras = t.rows[0].cell(1).paras();
        assert!(paras[0].list);
        assert_eq!(paras[0].text(), "one");
        let Some(Block::Para(h)) = blocks.get(2) else {
            panic!("no heading");
        };
        assert!(h.is("H"));
    }

    #[test]
    fn values_drop_prompts() {
        assert!(parse_inline("*………*").value().0.is_empty());
        assert_eq!(parse_inline(" x ").value().plain(), "x");
    }
}
