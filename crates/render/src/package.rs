//! The zip package: reading entries safely within [`Limits`], and writing the output with
//! untouched entries copied raw (no recompression) and rewritten parts deflated.
//!
//! The output zip is written here rather than with `zip::ZipWriter`: an untouched entry is its
//! original compressed bytes behind headers prepared once at parse time (same name, flags,
//! method, timestamps, CRC, sizes, attributes, comment and extra fields, less any zip64 field),
//! and rewritten parts share one reused deflate stream per thread, so a render does not pay for
//! setting up a compressor and its tables. Templated parts are likewise inflated with one reused
//! stream per thread (the zip crate only reads what is neither stored nor deflated, or is
//! encrypted). The two streams stay allocated for the life of each thread that used them (a few
//! hundred kB).

use std::cell::RefCell;
use std::io::{Cursor, Read};
use std::ops::Range;
use std::sync::Arc;

use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};
use zip::{DateTime, ZipArchive};

use crate::error::Error;
use crate::limits::Limits;

/// Deflate level for rewritten parts. Measured on the peer benchmark's support-plan template
/// (rendered `document.xml` 75 kB): level 1 took 0.56 ms for 13.8 kB, level 6 1.53 ms for
/// 11.6 kB, level 9 2.58 ms for 11.3 kB. Level 6 would make the .docx about 4 % smaller for
/// almost three times the compression time, which dominates rendering: level 1 wins.
pub const DEFLATE_LEVEL: i64 = 1;

/// Rewritten parts smaller than this are stored uncompressed: starting a deflate stream (even a
/// reused one, whose reset clears a 128 kB hash table) costs about as much as rendering a small
/// header, to save about 1 kB.
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
    /// How to copy the entry when it is not rewritten.
    raw: RawCopy,
}

/// An untouched entry, ready to copy: its local header, the span of its compressed bytes in the
/// template, an optional data descriptor, and its central directory record (whose local header
/// offset, at [`CD_OFFSET_AT`], is filled in when written).
#[derive(Debug, Clone)]
struct RawCopy {
    local: Vec<u8>,
    data: Range<usize>,
    descriptor: Vec<u8>,
    central: Vec<u8>,
    /// Compression method, whether encrypted, and CRC-32 (to read a templated part directly).
    method: u16,
    encrypted: bool,
    crc: u32,
}

/// A read package.
#[derive(Debug, Clone)]
pub(crate) struct Package {
    pub archive: ZipArchive<Cursor<Shared>>,
    /// The template bytes (the raw copies' compressed data is read from them).
    bytes: Shared,
    pub entries: Vec<Entry>,
    /// Largest `wp:docPr id` in templated parts that are copied raw (they hold no tags).
    pub max_docpr: u64,
    /// Largest revision id (tracked changes) in templated parts that are copied raw.
    pub max_revision: u64,
}

const LOCAL_SIG: u32 = 0x0403_4b50;
const CENTRAL_SIG: u32 = 0x0201_4b50;
const DESCRIPTOR_SIG: u32 = 0x0807_4b50;
const EOCD_SIG: u32 = 0x0605_4b50;
/// Length of a central directory record before its name.
const CENTRAL_LEN: usize = 46;
/// Position of the local header offset in a central directory record.
const CD_OFFSET_AT: usize = 42;
/// General purpose flags: encrypted, data descriptor follows, UTF-8 name.
const FLAG_ENCRYPTED: u16 = 1;
const FLAG_DESCRIPTOR: u16 = 1 << 3;
const FLAG_UTF8: u16 = 1 << 11;
/// Extra field id of zip64 sizes and offsets (dropped: the output never needs zip64).
const ZIP64_EXTRA: u16 = 0x0001;

fn le16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn le32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// A size or offset as the 32-bit field of a zip without zip64 (`0xFFFFFFFF` would mean zip64).
fn small(v: u64, what: &str) -> Result<u32, Error> {
    u32::try_from(v)
        .ok()
        .filter(|&v| v != u32::MAX)
        .ok_or_else(|| Error::Limit(format!("{what} is too large for a zip without zip64")))
}

/// Extra fields without zip64 ones (a malformed tail is dropped).
fn strip_zip64(extra: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(extra.len());
    let mut at = 0;
    while let (Some(id), Some(len)) = (le16(extra, at), le16(extra, at + 2)) {
        let end = at + 4 + usize::from(len);
        let Some(field) = extra.get(at..end) else {
            break;
        };
        if id != ZIP64_EXTRA {
            out.extend_from_slice(field);
        }
        at = end;
    }
    out
}

/// The fields shared by a local header and a central directory record, from `version_needed`
/// to the extra field length.
#[allow(clippy::too_many_arguments)]
fn put_common(
    out: &mut Vec<u8>,
    version_needed: u16,
    flags: u16,
    method: u16,
    time: u16,
    date: u16,
    crc: u32,
    sizes: (u32, u32),
    name_len: u16,
    extra_len: u16,
) {
    put16(out, version_needed);
    put16(out, flags);
    put16(out, method);
    put16(out, time);
    put16(out, date);
    put32(out, crc);
    put32(out, sizes.0);
    put32(out, sizes.1);
    put16(out, name_len);
    put16(out, extra_len);
}

fn len16(n: usize, what: &str) -> Result<u16, Error> {
    u16::try_from(n).map_err(|_| Error::NotAZip(format!("{what} is too long")))
}

impl RawCopy {
    /// Prepares the copy of entry `f` of the zip `bytes` from its central directory record.
    fn new<R: Read>(bytes: &[u8], f: &zip::read::ZipFile<'_, R>) -> Result<RawCopy, Error> {
        let bad = || {
            Error::NotAZip(format!(
                "entry {:?}: bad headers",
                f.name_raw().escape_ascii()
            ))
        };
        let cd = usize::try_from(f.central_header_start()).map_err(|_| bad())?;
        let rec = bytes.get(cd..).ok_or_else(bad)?;
        if le32(rec, 0) != Some(CENTRAL_SIG) {
            return Err(bad());
        }
        let field = |at| le16(rec, at).ok_or_else(bad);
        let (made_by, needed, flags, method) = (field(4)?, field(6)?, field(8)?, field(10)?);
        let (time, date) = (field(12)?, field(14)?);
        let (name_len, extra_len, comment_len) = (
            usize::from(field(28)?),
            usize::from(field(30)?),
            usize::from(field(32)?),
        );
        let internal = field(36)?;
        let external = le32(rec, 38).ok_or_else(bad)?;
        let name = rec
            .get(CENTRAL_LEN..CENTRAL_LEN + name_len)
            .ok_or_else(bad)?;
        let extra_at = CENTRAL_LEN + name_len;
        let central_extra = strip_zip64(rec.get(extra_at..extra_at + extra_len).ok_or_else(bad)?);
        let comment_at = extra_at + extra_len;
        let comment = rec
            .get(comment_at..comment_at + comment_len)
            .ok_or_else(bad)?;
        // The local header's own extra fields.
        let lh = usize::try_from(f.header_start()).map_err(|_| bad())?;
        let local_rec = bytes.get(lh..).ok_or_else(bad)?;
        if le32(local_rec, 0) != Some(LOCAL_SIG) {
            return Err(bad());
        }
        let (lname, lextra) = (
            usize::from(le16(local_rec, 26).ok_or_else(bad)?),
            usize::from(le16(local_rec, 28).ok_or_else(bad)?),
        );
        let local_extra = strip_zip64(
            local_rec
                .get(30 + lname..30 + lname + lextra)
                .ok_or_else(bad)?,
        );

        let start = f
            .data_start()
            .and_then(|s| usize::try_from(s).ok())
            .ok_or_else(bad)?;
        let end = usize::try_from(f.compressed_size())
            .ok()
            .and_then(|n| start.checked_add(n))
            .filter(|&e| e <= bytes.len())
            .ok_or_else(bad)?;
        let crc = f.crc32();
        let sizes = (
            small(f.compressed_size(), "an entry")?,
            small(f.size(), "an entry")?,
        );
        // Sizes go in the local header; a data descriptor is kept only for an encrypted entry,
        // whose password check depends on it.
        let encrypted = flags & FLAG_ENCRYPTED != 0;
        let flags = if encrypted {
            flags
        } else {
            flags & !FLAG_DESCRIPTOR
        };
        let mut descriptor = Vec::new();
        if flags & FLAG_DESCRIPTOR != 0 {
            put32(&mut descriptor, DESCRIPTOR_SIG);
            put32(&mut descriptor, crc);
            put32(&mut descriptor, sizes.0);
            put32(&mut descriptor, sizes.1);
        }
        let name_len = len16(name.len(), "an entry name")?;
        let mut local = Vec::with_capacity(30 + name.len() + local_extra.len());
        put32(&mut local, LOCAL_SIG);
        let lextra_len = len16(local_extra.len(), "an extra field")?;
        put_common(
            &mut local, needed, flags, method, time, date, crc, sizes, name_len, lextra_len,
        );
        local.extend_from_slice(name);
        local.extend_from_slice(&local_extra);

        let mut central =
            Vec::with_capacity(CENTRAL_LEN + name.len() + central_extra.len() + comment.len());
        put32(&mut central, CENTRAL_SIG);
        put16(&mut central, made_by);
        let cextra_len = len16(central_extra.len(), "an extra field")?;
        put_common(
            &mut central,
            needed,
            flags,
            method,
            time,
            date,
            crc,
            sizes,
            name_len,
            cextra_len,
        );
        put16(&mut central, len16(comment.len(), "a comment")?);
        put16(&mut central, 0); // disk number
        put16(&mut central, internal);
        put32(&mut central, external);
        put32(&mut central, 0); // local header offset, set when written
        central.extend_from_slice(name);
        central.extend_from_slice(&central_extra);
        central.extend_from_slice(comment);
        Ok(RawCopy {
            local,
            data: start..end,
            descriptor,
            central,
            method,
            encrypted,
            crc,
        })
    }
}

thread_local! {
    /// The deflate stream reused by every render on this thread (reset before each part).
    static DEFLATE: RefCell<Option<Compress>> = const { RefCell::new(None) };
    /// The inflate stream reused by every parse on this thread (reset before each part).
    static INFLATE: RefCell<Option<Decompress>> = const { RefCell::new(None) };
}

/// Decompresses a stored or deflated, unencrypted entry straight from the template bytes with
/// a reused inflate stream, stopping once it exceeds `max` bytes (the caller refuses it then),
/// and checks its CRC-32. `None` for other entries, which go through the zip crate.
fn read_plain(
    bytes: &[u8],
    raw: &RawCopy,
    declared: u64,
    max: u64,
) -> Option<Result<Vec<u8>, String>> {
    if raw.encrypted || !matches!(raw.method, 0 | 8) {
        return None;
    }
    let data = bytes.get(raw.data.clone())?;
    let limit = usize::try_from(max).unwrap_or(usize::MAX);
    let mut out = Vec::new();
    if raw.method == 0 {
        out.extend_from_slice(&data[..data.len().min(limit.saturating_add(1))]);
    } else {
        let hint = usize::try_from(declared.min(max)).unwrap_or(0);
        out.reserve_exact(hint.saturating_add(64));
        if let Err(e) = inflate_into(data, &mut out, limit) {
            return Some(Err(e));
        }
    }
    if out.len() <= limit && crc32fast::hash(&out) != raw.crc {
        return Some(Err("invalid checksum".into()));
    }
    Some(Ok(out))
}

/// Appends `data` raw-inflated to `out`, stopping once `out` exceeds `limit` bytes.
fn inflate_into(data: &[u8], out: &mut Vec<u8>, limit: usize) -> Result<(), String> {
    INFLATE.with(|cell| {
        let mut slot = cell.borrow_mut();
        let d = match slot.as_mut() {
            Some(d) => {
                d.reset(false);
                d
            }
            None => slot.insert(Decompress::new(false)),
        };
        let mut fed = 0;
        loop {
            if out.len() > limit {
                return Ok(());
            }
            if out.len() == out.capacity() {
                let room = (limit - out.len()).saturating_add(1);
                out.reserve_exact(out.len().max(4096).min(room));
            }
            let (in_before, out_before) = (d.total_in(), out.len());
            let status = d
                .decompress_vec(
                    data.get(fed..).unwrap_or_default(),
                    out,
                    FlushDecompress::None,
                )
                .map_err(|e| e.to_string())?;
            fed += usize::try_from(d.total_in() - in_before).unwrap_or(0);
            if status == Status::StreamEnd {
                return Ok(());
            }
            if d.total_in() == in_before && out.len() == out_before && out.len() < out.capacity() {
                return Err("truncated or corrupt deflate data".into());
            }
        }
    })
}

/// Appends `data` raw-deflated at [`DEFLATE_LEVEL`] to `out`.
fn deflate_into(out: &mut Vec<u8>, data: &[u8]) -> Result<(), Error> {
    DEFLATE.with(|cell| {
        let mut slot = cell.borrow_mut();
        let c = match slot.as_mut() {
            Some(c) => {
                c.reset();
                c
            }
            None => slot.insert(Compress::new(Compression::new(DEFLATE_LEVEL as u32), false)),
        };
        let mut fed = 0;
        loop {
            // Room for the whole rest in one call (deflate grows incompressible input by a few
            // bytes per 16 kB block).
            out.reserve(data.len() - fed + (data.len() - fed) / 1000 + 64);
            let before = c.total_in();
            let status = c
                .compress_vec(&data[fed..], out, FlushCompress::Finish)
                .map_err(|e| Error::Zip(format!("deflate: {e}")))?;
            fed += usize::try_from(c.total_in() - before).unwrap_or(0);
            if status == Status::StreamEnd {
                return Ok(());
            }
        }
    })
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
        let mut archive = ZipArchive::new(Cursor::new(shared.clone()))
            .map_err(|e| Error::NotAZip(e.to_string()))?;
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
        let mut max_revision = 0;
        if archive.has_duplicate_names() {
            return Err(Error::NotAZip("duplicate entry names".into()));
        }
        for i in 0..archive.len() {
            let (name, time, declared, compressed, raw) = {
                let f = archive.by_index_raw(i).map_err(zip_err)?;
                let name = f
                    .name()
                    .map_err(|_| {
                        Error::UnsafeEntryName(String::from_utf8_lossy(f.name_raw()).into())
                    })?
                    .to_string();
                check_name(&name)?;
                let time = f
                    .last_modified()
                    .filter(DateTime::is_valid)
                    .unwrap_or_default();
                let raw = RawCopy::new(bytes, &f)?;
                (name, time, f.size(), f.compressed_size(), raw)
            };
            if declared > limits.max_part_bytes {
                return Err(Error::Limit(format!(
                    "entry {name} declares {declared} bytes (max_part_bytes is {})",
                    limits.max_part_bytes
                )));
            }
            let mut xml = None;
            if is_templated(&name) {
                let buf = match read_plain(bytes, &raw, declared, limits.max_part_bytes) {
                    Some(read) => read.map_err(|e| Error::Zip(format!("{name}: {e}")))?,
                    None => {
                        let f = archive.by_index(i).map_err(zip_err)?;
                        let mut buf =
                            Vec::with_capacity(declared.min(limits.max_part_bytes) as usize);
                        f.take(limits.max_part_bytes + 1)
                            .read_to_end(&mut buf)
                            .map_err(|e| Error::Zip(format!("{name}: {e}")))?;
                        buf
                    }
                };
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
                    max_revision = max_revision.max(crate::section::scan_max_revision_id(&text));
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
            entries.push(Entry {
                name,
                time,
                xml,
                raw,
            });
        }
        if !entries.iter().any(|e| e.name == "word/document.xml") {
            return Err(Error::MissingPart("word/document.xml".into()));
        }
        Ok(Package {
            archive,
            bytes: shared,
            entries,
            max_docpr,
            max_revision,
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

    /// Writes the package into a new buffer: `parts[i]` replaces entry `i` when it is `Some`.
    /// Rewritten parts are deflated at [`DEFLATE_LEVEL`], or stored below [`STORE_BELOW`].
    pub(crate) fn write(&self, parts: &[Option<Vec<u8>>]) -> Result<Vec<u8>, Error> {
        let bytes = &self.bytes.0;
        let rewritten: usize = parts.iter().flatten().map(Vec::len).sum();
        // Room for the worst case (rewritten parts stored), so the buffer never moves.
        let mut out = Vec::with_capacity(bytes.len() + rewritten + 1024);
        let mut central = Vec::with_capacity(self.entries.len() * 80);
        for (i, entry) in self.entries.iter().enumerate() {
            let offset = small(out.len() as u64, "the package")?;
            let Some(data) = parts.get(i).and_then(|p| p.as_ref()) else {
                let raw = &entry.raw;
                out.extend_from_slice(&raw.local);
                out.extend_from_slice(bytes.get(raw.data.clone()).unwrap_or_default());
                out.extend_from_slice(&raw.descriptor);
                let at = central.len() + CD_OFFSET_AT;
                central.extend_from_slice(&raw.central);
                if let Some(slot) = central.get_mut(at..at + 4) {
                    slot.copy_from_slice(&offset.to_le_bytes());
                }
                continue;
            };
            // Starting a deflate stream costs more than it saves on a small header or footer:
            // those are stored.
            let deflate = data.len() >= STORE_BELOW;
            let (method, needed) = if deflate { (8, 20) } else { (0, 10) };
            let name = entry.name.as_bytes();
            let flags = if entry.name.is_ascii() { 0 } else { FLAG_UTF8 };
            let (time, date) = (entry.time.timepart(), entry.time.datepart());
            let crc = crc32fast::hash(data);
            let usize_ = small(data.len() as u64, &entry.name)?;
            let name_len = len16(name.len(), "an entry name")?;
            let header = out.len();
            put32(&mut out, LOCAL_SIG);
            put_common(
                &mut out,
                needed,
                flags,
                method,
                time,
                date,
                crc,
                (0, usize_),
                name_len,
                0,
            );
            out.extend_from_slice(name);
            let start = out.len();
            if deflate {
                deflate_into(&mut out, data)?;
            } else {
                out.extend_from_slice(data);
            }
            let csize = small((out.len() - start) as u64, &entry.name)?;
            if let Some(slot) = out.get_mut(header + 18..header + 22) {
                slot.copy_from_slice(&csize.to_le_bytes());
            }
            put32(&mut central, CENTRAL_SIG);
            // Made by Unix with the version needed; a regular file, rw-r--r--.
            put16(&mut central, (3 << 8) | needed);
            put_common(
                &mut central,
                needed,
                flags,
                method,
                time,
                date,
                crc,
                (csize, usize_),
                name_len,
                0,
            );
            put16(&mut central, 0); // comment length
            put16(&mut central, 0); // disk number
            put16(&mut central, 0); // internal attributes
            put32(&mut central, 0o100_644 << 16);
            put32(&mut central, offset);
            central.extend_from_slice(name);
        }
        let cd_offset = small(out.len() as u64, "the package")?;
        let cd_size = small(central.len() as u64, "the central directory")?;
        let count = u16::try_from(self.entries.len())
            .ok()
            .filter(|&n| n != u16::MAX)
            .ok_or_else(|| Error::Limit("too many entries for a zip without zip64".into()))?;
        out.extend_from_slice(&central);
        put32(&mut out, EOCD_SIG);
        put16(&mut out, 0); // this disk
        put16(&mut out, 0); // disk with the central directory
        put16(&mut out, count);
        put16(&mut out, count);
        put32(&mut out, cd_size);
        put32(&mut out, cd_offset);
        put16(&mut out, 0); // comment length
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_parts_directly_and_checks_them() {
        let text = "<w:t>hello</w:t>".repeat(500);
        let mut zipped = Vec::new();
        deflate_into(&mut zipped, text.as_bytes()).unwrap();
        let raw = |method, data: &[u8], crc| RawCopy {
            local: Vec::new(),
            data: 0..data.len(),
            descriptor: Vec::new(),
            central: Vec::new(),
            method,
            encrypted: false,
            crc,
        };
        let crc = crc32fast::hash(text.as_bytes());
        let n = text.len() as u64;
        let read = |m, d: &[u8], c, max| read_plain(d, &raw(m, d, c), n, max).unwrap();
        assert_eq!(read(8, &zipped, crc, 1 << 20).unwrap(), text.as_bytes());
        assert_eq!(
            read(0, text.as_bytes(), crc, 1 << 20).unwrap(),
            text.as_bytes()
        );
        assert!(read(8, &zipped, crc ^ 1, 1 << 20).is_err(), "bad CRC");
        assert!(
            read(8, &zipped[..zipped.len() / 2], crc, 1 << 20).is_err(),
            "truncated"
        );
        // Over the limit: stops early, without a CRC error, for the caller to refuse.
        let big = read(8, &zipped, crc, 100).unwrap();
        assert!(big.len() > 100 && big.len() < text.len());
        assert!(read_plain(&zipped, &raw(12, &zipped, crc), n, 1 << 20).is_none());
    }

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
