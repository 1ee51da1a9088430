//! Rules over every string the model reads: tool names, titles, descriptions, parameter
//! names and descriptions, enum values, defaults, annotations, prompts and server instructions.
//!
//! The flow per tool (or prompt, or server instructions):
//! 1. [`fields`] collects every model-visible string with its place;
//! 2. [`normalize`] undoes hiding (tag characters decoded, invisible characters and ANSI
//!    escapes removed and counted, NFKC, confusables folded);
//! 3. [`cues`] finds evidence in the normalized text, and [`guards`] drops what a principle
//!    says is not evidence (scope: the server's own tools; target and channel: a secret no
//!    action moves; honesty; word sense), knowing the whole [`Server`]; [`channel`] finds
//!    parameters that ask for data the tool does not need; [`names`] checks the tool name;
//! 4. [`combine`] weighs the evidence: a single weak cue never blocks, corroborated evidence
//!    does. See `docs/descriptions.md`.

pub mod channel;
pub mod combine;
pub mod cues;
pub mod fields;
pub mod guards;
pub mod model;
pub mod names;
pub mod normalize;
pub mod orders;
pub mod rules;

use combine::{Item, Subject};
use cues::Family;
use fields::{Field, FieldKind};
use normalize::Normalized;

use mcp_audit_core::escape::visible;
use mcp_audit_core::model::{Finding, ModelText, Tool};
use mcp_audit_core::Rule;

pub use rules::RULES;

/// Blank run (characters) that counts as pushing text out of view.
const PADDING_RUN: usize = 50;
/// Longest excerpt kept as evidence.
const EXCERPT_CHARS: usize = 160;

/// What the analyzer knows of the server a text belongs to: the names of the tools it
/// declares. A directive about one of them is usage guidance; an order about a tool the server
/// does not declare reaches beyond it.
#[derive(Debug, Clone, Default)]
pub struct Server {
    /// Tool names, lowercase, sorted.
    tools: Vec<String>,
    /// Parameter names of all its tools, lowercase, sorted.
    params: Vec<String>,
}

impl Server {
    /// The server that declares `tools`.
    #[must_use]
    pub fn of(tools: &[Tool]) -> Self {
        let mut names: Vec<String> = tools.iter().map(|t| t.name.to_lowercase()).collect();
        names.sort();
        names.dedup();
        let mut params: Vec<String> = tools
            .iter()
            .flat_map(|t| fields::tool_fields(t).1)
            .map(|p| p.name.to_lowercase())
            .collect();
        params.sort();
        params.dedup();
        Server {
            tools: names,
            params,
        }
    }

    /// The scope of a text of this server: of the tool `tool`, or of no tool.
    #[must_use]
    pub fn scope<'a>(&'a self, tool: Option<&'a str>) -> cues::Scope<'a> {
        cues::Scope {
            tools: &self.tools,
            params: &self.params,
            tool,
        }
    }
}

/// Analyzes tools and other model-visible text of one server.
#[must_use]
pub fn analyze(tools: &[Tool], texts: &[ModelText]) -> Vec<Finding> {
    analyze_in(&Server::of(tools), tools, texts)
}

/// Analyzes some of a server's tools and texts, knowing the whole server (`server`): used to
/// judge one string in its context.
#[must_use]
pub fn analyze_in(server: &Server, tools: &[Tool], texts: &[ModelText]) -> Vec<Finding> {
    let mut out = Vec::new();
    for tool in tools {
        out.extend(analyze_tool(tool, server));
    }
    for text in texts {
        let (label, field) = fields::text_field(text);
        let subject = Subject {
            tool: None,
            label,
            origin: &text.origin,
        };
        let mut items = Vec::new();
        field_items(&field, &server.scope(None), &mut items);
        #[cfg(feature = "wording-model")]
        items.extend(wording_item(std::slice::from_ref(&field)));
        out.extend(combine::findings(&subject, &items));
    }
    out
}

/// The evidence of one tool of `server`, before it is weighed (for measurements and tests).
#[must_use]
pub fn tool_items(tool: &Tool, server: &Server) -> Vec<Item> {
    let (fields, params) = fields::tool_fields(tool);
    let scope = server.scope(Some(&tool.name));
    let mut items = Vec::new();
    for field in &fields {
        field_items(field, &scope, &mut items);
    }
    #[cfg(feature = "wording-model")]
    items.extend(wording_item(&fields));
    match names::check(&tool.name) {
        Some(names::NameProblem::Confusable { folded }) => items.push(Item {
            family: Family::NameSpoof,
            weight: 4.0,
            rule: &rules::NAME_SPOOF,
            field: "name".into(),
            excerpt: visible(&tool.name),
            detail: format!(
                "the name is written with look-alike or invisible characters and reads as `{}`",
                visible(&folded)
            ),
            matched: tool.name.clone(),
        }),
        Some(names::NameProblem::Lookalike { of }) => items.push(Item {
            family: Family::NameSpoof,
            weight: 1.0,
            rule: &rules::NAME_SPOOF,
            field: "name".into(),
            excerpt: visible(&tool.name),
            detail: format!("the name is one edit away from the well-known tool `{of}`"),
            matched: tool.name.clone(),
        }),
        None => {}
    }
    let description = tool
        .description
        .as_deref()
        .map(|d| normalize::normalize(d).text)
        .unwrap_or_default();
    let mut params = params;
    if let Some(d) = tool.description.as_deref() {
        let declared: Vec<String> = params.iter().map(|p| p.name.clone()).collect();
        params.extend(
            channel::docstring_params(d)
                .into_iter()
                .filter(|p| !declared.contains(&p.name)),
        );
    }
    for ch in channel::find(&params, &description, &tool.name) {
        items.push(Item {
            family: Family::Harvest,
            // The model's own name or version is telemetry about the caller, not the user's
            // data: strong evidence that needs corroboration. The conversation, files or
            // secrets asked of a parameter decide on their own.
            weight: if ch.identity_only {
                combine::STRONG
            } else {
                combine::DECISIVE
            },
            rule: &rules::CHANNEL,
            field: ch.field,
            matched: ch.excerpt.clone(),
            excerpt: visible(&short(&ch.excerpt)),
            detail: if ch.identity_only {
                format!(
                    "the free-text parameter `{}` is asked to carry the model's own identity, which the tool does not need",
                    visible(&ch.param)
                )
            } else {
                format!(
                    "the free-text parameter `{}` is asked to carry data the tool does not need",
                    visible(&ch.param)
                )
            },
        });
    }
    items
}

fn analyze_tool(tool: &Tool, server: &Server) -> Vec<Finding> {
    let items = tool_items(tool, server);
    let label = format!("tool `{}`", visible(&tool.name));
    let subject = Subject {
        tool: Some(&tool.name),
        label,
        origin: &tool.origin,
    };
    let mut out = combine::findings(&subject, &items);
    // A limit reached is said, not silent: the text past it was not judged.
    if let (_, _, Some(cut)) = fields::tool_fields_bounded(tool) {
        let what = match cut.limit {
            "depth" => "nests deeper than 24 levels",
            _ => "holds more than 4,096 strings",
        };
        out.push(
            rules::SCHEMA_NOT_FULLY_READ
                .finding(format!(
                    "the input schema of tool `{}` {what}; its text from `{}` on was not checked",
                    visible(&tool.name),
                    visible(&cut.path)
                ))
                .with_tool(visible(&tool.name))
                .at(tool.origin.file.clone(), tool.origin.line)
                .with_evidence(visible(&cut.path)),
        );
    }
    out
}

/// The word model's judgement of a subject's prose (descriptions, parameter descriptions,
/// prompt or instructions text, normalized and joined), as evidence when it is high enough.
///
/// Experimental (cargo feature `wording-model`, off by default): measured, not adopted.
#[cfg(feature = "wording-model")]
fn wording_item(fields: &[Field]) -> Option<Item> {
    let prose: Vec<String> = fields
        .iter()
        .filter(|f| {
            matches!(
                f.kind,
                FieldKind::Description | FieldKind::ParamDescription | FieldKind::Text
            )
        })
        .map(|f| normalize::normalize(&f.text).text)
        .filter(|t| !t.trim().is_empty())
        .collect();
    if prose.is_empty() {
        return None;
    }
    let judgement = model::judge(&prose.join("\n"));
    let weight = if judgement.score >= model::DECISIVE_SCORE {
        combine::DECISIVE
    } else if judgement.score >= model::CORROBORATES {
        combine::NOTABLE
    } else {
        return None;
    };
    let reasons: Vec<String> = judgement
        .reasons
        .iter()
        .map(|(ngram, _)| format!("`{}`", visible(ngram)))
        .collect();
    let field = if fields.iter().any(|f| f.kind == FieldKind::ParamDescription) {
        "description and parameters"
    } else {
        fields
            .iter()
            .find(|f| f.kind != FieldKind::Name)
            .map_or("description", |f| f.path.as_str())
    };
    Some(Item {
        family: Family::Wording,
        weight,
        rule: &rules::WORDING,
        field: field.to_string(),
        excerpt: visible(&format!("word model: {}", reasons.join(", "))),
        detail: format!(
            "the wording reads like instructions to the model (word-model score {:.1}; strongest n-grams {})",
            judgement.score,
            reasons.join(", ")
        ),
        matched: format!("word model {:.1}", judgement.score),
    })
}

/// Cues of one field: hidden content, then text cues (also in decoded base64).
fn field_items(field: &Field, scope: &cues::Scope<'_>, items: &mut Vec<Item>) {
    if field.text.trim().is_empty() {
        return;
    }
    let norm = normalize::normalize(&field.text);
    hidden_items(field, &norm, items);
    // A one-word value (an enum member, a default) cannot carry a sentence.
    if field.kind == FieldKind::Value && !norm.text.contains(' ') {
        return;
    }
    let text = if field.kind == FieldKind::Name || field.kind == FieldKind::ParamName {
        norm.text.replace(['_', '-', '.'], " ")
    } else {
        norm.text.clone()
    };
    let identifier = field.kind == FieldKind::Name || field.kind == FieldKind::ParamName;
    for hit in cues::detect(&text, scope) {
        if identifier && !hit.family.spec().in_names {
            continue;
        }
        let rule = rules::for_family(hit.family);
        items.push(Item {
            family: hit.family,
            weight: hit.weight,
            rule,
            field: field.path.clone(),
            excerpt: around(&text, hit.start, hit.end),
            detail: detail(hit.family, &text[hit.start..hit.end]),
            matched: text[hit.start..hit.end].to_string(),
        });
    }
    for decoded in cues::decoded_blobs(&text) {
        let inner = cues::detect(&decoded, scope);
        if let Some(strongest) = inner
            .iter()
            .filter(|h| h.family != Family::Blob && h.family != Family::Url)
            .max_by(|a, b| a.weight.total_cmp(&b.weight))
        {
            items.push(Item {
                family: Family::Blob,
                weight: 3.0,
                rule: &rules::BLOB,
                field: field.path.clone(),
                excerpt: visible(&format!("decoded: {}", short(&decoded))),
                matched: decoded.clone(),
                detail: format!(
                    "a base64 blob decodes to text with {}",
                    strongest.family.label()
                ),
            });
            for h in inner {
                items.push(Item {
                    family: h.family,
                    weight: h.weight,
                    rule: rules::for_family(h.family),
                    field: format!("{} (base64-decoded)", field.path),
                    excerpt: around(&decoded, h.start, h.end),
                    detail: detail(h.family, &decoded[h.start..h.end]),
                    matched: decoded[h.start..h.end].to_string(),
                });
            }
        }
    }
}

fn hidden_items(field: &Field, norm: &Normalized, items: &mut Vec<Item>) {
    let mut push = |rule: &'static Rule, weight: f64, excerpt: String, detail: String| {
        items.push(Item {
            family: Family::Hidden,
            weight,
            rule,
            field: field.path.clone(),
            matched: excerpt.clone(),
            excerpt,
            detail,
        });
    };
    if !norm.tag_text.trim().is_empty() {
        push(
            &rules::TAGS,
            4.0,
            visible(&format!("hidden text: {}", short(&norm.tag_text))),
            "Unicode tag characters hide text from humans".into(),
        );
    }
    if norm.bidi > 0 {
        push(
            &rules::BIDI,
            3.0,
            visible(&short(&field.text)),
            format!("{} bidirectional control character(s)", norm.bidi),
        );
    }
    if norm.ansi > 0 {
        push(
            &rules::ANSI,
            3.0,
            visible(&short(&field.text)),
            format!(
                "{} terminal escape sequence(s) or control character(s)",
                norm.ansi
            ),
        );
    }
    if norm.zero_width > 0 && field.kind != FieldKind::Name {
        push(
            &rules::INVISIBLE,
            if norm.zero_width >= 3 { 2.0 } else { 1.5 },
            visible(&short(&field.text)),
            format!("{} invisible character(s)", norm.zero_width),
        );
    }
    if norm.confusables > 0 && field.kind != FieldKind::Name {
        push(
            &rules::HOMOGLYPH,
            2.0,
            visible(&short(&norm.text)),
            format!(
                "{} letter(s) from other scripts inside Latin words",
                norm.confusables
            ),
        );
    }
    if norm.longest_blank_run >= PADDING_RUN {
        push(
            &rules::PADDING,
            1.5,
            visible(&short(&norm.text)),
            format!(
                "a run of {} blank characters pushes text out of view",
                norm.longest_blank_run
            ),
        );
    }
}

fn detail(family: Family, matched: &str) -> String {
    format!("{} (`{}`)", family.label(), visible(&short(matched)))
}

/// An excerpt of `text` around a byte span, escaped.
fn around(text: &str, start: usize, end: usize) -> String {
    let mut from = start.saturating_sub(40);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (end + 60).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let mut s = String::new();
    if from > 0 {
        s.push('…');
    }
    s.push_str(&text[from..to]);
    if to < text.len() {
        s.push('…');
    }
    visible(&short(&s))
}

fn short(text: &str) -> String {
    mcp_audit_core::model::excerpt(text, EXCERPT_CHARS)
}

#[cfg(test)]
mod tests;
