//! Builds the council templates in `templates/` from code, reproducibly.
//!
//! `supportplan-templates-builder DIR` writes the three `.docx` templates into `DIR`;
//! `supportplan-templates-builder --check DIR` rebuilds them in memory and exits with status 1
//! when a committed file differs (or is missing), so CI notices a template edited by hand or a
//! builder change whose output was not committed.

mod common;
mod coventry;
mod kirklees;
mod termly;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use common::Error;

/// One template: its id (file name without `.docx`) and the bytes of its package.
struct Built {
    id: &'static str,
    bytes: Vec<u8>,
}

/// Builds every template in memory.
fn build_all() -> Result<Vec<Built>, Error> {
    Ok(vec![
        Built {
            id: kirklees::ID,
            bytes: common::finish(kirklees::build, kirklees::TITLE)?,
        },
        Built {
            id: termly::ID,
            bytes: common::finish(termly::build, termly::TITLE)?,
        },
        Built {
            id: coventry::ID,
            bytes: common::finish(coventry::build, coventry::TITLE)?,
        },
    ])
}

fn path_of(dir: &Path, id: &str) -> PathBuf {
    dir.join(format!("{id}.docx"))
}

/// Compares the built templates with the files in `dir`; returns the ids that differ.
fn check(dir: &Path, built: &[Built]) -> Vec<&'static str> {
    built
        .iter()
        .filter(|b| std::fs::read(path_of(dir, b.id)).ok().as_deref() != Some(b.bytes.as_slice()))
        .map(|b| b.id)
        .collect()
}

fn run() -> Result<ExitCode, Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (check_only, dir) = match args.as_slice() {
        [flag, dir] if flag == "--check" => (true, dir),
        [dir] if !dir.starts_with('-') => (false, dir),
        _ => {
            eprintln!("usage: supportplan-templates-builder [--check] DIR");
            return Ok(ExitCode::from(2));
        }
    };
    let dir = Path::new(dir);
    let built = build_all()?;
    if check_only {
        let differ = check(dir, &built);
        if differ.is_empty() {
            println!("templates up to date: {}", built.len());
            return Ok(ExitCode::SUCCESS);
        }
        for id in differ {
            eprintln!(
                "{} differs from the builder's output; run the builder and commit it",
                path_of(dir, id).display()
            );
        }
        return Ok(ExitCode::from(1));
    }
    std::fs::create_dir_all(dir)?;
    for b in &built {
        let path = path_of(dir, b.id);
        std::fs::write(&path, &b.bytes)?;
        println!("wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
