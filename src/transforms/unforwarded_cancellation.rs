//! `unforwarded-cancellation`: a CancellationToken in scope that a call could take but does not
//! get, or a call given `CancellationToken.None` while a token is in scope.
//!
//! The user documentation is `transforms/unforwarded-cancellation/README.md`.

use crate::check::FileContext;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix};
use crate::syntax::{enclosing_function, in_catch_or_finally, tokens_in_scope, Node, Token, TokenChoice};
use crate::transforms::cancellation::{
    argument_expression, argument_name, is_none_token, quoted_list, token_slot, Call,
};
use crate::transforms::{Meta, Transform};

static META: Meta = Meta {
    name: "unforwarded-cancellation",
    code: "AF011",
    summary: "`CancellationToken` in scope not passed to a call that accepts one",
    default_enabled: true,
    fix: Applicability::Safe,
    documentation: include_str!("../../transforms/unforwarded-cancellation/README.md"),
    words: &["CancellationToken", "CancellationTokenSource"],
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

    fn applies_to(&self, cx: &FileContext<'_>) -> bool {
        // Every token in scope is declared with a type or a source whose name says so.
        cx.text.contains("CancellationToken")
    }

    fn check(&self, node: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(call) = Call::parse(node) else { return };
        let scope = tokens_in_scope(node);
        if matches!(scope.choice, TokenChoice::None) {
            return;
        }
        if let Some(diagnostic) = missing_token(&call, &scope.choice, cx) {
            out.push(diagnostic);
        } else {
            none_tokens(&call, &scope.choice, cx, out);
        }
    }
}

/// The call takes no token but could.
fn missing_token(call: &Call<'_>, choice: &TokenChoice<'_>, cx: &FileContext<'_>) -> Option<Diagnostic> {
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
    let message = format!("`{}` is not passed to `{}`", token.name, call.name);
    let edit = call.append_argument(cx.file, &slot.argument(token.name));
    // `Task.Run(work, token)`, `StartNew` and `ContinueWith` skip the delegate altogether when the
    // token fires before it starts: work that handles its own cancellation, or must always run,
    // then does not run.
    let schedules = call.view.is_static_call("Task", "Run") || call.view.is_start_new() || call.name == "ContinueWith";
    let applicability = if in_catch_or_finally(call.node) || polls_token(call.node, token.name) || schedules {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let description = if schedules {
        format!(
            "Pass `{}` (unsafe: the delegate does not run at all if the token is cancelled before it starts)",
            token.name
        )
    } else {
        format!("Pass `{}`", token.name)
    };
    let fix = Fix::new(description, vec![edit], applicability);
    Some(Diagnostic::new(&META, cx.file, range, message).with_fix(fix))
}

/// Arguments that pass a token that never cancels (`CancellationToken.None`, `default`) while a
/// token is in scope. Cleanup code in `catch` and `finally` blocks does that on purpose.
fn none_tokens(call: &Call<'_>, choice: &TokenChoice<'_>, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
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
                format!("Replace with `{}`", token.name),
                vec![Edit::replace(cx.file, expression.range(), token.name)],
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
fn used_elsewhere(token: Token<'_>) -> bool {
    let Some(function) = enclosing_function(token.declaration) else { return false };
    let mut used = false;
    function.node.walk(|n| {
        used |= n.kind() == "identifier" && n.text() == token.name && !token.declaration.range().contains(&n.start());
    });
    used
}

fn chosen<'a>(choice: &TokenChoice<'a>) -> Option<Token<'a>> {
    match choice {
        TokenChoice::One(token) => Some(*token),
        _ => None,
    }
}

fn names(choice: &TokenChoice<'_>) -> String {
    match choice {
        TokenChoice::One(token) => format!("`{}`", token.name),
        TokenChoice::Ambiguous(names) => quoted_list(names),
        TokenChoice::None => String::new(),
    }
}

fn in_scope(choice: &TokenChoice<'_>) -> String {
    match choice {
        TokenChoice::One(token) => format!("`{}` is", token.name),
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
