//! The knowledge base: facts about .NET APIs, kept as data under `transforms/knowledge/`.

use std::collections::HashSet;

use super::twins::AsyncTwins;

/// Facts about .NET APIs that the passes consult.
#[derive(Debug)]
pub struct Knowledge {
    /// Types whose code runs on a captured UI or request context.
    pub context_types: HashSet<String>,
    /// Attributes that mark test methods.
    pub test_attributes: HashSet<String>,
    /// Awaited calls that have no `ConfigureAwait` (`Task.Yield`, `.SwitchTo`).
    pub not_task_like: HashSet<String>,
    /// Synchronous APIs with async twins (`async-twins.txt`).
    pub async_twins: AsyncTwins,
    /// Calls known to return a task, or (`!`) known not to although named `…Async`.
    pub task_returning: HashSet<String>,
    /// Types whose code runs on a UI thread (windows, pages, controls, view models).
    pub ui_types: HashSet<String>,
    /// Delegate types that return `void` (`Action`, `ThreadStart`, …).
    pub void_delegate_types: HashSet<String>,
    /// Outside calls and constructors whose delegate parameters return `void` (`.ForEach`,
    /// `Parallel.For`, `new Thread`, `*Token.Register`).
    pub void_callbacks: HashSet<String>,
}

impl Knowledge {
    /// The knowledge base compiled into asyncfix.
    pub fn builtin() -> Self {
        Knowledge {
            context_types: lines(include_str!("../../transforms/knowledge/context-types.txt")),
            test_attributes: lines(include_str!("../../transforms/knowledge/test-attributes.txt")),
            not_task_like: lines(include_str!("../../transforms/knowledge/not-task-like.txt")),
            // Malformed lines are skipped here; a unit test keeps the file free of them.
            async_twins: AsyncTwins::parse(include_str!("../../transforms/knowledge/async-twins.txt")).0,
            task_returning: lines(include_str!("../../transforms/knowledge/task-returning.txt")),
            ui_types: lines(include_str!("../../transforms/knowledge/ui-types.txt")),
            void_delegate_types: lines(include_str!("../../transforms/knowledge/void-delegate-types.txt")),
            void_callbacks: lines(include_str!("../../transforms/knowledge/void-callbacks.txt")),
        }
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
}
