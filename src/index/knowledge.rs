//! The knowledge base: facts about .NET APIs, kept as data under `transforms/knowledge/`.

use std::collections::{HashMap, HashSet};

use super::async_disposable::AsyncDisposables;
#[cfg(test)]
use super::token_apis::TokenPosition;
use super::token_apis::{TokenApis, TokenOverload};
use super::twins::AsyncTwins;
use super::type_facts::TypeFacts;

/// Knowledge-base lines added by configuration, each list in the format of its data file under
/// `transforms/knowledge/` (`async-twins.txt`, `cancellation.txt`, `non-concurrent-types.txt`,
/// `command-verbs.txt`, `types.txt`).
#[derive(Clone, Debug, Default)]
pub struct ExtraKnowledge {
    /// `twin`, `type` and `memory` lines.
    pub async_twins: String,
    /// `api`, `type` and `property` lines.
    pub cancellation: String,
    /// `Type family` lines.
    pub non_concurrent_types: String,
    /// One word per line.
    pub command_verbs: String,
    /// `type` and member lines (`types.txt`).
    pub types: String,
}

/// Facts about .NET APIs that the passes consult.
#[derive(Debug)]
pub struct Knowledge {
    /// APIs that accept a CancellationToken, and on which target frameworks.
    pub cancellation: TokenApis,
    /// Types whose code runs on a captured UI or request context.
    pub context_types: HashSet<String>,
    /// Attributes that mark test methods.
    pub test_attributes: HashSet<String>,
    /// Attributes that make a framework call a method by reflection (`[Benchmark]`).
    pub invoked_attributes: HashSet<String>,
    /// Awaited calls that have no `ConfigureAwait` (`Task.Yield`, `.SwitchTo`).
    pub not_task_like: HashSet<String>,
    /// Synchronous APIs with async twins (`async-twins.txt`).
    pub async_twins: AsyncTwins,
    /// Words that make a method name a command whose order matters (`Save`, `Send`, `Add`).
    pub command_verbs: HashSet<String>,
    /// Types that must not be used by two operations at once, each with its family
    /// (`DbContext` → `database`, `Stream` → `stream`).
    pub non_concurrent_types: HashMap<String, String>,
    /// Types that may be used by several operations at once (`HttpClient`, `File`).
    pub concurrency_safe_types: HashSet<String>,
    /// Values and collections that hold an object's own state (`string`, `List`, `Dictionary`).
    pub local_state_types: HashSet<String>,
    /// Calls known to return a task, or (`!`) known not to although named `…Async`.
    pub task_returning: HashSet<String>,
    /// Types whose code runs on a UI thread (windows, pages, controls, view models).
    pub ui_types: HashSet<String>,
    /// The UI element types among them (windows, pages, controls): their events are raised on
    /// the UI thread.
    pub ui_element_types: HashSet<String>,
    /// Delegate types that return `void` (`Action`, `ThreadStart`, …).
    pub void_delegate_types: HashSet<String>,
    /// Outside calls and constructors whose delegate parameters return `void` (`.ForEach`,
    /// `Parallel.For`, `new Thread`, `*Token.Register`).
    pub void_callbacks: HashSet<String>,
    /// The types of outside APIs (`types.txt`).
    pub types: TypeFacts,
    /// Outside types whose disposal can be awaited, and where (`async-disposable.txt`).
    pub async_disposable: AsyncDisposables,
}

impl Knowledge {
    /// The knowledge base compiled into asyncfix.
    pub fn builtin() -> Self {
        Self::with_extra(&ExtraKnowledge::default()).0
    }

    /// The built-in knowledge base plus `extra` lines in the formats of the data files (from
    /// configuration). Lines only add facts. Returns the problems found in the extra lines (a
    /// malformed line is skipped), each naming the list it is in.
    pub fn with_extra(extra: &ExtraKnowledge) -> (Self, Vec<String>) {
        let mut problems = Vec::new();
        let mut note =
            |list: &str, found: Vec<String>| problems.extend(found.into_iter().map(|p| format!("{list}: {p}")));
        note("async-twins", AsyncTwins::parse(&extra.async_twins).1);
        note("cancellation", TokenApis::parse(&extra.cancellation).1);
        note("types", TypeFacts::parse(&extra.types).1);
        note(
            "non-concurrent-types",
            lines(&extra.non_concurrent_types)
                .into_iter()
                .filter(|l| l.split_whitespace().count() != 2)
                .map(|l| format!("`{l}`: expected a type and a family"))
                .collect(),
        );
        let with = |builtin: &str, extra: &str| format!("{builtin}\n{extra}");
        let knowledge = Knowledge {
            cancellation: TokenApis::parse(&with(
                include_str!("../../transforms/knowledge/cancellation.txt"),
                &extra.cancellation,
            ))
            .0,
            context_types: lines(include_str!("../../transforms/knowledge/context-types.txt")),
            test_attributes: lines(include_str!("../../transforms/knowledge/test-attributes.txt")),
            invoked_attributes: lines(include_str!("../../transforms/knowledge/invoked-attributes.txt")),
            not_task_like: lines(include_str!("../../transforms/knowledge/not-task-like.txt")),
            // Malformed lines are skipped here; a unit test keeps the file free of them.
            async_twins: AsyncTwins::parse(&with(
                include_str!("../../transforms/knowledge/async-twins.txt"),
                &extra.async_twins,
            ))
            .0,
            command_verbs: lines(&with(
                include_str!("../../transforms/knowledge/command-verbs.txt"),
                &extra.command_verbs,
            )),
            non_concurrent_types: lines(&with(
                include_str!("../../transforms/knowledge/non-concurrent-types.txt"),
                &extra.non_concurrent_types,
            ))
            .into_iter()
            .filter_map(|l| l.split_once(char::is_whitespace).map(|(t, f)| (t.to_owned(), f.trim().to_owned())))
            .collect(),
            concurrency_safe_types: lines(include_str!("../../transforms/knowledge/concurrency-safe-types.txt")),
            local_state_types: lines(include_str!("../../transforms/knowledge/local-state-types.txt")),
            task_returning: lines(include_str!("../../transforms/knowledge/task-returning.txt")),
            ui_types: lines(&with(
                include_str!("../../transforms/knowledge/ui-types.txt"),
                include_str!("../../transforms/knowledge/view-model-types.txt"),
            )),
            ui_element_types: lines(include_str!("../../transforms/knowledge/ui-types.txt")),
            void_delegate_types: lines(include_str!("../../transforms/knowledge/void-delegate-types.txt")),
            void_callbacks: lines(include_str!("../../transforms/knowledge/void-callbacks.txt")),
            // Malformed lines are skipped here; a unit test keeps the file free of them.
            types: TypeFacts::parse(&with(include_str!("../../transforms/knowledge/types.txt"), &extra.types)).0,
            // Malformed lines are skipped here; a unit test keeps the file free of them.
            async_disposable: AsyncDisposables::parse(include_str!("../../transforms/knowledge/async-disposable.txt"))
                .0,
        };
        (knowledge, problems)
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

    /// Whether a delegate argument of a call of `method` on `receiver` (its text, `None` for an
    /// unqualified call) returns `void`.
    pub fn is_void_callback(&self, receiver: Option<&str>, method: &str) -> bool {
        if self.void_callbacks.contains(&format!(".{method}")) {
            return true;
        }
        let Some(receiver) = receiver.map(crate::syntax::simple_name) else { return false };
        self.void_callbacks.contains(&format!("{receiver}.{method}"))
            || self.void_callbacks.iter().filter_map(|e| e.strip_prefix('*')).any(|e| {
                e.strip_suffix(&format!(".{method}")).is_some_and(|suffix| {
                    receiver.len() >= suffix.len()
                        && receiver.is_char_boundary(receiver.len() - suffix.len())
                        && receiver[receiver.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
                })
            })
    }

    /// Whether a delegate argument of `new Type(…)` returns `void` (the type as written).
    pub fn is_void_callback_constructor(&self, type_text: &str) -> bool {
        // `new Task<T>(…)` takes a `Func<T>`: only the non-generic type is listed.
        !type_text.contains('<')
            && self.void_callbacks.contains(&format!("new {}", crate::syntax::simple_name(type_text)))
    }

    /// Whether a call of `method` with `args` arguments (not counting a token) on a receiver of
    /// `receiver_type` could take a CancellationToken on every one of `target_frameworks`, and
    /// where it goes. See [`TokenApis::token_overload`].
    pub fn token_overload(
        &self,
        receiver_type: Option<&str>,
        method: &str,
        args: usize,
        target_frameworks: &[String],
    ) -> Option<TokenOverload<'_>> {
        self.cancellation.token_overload(receiver_type, method, args, target_frameworks)
    }

    /// Whether awaiting a call of `method` on `receiver` (the receiver's text, `None` for an
    /// unqualified call) gives an awaitable without `ConfigureAwait`.
    pub fn is_not_task_like(&self, receiver: Option<&str>, method: &str) -> bool {
        self.not_task_like.contains(&format!(".{method}"))
            || match receiver {
                Some(r) => self.not_task_like.contains(&format!("{}.{method}", crate::syntax::simple_name(r))),
                None => self.not_task_like.contains(method),
            }
    }

    /// Whether an attribute (simple name, with or without `Attribute`) marks a test.
    pub fn is_test_attribute(&self, name: &str) -> bool {
        self.test_attributes.contains(name.strip_suffix("Attribute").unwrap_or(name))
    }

    /// Whether a call of `method` returns a task, by `task-returning.txt`: `Some(true)` or
    /// `Some(false)` when an entry says so, `None` when none matches. `receiver_type` is the simple
    /// name of the static type called on, or of the receiver's declared type; `None` when unknown.
    pub fn returns_task(&self, receiver_type: Option<&str>, method: &str) -> Option<bool> {
        let mut best: Option<((bool, usize), bool)> = None;
        for entry in &self.task_returning {
            let (negative, entry) = match entry.strip_prefix('!') {
                Some(rest) => (true, rest),
                None => (false, entry.as_str()),
            };
            let Some((ty, pattern)) = entry.rsplit_once('.') else { continue };
            let type_matches = ty.is_empty() || receiver_type == Some(ty);
            let method_matches = match pattern.strip_prefix('*') {
                Some(suffix) => method.ends_with(suffix),
                None => method == pattern,
            };
            if !(type_matches && method_matches) {
                continue;
            }
            // The most specific entry wins: a named type over any receiver, then the longer
            // method pattern (an exact name is longer than its `*Suffix`).
            let specificity = (!ty.is_empty(), pattern.len() + usize::from(!pattern.starts_with('*')) * 1000);
            if best.is_none_or(|(s, _)| specificity > s) {
                best = Some((specificity, !negative));
            }
        }
        best.map(|(_, returns)| returns)
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
        assert!(kb.is_not_task_like(None, "Yield"), "using static Task");
        assert!(!kb.is_not_task_like(Some("_producer"), "Yield"), "a bare name is for unqualified calls only");
        assert!(kb.is_test_attribute("WpfFactAttribute"));
    }

    #[test]
    fn the_most_specific_task_returning_entry_wins() {
        let kb = Knowledge::builtin();
        assert_eq!(kb.returns_task(Some("Task"), "Delay"), Some(true));
        assert_eq!(kb.returns_task(Some("HttpClient"), "GetStringAsync"), Some(true));
        assert_eq!(kb.returns_task(Some("WebClient"), "DownloadStringAsync"), Some(false));
        assert_eq!(kb.returns_task(Some("WebClient"), "DownloadStringTaskAsync"), Some(true));
        assert_eq!(kb.returns_task(Some("SmtpClient"), "SendAsync"), Some(false));
        assert_eq!(kb.returns_task(Some("SmtpClient"), "SendMailAsync"), Some(true));
        assert_eq!(kb.returns_task(None, "DownloadStringAsync"), Some(false));
        assert_eq!(kb.returns_task(None, "GetAsync"), None, "a name alone is no evidence");
        assert_eq!(kb.returns_task(Some("Widget"), "SaveAsync"), None);
    }

    #[test]
    fn void_callbacks_match_static_any_receiver_suffix_and_constructor() {
        let kb = Knowledge::builtin();
        assert!(kb.void_delegate_types.contains("Action"));
        assert!(kb.is_void_callback(Some("System.Threading.Tasks.Parallel"), "ForEach"));
        assert!(kb.is_void_callback(Some("items"), "ForEach"));
        assert!(kb.is_void_callback(Some("cancellationToken"), "Register"));
        assert!(kb.is_void_callback(Some("_stoppingToken"), "Register"));
        assert!(!kb.is_void_callback(Some("services"), "Register"));
        assert!(!kb.is_void_callback(None, "Run"));
        assert!(kb.is_void_callback_constructor("System.Threading.Thread"));
        assert!(kb.is_void_callback_constructor("Task"));
        assert!(!kb.is_void_callback_constructor("Task<int>"));
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

    fn tfms(list: &[&str]) -> Vec<String> {
        list.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn cancellation_data_parses_without_problems() {
        let (_, problems) = TokenApis::parse(include_str!("../../transforms/knowledge/cancellation.txt"));
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn token_overloads_by_receiver_type_and_argument_count() {
        let kb = Knowledge::builtin();
        let any = tfms(&["net8.0"]);
        let delay = kb.token_overload(Some("Task"), "Delay", 1, &any).unwrap();
        assert_eq!(delay.position, TokenPosition::Appended { name: "cancellationToken" });
        assert!(kb.token_overload(Some("Task"), "Delay", 2, &any).is_none(), "already has two arguments");
        assert!(kb.token_overload(Some("HttpClient"), "GetAsync", 1, &any).is_some());
        assert!(kb.token_overload(Some("HttpClient"), "Dispose", 0, &any).is_none());
        assert!(kb.token_overload(None, "GetAsync", 1, &any).is_none(), "not matched by name alone");
        let serialize = kb.token_overload(Some("JsonSerializer"), "SerializeAsync", 2, &any).unwrap();
        assert_eq!(serialize.position, TokenPosition::Named { name: "cancellationToken" });
    }

    #[test]
    fn outside_base_types_and_properties() {
        let kb = Knowledge::builtin();
        let fx = tfms(&["net462"]);
        assert!(kb.token_overload(Some("FileStream"), "ReadAsync", 3, &fx).is_some(), "FileStream is a Stream");
        assert!(kb.token_overload(Some("SqlCommand"), "ExecuteReaderAsync", 0, &fx).is_some());
        assert!(kb.token_overload(Some("SslStream"), "FlushAsync", 0, &fx).is_some(), "two levels of bases");
        assert_eq!(kb.cancellation.property_type("HttpResponseMessage", "Content"), Some("HttpContent"));
        assert!(kb.token_overload(Some("IMediator"), "Send", 1, &fx).is_some(), "IMediator is an ISender");
    }

    #[test]
    fn token_overloads_need_every_target_framework() {
        let kb = Knowledge::builtin();
        let get_string = |targets: &[&str]| kb.token_overload(Some("HttpClient"), "GetStringAsync", 1, &tfms(targets));
        assert!(get_string(&["net5.0"]).is_some());
        assert!(get_string(&["net8.0", "net6.0"]).is_some());
        assert!(get_string(&["netstandard2.0"]).is_none(), ".NET 5 only");
        assert!(get_string(&["net8.0", "net472"]).is_none(), "multi-targeting: every target must have it");
        assert!(get_string(&[]).is_none(), "unknown targets: only what ships with the method");
        let read_to_end =
            |targets: &[&str]| kb.token_overload(Some("StreamReader"), "ReadToEndAsync", 0, &tfms(targets));
        assert!(read_to_end(&["net7.0"]).is_some());
        assert!(read_to_end(&["net6.0"]).is_none());
        // Overloads that shipped with the method exist wherever the call compiles.
        assert!(kb.token_overload(Some("File"), "ReadAllTextAsync", 1, &[]).is_some());
        assert!(kb.token_overload(Some("HttpClient"), "GetAsync", 1, &tfms(&["uap10.0"])).is_some());
    }

    #[test]
    fn awaited_only_and_name_only_entries() {
        let kb = Knowledge::builtin();
        let line = kb.token_overload(Some("StreamReader"), "ReadLineAsync", 0, &tfms(&["net8.0"])).unwrap();
        assert!(line.awaited_only, "ReadLineAsync(CancellationToken) returns a ValueTask");
        let list = kb.token_overload(None, "ToListAsync", 0, &tfms(&["net8.0"])).unwrap();
        assert_eq!(list.requires_using, Some("Microsoft.EntityFrameworkCore"));
        assert!(kb.cancellation.knows_method("ToListAsync"));
    }
}
