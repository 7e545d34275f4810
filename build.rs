//! Writes the list of embedded migrations (version, name, refinery's checksum) as Rust source,
//! so that a command that only reads checks the catalogue's migration history without building
//! refinery's runner (which compiles a regular expression for the file names on every start).
//! `store::migrate`'s tests check this list against refinery's own. Also writes the bundled
//! gazetteer's fingerprint, so that opening a catalogue compares its divisions with the list
//! without parsing the list (`store::divisions`' tests check it against the parsed list).

use std::hash::{Hash, Hasher};

fn main() {
    println!("cargo:rerun-if-changed=migrations");
    write_divisions_fingerprint();
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

/// The fingerprint `store::divisions` compares a catalogue's divisions table with: (rows, sum
/// of their first years, of their last years, of their names' lengths in characters), over
/// the rows `source::divisions` reads from the list (nine fields, a numeric code and first
/// year; no last year for a division in use, 在用).
fn write_divisions_fingerprint() {
    const LIST: &str = "data/divisions/areacodes.csv";
    println!("cargo:rerun-if-changed={LIST}");
    let list = std::fs::read_to_string(LIST).expect("the bundled divisions list");
    let mut fingerprint = (0_i64, 0_i64, 0_i64, 0_i64);
    for line in list.trim_start_matches('\u{feff}').lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let [code, _, _, name, _, status, from, to, _] = f[..] else {
            continue;
        };
        let (Ok(_), Ok(from)) = (code.parse::<u32>(), from.parse::<u16>()) else {
            continue;
        };
        let to = if status == "在用" {
            None
        } else {
            to.parse::<u16>().ok()
        };
        fingerprint.0 += 1;
        fingerprint.1 += i64::from(from);
        fingerprint.2 += to.map_or(0, i64::from);
        fingerprint.3 += name.chars().count() as i64;
    }
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR"))
        .join("divisions_fingerprint.rs");
    std::fs::write(
        out,
        format!(
            "/// The bundled list's (rows, first years, last years, name lengths), by build.rs.\n\
             pub const BUNDLED: (i64, i64, i64, i64) = {fingerprint:?};\n"
        ),
    )
    .expect("write divisions_fingerprint.rs");
}
