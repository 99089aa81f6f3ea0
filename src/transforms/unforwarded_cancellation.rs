//! `unforwarded-cancellation`: a CancellationToken in scope that a call could take but does not
//! get, or a call given `CancellationToken.None` while a token is in scope.
//!
//! The user documentation is `transforms/unforwarded-cancellation/README.md`.

use crate::check::FileContext;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix};
use crate::semantic::{Reach, ScopeChoice, ScopeToken, Tokens};
use crate::syntax::{enclosing_function, in_catch_or_finally, Node};
use crate::transforms::cancellation::{
    argument_expression, argument_name, is_none_token, quoted_list, token_slot, tokens_at, Call,
};
use crate::transforms::{Meta, Transform};

static META: Meta = Meta {
    name: "unforwarded-cancellation",
    code: "AF011",
    summary: "`CancellationToken` in scope not passed to a call that accepts one",
    default_enabled: true,
    fix: Applicability::Safe,
    documentation: include_str!("../../transforms/unforwarded-cancellation/README.md"),
    // A token reached through members may be declared in another file (`HttpContext.RequestAborted`
    // of a controller): the calls that take one are what a file must mention.
    words: &["CancellationToken", "CancellationTokenSource", "Task", "Send", "Publish", "CreateStream"],
};

/// Passes the token in scope to calls that accept one.
pub struct UnforwardedCancellation;

impl Transform for UnforwardedCancellation {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn kinds(&self) -> &'static [&'static str] {
        &["invocation_expression"]
    }

    fn check(&self, node: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(call) = Call::parse(node) else { return };
        let scope = tokens_at(node, cx);
        if matches!(scope.choice, ScopeChoice::None) || ambiguous_members(&scope) {
            return;
        }
        if let Some(diagnostic) = missing_token(&call, &scope.choice, cx) {
            out.push(diagnostic);
        } else if scope.reach == Some(Reach::Declared) {
            none_tokens(&call, &scope.choice, cx, out);
        }
    }
}

/// Several tokens reached through members and none declared (a test harness's `CancellationToken`
/// and `InactivityToken`, an agent's `Stopping` and `Stopped`): nothing says the call should take
/// any of them, so it is not reported at all (several declared tokens are reported without a fix).
pub(crate) fn ambiguous_members(scope: &Tokens<'_>) -> bool {
    matches!(scope.choice, ScopeChoice::Ambiguous(_)) && scope.reach != Some(Reach::Declared)
}

/// The call takes no token but could.
fn missing_token(call: &Call<'_>, choice: &ScopeChoice<'_>, cx: &FileContext<'_>) -> Option<Diagnostic> {
    let slot = token_slot(call, &call.args, cx)?;
    let range = call.name_node.start()..call.node.end();
    let Some(token) = chosen(choice) else {
        let message = format!(
            "`{}` could take a CancellationToken (no automatic fix: {} could each be meant)",
            call.name,
            names(choice)
        );
        return Some(Diagnostic::new(&META, cx.file, range, message));
    };
    let message = format!("`{}` is not passed to `{}`", token.text, call.name);
    let edit = call.append_argument(cx.file, &slot.argument(&token.text));
    // `Task.Run(work, token)`, `StartNew` and `ContinueWith` skip the delegate altogether when the
    // token fires before it starts: work that handles its own cancellation, or must always run,
    // then does not run.
    let schedules = call.view.is_static_call("Task", "Run") || call.view.is_start_new() || call.name == "ContinueWith";
    // A token reached through members is not one the method was given: nothing says it is the
    // one meant for this call, and the object read on the way may be null.
    let through_members = token.reach != Reach::Declared;
    let applicability =
        if in_catch_or_finally(call.node) || polls_token(call.node, &token.text) || schedules || through_members {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
    let description = if schedules {
        format!(
            "Pass `{}` (unsafe: the delegate does not run at all if the token is cancelled before it starts)",
            token.text
        )
    } else if let Some(through) = token.through.as_deref().filter(|_| through_members) {
        format!(
            "Pass `{}` (unsafe: a token reached through `{through}`, which may be null; nothing says it is the one meant here)",
            token.text
        )
    } else if through_members {
        format!("Pass `{}` (unsafe: the object's token, not one given to this method; nothing says it is the one meant here)", token.text)
    } else {
        format!("Pass `{}`", token.text)
    };
    let fix = Fix::new(description, vec![edit], applicability);
    Some(Diagnostic::new(&META, cx.file, range, message).with_fix(fix))
}

/// Arguments that pass a token that never cancels (`CancellationToken.None`, `default`) while a
/// declared token is in scope (the caller asks only then: a member's token is the object's, not
/// the call's). Cleanup code in `catch` and `finally` blocks does that on purpose.
fn none_tokens(call: &Call<'_>, choice: &ScopeChoice<'_>, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
    if in_catch_or_finally(call.node) || matches!(call.name, "CreateLinkedTokenSource" | "Register") {
        return;
    }
    // Code that passes its token elsewhere and `None` here chose to.
    if let Some(token) = chosen(choice) {
        if used_elsewhere(token) {
            return;
        }
    }
    for (i, argument) in call.args.iter().enumerate() {
        let Some(expression) = argument_expression(*argument) else { continue };
        let is_token = is_none_token(expression)
            || (expression.kind() == "default_expression"
                && expression.named_children().next().is_none()
                && default_is_the_token(call, i, cx));
        if !is_token {
            continue;
        }
        let message = format!("`{}` passed to `{}` while {} in scope", expression.text(), call.name, in_scope(choice));
        let mut diagnostic = Diagnostic::new(&META, cx.file, expression.range(), message);
        if let Some(token) = chosen(choice) {
            let fix = Fix::new(
                format!("Replace with `{}`", token.text),
                vec![Edit::replace(cx.file, expression.range(), &token.text)],
                Applicability::Unsafe,
            );
            diagnostic = diagnostic.with_fix(fix);
        }
        out.push(diagnostic);
    }
}

/// Whether the `default` literal at argument `i` is where the call takes its token: the call
/// without that argument would take the token there.
fn default_is_the_token(call: &Call<'_>, i: usize, cx: &FileContext<'_>) -> bool {
    let argument = call.args[i];
    let others: Vec<Node<'_>> = call.args.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, a)| *a).collect();
    let Some(slot) = token_slot(call, &others, cx) else { return false };
    match argument_name(argument) {
        Some(name) => name == slot.parameter,
        None => slot.positional && i + 1 == call.args.len(),
    }
}

/// Whether the function that declares the token uses it anywhere.
fn used_elsewhere(token: &ScopeToken<'_>) -> bool {
    let Some(declaration) = token.declaration else { return false };
    let Some(function) = enclosing_function(declaration) else { return false };
    let mut used = false;
    function.node.walk(|n| {
        used |= n.kind() == "identifier" && n.text() == token.text && !declaration.range().contains(&n.start());
    });
    used
}

fn chosen<'c, 'a>(choice: &'c ScopeChoice<'a>) -> Option<&'c ScopeToken<'a>> {
    match choice {
        ScopeChoice::One(token) => Some(token),
        _ => None,
    }
}

fn names(choice: &ScopeChoice<'_>) -> String {
    match choice {
        ScopeChoice::One(token) => format!("`{}`", token.text),
        ScopeChoice::Ambiguous(names) => {
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            quoted_list(&names)
        }
        ScopeChoice::None => String::new(),
    }
}

fn in_scope(choice: &ScopeChoice<'_>) -> String {
    match choice {
        ScopeChoice::One(token) => format!("`{}` is", token.text),
        _ => format!("{} are", names(choice)),
    }
}

/// Whether the call runs under a condition that polls the token (`while
/// (!token.IsCancellationRequested)`): the code stops gracefully on cancellation, and passing the
/// token would make it stop with an exception instead.
fn polls_token(node: Node<'_>, token: &str) -> bool {
    let polled = format!("{token}.IsCancellationRequested");
    for ancestor in node.ancestors() {
        match ancestor.kind() {
            "while_statement" | "do_statement" | "for_statement" | "if_statement"
                if ancestor.field("condition").is_some_and(|c| c.text().contains(&polled)) =>
            {
                return true;
            }
            "method_declaration" | "local_function_statement" | "lambda_expression" | "anonymous_method_expression" => {
                return false
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Settings;
    use crate::transforms::testing::{application, assert_fix, assert_not_fixed, check};

    /// The fixes offered on `text`, as `applicability: description`.
    fn fixes(text: &str) -> Vec<String> {
        check(&UnforwardedCancellation, text, application(), &Settings::default())
            .into_iter()
            .filter_map(|d| d.fix.map(|f| format!("{}: {}", f.applicability.name(), f.description)))
            .collect()
    }

    #[test]
    fn passes_the_token_parameter() {
        assert_fix(
            &UnforwardedCancellation,
            "class A { async Task F(CancellationToken ct) { await Task.Delay(1); } }",
            "class A { async Task F(CancellationToken ct) { await Task.Delay(1, ct); } }",
        );
        assert_eq!(
            fixes("class A { async Task F(CancellationToken ct) { await Task.Delay(1); } }"),
            ["safe: Pass `ct`"]
        );
    }

    #[test]
    fn passes_an_aliased_token_parameter() {
        let text =
            "using Ct = System.Threading.CancellationToken;\nclass A { async Task F(Ct ct) { await Task.Delay(1); } }";
        assert_fix(
            &UnforwardedCancellation,
            text,
            "using Ct = System.Threading.CancellationToken;\nclass A { async Task F(Ct ct) { await Task.Delay(1, ct); } }",
        );
    }

    #[test]
    fn passes_a_property_of_a_parameter_as_an_unsafe_fix() {
        let text = "class A { async Task Consume(ConsumeContext<Order> context) { await Task.Delay(1); } }";
        assert_fix(
            &UnforwardedCancellation,
            text,
            "class A { async Task Consume(ConsumeContext<Order> context) { await Task.Delay(1, context.CancellationToken); } }",
        );
        let found = fixes(text);
        assert!(
            found[0].starts_with("unsafe: Pass `context.CancellationToken` (unsafe: a token reached through `context`"),
            "{found:?}"
        );
    }

    #[test]
    fn passes_a_token_member_of_the_type() {
        assert_fix(
            &UnforwardedCancellation,
            "class W { readonly CancellationToken _stopping; async Task Tick() { await Task.Delay(1); } }",
            "class W { readonly CancellationToken _stopping; async Task Tick() { await Task.Delay(1, _stopping); } }",
        );
    }

    #[test]
    fn passes_the_request_token_in_a_controller_helper() {
        // `Load` is private: not an action, so no parameter is bound; `HttpContext` is the
        // controller's (types.txt).
        assert_fix(
            &UnforwardedCancellation,
            "class C : ControllerBase { private async Task Load() { await Task.Delay(1); } }",
            "class C : ControllerBase { private async Task Load() { await Task.Delay(1, HttpContext.RequestAborted); } }",
        );
    }

    #[test]
    fn an_action_is_left_to_missing_cancellation() {
        // ASP.NET Core binds a token parameter of an action to the request: missing-cancellation
        // adds one, which callers and tests can pass too.
        assert_not_fixed(
            &UnforwardedCancellation,
            "class ControllerBase { } class C : ControllerBase { public async Task Get() { await Task.Delay(1); } }",
        );
    }

    #[test]
    fn an_action_whose_signature_cannot_change_gets_the_request_token() {
        // ASP.NET Core's own `ControllerBase`: the action may implement an outside member and keeps
        // its signature, so the request's token is passed.
        assert_fix(
            &UnforwardedCancellation,
            "class C : ControllerBase { public async Task Get() { await Task.Delay(1); } }",
            "class C : ControllerBase { public async Task Get() { await Task.Delay(1, HttpContext.RequestAborted); } }",
        );
    }

    #[test]
    fn member_tokens_do_not_reach_into_lambdas_or_static_code() {
        assert_not_fixed(
            &UnforwardedCancellation,
            "class W { CancellationToken _t; void F() { Run(async () => await Task.Delay(1)); } static async Task G() { await Task.Delay(1); } }",
        );
    }

    #[test]
    fn two_member_tokens_are_not_reported() {
        let text = "class W { CancellationToken _a; CancellationToken _b; async Task F() { await Task.Delay(1); } }";
        assert!(check(&UnforwardedCancellation, text, application(), &Settings::default()).is_empty());
        let none = "class W { CancellationToken _a; CancellationToken _b; async Task F() { await Task.Delay(1, CancellationToken.None); } }";
        assert!(check(&UnforwardedCancellation, none, application(), &Settings::default()).is_empty());
    }

    #[test]
    fn two_declared_tokens_are_reported_without_a_fix() {
        let text = "class A { async Task F(CancellationToken a, CancellationToken b) { await Task.Delay(1); } }";
        assert_not_fixed(&UnforwardedCancellation, text);
        assert_eq!(check(&UnforwardedCancellation, text, application(), &Settings::default()).len(), 1);
    }

    #[test]
    fn a_none_token_is_replaced_only_when_a_token_was_given() {
        assert_fix(
            &UnforwardedCancellation,
            "class A { async Task F(CancellationToken ct) { await Task.Delay(1, CancellationToken.None); } }",
            "class A { async Task F(CancellationToken ct) { await Task.Delay(1, ct); } }",
        );
        assert!(
            fixes("class W { CancellationToken _t; async Task F() { await Task.Delay(1, CancellationToken.None); } }")
                .is_empty(),
            "the object's token is not one given to the call"
        );
    }
}
