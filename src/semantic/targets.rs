//! `delegate_target`: the delegate type a lambda or anonymous method is converted to, where the
//! code says it. A lambda has no type of its own: its parameters and what its body may return
//! come from that target, so a pass that changes a lambda's body (dropping `async`) must know it.

use super::callees::Callees;
use super::types::TypeOf;
use super::views::Invocation;
use super::Semantics;
use crate::syntax::{is_function, Node, Type};

impl<'a> Semantics<'a> {
    /// The delegate type `function` (a `lambda_expression` or `anonymous_method_expression`) is
    /// converted to: the declared type of the variable it initialises (`Func<int, Task<string>> f
    /// = async id => …`), of a field, property or local it is assigned to, of a cast, of
    /// `new D(…)`, the return type of the method or local function that returns it, or the
    /// parameter type of the workspace methods it is passed to when every candidate agrees on it
    /// and it does not depend on a type parameter. Unknown elsewhere (an outside API, `var`, a
    /// generic method, overloads that differ), and for a target that is not a delegate type
    /// (an expression tree).
    pub fn delegate_target(&self, function: Node<'a>) -> TypeOf {
        match self.written_target(function) {
            Some(ty) if self.is_delegate_type(&ty) => TypeOf::Known(ty),
            _ => TypeOf::Unknown,
        }
    }

    /// What invoking a delegate of type `delegate` gives: `R` for `Func<…, R>`, not a value for
    /// `Action<…>` and other `void` delegates, Unknown where the delegate is not known.
    pub fn delegate_returns(&self, delegate: &Type) -> TypeOf {
        self.delegate_result(delegate).single()
    }

    fn written_target(&self, function: Node<'a>) -> Option<Type> {
        let mut child = function;
        let mut parent = function.parent()?;
        while parent.kind() == "parenthesized_expression" {
            child = parent;
            parent = parent.parent()?;
        }
        match parent.kind() {
            "variable_declarator" => {
                let declaration = parent.parent().filter(|d| d.kind() == "variable_declaration")?;
                let ty = declaration.field("type").filter(|t| t.kind() != "implicit_type")?;
                self.read_type(self.file, ty.text())
            }
            "cast_expression" => self.read_type(self.file, parent.field("type")?.text()),
            "assignment_expression" => {
                let operator = parent.children().find(|c| !c.is_named())?.kind();
                let right = parent.field("right")?;
                if operator != "=" || !right.is(&child) {
                    return None;
                }
                self.type_of(parent.field("left")?).known().cloned()
            }
            "return_statement" | "arrow_expression_clause" => {
                let owner = parent.scope_ancestors().find(|a| is_function(a.kind()))?;
                let returns = match owner.kind() {
                    "method_declaration" => owner.field("returns")?,
                    "local_function_statement" => owner.field("type")?,
                    _ => return None,
                };
                // An iterator's `return` does not exist, and `async` changes what is returned.
                if owner.named_children().any(|c| c.kind() == "modifier" && c.text() == "async") {
                    return None;
                }
                self.read_type(self.file, returns.text())
            }
            "argument" => self.parameter_target(parent),
            _ => None,
        }
    }

    /// The parameter type of the callee at the position (or name) of `argument`.
    fn parameter_target(&self, argument: Node<'a>) -> Option<Type> {
        let list = argument.parent().filter(|l| l.kind() == "argument_list")?;
        let call = list.parent()?;
        if call.kind() == "object_creation_expression" {
            // `new Func<Task>(async () => …)`.
            return self.read_type(self.file, call.field("type")?.text());
        }
        let call = Invocation::cast(call)?;
        let arguments = call.arguments();
        let position = arguments.iter().position(|a| a.node.is(&argument))?;
        let name = arguments[position].name;
        let Callees::Workspace(methods) = self.callees(&call) else { return None };
        let mut found: Option<Type> = None;
        for m in methods {
            let entry = self.index.method(m);
            let extension = entry.params.first().is_some_and(|p| p.modifier.as_deref() == Some("this"))
                && call.receiver.expression().is_some();
            let params = &entry.params[usize::from(extension)..];
            let param = match name {
                Some(name) => params.iter().find(|p| p.name == name)?,
                None => params.get(position)?,
            };
            if param.modifier.is_some() {
                return None;
            }
            let ty = self.read_type(m.0, &param.type_text)?;
            let owner_params = self.index.type_entry(&entry.owner).map(|t| t.type_params.clone()).unwrap_or_default();
            // A type parameter is inferred from the lambda itself: what it becomes is not known.
            if ty.mentions(&entry.type_params) || ty.mentions(&owner_params) {
                return None;
            }
            match &found {
                Some(other) if *other != ty => return None,
                _ => found = Some(ty),
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{find, Fixture};
    use super::*;

    fn target(text: &str, lambda: &str) -> String {
        Fixture::new(text, &[]).with(|sem, root| {
            let kind = if lambda.contains("delegate") { "anonymous_method_expression" } else { "lambda_expression" };
            match sem.delegate_target(find(root, kind, lambda)) {
                TypeOf::Known(t) => t.to_string(),
                _ => "unknown".into(),
            }
        })
    }

    #[test]
    fn targets_written_in_the_code() {
        let text = "delegate Task<int> Work(int n);
            class A {
                Func<Task> _field; Action<int> Handler { get; set; }
                void Take(Func<int, Task<string>> load) {} void Named(int a, Func<Task> work) {}
                void Over(Func<Task> f) {} void Over(Action f) {} void Generic<T>(Func<Task<T>> f) {}
                Func<Task> Make() => async () => await Task.Delay(1);
                void F() {
                    Func<int, Task<string>> f = async id => await LoadAsync(id);
                    var v = async () => await Task.Delay(2);
                    _field = async () => await Task.Delay(3);
                    Handler = x => Log(x);
                    Take(async id => await LoadAsync(id + 1));
                    Named(work: async () => await Task.Delay(4), a: 1);
                    Over(async () => await Task.Delay(5));
                    Generic(async () => await LoadAsync(6));
                    Outside.Run(async () => await Task.Delay(7));
                    var w = (Work)(async n => await CountAsync(n));
                    var d = new Func<Task>(async () => await Task.Delay(8));
                    Func<Task> a = async delegate { await Task.Delay(9); };
                    Expression<Func<int>> e = () => 10;
                }
            }";
        let table = [
            ("async () => await Task.Delay(1)", "Func<Task>"),
            ("async id => await LoadAsync(id)", "Func<int, Task<string>>"),
            ("async () => await Task.Delay(2)", "unknown"),
            ("async () => await Task.Delay(3)", "Func<Task>"),
            ("x => Log(x)", "Action<int>"),
            ("async id => await LoadAsync(id + 1)", "Func<int, Task<string>>"),
            ("async () => await Task.Delay(4)", "Func<Task>"),
            ("async () => await Task.Delay(5)", "unknown"),
            ("async () => await LoadAsync(6)", "unknown"),
            ("async () => await Task.Delay(7)", "unknown"),
            ("async n => await CountAsync(n)", "Work"),
            ("async () => await Task.Delay(8)", "Func<Task>"),
            ("async delegate { await Task.Delay(9); }", "Func<Task>"),
            ("() => 10", "unknown"),
        ];
        for (lambda, expected) in table {
            assert_eq!(target(text, lambda), expected, "{lambda}");
        }
    }

    #[test]
    fn what_a_delegate_returns() {
        let text = "delegate Task<int> Work(int n); class A { }";
        Fixture::new(text, &[]).with(|sem, _| {
            let returns = |t: &str| match sem.delegate_returns(&Type::parse(t).unwrap()) {
                TypeOf::Known(t) => t.to_string(),
                TypeOf::Unknown => "unknown".into(),
                TypeOf::NotAValue => "void".into(),
            };
            assert_eq!(returns("Func<int, Task<string>>"), "Task<string>");
            assert_eq!(returns("Action<int>"), "void");
            assert_eq!(returns("Work"), "Task<int>");
            assert_eq!(returns("Outside"), "unknown");
        });
    }
}
