//! Snapshot tests of rendered output for the bundled examples (insta). A change in a
//! figure or a label shows up as a reviewed diff: `INSTA_UPDATE=always cargo test` then
//! read `git diff tests/it/snapshots`.

use crate::cli::nytta;

const EXAMPLES: &[&str] = &[
    "e-tjanst-bygglov",
    "delad-tjanst",
    "bokningssystem",
    "worked-example",
    "klassiskt-fel",
];

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
fn markdown_english() {
    insta::assert_snapshot!(
        "markdown_en_e-tjanst-bygglov",
        run(&[
            "report",
            &example("e-tjanst-bygglov"),
            "--format",
            "markdown",
            "--lang",
            "en"
        ])
    );
}

/// Markdown to paste into an application (issue 10, item 8), in English too for the
/// shared-service example: stakeholders, besparingskrav, realism; narrow tables (years
/// split into blocks at 100 characters), no internal path such as `costs[2]`.
#[test]
fn markdown_english_shared_service() {
    let out = run(&[
        "report",
        &example("delad-tjanst"),
        "--format",
        "markdown",
        "--lang",
        "en",
    ]);
    for path in ["costs[", "benefits[", "stakeholders["] {
        assert!(!out.contains(path), "{path}");
    }
    // Every table of years is at most a page wide (names from the file aside).
    for line in out
        .lines()
        .filter(|l| l.starts_with("| Line ") || l.starts_with("| Item "))
    {
        assert!(line.matches(" | 20").count() <= 6, "{line}");
    }
    insta::assert_snapshot!("markdown_en_delad-tjanst", out);
}

/// `LANG=C.UTF-8` (a CI runner, a container) gives Swedish: nytta's readers are Swedish.
#[test]
fn c_locale_is_swedish() {
    let out = nytta()
        .env("LANG", "C.UTF-8")
        .args(["report", &example("e-tjanst-bygglov"), "--format", "markdown"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("# Nyttokalkyl") && text.contains("## Förutsättningar"),
        "{text}"
    );
    assert!(!text.contains("Benefit") && !text.contains("not stated"), "{text}");
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

/// Each bundled example shows good practice and keeps at most the warnings it exists to
/// demonstrate (its header comment says which).
#[test]
fn examples_keep_only_the_warnings_they_demonstrate() {
    let expected: &[(&str, &[&str])] = &[
        ("bokningssystem", &[]),
        ("delad-tjanst", &["W104", "W108"]),
        ("e-tjanst-bygglov", &[]),
        ("uppfoljning-bygglov", &[]),
        ("worked-example", &[]),
        ("klassiskt-fel", &["W105", "W107", "W114", "W115", "W116"]),
        ("klassiskt-fel-rattat", &[]),
    ];
    for (name, codes) in expected {
        let out = run(&["check", "--format", "json", &example(name)]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let mut found: Vec<String> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect();
        found.sort();
        found.dedup();
        assert_eq!(found, *codes, "{name}");
    }
}

#[test]
fn realisation_plan_markdown() {
    insta::assert_snapshot!(
        "realisation_markdown_sv_delad-tjanst",
        run(&[
            "report",
            &example("delad-tjanst"),
            "--section",
            "realisation",
            "--format",
            "markdown",
            "--lang",
            "sv"
        ])
    );
}

#[test]
fn follow_up_table_and_json() {
    let project = example("uppfoljning-bygglov");
    let actuals = format!("{}/examples/utfall-2025.csv", env!("CARGO_MANIFEST_DIR"));
    let args = [
        "follow-up",
        project.as_str(),
        "--actuals",
        actuals.as_str(),
        "--as-of",
        "2025",
    ];
    let mut table = args.to_vec();
    table.extend(["--lang", "sv"]);
    insta::assert_snapshot!("follow_up_table_sv", run(&table));
    let mut json = args.to_vec();
    json.extend(["--format", "json"]);
    insta::assert_snapshot!("follow_up_json", run(&json));
}
