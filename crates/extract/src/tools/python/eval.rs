//! The constant evaluator over a module: literals (prefixes, escapes, f-strings), names bound at
//! module level or by imports, class attributes and `self.x`, and calls with a constant result.

use super::*;

impl<'t> Py<'_, 't> {
    pub(super) fn string(&self, node: Node<'t>, depth: u32) -> Option<String> {
        match self.eval(node, depth)? {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub(super) fn eval(&self, node: Node<'t>, depth: u32) -> Option<Value> {
        if depth > MAX_DEPTH || !self.budget.step() {
            return None;
        }
        match node.kind() {
            "string" => self.literal(node, depth).map(Value::String),
            "concatenated_string" => {
                let mut out = String::new();
                for part in value::named_children(node) {
                    out = value::concat(&out, &self.literal(part, depth + 1)?)?;
                }
                Some(Value::String(out))
            }
            "integer" | "float" => {
                let t = self.text(node).replace('_', "");
                t.parse::<i64>().map(Value::from).ok().or_else(|| {
                    t.parse::<f64>()
                        .ok()
                        .and_then(|f| serde_json::Number::from_f64(f).map(Value::Number))
                })
            }
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            "none" => Some(Value::Null),
            "parenthesized_expression" => self.eval(node.named_child(0)?, depth + 1),
            "conditional_expression" | "not_operator" | "comparison_operator" => {
                self.eval_condition(node, depth)
            }
            "identifier" => {
                let name = self.text(node);
                if let Some(v) = self.env_get(name) {
                    return v.constant();
                }
                match self.bindings.lookup(name, node.start_byte()) {
                    Some(bound) => self.eval(bound, depth + 1),
                    None => self.eval_imported(node, depth + 1),
                }
            }
            // `d["key"]`, `items[0]` of a constant dict or list.
            "subscript" => {
                let object = self.eval(node.child_by_field_name("value")?, depth + 1)?;
                let index = self.eval(node.child_by_field_name("subscript")?, depth + 1)?;
                match (object, index) {
                    (Value::Object(mut map), Value::String(k)) => map.remove(&k),
                    (Value::Array(items), Value::Number(n)) => {
                        let i = usize::try_from(n.as_u64()?).ok()?;
                        items.into_iter().nth(i)
                    }
                    _ => None,
                }
            }
            "attribute" => {
                let object = node.child_by_field_name("object")?;
                let attr = self.text(node.child_by_field_name("attribute")?);
                // `t.description` of a loop variable bound to a constant object.
                if let Some(EnvVal::Value(Value::Object(map))) = self.env_get(self.text(object)) {
                    return map.get(attr).cloned();
                }
                if let Some(EnvVal::Function(f)) = self.env_get(self.text(object)) {
                    return match attr {
                        "__doc__" => f.doc_raw.clone().map(Value::String),
                        "__name__" => Some(Value::String(f.name.clone())),
                        _ => None,
                    };
                }
                if attr == "value" {
                    if let Some(v) = self.eval(object, depth + 1) {
                        return Some(v);
                    }
                }
                if self.text(object) == "self" {
                    let bound = self.self_attr(node, attr, depth + 1)?;
                    return self.eval(bound, depth + 1);
                }
                if let Some(bound) = self.class_attrs.get(&(self.text(object), attr)) {
                    return self.eval(*bound, depth + 1);
                }
                // `module.NAME` of an imported module of the package.
                self.eval_imported(node, depth + 1)
            }
            "binary_operator" => {
                let op = self.text(node.child_by_field_name("operator")?);
                let left = self.eval(node.child_by_field_name("left")?, depth + 1)?;
                let right = self.eval(node.child_by_field_name("right")?, depth + 1)?;
                match (op, left, right) {
                    ("+", Value::String(a), Value::String(b)) => {
                        value::concat(&a, &b).map(Value::String)
                    }
                    _ => None,
                }
            }
            "boolean_operator" => {
                let op = self.text(node.child_by_field_name("operator")?);
                let left = self.eval(node.child_by_field_name("left")?, depth + 1);
                let truthy = interp::truthy;
                match (op, left) {
                    ("or", Some(l)) if truthy(&l) => Some(l),
                    ("or", _) => self.eval(node.child_by_field_name("right")?, depth + 1),
                    ("and", Some(l)) if !truthy(&l) => Some(l),
                    ("and", Some(_)) => self.eval(node.child_by_field_name("right")?, depth + 1),
                    _ => None,
                }
            }
            "dictionary" => {
                let mut map = Map::new();
                for pair in value::named_children(node) {
                    if pair.kind() != "pair" {
                        continue;
                    }
                    let (Some(k), Some(v)) = (
                        pair.child_by_field_name("key"),
                        pair.child_by_field_name("value"),
                    ) else {
                        continue;
                    };
                    if let (Some(k), Some(v)) = (self.string(k, depth + 1), self.eval(v, depth + 1))
                    {
                        map.insert(k, v);
                    }
                }
                Some(Value::Object(map))
            }
            "list" | "tuple" => Some(Value::Array(
                value::named_children(node)
                    .into_iter()
                    .filter_map(|c| self.eval(c, depth + 1))
                    .collect(),
            )),
            "call" => self.eval_call(node, depth),
            _ => None,
        }
    }

    /// `self.ATTR` inside a method: a class attribute, a `self.ATTR = …` in the class, or a base
    /// class's `self.ATTR = param` fed by `super().__init__(…)`.
    pub(super) fn self_attr(&self, at: Node<'t>, attr: &str, depth: u32) -> Option<Node<'t>> {
        let mut class = at.parent();
        while let Some(c) = class {
            if c.kind() == "class_definition" {
                break;
            }
            class = c.parent();
        }
        let mut class = class?;
        let mut super_args: Option<Vec<Node<'t>>> = None;
        for _ in 0..8 {
            let name = self.text(class.child_by_field_name("name")?);
            if let Some(v) = self.class_attrs.get(&(name, attr)) {
                return Some(*v);
            }
            let body = class.child_by_field_name("body")?;
            let mut next_super = None;
            for stmt in value::named_children(body) {
                let def = match stmt.kind() {
                    "function_definition" => stmt,
                    "decorated_definition" => match stmt.child_by_field_name("definition") {
                        Some(d) => d,
                        None => continue,
                    },
                    _ => continue,
                };
                let is_init = def
                    .child_by_field_name("name")
                    .is_some_and(|n| self.text(n) == "__init__");
                let params: Vec<&str> = def
                    .child_by_field_name("parameters")
                    .map(|p| {
                        value::named_children(p)
                            .into_iter()
                            .filter_map(|p| match p.kind() {
                                "identifier" => Some(self.text(p)),
                                _ => p
                                    .child_by_field_name("name")
                                    .or_else(|| p.named_child(0))
                                    .map(|n| self.text(n)),
                            })
                            .skip(1)
                            .collect()
                    })
                    .unwrap_or_default();
                let Some(fbody) = def.child_by_field_name("body") else {
                    continue;
                };
                for s in value::named_children(fbody) {
                    let Some(expr) = s.named_child(0) else {
                        continue;
                    };
                    if expr.kind() == "assignment" {
                        let (Some(l), Some(r)) = (
                            expr.child_by_field_name("left"),
                            expr.child_by_field_name("right"),
                        ) else {
                            continue;
                        };
                        if self.text(l) != format!("self.{attr}") {
                            continue;
                        }
                        if r.kind() == "identifier" && is_init {
                            if let Some(i) = params.iter().position(|p| *p == self.text(r)) {
                                if let Some(arg) = super_args.as_ref().and_then(|a| a.get(i)) {
                                    return Some(*arg);
                                }
                                continue;
                            }
                        }
                        return Some(r);
                    }
                    if is_init && expr.kind() == "call" {
                        let f = expr.child_by_field_name("function").map(|f| self.text(f));
                        if f.is_some_and(|f| f.ends_with("__init__")) {
                            let args = expr.child_by_field_name("arguments")?;
                            next_super = Some(self.arguments(args).0);
                        }
                    }
                }
            }
            super_args = next_super.or(super_args);
            // Up to the first base class defined in this file.
            let bases = class.child_by_field_name("superclasses")?;
            let base = value::named_children(bases)
                .into_iter()
                .find_map(|b| self.classes.get(self.text(b)).copied())?;
            class = base;
            if depth > MAX_DEPTH {
                return None;
            }
        }
        None
    }

    /// `dedent(…)`, `cleandoc(…)`, `getdoc(f)`, `"sep".join([…])`, `….strip()`,
    /// `ToolAnnotations(k=v)`, `dict(k=v)`, `Model.model_json_schema()`.
    pub(super) fn eval_call(&self, node: Node<'t>, depth: u32) -> Option<Value> {
        let function = node.child_by_field_name("function")?;
        let args = node.child_by_field_name("arguments")?;
        let (positional, keywords) = self.arguments(args);
        let fname = self.text(function);
        let last = fname.rsplit('.').next().unwrap_or(fname);
        match last {
            "dedent" => {
                let s = self.string(*positional.first()?, depth + 1)?;
                return Some(Value::String(dedent(&s)));
            }
            "cleandoc" => {
                let s = self.string(*positional.first()?, depth + 1)?;
                return Some(Value::String(value::cleandoc(&s)));
            }
            "getdoc" => {
                let f = self.text(*positional.first()?);
                if let Some(EnvVal::Function(f)) = self.env_get(f) {
                    return f
                        .doc_raw
                        .as_deref()
                        .map(|d| Value::String(value::cleandoc(d)));
                }
                return None;
            }
            _ => {}
        }
        if last.ends_with("Annotations") || fname == "dict" {
            let camel = last.ends_with("Annotations");
            let mut map = Map::new();
            for (k, v) in keywords {
                if let Some(v) = self.eval(v, depth + 1) {
                    // pydantic aliases: `read_only_hint=` is `readOnlyHint` on the wire.
                    let key = if camel {
                        value::snake_to_camel(k)
                    } else {
                        k.to_string()
                    };
                    map.insert(key, v);
                }
            }
            return Some(Value::Object(map));
        }
        if function.kind() == "attribute" {
            let object = function.child_by_field_name("object")?;
            match last {
                "join" => {
                    let sep = self.string(object, depth + 1)?;
                    let Value::Array(items) = self.eval(*positional.first()?, depth + 1)? else {
                        return None;
                    };
                    let parts: Option<Vec<&str>> = items.iter().map(Value::as_str).collect();
                    let joined = parts?.join(&sep);
                    return (joined.len() <= value::MAX_TEXT_BYTES)
                        .then_some(Value::String(joined));
                }
                "strip" | "lstrip" | "rstrip" if positional.is_empty() => {
                    let s = self.string(object, depth + 1)?;
                    return Some(Value::String(match last {
                        "strip" => s.trim().to_string(),
                        "lstrip" => s.trim_start().to_string(),
                        _ => s.trim_end().to_string(),
                    }));
                }
                "model_json_schema" | "schema" => {
                    let class = self.classes.get(self.text(object))?;
                    return Some(self.model_schema(*class, depth + 1));
                }
                _ => {}
            }
        }
        if let Some(v) = self.eval_text_call(function, &positional, &keywords, depth) {
            return Some(v);
        }
        self.eval_package_call(function, &positional, &keywords, depth)
    }

    /// A string literal: prefixes, quotes and escapes handled; f-string substitutions must
    /// resolve to constants.
    pub(super) fn literal(&self, node: Node<'t>, depth: u32) -> Option<String> {
        if node.kind() != "string" {
            return self.string(node, depth + 1);
        }
        let raw = self.text(node);
        let quote_at = raw.find(['"', '\''])?;
        let prefix = raw[..quote_at].to_ascii_lowercase();
        if prefix.contains('b') {
            return None;
        }
        let is_raw = prefix.contains('r');
        let children = value::named_children(node);
        if children.iter().any(|c| c.kind() == "interpolation") {
            let mut out = String::new();
            for child in children {
                match child.kind() {
                    "string_content" => {
                        out.push_str(&value::decode_python(self.text(child), is_raw));
                    }
                    "interpolation" => {
                        let v = self.eval(child.named_child(0)?, depth + 1)?;
                        match v {
                            Value::String(s) => out = value::concat(&out, &s)?,
                            Value::Number(n) => out.push_str(&n.to_string()),
                            _ => return None,
                        }
                    }
                    _ => {}
                }
            }
            return Some(out);
        }
        let rest = &raw[quote_at..];
        let quote = if rest.starts_with("\"\"\"") || rest.starts_with("'''") {
            3
        } else {
            1
        };
        let body = rest.get(quote..rest.len().checked_sub(quote)?)?;
        Some(value::decode_python(body, is_raw))
    }

    pub(super) fn arguments(&self, args: Node<'t>) -> (Vec<Node<'t>>, Vec<(&'t str, Node<'t>)>) {
        let mut positional = Vec::new();
        let mut keywords = Vec::new();
        for arg in value::named_children(args) {
            match arg.kind() {
                "keyword_argument" => {
                    if let (Some(n), Some(v)) = (
                        arg.child_by_field_name("name"),
                        arg.child_by_field_name("value"),
                    ) {
                        keywords.push((self.text(n), v));
                    }
                }
                "comment" | "list_splat" | "dictionary_splat" => {}
                _ => positional.push(arg),
            }
        }
        (positional, keywords)
    }
}
