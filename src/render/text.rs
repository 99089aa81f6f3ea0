//! The text listing: `path:line:col: name: message`, then a summary.

use std::io::{self, Write};

use console::style;

use super::{Counts, Locator};
use crate::diagnostic::Diagnostic;

/// Writes one line per diagnostic.
pub fn write_listing(out: &mut dyn Write, diagnostics: &[Diagnostic], locator: &mut Locator<'_>) -> io::Result<()> {
    for d in diagnostics {
        let at = locator.line_col(d.file, d.range.start);
        writeln!(
            out,
            "{}:{}:{}: {}: {}",
            style(locator.path(d.file)).bold(),
            at.line,
            at.column,
            style(d.transform.name).red().bold(),
            d.message
        )?;
    }
    Ok(())
}

/// The summary after a listing (nothing applied).
pub fn listing_summary(counts: &Counts, unsafe_fixes: bool) -> String {
    if counts.diagnostics == 0 {
        return format!("Scanned {}: no findings", files(counts.files));
    }
    let mut line = format!("Scanned {}: {}", files(counts.files), plural(counts.diagnostics, "finding"));
    let applicable = counts.safe + if unsafe_fixes { counts.unsafe_ } else { 0 };
    if applicable > 0 {
        let flags = if unsafe_fixes { " --unsafe-fixes" } else { "" };
        line.push_str(&format!(
            ", {applicable} fixable: preview with `asyncfix --dry-run{flags}`, apply with `asyncfix --yes{flags}` or review each with `asyncfix -i`"
        ));
    }
    if !unsafe_fixes && counts.unsafe_ > 0 {
        line.push_str(&format!(" ({} more with `--unsafe-fixes`)", counts.unsafe_));
    }
    line
}

/// The summary after fixes were applied (or previewed with `dry_run`).
pub fn applied_summary(applied: usize, changed_files: usize, remaining: usize, dry_run: bool) -> String {
    let verb = if dry_run { "Would apply" } else { "Applied" };
    let mut line = format!("{verb} {} in {}", plural(applied, "fix"), files(changed_files));
    if remaining > 0 {
        let left = match (dry_run, remaining) {
            (true, _) => "to review",
            (false, 1) => "remains",
            (false, _) => "remain",
        };
        line.push_str(&format!("; {} {left}", plural(remaining, "finding")));
    }
    line
}

fn files(n: usize) -> String {
    plural(n, "file")
}

fn plural(n: usize, noun: &str) -> String {
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
    fn summaries_read_well() {
        let counts = Counts { files: 3, diagnostics: 2, safe: 1, unsafe_: 1, parse_errors: 0 };
        assert_eq!(
            listing_summary(&counts, false),
            "Scanned 3 files: 2 findings, 1 fixable: preview with `asyncfix --dry-run`, apply with `asyncfix --yes` or review each with `asyncfix -i` (1 more with `--unsafe-fixes`)"
        );
        assert_eq!(listing_summary(&Counts { files: 1, ..Counts::default() }, false), "Scanned 1 file: no findings");
        assert_eq!(applied_summary(1, 1, 0, false), "Applied 1 fix in 1 file");
        assert_eq!(applied_summary(3, 2, 1, true), "Would apply 3 fixes in 2 files; 1 finding to review");
        assert_eq!(applied_summary(0, 0, 1, false), "Applied 0 fixes in 0 files; 1 finding remains");
        assert_eq!(applied_summary(2, 1, 2, false), "Applied 2 fixes in 1 file; 2 findings remain");
    }
}
