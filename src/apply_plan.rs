//! `--apply-plan`: applies the fixes recorded by `--dry-run --format json`, exactly as recorded,
//! after checking that every file a fix edits still has the bytes the plan was made from.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use serde::Deserialize;

use crate::fix::{dirty, write_bytes, Applicability, Problem};
use crate::render::json::{sha256_hex, VERSION};
use crate::source::{Document, Encoding};
use crate::syntax::{parse, ErrorRegions, Node};
use crate::transforms::Transform;

#[derive(Deserialize)]
struct Plan {
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

#[derive(Deserialize)]
struct PlanRange {
    start: PlanPosition,
}

#[derive(Deserialize)]
struct PlanPosition {
    line: usize,
}

#[derive(Deserialize)]
struct PlanFix {
    applicability: String,
    edits: Vec<PlanEdit>,
    sha256: Option<BTreeMap<String, String>>,
}

#[derive(Clone, Deserialize)]
struct PlanEdit {
    path: String,
    start_byte: usize,
    end_byte: usize,
    replacement: String,
}

/// What to apply and how.
pub struct Options<'a> {
    /// `--select`: only fixes of these transforms (empty: all).
    pub select: &'a [&'static dyn Transform],
    /// `--unsafe-fixes`: unsafe fixes too.
    pub unsafe_fixes: bool,
    /// `--allow-dirty`.
    pub allow_dirty: bool,
}

/// What applying a plan did.
#[derive(Debug, Default)]
pub struct Report {
    /// Fixes applied.
    pub applied: usize,
    /// Files written, by path.
    pub written: Vec<String>,
    /// Fixes not applied because a file they edit changed since the plan was made (exit 2).
    pub changed: Vec<Problem>,
    /// Fixes not applied because they overlap one applied before them: the plan's fixes were
    /// all found in the same text, and a later run finds these again in the edited text (exit 1).
    pub postponed: Vec<Problem>,
    /// Fixes not applied for another reason (invalid edit, syntax error) or files not written;
    /// each makes the exit status 2.
    pub errors: Vec<Problem>,
}

/// A fix of the plan being applied: where it was found, and its edits.
struct Candidate {
    transform: String,
    path: String,
    line: usize,
    edits: Vec<PlanEdit>,
    hashes: BTreeMap<String, String>,
}

impl Candidate {
    fn label(&self) -> String {
        format!("the `{}` fix at line {}", self.transform, self.line)
    }

    fn files(&self) -> BTreeSet<&str> {
        self.edits.iter().map(|e| e.path.as_str()).collect()
    }
}

/// Reads the plan at `plan_path` and applies its fixes. Paths in the plan are relative to the
/// current folder, as when it was made.
pub fn apply(plan_path: &Path, options: &Options<'_>) -> Result<Report> {
    let text = std::fs::read_to_string(plan_path)
        .map_err(|e| anyhow!("{}: {}", plan_path.display(), crate::workspace::io_message(&e)))?;
    let plan: Plan = serde_json::from_str(&text)
        .with_context(|| format!("{}: not a plan from --format json", plan_path.display()))?;
    if plan.version != VERSION {
        bail!("{}: plan version {} is not supported (expected {VERSION})", plan_path.display(), plan.version);
    }
    let threshold = if options.unsafe_fixes { Applicability::Unsafe } else { Applicability::Safe };
    let mut candidates = Vec::new();
    for d in plan.diagnostics {
        let Some(fix) = d.fix else { continue };
        let applicability = match fix.applicability.as_str() {
            "safe" => Applicability::Safe,
            "unsafe" => Applicability::Unsafe,
            _ => Applicability::DisplayOnly,
        };
        if applicability < threshold || applicability == Applicability::DisplayOnly {
            continue;
        }
        if !options.select.is_empty() && !options.select.iter().any(|t| t.meta().name == d.transform) {
            continue;
        }
        let Some(hashes) = fix.sha256 else {
            bail!("{}: the plan has no file hashes; make it with `--dry-run --format json`", plan_path.display());
        };
        candidates.push(Candidate {
            transform: d.transform,
            path: d.path,
            line: d.range.start.line,
            edits: fix.edits,
            hashes,
        });
    }

    let mut report = Report::default();
    let mut originals: HashMap<String, Option<Vec<u8>>> = HashMap::new();
    for c in &candidates {
        for path in c.files() {
            originals.entry(path.to_owned()).or_insert_with(|| std::fs::read(path).ok());
        }
    }

    // A fix applies only if every file it edits still has its recorded hash.
    let mut accepted: Vec<Candidate> = Vec::new();
    for c in candidates {
        let stale: Vec<&str> = c
            .files()
            .into_iter()
            .filter(|path| {
                let now = originals.get(*path).and_then(|b| b.as_deref()).map(sha256_hex);
                now.is_none() || now.as_ref() != c.hashes.get(*path)
            })
            .collect();
        if let Some(first) = stale.first() {
            report.changed.push(Problem {
                path: first.to_string(),
                message: format!("changed since the plan was made; {} in {} was not applied", c.label(), c.path),
            });
            continue;
        }
        let overlaps = c.edits.iter().any(|e| {
            accepted.iter().flat_map(|a| a.edits.iter()).any(|a| {
                a.path == e.path
                    && (a.start_byte == e.start_byte || (a.start_byte < e.end_byte && e.start_byte < a.end_byte))
            })
        });
        if overlaps {
            report.postponed.push(Problem {
                path: c.path.clone(),
                message: format!("{} overlaps a fix applied before it; run asyncfix again for it", c.label()),
            });
            continue;
        }
        accepted.push(c);
    }

    // Build each file's new bytes; a fix whose result is not valid (an edit out of range, text the
    // encoding cannot hold, a new syntax error) is dropped with every fix of the same files, and
    // the files are built again.
    let results = loop {
        match build(&accepted, &originals) {
            Ok(results) => break results,
            Err((path, message)) => {
                let (bad, good): (Vec<Candidate>, Vec<Candidate>) =
                    accepted.into_iter().partition(|c| c.files().contains(path.as_str()));
                for c in bad {
                    report.errors.push(Problem {
                        path: path.clone(),
                        message: format!("{} was not applied: {message}", c.label()),
                    });
                }
                accepted = good;
            }
        }
    };

    if !options.allow_dirty {
        let paths: Vec<PathBuf> = results.keys().map(PathBuf::from).collect();
        let dirty: Vec<String> = dirty::dirty_files(&paths).iter().map(|p| p.display().to_string()).collect();
        if !dirty.is_empty() {
            bail!("{}", dirty::refusal(&dirty));
        }
    }
    for (path, bytes) in &results {
        let original = originals[path].as_deref().expect("read before");
        match write_bytes(Path::new(path), original, bytes) {
            Ok(()) => report.written.push(path.clone()),
            Err(message) => report.errors.push(Problem { path: path.clone(), message }),
        }
    }
    report.applied =
        accepted.iter().filter(|c| c.files().iter().all(|f| report.written.iter().any(|w| w == f))).count();
    Ok(report)
}

/// The new bytes of every file `fixes` edit, or the first file that cannot be built and why.
fn build(
    fixes: &[Candidate],
    originals: &HashMap<String, Option<Vec<u8>>>,
) -> std::result::Result<BTreeMap<String, Vec<u8>>, (String, String)> {
    let mut by_file: BTreeMap<&str, Vec<&PlanEdit>> = BTreeMap::new();
    for e in fixes.iter().flat_map(|c| c.edits.iter()) {
        by_file.entry(&e.path).or_default().push(e);
    }
    let mut out = BTreeMap::new();
    for (path, mut edits) in by_file {
        let fail = |m: &str| (path.to_owned(), m.to_owned());
        let original = originals[path].as_deref().ok_or_else(|| fail("the file cannot be read"))?;
        let doc = Document::decode(original).map_err(|e| fail(&format!("cannot decode: {e}")))?;
        let mut bytes = original.to_vec();
        edits.sort_by_key(|e| std::cmp::Reverse((e.start_byte, e.end_byte)));
        for e in edits {
            if e.start_byte > e.end_byte || e.end_byte > bytes.len() {
                return Err(fail("an edit lies outside the file"));
            }
            let content = encode(doc.encoding(), &e.replacement)
                .ok_or_else(|| fail("the file's encoding cannot hold the new text"))?;
            bytes.splice(e.start_byte..e.end_byte, content);
        }
        let before = errors_in(&doc);
        let after = Document::decode(&bytes).ok().map(|d| errors_in(&d));
        if after.is_none_or(|after| after > before) {
            return Err(fail("the result would have a syntax error"));
        }
        out.insert(path.to_owned(), bytes);
    }
    Ok(out)
}

fn errors_in(doc: &Document) -> usize {
    parse(doc.text()).map_or(usize::MAX, |tree| ErrorRegions::find(Node::root(&tree, doc.text())).count())
}

fn encode(encoding: Encoding, text: &str) -> Option<Vec<u8>> {
    match encoding {
        Encoding::Utf8 { .. } => Some(text.as_bytes().to_vec()),
        Encoding::Utf16 { big_endian } => {
            Some(text.encode_utf16().flat_map(|u| if big_endian { u.to_be_bytes() } else { u.to_le_bytes() }).collect())
        }
        Encoding::Legacy => text.is_ascii().then(|| text.as_bytes().to_vec()),
    }
}
