//! Resource limits that protect the engine against hostile templates and data.

/// Limits applied while reading a template package and while rendering.
///
/// Every limit is checked while data streams (sizes are counted as bytes are decompressed, not
/// taken from the zip headers), so a zip bomb or an exponential nest of repeats is refused with
/// [`Error::Limit`](crate::Error::Limit) instead of exhausting memory or time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Most entries a package may hold. Default 10 000 (a large real .docx has a few hundred).
    pub max_entries: usize,
    /// Most uncompressed bytes of one entry. Default 256 MiB.
    pub max_part_bytes: u64,
    /// Most uncompressed bytes of all entries together. Default 1 GiB.
    pub max_total_bytes: u64,
    /// Highest uncompressed/compressed ratio of one entry. Default 200 (XML compresses about
    /// 5–20×; deflate's theoretical maximum is about 1032×).
    pub max_ratio: u64,
    /// Most bytes the rendered parts of one document may add up to, and the most render steps
    /// (each section iteration counts as a step). Default 512 MiB.
    pub max_output_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_entries: 10_000,
            max_part_bytes: 256 << 20,
            max_total_bytes: 1 << 30,
            max_ratio: 200,
            max_output_bytes: 512 << 20,
        }
    }
}
