//! The interactive prompt, in the manner of `git add -p`: one fix at a time with a counter, its
//! applicability as a coloured tag (and why an unsafe fix is unsafe), the shape of a call-chain
//! fix, its diff (through a pager when longer than the screen), then a single key:
//!
//! | key | |
//! |---|---|
//! | `y` | apply this fix |
//! | `n` | do not apply it |
//! | `a` | apply it and every remaining one (the prompt says how many of them are unsafe) |
//! | `q` | quit: the fixes accepted so far are written, no more are asked |
//! | `d` | skip the rest of this file |
//! | `s` | skip the rest of this transform |
//! | `e` | explain: the transform's "Why is this bad?" and "Fix safety" sections |
//! | `?` | help |
//! | Ctrl-C | stop at once: nothing is written |
//!
//! The counter is `(asked/total)`: the fixes asked so far plus those still to come in this round.
//! Fixes found only after the accepted ones are applied (a later round of the planning loop) are
//! announced with a line when their round starts.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use console::{style, Key, StyledObject, Term};

use super::diff::write_patch;
use super::{chain, safety, terminal};
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Decision, FileId, Fix, Session};
use crate::source::LineIndex;

/// Identifies a finding across rounds as the planning loop does: transform, file, message and
/// the text it points at.
type Fingerprint = (&'static str, FileId, String, String);

/// A fix accepted in this round, by where it is and what it is: when it is no longer there, the
/// planning loop has applied the round and re-checked the files.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Anchor {
    file: FileId,
    index: usize,
    transform: &'static str,
    range: Range<usize>,
    message: String,
}

/// The state of one interactive review; [`Reviewer::decide`] is the planning loop's `decide`.
pub struct Reviewer<'g> {
    color: bool,
    threshold: Applicability,
    /// Whether the run lets a fix be offered at all (the baseline, files a broken configuration
    /// stops): others are declined without a question.
    offered: &'g dyn Fn(&Session, &Diagnostic) -> bool,
    out: Term,
    asked: usize,
    total: usize,
    /// This round's answered fixes, by (file, index in its diagnostics).
    answered: HashSet<(FileId, usize)>,
    /// Fixes declined in earlier rounds: the planning loop does not offer them again.
    declined_before: HashMap<Fingerprint, usize>,
    declined_now: Vec<Fingerprint>,
    last_accepted: Option<Anchor>,
    all: bool,
    skipped_files: HashSet<FileId>,
    skipped_transforms: HashSet<&'static str>,
    /// Fixes accepted so far.
    pub accepted: usize,
    /// Whether the review ended with Ctrl-C: then nothing must be written.
    pub interrupted: bool,
}

impl<'g> Reviewer<'g> {
    /// A review of the fixes at least as sure as `threshold` that `offered` lets through; prompts
    /// go to stderr (stdout when stderr is not a terminal).
    pub fn new(color: bool, threshold: Applicability, offered: &'g dyn Fn(&Session, &Diagnostic) -> bool) -> Self {
        let out = if Term::stderr().is_term() { Term::stderr() } else { Term::stdout() };
        Reviewer {
            color,
            threshold,
            offered,
            out,
            asked: 0,
            total: 0,
            answered: HashSet::new(),
            declined_before: HashMap::new(),
            declined_now: Vec::new(),
            last_accepted: None,
            all: false,
            skipped_files: HashSet::new(),
            skipped_transforms: HashSet::new(),
            accepted: 0,
            interrupted: false,
        }
    }

    /// Decides on one fix: asks, or answers for the user after `a`, `d` or `s`.
    pub fn decide(&mut self, session: &Session, d: &Diagnostic) -> Decision {
        let Some(fix) = &d.fix else { return Decision::No };
        if !(self.offered)(session, d) {
            return Decision::No;
        }
        let Some(index) = session.files[d.file].diagnostics.iter().position(|x| std::ptr::eq(x, d)) else {
            return Decision::No;
        };
        let new_round = self.last_accepted.as_ref().is_some_and(|a| !a.is_in(session));
        if new_round {
            for f in self.declined_now.drain(..) {
                *self.declined_before.entry(f).or_default() += 1;
            }
            self.answered.clear();
            self.last_accepted = None;
        }
        if self.is_skipped(d) {
            self.answered.insert((d.file, index));
            self.decline(session, d);
            return Decision::No;
        }
        let (pending, pending_unsafe) = self.pending(session);
        let previous_total = self.total;
        self.total = self.asked + pending.max(1);
        self.answered.insert((d.file, index));
        if self.all {
            self.asked += 1;
            return self.accept(d, index);
        }
        if new_round && self.total > previous_total {
            let more = self.total - previous_total;
            let line = format!(
                "\n── {more} more {} appeared after the ones you accepted ──",
                if more == 1 { "fix" } else { "fixes" }
            );
            let _ = self.out.write_line(&self.paint(style(line).cyan().bold()));
        }
        self.asked += 1;
        if !self.show(session, d, fix) {
            return Decision::Quit;
        }
        loop {
            let _ = self.out.write_str(&self.prompt(fix, pending_unsafe));
            let key = terminal::read_key();
            let answer = match &key {
                Ok(Key::Char(c)) => Some(*c),
                _ => None,
            };
            if let Some(c) = answer.filter(|c| !c.is_control()) {
                let _ = self.out.write_line(&c.to_string());
            } else {
                let _ = self.out.write_line("");
            }
            match (key, answer) {
                (_, Some('y' | 'Y')) => return self.accept(d, index),
                (_, Some('n' | 'N')) => {
                    self.decline(session, d);
                    return Decision::No;
                }
                (_, Some('a' | 'A')) => {
                    self.all = true;
                    return self.accept(d, index);
                }
                (_, Some('q' | 'Q' | '\u{4}')) => return Decision::Quit,
                (_, Some('d' | 'D')) => {
                    self.skipped_files.insert(d.file);
                    self.decline(session, d);
                    return Decision::No;
                }
                (_, Some('s' | 'S')) => {
                    self.skipped_transforms.insert(d.transform.name);
                    self.decline(session, d);
                    return Decision::No;
                }
                (_, Some('e' | 'E')) => {
                    self.print(&safety::explanation(d.transform));
                }
                (_, Some('?')) => {
                    self.print(&self.help(d, pending_unsafe));
                }
                (Ok(Key::CtrlC), _) => {
                    self.interrupted = true;
                    return Decision::Quit;
                }
                // End of input, or a terminal that cannot be read: as `q`.
                (Err(_), _) => return Decision::Quit,
                _ => {
                    let _ = self.out.write_line("answer y, n, a, q, d, s or e (? explains each)");
                }
            }
        }
    }

    fn is_skipped(&self, d: &Diagnostic) -> bool {
        self.skipped_files.contains(&d.file) || self.skipped_transforms.contains(d.transform.name)
    }

    fn accept(&mut self, d: &Diagnostic, index: usize) -> Decision {
        self.accepted += 1;
        self.last_accepted = Some(Anchor {
            file: d.file,
            index,
            transform: d.transform.name,
            range: d.range.clone(),
            message: d.message.clone(),
        });
        Decision::Yes
    }

    fn decline(&mut self, session: &Session, d: &Diagnostic) {
        self.declined_now.push(fingerprint(session, d));
    }

    /// The fixes this round still has to offer (the one being asked included), and how many of
    /// them are unsafe: those at the threshold the run lets through, not answered in this round,
    /// not declined in an earlier one, not in a skipped file or transform.
    fn pending(&self, session: &Session) -> (usize, usize) {
        let mut declined = self.declined_before.clone();
        let (mut count, mut unsafe_count) = (0, 0);
        for (f, file) in session.files.iter().enumerate() {
            for (i, d) in file.diagnostics.iter().enumerate() {
                let Some(fix) = &d.fix else { continue };
                if fix.applicability < self.threshold
                    || fix.applicability == Applicability::DisplayOnly
                    || self.answered.contains(&(f, i))
                    || self.is_skipped(d)
                    || !(self.offered)(session, d)
                {
                    continue;
                }
                if let Some(n) = declined.get_mut(&fingerprint(session, d)).filter(|n| **n > 0) {
                    *n -= 1;
                    continue;
                }
                count += 1;
                unsafe_count += usize::from(fix.applicability == Applicability::Unsafe);
            }
        }
        (count, unsafe_count)
    }

    /// Shows the finding, the fix and its diff; `false` when the terminal cannot be written.
    fn show(&self, session: &Session, d: &Diagnostic, fix: &Fix) -> bool {
        let file = &session.files[d.file];
        let at = LineIndex::new(file.doc.text()).line_col(file.doc.text(), d.range.start);
        let mut shown = format!(
            "\n{} {}:{}:{}: {}: {}\n",
            self.tag(fix.applicability),
            self.paint(style(file.source.display.as_str()).bold()),
            at.line,
            at.column,
            self.paint(style(d.transform.name).red().bold()),
            d.message,
        );
        if fix.applicability == Applicability::Unsafe {
            let reason = safety::reason(d.transform).unwrap_or_else(|| "it may change behaviour (press e)".into());
            shown.push_str(&format!("  {} {reason}\n", self.paint(style("unsafe because").yellow())));
        }
        shown.push_str(&format!("{} {}\n", self.paint(style("fix:").bold()), fix.description));
        let path = |f: FileId| session.files[f].source.display.clone();
        for line in chain::lines(&fix.chain, "", &path) {
            shown.push_str(&line);
            shown.push('\n');
        }
        for target in diff_order(d, fix) {
            let state = &session.files[target];
            let mut after = state.doc.clone();
            after.apply(fix.edits.iter().filter(|e| e.file == target).map(|e| (&e.range, e.content.as_str())));
            let mut patch = Vec::new();
            let _ = write_patch(
                &mut patch,
                &state.source.display,
                &state.doc.display_bytes(),
                &after.display_bytes(),
                self.color,
            );
            shown.push_str(&String::from_utf8_lossy(&patch));
        }
        self.print(&shown)
    }

    /// Prints `text`, through the pager when it does not fit above the prompt.
    fn print(&self, text: &str) -> bool {
        if terminal::page(text, terminal::rows(&self.out).saturating_sub(1)) {
            return true;
        }
        self.out.write_str(text).is_ok()
    }

    fn prompt(&self, fix: &Fix, pending_unsafe: usize) -> String {
        let head =
            format!("({}/{}) {} Apply this fix [y,n,a,q,d,s,e,?]", self.asked, self.total, self.tag(fix.applicability));
        // Worth saying when `a` would apply unsafe fixes besides this one.
        let others = pending_unsafe - usize::from(fix.applicability == Applicability::Unsafe).min(pending_unsafe);
        match others {
            0 => format!("{head}? "),
            _ => format!("{head} (`a` includes {pending_unsafe} unsafe)? "),
        }
    }

    fn help(&self, d: &Diagnostic, pending_unsafe: usize) -> String {
        let all = match pending_unsafe {
            0 => "apply this fix and every remaining one".to_owned(),
            n => format!("apply this fix and every remaining one ({n} of them unsafe)"),
        };
        format!(
            "y - apply this fix\n\
             n - do not apply this fix\n\
             a - {all}\n\
             q - quit: write the fixes accepted so far and ask no more\n\
             d - do not apply this fix or any later one in this file\n\
             s - do not apply this fix or any later one of {}\n\
             e - explain: why this is a problem, and when its fix is safe\n\
             ? - print this help\n\
             Ctrl-C - stop at once: write nothing\n",
            d.transform.name
        )
    }

    fn tag(&self, applicability: Applicability) -> String {
        match applicability {
            Applicability::Safe => self.paint(style("[safe]").green().bold()),
            Applicability::Unsafe => self.paint(style("[unsafe]").yellow().bold()),
            Applicability::DisplayOnly => self.paint(style("[display-only]").dim()),
        }
    }

    fn paint<D: std::fmt::Display>(&self, styled: StyledObject<D>) -> String {
        styled.force_styling(self.color).to_string()
    }
}

impl Anchor {
    /// Whether the session still holds this finding where it was.
    fn is_in(&self, session: &Session) -> bool {
        session
            .files
            .get(self.file)
            .and_then(|f| f.diagnostics.get(self.index))
            .is_some_and(|d| d.transform.name == self.transform && d.range == self.range && d.message == self.message)
    }
}

/// The planning loop's identity of a finding (see [`Fingerprint`]).
fn fingerprint(session: &Session, d: &Diagnostic) -> Fingerprint {
    let text = session.files[d.file].doc.text().get(d.range.clone()).unwrap_or("").to_owned();
    (d.transform.name, d.file, d.message.clone(), text)
}

/// The files of a fix in the order a reviewer reads them: the finding's file, then the chain from
/// its origin to its roots, then any other file it edits.
fn diff_order(d: &Diagnostic, fix: &Fix) -> Vec<FileId> {
    let edited = fix.files();
    let mut order = vec![d.file];
    order.extend(fix.chain.files());
    order.extend(edited.iter().copied());
    let mut seen = HashSet::new();
    order.into_iter().filter(|f| edited.contains(f) && seen.insert(*f)).collect()
}
