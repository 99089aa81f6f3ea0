//! Which workspace method bodies a call may run: the most derived implementation in each type
//! that derives from the receiver's type.

use super::{MethodRef, WorkspaceIndex};

impl WorkspaceIndex {
    /// The workspace methods that a call of `method` with `args` arguments on an object whose
    /// static type is `owner` may run: for `owner` and each workspace type deriving from it, the
    /// most derived declaration with a body (abstract and interface declarations have none). Where
    /// no overload accepts `args` arguments, every overload counts.
    pub fn implementations(&self, owner: &str, method: &str, args: usize) -> Vec<MethodRef> {
        let mut out: Vec<MethodRef> = Vec::new();
        let types = std::iter::once(owner).chain(self.derived_types(owner));
        for t in types {
            for declaring in self.type_and_bases(t) {
                let declared = self.declared_methods(declaring, method);
                if declared.is_empty() {
                    continue;
                }
                let accepting: Vec<MethodRef> =
                    declared.iter().copied().filter(|&m| self.method(m).accepts_arg_count(args)).collect();
                let found = if accepting.is_empty() { declared.clone() } else { accepting };
                out.extend(found.into_iter().filter(|&m| self.has_body(m)));
                break;
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Whether a method has a body: not `abstract` or `extern`, not declared in an interface.
    pub fn has_body(&self, m: MethodRef) -> bool {
        let entry = self.method(m);
        !entry.has_modifier("abstract")
            && !entry.has_modifier("extern")
            && self.type_kind(&entry.owner) != Some("interface")
    }
}

#[cfg(test)]
mod tests {
    use crate::index::build_from_texts as build;

    #[test]
    fn members_come_from_any_part_base_and_primary_constructor() {
        let index = build(&[
            "abstract class RepoBase(AppDb db) { protected AppDb Db { get; } }",
            "partial class Orders : RepoBase { private readonly HttpClient _http; }",
            "partial class Orders { private int _count; }",
        ]);
        assert_eq!(index.member_type("Orders", "_http"), Some("HttpClient"));
        assert_eq!(index.member_type("Orders", "_count"), Some("int"), "another partial part");
        assert_eq!(index.member_type("Orders", "Db"), Some("AppDb"), "inherited from a workspace base");
        assert_eq!(index.member_type("RepoBase", "db"), Some("AppDb"), "a primary constructor parameter");
        assert_eq!(index.member_type("Orders", "Nope"), None);
    }

    #[test]
    fn implementations_are_the_most_derived_bodies() {
        let index = build(&[
            "interface IRepo { Task<int> Count(); } \
             abstract class Base : IRepo { public abstract Task<int> Count(); public virtual Task<int> Sum(int a) => null; } \
             class Orders : Base { public override Task<int> Count() => null; } \
             class Lines : Base { public override Task<int> Count() => null; public override Task<int> Sum(int a) => null; }",
        ]);
        let describe = |refs: Vec<crate::index::MethodRef>| -> Vec<String> {
            refs.into_iter().map(|m| format!("{}.{}", index.method(m).owner, index.method(m).name)).collect()
        };
        assert_eq!(describe(index.implementations("IRepo", "Count", 0)), ["Orders.Count", "Lines.Count"]);
        assert_eq!(describe(index.implementations("Base", "Sum", 1)), ["Base.Sum", "Lines.Sum"]);
        assert_eq!(describe(index.implementations("Orders", "Sum", 1)), ["Base.Sum"]);
        assert!(index.implementations("IRepo", "Nope", 0).is_empty());
    }

    #[test]
    fn method_uses_are_indexed() {
        let index = build(&["class A { AppDb _db; Task<int> Count() => _db.Users.CountAsync(); }"]);
        let m = index.methods_named("A", "Count")[0];
        assert_eq!(index.method(m).uses[0].name, "_db");
        assert!(index.method(m).uses[0].object);
    }
}
