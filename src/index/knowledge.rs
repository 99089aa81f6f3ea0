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
        }
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
}
