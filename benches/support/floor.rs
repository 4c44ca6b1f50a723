//! The floor both speed comparisons use: what merely unzipping and re-zipping a .docx costs,
//! with no templating. Shared by `benches/engine.rs` and `examples/peer_runner.rs`.

/// Inflates every entry of `bytes` and deflates it again, at the engine's level, into a new zip.
pub fn unzip_rezip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    use std::io::{Read, Write};
    let err = |e: &dyn std::fmt::Display| e.to_string();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| err(&e))?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(bytes.len() * 2)));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(supportplan::render::DEFLATE_LEVEL));
    let mut buf = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| err(&e))?;
        buf.clear();
        entry.read_to_end(&mut buf).map_err(|e| err(&e))?;
        let name = entry.name().map_err(|e| err(&e))?.into_owned();
        drop(entry);
        out.start_file(name, options).map_err(|e| err(&e))?;
        out.write_all(&buf).map_err(|e| err(&e))?;
    }
    Ok(out.finish().map_err(|e| err(&e))?.into_inner())
}
