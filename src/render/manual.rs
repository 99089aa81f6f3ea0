//! The manual page (`asyncfix --man`): the sections clap_mangen makes from the command line, then
//! EXIT STATUS, FILES, ENVIRONMENT and EXAMPLES, as a man page of a command-line tool has them.

use std::io::{self, Write};

/// Each section: a title and its entries (a term in bold, then what it means).
const SECTIONS: &[(&str, &[(&str, &str)])] = &[
    (
        "EXIT STATUS",
        &[
            ("0", "No findings remain after this run (with --check: --yes would change no file; with --exit-zero: whatever remains)."),
            ("1", "Findings remain: listed, only previewed, declined, or without an applicable fix (with --check: --yes would change a file)."),
            ("2", "A usage error, input that could not be read (a file, a folder, a configuration file) or an internal error. Every other file is still processed, and each problem is named with its path on stderr."),
            ("130", "The interactive review was interrupted with Ctrl-C: nothing was written."),
        ],
    ),
    (
        "FILES",
        &[
            ("asyncfix.toml", "The nearest one above each file applies to it (or the one given with --config): select, ignore, unsafe-fixes, configure-await, async-suffix, public-api, baseline, [configure-await-paths] and [knowledge]. A file that cannot be read or understood is an error, and the files it configures are not checked."),
            (".editorconfig", "Read from each file's folder up to the first with root = true. dotnet_diagnostic.<ID>.severity gives a transform's level (error, warning; suggestion and silent are notes) or turns it off (none); a severity turns on a transform that is off by default. dotnet_code_quality.CA2007.output_kind narrows missing-configure-await to the project kinds it lists. <ID> is an asyncfix name or code or an equivalent analyzer ID (CA2007, VSTHRD002, ...)."),
            ("a baseline", "Written by --write-baseline FILE, read by --baseline FILE or baseline = \"FILE\" in asyncfix.toml: findings recorded there are not reported."),
        ],
    ),
    (
        "ENVIRONMENT",
        &[
            ("NO_COLOR", "When set to a non-empty value, --color auto prints no colours."),
            ("PAGER", "The pager for a diff longer than the terminal, in the prompt and for --dry-run on a terminal (run by the shell; default less -R; empty or cat: no pager). LESS defaults to FRX, as git sets it."),
            ("LINES", "The height of the terminal, when set (else the terminal says)."),
        ],
    ),
    (
        "EXAMPLES",
        &[
            ("asyncfix src/", "On a terminal, review each fix: its diff, then a single key (y, n, a, q, d, s, e, ?). In a script or a pipe, list the findings."),
            ("asyncfix --format text src/", "List the findings, marked [*] where --yes fixes them, even on a terminal."),
            ("asyncfix --dry-run src/ > asyncfix.patch", "Write the patch of every safe fix; git apply asyncfix.patch gives what --yes would write."),
            ("asyncfix --yes --unsafe-fixes --select CA2007,AF012 src/", "Apply the fixes of two transforms, one named by the analyzer ID it stands for, unsafe ones included."),
            ("asyncfix --check .", "In CI: fail when --yes would change a file, listing the files."),
            ("asyncfix --write-baseline asyncfix-baseline.json .", "Record today's findings; then asyncfix --baseline asyncfix-baseline.json --format sarif -o asyncfix.sarif . reports only new ones."),
            ("asyncfix --statistics .", "Count findings by transform: fixable safely, unsafely, or not at all."),
            ("asyncfix --explain CA2016", "Print the documentation of the transforms that CA2016 stands for."),
        ],
    ),
];

/// Writes the manual page of `command`.
pub fn render(command: clap::Command, out: &mut dyn Write) -> io::Result<()> {
    let man = clap_mangen::Man::new(command);
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    for (title, entries) in SECTIONS {
        writeln!(out, ".SH \"{title}\"")?;
        for (term, text) in *entries {
            writeln!(out, ".TP")?;
            writeln!(out, "\\fB{}\\fR", escape(term))?;
            writeln!(out, "{}", escape(text))?;
        }
    }
    man.render_version_section(out)
}

/// Text safe in roff: backslashes doubled, hyphens as `\-` (so that options can be searched
/// for), and a line that would start with a control character guarded.
fn escape(text: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace('-', "\\-");
    if escaped.starts_with('.') || escaped.starts_with('\'') {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_roff() {
        assert_eq!(escape(".editorconfig"), "\\&.editorconfig");
        assert_eq!(escape("--yes a\\b"), "\\-\\-yes a\\\\b");
    }
}
