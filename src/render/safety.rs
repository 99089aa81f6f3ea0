//! Why a fix is unsafe, in one line, for the prompt's `[unsafe]` tag, and the sections of a
//! transform's documentation that `e` (explain) shows.
//!
//! The reason is the transform's, not the single fix's: a transform says in its README's
//! `## Fix safety` section when its fixes are unsafe. Where that section opens with the sentence
//! "The fix is unsafe: …" (or "Always unsafe: …"), every unsafe fix of the transform is unsafe
//! for that reason, and the rest of the sentence is the line. Transforms whose fixes are unsafe
//! for different reasons case by case (the section is a list of cases) have a line here, written
//! to be true of each of their unsafe fixes; `e` at the prompt shows the whole section.

use crate::transforms::Meta;

/// One line for the transforms whose `## Fix safety` section is a list of cases.
const CASES: &[(&str, &str)] = &[
    (
        "missing-configure-await",
        "`await using` on a value that may be null now throws instead of skipping the disposal",
    ),
    (
        "async-void",
        "callers now wait for the method and get its exceptions, which used to go to the synchronization context; the signature changes",
    ),
    (
        "sync-over-async",
        "`await` throws differently from the blocking call (no `AggregateException`, only the first failure), or the rest of the method may resume on another thread or context",
    ),
    (
        "blocking-call",
        "the async twin is known by its name only, or may behave differently from the synchronous call (EF Core, a twin in your code, a test of the synchronous API)",
    ),
    (
        "async-without-await",
        "exceptions are thrown at the call instead of being stored in the returned task, and `AsyncLocal` values set by the body reach the caller",
    ),
    (
        "redundant-await",
        "exceptions thrown before the `return` reach the caller at the call instead of in the task, and the method leaves async stack traces",
    ),
    (
        "unforwarded-cancellation",
        "the call now stops when the token is cancelled, where the code may have meant it not to (cleanup in `catch` or `finally`, a loop that polls the token, an explicit `CancellationToken.None`)",
    ),
    (
        "blocking-dispose",
        "`DisposeAsync()` may do other work than `Dispose()` (your own type's, a timer's, a service scope's), or a configured disposal of a resource that may be null now throws",
    ),
];

/// Why an unsafe fix of `meta`'s transform is unsafe, in one line (no final period).
pub fn reason(meta: &Meta) -> Option<String> {
    if let Some((_, line)) = CASES.iter().find(|(name, _)| *name == meta.name) {
        return Some((*line).to_owned());
    }
    let section = section(meta.documentation, "## Fix safety")?;
    let first = section.split("\n\n").map(str::trim).find(|p| !p.is_empty())?;
    let paragraph = first.split_whitespace().collect::<Vec<_>>().join(" ").replace("**", "");
    let rest = ["The fix is unsafe:", "The fix is always unsafe:", "Always unsafe:"]
        .iter()
        .find_map(|opening| paragraph.strip_prefix(opening))?
        .trim();
    let sentence = match rest.find(". ") {
        Some(end) => &rest[..end],
        None => rest.trim_end_matches('.'),
    };
    (!sentence.is_empty()).then(|| sentence.to_owned())
}

/// The text of a `## ` section of a README, without its heading; `None` when it has none.
pub fn section<'d>(documentation: &'d str, heading: &str) -> Option<&'d str> {
    let start = documentation.lines().position(|l| l.trim_end() == heading)?;
    let mut offset = 0;
    let mut lines = documentation.split_inclusive('\n');
    for _ in 0..=start {
        offset += lines.next()?.len();
    }
    let rest = &documentation[offset..];
    let end = rest.find("\n## ").map_or(rest.len(), |i| i + 1);
    Some(rest[..end].trim_matches('\n'))
}

/// What `e` shows: the transform's title, its "Why is this bad?" and "Fix safety" sections.
pub fn explanation(meta: &Meta) -> String {
    let mut out = format!("{} ({}): {}\n", meta.name, meta.code, meta.summary);
    for heading in ["## Why is this bad?", "## Fix safety"] {
        if let Some(text) = section(meta.documentation, heading) {
            out.push_str(&format!("\n{}\n\n{text}\n", heading.trim_start_matches("## ")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transforms;

    #[test]
    fn every_transform_says_why_its_unsafe_fixes_are_unsafe() {
        for t in transforms::all() {
            let meta = t.meta();
            let reason = reason(meta).unwrap_or_else(|| {
                panic!(
                    "{}: open its README's `## Fix safety` with \"The fix is unsafe: …\" or add a line to CASES",
                    meta.name
                )
            });
            assert!(!reason.ends_with('.') && !reason.contains('\n'), "{}: {reason:?}", meta.name);
        }
        for (name, _) in CASES {
            assert!(transforms::find(name).is_some(), "CASES names `{name}`, which is not a transform");
        }
    }

    #[test]
    fn the_opening_sentence_of_the_fix_safety_section_is_the_reason() {
        let meta = Meta {
            name: "x",
            code: "AF999",
            summary: "s",
            default_enabled: false,
            fix: crate::fix::Applicability::Unsafe,
            documentation: "# x\n\n## Fix safety\n\nThe fix is **unsafe**: the calls now run\nat the same time. More.\n\n## Limits\n",
            words: &[],
        };
        assert_eq!(reason(&meta).as_deref(), Some("the calls now run at the same time"));
        assert_eq!(section(meta.documentation, "## Limits"), Some(""));
        assert!(explanation(&meta).contains("Fix safety\n\nThe fix is **unsafe**"));
    }
}
