//! MSBuild files as small owned trees: parsed once per file and shared by every project that
//! imports them (a repository's `Directory.Build.props` is read once, not once per project).

use std::sync::Arc;

/// An element of an MSBuild file: its local name (the MSBuild namespace of old-style projects is
/// dropped), its attributes, its child elements and its text.
#[derive(Debug)]
pub struct Element {
    /// The local name: `PropertyGroup`, `TargetFramework`, `PackageReference`.
    pub name: String,
    /// Attributes in file order.
    pub attributes: Vec<(String, String)>,
    /// Child elements in file order (shared, so that evaluation can keep a group for later).
    pub children: Vec<Arc<Element>>,
    /// The element's own text (comments and child elements left out), trimmed: the value of a
    /// property element.
    pub text: String,
}

impl Element {
    /// The value of attribute `name` (MSBuild attribute names are case-sensitive).
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The `Condition` attribute, if the element has one that is not blank.
    pub fn condition(&self) -> Option<&str> {
        self.attribute("Condition").filter(|c| !c.trim().is_empty())
    }

    /// The first child element called `name`, ignoring case.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().map(Arc::as_ref).find(|c| c.name.eq_ignore_ascii_case(name))
    }
}

/// Parses the text of an MSBuild file. The error says what is wrong and where (`unexpected end of
/// stream at 3:1`); a document whose root is not `<Project>` is an error too.
pub fn parse(text: &str) -> Result<Arc<Element>, String> {
    let text = text.trim_start_matches('\u{feff}');
    let doc = roxmltree::Document::parse(text).map_err(|e| e.to_string())?;
    let root = doc.root_element();
    if root.tag_name().name() != "Project" {
        return Err(format!("the root element is `{}`, not `Project`", root.tag_name().name()));
    }
    Ok(Arc::new(convert(root)))
}

fn convert(node: roxmltree::Node<'_, '_>) -> Element {
    let mut text = String::new();
    let mut children = Vec::new();
    for child in node.children() {
        if child.is_element() {
            children.push(Arc::new(convert(child)));
        } else if child.is_text() {
            text.push_str(child.text().unwrap_or(""));
        }
    }
    Element {
        name: node.tag_name().name().to_owned(),
        attributes: node.attributes().map(|a| (a.name().to_owned(), a.value().to_owned())).collect(),
        children,
        text: text.trim().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_attributes_and_text_without_namespace_or_comments() {
        let root = parse(
            "\u{feff}<Project xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\">\
             <PropertyGroup Condition=\" '$(A)' == '' \"><A> x <!-- c -->y </A></PropertyGroup></Project>",
        )
        .unwrap();
        let group = &root.children[0];
        assert_eq!(group.name, "PropertyGroup");
        assert_eq!(group.condition(), Some(" '$(A)' == '' "));
        assert_eq!(group.children[0].text, "x y");
        assert_eq!(root.child("propertygroup").map(|g| g.children.len()), Some(1));
    }

    #[test]
    fn broken_xml_and_other_roots_are_errors() {
        assert!(parse("<Project><PropertyGroup>").is_err());
        assert!(parse("").is_err());
        assert_eq!(parse("<Solution />").unwrap_err(), "the root element is `Solution`, not `Project`");
    }
}
