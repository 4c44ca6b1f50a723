//! The zip package: reading entries safely within [`Limits`], and writing the output with
//! untouched entries copied raw (no recompression) and rewritten parts deflated.

use std::io::{Cursor, Read, Seek, Write};
use std::sync::Arc;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use crate::error::Error;
use crate::limits::Limits;

/// Deflate level for rewritten parts. Measured on the peer benchmark's support-plan template
/// (rendered `document.xml` 75 kB): level 1 took 0.56 ms for 13.8 kB, level 6 1.53 ms for
/// 11.6 kB, level 9 2.58 ms for 11.3 kB. Level 6 would make the .docx about 4 % smaller for
/// almost three times the compression time, which dominates rendering: level 1 wins.
pub const DEFLATE_LEVEL: i64 = 1;

/// Rewritten parts smaller than this are stored uncompressed: initialising a deflate stream
/// costs about as much as rendering a small header, to save about 1 kB.
pub(crate) const STORE_BELOW: usize = 4096;

/// Template bytes shared between renders (cheap to clone).
#[derive(Clone, Debug)]
pub(crate) struct Shared(pub Arc<[u8]>);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// One entry of the package.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub name: String,
    pub time: DateTime,
    /// The uncompressed XML when the entry is templated.
    pub xml: Option<String>,
}

/// A read package.
#[derive(Debug, Clone)]
pub(crate) struct Package {
    pub archive: ZipArchive<Cursor<Shared>>,
    pub entries: Vec<Entry>,
    /// Largest `wp:docPr id` in templated parts that are copied raw (they hold no tags).
    pub max_docpr: u64,
}

/// The numbering part, read so repeated rows can restart their lists.
pub(crate) const NUMBERING: &str = "word/numbering.xml";

/// Whether `name` is a part the engine fills.
pub(crate) fn is_templated(name: &str) -> bool {
    let Some(file) = name.strip_prefix("word/") else {
        return false;
    };
    if file.contains('/') || !file.ends_with(".xml") {
        return false;
    }
    file == "document.xml"
        || file == "footnotes.xml"
        || file == "endnotes.xml"
        || file == "comments.xml"
        || file.starts_with("header")
        || file.starts_with("footer")
}

/// Whether a part may contain a tag: any `{`, literal or as a character reference.
/// (Delimiters are reset to `{{ }}` at the start of each part, so a part without `{` has none.)
pub(crate) fn may_hold_tags(xml: &str) -> bool {
    xml.contains('{') || {
        let lower = xml.to_ascii_lowercase();
        lower.contains("&#123;") || lower.contains("&#x7b;") || lower.contains("&#0")
    }
}

/// The largest `id` of a `wp:docPr` element in `xml` (0 if none).
pub(crate) fn scan_max_docpr(xml: &str) -> u64 {
    let mut max = 0;
    for (i, _) in xml.match_indices("<wp:docPr ") {
        let tag = &xml[i..];
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        if let Some((_, s, e)) = crate::xml::find_attr(tag, "id")
            && let Ok(v) = tag[s..e].parse::<u64>()
        {
            max = max.max(v);
        }
    }
    max
}

fn check_name(name: &str) -> Result<(), Error> {
    let bad = name.is_empty()
        || name.starts_with('/')
        || name.contains('\\')
        || name.contains('\0')
        || name.split('/').any(|seg| seg == "..")
        || name.as_bytes().get(1) == Some(&b':');
    if bad {
        return Err(Error::UnsafeEntryName(name.to_string()));
    }
    Ok(())
}

fn zip_err(e: zip::result::ZipError) -> Error {
    Error::Zip(e.to_string())
}

impl Package {
    /// Reads a package, decompressing only the templated parts, within `limits`.
    pub(crate) fn read(bytes: &[u8], limits: &Limits) -> Result<Package, Error> {
        let shared = Shared(Arc::from(bytes));
        let mut archive =
            ZipArchive::new(Cursor::new(shared)).map_err(|e| Error::NotAZip(e.to_string()))?;
        if archive.len() > limits.max_entries {
            return Err(Error::Limit(format!(
                "the package has {} entries (max_entries is {})",
                archive.len(),
                limits.max_entries
            )));
        }
        let mut entries = Vec::with_capacity(archive.len());
        let mut total: u64 = 0;
        let mut max_docpr = 0;
        if archive.has_duplicate_names() {
            return Err(Error::NotAZip("duplicate entry names".into()));
        }
        for i in 0..archive.len() {
            let (name, time, declared, compressed) = {
                let f = archive.by_index_raw(i).map_err(zip_err)?;
                let name = f
                    .name()
                    .map_err(|_| {
                        Error::UnsafeEntryName(String::from_utf8_lossy(f.name_raw()).into())
                    })?
                    .to_string();
                let time = f
                    .last_modified()
                    .filter(DateTime::is_valid)
                    .unwrap_or_default();
                (name, time, f.size(), f.compressed_size())
            };
            check_name(&name)?;
            if declared > limits.max_part_bytes {
                return Err(Error::Limit(format!(
                    "entry {name} declares {declared} bytes (max_part_bytes is {})",
                    limits.max_part_bytes
                )));
            }
            let mut xml = None;
            if is_templated(&name) {
                let f = archive.by_index(i).map_err(zip_err)?;
                let mut buf = Vec::with_capacity(declared.min(limits.max_part_bytes) as usize);
                f.take(limits.max_part_bytes + 1)
                    .read_to_end(&mut buf)
                    .map_err(|e| Error::Zip(format!("{name}: {e}")))?;
                let size = buf.len() as u64;
                if size > limits.max_part_bytes {
                    return Err(Error::Limit(format!(
                        "entry {name} is larger than max_part_bytes ({})",
                        limits.max_part_bytes
                    )));
                }
                if size > 1 << 16 && size / compressed.max(1) > limits.max_ratio {
                    return Err(Error::Limit(format!(
                        "entry {name} expands {}× (max_ratio is {})",
                        size / compressed.max(1),
                        limits.max_ratio
                    )));
                }
                total += size;
                let text = String::from_utf8(buf).map_err(|e| Error::MalformedXml {
                    part: name.clone(),
                    position: e.utf8_error().valid_up_to() as u64,
                    message: "not UTF-8".into(),
                })?;
                if may_hold_tags(&text) {
                    xml = Some(text);
                } else {
                    // No `{` at all: no tag can be there. It is still checked (DTD,
                    // well-formedness, depth), then copied raw; its drawing ids are remembered
                    // so repeated drawings elsewhere get ids above them.
                    let src = text.strip_prefix('\u{feff}').unwrap_or(&text);
                    crate::xml::Dom::parse(&name, src)?;
                    max_docpr = max_docpr.max(scan_max_docpr(&text));
                }
            } else {
                total = total.saturating_add(declared);
                if declared > 1 << 16 && declared / compressed.max(1) > limits.max_ratio {
                    return Err(Error::Limit(format!(
                        "entry {name} declares a {}× expansion (max_ratio is {})",
                        declared / compressed.max(1),
                        limits.max_ratio
                    )));
                }
            }
            if total > limits.max_total_bytes {
                return Err(Error::Limit(format!(
                    "the package expands to more than max_total_bytes ({})",
                    limits.max_total_bytes
                )));
            }
            entries.push(Entry { name, time, xml });
        }
        if !entries.iter().any(|e| e.name == "word/document.xml") {
            return Err(Error::MissingPart("word/document.xml".into()));
        }
        Ok(Package {
            archive,
            entries,
            max_docpr,
        })
    }

    /// Decompresses entry `index` as UTF-8 text, within `limits`.
    pub(crate) fn read_text(&self, index: usize, limits: &Limits) -> Result<String, Error> {
        let mut archive = self.archive.clone();
        let f = archive.by_index(index).map_err(zip_err)?;
        let name = f.name().map_err(zip_err)?.to_string();
        let compressed = f.compressed_size();
        let mut buf = Vec::new();
        f.take(limits.max_part_bytes + 1)
            .read_to_end(&mut buf)
            .map_err(|e| Error::Zip(format!("{name}: {e}")))?;
        let size = buf.len() as u64;
        if size > limits.max_part_bytes
            || (size > 1 << 16 && size / compressed.max(1) > limits.max_ratio)
        {
            return Err(Error::Limit(format!(
                "entry {name} exceeds max_part_bytes or max_ratio"
            )));
        }
        String::from_utf8(buf).map_err(|e| Error::MalformedXml {
            part: name,
            position: e.utf8_error().valid_up_to() as u64,
            message: "not UTF-8".into(),
        })
    }

    /// Writes the package: `parts[i]` replaces entry `i` when it is `Some`.
    pub(crate) fn write<W: Write + Seek>(
        &self,
        out: W,
        parts: &[Option<Vec<u8>>],
    ) -> Result<W, Error> {
        let mut archive = self.archive.clone();
        let mut zw = ZipWriter::new(out);
        for (i, entry) in self.entries.iter().enumerate() {
            match parts.get(i).and_then(|p| p.as_ref()) {
                Some(bytes) => {
                    // Setting up a deflate stream clears about 300 kB of tables, which costs more
                    // than it saves on a small header or footer: those are stored.
                    let (method, level) = if bytes.len() < STORE_BELOW {
                        (CompressionMethod::Stored, None)
                    } else {
                        (CompressionMethod::Deflated, Some(DEFLATE_LEVEL))
                    };
                    let options = SimpleFileOptions::default()
                        .compression_method(method)
                        .compression_level(level)
                        .last_modified_time(entry.time)
                        .large_file(bytes.len() as u64 >= u64::from(u32::MAX));
                    zw.start_file(entry.name.as_str(), options)
                        .map_err(zip_err)?;
                    zw.write_all(bytes)?;
                }
                None => {
                    let f = archive.by_index_raw(i).map_err(zip_err)?;
                    zw.raw_copy_file(f).map_err(zip_err)?;
                }
            }
        }
        zw.finish().map_err(zip_err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(check_name("word/document.xml").is_ok());
        for bad in ["../x", "/etc/x", "a\\b", "C:/x", "a/../../b", ""] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
        assert!(is_templated("word/header1.xml"));
        assert!(is_templated("word/comments.xml"));
        assert!(!is_templated("word/styles.xml"));
        assert!(!is_templated("word/media/header.png"));
        assert!(!may_hold_tags("<w:t>plain</w:t>"));
        assert!(may_hold_tags("<w:t>{</w:t>"));
        assert!(may_hold_tags("<w:t>&#x7B;&#x7B;a}}</w:t>"));
        assert_eq!(
            scan_max_docpr(r#"<wp:docPr id="7" name="a"/><wp:docPr name="b" id="12"/>"#),
            12
        );
    }
}
