//! The runner of the peer benchmark kit (`shared/peers/`): renders one template N times in one
//! process and prints one JSON line of timings, so that supportplan sits in the same table as
//! docxtpl, docxtemplater and docx-templates.
//!
//! ```text
//! cargo build --release --example peer_runner
//! peer_runner --template T.docx --data data.json --n N [--out FILE.docx]
//! ```
//!
//! Per document (timed): parse the template from its bytes, fill it, serialise the .docx to bytes
//! in memory. The template bytes and the data are read once, before the loop; the first (and for
//! N > 1 the last, as `FILE_last.docx`) document is written after the loop. `--n 0` only starts.
//!
//! `--floor` times the floor instead of the engine: per document, inflate every entry of the
//! template and deflate it again at the engine's level into a new zip, with no templating at all.

use std::process::ExitCode;

/// The same allocator as the `supportplan` command (see src/main.rs), so the runner measures the
/// engine as the command runs it; built with `--no-default-features`, the system allocator.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../benches/support/floor.rs"]
mod floor;
use std::time::Instant;

struct Args {
    template: String,
    data: String,
    n: usize,
    out: Option<String>,
    floor: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut template = None;
    let mut data = None;
    let mut n = 1usize;
    let mut out = None;
    let mut floor = false;
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{k} needs a value"));
        match k.as_str() {
            "--template" => template = Some(value()?),
            "--data" => data = Some(value()?),
            "--n" => n = value()?.parse().map_err(|e| format!("--n: {e}"))?,
            "--out" => out = Some(value()?),
            "--floor" => floor = true,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(Args {
        template: template.ok_or("--template is required")?,
        data: data.ok_or("--data is required")?,
        n,
        out,
        floor,
    })
}

fn max_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let version = env!("CARGO_PKG_VERSION");
    if args.n == 0 {
        println!(r#"{{"engine": "supportplan", "version": "{version}", "n": 0}}"#);
        return Ok(());
    }
    let template = std::fs::read(&args.template).map_err(|e| format!("{}: {e}", args.template))?;
    let data_text = std::fs::read(&args.data).map_err(|e| format!("{}: {e}", args.data))?;
    let data: serde_json::Value =
        serde_json::from_slice(&data_text).map_err(|e| format!("{}: {e}", args.data))?;

    let mut times = Vec::with_capacity(args.n);
    let mut first: Option<Vec<u8>> = None;
    let mut last = Vec::new();
    let all = Instant::now();
    for _ in 0..args.n {
        let t0 = Instant::now();
        let out = if args.floor {
            floor::unzip_rezip(&template)?
        } else {
            let tpl =
                supportplan::render::Template::from_bytes(&template).map_err(|e| e.to_string())?;
            tpl.render(&data).map_err(|e| e.to_string())?
        };
        times.push(t0.elapsed().as_secs_f64() * 1000.0);
        if first.is_none() {
            first = Some(out);
        } else {
            last = out;
        }
    }
    let total = all.elapsed().as_secs_f64();
    let first = first.unwrap_or_default();
    if let Some(path) = &args.out {
        std::fs::write(path, &first).map_err(|e| format!("{path}: {e}"))?;
        if args.n > 1 {
            let stem = path.strip_suffix(".docx").unwrap_or(path);
            let last_path = format!("{stem}_last.docx");
            std::fs::write(&last_path, &last).map_err(|e| format!("{last_path}: {e}"))?;
        }
    }
    let mut sorted = times.clone();
    sorted.sort_by(f64::total_cmp);
    let mean = times.iter().sum::<f64>() / times.len() as f64;
    let mid = sorted.len() / 2;
    let p50 = if sorted.len() % 2 == 1 {
        sorted[mid]
    } else {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    };
    let p95 = sorted[((0.95 * sorted.len() as f64) as usize).min(sorted.len() - 1)];
    let line = serde_json::json!({
        "engine": if args.floor { "floor (unzip+rezip)" } else { "supportplan" },
        "version": version,
        "runtime": "Rust (release)",
        "allocator": if cfg!(feature = "mimalloc") { "mimalloc" } else { "system" },
        "n": args.n,
        "mean_ms": mean,
        "p50_ms": p50,
        "p95_ms": p95,
        "min_ms": sorted[0],
        "first_ms": times[0],
        "total_s": total,
        "docs_per_s": args.n as f64 / total,
        "out_bytes": first.len(),
        "self_maxrss_kb": max_rss_kb(),
    });
    println!("{line}");
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("peer_runner: {e}");
            ExitCode::from(2)
        }
    }
}
