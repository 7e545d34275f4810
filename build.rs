//! Writes the list of embedded migrations (version, name, refinery's checksum) as Rust source,
//! so that a command that only reads checks the catalogue's migration history without building
//! refinery's runner (which compiles a regular expression for the file names on every start).
//! `store::migrate`'s tests check this list against refinery's own.

use std::hash::{Hash, Hasher};

fn main() {
    println!("cargo:rerun-if-changed=migrations");
    // The program starts about 10% sooner as a position-dependent executable on Linux: the
    // loader has no relocations to apply to its 700 KB of read-only data (36,000 of them as a
    // PIE). The code is compiled position-independent as usual; only the link differs.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    let mut known: Vec<(i32, String, u64)> = Vec::new();
    for entry in std::fs::read_dir("migrations").expect("migrations/") {
        let path = entry.expect("a migration file").path();
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if path.extension().and_then(|e| e.to_str()) != Some("sql") {
            continue;
        }
        let Some((version, name)) = stem.strip_prefix('V').and_then(|s| s.split_once("__")) else {
            panic!("migration file {stem} is not named V<version>__<name>.sql");
        };
        let version: i32 = version.parse().expect("a migration version");
        let sql = std::fs::read_to_string(&path).expect("a migration's SQL");
        // refinery-core 0.10's Migration::unapplied: SipHasher13 over name, version, SQL.
        let mut hasher = siphasher::sip::SipHasher13::new();
        name.to_string().hash(&mut hasher);
        version.hash(&mut hasher);
        sql.as_str().hash(&mut hasher);
        known.push((version, name.to_string(), hasher.finish()));
    }
    known.sort();
    let rows: String = known
        .iter()
        .map(|(v, n, c)| format!("    ({v}, {n:?}, {c}),\n"))
        .collect();
    let out =
        std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("migrations.rs");
    std::fs::write(
        out,
        format!("/// (version, name, checksum) of each embedded migration.\npub const KNOWN: &[(i64, &str, u64)] = &[\n{rows}];\n"),
    )
    .expect("write migrations.rs");
}
