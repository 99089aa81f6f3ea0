//! `function_returns`: what a function gives its caller, as a task kind. A method or lambda that
//! returns a task is async code whether or not it is `async`: a blocking call there blocks the
//! thread of a caller that awaits it.

use super::callees::Callees;
use super::types::Types;
use super::views::Invocation;
use super::{Semantics, TaskKind};
use crate::syntax::{Node, Type};

impl<'a> Semantics<'a> {
    /// What `function` (a method, local function, lambda or anonymous method) returns, as a task
    /// kind: the declared return type of a method or local function; for a lambda or an anonymous
    /// method, the return type of the delegate type the code converts it to where it says which
    /// (a declaration `Func<Task<int>> f = () => …`, an assignment to a variable or member of a
    /// known type, a cast, an argument of a workspace method whose parameter is declared).
    /// Unknown elsewhere, and for other functions (constructors, accessors: they cannot be
    /// `async`).
    pub fn function_returns(&self, function: Node<'a>) -> TaskKind {
        let returned = match function.kind() {
            "method_declaration" | "local_function_statement" => {
                let Some(ty) = function.field("returns").or_else(|| function.field("type")) else {
                    return TaskKind::Unknown;
                };
                match self.read_type(self.file, ty.text()) {
                    Some(ty) if ty.is_void() => return TaskKind::NotTaskLike,
                    Some(ty) => Types::OneOf(vec![ty]),
                    None => Types::Unknown,
                }
            }
            "lambda_expression" | "anonymous_method_expression" => match self.delegate_type(function) {
                Some(delegate) => self.delegate_result(&delegate),
                None => Types::Unknown,
            },
            _ => Types::Unknown,
        };
        match returned {
            Types::OneOf(types) if types.len() == 1 => self.kind_of_type(&types[0]),
            Types::NotAValue => TaskKind::NotTaskLike,
            _ => TaskKind::Unknown,
        }
    }

    /// The delegate type a lambda or anonymous method is converted to, where the code says it.
    fn delegate_type(&self, function: Node<'a>) -> Option<Type> {
        let parent = function.parent()?;
        let ty = match parent.kind() {
            "variable_declarator" => {
                let declaration = parent.parent().filter(|d| d.kind() == "variable_declaration")?;
                let ty = declaration.field("type").filter(|t| t.kind() != "implicit_type")?;
                self.read_type(self.file, ty.text())?
            }
            "assignment_expression" if parent.field("right").is_some_and(|r| r.is(&function)) => {
                let left = parent.field("left")?;
                // `f += () => …` subscribes to an event, whose type is declared like a field's.
                self.type_of(left).known()?.clone()
            }
            "cast_expression" => self.read_type(self.file, parent.field("type")?.text())?,
            "argument" => self.parameter_type(parent)?,
            _ => return None,
        };
        self.is_delegate_type(&ty).then_some(ty)
    }

    /// The declared type of the parameter an argument is passed to, when the call binds to
    /// workspace methods that all declare the same type there (without their type parameters).
    fn parameter_type(&self, argument: Node<'a>) -> Option<Type> {
        let list = argument.parent().filter(|l| l.kind() == "argument_list")?;
        let call = Invocation::cast(list.parent()?)?;
        let Callees::Workspace(methods) = self.callees(&call) else { return None };
        let arguments = call.arguments();
        let position = arguments.iter().position(|a| a.node.is(&argument))?;
        let name = arguments[position].name;
        let mut found: Option<Type> = None;
        for m in methods {
            let entry = self.index.method(m);
            let as_extension = matches!(call.receiver, super::Receiver::Expression(_))
                && entry.params.first().is_some_and(|p| p.modifier.as_deref() == Some("this"));
            let params = if as_extension { entry.params.get(1..).unwrap_or_default() } else { &entry.params[..] };
            let param = match name {
                Some(name) => params.iter().find(|p| p.name == name)?,
                None => params.get(position)?,
            };
            let ty = self.read_type(m.0, &param.type_text)?;
            if ty.mentions(&entry.type_params) || found.as_ref().is_some_and(|f| *f != ty) {
                return None;
            }
            found = Some(ty);
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::Fixture;
    use super::super::TaskResult;
    use super::*;

    /// What each function of the text returns, by the text it starts with.
    #[test]
    fn what_functions_return_in_one_table() {
        let text = "delegate Task<int> Counter(); class A { \
                    Task<int> Count() => null; ValueTask Flush() => default; void Save() {} int N() { return 1; } \
                    void Run(Func<Task> work) {} void Use(Counter c) {} \
                    void F() { \
                      Func<Task<int>> f = () => Task.FromResult(1); \
                      Func<int> g = () => 1; \
                      Action a = () => Save(); \
                      Func<Task> h; h = delegate { return Task.CompletedTask; }; \
                      var v = (int x) => x; \
                      Run(() => Task.CompletedTask); \
                      Use(() => Task.FromResult(2)); \
                      Outside.Run(() => Task.CompletedTask); \
                      Task Local() { return Task.CompletedTask; } \
                    } }";
        let table: [(&str, TaskKind); 13] = [
            ("Task<int> Count()", TaskKind::Task(TaskResult::Value(Type::named("int")))),
            ("ValueTask Flush()", TaskKind::ValueTask(TaskResult::Void)),
            ("void Save()", TaskKind::NotTaskLike),
            ("int N()", TaskKind::NotTaskLike),
            ("() => Task.FromResult(1)", TaskKind::Task(TaskResult::Value(Type::named("int")))),
            ("() => 1;", TaskKind::NotTaskLike),
            ("() => Save()", TaskKind::NotTaskLike),
            ("delegate {", TaskKind::Task(TaskResult::Void)),
            ("(int x) => x", TaskKind::Unknown),
            ("() => Task.CompletedTask); Use", TaskKind::Task(TaskResult::Void)),
            ("() => Task.FromResult(2)", TaskKind::Task(TaskResult::Value(Type::named("int")))),
            ("() => Task.CompletedTask); Task", TaskKind::Unknown),
            ("Task Local()", TaskKind::Task(TaskResult::Void)),
        ];
        Fixture::new(text, &[]).with(|sem, root| {
            for (start, expected) in table {
                let mut found = None;
                let offset = text.find(start).unwrap_or_else(|| panic!("`{start}` not in the text"));
                root.walk(|n| {
                    if found.is_none() && crate::syntax::is_function(n.kind()) && n.start() == offset {
                        found = Some(n);
                    }
                });
                let function = found.unwrap_or_else(|| panic!("no function at `{start}`"));
                assert_eq!(sem.function_returns(function), expected, "{start}");
            }
        });
    }
}
