//! Builds the council templates (work in progress).
fn main() {}
