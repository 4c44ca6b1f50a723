//! Inline text of a paragraph: escaping, the markers of breaks and objects, and formatting
//! marks merged over adjacent runs.
//!
//! Formatting is marked as `**bold**`, `*italic*`, `<u>underlined</u>`, `~~struck~~`,
//! `<sup>superscript</sup>`, `<sub>subscript</sub>` and `<hidden>hidden</hidden>`. The marks
//! follow the text's effective formatting, not its runs: two runs with the same formatting read
//! as one, and an empty run reads as nothing. Characters that could be read as a mark are
//! escaped with a backslash (`\*`, `\~`, `\<`, `\\`, `\⏎`, `\→`, `\⟦`).

use crate::styles::{Fmt, Vert};

/// A line break (`w:br`, `w:cr`).
pub(crate) const LINE_BREAK: &str = "⏎";
/// A tab (`w:tab`, `w:ptab`, or a tab character in text).
pub(crate) const TAB: &str = "→";

/// The inline content of one paragraph, built piece by piece.
#[derive(Debug, Default)]
pub(crate) struct Inline {
    pieces: Vec<(String, Fmt)>,
}

/// Escapes document text so that it cannot be read as a mark.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '*' | '~' | '<' | '⏎' | '→' | '⟦' => {
                out.push('\\');
                out.push(c);
            }
            '\t' => out.push_str(TAB),
            // Word shows a newline inside w:t as a space.
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

impl Inline {
    /// Adds document text (escaped here) with its formatting.
    pub(crate) fn text(&mut self, text: &str, fmt: Fmt) {
        if !text.is_empty() {
            self.pieces.push((escape(text), fmt));
        }
    }

    /// Adds a mark (not escaped) with its formatting.
    pub(crate) fn mark(&mut self, mark: &str, fmt: Fmt) {
        self.pieces.push((mark.to_string(), fmt));
    }

    /// Adds an object marker `⟦…⟧`, unformatted.
    pub(crate) fn object(&mut self, what: &str) {
        self.pieces.push((format!("⟦{what}⟧"), Fmt::default()));
    }

    /// Whether nothing was added.
    pub(crate) fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }

    /// Renders the pieces with merged formatting marks.
    pub(crate) fn render(&self) -> String {
        let mut out = String::new();
        let mut open: Vec<Mark> = Vec::new();
        for (text, fmt) in &self.pieces {
            let want = marks(fmt);
            let common = open
                .iter()
                .zip(want.iter())
                .take_while(|(a, b)| a == b)
                .count();
            while open.len() > common {
                if let Some(m) = open.pop() {
                    out.push_str(m.close());
                }
            }
            for m in &want[common..] {
                out.push_str(m.open());
                open.push(*m);
            }
            out.push_str(text);
        }
        while let Some(m) = open.pop() {
            out.push_str(m.close());
        }
        out
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

impl Mark {
    fn open(self) -> &'static str {
        match self {
            Mark::Hidden => "<hidden>",
            Mark::Bold => "**",
            Mark::Italic => "*",
            Mark::Underline => "<u>",
            Mark::Strike => "~~",
            Mark::Super => "<sup>",
            Mark::Sub => "<sub>",
        }
    }

    fn close(self) -> &'static str {
        match self {
            Mark::Hidden => "</hidden>",
            Mark::Bold => "**",
            Mark::Italic => "*",
            Mark::Underline => "</u>",
            Mark::Strike => "~~",
            Mark::Super => "</sup>",
            Mark::Sub => "</sub>",
        }
    }
}

/// The marks of a formatting, outermost first.
fn marks(f: &Fmt) -> Vec<Mark> {
    let mut v = Vec::new();
    if f.hidden {
        v.push(Mark::Hidden);
    }
    if f.bold {
        v.push(Mark::Bold);
    }
    if f.italic {
        v.push(Mark::Italic);
    }
    if f.underline {
        v.push(Mark::Underline);
    }
    if f.strike {
        v.push(Mark::Strike);
    }
    match f.vert {
        Vert::Super => v.push(Mark::Super),
        Vert::Sub => v.push(Mark::Sub),
        Vert::Baseline => {}
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bold() -> Fmt {
        Fmt {
            bold: true,
            ..Fmt::default()
        }
    }

    #[test]
    fn merges_runs() {
        let mut a = Inline::default();
        a.text("Hel", bold());
        a.text("lo", bold());
        a.text(" world", Fmt::default());
        assert_eq!(a.render(), "**Hello** world");
    }

    #[test]
    fn nests() {
        let mut a = Inline::default();
        let bi = Fmt {
            italic: true,
            ..bold()
        };
        a.text("a", bold());
        a.text("b", bi);
        a.text("c", bold());
        a.text("d", Fmt::default());
        assert_eq!(a.render(), "**a*b*c**d");
    }

    #[test]
    fn escapes() {
        assert_eq!(escape("2*3 < 4\t~x\\"), "2\\*3 \\< 4→\\~x\\\\");
        assert_eq!(escape("a\u{1}b\nc"), "a\\u{1}b c");
        assert_eq!(escape("Signed ____"), "Signed ____");
    }
}
