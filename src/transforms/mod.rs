//! The transforms: one file each, and the registry that lists them.
//!
//! A transform is a pass over the syntax nodes it names in [`Transform::kinds`]. It asks the file
//! context, the workspace index and the knowledge base, and reports diagnostics, each with a fix
//! when one can be built. Passes never write and never fail: a fix that cannot be built leaves the
//! diagnostic without a fix.

mod async_all_the_way;
mod async_code;
mod async_void;
mod async_without_await;
mod blocking_call;
mod blocking_dispose;
mod cancellation;
mod chain;
mod library_code;
mod missing_cancellation;
mod missing_configure_await;
mod redundant_await;
mod sequential_awaits;
mod sync_over_async;
mod task_run_io;
#[cfg(test)]
mod testing;
mod unawaited_task;
mod uncancellable_loop;
mod unforwarded_cancellation;
mod when_all_exceptions;

pub use crate::check::{ConfigureAwaitMode, Meta, Transform};

/// Every transform, in code order.
pub fn all() -> &'static [&'static dyn Transform] {
    &[
        &missing_configure_await::MissingConfigureAwait,
        &async_void::AsyncVoid,
        &sync_over_async::SyncOverAsync,
        &blocking_call::BlockingCall,
        &async_without_await::AsyncWithoutAwait,
        &redundant_await::RedundantAwait,
        &task_run_io::TaskRunIo,
        &unawaited_task::UnawaitedTask,
        &when_all_exceptions::WhenAllExceptions,
        &sequential_awaits::SequentialAwaits,
        &unforwarded_cancellation::UnforwardedCancellation,
        &missing_cancellation::MissingCancellation,
        &uncancellable_loop::UncancellableLoop,
        &async_all_the_way::AsyncAllTheWay,
        &blocking_dispose::BlockingDispose,
    ]
}

/// Looks a transform up by name or code (case-insensitive).
pub fn find(name_or_code: &str) -> Option<&'static dyn Transform> {
    all().iter().copied().find(|t| {
        let meta = t.meta();
        meta.name.eq_ignore_ascii_case(name_or_code) || meta.code.eq_ignore_ascii_case(name_or_code)
    })
}
