//! `supportplan batch`: one document per line of a JSON Lines file, on all cores.
//!
//! Memory stays constant whatever the batch size: the template is parsed once and shared, lines
//! are read as they are needed through a bounded queue, and each document is written to disk as
//! soon as it is rendered. A bad line is reported with its line number and the rest still render.

use std::io::{BufRead, BufReader, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use super::io::{read_input, write_output};
use super::{CliError, CmdResult};

/// Arguments of `supportplan batch`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The tagged .docx template.
    #[arg(long)]
    template: PathBuf,
    /// The data: one JSON object per line (`-` for standard input). Blank lines are skipped.
    data: PathBuf,
    /// The directory for the documents, created if missing; line N is written to `NNNNNN.docx`.
    #[arg(long)]
    out_dir: PathBuf,
    /// Worker threads (default: one per core).
    #[arg(long)]
    jobs: Option<usize>,
}

/// Runs `supportplan batch`.
pub(crate) fn run(args: Args) -> CmdResult {
    let template_name = args.template.display().to_string();
    let template_bytes = read_input(&args.template)?;
    let template = supportplan::render::Template::from_bytes(&template_bytes)
        .map_err(|e| super::fill::render_error(&template_name, e))?;
    drop(template_bytes);
    std::fs::create_dir_all(&args.out_dir).map_err(|source| CliError::Io {
        what: "cannot create",
        path: args.out_dir.display().to_string(),
        source,
    })?;
    let input: Box<dyn BufRead + Send> = if args.data.as_os_str() == "-" {
        Box::new(BufReader::new(std::io::stdin()))
    } else {
        let f = std::fs::File::open(&args.data).map_err(|source| CliError::Io {
            what: "cannot read",
            path: args.data.display().to_string(),
            source,
        })?;
        Box::new(BufReader::new(f))
    };
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);

    let started = Instant::now();
    let done = AtomicUsize::new(0);
    let failures: Mutex<Vec<(usize, String)>> = Mutex::new(Vec::new());
    let read_error: Mutex<Option<CliError>> = Mutex::new(None);
    let progress = std::io::stderr().is_terminal();
    let (tx, rx) = mpsc::sync_channel::<(usize, String)>(jobs * 2);
    let rx = Mutex::new(rx);

    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| {
                loop {
                    let next = match rx.lock() {
                        Ok(guard) => guard.recv(),
                        Err(_) => return,
                    };
                    let Ok((line_no, line)) = next else { return };
                    let result = render_line(&template, &line, &args.out_dir, line_no);
                    if let Err(msg) = result {
                        if let Ok(mut f) = failures.lock() {
                            f.push((line_no, msg));
                        }
                    }
                    let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                    if progress && n % 16 == 0 {
                        let rate = n as f64 / started.elapsed().as_secs_f64().max(1e-9);
                        eprint!("\r{n} document(s) processed ({rate:.0}/s)");
                        let _ = std::io::stderr().flush();
                    }
                }
            });
        }
        // The reader: stream lines into the bounded queue.
        let mut input = input;
        let mut line = String::new();
        let mut line_no = 0usize;
        loop {
            line.clear();
            match input.read_line(&mut line) {
                Ok(0) => break,
                Ok(_) => {
                    line_no += 1;
                    if line.trim().is_empty() {
                        continue;
                    }
                    if tx.send((line_no, std::mem::take(&mut line))).is_err() {
                        break;
                    }
                }
                Err(source) => {
                    if let Ok(mut e) = read_error.lock() {
                        *e = Some(CliError::Io {
                            what: "cannot read",
                            path: format!("{} (line {})", args.data.display(), line_no + 1),
                            source,
                        });
                    }
                    break;
                }
            }
        }
        drop(tx);
    });

    if let Some(e) = read_error.into_inner().ok().flatten() {
        return Err(e);
    }
    let total = done.load(Ordering::Relaxed);
    let mut failures = failures.into_inner().unwrap_or_default();
    failures.sort_by_key(|(n, _)| *n);
    if progress {
        eprintln!();
    }
    for (line_no, msg) in &failures {
        eprintln!("line {line_no}: {msg}");
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "rendered {} of {} document(s) into {} in {:.2} s ({:.0}/s), {} failed",
        total - failures.len(),
        total,
        args.out_dir.display(),
        secs,
        total as f64 / secs.max(1e-9),
        failures.len()
    );
    Ok(if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Renders one line into `out_dir/NNNNNN.docx`; the error message names the problem, never data.
fn render_line(
    template: &supportplan::render::Template,
    line: &str,
    out_dir: &Path,
    line_no: usize,
) -> Result<(), String> {
    let data: serde_json::Value = serde_json::from_str(line)
        .map_err(|e| format!("not valid JSON at column {}", e.column()))?;
    let bytes = template.render(&data).map_err(|e| match e {
        supportplan::render::Error::Template(errors) => {
            format!("{} template error(s)", errors.len())
        }
        other => other.to_string(),
    })?;
    let path = out_dir.join(format!("{line_no:06}.docx"));
    write_output(&path, &bytes).map_err(|e| e.to_string())
}
