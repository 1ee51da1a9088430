//! Classes: `this.X` (fields, getters, methods, constructor assignments, base classes) and
//! tool classes, whose members say what the tool is:
//!
//! ```js
//! class ReverseGeocodeTool extends BaseTool {
//!   name = "reverse_geocode_tool";
//!   description = "…";
//!   annotations = { readOnlyHint: true };
//!   constructor(p) { super({ inputSchema: Schema, …p }); }
//! }
//! ```
//!
//! also written as getters or `getName()` / `getDescription()` / `getConfig()` methods, or
//! constructor assignments (`this.name = "…"`). A class is a tool when it has a constant `name`
//! and a `description` and either a schema member or a name saying it is one (`…Tool`, extends
//! `…Tool`): a CLI command class with a name and a description is not.

use super::*;

/// Members holding a tool's parameters.
pub(super) const SCHEMA_KEYS: &[&str] = &[
    "inputSchema",
    "schema",
    "parameters",
    "input_schema",
    "argsSchema",
    "paramsSchema",
    "inputZodSchema",
    "zodSchema",
];

impl<'e, 't> Eval<'e, 't> {
    /// The class declaration or expression enclosing `node`.
    fn enclosing_class(node: Node<'t>) -> Option<Node<'t>> {
        let mut at = node.parent();
        while let Some(n) = at {
            if matches!(n.kind(), "class_declaration" | "class") {
                return Some(n);
            }
            at = n.parent();
        }
        None
    }

    /// `this.X` at `usage`: the member `X` of the enclosing class or its bases.
    pub(super) fn class_member(&self, usage: Node<'t>, name: &str) -> Option<Resolved<'e, 't>> {
        let class = Self::enclosing_class(usage)?;
        self.member_of(class, name, 0)
    }

    /// A member of a class: a field (`X = v`, `static X = v`), a getter's result, a method, a
    /// constructor's `this.X = v`; else the same in the class it extends.
    pub(super) fn member_of(
        &self,
        class: Node<'t>,
        name: &str,
        depth: u32,
    ) -> Option<Resolved<'e, 't>> {
        if depth > 6 || !self.budget.step() {
            return None;
        }
        let body = class.child_by_field_name("body")?;
        let mut assigned = None;
        for member in value::named_children(body) {
            let key = member
                .child_by_field_name("property")
                .or_else(|| member.child_by_field_name("name"))
                .map(|k| self.text(k).trim_matches(['"', '\'']));
            match member.kind() {
                "field_definition" | "public_field_definition" if key == Some(name) => {
                    return Some((self.same(), member.child_by_field_name("value")?));
                }
                "method_definition" if key == Some(name) => {
                    let getter = self.text(member).trim_start().starts_with("get ")
                        || self.text(member).contains(" get ");
                    if getter {
                        return Some((self.same(), flow::returned(member)?));
                    }
                    return Some((self.same(), member));
                }
                "method_definition" if key == Some("constructor") => {
                    assigned = assigned.or_else(|| self.this_assignment(member, name));
                }
                _ => {}
            }
        }
        if let Some(value) = assigned {
            return Some((self.same(), value));
        }
        let (ev, base) = self.base_class(class)?;
        // The base constructor's parameters are what this class's constructor hands to
        // `super(…)`.
        let ev = match (self.super_call(class), ev.constructor_of(base)) {
            (Some(call), Some(ctor)) => {
                let argv: Vec<Bound<'e, 't>> = call
                    .child_by_field_name("arguments")
                    .map(arguments)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|a| Bound::Node(self.clone(), a))
                    .collect();
                ev.bind_params(ctor, &argv, depth + 1)
            }
            _ => ev,
        };
        ev.member_of(base, name, depth + 1)
    }

    /// A class's own constructor.
    fn constructor_of(&self, class: Node<'t>) -> Option<Node<'t>> {
        let body = class.child_by_field_name("body")?;
        value::named_children(body).into_iter().find(|m| {
            m.kind() == "method_definition"
                && m.child_by_field_name("name")
                    .is_some_and(|n| self.text(n) == "constructor")
        })
    }

    /// The `super(…)` call of a class's constructor.
    fn super_call(&self, class: Node<'t>) -> Option<Node<'t>> {
        let constructor = self.constructor_of(class)?;
        let mut call = None;
        value::walk(constructor, &mut |n| {
            if call.is_none()
                && n.kind() == "call_expression"
                && n.child_by_field_name("function")
                    .is_some_and(|f| f.kind() == "super")
            {
                call = Some(n);
            }
        });
        call
    }

    /// `this.NAME = value` at the top level of a constructor.
    fn this_assignment(&self, constructor: Node<'t>, name: &str) -> Option<Node<'t>> {
        let body = constructor.child_by_field_name("body")?;
        value::named_children(body).into_iter().find_map(|stmt| {
            let a = stmt
                .named_child(0)
                .filter(|a| a.kind() == "assignment_expression")?;
            let left = a.child_by_field_name("left")?;
            (self.text(left) == format!("this.{name}"))
                .then(|| a.child_by_field_name("right"))
                .flatten()
        })
    }

    /// The class a class extends, when the package declares it.
    fn base_class(&self, class: Node<'t>) -> Option<Resolved<'e, 't>> {
        let heritage = value::named_children(class)
            .into_iter()
            .find(|c| c.kind() == "class_heritage")?;
        let base = value::named_children(heritage)
            .into_iter()
            .find(|c| c.kind() != "comment")?;
        let base = if base.kind() == "extends_clause" {
            base.child_by_field_name("value")?
        } else {
            base
        };
        let (ev, node) = self.resolve(base, 0)?;
        matches!(node.kind(), "class_declaration" | "class").then_some((ev, node))
    }

    /// The name of a class and of the class it extends (as written).
    fn class_names(&self, class: Node<'t>) -> String {
        let name = class
            .child_by_field_name("name")
            .map_or("", |n| self.text(n));
        let heritage = value::named_children(class)
            .into_iter()
            .find(|c| c.kind() == "class_heritage")
            .map_or("", |h| self.text(h));
        format!("{name} {heritage}")
    }

    /// The object a constructor hands to `super(…)`, when it is one.
    fn super_config(&self, class: Node<'t>) -> Option<Resolved<'e, 't>> {
        let call = self.super_call(class)?;
        let arg = arguments(call.child_by_field_name("arguments")?)
            .into_iter()
            .find(|a| a.kind() == "object")?;
        Some((self.same(), arg))
    }

    /// A class member, or a `getX()` method's result, or the key in a `getConfig()`/`config`
    /// object, or in the object handed to `super(…)`.
    fn tool_member(&self, class: Node<'t>, key: &str) -> Option<Resolved<'e, 't>> {
        if let Some((ev, node)) = self.member_of(class, key, 0) {
            if node.kind() != "method_definition" && ev.resolve(node, 0).is_some() {
                return Some((ev, node));
            }
        }
        let mut getter = String::from("get");
        let mut chars = key.chars();
        if let Some(first) = chars.next() {
            getter.push(first.to_ascii_uppercase());
            getter.push_str(chars.as_str());
        }
        if let Some((ev, method)) = self.member_of(class, &getter, 0) {
            if method.kind() == "method_definition" {
                return Some((ev, flow::returned(method)?));
            }
        }
        for config in ["getConfig", "config", "definition", "getDefinition"] {
            let Some((ev, node)) = self.member_of(class, config, 0) else {
                continue;
            };
            let node = if node.kind() == "method_definition" {
                flow::returned(node)?
            } else {
                node
            };
            let (ev, obj) = ev.resolve(node, 0)?;
            if obj.kind() == "object" {
                if let Some(v) = ev.pair(obj, key, 0) {
                    return Some((ev, v));
                }
            }
        }
        let (ev, obj) = self.super_config(class)?;
        let v = ev.pair(obj, key, 0)?;
        Some((ev, v))
    }

    /// A tool declared as a class (see the module documentation).
    pub(super) fn class_tool(&self, class: Node<'t>, found: &mut Found) {
        let Some((ev, name)) = self.tool_member(class, "name") else {
            return;
        };
        let Some(name) = ev.string(name, 0).filter(|n| plausible_tool_name(n)) else {
            return;
        };
        let Some(description) = self.tool_member(class, "description") else {
            return;
        };
        let schema = SCHEMA_KEYS.iter().find_map(|k| self.tool_member(class, k));
        let named_tool = self
            .class_names(class)
            .to_ascii_lowercase()
            .contains("tool");
        if schema.is_none() && !named_tool {
            return;
        }
        let mut tool = new_tool(
            name,
            &self.file.path,
            Self::line(class),
            Via::Static,
            "ts tool class",
        );
        tool.description = description.0.string(description.1, 0);
        if let Some((ev, s)) = schema {
            tool.input_schema = ev.schema(s);
        }
        if let Some((ev, a)) = self.tool_member(class, "annotations") {
            tool.annotations = ev.eval(a, 0);
        }
        if let Some((ev, t)) = self.tool_member(class, "title") {
            tool.title = ev.string(t, 0);
        }
        found.tools.push(tool);
    }
}
