//! The JSON document: a stable, versioned contract for scripts.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::summary::Row;
use super::{Counts, Locator, Version};
use crate::diagnostic::Diagnostic;
use crate::fix::Problem;

/// The version of the JSON document's shape.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    errors: Vec<JsonProblem<'a>>,
    projects: Vec<JsonProject>,
    summary: Counts,
    /// `--statistics`: one row per transform with findings.
    #[serde(skip_serializing_if = "Option::is_none")]
    statistics: Option<Vec<Row>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    transform: &'static str,
    code: &'static str,
    /// `error`, `warning` or `note`, from the file's `.editorconfig` severities.
    level: &'static str,
    path: &'a str,
    range: Range,
    message: &'a str,
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct Range {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: &'static str,
    description: &'a str,
    edits: Vec<JsonEdit<'a>>,
    /// A call-chain fix: the methods it changes, origin first, each with the index of the method
    /// it calls (`null` for the origin) and what it is to the chain.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    chain: Vec<JsonChainMethod<'a>>,
    /// Where a call-chain fix stops, and why.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    chain_stops: &'a [String],
    /// The SHA-256 of the bytes, as read, of every file the fix edits (listing and `--dry-run`
    /// only): `--apply-plan` checks them before applying the fix.
    #[serde(skip_serializing_if = "Option::is_none")]
    sha256: Option<BTreeMap<&'a str, String>>,
}

#[derive(Serialize)]
struct JsonChainMethod<'a> {
    method: &'a str,
    path: &'a str,
    calls: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    path: &'a str,
    start_byte: usize,
    end_byte: usize,
    replacement: &'a str,
}

#[derive(Serialize)]
struct JsonProblem<'a> {
    path: &'a str,
    message: &'a str,
}

/// A project and how asyncfix classified it, so that the detection can be audited.
#[derive(Serialize)]
struct JsonProject {
    path: Option<String>,
    kind: &'static str,
    target_frameworks: Vec<String>,
    files: usize,
}

/// Renders the JSON document for `diagnostics` (positions from `locator`'s version of the files).
/// `statistics` are the rows of `--statistics`, when asked for.
pub fn render(
    diagnostics: &[Diagnostic],
    errors: &[Problem],
    counts: &Counts,
    statistics: Option<Vec<Row>>,
    locator: &mut Locator<'_>,
) -> String {
    let session = locator.session();
    let cwd = std::env::current_dir().unwrap_or_default();
    let projects = session
        .projects
        .iter()
        .enumerate()
        .map(|(id, p)| JsonProject {
            path: p.path.as_ref().map(|path| crate::workspace::display_path(path, &cwd)),
            kind: p.kind.name(),
            target_frameworks: p.target_frameworks.clone(),
            files: session.files.iter().filter(|f| f.source.project == id).count(),
        })
        .filter(|p| p.files > 0)
        .collect();
    let mut hashes: HashMap<usize, String> = HashMap::new();
    let diagnostics = diagnostics
        .iter()
        .map(|d| {
            let (start, end) = (locator.line_col(d.file, d.range.start), locator.line_col(d.file, d.range.end));
            let fix = d.fix.as_ref().map(|fix| JsonFix {
                sha256: (locator.version() == Version::Original).then(|| {
                    fix.files()
                        .into_iter()
                        .map(|f| {
                            let hash = hashes
                                .entry(f)
                                .or_insert_with(|| sha256_hex(&session.files[f].original_bytes()))
                                .clone();
                            (locator.path(f), hash)
                        })
                        .collect()
                }),
                applicability: fix.applicability.name(),
                description: &fix.description,
                chain: fix
                    .chain
                    .methods
                    .iter()
                    .map(|m| JsonChainMethod {
                        method: &m.name,
                        path: locator.path(m.file),
                        calls: m.calls,
                        note: m.note.as_deref(),
                    })
                    .collect(),
                chain_stops: &fix.chain.stops,
                edits: fix
                    .edits
                    .iter()
                    .map(|e| {
                        let doc = locator.doc(e.file);
                        JsonEdit {
                            path: locator.path(e.file),
                            start_byte: doc.disk_offset(e.range.start),
                            end_byte: doc.disk_offset(e.range.end),
                            replacement: &e.content,
                        }
                    })
                    .collect(),
            });
            JsonDiagnostic {
                transform: d.transform.name,
                code: d.transform.code,
                level: locator.level(d).name(),
                path: locator.path(d.file),
                range: Range {
                    start: Position { line: start.line, column: start.column },
                    end: Position { line: end.line, column: end.column },
                },
                message: &d.message,
                fix,
            }
        })
        .collect();
    let document = Document {
        version: VERSION,
        diagnostics,
        errors: errors.iter().map(|p| JsonProblem { path: &p.path, message: &p.message }).collect(),
        projects,
        summary: *counts,
        statistics,
    };
    serde_json::to_string_pretty(&document).expect("JSON of plain data")
}

/// The SHA-256 of `bytes` in lower-case hexadecimal.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
