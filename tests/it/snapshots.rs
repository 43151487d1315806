//! Snapshot tests of rendered output for the bundled examples (insta). A change in a
//! figure or a label shows up as a reviewed diff: `INSTA_UPDATE=always cargo test` then
//! read `git diff tests/it/snapshots`.

use crate::cli::nytta;

const EXAMPLES: &[&str] = &["e-tjanst-bygglov", "delad-tjanst", "bokningssystem", "worked-example"];

fn example(name: &str) -> String {
    format!("{}/examples/{name}.toml", env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> String {
    let out = nytta().args(args).assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn table_swedish() {
    for name in EXAMPLES {
        insta::assert_snapshot!(
            format!("table_sv_{name}"),
            run(&["report", &example(name), "--lang", "sv"])
        );
    }
}

#[test]
fn table_english() {
    for name in EXAMPLES {
        insta::assert_snapshot!(
            format!("table_en_{name}"),
            run(&["report", &example(name), "--lang", "en"])
        );
    }
}

#[test]
fn markdown_swedish() {
    for name in EXAMPLES {
        insta::assert_snapshot!(
            format!("markdown_sv_{name}"),
            run(&["report", &example(name), "--format", "markdown", "--lang", "sv"])
        );
    }
}

#[test]
fn json() {
    for name in EXAMPLES {
        insta::assert_snapshot!(
            format!("json_{name}"),
            run(&["report", &example(name), "--format", "json"])
        );
    }
}

#[test]
fn every_example_passes_check() {
    for name in EXAMPLES {
        nytta()
            .args(["check", "--format", "json", &example(name)])
            .assert()
            .success();
    }
}
