//! Typed views of the syntax that passes ask about: an invocation with its receiver, name and
//! arguments. One way to take a call apart, instead of one per pass.

use crate::fix::Edit;
use crate::source::FileId;
use crate::syntax::{simple_name, Node};

/// What a call is made on.
#[derive(Clone, Copy, Debug)]
pub enum Receiver<'a> {
    /// `M()`.
    Implicit,
    /// `this.M()`.
    This,
    /// `base.M()`.
    Base,
    /// `x.M()`, `Type.M()`, `F().M()`.
    Expression(Node<'a>),
    /// `x?.M()`: the value is `null` when `x` is (tree-sitter reads this as `(x?.M)()`).
    Conditional(Node<'a>),
}

impl<'a> Receiver<'a> {
    /// The receiver expression, for `x.M()` and `x?.M()`.
    pub fn expression(&self) -> Option<Node<'a>> {
        match self {
            Receiver::Expression(e) | Receiver::Conditional(e) => Some(*e),
            _ => None,
        }
    }
}

/// An argument of a call: `x`, `name: x`, `ref x`, `out var x`.
#[derive(Clone, Copy, Debug)]
pub struct Argument<'a> {
    /// The `argument` node.
    pub node: Node<'a>,
    /// The name of a named argument (`token` in `token: ct`).
    pub name: Option<&'a str>,
    /// `ref`, `out` or `in`.
    pub modifier: Option<&'static str>,
    /// The expression passed (after the name and the modifier).
    pub value: Option<Node<'a>>,
}

impl<'a> Argument<'a> {
    /// Views an `argument` node.
    pub fn of(node: Node<'a>) -> Self {
        let name_node = node.field("name");
        let modifier = node.children().find_map(|c| match c.kind() {
            "ref" => Some("ref"),
            "out" => Some("out"),
            "in" => Some("in"),
            _ => None,
        });
        let value = node
            .named_children()
            .filter(|c| !crate::syntax::is_trivia(c.kind()))
            .last()
            .filter(|v| name_node.is_none_or(|n| !n.is(v)));
        Argument { node, name: name_node.map(|n| n.text()), modifier, value }
    }
}

/// A call `receiver.Name<T>(args)`, `Name(args)` or `receiver?.Name(args)`.
#[derive(Clone, Copy, Debug)]
pub struct Invocation<'a> {
    /// The `invocation_expression`.
    pub node: Node<'a>,
    /// What it is called on.
    pub receiver: Receiver<'a>,
    /// The simple name called (`Run` for `Task.Run<int>`).
    pub name: &'a str,
    /// The identifier of the name (without type arguments): to rename the call.
    pub name_node: Node<'a>,
    /// The name as written, type arguments included (an `identifier` or a `generic_name`).
    pub callee_name: Node<'a>,
    /// The `argument_list`.
    pub argument_list: Node<'a>,
}

impl<'a> Invocation<'a> {
    /// Views an `invocation_expression`; `None` for other nodes and for calls of expressions that
    /// are not names (`F()()`, `items[0]()`).
    pub fn cast(node: Node<'a>) -> Option<Self> {
        if node.kind() != "invocation_expression" {
            return None;
        }
        let function = node.field("function")?;
        let (receiver, callee_name) = match function.kind() {
            "identifier" | "generic_name" => (Receiver::Implicit, function),
            "member_access_expression" => {
                let expression = function.field("expression")?;
                // tree-sitter-c-sharp gives `this` and `base` as bare tokens of those kinds.
                let receiver = match expression.kind() {
                    "this" | "this_expression" => Receiver::This,
                    "base" | "base_expression" => Receiver::Base,
                    _ => Receiver::Expression(expression),
                };
                (receiver, function.field("name")?)
            }
            "conditional_access_expression" => {
                let binding = function.named_children().last().filter(|b| b.kind() == "member_binding_expression")?;
                let receiver = function.named_children().next()?;
                (Receiver::Conditional(receiver), binding.field("name").or_else(|| binding.named_children().last())?)
            }
            _ => return None,
        };
        let name_node = match callee_name.kind() {
            "generic_name" => callee_name.named_children().next()?,
            _ => callee_name,
        };
        let argument_list = node.field("arguments")?;
        Some(Invocation { node, receiver, name: simple_name(name_node.text()), name_node, callee_name, argument_list })
    }

    /// The arguments, in order.
    pub fn arguments(&self) -> Vec<Argument<'a>> {
        self.argument_list.named_children().filter(|a| a.kind() == "argument").map(Argument::of).collect()
    }

    /// How many arguments are passed.
    pub fn arg_count(&self) -> usize {
        self.argument_list.named_children().filter(|a| a.kind() == "argument").count()
    }

    /// The explicit type arguments (`Load<int>()`), as written.
    pub fn type_arguments(&self) -> Vec<Node<'a>> {
        self.callee_name
            .child_of_kind("type_argument_list")
            .map(|list| list.named_children().filter(|t| !crate::syntax::is_trivia(t.kind())).collect())
            .unwrap_or_default()
    }

    /// `nameof(x)`: not a call.
    pub fn is_nameof(&self) -> bool {
        matches!(self.receiver, Receiver::Implicit) && self.name == "nameof"
    }

    /// Whether this calls the static method `method` of the type `ty` (`Task.Run`,
    /// `System.Threading.Tasks.Task.Run`, `global::System.Threading.Tasks.Task.Run`).
    pub fn is_static_call(&self, ty: &str, method: &str) -> bool {
        self.name == method
            && matches!(self.receiver, Receiver::Expression(r)
                if matches!(r.kind(), "identifier" | "qualified_name" | "member_access_expression" | "alias_qualified_name")
                    && simple_name(r.text()) == ty
                    && r.text().split(['.', ':']).all(|part| part.is_empty() || part.chars().all(|c| c.is_alphanumeric() || c == '_')))
    }

    /// `Task.Factory.StartNew(…)`.
    pub fn is_start_new(&self) -> bool {
        self.name == "StartNew"
            && matches!(self.receiver, Receiver::Expression(r) if r.text() == "Task.Factory" || r.text().ends_with(".Task.Factory"))
    }

    /// Whether the call is awaited directly (`await M()`, `await M().ConfigureAwait(false)`).
    pub fn is_awaited(&self) -> bool {
        let Some(parent) = self.node.parent() else { return false };
        if parent.kind() == "await_expression" {
            return true;
        }
        parent.kind() == "member_access_expression"
            && parent.field("name").is_some_and(|n| n.text() == "ConfigureAwait")
            && parent
                .parent()
                .filter(|p| p.kind() == "invocation_expression")
                .and_then(|p| p.parent())
                .is_some_and(|p| p.kind() == "await_expression")
    }

    /// The edit that passes `argument` after the call's last argument.
    pub fn append_argument(&self, file: FileId, argument: &str) -> Edit {
        let last = self.argument_list.named_children().filter(|a| a.kind() == "argument").last();
        match last {
            Some(last) => Edit::insert(file, last.end(), format!(", {argument}")),
            None => Edit::insert(file, self.argument_list.start() + 1, argument),
        }
    }
}

/// `expr.ConfigureAwait(…)`: the configured expression.
pub fn configured_operand(node: Node<'_>) -> Option<Node<'_>> {
    let call = Invocation::cast(node)?;
    match call.receiver {
        Receiver::Expression(inner) if call.name == "ConfigureAwait" => Some(inner),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    fn calls(text: &str) -> Vec<String> {
        let tree = parse(text).unwrap();
        let root = Node::root(&tree, text);
        let mut out = Vec::new();
        root.walk(|n| {
            if let Some(call) = Invocation::cast(n) {
                let receiver = match call.receiver {
                    Receiver::Implicit => "-".to_owned(),
                    Receiver::This => "this".to_owned(),
                    Receiver::Base => "base".to_owned(),
                    Receiver::Expression(e) => e.text().to_owned(),
                    Receiver::Conditional(e) => format!("{}?", e.text()),
                };
                let args: Vec<String> = call
                    .arguments()
                    .iter()
                    .map(|a| {
                        format!(
                            "{}{}{}",
                            a.name.map(|n| format!("{n}:")).unwrap_or_default(),
                            a.modifier.map(|m| format!("{m} ")).unwrap_or_default(),
                            a.value.map_or("", |v| v.text())
                        )
                    })
                    .collect();
                let types: Vec<&str> = call.type_arguments().iter().map(|t| t.text()).collect();
                out.push(format!("{receiver} {} <{}> ({})", call.name, types.join(","), args.join(", ")));
            }
        });
        out
    }

    #[test]
    fn invocations_taken_apart() {
        let text = "class A { void F() { G(1); this.H(x: 2); base.I(ref y, out var z); a.b.J<int, string>(in q); \
                    c?.K(); L()(); Task.Run(() => M()); } }";
        assert_eq!(
            calls(text),
            [
                "- G <> (1)",
                "this H <> (x:2)",
                "base I <> (ref y, out var z)",
                "a.b J <int,string> (in q)",
                "c? K <> ()",
                "- L <> ()",
                "Task Run <> (() => M())",
                "- M <> ()",
            ]
        );
    }

    #[test]
    fn static_calls_and_awaits() {
        let text =
            "class A { async Task F() { await System.Threading.Tasks.Task.Run(G); await H().ConfigureAwait(false); \
                    task.Run(); Task.Factory.StartNew(G); } }";
        let tree = parse(text).unwrap();
        let root = Node::root(&tree, text);
        let mut found = Vec::new();
        root.walk(|n| {
            if let Some(call) = Invocation::cast(n) {
                found.push((call.name, call.is_static_call("Task", "Run"), call.is_awaited(), call.is_start_new()));
            }
        });
        assert_eq!(
            found,
            [
                ("Run", true, true, false),
                ("ConfigureAwait", false, true, false),
                ("H", false, true, false),
                ("Run", false, false, false),
                ("StartNew", false, false, true),
            ]
        );
    }
}
