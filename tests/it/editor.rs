//! Where users write and run nytta: the JSON Schema against the examples, the `init`
//! templates, a corpus of broken files and the committed schema file; shell completions;
//! the manual pages; the pre-commit hook manifest.

use super::cli::{VALID, nytta};
use serde_json::{Value, json};
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// TOML as the JSON an editor validates: dates and times become strings.
fn to_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => json!(i),
        toml::Value::Float(f) => json!(f),
        toml::Value::Boolean(b) => json!(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(to_json).collect()),
        toml::Value::Table(t) => Value::Object(t.into_iter().map(|(k, v)| (k, to_json(v))).collect()),
    }
}

fn toml_json(text: &str) -> Value {
    to_json(toml::Value::Table(text.parse::<toml::Table>().expect("TOML")))
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&nytta::schema::text()).unwrap();
    jsonschema::draft7::new(&schema).expect("a valid draft-07 schema")
}

fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn toml_files(dir: &str) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn the_committed_schema_is_what_nytta_schema_prints() {
    let committed = std::fs::read_to_string(root().join("schema/nytta-format-1.schema.json")).unwrap();
    let printed = nytta().arg("schema").assert().success().get_output().stdout.clone();
    assert!(
        committed == String::from_utf8(printed).unwrap(),
        "schema/nytta-format-1.schema.json is stale: run `cargo run -- schema > schema/nytta-format-1.schema.json`"
    );
}

#[test]
fn the_schema_is_draft_07_with_no_unknown_keys() {
    let schema: Value = serde_json::from_str(&nytta::schema::text()).unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(schema["additionalProperties"], false);
    let benefit = &schema["properties"]["benefits"]["items"];
    assert_eq!(benefit["additionalProperties"], false);
    assert_eq!(benefit["properties"]["realisation"]["additionalProperties"], false);
    assert!(benefit["properties"]["adoption"]["patternProperties"].is_object());
    assert!(benefit["properties"]["amounts"]["patternProperties"].is_object());
    assert!(benefit["properties"]["annual"]["oneOf"].is_array());
    let rate = &schema["properties"]["assumptions"]["properties"]["discount_rate"];
    assert!(rate["description"].as_str().unwrap().contains("Svenska:"));
    let scenario = &schema["properties"]["scenarios"]["additionalProperties"]["properties"];
    for key in ["investment_factor", "operations_factor", "optimism_bias"] {
        assert!(scenario[key].is_object(), "{key}");
    }
    assert_eq!(scenario["optimism_bias"]["enum"], json!(["upper", "lower"]));
}

#[test]
fn every_example_and_template_validates_and_points_at_the_schema() {
    let v = validator();
    let mut files = toml_files("examples");
    files.extend(toml_files("src/templates"));
    assert!(files.len() >= 10, "{files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let errs = errors(&v, &toml_json(&text));
        assert!(errs.is_empty(), "{}: {errs:#?}", file.display());
        let first = text.lines().next().unwrap();
        if file.starts_with(root().join("examples")) {
            assert_eq!(
                first,
                "#:schema ../schema/nytta-format-1.schema.json",
                "{}",
                file.display()
            );
            assert!(root().join("schema/nytta-format-1.schema.json").exists());
        } else {
            assert_eq!(first, "#:schema ./nytta.schema.json", "{}", file.display());
            assert!(text.contains("nytta schema > nytta.schema.json"), "{}", file.display());
        }
    }
    // And the small test project, and one with every key of a line.
    assert!(errors(&v, &toml_json(VALID)).is_empty());
}

/// Broken files: each fails the schema, and `nytta check` too (the corpus is really
/// broken, not just stricter than the parser).
#[test]
fn broken_files_fail_the_schema() {
    let v = validator();
    let cost = "\n[[costs]]\nname = \"X\"\ncategory = \"other\"\n";
    let benefit = "\n[[benefits]]\nname = \"Y\"\n";
    let corpus: Vec<(&str, String)> = vec![
        ("misspelt line key", format!("{VALID}{cost}ammounts = {{ 2010 = 1 }}\n")),
        ("unknown top-level key", format!("colour = 1\n{VALID}")),
        ("unknown project key", VALID.replace("go_live", "golive")),
        ("rate as percent number", VALID.replace("\"10 %\"", "3.5")),
        ("rate as text", VALID.replace("\"10 %\"", "\"tio procent\"")),
        (
            "category misspelt",
            format!("{VALID}{}", cost.replace("other", "investmnt") + "annual = 1\n"),
        ),
        ("month without two digits", VALID.replace("\"2010-04\"", "\"2010-4\"")),
        (
            "amounts keyed by month 13",
            format!("{VALID}{cost}amounts = {{ \"2010-13\" = 1 }}\n"),
        ),
        (
            "two value forms",
            format!("{VALID}{cost}annual = 1\namounts = {{ 2010 = 1 }}\n"),
        ),
        ("no value form", format!("{VALID}{cost}")),
        (
            "qualitative with money",
            format!("{VALID}{benefit}class = \"qualitative\"\nindicator = \"NKI\"\nannual = 1\n"),
        ),
        (
            "qualitative without indicator",
            format!("{VALID}{benefit}class = \"qualitative\"\n"),
        ),
        (
            "monetised with an indicator",
            format!("{VALID}{benefit}class = \"financial\"\nannual = 1\nindicator = \"NKI\"\n"),
        ),
        (
            "scenario named base",
            format!("{VALID}\n[scenarios.base]\ncost_factor = 2\n"),
        ),
        (
            "unknown scenario key",
            format!("{VALID}\n[scenarios.p]\ncost_factr = 2\n"),
        ),
        (
            "bad optimism bias",
            format!("{VALID}\n[scenarios.p]\noptimism_bias = \"worst\"\n"),
        ),
        ("missing project", "format = 1\n".to_string()),
        ("format 2", VALID.replace("format = 1", "format = 2")),
        ("number with a unit", format!("{VALID}{cost}annual = \"12 kr\"\n")),
        ("years zero", VALID.replace("years = 3", "years = 0")),
        (
            "adoption by month",
            format!(
                "{VALID}{benefit}class = \"financial\"\nvolume = 10\nunit_saving = 1\nadoption = {{ \"2010-03\" = 0.5 }}\n"
            ),
        ),
        (
            "minutes without volume",
            format!("{VALID}{cost}annual = 1\nminutes_saved = 3\n"),
        ),
        (
            "range without high",
            format!("{VALID}{cost}annual = 1\nrange = {{ low = 0.8 }}\n"),
        ),
        (
            "hourly cost and monthly salary",
            VALID.replace("discount_rate = \"10 %\"", "hourly_cost = 400\nmonthly_salary = 40000"),
        ),
        (
            "unknown realisation key",
            VALID.replace("[benefits.realisation]", "[benefits.realisation]\nowner_name = \"x\""),
        ),
        ("negative annual", format!("{VALID}{cost}annual = -5\n")),
        (
            "share above one",
            VALID.replace("[benefits.realisation]", "[benefits.realisation]\nshare = 1.5"),
        ),
    ];
    assert!(
        errors(&v, &toml_json(VALID)).is_empty(),
        "the base of the corpus must be valid"
    );
    for (name, text) in corpus {
        assert!(
            !errors(&v, &toml_json(&text)).is_empty(),
            "{name}: passes the schema\n{text}"
        );
        assert!(nytta::analyse(&text).has_errors(), "{name}: passes nytta check\n{text}");
    }
}

#[test]
fn completions_name_the_commands_flags_and_choices() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = nytta()
            .args(["completions", shell])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let text = String::from_utf8(out).unwrap();
        for word in [
            "report",
            "check",
            "follow-up",
            "batch",
            "init",
            "schema",
            "completions",
            "man",
            "--scenario",
            "--section",
            "--set",
            "--watch",
            "--format",
            "--lang",
            "--deny-warnings",
        ] {
            // fish writes a long flag as `-l name`.
            let word = match (shell, word.strip_prefix("--")) {
                ("fish", Some(flag)) => format!("-l {flag}"),
                _ => word.to_string(),
            };
            assert!(text.contains(&word), "{shell}: no `{word}`");
        }
        if shell != "powershell" {
            // Choices of a value enum are completed (PowerShell's script completes flags only).
            for value in ["realisation", "markdown", "e-service"] {
                assert!(text.contains(value), "{shell}: no `{value}`");
            }
        }
    }
    nytta().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn man_pages_name_the_commands_and_flags() {
    let out = nytta().arg("man").assert().success().get_output().stdout.clone();
    let roff = String::from_utf8(out).unwrap();
    for page in [
        "nytta",
        "nytta-report",
        "nytta-check",
        "nytta-follow-up",
        "nytta-batch",
        "nytta-init",
        "nytta-schema",
    ] {
        assert!(roff.contains(&format!(".TH {page} 1")), "no page {page}");
    }
    for flag in [
        r"\-\-scenario",
        r"\-\-set",
        r"\-\-watch",
        r"\-\-section",
        r"\-\-deny\-warnings",
        "EXIT STATUS",
    ] {
        assert!(roff.contains(flag), "no {flag}");
    }
    let dir = tempfile::tempdir().unwrap();
    nytta().args(["man", "-o"]).arg(dir.path()).assert().success();
    let report = std::fs::read_to_string(dir.path().join("nytta-report.1")).unwrap();
    assert!(report.contains(r"\-\-scenario") && report.contains(r"\-\-set"));
    // The portfolio follow-up's flags are on the batch page.
    let batch = std::fs::read_to_string(dir.path().join("nytta-batch.1")).unwrap();
    for flag in [r"\-\-actuals", r"\-\-actuals\-dir", r"\-\-forecast", r"\-\-dedupe"] {
        assert!(batch.contains(flag), "no {flag} in nytta-batch.1");
    }
    assert!(dir.path().join("nytta.1").exists() && dir.path().join("nytta-check.1").exists());
    nytta()
        .args(["man", "-o"])
        .arg(dir.path().join("missing"))
        .assert()
        .code(2);
}
