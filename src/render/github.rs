//! GitHub Actions workflow commands: one annotation per finding, at its level.

use std::io::Write;

use super::Locator;
use crate::config::Level;
use crate::diagnostic::Diagnostic;

/// Writes one `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message` line per
/// finding: `::error` or `::notice` where the file's `.editorconfig` gives the transform the
/// severity `error`, or `suggestion`/`silent`.
pub fn write(out: &mut dyn Write, diagnostics: &[Diagnostic], locator: &mut Locator<'_>) -> std::io::Result<()> {
    for d in diagnostics {
        let (start, end) = (locator.line_col(d.file, d.range.start), locator.line_col(d.file, d.range.end));
        let title = format!("{} {}", d.transform.code, d.transform.name);
        let fix = match &d.fix {
            Some(fix) => format!(" ({}: {})", fix.applicability.name(), fix.description),
            None => String::new(),
        };
        let command = match locator.level(d) {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "notice",
        };
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}{}",
            property(locator.path(d.file)),
            start.line,
            start.column,
            end.line,
            end.column,
            property(&title),
            data(&d.message),
            data(&fix),
        )?;
    }
    Ok(())
}

/// Escapes a message: `%`, CR and LF.
pub fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value: as [`data`], plus `:` and `,`.
pub fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_the_workflow_command_rules() {
        assert_eq!(data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(property("a,b:c%"), "a%2Cb%3Ac%25");
        assert_eq!(data("a,b:c"), "a,b:c", "messages keep commas and colons");
    }
}
