//! Writes a synthetic catalogue as JSON Lines:
//! `cargo run --release --example synth -- PROJECTS [SEED] [--realistic] > FILE`
//! (`--realistic`: sources like real reports; see benches/support/synth.rs).

#[path = "../benches/support/synth.rs"]
mod synth;

use std::io::{BufWriter, Write};

fn main() -> std::io::Result<()> {
    let realistic = std::env::args().any(|a| a == "--realistic");
    let mut args = std::env::args().skip(1).filter(|a| a != "--realistic");
    let projects: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let totals = if realistic {
        synth::generate_realistic(projects, seed, &mut out)?
    } else {
        synth::generate(projects, seed, &mut out)?
    };
    out.flush()?;
    eprintln!("{totals:?}");
    Ok(())
}
