//! `--watch` on `report` and `check`: run, then run again whenever one of the files
//! changes, until Ctrl-C (exit code 0).
//!
//! The folder of each file is watched, not the file itself: editors save by writing a
//! new file and renaming it over the old one, which a watch on the old file would miss.
//! Events come through `notify-debouncer-mini`, so that one save (often several writes
//! and a rename) gives one run.

use super::{Failure, OrFail as _, Outcome, output};
use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{DebounceEventResult, new_debouncer};
use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// How long a burst of file events is gathered into one before running again.
const SETTLE: Duration = Duration::from_millis(250);

/// "kan inte bevaka FILE" / "cannot watch FILE".
fn cannot_watch(path: &Path) -> String {
    say!(sv: "kan inte bevaka {}", path.display(); en: "cannot watch {}", path.display())
}

/// The folder and full path of a file, absolute, as the watcher reports them.
fn locate(file: &Path) -> Result<(PathBuf, PathBuf), Failure> {
    let absolute = std::path::absolute(file).or_fail(|| cannot_watch(file))?;
    let dir = match absolute.parent() {
        Some(d) => d.to_path_buf(),
        None => {
            return Err(fail!(
                sv: "{}: den har ingen mapp", cannot_watch(file);
                en: "{}: it has no folder", cannot_watch(file)
            ));
        }
    };
    // The folder canonical (links resolved), as the operating system reports events.
    let dir = dir.canonicalize().unwrap_or(dir);
    let name = absolute.file_name().map(PathBuf::from).unwrap_or_default();
    Ok((dir.clone(), dir.join(name)))
}

/// Run `once`, then again after every change to one of `files`, until Ctrl-C, which
/// ends nytta with exit code 0. `clear`: clear the terminal before each run (when
/// standard output is one).
pub fn watch(
    files: &[PathBuf],
    clear: bool,
    mut once: impl FnMut() -> Result<Outcome, Failure>,
) -> Result<Outcome, Failure> {
    output::interrupt_ends_cleanly();
    let mut dirs = BTreeSet::new();
    let mut targets = BTreeSet::new();
    for file in files {
        let (dir, path) = locate(file)?;
        dirs.insert(dir);
        targets.insert(path);
    }
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let failed =
        |e: &dyn std::fmt::Display| fail!(sv: "kan inte bevaka ändringar: {e}"; en: "cannot watch for changes: {e}");
    let mut debouncer = new_debouncer(SETTLE, tx).map_err(|e| failed(&e))?;
    for dir in &dirs {
        debouncer
            .watcher()
            .watch(dir, RecursiveMode::NonRecursive)
            .map_err(|e| Failure::new(format!("{}: {e}", cannot_watch(dir))))?;
    }
    let clear = clear && std::io::stdout().is_terminal();
    let shown: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    loop {
        if clear {
            // Erase the screen and the scrollback, cursor home.
            let _ = output::stdout("\x1b[H\x1b[2J\x1b[3J");
        }
        match once() {
            Ok(_) => {}
            Err(failure) => noteln!("nytta: {}", nytta::report::visible::visible(&failure.message())),
        }
        let files = shown.join(", ");
        noteln!(
            "nytta: {}",
            nytta::report::visible::visible(&say!(
                sv: "bevakar {files} efter ändringar (Ctrl-C avslutar)";
                en: "watching {files} for changes (Ctrl-C ends)"
            ))
        );
        // Wait for a change to one of the files.
        loop {
            match rx.recv() {
                Ok(Ok(events)) => {
                    if events.iter().any(|e| targets.contains(&e.path)) {
                        break;
                    }
                }
                Ok(Err(e)) => noteln!("nytta: {}", say!(sv: "bevakningen: {e}"; en: "watching: {e}")),
                Err(_) => return Err(failed(&say!(sv: "bevakaren stannade"; en: "the watcher stopped"))),
            }
        }
    }
}
