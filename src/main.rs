//! The `nytta` binary: parse the command line, run, map the outcome to an exit code.

mod cli;

/// mimalloc: parsing and computing thousands of small projects is allocation-heavy;
/// it makes `nytta batch` markedly faster than the system allocator (docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
