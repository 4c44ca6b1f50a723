//! Criterion benches of the template engine's parts, on the peer kit's support-plan template
//! (`benches/fixtures/`, copied from `shared/peers/`): parsing, filling, the whole document, the
//! floor (unzip and re-zip the template at the same compression), and growth with the number of
//! repeated rows (1×, 10×, 100×). See `benches/README.md`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use serde_json::Value;
use supportplan::render::Template;

#[path = "support/floor.rs"]
mod floor;

const CLEAN: &[u8] = include_bytes!("fixtures/peer_clean.docx");
const SPLIT: &[u8] = include_bytes!("fixtures/peer_split.docx");
const DATA: &str = include_str!("fixtures/peer_data.json");

fn data() -> Value {
    serde_json::from_str(DATA).expect("bench data is JSON")
}

/// The data with every repeated list (outcomes, provision, review rows, appendices) `k` times.
fn scaled(k: usize) -> Value {
    let mut d = data();
    if let Value::Object(map) = &mut d {
        for (_, v) in map.iter_mut() {
            if let Value::Array(items) = v {
                if items.first().is_some_and(Value::is_object) {
                    let one = items.clone();
                    items.clear();
                    for _ in 0..k {
                        items.extend(one.iter().cloned());
                    }
                }
            }
        }
    }
    d
}

fn engine(c: &mut Criterion) {
    let d = data();
    let mut g = c.benchmark_group("document");
    for (name, bytes) in [("clean", CLEAN), ("split", SPLIT)] {
        g.bench_function(BenchmarkId::new("parse", name), |b| {
            b.iter(|| Template::from_bytes(black_box(bytes)).expect("parse"))
        });
        let tpl = Template::from_bytes(bytes).expect("parse");
        g.bench_function(BenchmarkId::new("fill", name), |b| {
            b.iter(|| tpl.render(black_box(&d)).expect("render"))
        });
        g.bench_function(BenchmarkId::new("parse+fill", name), |b| {
            b.iter(|| {
                Template::from_bytes(black_box(bytes))
                    .and_then(|t| t.render(black_box(&d)))
                    .expect("render")
            })
        });
    }
    g.bench_function("floor unzip+rezip", |b| {
        b.iter(|| floor::unzip_rezip(black_box(CLEAN)).expect("floor"))
    });
    g.finish();

    let mut g = c.benchmark_group("rows");
    let tpl = Template::from_bytes(CLEAN).expect("parse");
    for k in [1usize, 10, 100] {
        let d = scaled(k);
        g.throughput(Throughput::Elements(k as u64));
        g.bench_with_input(BenchmarkId::from_parameter(format!("{k}x")), &d, |b, d| {
            b.iter(|| tpl.render(black_box(d)).expect("render"))
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = engine
}
criterion_main!(benches);
