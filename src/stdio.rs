//! Standard output and standard error when the reader may go away.
//!
//! `asyncfix … | head` closes the pipe after a few lines. Rust ignores `SIGPIPE`, so every later
//! write fails with `BrokenPipe`: `print!` and `eprint!` panic on it, and a `?` turns it into an
//! `error: Broken pipe`. asyncfix does what `rg` and `ruff` do instead: once the reader of stdout
//! (or stderr) has gone, whatever would have gone there is dropped without a word, and the run
//! ends as it would have (same files written, same exit status). Nothing is written to the user's
//! files because of what was printed: every mode writes them before it prints what it did.
//!
//! Every line asyncfix prints goes through [`stdout`] or [`stderr`]; other write errors of stdout
//! (a full disk behind `> file`) are still errors.

use std::io::{ErrorKind, Write};
use std::sync::atomic::{AtomicBool, Ordering};

static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);
static STDERR_CLOSED: AtomicBool = AtomicBool::new(false);

/// Standard output: writes after its reader went away are dropped.
pub fn stdout() -> Stdout {
    Stdout
}

/// Standard error: writes after its reader went away, and any other failure to write there, are
/// dropped (there is nowhere left to say it).
pub fn stderr() -> Stderr {
    Stderr
}

/// Whether the reader of standard output went away during this run.
pub fn stdout_closed() -> bool {
    STDOUT_CLOSED.load(Ordering::Relaxed)
}

/// See [`stdout`].
#[derive(Clone, Copy, Debug)]
pub struct Stdout;

/// See [`stderr`].
#[derive(Clone, Copy, Debug)]
pub struct Stderr;

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if STDOUT_CLOSED.load(Ordering::Relaxed) {
            return Ok(buf.len());
        }
        quiet_when_closed(std::io::stdout().lock().write_all(buf).map(|()| buf.len()), buf.len(), &STDOUT_CLOSED)
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.write(buf).map(|_| ())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if STDOUT_CLOSED.load(Ordering::Relaxed) {
            return Ok(());
        }
        quiet_when_closed(std::io::stdout().lock().flush(), (), &STDOUT_CLOSED)
    }
}

impl Write for Stderr {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if !STDERR_CLOSED.load(Ordering::Relaxed) {
            let result = std::io::stderr().lock().write_all(buf);
            if result.is_err() {
                STDERR_CLOSED.store(true, Ordering::Relaxed);
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `result`, or `ok` when it failed because the reader went away (which `closed` then records).
fn quiet_when_closed<T>(result: std::io::Result<T>, ok: T, closed: &AtomicBool) -> std::io::Result<T> {
    match result {
        Err(e) if e.kind() == ErrorKind::BrokenPipe => {
            closed.store(true, Ordering::Relaxed);
            Ok(ok)
        }
        other => other,
    }
}
