//! Writing results: to stdout (a closed pipe is not an error, a closed stdout is), or
//! to `-o FILE` (docs/decisions.md, "Hostile input: outputs and injection"):
//!
//! - a regular file, or a name that does not exist yet, is written atomically: a
//!   temporary `.nytta-XXXX` file beside it, renamed into place when complete;
//! - a symbolic link is followed: the file it points to is replaced atomically, the link
//!   stays;
//! - a device, a FIFO or a socket, and anything under `/dev` or `/proc` (`/dev/stdout`),
//!   is opened and written through, with no temporary file;
//! - a directory is refused.
//!
//! Pending temporary files are removed when SIGINT, SIGTERM or SIGHUP arrives; the
//! process then ends by that signal.

use super::{Failure, OrFail as _, cannot_write, os_error};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

// ---------------------------------------------------------------- standard output

/// Standard output was closed when nytta started (`nytta report f >&-`).
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Note whether standard output is closed. This must run before `main`: the Rust
/// runtime puts `/dev/null` on closed standard descriptors before `main` starts (so no
/// file opened later takes their number), after which a closed standard output looks
/// like `> /dev/null` and writes to it succeed unseen.
#[cfg(unix)]
extern "C" fn note_closed_stdout() {
    // SAFETY: F_GETFD only asks whether descriptor 1 is open.
    if unsafe { libc::fcntl(1, libc::F_GETFD) } == -1 {
        STDOUT_CLOSED.store(true, Ordering::Relaxed);
    }
}

/// The width of the terminal on standard output, in characters, when it is one.
#[cfg(unix)]
pub fn terminal_width() -> Option<usize> {
    let mut size = libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ only fills in `size`, which lives for the call.
    let ok = unsafe { libc::ioctl(1, libc::TIOCGWINSZ, &mut size) } == 0;
    (ok && size.ws_col > 0).then_some(usize::from(size.ws_col))
}

/// The width of the terminal: not known on this platform.
#[cfg(not(unix))]
pub fn terminal_width() -> Option<usize> {
    None
}

/// Run [`note_closed_stdout`] as a constructor, before the runtime's own start-up.
#[cfg(all(unix, not(target_vendor = "apple")))]
#[used]
#[unsafe(link_section = ".init_array")]
static NOTE_CLOSED_STDOUT: extern "C" fn() = note_closed_stdout;

#[cfg(target_vendor = "apple")]
#[used]
#[unsafe(link_section = "__DATA,__mod_init_func")]
static NOTE_CLOSED_STDOUT: extern "C" fn() = note_closed_stdout;

/// An error when standard output was closed: nothing written there would arrive.
pub fn stdout_open() -> Result<(), Failure> {
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        Err(fail!(
            sv: "standard ut är stängd; styr om den, eller skriv till en fil med -o FIL";
            en: "standard output is closed; redirect it, or write to a file with -o FILE"
        ))
    } else {
        Ok(())
    }
}

/// Write to stdout; a closed pipe (`nytta report x.toml | head -1`) ends quietly.
pub fn stdout(text: &str) -> Result<(), Failure> {
    stdout_bytes(text.as_bytes())
}

/// Write bytes to stdout; a closed pipe ends quietly.
pub fn stdout_bytes(bytes: &[u8]) -> Result<(), Failure> {
    stdout_open()?;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(fail!(
            sv: "kan inte skriva till standard ut: {}", os_error(&e);
            en: "cannot write to standard output: {e}"
        )),
    }
}

// ---------------------------------------------------------------- temporary files and signals

/// Temporary files not yet renamed into place: removed if a signal ends nytta.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// SIGINT (Ctrl-C) ends nytta with exit code 0 instead of by the signal: set by
/// `--watch`, which is ended that way.
static INTERRUPT_IS_THE_END: AtomicBool = AtomicBool::new(false);

/// From now on, Ctrl-C (SIGINT) removes the pending temporary files and ends nytta with
/// exit code 0: the normal end of `--watch`.
pub fn interrupt_ends_cleanly() {
    INTERRUPT_IS_THE_END.store(true, Ordering::SeqCst);
    watch_signals();
}

/// Start, once, the thread that cleans up on SIGINT, SIGTERM and SIGHUP: it removes the
/// pending temporary files, then ends the process by the same signal (exit status
/// 128 + the signal's number in a shell: 130, 143, 129), or with 0 for SIGINT after
/// [`interrupt_ends_cleanly`].
fn watch_signals() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return; // without the handler a signal ends nytta as before
        };
        let spawned = std::thread::Builder::new().name("signals".into()).spawn(move || {
            if let Some(signal) = signals.forever().next() {
                // Held to the end: no rename can start after the files are gone.
                let files = pending();
                for path in files.iter() {
                    let _ = std::fs::remove_file(path);
                }
                if signal == SIGINT && INTERRUPT_IS_THE_END.load(Ordering::SeqCst) {
                    std::process::exit(0);
                }
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                std::process::exit(128 + signal);
            }
        });
        drop(spawned);
    });
}

/// A temporary file beside its destination, removed when dropped or on a signal.
pub struct Temp {
    file: Option<tempfile::NamedTempFile>,
}

impl Temp {
    /// A second handle to write through.
    pub fn reopen(&self) -> std::io::Result<File> {
        match &self.file {
            Some(f) => f.reopen(),
            None => Err(std::io::Error::other("the temporary file is gone")),
        }
    }

    pub fn as_file(&self) -> Option<&File> {
        self.file.as_ref().map(|f| f.as_file())
    }

    /// Rename onto `path` (replacing it); `noclobber`: fail if it exists.
    pub fn persist(mut self, path: &Path, noclobber: bool) -> Result<(), std::io::Error> {
        let Some(file) = self.file.take() else {
            return Err(std::io::Error::other("the temporary file is gone"));
        };
        let mut files = pending();
        let tmp = file.path().to_path_buf();
        let result = if noclobber {
            file.persist_noclobber(path).map(drop).map_err(|e| e.error)
        } else {
            file.persist(path).map(drop).map_err(|e| e.error)
        };
        files.retain(|p| *p != tmp);
        result
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if let Some(file) = self.file.take() {
            let mut files = pending();
            let tmp = file.path().to_path_buf();
            drop(file); // removes it
            files.retain(|p| *p != tmp);
        }
    }
}

/// A temporary file beside `path`, to be renamed onto it when complete. It gets the
/// permissions `path` has if it exists, else those of a new file (0666 less the umask),
/// not the 0600 of a bare temporary file.
pub fn temp_beside(path: &Path) -> Result<Temp, Failure> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let context = || cannot_write(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".nytta-");
    match std::fs::metadata(path) {
        Ok(existing) => {
            builder.permissions(existing.permissions());
        }
        Err(_) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                builder.permissions(std::fs::Permissions::from_mode(0o666));
            }
        }
    }
    watch_signals();
    // Registered before it exists, so that a signal in between finds it too.
    let mut files = pending();
    let tmp = builder.tempfile_in(&dir).or_fail(context)?;
    files.push(tmp.path().to_path_buf());
    drop(files);
    // Creation applied the umask to 0666; an existing file's mode is restored exactly.
    if let Ok(existing) = std::fs::metadata(path) {
        let _ = tmp.as_file().set_permissions(existing.permissions());
    }
    Ok(Temp { file: Some(tmp) })
}

// ---------------------------------------------------------------- -o FILE

/// How `-o FILE` is written.
pub enum Plan {
    /// Written to a temporary file beside `target` (the file a link points to, or the
    /// path itself), then renamed onto it.
    Atomic { target: PathBuf },
    /// A device, FIFO or socket, or a file reached through `/dev` or `/proc`: opened
    /// and written in place; a regular file so reached is appended to, as `>>` would.
    Through { append: bool },
}

/// Symbolic links followed at most this many times (Linux's limit).
const MAX_LINKS: usize = 40;

/// Under `/dev` or `/proc`: never replaced, only written through.
fn system_path(path: &Path) -> bool {
    path.starts_with("/dev") || path.starts_with("/proc")
}

/// Follow symbolic links from `path` to the file they end at (which may not exist
/// yet); also whether any step passes through `/dev` or `/proc`.
fn follow_links(path: &Path) -> Result<(PathBuf, bool), Failure> {
    let mut current = path.to_path_buf();
    let mut system = system_path(&current);
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let to = std::fs::read_link(&current).or_fail(|| {
                    say!(sv: "kan inte följa länken {}", current.display(); en: "cannot follow the link {}", current.display())
                })?;
                current = match current.parent() {
                    Some(parent) if to.is_relative() => parent.join(to),
                    _ => to,
                };
                system |= system_path(&current);
            }
            _ => return Ok((current, system)),
        }
    }
    Err(fail!(
        sv: "{}: fler än {MAX_LINKS} symboliska länkar i rad (en slinga?); ange själva filen", cannot_write(path);
        en: "{}: more than {MAX_LINKS} symbolic links in a row (a loop?); give the file itself", cannot_write(path)
    ))
}

/// `-o` names a directory.
pub fn directory_given(path: &Path) -> Failure {
    fail!(
        sv: "{}: det är en mapp; ange ett filnamn", cannot_write(path);
        en: "{}: it is a directory; give a file name", cannot_write(path)
    )
}

/// Decide how to write `-o path`.
pub fn plan(path: &Path) -> Result<Plan, Failure> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(directory_given(path)),
        Ok(meta) if !meta.is_file() => Ok(Plan::Through { append: false }),
        _ => {
            let (target, system) = follow_links(path)?;
            if system {
                Ok(Plan::Through { append: true })
            } else {
                Ok(Plan::Atomic { target })
            }
        }
    }
}

/// An open `-o FILE`: write to [`Opened::writer`], then [`Opened::commit`].
pub enum Opened {
    Atomic { tmp: Temp, target: PathBuf, shown: PathBuf },
    Through { file: File },
}

/// Open `-o path` for writing as its [`Plan`] says.
pub fn open(path: &Path) -> Result<Opened, Failure> {
    if matches!(path.to_str(), Some("/dev/stdout" | "/dev/fd/1" | "/proc/self/fd/1")) {
        stdout_open()?; // else it is the runtime's /dev/null, and the output is lost unseen
    }
    let context = || cannot_write(path);
    match plan(path)? {
        Plan::Atomic { target } => Ok(Opened::Atomic {
            tmp: temp_beside(&target)?,
            target,
            shown: path.to_path_buf(),
        }),
        Plan::Through { append } => {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .append(append)
                .open(path)
                .or_fail(context)?;
            Ok(Opened::Through { file })
        }
    }
}

impl Opened {
    /// A handle to write the output through.
    pub fn writer(&self) -> Result<File, Failure> {
        match self {
            Opened::Atomic { tmp, shown, .. } => tmp.reopen().or_fail(|| cannot_write(shown)),
            Opened::Through { file } => file
                .try_clone()
                .or_fail(|| say!(sv: "kan inte skriva"; en: "cannot write")),
        }
    }

    /// Finish: rename the temporary file into place (nothing to do when written through).
    pub fn commit(self) -> Result<(), Failure> {
        match self {
            Opened::Atomic { tmp, target, shown } => {
                let context = || cannot_write(&shown);
                if let Some(file) = tmp.as_file() {
                    file.sync_all().or_fail(context)?;
                }
                tmp.persist(&target, false).or_fail(context)
            }
            Opened::Through { .. } => Ok(()),
        }
    }
}

/// Write `-o path` whole. A closed pipe at the other end is a normal end.
pub fn file(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let opened = open(path)?;
    let mut writer = opened.writer()?;
    match writer.write_all(bytes).and_then(|()| writer.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(e).or_fail(|| cannot_write(path)),
    }
    drop(writer);
    opened.commit()
}

/// Write to `-o FILE` when given, else to stdout.
pub fn emit(target: Option<&Path>, bytes: &[u8]) -> Result<(), Failure> {
    match target {
        Some(path) => file(path, bytes),
        None => stdout_bytes(bytes),
    }
}

// ---------------------------------------------------------------- identity

/// A file's identity: device and inode (so `B.TOML`, `b.toml` on a case-insensitive
/// disk, a hard link and a symlink all name the same file), else its canonical path.
/// Read from metadata, never by opening (a FIFO would block).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Identity {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg(not(unix))]
    Path(PathBuf),
}

pub fn identity(path: &Path) -> Option<Identity> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| Identity::Inode(m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        path.canonicalize().ok().map(Identity::Path)
    }
}

/// The identity of a file from its metadata (an open file's, read without looking up
/// its path again); `path` serves where there is no inode.
pub fn identity_of(metadata: &std::fs::Metadata, path: &Path) -> Option<Identity> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = path;
        Some(Identity::Inode(metadata.dev(), metadata.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        path.canonicalize().ok().map(Identity::Path)
    }
}

/// Whether `out` is the same file as one of `inputs`.
pub fn same_file_as_any(out: &Path, inputs: &[PathBuf]) -> bool {
    let Some(out) = identity(out) else { return false };
    inputs.iter().any(|i| identity(i).is_some_and(|i| i == out))
}
