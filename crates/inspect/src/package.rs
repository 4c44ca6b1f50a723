//! Reading a .docx package safely: the zip container and the XML parts inside it.
//!
//! A hostile file must give an [`Error`], never a panic, a hang or an exhausted memory. The limits:
//!
//! - at most [`MAX_ENTRIES`] entries in the archive;
//! - every entry name must be a relative path without `..` components, drive letters,
//!   backslashes or NUL characters, and no two entries may share a (case-insensitive) name;
//! - a part is decompressed only when the document needs it, and is cut off as soon as it
//!   passes [`MAX_PART_SIZE`] bytes (the size the archive declares is not trusted); all parts
//!   read from one package together may not pass [`MAX_TOTAL_SIZE`] bytes;
//! - XML parts must be UTF-8 or UTF-16 with a byte-order mark, may not declare a DTD
//!   (`<!DOCTYPE`), may only use the five predefined entities and character references, and may
//!   not nest elements deeper than [`MAX_DEPTH`].
//!
//! Zip entry order, compression method and timestamps are never looked at, so they cannot
//! show in a dump.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use crate::error::{Error, Result};
use crate::xml::{self, Element};

/// Most entries an archive may have.
pub const MAX_ENTRIES: usize = 10_000;
/// Most bytes one part may decompress to (64 MiB).
pub const MAX_PART_SIZE: u64 = 64 * 1024 * 1024;
/// Most bytes all the parts read from one package may decompress to together (256 MiB).
pub const MAX_TOTAL_SIZE: u64 = 256 * 1024 * 1024;
/// Deepest element nesting accepted in an XML part.
pub const MAX_DEPTH: usize = 256;

/// The limits in force (the constants above; smaller in unit tests).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub(crate) entries: usize,
    pub(crate) part: u64,
    pub(crate) total: u64,
}

impl Limits {
    /// The documented limits.
    pub(crate) const DEFAULT: Limits = Limits {
        entries: MAX_ENTRIES,
        part: MAX_PART_SIZE,
        total: MAX_TOTAL_SIZE,
    };
}

/// An opened package: the zip index, checked, and a budget of bytes left to decompress.
pub(crate) struct Package<'a> {
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Lower-cased part name (no leading slash) → entry index.
    index: BTreeMap<String, usize>,
    budget: u64,
    limits: Limits,
}

impl<'a> Package<'a> {
    /// Opens a package and checks its entry names.
    pub(crate) fn open(bytes: &'a [u8]) -> Result<Self> {
        Self::open_with(bytes, Limits::DEFAULT)
    }

    /// Opens a package with the given limits.
    pub(crate) fn open_with(bytes: &'a [u8], limits: Limits) -> Result<Self> {
        let archive =
            zip::ZipArchive::new(Cursor::new(bytes)).map_err(|source| Error::NotZip { source })?;
        let count = archive.len();
        if count > limits.entries {
            return Err(Error::TooManyEntries {
                count,
                limit: limits.entries,
            });
        }
        let mut index = BTreeMap::new();
        for i in 0..count {
            let name = match archive.name_for_index(i) {
                Some(Ok(name)) => name.into_owned(),
                _ => return Err(Error::UnsafeEntryName { index: i }),
            };
            if !safe_name(&name) {
                return Err(Error::UnsafeEntryName { index: i });
            }
            if name.ends_with('/') {
                continue; // a folder entry
            }
            let key = name.to_ascii_lowercase();
            if index.insert(key.clone(), i).is_some() {
                return Err(Error::DuplicatePart { part: key });
            }
        }
        Ok(Package {
            archive,
            index,
            budget: limits.total,
            limits,
        })
    }

    /// Decompresses one part within the limits; `None` when there is no such part.
    pub(crate) fn read(&mut self, part: &str) -> Result<Option<Vec<u8>>> {
        let Some(&i) = self.index.get(&part.to_ascii_lowercase()) else {
            return Ok(None);
        };
        let zip_err = |source| Error::Zip {
            part: part.to_string(),
            source,
        };
        let file = self.archive.by_index(i).map_err(zip_err)?;
        let cap = self.limits.part.min(self.budget);
        let mut out = Vec::new();
        let mut limited = file.take(cap.saturating_add(1));
        limited.read_to_end(&mut out).map_err(|e| Error::Zip {
            part: part.to_string(),
            source: zip::result::ZipError::Io(e),
        })?;
        let len = out.len() as u64;
        if len > cap {
            return Err(if cap == self.limits.part {
                Error::PartTooLarge {
                    part: part.to_string(),
                    limit: self.limits.part,
                }
            } else {
                Error::PackageTooLarge {
                    part: part.to_string(),
                    limit: self.limits.total,
                }
            });
        }
        self.budget -= len;
        Ok(Some(out))
    }

    /// Reads and parses an XML part; `None` when there is no such part.
    pub(crate) fn xml(&mut self, part: &str) -> Result<Option<Element>> {
        match self.read(part)? {
            Some(bytes) => xml::parse(part, &bytes).map(Some),
            None => Ok(None),
        }
    }

    /// Reads the relationships of a part (`word/document.xml` → `word/_rels/document.xml.rels`),
    /// with targets resolved to part names. Missing relationships give an empty list.
    pub(crate) fn relationships(&mut self, source: &str) -> Result<Vec<Relationship>> {
        let (dir, file) = match source.rfind('/') {
            Some(at) => (&source[..at + 1], &source[at + 1..]),
            None => ("", source),
        };
        let rels_part = format!("{dir}_rels/{file}.rels");
        let Some(root) = self.xml(&rels_part)? else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for rel in root.children_named(xml::Ns::Rels, "Relationship") {
            let (Some(id), Some(kind), Some(target)) = (
                rel.attr_any("Id"),
                rel.attr_any("Type"),
                rel.attr_any("Target"),
            ) else {
                continue;
            };
            let external = rel
                .attr_any("TargetMode")
                .is_some_and(|m| m.eq_ignore_ascii_case("external"));
            let target = if external {
                target.to_string()
            } else {
                resolve_target(dir, target)
            };
            out.push(Relationship {
                id: id.to_string(),
                kind: kind.to_string(),
                target,
                external,
            });
        }
        Ok(out)
    }
}

/// One relationship of a part.
#[derive(Debug, Clone)]
pub(crate) struct Relationship {
    /// `rId7`.
    pub(crate) id: String,
    /// The relationship type URI.
    pub(crate) kind: String,
    /// The target part name (resolved, no leading slash), or the external URI.
    pub(crate) target: String,
    /// Whether the target is outside the package.
    pub(crate) external: bool,
}

impl Relationship {
    /// Whether the type URI ends with `/{last}` (works for transitional and strict OOXML).
    pub(crate) fn is(&self, last: &str) -> bool {
        self.kind
            .rsplit('/')
            .next()
            .is_some_and(|k| k.eq_ignore_ascii_case(last))
    }
}

/// Whether a zip entry name is a safe relative part name.
fn safe_name(name: &str) -> bool {
    if name.is_empty()
        || name.starts_with('/')
        || name.contains('\\')
        || name.contains('\0')
        || name.len() > 1024
    {
        return false;
    }
    let mut parts = name.split('/');
    if parts.next().is_some_and(|first| first.contains(':')) {
        return false;
    }
    !name.split('/').any(|c| c == ".." || c == ".")
}

/// Resolves a relationship target against the source part's folder, decoding `%XX` escapes.
fn resolve_target(dir: &str, target: &str) -> String {
    let target = percent_decode(target);
    let joined = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("{dir}{target}"),
    };
    let mut stack: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                stack.pop();
            }
            s => stack.push(s),
        }
    }
    stack.join("/")
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(b) = hex {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(safe_name("word/document.xml"));
        assert!(safe_name("[Content_Types].xml"));
        assert!(!safe_name("../evil.xml"));
        assert!(!safe_name("word/../../evil.xml"));
        assert!(!safe_name("/etc/passwd"));
        assert!(!safe_name("C:/x.xml"));
        assert!(!safe_name("word\\x.xml"));
    }

    fn zip_of(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
        use std::io::Write;
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in entries {
            z.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            z.write_all(data).unwrap();
        }
        z.finish().unwrap().into_inner()
    }

    #[test]
    fn limits() {
        let limits = Limits {
            entries: 3,
            part: 1000,
            total: 1500,
        };
        let bomb = zip_of(&[("a.xml", vec![b' '; 1001])]);
        assert!(bomb.len() < 200, "deflated: {}", bomb.len());
        let mut p = Package::open_with(&bomb, limits).unwrap();
        assert!(matches!(p.read("a.xml"), Err(Error::PartTooLarge { .. })));

        let two = zip_of(&[("a.xml", vec![b' '; 900]), ("b.xml", vec![b' '; 900])]);
        let mut p = Package::open_with(&two, limits).unwrap();
        assert_eq!(p.read("A.XML").unwrap().unwrap().len(), 900);
        assert!(matches!(
            p.read("b.xml"),
            Err(Error::PackageTooLarge { .. })
        ));
        assert!(p.read("c.xml").unwrap().is_none());

        let many = zip_of(&[("a", vec![]), ("b", vec![]), ("c", vec![]), ("d", vec![])]);
        assert!(matches!(
            Package::open_with(&many, limits),
            Err(Error::TooManyEntries { count: 4, .. })
        ));
        let dup = zip_of(&[("a.xml", vec![]), ("A.xml", vec![])]);
        assert!(matches!(
            Package::open(&dup),
            Err(Error::DuplicatePart { .. })
        ));
    }

    #[test]
    fn targets() {
        assert_eq!(
            resolve_target("word/", "media/image%201.png"),
            "word/media/image 1.png"
        );
        assert_eq!(
            resolve_target("word/", "/customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(
            resolve_target("word/", "../docProps/core.xml"),
            "docProps/core.xml"
        );
        assert_eq!(resolve_target("", "word/document.xml"), "word/document.xml");
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("%"), "%");
    }
}
