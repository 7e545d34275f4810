//! Writes a synthetic catalogue as JSON Lines: `cargo run --release --example synth -- PROJECTS [SEED] > FILE`.

#[path = "../benches/support/synth.rs"]
mod synth;

use std::io::{BufWriter, Write};

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let projects: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let totals = synth::generate(projects, seed, &mut out)?;
    out.flush()?;
    eprintln!("{totals:?}");
    Ok(())
}
