//! `task_kind`: whether an expression is a task, and which kind.

use super::callees::Callees;
use super::types::Types;
use super::views::{configured_operand, Invocation};
use super::Semantics;
use crate::syntax::{strip_parens_and_bang, Node, Type};

/// What a task gives when awaited.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TaskResult {
    /// Nothing (`Task`, `ValueTask`).
    Void,
    /// A value of this type (`Task<T>`).
    Value(Type),
    /// A value or nothing: not known (`Task<?>` in the knowledge base, overloads that differ).
    Unknown,
}

/// Whether an expression is a task, and which kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TaskKind {
    /// `Task` or `Task<T>`: may be awaited any number of times.
    Task(TaskResult),
    /// `ValueTask` or `ValueTask<T>`: must be consumed once.
    ValueTask(TaskResult),
    /// `Task` or `ValueTask`, which one is not known (a knowledge-base method whose overloads
    /// differ): both have `ConfigureAwait`.
    TaskOrValueTask(TaskResult),
    /// `IAsyncEnumerable<T>` (`await foreach`).
    AsyncEnumerable,
    /// Already configured: `ConfiguredTaskAwaitable` and friends, `x.ConfigureAwait(…)`, or a
    /// workspace method that returns them (a library's own `ForAwait()`).
    Configured,
    /// Awaitable, but not a task: `Task.Yield()`, a workspace type with `GetAwaiter`.
    CustomAwaitable,
    /// Known not to be awaitable (`int`, `string`, a `void` call, a workspace type without
    /// `GetAwaiter`).
    NotTaskLike,
    /// Nothing decides it.
    Unknown,
}

impl TaskKind {
    /// Whether `.ConfigureAwait(false)` may be appended: a `Task`, a `ValueTask` or an
    /// `IAsyncEnumerable`.
    pub fn is_configurable(&self) -> bool {
        matches!(
            self,
            TaskKind::Task(_) | TaskKind::ValueTask(_) | TaskKind::TaskOrValueTask(_) | TaskKind::AsyncEnumerable
        )
    }

    /// Whether `await` applies to it (`IAsyncEnumerable` is consumed with `await foreach`).
    pub fn is_awaitable(&self) -> bool {
        matches!(
            self,
            TaskKind::Task(_)
                | TaskKind::ValueTask(_)
                | TaskKind::TaskOrValueTask(_)
                | TaskKind::Configured
                | TaskKind::CustomAwaitable
        )
    }

    /// Whether it is a `Task` or a `ValueTask` (either: known to be one of them).
    pub fn is_task(&self) -> bool {
        matches!(self, TaskKind::Task(_) | TaskKind::ValueTask(_) | TaskKind::TaskOrValueTask(_))
    }

    /// What awaiting it gives, for the task kinds.
    pub fn result(&self) -> Option<&TaskResult> {
        match self {
            TaskKind::Task(r) | TaskKind::ValueTask(r) | TaskKind::TaskOrValueTask(r) => Some(r),
            _ => None,
        }
    }

    /// The kind of a type: `Task<int>` is a task of `int`.
    pub fn of_type(ty: &Type) -> TaskKind {
        let result = || match ty.args.as_slice() {
            [] => TaskResult::Void,
            [r] if r.is_unknown() => TaskResult::Unknown,
            [r] => TaskResult::Value(r.clone()),
            _ => TaskResult::Unknown,
        };
        match ty.name.as_str() {
            "Task" => TaskKind::Task(result()),
            "ValueTask" => TaskKind::ValueTask(result()),
            "IAsyncEnumerable" => TaskKind::AsyncEnumerable,
            "ConfiguredTaskAwaitable" | "ConfiguredValueTaskAwaitable" | "ConfiguredAsyncDisposable" => {
                TaskKind::Configured
            }
            // What `WithCancellation(token)` gives: it still has `ConfigureAwait` (a chain through
            // `ConfigureAwait` is found before the type is asked).
            "ConfiguredCancelableAsyncEnumerable" => TaskKind::AsyncEnumerable,
            "YieldAwaitable" | "JoinableTask" => TaskKind::CustomAwaitable,
            _ => TaskKind::Unknown,
        }
    }
}

impl<'a> Semantics<'a> {
    /// Whether `expr` is a task, and which kind.
    pub fn task_kind(&self, expr: Node<'a>) -> TaskKind {
        let expr = strip_parens_and_bang(expr);
        if chain_is_configured(expr) {
            return TaskKind::Configured;
        }
        // Derived from a local initialised with a configured value (`var e =
        // s.ConfigureAwait(false).GetAsyncEnumerator(); await e.MoveNextAsync();`).
        if derives_from_configured(expr) {
            return TaskKind::Configured;
        }
        // An awaitable the knowledge base lists as having no `ConfigureAwait` (`Task.Yield()`).
        if let Some(call) = Invocation::cast(expr) {
            let receiver = call.receiver.expression().map(|r| r.text());
            if self.knowledge.is_not_task_like(receiver, call.name) {
                return TaskKind::CustomAwaitable;
            }
            // A local initialised with a configured task, awaited later, is configured too
            // (`var c = t.ConfigureAwait(false); await c;`): found by its type below.
            return self.call_kind(&call, self.callees(&call));
        }
        // `c ? a : b`, `a ?? b`: the kind both sides share (their types may differ: `Task<A>`,
        // `Task<B>`).
        let branches = match expr.kind() {
            "conditional_expression" => Some((expr.field("consequence"), expr.field("alternative"))),
            "binary_expression" if expr.has_token("??") => Some((expr.field("left"), expr.field("right"))),
            _ => None,
        };
        if let Some((Some(a), Some(b))) = branches {
            return common(vec![self.task_kind(a), self.task_kind(b)]);
        }
        if expr.kind() == "member_access_expression" {
            let (receiver, name) = (expr.field("expression"), expr.field("name"));
            if let (Some(receiver), Some(name)) = (receiver, name) {
                if self.knowledge.is_not_task_like(Some(receiver.text()), name.text()) {
                    return TaskKind::CustomAwaitable;
                }
            }
        }
        match self.types_of(expr) {
            Types::OneOf(types) => common(types.iter().map(|t| self.kind_of_type(t)).collect()),
            Types::NotAValue => TaskKind::NotTaskLike,
            Types::Unknown => TaskKind::Unknown,
        }
    }

    /// The kind of what `call` returns, given what it binds to: the workspace methods' declared
    /// return types may differ (`Task<int>`, `Task<string>`) and still agree on the kind.
    fn call_kind(&self, call: &Invocation<'a>, callees: Callees<'a>) -> TaskKind {
        match callees {
            Callees::Workspace(methods) => {
                let owner_args = self.receiver_args(call);
                common(
                    methods
                        .iter()
                        .map(|&m| match self.method_returns(m, &owner_args) {
                            Some(ty) if ty.is_void() => TaskKind::NotTaskLike,
                            Some(ty) => self.kind_of_type(&ty),
                            None => TaskKind::Unknown,
                        })
                        .collect(),
                )
            }
            callees => match self.call_types_of(call, callees) {
                Types::OneOf(types) => common(types.iter().map(|t| self.kind_of_type(t)).collect()),
                Types::NotAValue => TaskKind::NotTaskLike,
                Types::Unknown => TaskKind::Unknown,
            },
        }
    }

    /// What `receiver?.Name(…)` gives, where tree-sitter misread the receiver (`await x?.F()` is
    /// parsed as `(await x)?.F()`): `call` bound as if called on `receiver`.
    pub fn task_kind_on(&self, call: &Invocation<'a>, receiver: Node<'a>) -> TaskKind {
        let callees = self.callees_on(call, receiver);
        self.call_kind(call, callees)
    }

    /// The kind of a type: a task type by name (a workspace type of that name counts as the
    /// framework's only if it declares no `GetAwaiter` of its own), an awaitable workspace type,
    /// or a type known not to be awaitable.
    pub(super) fn kind_of_type(&self, ty: &Type) -> TaskKind {
        let own_arity = self.index.type_entry(&ty.name).map(|t| t.type_params.len());
        if self.index.is_own_type(&ty.name) && own_arity == Some(ty.args.len()) {
            return if self.index.methods_named(&ty.name, "GetAwaiter").is_empty()
                && !self.index.has_outside_bases(&ty.name)
            {
                TaskKind::NotTaskLike
            } else {
                TaskKind::CustomAwaitable
            };
        }
        match TaskKind::of_type(ty) {
            TaskKind::Unknown => {
                let known_value = matches!(
                    ty.name.as_str(),
                    "[]" | "()"
                        | "bool"
                        | "byte"
                        | "char"
                        | "decimal"
                        | "double"
                        | "float"
                        | "int"
                        | "long"
                        | "object"
                        | "sbyte"
                        | "short"
                        | "string"
                        | "uint"
                        | "ulong"
                        | "ushort"
                        | "String"
                        | "Object"
                ) || (self.knowledge.types.is_known(&ty.name)
                    && !self
                        .knowledge
                        .types
                        .family(ty)
                        .iter()
                        .any(|t| matches!(TaskKind::of_type(t), TaskKind::Task(_) | TaskKind::ValueTask(_))));
                if known_value {
                    TaskKind::NotTaskLike
                } else {
                    // A `Task<T>`-derived type of the knowledge base.
                    self.knowledge
                        .types
                        .family(ty)
                        .iter()
                        .map(TaskKind::of_type)
                        .find(|k| *k != TaskKind::Unknown)
                        .unwrap_or(TaskKind::Unknown)
                }
            }
            kind => kind,
        }
    }
}

/// The kind several candidates share: `Task` and `ValueTask` give `TaskOrValueTask`; any other
/// disagreement is Unknown.
fn common(kinds: Vec<TaskKind>) -> TaskKind {
    let Some(first) = kinds.first().cloned() else { return TaskKind::Unknown };
    if kinds.iter().all(|k| *k == first) {
        return first;
    }
    if kinds.iter().all(TaskKind::is_task) {
        let results: Vec<&TaskResult> = kinds.iter().filter_map(TaskKind::result).collect();
        let result = if results.iter().all(|r| *r == results[0]) { results[0].clone() } else { TaskResult::Unknown };
        return if kinds.iter().all(|k| matches!(k, TaskKind::Task(_))) {
            TaskKind::Task(result)
        } else if kinds.iter().all(|k| matches!(k, TaskKind::ValueTask(_))) {
            TaskKind::ValueTask(result)
        } else {
            TaskKind::TaskOrValueTask(result)
        };
    }
    TaskKind::Unknown
}

/// Whether the variable a postfix chain starts from (`c` in `c`, `e` in `e.MoveNextAsync()`) is a
/// local initialised with a chain through `ConfigureAwait` (`var c = t.ConfigureAwait(false);`).
fn derives_from_configured(expr: Node<'_>) -> bool {
    let mut root = expr;
    while let Some(inner) = match root.kind() {
        "invocation_expression" => root.field("function"),
        "member_access_expression" => root.field("expression"),
        _ => None,
    } {
        root = inner;
    }
    root.kind() == "identifier" && crate::syntax::local_initializer(root.text(), root).is_some_and(chain_is_configured)
}

/// Whether a postfix chain (`s.ConfigureAwait(false).GetAsyncEnumerator()`) passes through a
/// `ConfigureAwait` call. An awaited value (`await t.ConfigureAwait(false)`) is a result, not an
/// awaitable, and does not count.
fn chain_is_configured(node: Node<'_>) -> bool {
    let mut current = Some(strip_parens_and_bang(node));
    while let Some(n) = current {
        if configured_operand(n).is_some() {
            return true;
        }
        current = match n.kind() {
            "invocation_expression" => n.field("function"),
            "member_access_expression" => n.field("expression"),
            _ => None,
        };
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::testing::{find, Fixture};
    use super::*;

    fn kind(texts: &[&str], expr: &str) -> TaskKind {
        Fixture::new(texts[0], &texts[1..]).with(|sem, root| {
            let mut node = None;
            root.walk(|n| {
                if n.text() == expr && n.is_named() && !matches!(n.kind(), "argument" | "expression_statement") {
                    node = Some(n);
                }
            });
            sem.task_kind(node.unwrap_or_else(|| panic!("no `{expr}`")))
        })
    }

    #[test]
    fn task_kinds_by_expression() {
        let text = "using Lib; class A { HttpClient _http; Task<int> Count() => null; ValueTask V() => default; int N() => 1; \
                    async Task F(Task t, Stream s) { var c = t.ConfigureAwait(false); \
                    use(_http.GetAsync(u), Count(), V(), N(), t.ConfigureAwait(false), c, Task.Yield(), t.ForAwait(), \
                    s.ReadAsync(b), Outside.DoAsync(), Task.Delay(1), Make<int>()); } T Make<T>() => default; }";
        let ext = "namespace Lib { static class X { public static ConfiguredTaskAwaitable ForAwait(this Task t) => default; } }";
        let table = [
            ("_http.GetAsync(u)", TaskKind::Task(TaskResult::Value(Type::named("HttpResponseMessage")))),
            ("Count()", TaskKind::Task(TaskResult::Value(Type::named("int")))),
            ("V()", TaskKind::ValueTask(TaskResult::Void)),
            ("N()", TaskKind::NotTaskLike),
            ("t.ConfigureAwait(false)", TaskKind::Configured),
            ("c", TaskKind::Configured),
            ("Task.Yield()", TaskKind::CustomAwaitable),
            ("t.ForAwait()", TaskKind::Configured),
            ("s.ReadAsync(b)", TaskKind::TaskOrValueTask(TaskResult::Value(Type::named("int")))),
            ("Outside.DoAsync()", TaskKind::Unknown),
            ("Task.Delay(1)", TaskKind::Task(TaskResult::Void)),
            ("Make<int>()", TaskKind::Unknown),
        ];
        for (expr, expected) in table {
            assert_eq!(kind(&[text, ext], expr), expected, "{expr}");
        }
    }

    #[test]
    fn workspace_awaitables_and_look_alikes() {
        let text = "class A { MyAwaitable M() => null; Task Own() => null; void F() { use(M(), Own()); } } \
                    class MyAwaitable { public Awaiter GetAwaiter() => null; } namespace Mine { class Task { } }";
        assert_eq!(kind(&[text], "M()"), TaskKind::CustomAwaitable);
        assert_eq!(kind(&[text], "Own()"), TaskKind::NotTaskLike, "the workspace's own `Task` class");
        let _ = find;
    }
}
