//! What a call returns, as far as syntax, the workspace index and the knowledge base can tell.
//! Shared by the transforms that reason about calls: task-run-io and unawaited-task.

use crate::check::FileContext;
use crate::index::{is_task_type, Resolution, WorkspaceIndex};
use crate::syntax::{declared_type, enclosing_types, invocation_parts, member_type, simple_name, DeclaredType, Node};

/// Whether a call returns a task (`Task`, `Task<T>`, `ValueTask`, `ValueTask<T>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Returns {
    /// Known to return a task: a workspace method declared so, or a knowledge-base API.
    Task,
    /// Known not to: a workspace method with another return type, or an event-based `…Async` API.
    NotTask,
    /// Nothing is known.
    Unknown,
}

/// A call `receiver.Name(args)` or `Name(args)`.
#[derive(Clone, Copy, Debug)]
pub struct Call<'a> {
    /// The `invocation_expression`.
    pub node: Node<'a>,
    /// What the method is called on, if written.
    pub receiver: Option<Node<'a>>,
    /// The method's simple name (`Run` for `Task.Run<int>`).
    pub name: &'a str,
    /// The method name node (an `identifier` or a `generic_name`).
    pub name_node: Node<'a>,
    /// The number of arguments.
    pub args: usize,
}

impl<'a> Call<'a> {
    /// Splits an `invocation_expression` into its parts; `None` for other nodes and for calls of
    /// expressions (`f()()`, `x?.F()`).
    pub fn of(node: Node<'a>) -> Option<Self> {
        if node.kind() != "invocation_expression" {
            return None;
        }
        let (receiver, name_node) = invocation_parts(node)?;
        let args = node.field("arguments").map_or(0, |a| a.named_children().filter(|c| c.kind() == "argument").count());
        Some(Call { node, receiver, name: simple_name(name_node.text()), name_node, args })
    }

    /// The argument nodes, in order.
    pub fn arguments(&self) -> Vec<Node<'a>> {
        self.node
            .field("arguments")
            .map(|a| a.named_children().filter(|c| c.kind() == "argument").collect())
            .unwrap_or_default()
    }

    /// Whether this is a call of a static `Task` method called `method` (`Task.Run`,
    /// `System.Threading.Tasks.Task.WhenAll`).
    pub fn is_task_static(&self, method: &str) -> bool {
        self.name == method
            && self.receiver.is_some_and(|r| {
                matches!(r.kind(), "identifier" | "qualified_name" | "member_access_expression")
                    && (r.text() == "Task" || r.text().ends_with(".Task"))
            })
    }

    /// Whether this is `Task.Factory.StartNew(…)`.
    pub fn is_start_new(&self) -> bool {
        self.name == "StartNew" && self.receiver.is_some_and(|r| r.text() == "Task.Factory")
    }
}

/// What `call` returns, by the workspace index first, then the declared type of its receiver
/// and the knowledge base.
pub fn returns(call: &Call<'_>, cx: &FileContext<'_>) -> Returns {
    let site = cx.index.file(cx.file).call_at(&call.node.range());
    if let Some(Resolution::Methods(methods)) = site.map(|s| cx.index.resolve(s)) {
        return all_tasks(methods.iter().map(|&m| cx.index.method(m).returns.as_str()));
    }
    let receiver_type = match call.receiver {
        None => {
            if let Some(returns) = local_function_returns(call.node, call.name) {
                return returns;
            }
            None
        }
        Some(receiver) => receiver_type(receiver, cx.index),
    };
    if let Some(ty) = &receiver_type {
        let candidates: Vec<_> = cx
            .index
            .methods_named(ty, call.name)
            .into_iter()
            .filter(|&m| cx.index.method(m).accepts_arg_count(call.args))
            .collect();
        if !candidates.is_empty() {
            return all_tasks(candidates.iter().map(|&m| cx.index.method(m).returns.as_str()));
        }
    }
    match cx.knowledge.returns_task(receiver_type.as_deref(), call.name) {
        Some(true) => Returns::Task,
        Some(false) => Returns::NotTask,
        None => Returns::Unknown,
    }
}

/// `Task` when every candidate returns a task, `NotTask` when none does; overloads that disagree
/// cannot be told apart without types.
fn all_tasks<'s>(mut returns: impl Iterator<Item = &'s str> + Clone) -> Returns {
    if returns.clone().all(is_task_type) {
        Returns::Task
    } else if returns.all(|r| !is_task_type(r)) {
        Returns::NotTask
    } else {
        Returns::Unknown
    }
}

/// The return type of a local function `name` declared in a function around `at`.
fn local_function_returns(at: Node<'_>, name: &str) -> Option<Returns> {
    let mut found = None;
    for function in at.ancestors().filter(|a| is_member_or_function(a.kind())) {
        function.walk(|n| {
            if found.is_none()
                && n.kind() == "local_function_statement"
                && n.field("name").is_some_and(|f| f.text() == name)
            {
                found = n.field("type").map(|t| if is_task_type(t.text()) { Returns::Task } else { Returns::NotTask });
            }
        });
        if found.is_some() {
            break;
        }
    }
    found
}

fn is_member_or_function(kind: &str) -> bool {
    matches!(
        kind,
        "method_declaration"
            | "constructor_declaration"
            | "accessor_declaration"
            | "local_function_statement"
            | "lambda_expression"
            | "anonymous_method_expression"
            | "operator_declaration"
            | "global_statement"
    )
}

/// The simple name of the type a call is made on: the declared type of a local, parameter,
/// field or property (`_http` declared `HttpClient`), or the named type of a static call
/// (`Task.Delay`, `File.ReadAllTextAsync`). `None` when it cannot be told.
pub fn receiver_type(receiver: Node<'_>, index: &WorkspaceIndex) -> Option<String> {
    let owner = || enclosing_types(receiver).next().and_then(|t| t.field("name")).map(|n| n.text());
    // A field or property of the enclosing type, possibly declared in another part or a base.
    let member = |name: &str| match member_type(name, receiver) {
        DeclaredType::Type(t) => Some(type_name(t).to_owned()),
        DeclaredType::Unknown => None,
        DeclaredType::NotFound => owner().and_then(|o| index.member_type(o, name)).map(|t| type_name(t).to_owned()),
    };
    match receiver.kind() {
        "identifier" => {
            let name = receiver.text();
            match declared_type(name, receiver) {
                DeclaredType::Type(t) => Some(type_name(t).to_owned()),
                DeclaredType::Unknown => None,
                DeclaredType::NotFound => member(name).or_else(|| {
                    // Neither a variable nor a member: a type name (a static call), by the usual
                    // capitalisation.
                    name.starts_with(|c: char| c.is_ascii_uppercase()).then(|| name.to_owned())
                }),
            }
        }
        "member_access_expression" => {
            let expression = receiver.field("expression")?;
            let name = receiver.field("name")?;
            if expression.kind() == "this_expression" || expression.text() == "this" {
                return member(name.text());
            }
            if receiver.text() == "Task.Factory" {
                return Some("TaskFactory".to_owned());
            }
            // `System.IO.File`: a namespace-qualified type name.
            let qualified =
                is_dotted_name(receiver) && receiver.text().split('.').all(|part| part.starts_with(char::is_uppercase));
            qualified.then(|| simple_name(receiver.text()).to_owned())
        }
        "qualified_name" => Some(simple_name(receiver.text()).to_owned()),
        _ => None,
    }
}

fn is_dotted_name(node: Node<'_>) -> bool {
    match node.kind() {
        "identifier" => true,
        "member_access_expression" => {
            node.field("expression").is_some_and(is_dotted_name)
                && node.field("name").is_some_and(|n| n.kind() == "identifier")
        }
        _ => false,
    }
}

/// `HttpClient?` → `HttpClient`, `System.IO.Stream` → `Stream`.
fn type_name(text: &str) -> &str {
    simple_name(text.trim_end_matches('?'))
}

/// Whether `node` contains a comment or a preprocessor directive outside `keep`.
pub fn has_trivia_outside(node: Node<'_>, keep: std::ops::Range<usize>) -> bool {
    let mut found = false;
    node.walk(|n| {
        let trivia = n.kind() == "comment" || n.kind().starts_with("preproc");
        if trivia && (n.end() <= keep.start || n.start() >= keep.end) {
            found = true;
        }
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    fn receiver_of_first_call(text: &str, method: &str) -> Option<String> {
        let tree = parse(text).unwrap();
        let root = Node::root(&tree, text);
        let mut found = None;
        root.walk(|n| {
            if found.is_none() {
                if let Some(call) = Call::of(n).filter(|c| c.name == method) {
                    found = Some(call.receiver.and_then(|r| receiver_type(r, &WorkspaceIndex::default())));
                }
            }
        });
        found.flatten()
    }

    #[test]
    fn receiver_types_come_from_declarations() {
        let class = |body: &str| format!("class A {{ HttpClient _http; Stream Body {{ get; }} {body} }}");
        assert_eq!(
            receiver_of_first_call(&class("void F() { _http.GetAsync(u); }"), "GetAsync").as_deref(),
            Some("HttpClient")
        );
        assert_eq!(
            receiver_of_first_call(&class("void F() { this.Body.FlushAsync(); }"), "FlushAsync").as_deref(),
            Some("Stream")
        );
        assert_eq!(
            receiver_of_first_call(&class("void F(System.IO.Stream s) { s.FlushAsync(); }"), "FlushAsync").as_deref(),
            Some("Stream")
        );
        assert_eq!(
            receiver_of_first_call(&class("void F() { var s = new MemoryStream(); s.FlushAsync(); }"), "FlushAsync")
                .as_deref(),
            Some("MemoryStream")
        );
        assert_eq!(receiver_of_first_call(&class("void F() { Task.Delay(1); }"), "Delay").as_deref(), Some("Task"));
        assert_eq!(
            receiver_of_first_call(&class("void F() { System.IO.File.ReadAllTextAsync(p); }"), "ReadAllTextAsync")
                .as_deref(),
            Some("File")
        );
    }

    #[test]
    fn a_local_hides_a_field_and_untyped_locals_are_unknown() {
        let class = |body: &str| format!("class A {{ HttpClient _http; {body} }}");
        assert_eq!(
            receiver_of_first_call(&class("void F() { var _http = Make(); _http.GetAsync(u); }"), "GetAsync"),
            None
        );
        assert_eq!(receiver_of_first_call(&class("void F() { Run(_http => _http.GetAsync(u)); }"), "GetAsync"), None);
        assert_eq!(receiver_of_first_call(&class("void F() { client.GetAsync(u); }"), "GetAsync"), None);
        assert_eq!(receiver_of_first_call(&class("void F() { GetClient().GetAsync(u); }"), "GetAsync"), None);
    }
}
