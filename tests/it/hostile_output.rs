//! Hostile input, the output side (issue 7): `-o` onto inputs, devices, FIFOs and
//! symlinks; signals; a closed standard output and broken pipes; xlsx limits, formula
//! text and reproducible bytes; `--jobs` far beyond the cores; batch discovery through
//! symlinks and unreadable folders; control characters and Markdown syntax in user text.
//! Large inputs are generated here, at test time.

use crate::cli::{QUIET_VALID, nytta, write};
use predicates::prelude::*;
use std::io::Read;
use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The binary under test.
fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("nytta")
}

/// A submissions CSV of `n` valid rows, each computing like `QUIET_VALID`'s first lines.
fn submissions(n: usize) -> String {
    let mut text = String::from(
        "name,organisation,portfolio,start_year,years,discount_rate,investment,operations_annual,financial_annual,harvest_share,harvest_owner\n",
    );
    for i in 0..n {
        text.push_str(&format!(
            "Rad {i},Org {},P,2025,3,0,300000,12000,{},1,Ekonomichef\n",
            i % 7,
            100_000 + i
        ));
    }
    text
}

/// The `.nytta-*` temporary files left in `dir`.
fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".nytta-"))
        .collect()
}

/// Wait for a child with a generous hang guard (never a timing assertion).
fn wait_guarded(child: &mut std::process::Child, what: &str) -> std::process::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("{what}: still running after 60 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The first control character a terminal would act on: C0 but newline and tab, DEL, C1.
fn raw_control(bytes: &[u8]) -> Option<(usize, char)> {
    String::from_utf8_lossy(bytes)
        .char_indices()
        .find(|&(_, c)| (c.is_control() && c != '\n' && c != '\t') || ('\u{80}'..='\u{9f}').contains(&c))
}

// ---------------------------------------------------------------- overwrite guard

#[test]
fn batch_refuses_output_over_a_submission_spelt_differently() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("in");
    std::fs::create_dir(&inbox).unwrap();
    let upper = write(&inbox, "B.TOML", &QUIET_VALID);
    for format in ["csv", "json", "table", "xlsx"] {
        // A workbook is not even written under a `.toml` name.
        let why = if format == "xlsx" {
            "give a name ending in .xlsx"
        } else {
            "refusing to write over the input file"
        };
        nytta()
            .args(["batch", "--format", format, "-o"])
            .arg(&upper)
            .arg(&inbox)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(why));
        assert_eq!(std::fs::read_to_string(&upper).unwrap(), *QUIET_VALID, "{format}");
        // The batch finds it as its workers open the files: nothing is left beside it.
        assert_eq!(temp_files(&inbox), Vec::<String>::new(), "{format}");
    }
    // A hard link to a submission is the same file under another name.
    let hard = inbox.join("../resultat.csv");
    std::fs::hard_link(&upper, &hard).unwrap();
    nytta()
        .args(["batch", "-o"])
        .arg(&hard)
        .arg(&inbox)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("refusing"));
    assert_eq!(std::fs::read_to_string(&upper).unwrap(), *QUIET_VALID);
}

#[test]
fn report_and_follow_up_never_write_over_an_input_by_another_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", &QUIET_VALID);
    let csv_text = "line,year,amount\nPorto,2010,1000\n";
    let actuals = write(dir.path(), "utfall.csv", csv_text);
    let hard = dir.path().join("rapport.md");
    std::fs::hard_link(&file, &hard).unwrap();
    let link = dir.path().join("utfall-lank.csv");
    std::os::unix::fs::symlink(&actuals, &link).unwrap();
    nytta()
        .args(["report", "--format", "markdown", "-o"])
        .arg(&hard)
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("refusing"));
    nytta()
        .args(["follow-up", "--as-of", "2010", "--actuals"])
        .arg(&actuals)
        .arg("-o")
        .arg(&link)
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("refusing"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), *QUIET_VALID);
    assert_eq!(std::fs::read_to_string(&actuals).unwrap(), csv_text);
}

// ---------------------------------------------------------------- special files, symlinks

/// Run nytta with `-o FIFO` while a thread reads the FIFO; the FIFO must stay one.
fn through_fifo(args: &[&str], file: &Path) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("rör");
    let status = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    // A second name for the FIFO, to unblock the reader should nytta replace the first.
    let spare = dir.path().join("reserv");
    std::fs::hard_link(&fifo, &spare).unwrap();
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            std::fs::File::open(&fifo).unwrap().read_to_end(&mut bytes).unwrap();
            bytes
        })
    };
    let mut child = Command::new(bin())
        .args(args)
        .arg("-o")
        .arg(&fifo)
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let status = wait_guarded(&mut child, "writing to a FIFO");
    if !reader.is_finished() {
        // nytta did not open the FIFO: unblock the reader.
        let _ = std::fs::OpenOptions::new().write(true).open(&spare);
    }
    let bytes = reader.join().unwrap();
    assert!(status.code().is_some_and(|c| c <= 1), "{args:?}: {status}");
    assert!(
        std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(),
        "{args:?}: the FIFO was replaced"
    );
    assert!(temp_files(dir.path()).is_empty(), "{args:?}");
    bytes
}

#[test]
fn output_to_a_fifo_writes_through() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", &QUIET_VALID);
    let json = through_fifo(&["report", "--format", "json"], &file);
    assert!(String::from_utf8_lossy(&json).contains("\"npv\""));
    let csv = through_fifo(&["batch"], &file);
    assert!(String::from_utf8_lossy(&csv).starts_with("source,"));
    let xlsx = through_fifo(&["batch", "--format", "xlsx"], &file);
    assert!(xlsx.starts_with(b"PK"), "an xlsx is a zip");
    let fu = through_fifo(&["follow-up", "--as-of", "2011", "--format", "csv"], &file);
    assert!(!fu.is_empty());
}

#[test]
fn output_to_dev_null_creates_nothing_in_dev() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", &QUIET_VALID);
    let before = temp_files(Path::new("/dev"));
    for args in [
        &["report", "-o", "/dev/null"][..],
        &["batch", "-o", "/dev/null"][..],
        &["batch", "--format", "xlsx", "-o", "/dev/null"][..],
        &["follow-up", "--as-of", "2011", "-o", "/dev/null"][..],
    ] {
        nytta().args(args).arg(&file).assert().success();
        let meta = std::fs::symlink_metadata("/dev/null").unwrap();
        assert!(meta.file_type().is_char_device(), "{args:?} replaced /dev/null");
    }
    assert_eq!(temp_files(Path::new("/dev")), before);
}

#[test]
fn output_to_dev_stdout_goes_to_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", &QUIET_VALID);
    let out = nytta()
        .args(["report", "--format", "json", "-o", "/dev/stdout"])
        .arg(&file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8_lossy(&out).contains("\"npv\""));
}

#[test]
fn output_through_a_symlink_keeps_the_link_and_updates_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", &QUIET_VALID);
    let reports = dir.path().join("rapporter");
    std::fs::create_dir(&reports).unwrap();
    let target = write(&reports, "senaste.csv", "gammalt\n");
    let link = dir.path().join("rapport.csv");
    std::os::unix::fs::symlink("rapporter/senaste.csv", &link).unwrap();
    for args in [&["batch"][..], &["report", "--format", "csv"][..]] {
        nytta().args(args).arg("-o").arg(&link).arg(&file).assert().success();
        assert!(
            std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(),
            "{args:?}: the link was replaced"
        );
        let text = std::fs::read_to_string(&target).unwrap();
        assert!(text != "gammalt\n" && !text.is_empty(), "{args:?}: {text}");
        assert!(temp_files(dir.path()).is_empty() && temp_files(&reports).is_empty());
        std::fs::write(&target, "gammalt\n").unwrap();
    }
    // A dangling link: its target is created.
    let dangling = dir.path().join("ny.csv");
    std::os::unix::fs::symlink("rapporter/ny-fil.csv", &dangling).unwrap();
    nytta()
        .arg("batch")
        .arg("-o")
        .arg(&dangling)
        .arg(&file)
        .assert()
        .success();
    assert!(std::fs::symlink_metadata(&dangling).unwrap().file_type().is_symlink());
    assert!(
        std::fs::read_to_string(reports.join("ny-fil.csv"))
            .unwrap()
            .starts_with("source,")
    );
    // A loop of links: refused with a message, nothing created.
    std::os::unix::fs::symlink("slinga-b", dir.path().join("slinga-a")).unwrap();
    std::os::unix::fs::symlink("slinga-a", dir.path().join("slinga-b")).unwrap();
    nytta()
        .arg("batch")
        .arg("-o")
        .arg(dir.path().join("slinga-a"))
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("slinga-a"));
    // A directory: refused.
    nytta()
        .arg("batch")
        .arg("-o")
        .arg(&reports)
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("directory"));
}

// ---------------------------------------------------------------- signals

#[test]
fn sigterm_during_batch_leaves_no_temp_file_and_the_old_output() {
    for (signal, name) in [(libc::SIGTERM, "SIGTERM"), (libc::SIGINT, "SIGINT")] {
        let dir = tempfile::tempdir().unwrap();
        let inbox = dir.path().join("inkorg");
        std::fs::create_dir(&inbox).unwrap();
        for n in 0..600 {
            write(&inbox, &format!("p{n:04}.toml"), &QUIET_VALID);
        }
        // Last, a FIFO nobody writes to: reading it blocks, so the batch is surely
        // still running, its temporary file written halfway, when the signal comes.
        let fifo = dir.path().join("zz-vantar.toml");
        assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        let out = write(dir.path(), "ut.csv", "gammalt resultat\n");
        let mut child = Command::new(bin())
            .args(["batch", "--jobs", "1"])
            .arg(&inbox)
            .arg(&fifo)
            .arg("-o")
            .arg(&out)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait until the temporary file exists, then signal.
        let start = Instant::now();
        while temp_files(dir.path()).is_empty() {
            assert!(
                child.try_wait().unwrap().is_none(),
                "{name}: batch ended before the signal"
            );
            assert!(start.elapsed() < Duration::from_secs(60), "{name}: no temporary file");
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(200));
        // SAFETY: signalling our own child by its id.
        assert_eq!(unsafe { libc::kill(child.id() as libc::pid_t, signal) }, 0);
        let status = wait_guarded(&mut child, name);
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(status.signal(), Some(signal), "{name}: {status}");
        assert_eq!(temp_files(dir.path()), Vec::<String>::new(), "{name}");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "gammalt resultat\n", "{name}");
    }
}

// ---------------------------------------------------------------- closed stdout, broken pipe

#[test]
fn a_closed_standard_output_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", &QUIET_VALID);
    for command in [
        "report",
        "report --format json",
        "check",
        "follow-up --as-of 2011",
        "batch",
        "batch --format json",
        "batch --format table",
        "report -o /dev/stdout",
        "batch --format xlsx -o /dev/stdout",
    ] {
        let output = Command::new("sh")
            .arg("-c")
            .arg(format!("\"$0\" {command} \"$1\" >&-"))
            .arg(bin())
            .arg(&file)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "en_US.UTF-8")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{command}: {output:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("standard output"), "{command}: {stderr}");
    }
    // With -o the closed standard output does not matter.
    let out = dir.path().join("r.json");
    let status = Command::new("sh")
        .arg("-c")
        .arg("\"$0\" report --format json -o \"$2\" \"$1\" >&-")
        .arg(bin())
        .arg(&file)
        .arg(&out)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    assert!(std::fs::read_to_string(&out).unwrap().contains("\"npv\""));
}

#[test]
fn a_closed_pipe_is_a_normal_end_for_every_writer() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(dir.path(), "rader.csv", &submissions(1_000));
    let file = write(dir.path(), "p.toml", &QUIET_VALID);
    let run = |args: &[&str], input: &Path| {
        let mut child = Command::new(bin())
            .args(args)
            .arg(input)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut head = [0u8; 10];
        child.stdout.take().unwrap().read_exact(&mut head).unwrap();
        // The pipe is closed here, as `| head -c 10` does. Standard error is read beside
        // the wait, so that a batch that never ends fails the test after 60 s instead of
        // hanging it.
        let mut err = child.stderr.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut stderr = String::new();
            err.read_to_string(&mut stderr).unwrap();
            stderr
        });
        let status = wait_guarded(&mut child, "a closed pipe");
        (status.code(), reader.join().unwrap())
    };
    for format in ["csv", "json", "table"] {
        for extra in [
            &[][..],
            &["--rank", "npv"][..],
            &["--excel", "--group-by", "portfolio"][..],
        ] {
            if format != "csv" && extra.contains(&"--excel") {
                continue; // --excel is for CSV only (a usage error elsewhere)
            }
            let mut args = vec!["batch", "--format", format];
            args.extend_from_slice(extra);
            args.push("--csv");
            let (code, stderr) = run(&args, &csv);
            assert_eq!(code, Some(0), "{args:?}: {stderr}");
            assert!(
                !stderr.contains("Broken pipe") && !stderr.contains("panicked"),
                "{stderr}"
            );
        }
    }
    let (code, stderr) = run(&["batch", "--format", "xlsx", "-o", "/dev/stdout", "--csv"], &csv);
    assert_eq!(code, Some(0), "xlsx: {stderr}");
    let (code, stderr) = run(&["report", "-o", "/dev/stdout"], &file);
    assert_eq!(code, Some(0), "report -o /dev/stdout: {stderr}");
}

// ---------------------------------------------------------------- xlsx

fn xlsx_cell(path: &Path, sheet: &str, row: usize, col: usize) -> String {
    use calamine::{Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    range.get((row, col)).map(|c| c.to_string()).unwrap_or_default()
}

#[test]
fn xlsx_cuts_overlong_text_with_a_warning_and_neutralises_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let long = "Å".repeat(40_000);
    write(
        dir.path(),
        "a.toml",
        &QUIET_VALID.replace("name = \"Test\"", &format!("name = \"{long}\"")),
    );
    write(
        dir.path(),
        "b.toml",
        &QUIET_VALID
            .replace("name = \"Test\"", "name = \"=HYPERLINK(\\\"http://x\\\")\"")
            .replace("organisation = \"Kommunen\"", "organisation = \"@SUM(A1)\""),
    );
    let out = dir.path().join("ut.xlsx");
    let assert = nytta()
        .args(["batch", "--format", "xlsx", "--lang", "sv", "-o"])
        .arg(&out)
        .arg(dir.path())
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        stderr.contains("a.toml") && stderr.contains("32767") && stderr.contains("name"),
        "{stderr}"
    );
    let name = xlsx_cell(&out, "Resultat", 1, 2);
    assert_eq!(name.encode_utf16().count(), 32_767);
    assert!(name.ends_with('…'));
    assert_eq!(xlsx_cell(&out, "Resultat", 2, 2), "'=HYPERLINK(\"http://x\")");
    assert_eq!(xlsx_cell(&out, "Resultat", 2, 3), "'@SUM(A1)");
}

#[test]
fn the_same_batch_gives_the_same_xlsx_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", &QUIET_VALID);
    let run = |name: &str, epoch: Option<&str>| {
        let out = dir.path().join(name);
        let mut cmd = nytta();
        cmd.env_remove("SOURCE_DATE_EPOCH");
        if let Some(epoch) = epoch {
            cmd.env("SOURCE_DATE_EPOCH", epoch);
        }
        cmd.args(["batch", "--format", "xlsx", "-o"])
            .arg(&out)
            .arg(&file)
            .assert()
            .success();
        std::fs::read(&out).unwrap()
    };
    let first = run("1.xlsx", None);
    // Past a second boundary: a clock-based timestamp would differ.
    std::thread::sleep(Duration::from_millis(1100));
    assert!(first == run("2.xlsx", None), "two runs gave different bytes");
    let epoch = run("3.xlsx", Some("1700000000"));
    assert!(epoch == run("4.xlsx", Some("1700000000")));
    assert!(epoch != first, "SOURCE_DATE_EPOCH sets the creation time");
}

// ---------------------------------------------------------------- threads

#[test]
fn jobs_far_beyond_the_cores_are_capped() {
    let dir = tempfile::tempdir().unwrap();
    for n in 0..4 {
        write(
            dir.path(),
            &format!("p{n}.toml"),
            &QUIET_VALID.replace("annual = 132000", &format!("annual = {}", 132_000 + n)),
        );
    }
    let run = |jobs: &str| {
        nytta()
            .args(["batch", "--jobs", jobs])
            .arg(dir.path())
            .timeout(Duration::from_secs(30))
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let one = run("1");
    assert_eq!(String::from_utf8_lossy(&one).lines().count(), 5);
    assert!(run("100000") == one);
    // --jobs 0 means one per core, as before.
    assert!(run("0") == one);
}

// ---------------------------------------------------------------- batch discovery

#[test]
fn batch_follows_symlinked_project_files_and_reports_bad_links() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = dir.path().join("annanstans");
    std::fs::create_dir(&elsewhere).unwrap();
    let real = write(&elsewhere, "riktig.toml", &QUIET_VALID);
    let inbox = dir.path().join("inkorg");
    std::fs::create_dir(&inbox).unwrap();
    std::os::unix::fs::symlink(&real, inbox.join("a-lank.toml")).unwrap();
    std::os::unix::fs::symlink(inbox.join("saknas.toml"), inbox.join("b-trasig.toml")).unwrap();
    // A folder linked into itself: a loop, reported once, not followed forever.
    std::os::unix::fs::symlink(&inbox, inbox.join("c-slinga")).unwrap();
    // A second link to the same file: counted once, the second sighting reported.
    std::os::unix::fs::symlink(&real, inbox.join("d-dubbel.toml")).unwrap();
    let out = nytta()
        .args(["batch", "--format", "json"])
        .arg(&inbox)
        .timeout(Duration::from_secs(30))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let j: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let rows = j["results"].as_array().unwrap();
    let by_source = |end: &str| {
        rows.iter()
            .find(|r| r["source"].as_str().unwrap().ends_with(end))
            .unwrap_or_else(|| panic!("no row for {end}: {rows:?}"))
    };
    assert_eq!(by_source("a-lank.toml")["status"], "ok");
    assert_eq!(by_source("a-lank.toml")["name"], "Test");
    let broken = by_source("b-trasig.toml");
    assert_eq!(broken["status"], "error");
    let loop_row = by_source("c-slinga");
    assert_eq!(loop_row["status"], "error");
    assert!(
        loop_row["findings"][0]["message"].as_str().unwrap().contains("loop"),
        "{loop_row}"
    );
    let twice = by_source("d-dubbel.toml");
    assert_eq!(twice["status"], "error");
    assert!(
        twice["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("a-lank.toml"),
        "{twice}"
    );
    assert_eq!(rows.len(), 4, "{rows:?}");
}

#[test]
fn an_unreadable_subfolder_is_an_error_row_and_the_batch_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inkorg");
    let locked = inbox.join("b-last");
    std::fs::create_dir_all(&locked).unwrap();
    write(&inbox, "a.toml", &QUIET_VALID);
    write(&locked, "dold.toml", &QUIET_VALID);
    // Another project id: the same project twice would be a warning (W302).
    write(&inbox, "c.toml", &QUIET_VALID.replace("T-1", "T-3"));
    let open = std::fs::Permissions::from_mode(0o755);
    std::fs::set_permissions(dir.path(), open.clone()).unwrap();
    std::fs::set_permissions(&inbox, open.clone()).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // As root chmod 000 stops nothing: run as `nobody` then, if `runuser` can.
    let mut command = if std::fs::read_dir(&locked).is_err() {
        Command::new(bin())
    } else {
        let copy = dir.path().join("nytta");
        std::fs::copy(bin(), &copy).unwrap();
        std::fs::set_permissions(&copy, open.clone()).unwrap();
        let mut c = Command::new("runuser");
        c.args(["-u", "nobody", "--"]).arg(copy);
        c
    };
    let output = command.arg("batch").arg(&inbox).output();
    std::fs::set_permissions(&locked, open).unwrap();
    let Ok(output) = output else {
        eprintln!("skipped: running as root without runuser");
        return;
    };
    let out = String::from_utf8_lossy(&output.stdout).into_owned();
    if output.status.code() == Some(1) && !out.contains("b-last") {
        eprintln!("skipped: runuser could not drop to nobody: {output:?}");
        return;
    }
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(
        out.lines()
            .any(|l| l.contains("b-last") && l.contains(",error,") && l.contains("cannot read the folder")),
        "{out}"
    );
    assert_eq!(out.lines().filter(|l| l.contains(",ok,")).count(), 2, "{out}");
}

// ---------------------------------------------------------------- control characters

/// A project whose names, notes, sources and owners carry terminal control sequences.
fn hostile_project() -> String {
    QUIET_VALID
        .replace(
            "name = \"Test\"",
            "name = \"Test\\u001b[2K\\r\\u001b[32mallt ok\\u0007\\u009b31m\"\ndescription = \"rad\\u001b]0;titel\\u0007 två\\u0000\"",
        )
        .replace(
            "name = \"Porto\"",
            "name = \"Porto\\u001b[8m\"\nsource = \"Fakturor\\r\\u001b[2K\"\nnote = \"\\u001b]8;;http://x\\u001b\\\\länk\"",
        )
        .replace("owner = \"Ekonomichef\"", "owner = \"Chef\\u001b[5m\"")
        .replace("[[costs]]\nid = \"drift\"", "[[costs]]\nid = \"drift\"\nnote = \"\\u007f\\u0085\"")
}

#[test]
fn control_characters_never_reach_a_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", &hostile_project());
    // A warning that names the benefit: no owner.
    let warned = write(
        dir.path(),
        "w.toml",
        &hostile_project().replace("owner = \"Chef\\u001b[5m\"\n", ""),
    );
    // A raw ESC is not valid TOML: the diagnostic echoes the line.
    let raw = write(
        dir.path(),
        "raw\u{1b}[31m.toml",
        "format = 1\n[project]\nname = \"a\u{1b}[2Kb\u{7}\"\n",
    );
    let runs: Vec<(Vec<&str>, &Path)> = vec![
        (vec!["report"], &file),
        (vec!["report", "--lang", "sv"], &file),
        (vec!["report", "--section", "lines"], &file),
        (vec!["report", "--section", "realisation"], &file),
        (vec!["report", "--format", "markdown"], &file),
        (vec!["report"], &warned),
        (vec!["check"], &warned),
        (vec!["check", "--format", "github"], &warned),
        (vec!["check"], &raw),
        (vec!["check", "--format", "github"], &raw),
        (vec!["report"], &raw),
        (vec!["follow-up", "--as-of", "2011"], &file),
        (vec!["follow-up", "--as-of", "2011", "--format", "markdown"], &file),
        (vec!["batch", "--format", "table"], &file),
        (vec!["batch", "--format", "table"], &raw),
        (vec!["batch", "--format", "table"], dir.path()),
    ];
    for (args, path) in runs {
        let output = nytta().args(&args).arg(path).output().unwrap();
        assert!(output.status.code().is_some_and(|c| c <= 2), "{args:?}");
        for (stream, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
            if let Some((at, c)) = raw_control(bytes) {
                let text = String::from_utf8_lossy(bytes);
                panic!(
                    "{args:?} {}: raw {c:?} on {stream} at {at}: {:?}",
                    path.display(),
                    &text[at.saturating_sub(40)..(at + 40).min(text.len())]
                );
            }
        }
    }
    // Visible instead: the escape character as ␛.
    let out = nytta().arg("report").arg(&file).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Test␛[2K␍␛[32mallt ok␇"));
}

#[test]
fn markdown_never_makes_links_images_or_html_from_user_text() {
    let dir = tempfile::tempdir().unwrap();
    let text = QUIET_VALID
        .replace(
            "name = \"Porto\"",
            "name = \"Porto\"\nsource = \"[klicka här](javascript:alert(1))\"\nnote = \"![](https://spår.example/pixel.gif) <img src=x onerror=alert(1)> [ref]: http://x\"",
        )
        .replace("owner = \"Ekonomichef\"", "owner = \"![chef](http://x/p.png)\"")
        .replace(
            "name = \"Test\"",
            "name = \"Test\"\ndescription = \"\"\"\n# Rubrik\n> citat\n1. lista\n[x]: javascript:alert(1)\n\"\"\"",
        );
    let file = write(dir.path(), "p.toml", &text);
    for args in [
        &["report", "--format", "markdown"][..],
        &["follow-up", "--as-of", "2011", "--format", "markdown"][..],
    ] {
        let out = nytta()
            .args(args)
            .arg(&file)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let md = String::from_utf8(out).unwrap().replace("<br>", "");
        let bytes = md.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if matches!(b, b'[' | b']' | b'<' | b'>') {
                assert!(
                    i > 0 && bytes[i - 1] == b'\\',
                    "{args:?}: unescaped {} in {md}",
                    b as char
                );
            }
        }
        for line in md.lines() {
            assert!(
                !line.starts_with("> ") && !line.starts_with("1. ") && !line.starts_with("# Rubrik"),
                "{args:?}: {line}"
            );
        }
    }
}
