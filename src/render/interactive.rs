//! The interactive prompt: one fix at a time, its diff, then yes / no / all remaining / quit.

use console::{style, Term};
use dialoguer::Input;

use super::diff::write_patch;
use crate::diagnostic::Diagnostic;
use crate::fix::{Decision, Session};
use crate::source::LineIndex;

/// Shows a fix and asks what to do with it. End of input or an unreadable terminal means quit.
pub fn ask(session: &Session, diagnostic: &Diagnostic, color: bool) -> Decision {
    let term = Term::stderr();
    let Some(fix) = &diagnostic.fix else { return Decision::No };
    let file = &session.files[diagnostic.file];
    let at = LineIndex::new(file.doc.text()).line_col(file.doc.text(), diagnostic.range.start);
    let mut shown = format!(
        "\n{}:{}:{}: {}: {}\n{} {} ({})\n",
        style(&file.source.display).bold(),
        at.line,
        at.column,
        style(diagnostic.transform.name).red().bold(),
        diagnostic.message,
        style("fix:").bold(),
        fix.description,
        fix.applicability.name(),
    );
    for target in fix.files() {
        let state = &session.files[target];
        let mut after = state.doc.clone();
        after.apply(fix.edits.iter().filter(|e| e.file == target).map(|e| (&e.range, e.content.as_str())));
        let mut patch = Vec::new();
        let _ =
            write_patch(&mut patch, &state.source.display, &state.doc.display_bytes(), &after.display_bytes(), color);
        shown.push_str(&String::from_utf8_lossy(&patch));
    }
    if term.write_str(&shown).is_err() {
        return Decision::Quit;
    }
    let answer: Result<String, _> = Input::new()
        .with_prompt("Apply this fix? [y]es, [n]o, [a]ll remaining, [q]uit")
        .validate_with(|input: &String| parse(input).map(|_| ()).ok_or("answer y, n, a or q"))
        .interact_text_on(&term);
    match answer {
        Ok(text) => parse(&text).unwrap_or(Decision::Quit),
        Err(_) => Decision::Quit,
    }
}

fn parse(answer: &str) -> Option<Decision> {
    match answer.trim().to_ascii_lowercase().as_str() {
        "y" | "yes" => Some(Decision::Yes),
        "n" | "no" => Some(Decision::No),
        "a" | "all" => Some(Decision::All),
        "q" | "quit" => Some(Decision::Quit),
        _ => None,
    }
}
