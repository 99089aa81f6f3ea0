//! The textual pre-filter: which files can have findings at all, decided without parsing.

use std::collections::HashSet;

use crate::syntax::Literals;

/// The textual pre-filter: a file whose code mentions none of `words` (the union of the selected
/// transforms' [`crate::check::Meta::words`]: async code, a task type, blocking on a task, a
/// `CancellationToken`, …) as a whole word, and no identifier ending in `Async`, is never checked,
/// and not even parsed unless a question about the index may need its entries (call-chain
/// transforms may need its declarations, and their fixes may edit it: see `index::triggers`).
/// Most generated code (EF migrations, resources) passes no word. Whole words only: `Tasks` in
/// `using System.Threading.Tasks`, `TaskId` and `IActionResult` say nothing (matching substrings
/// let through a third more of a typical solution).
///
/// Words in comments and in strings without interpolation are not code: an EF model snapshot names
/// a navigation `"Task"` in a string, and a third of a large solution's bytes are such files. From
/// the first interpolated string on, every word counts, since the lexer does not follow the code in
/// its holes.
pub fn may_have_findings(text: &str, words: &HashSet<&'static str>) -> bool {
    may_have_findings_in(text, &Literals::of(text), words)
}

/// [`may_have_findings`] with the text's literals already found.
pub fn may_have_findings_in(text: &str, literals: &Literals, words: &HashSet<&'static str>) -> bool {
    literals.code_words(text).any(|word| {
        let word = &text[word];
        word.ends_with("Async") || words.contains(word)
    })
}

#[cfg(test)]
mod tests {
    /// What the built-in transforms' words let through.
    fn may_have_findings(text: &str) -> bool {
        let words = crate::check::Checker::new(crate::transforms::all().to_vec())
            .relevant_words()
            .expect("every built-in transform declares words");
        super::may_have_findings(text, &words)
    }

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
