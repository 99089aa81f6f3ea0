//! The counts a run reports, each defined once and shown the same way in text, JSON and SARIF;
//! the record of the fixes a run applies (for the per-file lines after `--yes`); and the
//! `--statistics` table.
//!
//! | count | meaning |
//! |---|---|
//! | `diagnostics` | findings listed (after suppressions and the baseline) |
//! | `fixable` | findings whose fix `--yes` applies: safe ones, and unsafe ones with `--unsafe-fixes` |
//! | `fixable_safe` | findings with a safe fix |
//! | `fixable_unsafe` | findings with an unsafe fix (the "more with `--unsafe-fixes`" when it is not given) |
//! | `fixes_applied` | fixes applied and written by this run (`--yes`, the prompt) |
//! | `fixes_previewed` | fixes in the patch of `--dry-run` |
//! | `later_round_fixes` | of those applied or previewed, the fixes for findings that were not listed at first: they appeared once other fixes were applied |
//! | `baselined` | findings the baseline hid |

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Decision, FileId, Session};
use crate::transforms;

/// Counts for summaries (see the module documentation for each).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Files scanned.
    pub files: usize,
    /// Findings listed.
    pub diagnostics: usize,
    /// Findings whose fix `--yes` applies (with `--unsafe-fixes`, unsafe ones too).
    pub fixable: usize,
    /// Findings with a safe fix.
    pub fixable_safe: usize,
    /// Findings with an unsafe fix.
    pub fixable_unsafe: usize,
    /// Files that still have syntax errors.
    pub parse_errors: usize,
    /// Fixes applied and written.
    pub fixes_applied: usize,
    /// Fixes in the `--dry-run` patch.
    pub fixes_previewed: usize,
    /// Of the fixes applied or previewed, those for findings not listed at first.
    pub later_round_fixes: usize,
    /// Findings the baseline hid.
    pub baselined: usize,
}

impl Counts {
    /// Counts `diagnostics` of `session`; `unsafe_fixes` says whether `--yes` applies unsafe fixes.
    pub fn of(session: &Session, diagnostics: &[Diagnostic], unsafe_fixes: bool) -> Self {
        let applicability =
            |a| diagnostics.iter().filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability == a)).count();
        let (safe, unsafe_) = (applicability(Applicability::Safe), applicability(Applicability::Unsafe));
        Counts {
            files: session.files.len(),
            diagnostics: diagnostics.len(),
            fixable: safe + if unsafe_fixes { unsafe_ } else { 0 },
            fixable_safe: safe,
            fixable_unsafe: unsafe_,
            parse_errors: session.files.iter().filter(|f| f.has_syntax_errors()).count(),
            ..Counts::default()
        }
    }

    /// The findings whose fix only `--unsafe-fixes` would apply (0 when it is given).
    pub fn more_with_unsafe_fixes(&self) -> usize {
        (self.fixable_safe + self.fixable_unsafe).saturating_sub(self.fixable)
    }
}

/// The fixes a run accepted, by transform and by the files they edit. Wrap the planning loop's
/// `decide` with [`FixLog::record`]: `--yes`, the prompt and `--apply-plan` share the per-file
/// lines and the totals this gives.
#[derive(Debug, Default)]
pub struct FixLog {
    /// The findings listed at first that have a fix, by (transform, file, message, the text it
    /// points at): a fix for one of them is not a later round's.
    initial: HashMap<Key, usize>,
    fixes: Vec<Logged>,
}

/// A finding as the planning loop identifies it across rounds.
type Key = (&'static str, FileId, String, String);

fn key(session: &Session, d: &Diagnostic) -> Key {
    let text = session.files[d.file].doc.text().get(d.range.clone()).unwrap_or("").to_owned();
    (d.transform.name, d.file, d.message.clone(), text)
}

#[derive(Debug)]
struct Logged {
    transform: &'static str,
    files: Vec<FileId>,
    later: bool,
}

impl FixLog {
    /// A log for a run whose first check of `session` found `initial` (call it before any fix
    /// is applied).
    pub fn new(session: &Session, initial: &[Diagnostic]) -> Self {
        let mut log = FixLog::default();
        for d in initial.iter().filter(|d| d.fix.is_some()) {
            *log.initial.entry(key(session, d)).or_default() += 1;
        }
        log
    }

    /// Records `decision` on the fix of `d`, one of `session`'s diagnostics, and returns it.
    pub fn record(&mut self, session: &Session, d: &Diagnostic, decision: Decision) -> Decision {
        if matches!(decision, Decision::Yes | Decision::All) {
            if let Some(fix) = &d.fix {
                let later = match self.initial.get_mut(&key(session, d)).filter(|n| **n > 0) {
                    Some(n) => {
                        *n -= 1;
                        false
                    }
                    None => true,
                };
                self.fixes.push(Logged { transform: d.transform.name, files: fix.files(), later });
            }
        }
        decision
    }

    /// Fixes accepted.
    pub fn accepted(&self) -> usize {
        self.fixes.len()
    }

    /// Fixes accepted whose every file is among `written` (display paths): those a run really
    /// wrote.
    pub fn written(&self, session: &Session, written: &[String]) -> usize {
        let is_written = |f: &FileId| written.contains(&session.files[*f].source.display);
        self.fixes.iter().filter(|fix| fix.files.iter().all(is_written)).count()
    }

    /// Fixes accepted for findings that were not listed at first.
    pub fn later_rounds(&self) -> usize {
        self.fixes.iter().filter(|f| f.later).count()
    }

    /// One line per file of `files` (display paths, in session order) with the fixes that edit
    /// it, by transform: `Lib/Client.cs: 3 fixes (missing-configure-await ×2, unforwarded-cancellation ×1)`.
    /// A fix that edits several files counts in each.
    pub fn file_lines(&self, session: &Session, files: &[String]) -> Vec<String> {
        let mut out = Vec::new();
        for (id, state) in session.files.iter().enumerate() {
            if !files.contains(&state.source.display) {
                continue;
            }
            let mut by_transform: BTreeMap<&str, usize> = BTreeMap::new();
            for fix in self.fixes.iter().filter(|f| f.files.contains(&id)) {
                *by_transform.entry(fix.transform).or_default() += 1;
            }
            let total: usize = by_transform.values().sum();
            if total == 0 {
                continue;
            }
            let mut parts: Vec<(&str, usize)> = by_transform.into_iter().collect();
            parts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            let parts: Vec<String> = parts.iter().map(|(name, n)| format!("{name} ×{n}")).collect();
            out.push(format!("{}: {} ({})", state.source.display, plural(total, "fix"), parts.join(", ")));
        }
        out
    }
}

/// One row of `--statistics`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Row {
    /// The transform's code.
    pub code: &'static str,
    /// The transform's name.
    pub transform: &'static str,
    /// Its findings.
    pub findings: usize,
    /// Of them, with a safe fix.
    pub fixable_safe: usize,
    /// With an unsafe fix.
    pub fixable_unsafe: usize,
    /// Without a fix (or with one that is only displayed).
    pub without_fix: usize,
}

/// One row per transform with findings, in registry order.
pub fn statistics(diagnostics: &[Diagnostic]) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for t in transforms::all() {
        let m = t.meta();
        let mut row = Row { code: m.code, transform: m.name, ..Row::default() };
        for d in diagnostics.iter().filter(|d| d.transform.name == m.name) {
            row.findings += 1;
            match d.fix.as_ref().map(|f| f.applicability) {
                Some(Applicability::Safe) => row.fixable_safe += 1,
                Some(Applicability::Unsafe) => row.fixable_unsafe += 1,
                _ => row.without_fix += 1,
            }
        }
        if row.findings > 0 {
            rows.push(row);
        }
    }
    // A transform outside the registry (tests) still counts.
    for d in diagnostics.iter().filter(|d| transforms::find(d.transform.name).is_none()) {
        if !rows.iter().any(|r| r.transform == d.transform.name) {
            rows.push(Row { code: d.transform.code, transform: d.transform.name, ..Row::default() });
        }
        let row = rows.iter_mut().find(|r| r.transform == d.transform.name).expect("just added");
        row.findings += 1;
        match d.fix.as_ref().map(|f| f.applicability) {
            Some(Applicability::Safe) => row.fixable_safe += 1,
            Some(Applicability::Unsafe) => row.fixable_unsafe += 1,
            _ => row.without_fix += 1,
        }
    }
    rows
}

/// The `--statistics` table, with a total line; `baseline` names the baseline in use and how many
/// findings it hid.
pub fn statistics_table(rows: &[Row], baseline: Option<(&str, usize)>) -> String {
    let name_width = rows.iter().map(|r| r.transform.len()).max().unwrap_or(0).max("transform".len());
    let mut out = format!(
        "{:<6} {:<name_width$} {:>8} {:>5} {:>6} {:>6}\n",
        "code", "transform", "findings", "safe", "unsafe", "no fix"
    );
    let mut total = Row::default();
    for r in rows {
        out.push_str(&format!(
            "{:<6} {:<name_width$} {:>8} {:>5} {:>6} {:>6}\n",
            r.code, r.transform, r.findings, r.fixable_safe, r.fixable_unsafe, r.without_fix
        ));
        total.findings += r.findings;
        total.fixable_safe += r.fixable_safe;
        total.fixable_unsafe += r.fixable_unsafe;
        total.without_fix += r.without_fix;
    }
    out.push_str(&format!(
        "{:<6} {:<name_width$} {:>8} {:>5} {:>6} {:>6}\n",
        "", "total", total.findings, total.fixable_safe, total.fixable_unsafe, total.without_fix
    ));
    if let Some((path, hidden)) = baseline {
        out.push_str(&format!("{} hidden by the baseline {path}\n", plural(hidden, "finding")));
    }
    out
}

/// `1 fix`, `2 fixes`, `1 file`, `2 files`.
pub fn plural(n: usize, noun: &str) -> String {
    match (n, noun) {
        (1, _) => format!("1 {noun}"),
        (_, "fix") => format!("{n} fixes"),
        _ => format!("{n} {noun}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_with_unsafe_fixes_is_what_the_threshold_leaves_out() {
        let counts = Counts { fixable: 9, fixable_safe: 9, fixable_unsafe: 5, ..Counts::default() };
        assert_eq!(counts.more_with_unsafe_fixes(), 5);
        let enabled = Counts { fixable: 14, ..counts };
        assert_eq!(enabled.more_with_unsafe_fixes(), 0);
    }

    #[test]
    fn the_statistics_table_has_a_total_and_the_baseline_line() {
        let rows = [
            Row { code: "AF001", transform: "missing-configure-await", findings: 3, fixable_safe: 3, ..Row::default() },
            Row {
                code: "AF012",
                transform: "missing-cancellation",
                findings: 2,
                fixable_unsafe: 1,
                without_fix: 1,
                ..Row::default()
            },
        ];
        assert_eq!(
            statistics_table(&rows, Some(("baseline.json", 4))),
            "\
code   transform               findings  safe unsafe no fix
AF001  missing-configure-await        3     3      0      0
AF012  missing-cancellation           2     0      1      1
       total                          5     3      1      1
4 findings hidden by the baseline baseline.json
"
        );
    }
}
