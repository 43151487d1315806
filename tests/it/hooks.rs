//! CI conventions: the pre-commit hook manifest parses, selects project files, and its
//! entry runs `nytta check` on them.

use std::collections::BTreeMap;
use std::path::Path;

/// The hooks of a `.pre-commit-hooks.yaml`: a list of maps of scalars (or flow lists),
/// the only YAML the manifest uses. Anything else is an error, so that the manifest
/// stays that simple.
fn parse_manifest(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut hooks: Vec<BTreeMap<String, String>> = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim_end();
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let entry = if let Some(rest) = line.strip_prefix("- ") {
            hooks.push(BTreeMap::new());
            rest
        } else if let Some(rest) = line.strip_prefix("  ") {
            assert!(!rest.starts_with(' '), "line {}: nested YAML: {raw}", n + 1);
            rest
        } else {
            panic!("line {}: not a list of maps: {raw}", n + 1);
        };
        let (key, value) = entry
            .split_once(": ")
            .unwrap_or_else(|| panic!("line {}: not `key: value`: {raw}", n + 1));
        let value = value.trim();
        let value = value
            .strip_prefix('\'')
            .and_then(|v| v.strip_suffix('\''))
            .or_else(|| value.strip_prefix('"').and_then(|v| v.strip_suffix('"')))
            .unwrap_or(value);
        let hook = hooks.last_mut().expect("a key before the first `- `");
        assert!(
            hook.insert(key.to_string(), value.to_string()).is_none(),
            "line {}: key twice",
            n + 1
        );
    }
    hooks
}

#[test]
fn the_pre_commit_hook_checks_project_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join(".pre-commit-hooks.yaml")).unwrap();
    let hooks = parse_manifest(&manifest);
    assert_eq!(hooks.len(), 1);
    let hook = &hooks[0];
    assert_eq!(hook["id"], "nytta-check");
    assert_eq!(hook["entry"], "nytta check");
    assert!(!hook["name"].is_empty(), "pre-commit needs a name");
    assert!(["rust", "system"].contains(&hook["language"].as_str()));
    // pre-commit matches `files` and `exclude` with Python's re.search.
    let files = regex::Regex::new(&hook["files"]).unwrap();
    let exclude = regex::Regex::new(&hook["exclude"]).unwrap();
    let selected = |p: &str| files.is_match(p) && !exclude.is_match(p);
    for yes in ["examples/e-tjanst-bygglov.toml", "kalkyler/bygglov.toml", "kalkyl.toml"] {
        assert!(selected(yes), "{yes}");
    }
    for no in [
        "Cargo.toml",
        "tools/nytta/Cargo.toml",
        "pyproject.toml",
        ".cargo/config.toml",
        "a.toml.bak",
        "README.md",
    ] {
        assert!(!selected(no), "{no}");
    }

    // The entry, run as pre-commit runs it: the entry's words, then the file names.
    let mut words = hook["entry"].split_whitespace();
    assert_eq!(words.next(), Some("nytta"));
    let args: Vec<&str> = words.collect();
    let examples: Vec<String> = std::fs::read_dir(root.join("examples"))
        .unwrap()
        .map(|e| format!("examples/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|p| selected(p))
        .collect();
    assert!(examples.len() >= 7, "{examples:?}");
    let run = |files: &[String]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_nytta"))
            .args(&args)
            .args(files)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "en_US.UTF-8")
            .current_dir(root)
            .output()
            .unwrap()
    };
    let ok = run(&examples);
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stderr));
    // A broken project file stops the commit (exit 1), with the place of the error.
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("trasig.toml");
    std::fs::write(&broken, super::cli::VALID.replace("go_live", "golive")).unwrap();
    let bad = run(&[broken.display().to_string()]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stdout).contains("trasig.toml:8:1: error[E002]"));
}
