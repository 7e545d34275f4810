//! README's sample output is the program's: each block after a `<!-- sample: ARGS -->` line is
//! what `zhaoshang ARGS` prints on a new catalogue with the bundled seed, so a sample cannot
//! drift from the program. `ZHAOSHANG_BLESS=1 cargo test --test readme` rewrites the blocks.

mod common;

use common::{TestEnv, stderr, stdout};

const MARK: &str = "<!-- sample: ";

/// A sample: where its block's text starts and ends in README, and the arguments it shows.
struct Sample {
    args: Vec<String>,
    start: usize,
    end: usize,
}

fn samples(readme: &str) -> Vec<Sample> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = readme[from..].find(MARK) {
        let at = from + at;
        let line_end = at + readme[at..].find('\n').expect("the mark's line ends");
        let args = readme[at + MARK.len()..line_end]
            .trim_end()
            .trim_end_matches("-->")
            .split_whitespace()
            .map(String::from)
            .collect();
        let fence = line_end + 1;
        assert!(
            readme[fence..].starts_with("```\n"),
            "a sample mark is followed by a ``` block"
        );
        let start = fence + 4;
        let end = start + readme[start..].find("```\n").expect("the block ends");
        found.push(Sample { args, start, end });
        from = end;
    }
    found
}

#[test]
fn readme_samples_are_what_the_program_prints() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let found = samples(&readme);
    assert!(found.len() >= 2, "README holds its samples");
    let env = TestEnv::new();
    let init = env.run(&["init"]);
    assert!(init.status.success(), "{}", stderr(&init));
    let bless = std::env::var_os("ZHAOSHANG_BLESS").is_some();
    let mut blessed = readme.clone();
    // From the last, so that earlier offsets stay valid while blessing.
    for sample in found.iter().rev() {
        let args: Vec<&str> = sample.args.iter().map(String::as_str).collect();
        let out = env.run(&args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let printed = stdout(&out);
        if bless {
            blessed.replace_range(sample.start..sample.end, &printed);
        } else {
            assert_eq!(
                &readme[sample.start..sample.end],
                printed,
                "README's sample of `zhaoshang {}` is stale; run \
                 ZHAOSHANG_BLESS=1 cargo test --test readme",
                args.join(" ")
            );
        }
    }
    if bless && blessed != readme {
        std::fs::write(&path, blessed).expect("write README.md");
    }
}
