//! Fills a template with a JSON file: `cargo run -p supportplan-render --example fill -- T.docx DATA.json OUT.docx [N]`.
//! With N, renders N times and prints the mean time per document.

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
