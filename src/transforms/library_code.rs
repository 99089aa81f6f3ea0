//! Where `.ConfigureAwait(false)` is wanted: library code that runs on no UI or request context
//! and is not a test. missing-configure-await asks it of each `await`, blocking-dispose of the
//! `await using` it writes, so that both agree.

use crate::check::FileContext;
use crate::syntax::{attribute_names, enclosing_types, Node};
use crate::transforms::ConfigureAwaitMode;
use crate::workspace::ProjectKind;

/// Whether the file's project gets `.ConfigureAwait(false)` (`--configure-await`): a library
/// project by default, every project with `always`, none with `never`.
pub fn in_library_project(cx: &FileContext<'_>) -> bool {
    match cx.settings.configure_await {
        ConfigureAwaitMode::Never => false,
        ConfigureAwaitMode::Always => true,
        ConfigureAwaitMode::Auto => cx.project.kind == ProjectKind::Library,
    }
}

/// Whether an `await` at `node` should get `.ConfigureAwait(false)`: in a library project
/// ([`in_library_project`]) and in library code ([`is_library_context`]).
pub fn wants_configure_await(node: Node<'_>, cx: &FileContext<'_>) -> bool {
    in_library_project(cx) && is_library_context(node, cx)
}

/// Library code that does not run on a UI or request context and is not a test.
pub fn is_library_context(node: Node<'_>, cx: &FileContext<'_>) -> bool {
    if [".xaml.cs", ".razor.cs", ".cshtml.cs"].iter().any(|suffix| cx.path.to_ascii_lowercase().ends_with(suffix)) {
        return false;
    }
    for ty in enclosing_types(node) {
        if let Some(name) = ty.field("name") {
            // Only bases count, and only a framework's: a library's own class called `Page`, or
            // a CQRS `ICommand` declared in the project, is not UI code.
            let bases = cx.index.type_and_bases(name.text());
            if bases.iter().skip(1).any(|b| cx.knowledge.context_types.contains(*b) && !cx.index.is_own_type(b)) {
                return false;
            }
        }
        let attributes = attribute_names(ty);
        if attributes.iter().any(|a| matches!(*a, "TestClass" | "TestFixture")) {
            return false;
        }
    }
    let is_test_attribute = |name: &str| {
        cx.knowledge.is_test_attribute(name)
            || cx.index.type_and_bases(&format!("{name}Attribute")).iter().any(|b| cx.knowledge.is_test_attribute(b))
    };
    !node
        .scope_ancestors()
        .filter(|a| a.kind() == "method_declaration")
        .any(|m| attribute_names(m).iter().any(|a| is_test_attribute(a)))
}
