//! What a call may bind to, as far as syntax and the workspace index can tell: the declared return
//! types and parameter names that sync-over-async and redundant-await reason about.

use std::collections::HashMap;

use crate::check::FileContext;
use crate::index::{MethodRef, Resolution};
use crate::syntax::{declared_type, enclosing_types, invocation_parts, member_type, simple_name, DeclaredType, Node};

/// A method a call may bind to.
#[derive(Clone)]
pub(super) struct Callee {
    /// The declared return type, as written.
    pub returns: String,
    /// The parameter names, in order.
    pub params: Vec<String>,
}

/// The methods the invocation `call` may bind to, or `None` when that is unknown:
/// - `M()`: local functions of that name in the member, else methods of the enclosing type and its
///   workspace bases;
/// - `this.M()`, `base.M()`: methods of the enclosing type and its bases;
/// - `Type.M()`: methods of a workspace type that no local, parameter, field or property shadows;
/// - `x.M()`, `this.x.M()`: methods of the declared type of the local, parameter, field or
///   property `x`, when that is a non-generic workspace type.
///
/// Where syntax alone cannot tell, the workspace index's resolution of the call site is used (it
/// also knows fields declared in other parts of a partial class and in workspace bases).
pub(super) fn callees(call: Node<'_>, cx: &FileContext<'_>) -> Option<Vec<Callee>> {
    let owner = match syntactic_owner(call, cx)? {
        Owner::Locals(locals) => return Some(locals),
        Owner::Type(owner) => owner,
        Owner::Unknown => return indexed_callees(call, cx),
    };
    let name = simple_name(call.field("function").and_then(|f| f.field("name").or(Some(f)))?.text());
    let found: Vec<Callee> = cx.index.methods_named(owner, name).into_iter().map(|m| callee(cx, m)).collect();
    (!found.is_empty()).then_some(found)
}

/// Which type declares the called method, as far as the syntax around the call tells.
enum Owner<'a> {
    /// Local functions of the member.
    Locals(Vec<Callee>),
    /// A workspace type.
    Type(&'a str),
    /// Syntax does not tell.
    Unknown,
}

fn callee(cx: &FileContext<'_>, m: MethodRef) -> Callee {
    let method = cx.index.method(m);
    Callee { returns: method.returns.clone(), params: method.params.iter().map(|p| p.name.clone()).collect() }
}

/// The index's resolution of the call site at `call`, if the index has one there.
fn indexed_callees(call: Node<'_>, cx: &FileContext<'_>) -> Option<Vec<Callee>> {
    let site = cx.index.file(cx.file).call_at(&call.range())?;
    match cx.index.resolve(site) {
        Resolution::Methods(methods) => Some(methods.into_iter().map(|m| callee(cx, m)).collect()),
        Resolution::Unknown => None,
    }
}

fn syntactic_owner<'a>(call: Node<'a>, cx: &FileContext<'_>) -> Option<Owner<'a>> {
    let (receiver, name) = invocation_parts(call)?;
    let name = simple_name(name.text());
    let own_type = || enclosing_types(call).next().and_then(|t| t.field("name")).map(|n| n.text());
    let found = |t: Option<&'a str>| t.map(Owner::Type);
    match receiver {
        None => {
            let locals = local_functions_named(call, name, cx);
            if !locals.is_empty() {
                return Some(Owner::Locals(locals));
            }
            Some(own_type().map_or(Owner::Unknown, Owner::Type))
        }
        Some(r) if matches!(r.kind(), "this_expression" | "base_expression") || matches!(r.text(), "this" | "base") => {
            found(own_type())
        }
        Some(r) if r.kind() == "identifier" => match declared_type(r.text(), call) {
            DeclaredType::NotFound if cx.index.is_workspace_type(r.text()) => Some(Owner::Type(r.text())),
            // A field or property declared elsewhere (another part of a partial class, a base).
            DeclaredType::NotFound => Some(Owner::Unknown),
            DeclaredType::Type(t) => found(workspace_type(t, cx)),
            DeclaredType::Unknown => None,
        },
        Some(r) if r.kind() == "member_access_expression" => {
            let this = r.field("expression").is_some_and(|e| e.kind() == "this_expression" || e.text() == "this");
            let field = r.field("name").filter(|n| this && n.kind() == "identifier")?;
            match member_type(field.text(), call) {
                DeclaredType::Type(t) => found(workspace_type(t, cx)),
                _ => None,
            }
        }
        Some(_) => None,
    }
}

/// The simple name of a declared type when it is a non-generic workspace type.
fn workspace_type<'a>(type_text: &'a str, cx: &FileContext<'_>) -> Option<&'a str> {
    let type_text = type_text.trim_end_matches('?');
    if type_text.contains('<') || type_text.contains('[') {
        return None;
    }
    let name = simple_name(type_text);
    cx.index.is_workspace_type(name).then_some(name)
}

/// The local functions called `name` in the member around `at`.
fn local_functions_named(at: Node<'_>, name: &str, cx: &FileContext<'_>) -> Vec<Callee> {
    // The outermost function around `at` inside its type (local functions are not visible outside
    // it), or the whole program for top-level statements.
    let mut member = None;
    for a in at.scope_ancestors() {
        match a.kind() {
            kind if crate::syntax::is_function(kind) => member = Some(a),
            "global_statement" => member = a.parent(),
            "class_declaration" | "struct_declaration" | "record_declaration" | "interface_declaration" => break,
            _ => {}
        }
    }
    let Some(member) = member else { return Vec::new() };
    // Collected once per member: a walk of the member per call is quadratic in a long method.
    let all = cx.memoized(LocalFunctions(member.id()), || local_functions(member));
    all.get(name).cloned().unwrap_or_default()
}

/// The key of a member's local functions: the member's node id.
#[derive(PartialEq, Eq, Hash)]
struct LocalFunctions(usize);

/// Every local function declared in `member`, by name.
fn local_functions(member: Node<'_>) -> HashMap<String, Vec<Callee>> {
    let mut out: HashMap<String, Vec<Callee>> = HashMap::new();
    member.walk(|n| {
        if n.kind() != "local_function_statement" {
            return;
        }
        let Some(name) = n.field("name") else { return };
        let params = n
            .field("parameters")
            .map(|list| {
                list.named_children()
                    .filter(|p| p.kind() == "parameter")
                    .map(|p| p.field("name").map_or(String::new(), |f| f.text().to_owned()))
                    .collect()
            })
            .unwrap_or_default();
        let returns = n.field("type").map(|t| t.text().to_owned()).unwrap_or_default();
        out.entry(name.text().to_owned()).or_default().push(Callee { returns, params });
    });
    out
}
