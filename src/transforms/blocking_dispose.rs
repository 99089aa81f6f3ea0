//! `blocking-dispose`: a `using` in async code that blocks on `Dispose()` where the resource has
//! `DisposeAsync()`.
//!
//! The user documentation is `transforms/blocking-dispose/README.md`.

use crate::check::FileContext;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix, Priority};
use crate::semantic::{AsyncDisposal, DisposeAsync};
use crate::syntax::{
    contains_preprocessor, enclosing_function, first_code_child, identifier_char_at, in_async_code, is_primary,
    strip_parens_and_bang, Node, Type,
};
use crate::transforms::library_code::wants_configure_await;
use crate::transforms::{Meta, Transform};
use crate::workspace::{Fact, LanguageVersion};

static META: Meta = Meta {
    name: "blocking-dispose",
    code: "AF015",
    summary: "`using` in async code that blocks on `Dispose()` of a resource with `DisposeAsync()`",
    default_enabled: true,
    fix: Applicability::Safe,
    documentation: include_str!("../../transforms/blocking-dispose/README.md"),
    words: &["async", "await"],
};

const CONFIGURE: &str = ".ConfigureAwait(false)";

/// Rewrites `using` to `await using` in async code.
pub struct BlockingDispose;

impl Transform for BlockingDispose {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn kinds(&self) -> &'static [&'static str] {
        &["using_statement", "local_declaration_statement"]
    }

    fn check(&self, node: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        check(node, cx, out);
    }
}

fn check(node: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) -> Option<()> {
    let using = Using::cast(node)?;
    // A `using` in a lambda that is not `async` runs synchronously by design; so does every
    // `using` of a synchronous method.
    if !in_async_code(node) {
        return None;
    }
    let sem = cx.sem();
    // What is not known to be a type with `DisposeAsync()` is not reported: `await using` on it
    // may not compile.
    let ty = using.resource_type(cx)?;
    let disposal = match sem.async_disposal(&ty) {
        AsyncDisposal::No => return None,
        AsyncDisposal::Unknown(why) => Err(why),
        AsyncDisposal::Yes(disposal) => Ok(disposal),
    };
    let message = format!("`using` in async code blocks on `{ty}.Dispose()`, and the type has `DisposeAsync()`");
    let diagnostic = Diagnostic::new(&META, cx.file, node.start()..using.resource_end(), message.clone());
    out.push(match disposal.and_then(|d| plan(&using, &d, cx)) {
        Ok(fix) => diagnostic.with_fix(fix),
        Err(reason) => Diagnostic { message: format!("{message} (no automatic fix: {reason})"), ..diagnostic },
    });
    Some(())
}

/// The fix, or why there is none: the facts every fix needs, then the shape the code allows.
fn plan(using: &Using<'_>, disposal: &DisposeAsync, cx: &FileContext<'_>) -> Result<Fix, String> {
    let node = using.node;
    cx.sem().await_allowed(node).map_err(|blocker| blocker.reason().to_owned())?;
    match cx.project.allows_language(LanguageVersion::CSHARP_8) {
        Fact::Known(true) => {}
        Fact::Known(false) => {
            let version =
                cx.project.lang_version().known().map_or_else(|| "an older one".to_owned(), |v| format!("C# {v}"));
            return Err(format!("`await using` needs C# 8, and the project compiles {version}"));
        }
        Fact::Unknown => return Err("the project's C# version is not known, and `await using` needs C# 8".into()),
    }
    match cx.project.has_async_disposable() {
        Fact::Known(true) => {}
        Fact::Known(false) => {
            return Err(
                "a target framework of the project has no `IAsyncDisposable` (and no `Microsoft.Bcl.AsyncInterfaces`)"
                    .into(),
            )
        }
        Fact::Unknown => {
            return Err("`IAsyncDisposable` is not known to exist on every target framework of the project".into())
        }
    }
    let mut unsafe_because: Vec<String> = disposal.differs.iter().cloned().collect();
    let (edits, title) = if wants_configure_await(node, cx) {
        if !cx.sem().imports("System.Threading.Tasks") {
            return Err("`ConfigureAwait` of an `IAsyncDisposable` needs `using System.Threading.Tasks;`".into());
        }
        let (edits, may_be_null) = configured_edits(using, cx)?;
        if may_be_null {
            // `using` skips the disposal of null; `x.ConfigureAwait(false)` disposes through a
            // wrapper that then throws.
            unsafe_because.push("the resource may be null, and the configured disposal then throws".into());
        }
        (edits, format!("Replace with `await using` and `{CONFIGURE}`"))
    } else {
        (vec![Edit::insert(cx.file, node.start(), "await ")], "Replace with `await using`".to_owned())
    };
    let (applicability, title) = match unsafe_because.as_slice() {
        [] => (Applicability::Safe, title),
        reasons => (Applicability::Unsafe, format!("{title} (unsafe: {})", reasons.join("; "))),
    };
    let fix = Fix::new(title, edits, applicability);
    // The function now awaits: a fix that removes its `async` waits for the next round.
    Ok(match enclosing_function(node) {
        Some(function) => fix.isolated((cx.file, function.node.start()), Priority::First),
        None => fix,
    })
}

/// The edits of `await using` with `.ConfigureAwait(false)`, and whether the resource may be null.
///
/// `E.ConfigureAwait(false)` gives a `ConfiguredAsyncDisposable`, not the resource: only a
/// resource without a variable takes it in place. A declared variable stays as it is, declared
/// first, and the `await using` disposes it configured:
/// - `using (E)` → `await using (E.ConfigureAwait(false))`;
/// - `using (var x = E) body` → `var x = E;` and `await using (x.ConfigureAwait(false)) body`;
/// - `using var x = E;` → `var x = E;` and `await using var xDisposal = x.ConfigureAwait(false);`.
fn configured_edits(using: &Using<'_>, cx: &FileContext<'_>) -> Result<(Vec<Edit>, bool), String> {
    let node = using.node;
    let file = cx.file;
    match &using.resource {
        Resource::Expression(expression) => {
            let edits = if is_primary(*expression) {
                vec![Edit::insert(file, node.start(), "await "), Edit::insert(file, expression.end(), CONFIGURE)]
            } else {
                vec![
                    Edit::insert(file, node.start(), "await "),
                    Edit::insert(file, expression.start(), "("),
                    Edit::insert(file, expression.end(), format!("){CONFIGURE}")),
                ]
            };
            Ok((edits, !is_new(*expression)))
        }
        Resource::Declaration { declaration, declarators } => {
            let [declarator] = declarators.as_slice() else {
                return Err(
                    "several resources share the declaration, and `ConfigureAwait` needs each on its own".into()
                );
            };
            let name_node = declarator.field("name").or_else(|| declarator.named_children().next());
            let (Some(name_node), Some(value)) = (name_node, declarator.named_children().nth(1)) else {
                return Err("the declaration has no value".into());
            };
            let name = name_node.text();
            let header = node.start()..using.header_end();
            if contains_trivia_between(node, header.clone(), declaration.range()) || contains_preprocessor(*declaration)
            {
                return Err("a comment or directive in the `using` would be lost".into());
            }
            let newline = cx.newline();
            let indent = cx.indent_at(node.start());
            let moved = format!("{};{newline}{indent}", declaration.text());
            let replacement = if using.is_declaration {
                let helper = format!("{}Disposal", name.trim_start_matches('@'));
                if mentions_word(cx.text, &helper) {
                    return Err(format!("`{helper}`, the name the configured disposal would get, is taken"));
                }
                format!("{moved}await using var {helper} = {name}{CONFIGURE};")
            } else {
                scope_allows_moving(node, name)?;
                format!("{moved}await using ({name}{CONFIGURE})")
            };
            Ok((vec![Edit::replace(file, header, replacement)], !is_new(value)))
        }
    }
}

/// Whether `x` may keep its name once its declaration leaves `using (var x = E)` for the block
/// around it: the statement stands in a block (or a `switch` section), and nothing else there
/// names `x` (C# gives a local the whole block: another `x` there would clash with it, and a use
/// of a field `x` after the `using` would mean the local).
fn scope_allows_moving(node: Node<'_>, name: &str) -> Result<(), String> {
    let parent = node.parent().ok_or("the `using` stands alone")?;
    let scope = match parent.kind() {
        "block" => parent,
        "switch_section" => parent.parent().unwrap_or(parent),
        _ => {
            return Err("the `using` is the body of another statement, and its declaration cannot move out of it".into())
        }
    };
    let mut clash = false;
    scope.walk(|n| {
        let inside = n.start() >= node.start() && n.end() <= node.end();
        clash |= !inside && n.kind() == "identifier" && n.text() == name;
    });
    if clash {
        return Err(format!("`{name}` is named elsewhere in the block, where its declaration would move"));
    }
    Ok(())
}

/// Whether a comment or directive among the children of `node` lies inside `range` but outside
/// `keep` (text the replacement does not carry over).
fn contains_trivia_between(node: Node<'_>, range: std::ops::Range<usize>, keep: std::ops::Range<usize>) -> bool {
    let mut found = false;
    node.walk(|n| {
        let trivia = n.kind() == "comment" || n.kind().starts_with("preproc");
        let in_range = n.start() >= range.start && n.end() <= range.end;
        let kept = n.start() >= keep.start && n.end() <= keep.end;
        found |= trivia && in_range && !kept;
    });
    found
}

/// Whether `word` occurs in `text` as a whole identifier.
fn mentions_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].char_indices().next_back().is_some_and(|(i, _)| identifier_char_at(text, i).0);
        let end = at + word.len();
        let after = end < text.len() && identifier_char_at(text, end).0;
        !before && !after
    })
}

/// A `new` object: never null.
fn is_new(expression: Node<'_>) -> bool {
    matches!(
        strip_parens_and_bang(expression).kind(),
        "object_creation_expression" | "implicit_object_creation_expression"
    )
}

/// A synchronous `using`: a statement (`using (…) body`) or a declaration (`using var x = E;`).
struct Using<'a> {
    node: Node<'a>,
    /// `using var x = E;`: the variable lives to the end of the block.
    is_declaration: bool,
    resource: Resource<'a>,
}

/// What a `using` disposes.
enum Resource<'a> {
    /// `using (E)`.
    Expression(Node<'a>),
    /// `using (T x = E, y = F)`, `using var x = E;`.
    Declaration { declaration: Node<'a>, declarators: Vec<Node<'a>> },
}

impl<'a> Using<'a> {
    fn cast(node: Node<'a>) -> Option<Self> {
        if node.has_token("await") {
            return None;
        }
        match node.kind() {
            "using_statement" => {
                let resource = first_code_child(node)?;
                let body = node.named_children().last()?;
                if resource.is(&body) {
                    return None;
                }
                let resource = if resource.kind() == "variable_declaration" {
                    Resource::declaration(resource)
                } else {
                    Resource::Expression(resource)
                };
                Some(Using { node, is_declaration: false, resource })
            }
            "local_declaration_statement" if node.has_token("using") => {
                let declaration = node.child_of_kind("variable_declaration")?;
                Some(Using { node, is_declaration: true, resource: Resource::declaration(declaration) })
            }
            _ => None,
        }
    }

    /// The type of what is disposed: the declared type, the type of a `var`'s value, or of the
    /// expression. `None` when it is not known.
    fn resource_type(&self, cx: &FileContext<'a>) -> Option<Type> {
        let sem = cx.sem();
        match &self.resource {
            Resource::Expression(expression) => sem.type_of(*expression).known().cloned(),
            Resource::Declaration { declaration, declarators } => {
                let ty = declaration.field("type").or_else(|| declaration.named_children().next())?;
                if ty.kind() == "implicit_type" {
                    // `var` has exactly one declarator.
                    let [declarator] = declarators.as_slice() else { return None };
                    sem.type_of(declarator.named_children().nth(1)?).known().cloned()
                } else {
                    sem.read_type(cx.file, ty.text())
                }
            }
        }
    }

    /// Where the resource ends: the end of the finding's range.
    fn resource_end(&self) -> usize {
        match &self.resource {
            Resource::Expression(e) => e.end(),
            Resource::Declaration { declaration, .. } => declaration.end(),
        }
    }

    /// Where the part a configured fix replaces ends: after the `)` of a statement, after the `;`
    /// of a declaration.
    fn header_end(&self) -> usize {
        if self.is_declaration {
            return self.node.end();
        }
        let close = self.node.children().find(|c| !c.is_named() && c.kind() == ")");
        close.map_or_else(|| self.resource_end(), |c| c.end())
    }
}

impl<'a> Resource<'a> {
    fn declaration(declaration: Node<'a>) -> Self {
        let declarators = declaration.named_children().filter(|d| d.kind() == "variable_declarator").collect();
        Resource::Declaration { declaration, declarators }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transforms::testing::{application, assert_fix, assert_fix_in, assert_not_fixed, check};
    use crate::workspace::{Build, Declared, Project, ProjectKind};

    fn library() -> Project {
        Project { kind: ProjectKind::Library, ..application() }
    }

    fn project(framework: &str, lang_version: Declared) -> Project {
        Project {
            builds: vec![Build { target_framework: Some(framework.into()), lang_version, references: Vec::new() }],
            target_frameworks: vec![framework.into()],
            ..application()
        }
    }

    /// The findings of `text` in `project`: message, and fix title with applicability.
    fn findings(text: &str, project: Project) -> Vec<(String, Option<(String, Applicability)>)> {
        check(&BlockingDispose, text, project, &Default::default())
            .into_iter()
            .map(|d| (d.message, d.fix.map(|f| (f.description, f.applicability))))
            .collect()
    }

    fn only_message(text: &str, project: Project) -> String {
        let found = findings(text, project);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].1.is_none(), "{found:?}");
        found[0].0.clone()
    }

    const USINGS: &str = "using System.IO; using System.Threading.Tasks; ";

    #[test]
    fn awaits_the_disposal_of_a_using_statement() {
        assert_fix(
            &BlockingDispose,
            "class A { async Task F(string p) { using (var s = new FileStream(p)) { await s.FlushAsync(); } } }",
            "class A { async Task F(string p) { await using (var s = new FileStream(p)) { await s.FlushAsync(); } } }",
        );
    }

    #[test]
    fn awaits_the_disposal_of_a_using_declaration_and_of_an_expression() {
        assert_fix(
            &BlockingDispose,
            "class A { async Task F(Stream s, string cs) { using var c = new SqlConnection(cs); using (s) { } await Task.Yield(); } }",
            "class A { async Task F(Stream s, string cs) { await using var c = new SqlConnection(cs); await using (s) { } await Task.Yield(); } }",
        );
    }

    #[test]
    fn awaits_the_disposal_in_async_lambdas_and_in_finally() {
        assert_fix(
            &BlockingDispose,
            "class A { void F(string p) { Run(async () => { using (var s = new FileStream(p)) { await s.FlushAsync(); } }); } }",
            "class A { void F(string p) { Run(async () => { await using (var s = new FileStream(p)) { await s.FlushAsync(); } }); } }",
        );
        assert_fix(
            &BlockingDispose,
            "class A { async Task F(string p) { try { } finally { using var s = new FileStream(p); } } }",
            "class A { async Task F(string p) { try { } finally { await using var s = new FileStream(p); } } }",
        );
    }

    #[test]
    fn a_using_whose_body_returns_a_value_keeps_it() {
        assert_fix(
            &BlockingDispose,
            "class A { async Task<int> F(string p) { using (var s = File.OpenRead(p)) { return await s.ReadAsync(b, 0, 1); } } }",
            "class A { async Task<int> F(string p) { await using (var s = File.OpenRead(p)) { return await s.ReadAsync(b, 0, 1); } } }",
        );
    }

    #[test]
    fn awaits_the_disposal_of_transactions_and_scopes_from_known_apis() {
        assert_fix(
            &BlockingDispose,
            "class A { async Task F(SqlConnection c) { using (var t = c.BeginTransaction()) { await t.CommitAsync(); } } }",
            "class A { async Task F(SqlConnection c) { await using (var t = c.BeginTransaction()) { await t.CommitAsync(); } } }",
        );
        // `AsyncServiceScope.DisposeAsync()` also disposes what `Dispose()` would throw on.
        let text = "class A { async Task F(IServiceProvider sp) { using var scope = sp.CreateAsyncScope(); await Task.Yield(); } }";
        let (title, applicability) = findings(text, application())[0].1.clone().expect("a fix");
        assert_eq!(applicability, Applicability::Unsafe);
        assert!(title.contains("disposes the scope's services that implement only `IAsyncDisposable`"), "{title}");
    }

    #[test]
    fn a_workspace_type_gets_the_fix_where_a_package_brings_iasyncdisposable() {
        let mut standard = project("netstandard2.0", Declared::Value("8.0".into()));
        standard.builds[0].references.push(crate::workspace::Reference {
            kind: crate::workspace::ReferenceKind::Package,
            name: Some("Microsoft.Bcl.AsyncInterfaces".into()),
            version: Some("8.0.0".into()),
            certain: true,
        });
        assert_fix_in(
            &BlockingDispose,
            standard,
            "class Pool : IAsyncDisposable { public ValueTask DisposeAsync() => default; } \
             class A { async Task F() { using (var p = new Pool()) { } } }",
            "class Pool : IAsyncDisposable { public ValueTask DisposeAsync() => default; } \
             class A { async Task F() { await using (var p = new Pool()) { } } }",
        );
    }

    #[test]
    fn does_not_apply_where_disposal_cannot_be_awaited_or_does_no_io() {
        for body in [
            // Not async code.
            "void F(string p) { using (var s = new FileStream(p)) { } }",
            "async Task F(string p) { Run(() => { using (var s = new FileStream(p)) { } }); }",
            // No `DisposeAsync()`, nothing to wait for, or a type that is not known.
            "async Task F(string p) { using (var r = new StreamReader(p)) { } }",
            "async Task F() { using (var m = new MemoryStream()) { } }",
            "async Task F() { using (var x = Outside.Make()) { } }",
            "async Task F(IDisposable d) { using (d) { } }",
            // Already awaited.
            "async Task F(string p) { await using (var s = new FileStream(p)) { } }",
        ] {
            let text = format!("class A {{ {body} }}");
            assert!(findings(&text, application()).is_empty(), "{body}: {:?}", findings(&text, application()));
        }
    }

    #[test]
    fn does_not_apply_inside_lock() {
        let message = only_message(
            "class A { async Task F(string p) { lock (this) { using (var s = new FileStream(p)) { } } } }",
            application(),
        );
        assert!(message.ends_with("(no automatic fix: `await` is not allowed inside `lock`)"), "{message}");
    }

    #[test]
    fn does_not_apply_before_csharp_8() {
        let text = "class A { async Task F(string p) { using (var s = new FileStream(p)) { } } }";
        let message = only_message(text, project("netcoreapp3.1", Declared::Value("7.3".into())));
        assert!(
            message.ends_with("(no automatic fix: `await using` needs C# 8, and the project compiles C# 7.3)"),
            "{message}"
        );
        let message = only_message(text, project("netcoreapp3.1", Declared::Unknown));
        assert!(message.contains("the project's C# version is not known"), "{message}");
    }

    #[test]
    fn does_not_apply_where_iasyncdisposable_is_not_known() {
        // `Utf8JsonWriter` has `DisposeAsync()` wherever it exists; on .NET Standard 2.0 the
        // interface comes with a package that the project gets only through another package.
        let text = "class A { async Task F(Stream s) { using (var w = new Utf8JsonWriter(s)) { } } }";
        let mut json = project("netstandard2.0", Declared::Value("8.0".into()));
        json.builds[0].references.push(crate::workspace::Reference {
            kind: crate::workspace::ReferenceKind::Package,
            name: Some("System.Text.Json".into()),
            version: Some("8.0.0".into()),
            certain: true,
        });
        let message = only_message(text, json);
        assert!(message.contains("`IAsyncDisposable` is not known to exist"), "{message}");
        // A workspace type's `DisposeAsync()` where the interface is missing is under an `#if`.
        let text =
            "class Pool : IAsyncDisposable { public ValueTask DisposeAsync() => default; public void Dispose() { } } \
                    class A { async Task F() { using (var p = new Pool()) { } } }";
        assert!(findings(text, project("net472", Declared::Value("8.0".into()))).is_empty());
    }

    #[test]
    fn a_framework_without_dispose_async_is_not_reported() {
        let text = "class A { async Task F(string p) { using (var s = new FileStream(p)) { } } }";
        assert!(findings(text, project("net472", Declared::NotSet)).is_empty());
        let message = only_message(text, Project { kind: ProjectKind::Application, ..Project::unknown() });
        assert!(message.contains("the target frameworks are not known"), "{message}");
    }

    #[test]
    fn a_workspace_type_or_a_timer_gets_an_unsafe_fix() {
        let text =
            "class Pool : IAsyncDisposable { public ValueTask DisposeAsync() => default; public void Dispose() { } } \
                    class A { async Task F() { using (var p = new Pool()) { } } }";
        let found = findings(text, application());
        let (title, applicability) = found[0].1.clone().expect("a fix");
        assert_eq!(applicability, Applicability::Unsafe);
        assert!(title.contains("`Pool.DisposeAsync()` is the workspace's own code"), "{title}");
        let timer =
            "using System.Threading; class A { async Task F(TimerCallback c) { using (var t = new Timer(c)) { } } }";
        let (title, applicability) = findings(timer, application())[0].1.clone().expect("a fix");
        assert_eq!(applicability, Applicability::Unsafe);
        assert!(title.contains("waits for timer callbacks"), "{title}");
    }

    #[test]
    fn configures_an_expression_in_library_code() {
        assert_fix_in(
            &BlockingDispose,
            library(),
            &format!("{USINGS}class A {{ async Task F(string p) {{ using (new FileStream(p)) {{ }} }} }}"),
            &format!("{USINGS}class A {{ async Task F(string p) {{ await using (new FileStream(p).ConfigureAwait(false)) {{ }} }} }}"),
        );
        assert_fix_in(
            &BlockingDispose,
            library(),
            &format!("{USINGS}class A {{ async Task F(Stream a, Stream b) {{ using (a ?? b) {{ }} }} }}"),
            &format!("{USINGS}class A {{ async Task F(Stream a, Stream b) {{ await using ((a ?? b).ConfigureAwait(false)) {{ }} }} }}"),
        );
    }

    #[test]
    fn configures_a_declared_resource_by_declaring_it_first() {
        assert_fix_in(
            &BlockingDispose,
            library(),
            &format!("{USINGS}class A {{\n    async Task F(string p)\n    {{\n        using (var s = new FileStream(p))\n        {{\n            await s.FlushAsync();\n        }}\n    }}\n}}"),
            &format!("{USINGS}class A {{\n    async Task F(string p)\n    {{\n        var s = new FileStream(p);\n        await using (s.ConfigureAwait(false))\n        {{\n            await s.FlushAsync();\n        }}\n    }}\n}}"),
        );
        assert_fix_in(
            &BlockingDispose,
            library(),
            &format!("{USINGS}class A {{\n    async Task F(string p)\n    {{\n        using Stream s = new FileStream(p);\n        await s.FlushAsync();\n    }}\n}}"),
            &format!("{USINGS}class A {{\n    async Task F(string p)\n    {{\n        Stream s = new FileStream(p);\n        await using var sDisposal = s.ConfigureAwait(false);\n        await s.FlushAsync();\n    }}\n}}"),
        );
    }

    #[test]
    fn a_configured_resource_that_may_be_null_is_unsafe() {
        let text = format!("{USINGS}class A {{ async Task F(Stream s) {{ using (s) {{ }} }} }}");
        let (title, applicability) = findings(&text, library())[0].1.clone().expect("a fix");
        assert_eq!(applicability, Applicability::Unsafe);
        assert!(title.contains("the resource may be null"), "{title}");
        let text = format!("{USINGS}class A {{ async Task F(string p) {{ using var s = File.OpenRead(p); }} }}");
        assert_eq!(findings(&text, library())[0].1.as_ref().map(|f| f.1), Some(Applicability::Unsafe));
    }

    #[test]
    fn missing_configure_await_finds_nothing_in_what_the_fix_writes() {
        let before = format!(
            "{USINGS}class A {{ async Task F(string p, Stream e) {{ using (var s = new FileStream(p)) {{ }} using (e) {{ }} using var d = new FileStream(p); await d.FlushAsync().ConfigureAwait(false); }} }}"
        );
        let found = check(&BlockingDispose, &before, library(), &Default::default());
        assert_eq!(found.len(), 3);
        let after = crate::transforms::testing::apply(&before, found.iter().flat_map(|d| d.fix.clone().unwrap().edits));
        let configure = super::super::missing_configure_await::MissingConfigureAwait;
        let left = check(&configure, &after, library(), &Default::default());
        assert!(left.is_empty(), "{after}\n{:?}", left.iter().map(|d| &d.message).collect::<Vec<_>>());
        assert!(check(&BlockingDispose, &after, library(), &Default::default()).is_empty(), "{after}");
    }

    #[test]
    fn does_not_configure_where_the_declaration_cannot_move() {
        for (body, reason) in [
            (
                "using (var a = new FileStream(p)) using (var b = new FileStream(p)) { }",
                "the `using` is the body of another statement",
            ),
            ("using (var s = new FileStream(p)) { } var t = s2; { var s = 1; }", "`s` is named elsewhere in the block"),
            (
                "using (Stream a = new FileStream(p), b = new FileStream(p)) { }",
                "several resources share the declaration",
            ),
            (
                "using var s = new FileStream(p); var sDisposal = 1;",
                "`sDisposal`, the name the configured disposal would get, is taken",
            ),
        ] {
            let text = format!("{USINGS}class A {{ async Task F(string p) {{ {body} }} }}");
            let found = findings(&text, library());
            assert!(found.iter().any(|(m, fix)| fix.is_none() && m.contains(reason)), "{body}: {found:?}");
            assert!(found.iter().filter(|(m, _)| m.contains(reason)).all(|(_, fix)| fix.is_none()), "{body}");
        }
    }

    #[test]
    fn does_not_configure_in_test_methods_of_a_library() {
        assert_fix_in(
            &BlockingDispose,
            library(),
            &format!("{USINGS}class T {{ [Fact] async Task F(string p) {{ using (var s = new FileStream(p)) {{ }} }} }}"),
            &format!("{USINGS}class T {{ [Fact] async Task F(string p) {{ await using (var s = new FileStream(p)) {{ }} }} }}"),
        );
    }

    #[test]
    fn not_applied_without_system_threading_tasks_in_library_code() {
        let text = "class A { async System.Threading.Tasks.Task F(string p) { using (new FileStream(p)) { } } }";
        let message = only_message(text, Project { implicit_usings: false, ..library() });
        assert!(message.contains("needs `using System.Threading.Tasks;`"), "{message}");
    }

    #[test]
    fn the_fix_is_isolated_with_the_functions_awaits() {
        let text = "class A { async Task F(string p) { using (var s = new FileStream(p)) { } } }";
        let found = check(&BlockingDispose, text, application(), &Default::default());
        let isolation = found[0].fix.as_ref().and_then(|f| f.isolation).expect("isolated");
        assert_eq!(isolation.priority, Priority::First);
        assert_eq!(isolation.group.1, text.find("async Task F").unwrap());
        assert_not_fixed(
            &BlockingDispose,
            "class A { async Task F(string p) { await using (var s = new FileStream(p)) { } } }",
        );
    }
}
