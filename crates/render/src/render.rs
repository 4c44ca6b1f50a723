//! Rendering a compiled part: a walk over the [`Op`] tree with a Mustache context stack.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::error::Error;
use crate::program::{IdKind, Name, Op, Span};
use crate::value::emit_value;

/// Appends the decimal digits of `v`.
fn push_u64(out: &mut Vec<u8>, mut v: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

/// One step of a JSON path.
#[derive(Debug, Clone, Copy)]
enum Seg<'v> {
    Key(&'v str),
    Index(usize),
}

struct Container {
    last_is_paragraph: bool,
}

/// The start tag and properties of the output paragraph opened last by an [`Op::ParaOpen`],
/// while it has no content yet.
struct PendingPara {
    /// The template paragraph they come from.
    para: u32,
    /// Their byte range in the output (`end` is set at [`Op::ParaOpenEnd`]).
    start: usize,
    end: Option<usize>,
}

struct Table {
    rows: usize,
    start: usize,
    containers_len: usize,
    saved_last: Option<bool>,
}

/// State shared by all parts of one render (ids must be unique across the document); `'t`
/// borrows from the compiled template.
pub(crate) struct Shared<'t> {
    /// New list instances: (new numId, original numId).
    pub(crate) new_nums: Vec<(u64, u64)>,
    num_map: HashMap<(u64, u64), u64>,
    next_num: u64,
    serial: u64,
    seen: HashSet<(IdKind, &'t str)>,
    seen_num: HashSet<(IdKind, u64)>,
    next_docpr: u64,
    next_revision: u64,
    steps: u64,
    max_steps: u64,
}

impl Shared<'_> {
    /// State for one render: new ids start above `max_docpr` (drawings), `max_revision`
    /// (tracked changes) and `max_num` (list instances).
    pub(crate) fn new(max_docpr: u64, max_revision: u64, max_num: u64, max_steps: u64) -> Self {
        Shared {
            new_nums: Vec::new(),
            num_map: HashMap::new(),
            next_num: max_num + 1,
            serial: 0,
            seen: HashSet::new(),
            seen_num: HashSet::new(),
            next_docpr: max_docpr + 1,
            next_revision: max_revision.saturating_add(1),
            steps: 0,
            max_steps,
        }
    }
}

/// Renders one part.
pub(crate) struct Renderer<'v, 's> {
    out: Vec<u8>,
    /// The compiled part's text, which [`Op::Lit`] spans point into.
    text: &'v str,
    frames: Vec<(&'v Value, usize)>,
    path: Vec<Seg<'v>>,
    containers: Vec<Container>,
    tables: Vec<Table>,
    /// Innermost repeated-row iterations: (serial, index).
    row_iters: Vec<(u64, usize)>,
    shared: &'s mut Shared<'v>,
    max_out: usize,
    /// See [`PendingPara`].
    pending: Option<PendingPara>,
    /// The ops between each [`Op::ParaOpen`] and its [`Op::ParaOpenEnd`], by paragraph.
    para_opens: HashMap<u32, &'v [Op]>,
    /// The part's top-level ops (the first slice run), searched for a paragraph's start tag
    /// that has not been met yet.
    root: Option<&'v [Op]>,
}

impl<'v, 's> Renderer<'v, 's> {
    pub(crate) fn new(
        data: &'v Value,
        text: &'v str,
        shared: &'s mut Shared<'v>,
        max_out: u64,
        hint: usize,
    ) -> Self {
        Renderer {
            out: Vec::with_capacity(hint),
            text,
            frames: vec![(data, 0)],
            path: Vec::new(),
            containers: Vec::new(),
            tables: Vec::new(),
            row_iters: Vec::new(),
            shared,
            max_out: usize::try_from(max_out).unwrap_or(usize::MAX),
            pending: None,
            para_opens: HashMap::new(),
            root: None,
        }
    }

    pub(crate) fn finish(self) -> Vec<u8> {
        self.out
    }

    /// The JSON pointer of a value: the first `frame_path_len` steps of the current path, then
    /// the segments of `name` (which are the keys the value was found under).
    fn path_string(&self, frame_path_len: usize, name: &'v Name) -> String {
        let mut s = String::new();
        let keys = name_keys(name);
        for seg in self.path[..frame_path_len.min(self.path.len())]
            .iter()
            .copied()
            .chain(keys)
        {
            match seg {
                Seg::Key(k) => {
                    s.push('/');
                    s.push_str(&k.replace('~', "~0").replace('/', "~1"));
                }
                Seg::Index(i) => {
                    s.push('/');
                    s.push_str(&i.to_string());
                }
            }
        }
        s
    }

    /// Looks `name` up the context stack: the frame whose object holds the first segment wins.
    /// Returns the value and the frame's path length.
    fn lookup(&self, name: &Name) -> (Option<&'v Value>, usize) {
        match name {
            Name::Dot => {
                let (v, pl) = self.frames.last().copied().unwrap_or((&Value::Null, 0));
                (Some(v), pl)
            }
            Name::Path(dotted) => {
                let mut segs = dotted.split('.');
                let Some(first) = segs.next() else {
                    return (None, 0);
                };
                for &(frame, pl) in self.frames.iter().rev() {
                    let Some(mut cur) = frame.as_object().and_then(|o| o.get(first)) else {
                        continue;
                    };
                    for s in segs {
                        match cur.as_object().and_then(|o| o.get(s)) {
                            Some(v) => cur = v,
                            None => return (None, pl),
                        }
                    }
                    return (Some(cur), pl);
                }
                (None, 0)
            }
        }
    }

    /// Appends a span of the part's text.
    fn lit(&mut self, s: Span) {
        self.out
            .extend_from_slice(span_text(self.text, s).as_bytes());
    }

    fn step(&mut self) -> Result<(), Error> {
        self.shared.steps += 1;
        if self.shared.steps > self.shared.max_steps || self.out.len() > self.max_out {
            return Err(Error::Limit(
                "the rendered document would exceed max_output_bytes (in bytes, or in render \
                 steps for repeats nested inside repeats)"
                    .to_string(),
            ));
        }
        Ok(())
    }

    pub(crate) fn run(&mut self, ops: &'v [Op]) -> Result<(), Error> {
        if self.root.is_none() {
            self.root = Some(ops);
        }
        for (i, op) in ops.iter().enumerate() {
            match op {
                Op::Lit(s) => {
                    self.lit(*s);
                    if self.out.len() > self.max_out {
                        self.step()?;
                    }
                }
                Op::Var { name, rpr } => {
                    let (v, pl) = self.lookup(name);
                    if let Some(v) = v {
                        let mut out = std::mem::take(&mut self.out);
                        let r = {
                            let me = &*self;
                            let path = || me.path_string(pl, name);
                            let rpr = span_text(me.text, *rpr);
                            emit_value(&mut out, v, rpr, &path)
                        };
                        self.out = out;
                        r?;
                    }
                }
                Op::Section {
                    name,
                    inverted,
                    rows,
                    body,
                } => self.section(name, *inverted, *rows, body)?,
                Op::NumId { id, prefix, suffix } => {
                    let id = match self.row_iters.last() {
                        Some(&(serial, index)) if index > 0 => {
                            let shared = &mut *self.shared;
                            *shared.num_map.entry((serial, *id)).or_insert_with(|| {
                                let n = shared.next_num;
                                shared.next_num += 1;
                                shared.new_nums.push((n, *id));
                                n
                            })
                        }
                        _ => *id,
                    };
                    self.lit(*prefix);
                    push_u64(&mut self.out, id);
                    self.lit(*suffix);
                }
                Op::Once {
                    kind,
                    id,
                    first,
                    later,
                } => {
                    let id = span_text(self.text, *id);
                    if self.shared.seen.insert((*kind, id)) {
                        self.lit(*first);
                    } else {
                        self.lit(*later);
                    }
                }
                Op::FreshId {
                    kind,
                    id,
                    prefix,
                    suffix,
                } => {
                    let id = if self.shared.seen_num.insert((*kind, *id)) {
                        *id
                    } else {
                        let next = match kind {
                            IdKind::Revision => &mut self.shared.next_revision,
                            _ => &mut self.shared.next_docpr,
                        };
                        let n = *next;
                        *next += 1;
                        n
                    };
                    self.lit(*prefix);
                    push_u64(&mut self.out, id);
                    self.lit(*suffix);
                }
                Op::ContainerOpen => self.containers.push(Container {
                    last_is_paragraph: false,
                }),
                Op::ContainerClose { fallback } => {
                    if let Some(c) = self.containers.pop()
                        && !c.last_is_paragraph
                    {
                        self.lit(*fallback);
                    }
                }
                Op::ParagraphEnd => {
                    if let Some(c) = self.containers.last_mut() {
                        c.last_is_paragraph = true;
                    }
                }
                Op::BlockEnd => {
                    if let Some(c) = self.containers.last_mut() {
                        c.last_is_paragraph = false;
                    }
                }
                Op::ParaOpen { para } => {
                    if !self.para_opens.contains_key(para)
                        && let Some(rest) = ops.get(i + 1..)
                        && let Some(open) = para_open_ops(rest)
                    {
                        self.para_opens.insert(*para, open);
                    }
                    self.pending = Some(PendingPara {
                        para: *para,
                        start: self.out.len(),
                        end: None,
                    });
                }
                Op::ParaOpenEnd => {
                    if let Some(p) = &mut self.pending
                        && p.end.is_none()
                    {
                        p.end = Some(self.out.len());
                    }
                }
                Op::ParaContent { para } => self.para_content(*para)?,
                Op::TableOpen => self.tables.push(Table {
                    rows: 0,
                    start: self.out.len(),
                    containers_len: self.containers.len(),
                    saved_last: self.containers.last().map(|c| c.last_is_paragraph),
                }),
                Op::RowOpen => {
                    if let Some(t) = self.tables.last_mut() {
                        t.rows += 1;
                    }
                }
                Op::TableClose { in_container } => {
                    if let Some(t) = self.tables.pop() {
                        if t.rows == 0 {
                            // Word refuses a table without rows: remove the whole table.
                            self.out.truncate(t.start);
                            if self.pending.as_ref().is_some_and(|p| p.start >= t.start) {
                                self.pending = None;
                            }
                            self.containers.truncate(t.containers_len);
                            if let (Some(c), Some(last)) =
                                (self.containers.last_mut(), t.saved_last)
                            {
                                c.last_is_paragraph = last;
                            }
                        } else if *in_container && let Some(c) = self.containers.last_mut() {
                            c.last_is_paragraph = false;
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Content of template paragraph `para` follows (or it ends): if the output paragraph
    /// opened last has no content yet and was opened by another paragraph, its start tag and
    /// properties are replaced by `para`'s, rendered now.
    fn para_content(&mut self, para: u32) -> Result<(), Error> {
        let Some(p) = self.pending.take() else {
            return Ok(());
        };
        let Some(end) = p.end else { return Ok(()) };
        if p.para == para || p.start > end || end > self.out.len() {
            return Ok(());
        }
        if !self.para_opens.contains_key(&para)
            && let Some(root) = self.root
        {
            index_para_opens(root, &mut self.para_opens);
        }
        let Some(open) = self.para_opens.get(&para).copied() else {
            return Ok(());
        };
        // Markup written after the properties (bookmarks, proofing marks) stays.
        let tail = self.out.split_off(end);
        self.out.truncate(p.start);
        self.run(open)?;
        self.out.extend_from_slice(&tail);
        Ok(())
    }

    fn section(
        &mut self,
        name: &'v Name,
        inverted: bool,
        rows: bool,
        body: &'v [Op],
    ) -> Result<(), Error> {
        self.step()?;
        let (v, pl) = self.lookup(name);
        let truthy = match v {
            None | Some(Value::Null) | Some(Value::Bool(false)) => false,
            Some(Value::Array(a)) => !a.is_empty(),
            Some(Value::String(s)) => !s.is_empty(),
            Some(_) => true,
        };
        if inverted {
            if !truthy {
                self.run(body)?;
            }
            return Ok(());
        }
        let Some(v) = v else { return Ok(()) };
        if !truthy {
            return Ok(());
        }
        // The path of the section value: its frame's path + the looked-up keys.
        let cut = pl.min(self.path.len());
        let saved = self.path.split_off(cut);
        self.path.extend(name_keys(name));
        let value_path_len = self.path.len();
        let result = (|| -> Result<(), Error> {
            match v {
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        self.step()?;
                        self.path.truncate(value_path_len);
                        self.path.push(Seg::Index(i));
                        self.frames.push((item, self.path.len()));
                        if rows {
                            self.shared.serial += 1;
                            self.row_iters.push((self.shared.serial, i));
                        }
                        let r = self.run(body);
                        if rows {
                            self.row_iters.pop();
                        }
                        self.frames.pop();
                        r?;
                    }
                    Ok(())
                }
                other => {
                    self.frames.push((other, value_path_len));
                    let r = self.run(body);
                    self.frames.pop();
                    r
                }
            }
        })();
        self.path.truncate(cut);
        self.path.extend(saved);
        result?;
        Ok(())
    }
}

/// The text of a span of a compiled part's text.
fn span_text(text: &str, s: Span) -> &str {
    text.get(s.start as usize..s.end as usize)
        .unwrap_or_default()
}

/// The keys a name looks up, as path steps (none for `.`).
fn name_keys(name: &Name) -> impl Iterator<Item = Seg<'_>> {
    let dotted = match name {
        Name::Dot => None,
        Name::Path(dotted) => Some(dotted.split('.').map(Seg::Key)),
    };
    dotted.into_iter().flatten()
}

/// The ops of a paragraph's start tag and properties: `ops` up to the first
/// [`Op::ParaOpenEnd`] (none if there is none).
fn para_open_ops(ops: &[Op]) -> Option<&[Op]> {
    let end = ops.iter().position(|o| matches!(o, Op::ParaOpenEnd))?;
    ops.get(..end)
}

/// Records the start tag and properties of every [`Op::ParaOpen`] in `ops` and its sections.
fn index_para_opens<'v>(ops: &'v [Op], map: &mut HashMap<u32, &'v [Op]>) {
    for (i, op) in ops.iter().enumerate() {
        match op {
            Op::ParaOpen { para } => {
                if let Some(rest) = ops.get(i + 1..)
                    && let Some(open) = para_open_ops(rest)
                {
                    map.entry(*para).or_insert(open);
                }
            }
            Op::Section { body, .. } => index_para_opens(body, map),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn pushes_numbers() {
        for v in [0, 7, 10, 123_456, u64::MAX] {
            let mut out = Vec::new();
            super::push_u64(&mut out, v);
            assert_eq!(out, v.to_string().as_bytes());
        }
    }
}
