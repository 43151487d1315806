//! `--watch`: nytta runs again when the file changes, and Ctrl-C ends it with exit code
//! 0. The waits are generous bounds, polled; nothing is asserted about how long anything
//! took.

use super::cli::{VALID, write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Generous: a loaded machine may take a while to notice and run again.
const BOUND: Duration = Duration::from_secs(30);

fn spawn(args: &[&str], file: &Path, stdout: &Path, stderr: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_nytta"))
        .args(args)
        .arg(file)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "en_US.UTF-8")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(stdout).unwrap())
        .stderr(std::fs::File::create(stderr).unwrap())
        .spawn()
        .unwrap()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// Poll until `done` holds, up to [`BOUND`]; `nudge` runs now and then meanwhile (to
/// change the file again, in case the first change came before the watch was set).
fn wait_for(what: &str, mut done: impl FnMut() -> bool, mut nudge: impl FnMut()) {
    let start = Instant::now();
    let mut last_nudge = Instant::now();
    while !done() {
        assert!(start.elapsed() < BOUND, "gave up waiting for {what}");
        if last_nudge.elapsed() > Duration::from_secs(3) {
            nudge();
            last_nudge = Instant::now();
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Ctrl-C, then the exit code (waiting at most [`BOUND`]).
fn interrupt(mut child: Child) -> Option<i32> {
    // SAFETY: kill(2) on the child's own process id.
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code();
        }
        if start.elapsed() > BOUND {
            let _ = child.kill();
            panic!("nytta did not end on Ctrl-C");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Replace a file the way editors save: a new file renamed over the old one.
fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("toml.swp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[test]
fn check_watch_runs_again_on_a_change_and_ends_cleanly_on_ctrl_c() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", VALID);
    let (out, err) = (dir.path().join("out.txt"), dir.path().join("err.txt"));
    let child = spawn(&["check", "--watch"], &file, &out, &err);
    wait_for("the first check", || read(&err).contains("watching"), || {});
    assert!(!read(&out).contains("E002"));
    let broken = VALID.replace("go_live", "golive");
    save(&file, &broken);
    // Written in place too, as some editors do.
    wait_for(
        "the check after the change",
        || read(&out).contains("error[E002]"),
        || std::fs::write(&file, &broken).unwrap(),
    );
    assert!(read(&out).contains("did you mean `go_live`?"));
    assert_eq!(interrupt(child), Some(0), "stderr: {}", read(&err));
}

#[test]
fn report_watch_rewrites_the_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", VALID);
    let target = dir.path().join("report.json");
    let (out, err) = (dir.path().join("out.txt"), dir.path().join("err.txt"));
    let target_arg = target.to_str().unwrap();
    let child = spawn(
        &["report", "--format", "json", "--watch", "-o", target_arg],
        &file,
        &out,
        &err,
    );
    wait_for("the first report", || read(&target).contains("\"npv\""), || {});
    let first = read(&target);
    assert!(first.contains("\"name\": \"Test\""), "{first}");
    let renamed = VALID.replace("name = \"Test\"", "name = \"Omdöpt\"");
    save(&file, &renamed);
    wait_for(
        "the report after the change",
        || read(&target).contains("\"name\": \"Omdöpt\""),
        || std::fs::write(&file, &renamed).unwrap(),
    );
    // A change with an error leaves the last good report in place and says why.
    save(&file, &VALID.replace("annual = 12000", "annual = \"tolv\""));
    wait_for("the error", || read(&err).contains("error[E005]"), || {});
    assert!(read(&target).contains("\"name\": \"Omdöpt\""));
    assert_eq!(interrupt(child), Some(0), "stderr: {}", read(&err));
    // No temporary file left behind.
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with(".nytta-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}
