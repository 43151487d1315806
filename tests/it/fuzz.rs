//! Fuzz-style: mutated example files, actuals CSVs and submissions CSVs through every
//! command (issue 7). Each run must end with exit code 0, 1 or 2, never panic, and not
//! hang (a generous guard, not a timing assertion). Deterministic: a fixed seed, a few
//! hundred runs in all, so `cargo test` stays quick and a failure is reproducible.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// xorshift64*: deterministic and dependency-free.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

/// What a careless spreadsheet or a hostile hand puts into a file.
const TOKENS: &[&[u8]] = &[
    b"\"",
    b"\"\"\"",
    b"'",
    b"[",
    b"]]",
    b"[[costs]]\n",
    b"[[benefits]]\n",
    b"[scenarios.x]\n",
    b"[project]\n",
    b"=",
    b" = ",
    b"\n",
    b"\r\n",
    b"\r",
    b",",
    b";",
    b"\t",
    b"\x1b[2K",
    b"\x00",
    b"\x07",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\xe5",
    b"-",
    b"-1e400",
    b"1e308",
    b"nan",
    b"inf",
    b"99999999999999999999999999999999",
    b"0.0000000000000000000000000001",
    b"2025-13-45",
    b"{ 2025 = 1 }",
    b"{",
    b"}",
    b"=HYPERLINK(\"x\")",
    b"[x](javascript:alert(1))",
    b"years = 50\n",
    b"start_year = 9999\n",
    b"delay_months = 600\n",
    b"a.b.c.d.e.f.g = 1\n",
    b"\xc3\x85\xc3\x84\xc3\x96",
];

/// One to four mutations: delete, duplicate or overwrite a range, insert a token, flip
/// a byte.
fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..=rng.below(4) {
        let len = out.len();
        let at = rng.below(len + 1);
        match rng.below(5) {
            0 if len > 0 => {
                let end = (at + 1 + rng.below(64)).min(len);
                out.drain(at.min(end)..end);
            }
            1 if len > 0 => {
                let end = (at + 1 + rng.below(200)).min(len);
                let piece = out[at.min(end)..end].to_vec();
                let times = 1 + rng.below(3);
                for _ in 0..times {
                    out.splice(end..end, piece.iter().copied());
                }
            }
            2 if at < len => {
                out[at] ^= 1 << rng.below(8);
            }
            _ => {
                let token = TOKENS[rng.below(TOKENS.len())];
                out.splice(at..at, token.iter().copied());
            }
        }
    }
    out
}

/// Run nytta with a hang guard; stdout and stderr go to files (no pipe to fill).
fn run(dir: &Path, args: &[&str], input: &[u8]) {
    let stdout = dir.join("stdout");
    let stderr = dir.join("stderr");
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("nytta"))
        .args(args)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&stdout).unwrap())
        .stderr(std::fs::File::create(&stderr).unwrap())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{args:?} hung on {:?}", String::from_utf8_lossy(input));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let errors = std::fs::read(&stderr).unwrap();
    let errors = String::from_utf8_lossy(&errors);
    assert!(
        matches!(status.code(), Some(0..=2)) && !errors.contains("panicked"),
        "{args:?} ended with {status}: {errors}\non {:?}",
        String::from_utf8_lossy(input)
    );
}

fn examples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn mutated_project_files_through_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("fuzz.toml");
    let out = dir.path().join("ut.xlsx");
    let (f, o) = (file.to_str().unwrap(), out.to_str().unwrap());
    let commands: Vec<Vec<&str>> = vec![
        vec!["check", f],
        vec!["check", "--format", "github", f],
        vec!["check", "--format", "json", f],
        vec!["report", f],
        vec!["report", "--format", "json", f],
        vec!["report", "--format", "csv", "--section", "lines", f],
        vec!["report", "--format", "markdown", f],
        vec!["report", "--scenario", "pessimistic", f],
        vec!["report", "--section", "realisation", f],
        vec!["follow-up", "--as-of", "2026", f],
        vec!["follow-up", "--as-of", "2026", "--template", f],
        vec!["batch", "--format", "table", f],
        vec!["batch", "--format", "xlsx", "-o", o, f],
    ];
    let mut rng = Rng(0x6e79_7474_6121);
    let examples = examples();
    for case in 0..80 {
        let original = std::fs::read(&examples[case % examples.len()]).unwrap();
        let mutated = mutate(&mut rng, &original);
        std::fs::write(&file, &mutated).unwrap();
        // Two commands per case, in turn: every command meets many mutants.
        for k in 0..2 {
            run(dir.path(), &commands[(case * 2 + k) % commands.len()], &mutated);
        }
    }
}

#[test]
fn mutated_actuals_csvs_through_follow_up() {
    let dir = tempfile::tempdir().unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let project = format!("{root}/examples/uppfoljning-bygglov.toml");
    let original = std::fs::read(format!("{root}/examples/utfall-2025.csv")).unwrap();
    let csv = dir.path().join("utfall.csv");
    let c = csv.to_str().unwrap();
    let formats = ["table", "json", "csv", "markdown"];
    let mut rng = Rng(0x7574_6661_6c6c);
    for case in 0..40 {
        let mutated = mutate(&mut rng, &original);
        std::fs::write(&csv, &mutated).unwrap();
        run(
            dir.path(),
            &[
                "follow-up",
                "--actuals",
                c,
                "--format",
                formats[case % formats.len()],
                &project,
            ],
            &mutated,
        );
    }
}

#[test]
fn mutated_submissions_csvs_through_batch() {
    let dir = tempfile::tempdir().unwrap();
    let mut original = String::from(
        "name;organisation;portfolio;start_year;years;discount_rate;investment;investment_years;operations_annual;financial_annual;reallocation_annual;harvest_share;harvest_lag_months;harvest_owner;claimed_npv\r\n",
    );
    for n in 0..30u64 {
        original.push_str(&format!(
            "Rad {n};Org {};P {};{};{};{} %;{} 000,5;{};1000;{};{};{} %;{};Chef;{}\r\n",
            n % 3,
            n % 2,
            2020 + n % 6,
            3 + n % 5,
            n % 7,
            100 + n,
            1 + n % 3,
            20_000 + 313 * n,
            10_000 + n,
            25 * (n % 5),
            n % 13,
            50_000 + n * 100
        ));
    }
    let csv = dir.path().join("ansokningar.csv");
    let out = dir.path().join("ut.xlsx");
    let (c, o) = (csv.to_str().unwrap(), out.to_str().unwrap());
    let commands: Vec<Vec<&str>> = vec![
        vec!["batch", "--csv", c],
        vec!["batch", "--format", "json", "--rank", "npv", "--csv", c],
        vec!["batch", "--format", "table", "--group-by", "portfolio", "--csv", c],
        vec!["batch", "--excel", "--rank", "payback", "--csv", c],
        vec![
            "batch",
            "--format",
            "xlsx",
            "--group-by",
            "organisation",
            "-o",
            o,
            "--csv",
            c,
        ],
    ];
    let mut rng = Rng(0x0062_6174_6368);
    for case in 0..40 {
        let mutated = mutate(&mut rng, original.as_bytes());
        std::fs::write(&csv, &mutated).unwrap();
        run(dir.path(), &commands[case % commands.len()], &mutated);
    }
}
