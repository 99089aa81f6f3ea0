//! What a few generic .NET methods return, inferred from their arguments as the compiler infers
//! their type arguments: the knowledge base can only say `Task<?>` for `Task.FromResult`, because
//! the result depends on the call.
//!
//! | call | type |
//! |---|---|
//! | `Task.FromResult(x)`, `ValueTask.FromResult(x)` | `Task<X>`, `ValueTask<X>` for `x` of type `X` |
//! | `Task.FromResult<T>(…)`, `Task.Run<T>(…)` | `Task<T>` |
//! | `Task.Run(() => x)` | `Task<X>`; `Task<R>` for a body of type `Task<R>`, `Task` for `Task` or a `void` call |
//! | `Task.Run(async () => await t)` | `Task<R>` for `t` a `Task<R>`; `Task` for a `Task` |
//! | `Task.WhenAll(a, b)`, `Task.WhenAll(tasks)` | `Task<R[]>` when every task is a `Task<R>`; else `Task` |
//! | `q.Select(x => e)` on an `IQueryable<T>` | `IQueryable<E>` for `e` of type `E` |
//!
//! Anything else (a block-bodied lambda, a method group, an argument of unknown type) is not
//! inferred: the knowledge base's answer stands.

use super::types::Types;
use super::views::Invocation;
use super::Semantics;
use crate::syntax::{Node, Type};

impl<'a> Semantics<'a> {
    /// What `call`, an outside method of `owner`, returns when its type arguments can be
    /// inferred from what is passed; `None` when nothing is inferred.
    pub(super) fn inferred_types(&self, call: &Invocation<'a>, owner: &Type, depth: usize) -> Option<Types> {
        let explicit: Vec<Node<'a>> = call.type_arguments();
        let arguments = call.arguments();
        let only = match arguments.as_slice() {
            [one] if one.name.is_none() && one.modifier.is_none() => one.value,
            _ => None,
        };
        let known = |expr: Node<'a>| match self.types_at(expr, depth).single().known().cloned() {
            Some(ty) if !mentions_unknown(&ty) => Some(ty),
            _ => None,
        };
        match (owner.name.as_str(), owner.args.is_empty(), call.name) {
            ("Task" | "ValueTask", true, "FromResult") => {
                let result = match explicit.as_slice() {
                    [t] => self.read_type(self.file, t.text())?,
                    [] => known(only?)?,
                    _ => return None,
                };
                Some(Types::OneOf(vec![Type::generic(&owner.name, vec![result])]))
            }
            ("Task", true, "Run") => {
                if let [t] = explicit.as_slice() {
                    let result = self.read_type(self.file, t.text())?;
                    return Some(Types::OneOf(vec![Type::generic("Task", vec![result])]));
                }
                // `Task.Run(() => …, token)` infers the same way.
                let first = arguments.first().filter(|a| a.name.is_none() && a.modifier.is_none())?.value?;
                self.run_result(first, depth)
            }
            ("Task", true, "WhenAll") if explicit.is_empty() => {
                let elements: Vec<Type> = match (arguments.as_slice(), only) {
                    // One sequence of tasks, or one task.
                    ([_], Some(only)) => {
                        let ty = known(only)?;
                        match ty.name.as_str() {
                            "Task" => vec![ty],
                            _ => vec![self.element_type(&ty)?],
                        }
                    }
                    _ => arguments
                        .iter()
                        .map(|a| a.value.filter(|_| a.name.is_none() && a.modifier.is_none()).and_then(known))
                        .collect::<Option<Vec<Type>>>()?,
                };
                if elements.is_empty() || elements.iter().any(|t| t.name != "Task" || t.args.len() > 1) {
                    return None;
                }
                let first = elements[0].non_nullable();
                let all_same = elements.iter().all(|t| t.non_nullable() == first);
                Some(Types::OneOf(vec![match first.args.as_slice() {
                    [result] if all_same => Type::generic("Task", vec![Type::generic("[]", vec![result.clone()])]),
                    _ => Type::named("Task"),
                }]))
            }
            ("IQueryable" | "IOrderedQueryable" | "DbSet" | "IIncludableQueryable", false, "Select") => {
                let lambda = only.filter(|l| l.kind() == "lambda_expression")?;
                let body = lambda.field("body").filter(|b| b.kind() != "block")?;
                if lambda.has_token("async") {
                    return None;
                }
                let element = known(body)?;
                Some(Types::OneOf(vec![Type::generic("IQueryable", vec![element])]))
            }
            _ => None,
        }
    }

    /// What `Task.Run(f)` returns for the lambda `f` without parameters: the overload the
    /// compiler picks for its body (`Func<Task<R>>` unwraps, `Func<R>` wraps, `Action` is a
    /// plain `Task`).
    fn run_result(&self, f: Node<'a>, depth: usize) -> Option<Types> {
        if f.kind() != "lambda_expression" {
            return None;
        }
        let no_parameters =
            f.field("parameters").is_some_and(|p| p.kind() == "parameter_list" && p.named_children().next().is_none());
        let body = f.field("body").filter(|b| b.kind() != "block" && no_parameters)?;
        let task = |result: Option<Type>| Some(Types::OneOf(vec![Type::generic("Task", result.into_iter().collect())]));
        if f.has_token("async") {
            // `async () => await t`: a `Func<Task<R>>` (or `Func<Task>`) for `t` a `Task<R>`.
            if body.kind() != "await_expression" {
                return None;
            }
            return match self.types_at(body, depth) {
                Types::NotAValue => task(None),
                found => task(Some(found.single().known().cloned().filter(|t| !mentions_unknown(t))?)),
            };
        }
        match self.types_at(body, depth) {
            Types::NotAValue => task(None),
            found => {
                let ty = found.single().known().cloned().filter(|t| !mentions_unknown(t))?;
                match (ty.name.as_str(), ty.args.as_slice()) {
                    ("Task", []) => task(None),
                    ("Task", [result]) => task(Some(result.clone())),
                    _ => task(Some(ty)),
                }
            }
        }
    }
}

/// Whether a type has an argument that is not known (`Task<?>`).
fn mentions_unknown(ty: &Type) -> bool {
    ty.is_unknown() || ty.args.iter().any(mentions_unknown)
}

#[cfg(test)]
mod tests {
    use super::super::testing::Fixture;
    use super::super::TypeOf;
    use crate::syntax::Node;

    /// The type of the expression `expr` (the last node with that text).
    fn type_in(text: &str, expr: &str) -> String {
        Fixture::new(text, &[]).with(|sem, root| {
            let mut node = None;
            root.walk(|n| {
                let excluded = matches!(n.kind(), "expression_statement" | "argument" | "global_statement");
                if n.text() == expr && !excluded && node.is_none_or(|prev: Node<'_>| prev.start() != n.start()) {
                    node = Some(n);
                }
            });
            match sem.type_of(node.unwrap_or_else(|| panic!("no `{expr}`"))) {
                TypeOf::Known(t) => t.to_string(),
                TypeOf::Unknown => "unknown".into(),
                TypeOf::NotAValue => "not a value".into(),
            }
        })
    }

    #[test]
    fn generic_task_factories_and_their_inferred_types() {
        let text = "class User { public string Name; }
            class A { Task<int> CountAsync() => null; Task SaveAsync() => null; int Count() => 1; void Save() {}
            async Task F(User user, Task<int>[] counts, List<Task<string>> names, Task plain, IQueryable<User> users) {
                use(Task.FromResult(1), Task.FromResult<object>(user), ValueTask.FromResult(user), Task.FromResult(Outside.X()),
                    Task.Run(() => Count()), Task.Run(() => CountAsync()), Task.Run(() => SaveAsync()), Task.Run(() => Save()),
                    Task.Run(async () => await CountAsync()), Task.Run(async () => await SaveAsync()), Task.Run<long>(() => 1),
                    Task.Run(() => { return 1; }), Task.Run(Count),
                    Task.WhenAll(counts), Task.WhenAll(names), Task.WhenAll(CountAsync(), CountAsync()),
                    Task.WhenAll(CountAsync(), plain), Task.WhenAll(plain, SaveAsync()), Task.WhenAll(Outside.Tasks()),
                    users.Select(u => u.Name), users.Select(u => Outside.X()), users.Select(u => u.Name).ToListAsync());
            } }";
        let table = [
            ("Task.FromResult(1)", "Task<int>"),
            ("Task.FromResult<object>(user)", "Task<object>"),
            ("ValueTask.FromResult(user)", "ValueTask<User>"),
            ("Task.FromResult(Outside.X())", "Task<?>"),
            ("Task.Run(() => Count())", "Task<int>"),
            ("Task.Run(() => CountAsync())", "Task<int>"),
            ("Task.Run(() => SaveAsync())", "Task"),
            ("Task.Run(() => Save())", "Task"),
            ("Task.Run(async () => await CountAsync())", "Task<int>"),
            ("Task.Run(async () => await SaveAsync())", "Task"),
            ("Task.Run<long>(() => 1)", "Task<long>"),
            ("Task.Run(() => { return 1; })", "Task<?>"),
            ("Task.Run(Count)", "Task<?>"),
            ("Task.WhenAll(counts)", "Task<int[]>"),
            ("Task.WhenAll(names)", "Task<string[]>"),
            ("Task.WhenAll(CountAsync(), CountAsync())", "Task<int[]>"),
            ("Task.WhenAll(CountAsync(), plain)", "Task"),
            ("Task.WhenAll(plain, SaveAsync())", "Task"),
            ("Task.WhenAll(Outside.Tasks())", "Task<?>"),
            ("users.Select(u => u.Name)", "IQueryable<string>"),
            ("users.Select(u => Outside.X())", "IQueryable<?>"),
            ("users.Select(u => u.Name).ToListAsync()", "Task<List<string>>"),
        ];
        for (expr, expected) in table {
            assert_eq!(type_in(text, expr), expected, "{expr}");
        }
    }
}
