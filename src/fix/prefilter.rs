//! The textual pre-filter: which files can have findings at all, decided without parsing.

use crate::syntax::Literals;

/// Words one of which every finding of every built-in transform needs in its file's code: async
/// code (`async`, `await` in top-level statements), a task type, blocking on a task (`.Result`,
/// `.Wait()`, `GetResult`, `Task.WaitAll`, where async-all-the-way starts its chains), `Task.Run`, a
/// `CancellationToken` in scope. Call-chain fixes that edit other files need no word there: edits
/// re-parse their file. Whole words only: `Tasks` in `using System.Threading.Tasks`, `TaskId` and
/// `IActionResult` say nothing (matching substrings let through a third more of a typical solution).
const RELEVANT_WORDS: [&str; 11] = [
    "async",
    "await",
    "Task",
    "ValueTask",
    "Wait",
    "WaitAll",
    "WaitAny",
    "Result",
    "GetResult",
    "CancellationToken",
    "CancellationTokenSource",
];

/// The textual pre-filter for the built-in transforms: a file whose code mentions none of
/// `RELEVANT_WORDS` as a whole word, and no identifier ending in `Async`, is never checked, and
/// not even parsed unless a question about the index may need its entries (call-chain transforms
/// may need its declarations, and their fixes may edit it: see `index::triggers`). Most generated
/// code (EF migrations, resources) passes no word. A transform whose findings could need none of
/// the words must add one here.
///
/// Words in comments and in strings without interpolation are not code: an EF model snapshot names
/// a navigation `"Task"` in a string, and a third of a large solution's bytes are such files. From
/// the first interpolated string on, every word counts, since the lexer does not follow the code in
/// its holes.
pub fn may_have_findings(text: &str) -> bool {
    may_have_findings_in(text, &Literals::of(text))
}

/// [`may_have_findings`] with the text's literals already found.
pub fn may_have_findings_in(text: &str, literals: &Literals) -> bool {
    literals.code_words(text).any(|word| {
        let word = &text[word];
        word.ends_with("Async") || RELEVANT_WORDS.contains(&word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_and_async_names_count() {
        for relevant in [
            "class A { async void F() {} }",
            "var x = t.Result;",
            "Task<int> F();",
            "t.Wait();",
            "x.GetAwaiter().GetResult()",
            "Save(CancellationToken ct)",
            "repo.SaveAsync(x);",
            "class A {\u{a0}async\u{a0}Task F() => null; }",
            "ValueTask F();",
        ] {
            assert!(may_have_findings(relevant), "{relevant}");
        }
        for irrelevant in [
            "using System.Threading.Tasks;\nclass TaskId { IActionResult Get() => Ok(); }",
            "var asyncMode = Waiting; // Asynchrony",
            "var Taskü = 1; var ResultSet = 2; var x\u{200d}Wait = 3;",
            "",
        ] {
            assert!(!may_have_findings(irrelevant), "{irrelevant}");
        }
    }

    #[test]
    fn words_in_comments_and_plain_strings_do_not_count() {
        for irrelevant in [
            "b.HasOne(\"Models.SecurityTask\", \"Task\").WithMany();",
            "b.Navigation(@\"Task\"\"s\"); b.Property<int>('T');",
            "// await this.Wait();\nvar x = 1; /* Task.Run */",
            "var s = \"\"\"\n  await Result\n  \"\"\";",
            "#region Don't wait\nF(\"x\\\"await\");\n#endregion",
        ] {
            assert!(!may_have_findings(irrelevant), "{irrelevant}");
        }
        for relevant in [
            "F(\"Task\"); await G();",
            "/* a */ t.Wait(); // b",
            "var c = '\"'; t.Wait(); var d = \"\\\"\";",
            "F(\"unterminated\nawait G();",
        ] {
            assert!(may_have_findings(relevant), "{relevant}");
        }
    }

    #[test]
    fn after_an_interpolated_string_every_word_counts() {
        // The hole's inner string ends the lexer's literal early: the await after it must still count.
        assert!(may_have_findings("var s = $\"{F(\"x\", await G())}\";"));
        assert!(may_have_findings("var s = $\"{x}\"; // Task"));
        assert!(may_have_findings("var s = $@\"{x}\" + \"Result\";"));
    }
}
