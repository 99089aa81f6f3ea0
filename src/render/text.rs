//! The text listing: `path:line:col: name: message`, each marked `[*]` when `--yes` fixes it and
//! `[unsafe]` when only `--unsafe-fixes` would, then a summary that ends in ruff's manner:
//! "9 fixable with `--yes` (5 more with `--unsafe-fixes`)".

use std::io::{self, Write};

use console::style;

use super::summary::plural;
use super::{chain, Counts, Locator};
use crate::diagnostic::Diagnostic;
use crate::fix::Applicability;

/// How the listing marks findings and what it shows under them.
#[derive(Clone, Copy, Debug)]
pub struct Marks {
    /// The applicability `--yes` applies in this run (unsafe with `--unsafe-fixes`).
    pub threshold: Applicability,
    /// Whether the shape of a call-chain fix is shown under its finding (`--dry-run`).
    pub chains: bool,
}

/// Writes one line per diagnostic.
pub fn write_listing(
    out: &mut dyn Write,
    diagnostics: &[Diagnostic],
    locator: &mut Locator<'_>,
    marks: Marks,
) -> io::Result<()> {
    for d in diagnostics {
        let at = locator.line_col(d.file, d.range.start);
        let applicability = d.fix.as_ref().map(|f| f.applicability);
        let mark = match applicability {
            Some(a) if a != Applicability::DisplayOnly && a >= marks.threshold => format!("{} ", style("[*]").green()),
            Some(Applicability::Unsafe) => format!("{} ", style("[unsafe]").yellow()),
            _ => String::new(),
        };
        writeln!(
            out,
            "{}:{}:{}: {}: {mark}{}",
            style(locator.path(d.file)).bold(),
            at.line,
            at.column,
            style(d.transform.name).red().bold(),
            d.message
        )?;
        if let Some(fix) = d.fix.as_ref().filter(|f| marks.chains && f.applicability >= marks.threshold) {
            for line in chain::lines(&fix.chain, "    ", &|f| locator.path(f).to_owned()) {
                writeln!(out, "{line}")?;
            }
        }
    }
    Ok(())
}

/// The summary after a listing (nothing applied): "Scanned 3 files: 14 findings; 9 fixable with
/// `--yes` (5 more with `--unsafe-fixes`)".
pub fn listing_summary(counts: &Counts, unsafe_fixes: bool) -> String {
    let hidden = baselined(counts);
    if counts.diagnostics == 0 {
        return format!("Scanned {}: no findings{hidden}", plural(counts.files, "file"));
    }
    let flags = if unsafe_fixes { " --unsafe-fixes" } else { "" };
    format!(
        "Scanned {}: {}{hidden}; {} fixable with `--yes{flags}`{}",
        plural(counts.files, "file"),
        plural(counts.diagnostics, "finding"),
        counts.fixable,
        more_unsafe(counts)
    )
}

/// The summary after fixes were applied (or, with `dry_run`, previewed): "Applied 15 fixes in 3
/// files (6 of them for findings that appeared after others were applied); 2 findings remain (1
/// more fixable with `--unsafe-fixes`)". `counts` are those of the findings that remain (the
/// listed ones, for `--dry-run`).
pub fn applied_summary(counts: &Counts, changed_files: usize, dry_run: bool) -> String {
    let (verb, fixes) =
        if dry_run { ("Would apply", counts.fixes_previewed) } else { ("Applied", counts.fixes_applied) };
    let mut line = format!("{verb} {} in {}", plural(fixes, "fix"), plural(changed_files, "file"));
    if counts.later_round_fixes > 0 {
        line.push_str(&format!(
            " ({} of them for findings that appeared after others were applied)",
            counts.later_round_fixes
        ));
    }
    if counts.diagnostics > 0 {
        let left = match (dry_run, counts.diagnostics) {
            (true, _) => "to review",
            (false, 1) => "remains",
            (false, _) => "remain",
        };
        line.push_str(&format!("; {} {left}", plural(counts.diagnostics, "finding")));
    }
    line.push_str(&baselined(counts));
    if counts.more_with_unsafe_fixes() > 0 {
        line.push_str(&format!(" ({} more fixable with `--unsafe-fixes`)", counts.more_with_unsafe_fixes()));
    }
    line
}

fn more_unsafe(counts: &Counts) -> String {
    match counts.more_with_unsafe_fixes() {
        0 => String::new(),
        n => format!(" ({n} more with `--unsafe-fixes`)"),
    }
}

fn baselined(counts: &Counts) -> String {
    match counts.baselined {
        0 => String::new(),
        n => format!(" ({n} hidden by the baseline)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_read_well() {
        let counts =
            Counts { files: 3, diagnostics: 14, fixable: 9, fixable_safe: 9, fixable_unsafe: 5, ..Counts::default() };
        assert_eq!(
            listing_summary(&counts, false),
            "Scanned 3 files: 14 findings; 9 fixable with `--yes` (5 more with `--unsafe-fixes`)"
        );
        assert_eq!(
            listing_summary(&Counts { fixable: 14, ..counts }, true),
            "Scanned 3 files: 14 findings; 14 fixable with `--yes --unsafe-fixes`"
        );
        assert_eq!(listing_summary(&Counts { files: 1, ..Counts::default() }, false), "Scanned 1 file: no findings");
        assert_eq!(
            listing_summary(&Counts { files: 1, baselined: 2, ..Counts::default() }, false),
            "Scanned 1 file: no findings (2 hidden by the baseline)"
        );
        let applied = Counts { fixes_applied: 1, ..Counts::default() };
        assert_eq!(applied_summary(&applied, 1, false), "Applied 1 fix in 1 file");
        let previewed = Counts {
            diagnostics: 1,
            fixable: 1,
            fixable_safe: 1,
            fixes_previewed: 3,
            later_round_fixes: 2,
            ..Counts::default()
        };
        assert_eq!(
            applied_summary(&previewed, 2, true),
            "Would apply 3 fixes in 2 files (2 of them for findings that appeared after others were applied); 1 finding to review"
        );
        let remaining = Counts { diagnostics: 2, fixable_unsafe: 1, ..Counts::default() };
        assert_eq!(
            applied_summary(&remaining, 0, false),
            "Applied 0 fixes in 0 files; 2 findings remain (1 more fixable with `--unsafe-fixes`)"
        );
    }
}
