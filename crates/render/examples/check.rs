//! Lists a template's tags or its errors: `cargo run -p supportplan-render --example check -- T.docx`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: check TEMPLATE.docx");
        std::process::exit(2);
    };
    match supportplan_render::check(&std::fs::read(path)?) {
        Ok(tags) => {
            for t in tags {
                println!("{:?} {} at {}", t.kind, t.name, t.location);
            }
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
    Ok(())
}
