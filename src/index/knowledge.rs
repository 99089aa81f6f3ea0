//! The knowledge base: facts about .NET APIs, kept as data under `transforms/knowledge/`.

use std::collections::{HashMap, HashSet};

/// Facts about .NET APIs that the passes consult.
#[derive(Debug)]
pub struct Knowledge {
    /// Types whose code runs on a captured UI or request context.
    pub context_types: HashSet<String>,
    /// Attributes that mark test methods.
    pub test_attributes: HashSet<String>,
    /// Awaited calls that have no `ConfigureAwait` (`Task.Yield`, `.SwitchTo`).
    pub not_task_like: HashSet<String>,
    /// Words that make a method name a command whose order matters (`Save`, `Send`, `Add`).
    pub command_verbs: HashSet<String>,
    /// Types that must not be used by two operations at once, each with its family
    /// (`DbContext` → `database`, `Stream` → `stream`).
    pub non_concurrent_types: HashMap<String, String>,
    /// Types that may be used by several operations at once (`HttpClient`, `File`).
    pub concurrency_safe_types: HashSet<String>,
    /// Values and collections that hold an object's own state (`string`, `List`, `Dictionary`).
    pub local_state_types: HashSet<String>,
}

impl Knowledge {
    /// The knowledge base compiled into asyncfix.
    pub fn builtin() -> Self {
        Knowledge {
            context_types: lines(include_str!("../../transforms/knowledge/context-types.txt")),
            test_attributes: lines(include_str!("../../transforms/knowledge/test-attributes.txt")),
            not_task_like: lines(include_str!("../../transforms/knowledge/not-task-like.txt")),
            command_verbs: lines(include_str!("../../transforms/knowledge/command-verbs.txt")),
            non_concurrent_types: lines(include_str!("../../transforms/knowledge/non-concurrent-types.txt"))
                .into_iter()
                .filter_map(|l| l.split_once(char::is_whitespace).map(|(t, f)| (t.to_owned(), f.trim().to_owned())))
                .collect(),
            concurrency_safe_types: lines(include_str!("../../transforms/knowledge/concurrency-safe-types.txt")),
            local_state_types: lines(include_str!("../../transforms/knowledge/local-state-types.txt")),
        }
    }

    /// The command word in a method name, if any: a word of `command-verbs.txt` that begins the
    /// PascalCase or camelCase name (`SaveChangesAsync`, `sendAll`) or follows one of
    /// [`COMMAND_JOINERS`] (`GetOrCreateAsync`, `TryAddAsync`, `BulkInsert`). Elsewhere a verb
    /// is usually part of a noun: `GetDbSet`, `ToHashSet`, `GetLastWriteTime`.
    pub fn command_word(&self, method: &str) -> Option<String> {
        let words: Vec<String> = pascal_words(method).map(capitalized).collect();
        words
            .iter()
            .enumerate()
            .find(|(i, w)| {
                self.command_verbs.contains(*w) && (*i == 0 || COMMAND_JOINERS.contains(&words[i - 1].as_str()))
            })
            .map(|(_, w)| w.clone())
    }

    /// Whether awaiting a call of `method` on `receiver` (the receiver's text, `None` for an
    /// unqualified call) gives an awaitable without `ConfigureAwait`.
    pub fn is_not_task_like(&self, receiver: Option<&str>, method: &str) -> bool {
        self.not_task_like.contains(&format!(".{method}"))
            || receiver
                .is_some_and(|r| self.not_task_like.contains(&format!("{}.{method}", crate::syntax::simple_name(r))))
    }
}

/// Words after which a command word still makes the name a command (`GetOrAdd`, `TryDelete`,
/// `ReadAndDelete`, `BulkInsert`).
pub const COMMAND_JOINERS: &[&str] = &["Or", "And", "Then", "Try", "Bulk", "Batch", "Do", "Force", "Safe", "Async"];

/// The words of a PascalCase or camelCase name: `GetOrAddAsync` → `Get`, `Or`, `Add`, `Async`;
/// `HTTPGet` → `HTTPGet` (runs of capitals stay together with what follows); `_doWork` → `do`, `Work`.
fn pascal_words(name: &str) -> impl Iterator<Item = &str> {
    let bytes = name.as_bytes();
    let mut starts: Vec<usize> = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        let boundary = match i {
            0 => b.is_ascii_alphanumeric(),
            _ => {
                let prev = bytes[i - 1];
                (b.is_ascii_uppercase() && (prev.is_ascii_lowercase() || prev.is_ascii_digit()))
                    || (b.is_ascii_alphanumeric() && !prev.is_ascii_alphanumeric())
            }
        };
        if boundary {
            starts.push(i);
        }
    }
    let ends: Vec<usize> = starts.iter().skip(1).copied().chain(std::iter::once(name.len())).collect();
    starts
        .into_iter()
        .zip(ends)
        .map(move |(s, e)| name[s..e].trim_end_matches(|c: char| !c.is_ascii_alphanumeric()))
        .map(|w| w.trim_start_matches('_'))
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
}

/// The entries of a knowledge file: one per line, `#` starts a comment.
fn lines(text: &str) -> HashSet<String> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lists_load() {
        let kb = Knowledge::builtin();
        assert!(kb.context_types.contains("ControllerBase"));
        assert!(kb.test_attributes.contains("Fact"));
        assert!(kb.is_not_task_like(Some("System.Threading.Tasks.Task"), "Yield"));
        assert!(kb.is_not_task_like(Some("_jtf"), "SwitchToMainThreadAsync"));
        assert!(!kb.is_not_task_like(Some("Task"), "Delay"));
    }

    #[test]
    fn command_words_are_whole_words_of_the_name() {
        let kb = Knowledge::builtin();
        let word = |name: &str| kb.command_word(name);
        assert_eq!(word("SaveChangesAsync").as_deref(), Some("Save"));
        assert_eq!(word("GetOrCreateAsync").as_deref(), Some("Create"));
        assert_eq!(word("TryAddAsync").as_deref(), Some("Add"));
        assert_eq!(word("PostAsJsonAsync").as_deref(), Some("Post"));
        assert_eq!(word("_sendAll").as_deref(), Some("Send"), "camelCase names count too");
        assert_eq!(word("BulkInsertAsync").as_deref(), Some("Insert"));
        assert_eq!(word("GetDbSet"), None, "a verb inside a noun");
        assert_eq!(word("ToHashSet"), None);
        assert_eq!(word("GetLastWriteTime"), None);
        assert_eq!(word("GetUpdatedItemsAsync"), None, "`Updated` is not `Update`");
        assert_eq!(word("GetSettingsAsync"), None, "`Settings` is not `Set`");
        assert_eq!(word("GetStringAsync"), None);
        assert_eq!(word("FindAsync"), None);
    }

    #[test]
    fn concurrency_lists_load() {
        let kb = Knowledge::builtin();
        assert_eq!(kb.non_concurrent_types.get("DbContext").map(String::as_str), Some("database"));
        assert_eq!(kb.non_concurrent_types.get("StreamReader").map(String::as_str), Some("stream"));
        assert!(kb.concurrency_safe_types.contains("HttpClient"));
        assert!(!kb.concurrency_safe_types.contains("DbContext"));
        assert!(kb.local_state_types.contains("Dictionary"));
    }
}
