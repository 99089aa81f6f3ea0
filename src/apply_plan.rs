//! `--apply-plan`: applies the fixes a reviewed plan (`--dry-run --format json`) records, and only
//! those that asyncfix itself finds again, identical, in the files as they are now.
//!
//! A plan may come from someone else (a CI artifact of a pull request), so nothing in it is taken
//! as given. It only says *which* fixes to apply: the run checks the same paths with the same
//! configuration in a fresh [`Session`], and goes through the planning loop of `--yes` (same
//! selection, validation and writer) admitting only the fixes the plan records. A recorded fix is
//! applied when the fix found now has the same transform, range and edits, and every file it edits
//! still has the SHA-256 the plan recorded. Every path the plan names must lie inside the paths
//! the run is given, after `..` and symbolic links are resolved. Anything else is refused, by name.
//!
//! A plan records the fixes found in the files as they were: a recorded fix that overlaps one
//! applied before it would only be found again in the edited text, with other offsets, so it is
//! left for a new plan (a note); fixes that appear only once others are applied are in the next
//! plan, not this one.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use serde::Deserialize;

use crate::config::absolute;
use crate::diagnostic::Diagnostic;
use crate::fix::dirty::{self, Allow};
use crate::fix::{write_files, Applicability, Decision, FileId, Problem, Session};
use crate::render::json::{sha256_hex, VERSION};
use crate::render::summary::FixLog;
use crate::source::LineIndex;
use crate::transforms::{self, Transform};

#[derive(Deserialize)]
struct PlanDocument {
    version: u32,
    diagnostics: Vec<PlanDiagnostic>,
}

#[derive(Deserialize)]
struct PlanDiagnostic {
    transform: String,
    path: String,
    range: PlanRange,
    fix: Option<PlanFix>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
struct PlanRange {
    start: PlanPosition,
    end: PlanPosition,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
struct PlanPosition {
    line: usize,
    column: usize,
}

#[derive(Deserialize)]
struct PlanFix {
    applicability: String,
    edits: Vec<PlanEdit>,
    sha256: Option<BTreeMap<String, String>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Deserialize)]
struct PlanEdit {
    path: String,
    start_byte: usize,
    end_byte: usize,
    replacement: String,
}

/// One fix a plan records: what identifies it, and the hashes of the files it edits.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Recorded {
    transform: String,
    path: String,
    range: PlanRange,
    edits: Vec<PlanEdit>,
    hashes: BTreeMap<String, String>,
    applicability: String,
}

impl Recorded {
    fn label(&self) -> String {
        format!("the `{}` fix at {}:{}", self.transform, self.range.start.line, self.range.start.column)
    }

    /// Every path the fix would write, each once.
    fn paths(&self) -> BTreeSet<&str> {
        self.edits.iter().map(|e| e.path.as_str()).chain(self.hashes.keys().map(String::as_str)).collect()
    }
}

/// A plan, read and checked for shape (not yet against the files).
pub struct Plan {
    /// The plan's path as given, for messages.
    display: String,
    fixes: Vec<Recorded>,
    /// Transform names the plan records that asyncfix does not know.
    unknown: Vec<String>,
}

impl Plan {
    /// Reads the plan at `path`: JSON of the supported version in which every fix records the
    /// hashes of its files.
    pub fn read(path: &Path) -> Result<Plan> {
        let display = path.display().to_string();
        let text =
            std::fs::read_to_string(path).map_err(|e| anyhow!("{display}: {}", crate::workspace::io_message(&e)))?;
        let document: PlanDocument =
            serde_json::from_str(&text).with_context(|| format!("{display}: not a plan from --format json"))?;
        if document.version != VERSION {
            bail!("{display}: plan version {} is not supported (expected {VERSION})", document.version);
        }
        let mut fixes = Vec::new();
        let mut unknown = BTreeSet::new();
        for d in document.diagnostics {
            let Some(fix) = d.fix else { continue };
            let Some(hashes) = fix.sha256 else {
                bail!("{display}: the plan has no file hashes; make it with `--dry-run --format json`");
            };
            if transforms::find(&d.transform).is_none_or(|t| t.meta().name != d.transform) {
                unknown.insert(d.transform);
                continue;
            }
            let recorded = Recorded {
                transform: d.transform,
                path: d.path,
                range: d.range,
                edits: fix.edits,
                hashes,
                applicability: fix.applicability,
            };
            // A fix recorded twice is one fix.
            if !fixes.contains(&recorded) {
                fixes.push(recorded);
            }
        }
        Ok(Plan { display, fixes, unknown: unknown.into_iter().collect() })
    }

    /// The transforms a run applying this plan checks: those it records fixes of, narrowed to
    /// `select` when given. Checking only these finds the recorded fixes of transforms that are off
    /// by default, and nothing the plan cannot admit.
    pub fn transforms(&self, select: &[&'static dyn Transform]) -> Vec<&'static dyn Transform> {
        let recorded: BTreeSet<&str> = self.fixes.iter().map(|f| f.transform.as_str()).collect();
        transforms::all()
            .iter()
            .copied()
            .filter(|t| recorded.contains(t.meta().name))
            .filter(|t| select.is_empty() || select.iter().any(|s| s.meta().name == t.meta().name))
            .collect()
    }
}

/// How to apply a plan.
pub struct Options<'a> {
    /// The paths the run checks: every path the plan writes must lie inside one of them.
    pub paths: &'a [PathBuf],
    /// The transforms the session checks ([`Plan::transforms`]): recorded fixes of others were
    /// not selected.
    pub transforms: &'a [&'static dyn Transform],
    /// `--unsafe-fixes` (or `unsafe-fixes = true`): unsafe fixes too.
    pub unsafe_fixes: bool,
    /// `--allow-dirty`, `--allow-staged`.
    pub allow: Allow,
}

/// What applying a plan did.
#[derive(Debug, Default)]
pub struct Report {
    /// Fixes applied.
    pub applied: usize,
    /// Files written, by display path.
    pub written: Vec<String>,
    /// Recorded fixes refused: each makes the exit status 2.
    pub refused: Vec<Problem>,
    /// Recorded fixes left for a new plan because one applied before them overlaps them (exit 1).
    pub postponed: Vec<Problem>,
    /// Notes that change nothing in the exit status.
    pub notes: Vec<Problem>,
    /// One line per file written with its fixes by transform, as after `--yes`.
    pub file_lines: Vec<String>,
}

/// Applies `plan` to the files of `session` (loaded and checked over `options.paths`) and writes
/// them. The session's own errors (a fix that would not parse, a file changed before writing) are
/// left in it.
pub fn apply(plan: &Plan, session: &mut Session, options: &Options<'_>) -> Result<Report> {
    let mut report = Report::default();
    for name in &plan.unknown {
        report.refused.push(Problem {
            path: plan.display.clone(),
            message: format!("unknown transform `{name}`; its fixes were not applied"),
        });
    }
    let selected: BTreeSet<&str> = options.transforms.iter().map(|t| t.meta().name).collect();
    let roots: Vec<PathBuf> = options.paths.iter().map(|p| resolved(p)).collect();
    let roots_shown = options.paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ");
    let mut wanted = Vec::new();
    for fix in plan.fixes.iter().filter(|f| selected.contains(f.transform.as_str())) {
        match fix.paths().into_iter().find(|p| !roots.iter().any(|root| resolved(Path::new(p)).starts_with(root))) {
            Some(outside) => report.refused.push(Problem {
                path: outside.to_owned(),
                message: format!(
                    "outside the paths the plan is applied to ({roots_shown}); {} in {} was not applied",
                    fix.label(),
                    fix.path
                ),
            }),
            None => wanted.push(fix),
        }
    }

    let threshold = if options.unsafe_fixes { Applicability::Unsafe } else { Applicability::Safe };
    let matcher = Matcher::new(session, &wanted);
    // What asyncfix finds in the files as read, before anything is applied: a recorded fix that is
    // not among these was never found, whatever happens to the files later.
    let found: HashMap<usize, Applicability> = session
        .diagnostics()
        .filter_map(|d| Some((matcher.find(session, d)?, d.fix.as_ref()?.applicability)))
        .collect();
    let mut accepted: BTreeSet<usize> = BTreeSet::new();
    let initial: Vec<Diagnostic> = session.diagnostics().cloned().collect();
    let mut log = FixLog::new(session, &initial);
    let outcome = session.fix_admitted(threshold, &|s, d| matcher.find(s, d).is_some(), &mut |s, d| {
        accepted.extend(matcher.find(s, d));
        log.record(s, d, Decision::Yes)
    });

    let mut unsafe_skipped = 0;
    for (i, fix) in wanted.iter().enumerate().filter(|(i, _)| !accepted.contains(i)) {
        let files: Vec<(&str, Option<FileId>)> =
            fix.hashes.keys().map(|p| (p.as_str(), matcher.by_path.get(p.as_str()).copied())).collect();
        let unchecked = files.iter().find(|(_, file)| file.is_none());
        let changed = files.iter().find(|(path, file)| {
            file.is_some_and(|f| sha256_hex(&session.files[f].original_bytes()) != fix.hashes[*path])
        });
        if let Some((path, _)) = unchecked {
            report.refused.push(Problem {
                path: path.to_string(),
                message: format!(
                    "not a file this run checks (missing, ignored, or not C#); {} in {} was not applied",
                    fix.label(),
                    fix.path
                ),
            });
        } else if let Some((path, _)) = changed {
            report.refused.push(Problem {
                path: path.to_string(),
                message: format!("changed since the plan was made; {} in {} was not applied", fix.label(), fix.path),
            });
        } else {
            match found.get(&i) {
                None => report.refused.push(Problem {
                    path: fix.path.clone(),
                    message: format!(
                        "{} is not a fix asyncfix finds there (the plan was edited, or made with other options); it was not applied",
                        fix.label()
                    ),
                }),
                Some(Applicability::DisplayOnly) => {}
                Some(&applicability) if applicability < threshold => unsafe_skipped += 1,
                Some(_) if files.iter().any(|(_, file)| file.is_some_and(|f| session.files[f].is_changed())) => {
                    report.postponed.push(Problem {
                        path: fix.path.clone(),
                        message: format!(
                            "{} overlaps a fix applied before it and was not applied; make a new plan for it",
                            fix.label()
                        ),
                    })
                }
                // Found, then dropped by validation: the session says why.
                Some(_) => {}
            }
        }
    }
    if unsafe_skipped > 0 {
        let (count, them) = if unsafe_skipped == 1 {
            ("1 unsafe fix".into(), "it")
        } else {
            (format!("{unsafe_skipped} unsafe fixes"), "them")
        };
        report.notes.push(Problem {
            path: plan.display.clone(),
            message: format!("{count} of the plan not applied; pass --unsafe-fixes to apply {them}"),
        });
    }

    dirty::refuse_uncommitted(session, &dirty::changed_files(session), options.allow).map_err(anyhow::Error::msg)?;
    let written = write_files(session);
    session.errors.extend(written.skipped);
    report.applied = outcome.applied;
    report.file_lines = log.file_lines(session, &written.written);
    report.written = written.written;
    Ok(report)
}

/// `path` with `..` and symbolic links resolved (as far as it exists; lexically beyond).
fn resolved(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| absolute(path))
}

/// Finds, for a fix of the session, the recorded fix it is identical to.
struct Matcher<'p> {
    wanted: &'p [&'p Recorded],
    /// Recorded fixes by transform, path and first edit: the quick look before a full comparison.
    by_first_edit: HashMap<(&'p str, &'p str, usize, usize), Vec<usize>>,
    /// Session files by display path.
    by_path: HashMap<String, FileId>,
    /// The SHA-256 of a file's current bytes, with the text it was computed for.
    hashes: RefCell<HashMap<FileId, (std::sync::Arc<str>, String)>>,
    lines: RefCell<HashMap<FileId, (std::sync::Arc<str>, LineIndex)>>,
}

impl<'p> Matcher<'p> {
    fn new(session: &Session, wanted: &'p [&'p Recorded]) -> Self {
        let mut by_first_edit: HashMap<_, Vec<usize>> = HashMap::new();
        for (i, fix) in wanted.iter().enumerate() {
            if let Some(e) = fix.edits.first() {
                by_first_edit
                    .entry((fix.transform.as_str(), e.path.as_str(), e.start_byte, e.end_byte))
                    .or_default()
                    .push(i);
            }
        }
        let by_path = session.files.iter().enumerate().map(|(i, f)| (f.source.display.clone(), i)).collect();
        Matcher { wanted, by_first_edit, by_path, hashes: RefCell::default(), lines: RefCell::default() }
    }

    /// The recorded fix identical to the fix of `d` in the session's current text, whose files all
    /// still have the recorded hashes.
    fn find(&self, session: &Session, d: &Diagnostic) -> Option<usize> {
        let fix = d.fix.as_ref()?;
        let first = fix.edits.first()?;
        let first_doc = &session.files[first.file].doc;
        let key = (
            d.transform.name,
            session.files[first.file].source.display.as_str(),
            first_doc.disk_offset(first.range.start),
            first_doc.disk_offset(first.range.end),
        );
        let candidates = self.by_first_edit.get(&key)?;
        let edits: Vec<PlanEdit> = fix
            .edits
            .iter()
            .map(|e| {
                let doc = &session.files[e.file].doc;
                PlanEdit {
                    path: session.files[e.file].source.display.clone(),
                    start_byte: doc.disk_offset(e.range.start),
                    end_byte: doc.disk_offset(e.range.end),
                    replacement: e.content.clone(),
                }
            })
            .collect();
        let range = PlanRange {
            start: self.position(session, d.file, d.range.start),
            end: self.position(session, d.file, d.range.end),
        };
        let path = &session.files[d.file].source.display;
        let found = candidates.iter().copied().find(|&i| {
            let recorded = self.wanted[i];
            recorded.path == *path
                && recorded.range == range
                && recorded.edits == edits
                && recorded.hashes.len() == fix.files().len()
                && fix.files().into_iter().all(|f| {
                    recorded.hashes.get(&session.files[f].source.display).is_some_and(|h| *h == self.hash(session, f))
                })
        })?;
        Some(found)
    }

    fn hash(&self, session: &Session, file: FileId) -> String {
        let text = session.files[file].doc.shared_text();
        let mut hashes = self.hashes.borrow_mut();
        match hashes.get(&file) {
            Some((at, hash)) if std::sync::Arc::ptr_eq(at, &text) => hash.clone(),
            _ => {
                let hash = sha256_hex(&session.files[file].doc.to_disk());
                hashes.insert(file, (text, hash.clone()));
                hash
            }
        }
    }

    fn position(&self, session: &Session, file: FileId, offset: usize) -> PlanPosition {
        let text = session.files[file].doc.shared_text();
        let mut lines = self.lines.borrow_mut();
        let entry = lines.entry(file).or_insert_with(|| (text.clone(), LineIndex::new(&text)));
        if !std::sync::Arc::ptr_eq(&entry.0, &text) {
            *entry = (text.clone(), LineIndex::new(&text));
        }
        let at = entry.1.line_col(&text, offset);
        PlanPosition { line: at.line, column: at.column }
    }
}
