//! Flattening a part into [`Op`]s: runs split around tags, tag text removed, marks placed at
//! their scopes, ids made unique in repeated content, then the marks matched into a tree (with a
//! check that each section starts and ends at the same level of the document).

use super::{Compiler, Item, Role, is_change, is_container, is_revision};
use crate::program::{IdKind, Name, Op, Span};
use crate::xml::{Kind, NodeId, escape_str};

impl<'a> Compiler<'_, 'a> {
    // ---- 5. flattening

    fn compute_work(&mut self) {
        let n = self.dom.nodes.len();
        self.work = vec![false; n];
        let mut direct = vec![false; n];
        for k in self
            .before
            .keys()
            .chain(self.after.keys())
            .chain(self.content_start.keys())
            .chain(self.content_end.keys())
            .chain(self.deleted.iter())
        {
            direct[*k] = true;
        }
        // Only these nodes have entries in the mark maps or the deleted set.
        self.marked = direct.clone();
        // Paragraphs cut by section marks (variables do not cut).
        self.cut_paras = (0..self.paras.len())
            .map(|p| {
                let node = self.paras[p].node;
                self.inline.get(p).is_some_and(|v| {
                    v.iter()
                        .any(|&(_, m)| !matches!(self.marks[m].role, Role::Var { .. }))
                }) || self.content_start.contains_key(&node)
                    || self.content_end.contains_key(&node)
            })
            .collect();
        for p in 0..self.paras.len() {
            if self.has_text_work(p) {
                direct[self.paras[p].node] = true;
            }
        }
        // Runs that must be split (their containers, e.g. w:ins or w:hyperlink, then too).
        let mut runs: Vec<(NodeId, usize)> = Vec::new();
        for &(p, t) in &self.seg_nodes {
            let (p, t) = (p as usize, t as usize);
            if let Some(r) = self.dom.nodes[t].parent
                && self.dom.is(r, "w:r")
            {
                runs.push((r, p));
            }
        }
        for (r, p) in runs {
            if self.has_text_work(p) && self.run_affected(r, p) {
                direct[r] = true;
            }
        }
        // Children always have larger ids than their parents: propagate upwards.
        for id in (0..n).rev() {
            if direct[id] {
                self.work[id] = true;
            }
            if self.work[id]
                && let Some(p) = self.dom.nodes[id].parent
            {
                self.work[p] = true;
            }
        }
    }

    pub(super) fn flatten_all(&mut self) {
        self.compute_work();
        let top = self.dom.top.clone();
        for id in top {
            self.flat(id, None);
        }
    }

    /// Emits static markup: a slice of the part's source is referred to where it lies, other
    /// text is appended to the generated text; adjacent spans merge into one.
    fn lit(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        let src = self.dom.src;
        let base = src.as_ptr() as usize;
        let at = s.as_ptr() as usize;
        let start = if at >= base && at + s.len() <= base + src.len() {
            at - base
        } else {
            let start = src.len() + self.generated.len();
            self.generated.push_str(s);
            start
        };
        self.push_span(start, start + s.len());
    }

    /// Emits bytes `start..end` of the part's text (source, then generated) as static markup.
    fn push_span(&mut self, start: usize, end: usize) {
        let (Ok(start), Ok(end)) = (u32::try_from(start), u32::try_from(end)) else {
            self.too_large = true;
            return;
        };
        if let Some(Item::Lit(last)) = self.items.last_mut()
            && last.end == start
        {
            last.end = end;
        } else {
            self.items.push(Item::Lit(Span { start, end }));
        }
    }

    /// The span of `s`, a slice of the part's source (an empty span if it is not one).
    fn src_span(&self, s: &str) -> Span {
        let src = self.dom.src;
        let base = src.as_ptr() as usize;
        let at = s.as_ptr() as usize;
        if at >= base && at + s.len() <= base + src.len() {
            let start = u32::try_from(at - base).unwrap_or(0);
            let end = u32::try_from(at - base + s.len()).unwrap_or(0);
            if start <= end {
                return Span { start, end };
            }
        }
        Span { start: 0, end: 0 }
    }

    /// `s` appended to the generated text, as a span of the part's text.
    fn generated_span(&mut self, s: &str) -> Span {
        let start = self.dom.src.len() + self.generated.len();
        self.generated.push_str(s);
        self.span_at(start, start + s.len())
    }

    /// Bytes `start..end` of the part's text as a span (flagging a part too large for one).
    fn span_at(&mut self, start: usize, end: usize) -> Span {
        match (u32::try_from(start), u32::try_from(end)) {
            (Ok(start), Ok(end)) => Span { start, end },
            _ => {
                self.too_large = true;
                Span { start: 0, end: 0 }
            }
        }
    }

    /// The text of a span emitted by [`Compiler::lit`].
    pub(super) fn span_text(&self, s: Span) -> &str {
        let (start, end) = (s.start as usize, s.end as usize);
        let src = self.dom.src;
        if end <= src.len() {
            src.get(start..end).unwrap_or("")
        } else {
            self.generated
                .get(start.saturating_sub(src.len())..end - src.len())
                .unwrap_or("")
        }
    }

    /// Content follows: announces the paragraph it comes from if a section mark came before it
    /// in a cut paragraph (see [`Op::ParaContent`]).
    fn content_point(&mut self) {
        if let Some(p) = self.resume.take() {
            self.items.push(Item::Op(Op::ParaContent {
                para: u32::try_from(p).unwrap_or(u32::MAX),
            }));
        }
    }

    fn emit_marks(&mut self, marks: Option<Vec<usize>>) {
        for m in marks.into_iter().flatten() {
            if let Role::Var { .. } = self.marks[m].role {
                self.content_point();
            } else if let Some(p) = self.in_para {
                self.resume = Some(p);
            }
            match self.marks[m].role {
                Role::Open { rows, .. } => {
                    self.depth += 1;
                    self.open_rows.push(rows);
                }
                Role::SkipOpen => {
                    self.depth += 1;
                    self.open_rows.push(false);
                }
                Role::Close | Role::SkipClose => {
                    self.depth -= 1;
                    self.open_rows.pop();
                }
                Role::Var { .. } => {}
            }
            self.items.push(Item::Mark(m));
        }
    }

    /// Whether the last block inside a block-level wrapper (`w:sdt`, `w:customXml`) is a
    /// paragraph.
    fn ends_with_paragraph(&self, id: NodeId) -> bool {
        let dom = self.dom;
        let mut cur = id;
        loop {
            let Some(&last) = dom.children(cur).iter().rev().find(|&&c| {
                dom.nodes[c].kind == Kind::Element
                    && !dom.is(c, "w:sdtPr")
                    && !dom.is(c, "w:sdtEndPr")
            }) else {
                return false;
            };
            match dom.name(last) {
                "w:p" => return true,
                "w:sdt" | "w:sdtContent" | "w:customXml" => cur = last,
                _ => return false,
            }
        }
    }

    /// The block container that a paragraph or table at `id` belongs to, if it is tracked.
    fn block_parent_tracked(&self, id: NodeId) -> bool {
        let mut cur = self.dom.nodes[id].parent;
        while let Some(p) = cur {
            let n = self.dom.name(p);
            if is_container(n) {
                return self.tracked[p];
            }
            if n == "w:body" || !matches!(n, "w:sdt" | "w:sdtContent" | "w:customXml") {
                return false;
            }
            cur = self.dom.nodes[p].parent;
        }
        false
    }

    /// `para`: the paragraph whose runs are being split (its index), if it has tags.
    fn flat(&mut self, id: NodeId, para: Option<usize>) {
        let dom = self.dom;
        let node = &dom.nodes[id];
        if node.kind != Kind::Element {
            let raw = dom.raw(id);
            self.lit(raw);
            return;
        }
        let marked = self.marked.get(id).copied().unwrap_or(false);
        if marked {
            let before = self.before.remove(&id);
            self.emit_marks(before);
        }
        let name = dom.name(id);
        if marked && self.deleted.contains(&id) {
            let cs = self.content_start.remove(&id);
            self.emit_marks(cs);
            let ce = self.content_end.remove(&id);
            self.emit_marks(ce);
            self.emit_after(id);
            return;
        }
        let in_section = self.depth > 0;
        let is_container = is_container(name);
        let structural =
            matches!(name, "w:p" | "w:tbl") && self.any_tracked && self.block_parent_tracked(id);
        if name == "w:r"
            && let Some(p) = para
            && self.run_affected(id, p)
        {
            self.split_run(id, p);
            self.emit_after(id);
            return;
        }
        if matches!(name, "w:r" | "m:oMath" | "m:oMathPara") {
            self.content_point();
        }
        if !self.work[id] && !in_section {
            if name == "w:tr" {
                self.items.push(Item::Op(Op::RowOpen));
            }
            self.lit(dom.raw(id));
            if structural && name == "w:p" {
                self.items.push(Item::Op(Op::ParagraphEnd));
            } else if structural && name == "w:tbl" {
                self.items.push(Item::Op(Op::BlockEnd));
            } else if matches!(name, "w:sdt" | "w:customXml")
                && self.any_tracked
                && self.block_parent_tracked(id)
            {
                // A block content control: what matters is its last block.
                let op = if self.ends_with_paragraph(id) {
                    Op::ParagraphEnd
                } else {
                    Op::BlockEnd
                };
                self.items.push(Item::Op(op));
            }
            self.emit_after(id);
            return;
        }
        // Paragraph context for run splitting.
        let mut para = para;
        if name == "w:p" {
            para = self.para_of(id).filter(|&p| self.has_text_work(p));
        }
        if is_container {
            self.tracked[id] = true;
            self.any_tracked = true;
            self.items.push(Item::Op(Op::ContainerOpen));
        }
        let table_in_container = name == "w:tbl" && structural;
        if name == "w:tbl" {
            self.items.push(Item::Op(Op::TableOpen));
        }
        if name == "w:tr" {
            self.items.push(Item::Op(Op::RowOpen));
        }
        // A cut paragraph's start tag and properties may be replaced at render time; inside a
        // paragraph or container, marks belong to it alone.
        let cut = if name == "w:p" && !dom.is_empty_element(id) {
            self.para_of(id)
                .filter(|&p| self.cut_paras.get(p).copied().unwrap_or(false))
        } else {
            None
        };
        if let Some(p) = cut {
            self.items.push(Item::Op(Op::ParaOpen {
                para: u32::try_from(p).unwrap_or(u32::MAX),
            }));
        }
        self.open_tag(id, name, in_section);
        if dom.is_empty_element(id) {
            self.emit_after(id);
            return;
        }
        let saved = (self.in_para, self.resume);
        if name == "w:p" || is_container {
            (self.in_para, self.resume) = (None, None);
        }
        self.items.push(Item::Push(name));
        let children = dom.children(id);
        let mut started = name != "w:p";
        for &c in children {
            let is_ppr = dom.nodes[c].kind == Kind::Element && dom.is(c, "w:pPr");
            if !started && !is_ppr {
                started = true;
                self.start_content(id, marked, cut);
            }
            self.flat(c, para);
            if !started {
                started = true;
                self.start_content(id, marked, cut);
            }
        }
        if name == "w:p" {
            if !started {
                self.start_content(id, marked, cut);
            }
            // Inline marks not yet emitted (at the very end of the text).
            if let Some(p) = para
                && let Some(rest) = self.inline.get_mut(p).map(std::mem::take)
                && !rest.is_empty()
            {
                self.emit_marks(Some(rest.into_iter().map(|(_, m)| m).collect()));
            }
            let ce = if marked {
                self.content_end.remove(&id)
            } else {
                None
            };
            self.emit_marks(ce);
            // The last piece of content was empty: the paragraph's end closes the output
            // paragraph.
            self.content_point();
        }
        if name == "w:p" || is_container {
            (self.in_para, self.resume) = saved;
        }
        if is_container {
            let fallback = self.fallback_paragraph(id);
            self.items.push(Item::Op(Op::ContainerClose { fallback }));
        }
        self.items.push(Item::Pop);
        self.lit(dom.close_tag(id));
        if name == "w:tbl" {
            self.items.push(Item::Op(Op::TableClose {
                in_container: table_in_container,
            }));
        }
        if structural && name == "w:p" {
            self.items.push(Item::Op(Op::ParagraphEnd));
        }
        self.emit_after(id);
    }

    /// The content of paragraph `id` starts (after its properties): ends a cut paragraph's
    /// start markup, then emits the marks placed at the start of the content.
    fn start_content(&mut self, id: NodeId, marked: bool, cut: Option<usize>) {
        if let Some(p) = cut {
            self.items.push(Item::Op(Op::ParaOpenEnd));
            self.in_para = Some(p);
            self.resume = Some(p);
        }
        let cs = self.take_content_start(id, marked);
        self.emit_marks(cs);
    }

    /// The marks at the start of the content of `id` (only marked nodes have any).
    fn take_content_start(&mut self, id: NodeId, marked: bool) -> Option<Vec<usize>> {
        if marked {
            self.content_start.remove(&id)
        } else {
            None
        }
    }

    /// Emits a start tag, turning ids that must stay unique into id operations when the
    /// element may repeat.
    fn open_tag(&mut self, id: NodeId, name: &str, in_section: bool) {
        let dom = self.dom;
        let raw = dom.open_tag(id);
        if !in_section {
            self.lit(raw);
            return;
        }
        let empty = Span { start: 0, end: 0 };
        let once = |me: &Self, kind: IdKind, attr: &str| -> Option<Op> {
            let (v, _, _) = dom.attr(id, attr)?;
            Some(Op::Once {
                kind,
                id: me.src_span(v),
                first: me.src_span(raw),
                later: empty,
            })
        };
        // The start tag around a numeric id: the tag before the value and after it.
        let around = |me: &Self, s: usize, e: usize| -> Option<(Span, Span)> {
            let base = dom.nodes[id].start;
            let before = raw.get(..s.checked_sub(base)?)?;
            let after = raw.get(e.checked_sub(base)?..)?;
            Some((me.src_span(before), me.src_span(after)))
        };
        let op = match name {
            "w:bookmarkStart" => once(self, IdKind::BookmarkStart, "w:id"),
            "w:bookmarkEnd" => once(self, IdKind::BookmarkEnd, "w:id"),
            "w:commentRangeStart" => once(self, IdKind::CommentStart, "w:id"),
            "w:commentRangeEnd" => once(self, IdKind::CommentEnd, "w:id"),
            "w:commentReference" => once(self, IdKind::CommentRef, "w:id"),
            "w:footnoteReference" => once(self, IdKind::FootnoteRef, "w:id"),
            "w:endnoteReference" => once(self, IdKind::EndnoteRef, "w:id"),
            // A content control's id (optional): kept on the first copy only.
            "w:id"
                if dom.is_empty_element(id)
                    && dom.nodes[id].parent.is_some_and(|p| dom.is(p, "w:sdtPr")) =>
            {
                once(self, IdKind::SdtId, "w:val")
            }
            // Word writes a unique w14:paraId on paragraphs and on table rows.
            "w:p" | "w:tr" => match (
                dom.attr(id, "w14:paraId"),
                dom.open_tag_without(id, "w14:paraId"),
            ) {
                (Some((v, _, _)), Some(without)) => Some(Op::Once {
                    kind: IdKind::ParaId,
                    id: self.src_span(v),
                    first: self.src_span(raw),
                    later: self.generated_span(&without),
                }),
                _ => None,
            },
            "w:numId" if self.open_rows.iter().any(|r| *r) => {
                dom.attr(id, "w:val").and_then(|(v, s, e)| {
                    let (prefix, suffix) = around(self, s, e)?;
                    let op = Op::NumId {
                        id: v.parse().ok()?,
                        prefix,
                        suffix,
                    };
                    self.has_num_ids = true;
                    Some(op)
                })
            }
            // Tracked changes: fresh ids in later copies, as for drawings.
            _ if is_change(name) => dom.attr(id, "w:id").and_then(|(v, s, e)| {
                let (prefix, suffix) = around(self, s, e)?;
                Some(Op::FreshId {
                    kind: IdKind::Revision,
                    id: v.parse().ok()?,
                    prefix,
                    suffix,
                })
            }),
            _ if is_revision(name) && name.ends_with("RangeStart") => {
                once(self, IdKind::RevisionRangeStart, "w:id")
            }
            _ if is_revision(name) && name.ends_with("RangeEnd") => {
                once(self, IdKind::RevisionRangeEnd, "w:id")
            }
            "wp:docPr" => dom.attr(id, "id").and_then(|(v, s, e)| {
                let (prefix, suffix) = around(self, s, e)?;
                Some(Op::FreshId {
                    kind: IdKind::DocPr,
                    id: v.parse().ok()?,
                    prefix,
                    suffix,
                })
            }),
            _ => None,
        };
        match op {
            Some(op) => {
                if let Op::Once { .. } = &op
                    && dom.is_empty_element(id)
                {
                    self.items.push(Item::Op(op));
                } else if matches!(op, Op::FreshId { .. } | Op::NumId { .. })
                    || matches!(name, "w:p" | "w:tr")
                {
                    self.items.push(Item::Op(op));
                } else {
                    self.lit(raw);
                }
            }
            None => self.lit(raw),
        }
    }

    /// The paragraph written into a container that a section left without one: the container's
    /// first paragraph's properties, without numbering (as a span of the generated text).
    fn fallback_paragraph(&mut self, container: NodeId) -> Span {
        let dom = self.dom;
        let mut ppr = None;
        for &c in dom.children(container) {
            if dom.is(c, "w:p") {
                if let Some(&first) = dom
                    .children(c)
                    .iter()
                    .find(|&&x| dom.nodes[x].kind == Kind::Element)
                    && dom.is(first, "w:pPr")
                {
                    ppr = Some(dom.raw(first));
                }
                break;
            }
        }
        let Some(ppr) = ppr else {
            return self.generated_span("<w:p/>");
        };
        let start = self.dom.src.len() + self.generated.len();
        self.generated.push_str("<w:p>");
        match (ppr.find("<w:numPr"), ppr.find("</w:numPr>")) {
            (Some(s), Some(e)) if s <= e => {
                self.generated.push_str(&ppr[..s]);
                self.generated.push_str(&ppr[e + "</w:numPr>".len()..]);
            }
            _ => self.generated.push_str(ppr),
        }
        self.generated.push_str("</w:p>");
        let end = self.dom.src.len() + self.generated.len();
        self.span_at(start, end)
    }

    fn run_text_range(&self, run: NodeId) -> Option<(usize, usize)> {
        let dom = self.dom;
        let mut lo = None;
        let mut hi = None;
        for &c in dom.children(run) {
            if let Some((_, s, e)) = self.seg(c) {
                lo.get_or_insert(s);
                hi = Some(e);
            }
        }
        Some((lo?, hi?))
    }

    fn run_affected(&self, run: NodeId, para: usize) -> bool {
        let Some((s, e)) = self.run_text_range(run) else {
            return false;
        };
        let ranges = self.removed.get(para);
        let hits_range = ranges
            .into_iter()
            .flatten()
            .any(|&(a, b)| a < e && s < b || (a == b && a >= s && a < e));
        let hits_mark = self
            .inline
            .get(para)
            .into_iter()
            .flatten()
            .any(|&(off, _)| off >= s && off < e);
        hits_range || hits_mark
    }

    fn inside_removed(&self, para: usize, pos: usize) -> bool {
        self.removed
            .get(para)
            .into_iter()
            .flatten()
            .any(|&(a, b)| a < pos && pos < b)
    }

    fn pending_marks(&mut self, para: usize, upto: usize) -> Vec<usize> {
        let Some(v) = self.inline.get_mut(para) else {
            return Vec::new();
        };
        if v.first().is_none_or(|a| a.0 > upto) {
            return Vec::new();
        }
        let n = v.iter().take_while(|a| a.0 <= upto).count();
        v.drain(..n).map(|a| a.1).collect()
    }

    /// Splits a run around tags: kept text stays in copies of the run, tag text disappears,
    /// marks go between the copies.
    fn split_run(&mut self, run: NodeId, para: usize) {
        let dom = self.dom;
        let open = dom.open_tag(run);
        let children = dom.children(run);
        let mut rpr = "";
        let mut rest = children;
        if let Some((&first, tail)) = children.split_first()
            && dom.is(first, "w:rPr")
        {
            rpr = dom.raw(first);
            rest = tail;
        }
        let mut run_open = false;
        let mut cursor = self.run_text_range(run).map(|r| r.0).unwrap_or(0);
        let close_run = |me: &mut Self, run_open: &mut bool| {
            if *run_open {
                me.items.push(Item::Pop);
                me.lit("</w:r>");
                *run_open = false;
            }
        };
        let open_run = |me: &mut Self, run_open: &mut bool| {
            if !*run_open {
                me.content_point();
                me.lit(open);
                me.items.push(Item::Push("w:r"));
                me.lit(rpr);
                *run_open = true;
            }
        };
        for &c in rest {
            if let Some((_, s, e)) = self.seg(c) {
                // The kept text (all but tag text) goes out in one `w:t` between marks: walk the
                // breakpoints (marks, bounds of removed ranges) within [s, e).
                let mut buf = std::mem::take(&mut self.scratch);
                buf.clear();
                let mut pos = s;
                while pos < e {
                    let marks = self.pending_marks(para, pos);
                    if !marks.is_empty() {
                        if !buf.is_empty() {
                            open_run(self, &mut run_open);
                            self.push_text(&buf);
                            buf.clear();
                        }
                        close_run(self, &mut run_open);
                        self.emit_marks(Some(marks));
                    }
                    let ranges = self.removed.get(para).map_or(&[][..], Vec::as_slice);
                    if let Some(&(_, b)) = ranges.iter().find(|&&(a, b)| a <= pos && pos < b) {
                        pos = b.min(e);
                        continue;
                    }
                    let next_range = ranges
                        .iter()
                        .map(|&(a, _)| a)
                        .filter(|&a| a > pos)
                        .min()
                        .unwrap_or(e);
                    let next_mark = self
                        .inline
                        .get(para)
                        .and_then(|v| v.first())
                        .map_or(e, |&(off, _)| off.max(pos + 1));
                    let next = next_range.min(next_mark).min(e);
                    let (ps, pe) = self.paras[para].text;
                    let piece = self
                        .text
                        .get(ps as usize..pe as usize)
                        .and_then(|t| t.get(pos..next))
                        .unwrap_or("");
                    buf.push_str(piece);
                    pos = next;
                }
                if !buf.is_empty() {
                    open_run(self, &mut run_open);
                    self.push_text(&buf);
                }
                self.scratch = buf;
                cursor = e;
            } else if self.inside_removed(para, cursor) {
                // Part of a tag (a tab, break or soft hyphen typed inside it): dropped.
            } else if dom.nodes[c].kind == Kind::Element {
                open_run(self, &mut run_open);
                self.flat(c, Some(para));
            } else {
                open_run(self, &mut run_open);
                self.lit(dom.raw(c));
            }
        }
        close_run(self, &mut run_open);
    }

    /// Emits `text` as a `w:t`, escaped.
    fn push_text(&mut self, text: &str) {
        let start = self.dom.src.len() + self.generated.len();
        self.generated.push_str("<w:t xml:space=\"preserve\">");
        escape_str(&mut self.generated, text);
        self.generated.push_str("</w:t>");
        let end = self.dom.src.len() + self.generated.len();
        self.push_span(start, end);
    }

    fn emit_after(&mut self, id: NodeId) {
        if self.marked.get(id).copied().unwrap_or(false) {
            let after = self.after.remove(&id);
            self.emit_marks(after);
        }
    }

    // ---- 6. building the tree

    pub(super) fn build(&mut self) -> Vec<Op> {
        struct Frame<'e> {
            ops: Vec<Op>,
            lit: Option<Span>,
            mark: Option<usize>,
            elems: Vec<&'e str>,
            /// Complex-field marks (begin, separate, end) seen before the section opened.
            fields: [u32; 3],
        }
        impl Frame<'_> {
            fn flush(&mut self) {
                if let Some(s) = self.lit.take() {
                    self.ops.push(Op::Lit(s));
                }
            }
            fn push(&mut self, op: Op) {
                self.flush();
                self.ops.push(op);
            }
        }
        let items = std::mem::take(&mut self.items);
        let mut elems: Vec<&'a str> = Vec::new();
        let mut frames = vec![Frame {
            // The part's top level holds about a third of the operations.
            ops: Vec::with_capacity(items.len() / 3),
            lit: None,
            mark: None,
            elems: Vec::new(),
            fields: [0; 3],
        }];
        let mut bad_marks = Vec::new();
        // Complex fields are runs, not elements, so the level check above cannot see them: count
        // their marks as the XML goes by instead.
        let mut fields = [0u32; 3];
        // Most parts hold no complex field at all: then there is nothing to count.
        let has_fields = memchr::memmem::find(self.dom.src.as_bytes(), b"fldChar").is_some();
        for item in items {
            let Some(top) = frames.last_mut() else {
                break;
            };
            match item {
                Item::Lit(s) => {
                    if has_fields {
                        count_field_marks(self.span_text(s), &mut fields);
                    }
                    match &mut top.lit {
                        Some(last) if last.end == s.start => last.end = s.end,
                        _ => {
                            top.flush();
                            top.lit = Some(s);
                        }
                    }
                }
                Item::Push(n) => elems.push(n),
                Item::Pop => {
                    elems.pop();
                }
                Item::Op(op) => top.push(op),
                Item::Mark(m) => match &self.marks[m].role {
                    Role::Var { name, rpr } => top.push(Op::Var {
                        name: Name::parse(name),
                        rpr: self.src_span(rpr),
                    }),
                    Role::Open { .. } | Role::SkipOpen => {
                        top.flush();
                        frames.push(Frame {
                            ops: Vec::new(),
                            lit: None,
                            mark: Some(m),
                            elems: elems.clone(),
                            fields,
                        })
                    }
                    Role::Close | Role::SkipClose => {
                        let Some(mut frame) = frames.pop() else { break };
                        frame.flush();
                        let Some(om) = frame.mark else {
                            frames.push(frame);
                            continue;
                        };
                        // A body must hold whole fields only: as many ends as begins, and
                        // no separator of a field that began before the section.
                        let d = |i: usize| fields[i] - frame.fields[i];
                        if frame.elems != elems || d(0) != d(2) || d(1) > d(0) {
                            bad_marks.push(om);
                        }
                        let Some(parent) = frames.last_mut() else {
                            break;
                        };
                        if let Role::Open {
                            name,
                            inverted,
                            rows,
                        } = &self.marks[om].role
                        {
                            parent.push(Op::Section {
                                name: Name::parse(name),
                                inverted: *inverted,
                                rows: *rows,
                                body: frame.ops,
                            });
                        }
                    }
                },
            }
        }
        for m in bad_marks {
            let t = self.marks[m].tag;
            self.error(
                t,
                "this section cannot repeat: its start and end are at different levels of the \
                 document (for example one inside a hyperlink, field or text box and the other \
                 outside)",
            );
        }
        if frames.len() != 1 {
            // Marks that do not pair up would otherwise drop the part's content silently.
            if let Some(t) = self.marks.first().map(|m| m.tag) {
                self.error(
                    t,
                    "the sections of this part do not pair up in a way the engine can follow; \
                     please report this template",
                );
            }
            return Vec::new();
        }
        frames
            .pop()
            .map(|mut f| {
                f.flush();
                f.ops
            })
            .unwrap_or_default()
    }
}

/// Adds the complex-field marks in `xml` (`w:fldChar w:fldCharType="begin|separate|end"`) to
/// `counts` (begin, separate, end).
fn count_field_marks(xml: &str, counts: &mut [u32; 3]) {
    // Built once: compiling is called with many short literals.
    static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    const NEEDLE: &str = "w:fldCharType=";
    let finder = FINDER.get_or_init(|| memchr::memmem::Finder::new(NEEDLE));
    for at in finder.find_iter(xml.as_bytes()) {
        let Some(value) = xml.get(at + NEEDLE.len()..) else {
            continue;
        };
        let value = value.trim_start_matches(['"', '\'']);
        let i = if value.starts_with("begin") {
            0
        } else if value.starts_with("separate") {
            1
        } else if value.starts_with("end") {
            2
        } else {
            continue;
        };
        counts[i] = counts[i].saturating_add(1);
    }
}
