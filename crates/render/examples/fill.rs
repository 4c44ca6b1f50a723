//! Fills a template with a JSON file:
//! `cargo run --release -p supportplan-render --example fill -- T.docx DATA.json OUT.docx [N]`.
//! With N, renders N times and prints the mean time per document (parse + render, then render
//! only). For profiling, `FILL_PARSE_ONLY=1` only parses N times, `FILL_RENDER_ONLY=1` parses
//! once and renders N times, and `FILL_FLOOR=1` unzips and re-zips the template N times (the
//! floor the peer benchmark compares against).

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!("usage: fill TEMPLATE.docx DATA.json OUT.docx [N]");
        std::process::exit(2);
    }
    let template = std::fs::read(&args[1])?;
    let data: serde_json::Value = serde_json::from_slice(&std::fs::read(&args[2])?)?;
    let n: usize = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(1);
    if std::env::var_os("FILL_PARSE_ONLY").is_some() {
        for _ in 0..n {
            let t = supportplan_render::Template::from_bytes(&template)?;
            std::hint::black_box(&t);
        }
        return Ok(());
    }
    if std::env::var_os("FILL_FLOOR").is_some() {
        // The floor: unzip every entry and zip it again at the engine's deflate level.
        use std::io::{Read, Write};
        for _ in 0..n {
            let mut z = zip::ZipArchive::new(std::io::Cursor::new(&template))?;
            let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            for i in 0..z.len() {
                let mut f = z.by_index(i)?;
                let name = f.name()?.to_string();
                let mut buf = Vec::new();
                f.read_to_end(&mut buf)?;
                let o = zip::write::SimpleFileOptions::default().compression_level(Some(1));
                w.start_file(name, o)?;
                w.write_all(&buf)?;
            }
            std::hint::black_box(w.finish()?);
        }
        return Ok(());
    }
    if std::env::var_os("FILL_RENDER_ONLY").is_some() {
        let t = supportplan_render::Template::from_bytes(&template)?;
        for _ in 0..n {
            std::hint::black_box(t.render(&data)?);
        }
        return Ok(());
    }
    let start = Instant::now();
    let mut out = Vec::new();
    for _ in 0..n {
        let t = supportplan_render::Template::from_bytes(&template)?;
        out = t.render(&data)?;
    }
    let per = start.elapsed().as_secs_f64() * 1000.0 / n as f64;
    let t = supportplan_render::Template::from_bytes(&template)?;
    let s2 = Instant::now();
    for _ in 0..n {
        out = t.render(&data)?;
    }
    let render_only = s2.elapsed().as_secs_f64() * 1000.0 / n as f64;
    eprintln!("render only: {render_only:.3} ms/document");
    std::fs::write(&args[3], &out)?;
    eprintln!(
        "{n} documents, {per:.3} ms/document (parse + render), {} bytes",
        out.len()
    );
    Ok(())
}
