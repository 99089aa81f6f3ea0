//! What the prompt needs of the terminal: one key at a time in raw mode (restored on every way
//! out, a signal included), the height of the screen, a pager for text longer than it, and a
//! plain word on interruption.
//!
//! Raw mode lasts only while a key is read. If a signal ends the process in the meantime
//! (`kill`, a closed terminal), the handler of [`Review`] restores the terminal first. While the
//! review runs, an interrupt says that nothing was written before the process ends: files are
//! written only after the last answer.

use std::io::{self, Write};
use std::process::{Command, Stdio};

use console::{Key, Term};

/// Reads one key without waiting for Enter and without echo. Ctrl-C is [`Key::CtrlC`], not a
/// signal (the terminal is in raw mode while the key is read).
pub fn read_key() -> io::Result<Key> {
    let term = Term::stdout();
    if !term.is_term() {
        return Err(io::Error::new(io::ErrorKind::Unsupported, "not a terminal"));
    }
    signals::entering_raw_mode();
    let key = term.read_key_raw();
    signals::left_raw_mode();
    key
}

/// The number of lines of the terminal: `LINES` when set (as curses programs read it), else
/// what the terminal says (24 when it says nothing).
pub fn rows(term: &Term) -> usize {
    if let Some(lines) = std::env::var("LINES").ok().and_then(|l| l.trim().parse::<usize>().ok()) {
        return lines.max(1);
    }
    term.size_checked().map_or(24, |(rows, _)| usize::from(rows).max(1))
}

/// The pager to use: `$PAGER` (run by the shell, as git runs it), `less -R` when it is not set;
/// none when it is empty or `cat`.
pub fn pager() -> Option<String> {
    match std::env::var("PAGER") {
        Ok(p) if p.trim().is_empty() || p.trim() == "cat" => None,
        Ok(p) => Some(p),
        Err(_) => Some("less -R".into()),
    }
}

/// Shows `text` through the pager when it has more lines than `rows`; `false` when it did not
/// (short text, no pager, the pager could not be started): then the caller prints it. Only call
/// it for output that goes to a terminal.
pub fn page(text: &str, rows: usize) -> bool {
    if text.lines().count() < rows {
        return false;
    }
    let Some(pager) = pager() else { return false };
    let mut command = Command::new("sh");
    command.arg("-c").arg(&pager).stdin(Stdio::piped());
    // As git does: quit at once when the text fits after all, keep colours, leave the text on
    // the screen after quitting.
    if std::env::var_os("LESS").is_none() {
        command.env("LESS", "FRX");
    }
    if std::env::var_os("LV").is_none() {
        command.env("LV", "-c");
    }
    let _interrupts_go_to_the_pager = signals::Ignore::interrupts();
    let Ok(mut child) = command.spawn() else { return false };
    if let Some(mut stdin) = child.stdin.take() {
        // A pager quit before reading everything closes the pipe: not an error.
        let _ = stdin.write_all(text.as_bytes());
    }
    let _ = child.wait();
    true
}

/// While a review runs: a signal that ends the process restores the terminal and says that
/// nothing was written. Dropped before any file is written.
pub struct Review {
    #[cfg(unix)]
    previous: Vec<(libc::c_int, libc::sighandler_t)>,
}

impl Review {
    /// Installs the handlers (SIGINT, SIGTERM, SIGHUP).
    pub fn start() -> Review {
        Review {
            #[cfg(unix)]
            previous: signals::install(),
        }
    }
}

impl Drop for Review {
    fn drop(&mut self) {
        #[cfg(unix)]
        signals::restore(&self.previous);
    }
}

#[cfg(unix)]
mod signals {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::OnceLock;

    /// The terminal's settings before raw mode, saved the first time a key is read.
    static COOKED: OnceLock<libc::termios> = OnceLock::new();
    /// Whether the terminal is in raw mode now.
    static RAW: AtomicBool = AtomicBool::new(false);

    pub fn entering_raw_mode() {
        if COOKED.get().is_none() {
            let mut termios = std::mem::MaybeUninit::<libc::termios>::uninit();
            // SAFETY: tcgetattr fills the struct when it returns 0.
            if unsafe { libc::tcgetattr(0, termios.as_mut_ptr()) } == 0 {
                let _ = COOKED.set(unsafe { termios.assume_init() });
            }
        }
        RAW.store(true, Ordering::SeqCst);
    }

    pub fn left_raw_mode() {
        RAW.store(false, Ordering::SeqCst);
    }

    const SIGNALS: [libc::c_int; 3] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP];

    /// Restores the terminal if a key was being read, says that nothing was written, and ends the
    /// process by the same signal (so that its parent sees how it ended). Only async-signal-safe
    /// calls: tcsetattr, write, signal, raise.
    extern "C" fn on_signal(signal: libc::c_int) {
        if RAW.load(Ordering::SeqCst) {
            if let Some(cooked) = COOKED.get() {
                // SAFETY: restores settings read from the same terminal.
                unsafe { libc::tcsetattr(0, libc::TCSANOW, cooked) };
            }
        }
        let message: &[u8] = match signal {
            libc::SIGINT => b"\ninterrupted: nothing was written\n",
            _ => b"\nterminated: nothing was written\n",
        };
        // SAFETY: plain system calls on a static buffer.
        unsafe {
            libc::write(2, message.as_ptr().cast(), message.len());
            libc::signal(signal, libc::SIG_DFL);
            libc::raise(signal);
        }
    }

    pub fn install() -> Vec<(libc::c_int, libc::sighandler_t)> {
        let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
        // SAFETY: installs a handler that only makes async-signal-safe calls.
        SIGNALS.iter().map(|&s| (s, unsafe { libc::signal(s, handler) })).collect()
    }

    pub fn restore(previous: &[(libc::c_int, libc::sighandler_t)]) {
        for &(signal, handler) in previous {
            // SAFETY: puts back the handler that was there.
            unsafe { libc::signal(signal, handler) };
        }
    }

    /// Interrupts ignored while it lives (a pager handles Ctrl-C itself).
    pub struct Ignore(libc::sighandler_t);

    impl Ignore {
        pub fn interrupts() -> Ignore {
            // SAFETY: ignoring a signal.
            Ignore(unsafe { libc::signal(libc::SIGINT, libc::SIG_IGN) })
        }
    }

    impl Drop for Ignore {
        fn drop(&mut self) {
            // SAFETY: puts back the handler that was there.
            unsafe { libc::signal(libc::SIGINT, self.0) };
        }
    }
}

#[cfg(not(unix))]
mod signals {
    pub fn entering_raw_mode() {}
    pub fn left_raw_mode() {}
    pub struct Ignore;
    impl Ignore {
        pub fn interrupts() -> Ignore {
            Ignore
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_not_paged() {
        assert!(!page("one line\n", 24));
    }
}
