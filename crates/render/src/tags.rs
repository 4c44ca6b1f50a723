//! Lexing Mustache tags out of paragraph text.

use crate::error::TagKind;

/// The current delimiters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Delims {
    pub open: String,
    pub close: String,
}

impl Default for Delims {
    fn default() -> Self {
        Delims {
            open: "{{".into(),
            close: "}}".into(),
        }
    }
}

/// A tag found in a text.
#[derive(Debug, Clone)]
pub(crate) struct Lexed {
    pub kind: TagKind,
    /// Name (trimmed); comment text for comments.
    pub name: String,
    /// Byte range of the whole tag (delimiters included) in the text.
    pub start: usize,
    pub end: usize,
    /// New delimiters for a set-delimiter tag.
    pub delims: Option<Delims>,
}

/// What the lexer found next.
#[derive(Debug)]
pub(crate) enum Next {
    /// No more tags in this text.
    None,
    /// A complete tag.
    Tag(Lexed),
    /// A tag opens at `start` but does not close in this text.
    Unclosed {
        start: usize,
        kind: TagKind,
        closer: String,
    },
    /// A malformed tag spanning `start..end`, with a message.
    Bad {
        start: usize,
        end: usize,
        message: String,
    },
}

/// Finds `pat` in `hay`: memchr on its first character, then a prefix check (much cheaper than
/// building a substring searcher for each short paragraph).
pub(crate) fn find(hay: &str, pat: &str) -> Option<usize> {
    let first = pat.chars().next()?;
    let mut at = 0;
    while let Some(i) = hay.get(at..).and_then(|h| h.find(first)) {
        let pos = at + i;
        if hay[pos..].starts_with(pat) {
            return Some(pos);
        }
        at = pos + first.len_utf8();
    }
    None
}

/// Finds the next tag in `text` from byte `from`.
pub(crate) fn next_tag(text: &str, from: usize, d: &Delims) -> Next {
    let Some(rel) = text.get(from..).and_then(|t| find(t, &d.open)) else {
        return Next::None;
    };
    let start = from + rel;
    let inner = start + d.open.len();
    let rest = &text[inner..];
    let sigil = rest.chars().next();
    let (kind, body_start, closer): (TagKind, usize, String) = match sigil {
        Some('#') => (TagKind::Section, inner + 1, d.close.clone()),
        Some('^') => (TagKind::Inverted, inner + 1, d.close.clone()),
        Some('/') => (TagKind::Close, inner + 1, d.close.clone()),
        Some('!') => (TagKind::Comment, inner + 1, d.close.clone()),
        Some('>') => (TagKind::Partial, inner + 1, d.close.clone()),
        Some('=') => (TagKind::SetDelimiters, inner + 1, format!("={}", d.close)),
        Some('&') => (TagKind::Variable, inner + 1, d.close.clone()),
        Some('{') => (TagKind::Variable, inner + 1, format!("}}{}", d.close)),
        _ => (TagKind::Variable, inner, d.close.clone()),
    };
    let Some(crel) = text.get(body_start..).and_then(|t| find(t, &closer)) else {
        return Next::Unclosed {
            start,
            kind,
            closer,
        };
    };
    let body = &text[body_start..body_start + crel];
    let end = body_start + crel + closer.len();
    let name = body.trim().to_string();
    match kind {
        TagKind::Comment => Next::Tag(Lexed {
            kind,
            name,
            start,
            end,
            delims: None,
        }),
        TagKind::SetDelimiters => {
            let parts: Vec<String> = name.split_whitespace().map(String::from).collect();
            if parts.len() != 2 || parts.iter().any(|p| p.contains('=')) {
                return Next::Bad {
                    start,
                    end,
                    message: "invalid set-delimiter tag: expected two delimiters without `=` \
                              or spaces, e.g. {{=<% %>=}}"
                        .into(),
                };
            }
            Next::Tag(Lexed {
                kind,
                name,
                start,
                end,
                delims: Some(Delims {
                    open: parts[0].clone(),
                    close: parts[1].clone(),
                }),
            })
        }
        _ => {
            if name.is_empty() {
                return Next::Bad {
                    start,
                    end,
                    message: "empty tag name".into(),
                };
            }
            if name.chars().any(char::is_whitespace) {
                return Next::Bad {
                    start,
                    end,
                    message: "a tag name cannot contain spaces".into(),
                };
            }
            if name != "." && name.split('.').any(str::is_empty) {
                return Next::Bad {
                    start,
                    end,
                    message: "invalid dotted name".into(),
                };
            }
            Next::Tag(Lexed {
                kind,
                name,
                start,
                end,
                delims: None,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<(TagKind, String)> {
        let mut d = Delims::default();
        let mut out = Vec::new();
        let mut at = 0;
        while let Next::Tag(t) = next_tag(text, at, &d) {
            at = t.end;
            if let Some(nd) = &t.delims {
                d = nd.clone();
            }
            out.push((t.kind, t.name));
        }
        out
    }

    #[test]
    fn lexes_kinds() {
        let tags = all("a {{x}} {{#s}}{{/s}}{{^i}}{{! c }}{{{t}}}{{&u}}{{=<% %>=}}<%v%>");
        let kinds: Vec<TagKind> = tags.iter().map(|t| t.0).collect();
        assert_eq!(
            kinds,
            vec![
                TagKind::Variable,
                TagKind::Section,
                TagKind::Close,
                TagKind::Inverted,
                TagKind::Comment,
                TagKind::Variable,
                TagKind::Variable,
                TagKind::SetDelimiters,
                TagKind::Variable
            ]
        );
        assert_eq!(tags[5].1, "t");
        assert_eq!(tags[8].1, "v");
    }

    #[test]
    fn reports_bad_and_unclosed() {
        let d = Delims::default();
        assert!(matches!(next_tag("{{a b}}", 0, &d), Next::Bad { .. }));
        assert!(matches!(
            next_tag("x {{a", 0, &d),
            Next::Unclosed { start: 2, .. }
        ));
        assert!(matches!(next_tag("{{=a=}}", 0, &d), Next::Bad { .. }));
        assert!(matches!(next_tag("{{}}", 0, &d), Next::Bad { .. }));
    }
}
