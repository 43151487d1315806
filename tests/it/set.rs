//! `--set KEY=VALUE`: a value put in as if written in the file, on every kind of key;
//! errors shown against the command line.

use super::cli::{VALID, nytta, write};
use serde_json::Value;

fn report_json(dir: &std::path::Path, text: &str, set: &[&str]) -> Value {
    let file = write(dir, "p.toml", text);
    let mut cmd = nytta();
    cmd.args(["report", "--format", "json"]).arg(&file);
    for s in set {
        cmd.arg("--set").arg(s);
    }
    let out = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).unwrap()
}

/// The report with `--set` is the report of the file edited the same way, but for the
/// list of overrides in `project`.
fn same_as_edited(set: &[&str], edited: &str) {
    let dir = tempfile::tempdir().unwrap();
    let mut with_set = report_json(dir.path(), VALID, set);
    let listed = with_set["project"]
        .as_object_mut()
        .unwrap()
        .remove("overrides")
        .expect("the overrides are listed");
    assert_eq!(listed, serde_json::json!(set), "{set:?}");
    let by_hand = report_json(dir.path(), edited, &[]);
    assert!(by_hand["project"].get("overrides").is_none());
    assert_eq!(with_set, by_hand, "{set:?}");
}

#[test]
fn an_assumption_with_the_number_rules() {
    same_as_edited(&["assumptions.discount_rate=4%"], &VALID.replace("\"10 %\"", "\"4 %\""));
    same_as_edited(
        &["assumptions.discount_rate=3,5 %"],
        &VALID.replace("\"10 %\"", "0.035"),
    );
    same_as_edited(
        &["assumptions.discount_rate=0.035"],
        &VALID.replace("\"10 %\"", "0.035"),
    );
}

#[test]
fn a_project_key_and_a_new_key() {
    same_as_edited(
        &["project.go_live=2010-09"],
        &VALID.replace("\"2010-04\"", "\"2010-09\""),
    );
    // `portfolio` is not in the file: added.
    same_as_edited(
        &["project.portfolio=Digitalt först"],
        &VALID.replace("years = 3", "years = 3\nportfolio = \"Digitalt först\""),
    );
    // A key of a table the file does not have: added with its table.
    same_as_edited(
        &["benefits.porto.range={ low = 0.5, high = 1.2 }"],
        &VALID.replace("annual = 132000", "annual = 132000\nrange = { low = 0.5, high = 1.2 }"),
    );
}

#[test]
fn a_line_by_id_by_name_and_by_position() {
    let edited = VALID.replace("annual = 12000", "annual = 24000");
    same_as_edited(&["costs.drift.annual=24000"], &edited);
    same_as_edited(&["costs.Drift.annual=24 000"], &edited);
    // Numbered from 1, as messages name lines (`[[costs]] #2`).
    same_as_edited(&["costs.2.annual=24000"], &edited);
    same_as_edited(&["costs.\"Drift\".annual=24000"], &edited);
}

#[test]
fn a_nested_table_key_and_a_year_key() {
    same_as_edited(
        &["benefits.porto.realisation.lag_months=6"],
        &VALID.replace(
            "method = \"budget_reduction\"",
            "method = \"budget_reduction\"\nlag_months = 6",
        ),
    );
    same_as_edited(
        &["costs.bygg.amounts.2011=50000"],
        &VALID.replace(
            "amounts = { 2010 = 300000 }",
            "amounts = { 2010 = 300000, 2011 = 50000 }",
        ),
    );
    // A scenario that the file does not have, then computed by name.
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", VALID);
    nytta()
        .args([
            "report",
            "--format",
            "json",
            "--scenario",
            "hog-ranta",
            "--set",
            "scenarios.hog-ranta.discount_rate=5 %",
        ])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicates::str::contains("\"scenario\": \"hog-ranta\""));
}

#[test]
fn adoption_of_an_example_line() {
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/e-tjanst-bygglov.toml");
    let text = std::fs::read_to_string(example).unwrap();
    // The first `adoption` in the file is that of `handlaggning`.
    let first = text.find("adoption = { 2028 = 0.15,").expect("the example changed");
    assert!(
        text[..first]
            .rfind("id = ")
            .is_some_and(|i| text[i..first].starts_with("id = \"handlaggning\""))
    );
    let dir = tempfile::tempdir().unwrap();
    let edited = write(
        dir.path(),
        "edited.toml",
        &text.replacen("adoption = { 2028 = 0.15,", "adoption = { 2028 = 0.3,", 1),
    );
    let json = |cmd: &mut assert_cmd::Command| -> Value {
        serde_json::from_slice(&cmd.assert().success().get_output().stdout).unwrap()
    };
    let mut with_set = json(nytta().args([
        "report",
        "--format",
        "json",
        example,
        "--set",
        "benefits.handlaggning.adoption.2028=0.3",
    ]));
    let by_hand = json(nytta().args(["report", "--format", "json"]).arg(&edited));
    with_set["project"].as_object_mut().unwrap().remove("overrides");
    assert_eq!(with_set, by_hand);
}

#[test]
fn the_report_header_lists_the_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", VALID);
    let args = [
        "--set",
        "assumptions.discount_rate=4%",
        "--set",
        "costs.drift.annual=24000",
    ];
    nytta()
        .args(["report", "--lang", "en"])
        .args(args)
        .arg(&file)
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "Overridden on the command line: assumptions.discount_rate=4%, costs.drift.annual=24000",
        ));
    nytta()
        .args(["report", "--lang", "sv", "--format", "markdown"])
        .args(args)
        .arg(&file)
        .assert()
        .success()
        .stdout(predicates::str::contains("Ändrat från kommandoraden"));
    nytta()
        .args(["follow-up", "--lang", "en", "--as-of", "2011"])
        .args(args)
        .arg(&file)
        .assert()
        .success()
        .stdout(predicates::str::contains("Overridden on the command line"));
    // Without --set, no such line.
    nytta()
        .args(["report", "--lang", "en"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicates::str::contains("Overridden").not());
}

use predicates::prelude::PredicateBooleanExt;

#[test]
fn a_bad_value_is_an_error_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", VALID);
    for cmd in ["report", "check", "follow-up"] {
        let out = nytta()
            .args([cmd, "--set", "assumptions.discount_rate=abc"])
            .arg(&file)
            .assert()
            .code(1)
            .get_output()
            .clone();
        // `check` writes its findings to standard output, the others to standard error.
        let shown = String::from_utf8(if cmd == "check" { out.stdout } else { out.stderr }).unwrap();
        assert!(shown.contains("command line:1:33: error[E005]"), "{cmd}: {shown}");
        assert!(shown.contains("--set assumptions.discount_rate=abc"), "{cmd}: {shown}");
        assert!(!shown.contains("p.toml:"), "{cmd}: {shown}");
    }
    // Out of range, with the file's own error rules.
    nytta()
        .args(["check", "--set", "assumptions.discount_rate=350 %"])
        .arg(&file)
        .assert()
        .code(1)
        .stdout(predicates::str::contains("out of range"));
}

#[test]
fn an_unknown_key_or_line_gets_a_did_you_mean() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", VALID);
    nytta()
        .args([
            "check",
            "--set",
            "project.name=X",
            "--set",
            "assumptions.discount_rat=4%",
        ])
        .arg(&file)
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "command line:2:19: error[E002]: unknown key `discount_rat`",
        ))
        .stdout(predicates::str::contains("did you mean `discount_rate`?"));
    nytta()
        .args(["check", "--set", "costs.drfit.annual=1"])
        .arg(&file)
        .assert()
        .code(1)
        .stdout(predicates::str::contains("error[E008]"))
        .stdout(predicates::str::contains("did you mean `drift`?"));
    nytta()
        .args(["check", "--set", "project.name.x=1"])
        .arg(&file)
        .assert()
        .code(1)
        .stdout(predicates::str::contains("error[E004]"));
    // As JSON, located on the command line too.
    let out = nytta()
        .args(["check", "--format", "json", "--set", "project.years=0"])
        .arg(&file)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("\"command line\""), "{text}");
    // Not KEY=VALUE: a usage error.
    nytta()
        .args(["check", "--set", "discount_rate"])
        .arg(&file)
        .assert()
        .code(2);
    nytta().args(["check", "--set", "a..b=1"]).arg(&file).assert().code(2);
}

#[test]
fn a_valid_override_keeps_check_clean() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", &VALID.replace("annual = 12000", "annual = 15000"));
    nytta().args(["check", "--deny-warnings"]).arg(&file).assert().success();
    // Operations cut to almost nothing: the operations warning (W116) is raised.
    nytta()
        .args(["check", "--deny-warnings", "--set", "costs.drift.annual=100"])
        .arg(&file)
        .assert()
        .code(1)
        .stdout(predicates::str::contains("W116"));
}
