//! SARIF 2.1.0 for code-scanning tools: one rule per transform, one result per finding, with its
//! fix as replacements.

use serde_json::{json, Value};

use super::{Counts, Locator};
use crate::diagnostic::Diagnostic;
use crate::transforms;

/// The schema the document declares.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Renders the SARIF log for `diagnostics` (positions from `locator`'s version of the files).
/// `counts` go in the run's property bag as `summary`, the same numbers as the JSON document's.
pub fn render(diagnostics: &[Diagnostic], counts: &Counts, locator: &mut Locator<'_>) -> String {
    let all = transforms::all();
    let rules: Vec<Value> = all
        .iter()
        .map(|t| {
            let m = t.meta();
            let equivalents = crate::config::ids::analyzer_ids_of(m.name);
            json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": { "text": m.summary },
                "fullDescription": { "text": m.summary },
                "help": { "text": m.documentation, "markdown": m.documentation },
                "defaultConfiguration": { "enabled": m.default_enabled, "level": "warning" },
                "properties": { "fix": m.fix.name(), "equivalentIds": equivalents },
            })
        })
        .collect();
    let results: Vec<Value> = diagnostics
        .iter()
        .map(|d| {
            let rule_index = all.iter().position(|t| t.meta().name == d.transform.name);
            let mut result = json!({
                "ruleId": d.transform.code,
                "level": locator.level(d).name(),
                "message": { "text": d.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(locator.path(d.file)) },
                        "region": region(locator, d.file, d.range.start, d.range.end),
                    }
                }],
            });
            if let Some(index) = rule_index {
                result["ruleIndex"] = json!(index);
            }
            if let Some(fix) = &d.fix {
                let mut files: Vec<usize> = fix.edits.iter().map(|e| e.file).collect();
                files.dedup();
                let changes: Vec<Value> = files
                    .iter()
                    .map(|&file| {
                        let replacements: Vec<Value> = fix
                            .edits
                            .iter()
                            .filter(|e| e.file == file)
                            .map(|e| {
                                json!({
                                    "deletedRegion": region(locator, e.file, e.range.start, e.range.end),
                                    "insertedContent": { "text": e.content },
                                })
                            })
                            .collect();
                        json!({ "artifactLocation": { "uri": uri(locator.path(file)) }, "replacements": replacements })
                    })
                    .collect();
                result["fixes"] = json!([{
                    "description": { "text": fix.description },
                    "artifactChanges": changes,
                }]);
                result["properties"] = json!({ "applicability": fix.applicability.name() });
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "asyncfix",
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": { "summary": counts },
        }]
    });
    serde_json::to_string_pretty(&log).expect("JSON of plain data")
}

/// A text region: 1-based lines and columns (columns count characters, as `columnKind` says),
/// and the byte offsets in the file as stored.
fn region(locator: &mut Locator<'_>, file: usize, start: usize, end: usize) -> Value {
    let (s, e) = (locator.line_col(file, start), locator.line_col(file, end));
    let doc = locator.doc(file);
    let (byte_start, byte_end) = (doc.disk_offset(start), doc.disk_offset(end));
    json!({
        "startLine": s.line,
        "startColumn": s.column,
        "endLine": e.line,
        "endColumn": e.column,
        "byteOffset": byte_start,
        "byteLength": byte_end - byte_start,
    })
}

/// A relative path as a URI reference: `/`-separated, with characters outside the unreserved
/// set percent-encoded.
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.replace('\\', "/").bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri("src/My Lib/A#1.cs"), "src/My%20Lib/A%231.cs");
        assert_eq!(uri("src\\A.cs"), "src/A.cs");
        assert_eq!(uri("src/Ü.cs"), "src/%C3%9C.cs");
    }
}
