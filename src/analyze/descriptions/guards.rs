//! Guards: checks on the text around a cue that show it is not evidence. Each implements one
//! principle declared with [`Guard`] in `rules.rs`; none quotes a vendor's wording.
//!
//! - **Scope** ([`Guard::SameServer`]): an order about the server's own tools or parameters is
//!   usage guidance; an order naming a tool the server does not declare is not.
//! - **Target and channel** ([`Guard::NotMoved`], [`Guard::ToolsOwnObject`],
//!   [`Guard::PublicHalf`], [`Guard::SensitiveContext`]): a sensitive noun is evidence only
//!   when an action moves it somewhere the tool does not need.
//! - **Deception** ([`Guard::ForbidsFalseClaim`], [`Guard::DescribedConsequence`],
//!   [`Guard::DisclosedRedaction`]): concealment must be an order to hide something true;
//!   forbidding a false claim, describing a consequence or disclosing a limit is not.
//! - **Sense** ([`Guard::TopicOfAnalysis`], [`Guard::Placeholder`],
//!   [`Guard::StructuredPromptSection`], [`Guard::ExampleOfARequest`]): the word is used in
//!   another sense (what a scanner checks for, a placeholder, a section heading, an example).

use std::sync::LazyLock;

use regex::Regex;

use super::cues::{ascii_classes, preceded_by, Scope};
use super::rules::Guard;

/// Whether `guard` excuses the match at `start..end`. `structured` caches whether the text is a
/// structured prompt (computed only when a section-like tag is found).
pub(super) fn excused(
    guard: Guard,
    text: &str,
    start: usize,
    end: usize,
    scope: &Scope<'_>,
    structured: &mut Option<bool>,
) -> bool {
    match guard {
        Guard::SensitiveContext => {
            excluded(text, start) || refused(text, start, end) || destination(text, start, end)
        }
        Guard::NotMoved => !moved(text, start, end),
        Guard::ToolsOwnObject => tools_own_object(&text[start..end], scope.tool),
        Guard::PublicHalf => {
            text[end..].starts_with(".pub") || preceded_by(text, start, &["public"], 2)
        }
        Guard::SameServer => same_server(text, start, end, scope),
        Guard::TopicOfAnalysis => topic_of_analysis(text, start, end, scope.tool),
        Guard::CheckedFor => checked_for(text, start),
        Guard::Placeholder => placeholder(text, start, end),
        Guard::ForbidsFalseClaim => forbids_false_claim(text, start, end),
        Guard::DescribedConsequence => {
            let clause = clause_before(text, start, 60).to_ascii_lowercase();
            clause
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| matches!(w, "would" | "could" | "might"))
                || FAILS_TO_NOTHING.is_match(&text[end..])
        }
        Guard::DisclosedRedaction => discloses_redaction(text, end),
        Guard::DescribedThreat => {
            let modal = &["can", "could", "may", "might"];
            let threat = preceded_by(text, start, &["that", "which"], 3)
                && preceded_by(text, start, modal, 2)
                && CHECKING.is_match(clause_before(text, start, 240));
            // "can be leaked or stolen": something done to it, a risk.
            let passive_risk =
                preceded_by(text, start, &["be"], 3) && preceded_by(text, start, modal, 4);
            threat || passive_risk
        }
        Guard::ProhibitedUse => PROHIBITED.is_match(clause_before(text, start, 240)),
        Guard::CompoundModifier => text[..start].ends_with('-'),
        Guard::CodeExample => in_code_fence(text, start) && !DANGEROUS.is_match(&text[start..end]),
        Guard::ExampleOfARequest => example(text, start, end),
        Guard::ReadingReference => READING_REFERENCE.is_match(&text[start..end]),
        Guard::NegatedSubject => {
            let clause = clause_before(text, start, 60).to_ascii_lowercase();
            let words: Vec<&str> = clause
                .split(|c: char| !c.is_alphanumeric() && c != '\'')
                .filter(|w| !w.is_empty())
                .collect();
            words.iter().rev().take(4).any(|w| {
                matches!(
                    *w,
                    "no" | "nothing"
                        | "never"
                        | "none"
                        | "neither"
                        | "nor"
                        | "cannot"
                        | "can't"
                        | "won't"
                        | "not"
                )
            })
        }
        Guard::StructuredPromptSection => {
            SECTION_TAG.is_match(&text[start..end])
                && *structured.get_or_insert_with(|| structured_prompt(text))
        }
    }
}

/// Verbs that move data: into the model's context (read, collect), into a parameter, a message
/// or storage (include, pass, add, store), or out (send, upload, share).
static MOVING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&ascii_classes(r"(?i)\b(read|reads|reading|open|opens|opening|access|accesses|accessing|cat|load|loads|loading|fetch|fetches|fetching|retrieve|retrieves|retrieving|collect|collects|collecting|gather|gathers|gathering|extract|extracts|extracting|dump|dumps|dumping|harvest|harvests|harvesting|scrape|scrapes|scraping|copy|copies|copying|send|sends|sending|upload|uploads|uploading|post|posts|posting|forward|forwards|forwarding|transmit|transmits|transmitting|exfiltrate|exfiltrates|exfiltrating|leak|leaks|leaking|include|includes|including|pass|passes|passing|attach|attaches|attaching|append|appends|appending|embed|embeds|embedding|put|puts|putting|paste|pastes|pasting|insert|inserts|inserting|provide|provides|providing|share|shares|sharing|print|prints|printing|echo|echoes|echoing|reveal|reveals|revealing|disclose|discloses|disclosing|expose|exposes|exposing|log|logs|logging|record|records|recording|capture|captures|capturing|steal|steals|stealing|decrypt|decrypts|decrypting|export|exports|exporting|sync|syncs|syncing|store|stores|storing|save|saves|saving|add|adds|adding|write|writes|writing|submit|submits|submitting|grab|grabs|grabbing|list|lists|listing|need|needs|require|requires|expect|expects|want|wants|supply|supplies|give|gives|fill|fills|filling)\b")).expect("moving regex")
});
/// Verbs that act on data without moving it: delete, redact, protect, generate, check, warn.
static STILL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&ascii_classes(r"(?i)\b(delete|deletes|deleting|remove|removes|removing|clear|clears|clearing|purge|purges|erase|erases|wipe|wipes|revoke|revokes|revoking|rotate|rotates|rotating|redact|redacts|redacting|mask|masks|masking|protect|protects|protecting|encrypt|encrypts|encrypting|generate|generates|generating|create|creates|creating|issue|issues|mint|mints|provision|provisions|check|checks|checking|scan|scans|scanning|detect|detects|detecting|validate|validates|validating|verify|verifies|verifying|warn|warns|warning|flag|flags|audit|audits|reject|rejects|refuse|refuses|block|blocks|exclude|excludes|skip|skips|ignore|ignores|avoid|avoids|hide|hides|guard|guards|secure|secures|reset|resets|renew|renews|logout|without)\b")).expect("still regex")
});
/// A sensitive noun moved after it is named: "… is sent to", "… are uploaded".
static MOVED_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&ascii_classes(r"(?i)^[^.;!?]{0,60}?\b(is|are|was|were|be|been|being|gets?|get)\s+(\w+\s+)?(sent|uploaded|forwarded|copied|included|passed|posted|shared|transmitted|exfiltrated|leaked|read|collected|exported|attached|appended|streamed|synced|mirrored|printed|echoed|revealed|disclosed|required|needed|expected|provided|supplied|given)\b")).expect("moved-after regex")
});

/// The first `n` bytes of `s`, cut back to a char boundary.
fn head(s: &str, n: usize) -> &str {
    let mut n = n.min(s.len());
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    &s[..n]
}

/// Participles that, after a sensitive noun, say where it went ("… is kept and shared with").
static PASSED_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(sent|uploaded|forwarded|shared|transmitted|exfiltrated|leaked|exported|synced|mirrored|streamed|posted|sold|disclosed)\b")
        .expect("passed-on regex")
});

/// Whether an action in the sentence moves the sensitive noun at `start..end`: a moving verb
/// (not negated) after it in the sentence, or, before it, a moving verb that is the nearest
/// verb (a nearer "remove", "redact", "generate" or "check" says what is done to it).
fn moved(text: &str, start: usize, end: usize) -> bool {
    let after = &text[end..];
    let after = head(after, sentence_end(after).min(160));
    let negated = |region: &str, at: usize| preceded_by(region, at, &NEGATED, 3);
    if MOVED_AFTER.is_match(after) {
        return true;
    }
    if MOVING.find_iter(after).any(|m| !negated(after, m.start()))
        || PASSED_ON
            .find_iter(after)
            .any(|m| !negated(after, m.start()))
    {
        return true;
    }
    let before = clause_before(text, start, 120);
    let last_moving = MOVING.find_iter(before).last();
    let last_still = STILL.find_iter(before).last();
    match (last_moving, last_still) {
        // "Stores the key in the keyring, so the key never enters the conversation history":
        // a negation after the verb governs the noun.
        (Some(m), still) => {
            still.is_none_or(|s| s.start() < m.start())
                && !negated(before, m.start())
                && !NEGATION.is_match(&before[m.end()..])
        }
        (None, _) => false,
    }
}

/// A negation word.
static NEGATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(not|never|no|without|nor)\b|n't\b").expect("negation regex")
});

/// Words that negate a verb just before it.
const NEGATED: [&str; 7] = ["not", "never", "don", "no", "without", "avoid", "nor"];

/// The words a tool's name uses for each kind of sensitive data, when it is the tool's object:
/// a conversation a CRM note records, env values a deploy tool sets, a credential a login tool
/// takes. Credential stores (`~/.ssh`, `~/.aws`, browser profiles) are never a tool's object
/// through the model: a tool that needs them reads them itself.
const OWN_OBJECTS: &[(&[&str], &[&str])] = &[
    (
        &["conversation", "chat", "dialog", "transcript", "messages"],
        &[
            "conversation",
            "conversations",
            "chat",
            "chats",
            "transcript",
            "transcripts",
            "dialog",
            "dialogue",
        ],
    ),
    (
        &["env", "environment"],
        &["env", "envs", "environment", "dotenv", "variables", "vars"],
    ),
    (
        &[
            "key",
            "token",
            "password",
            "passphrase",
            "secret",
            "credential",
            "cookie",
            "passwd",
        ],
        &[
            "key",
            "keys",
            "apikey",
            "apikeys",
            "token",
            "tokens",
            "password",
            "passwords",
            "secret",
            "secrets",
            "credential",
            "credentials",
            "auth",
            "login",
            "logout",
            "oauth",
            "session",
        ],
    ),
];

/// The words of a tool name: `add_conversation_note`, `replaceEnvVarsV1` → lowercase words.
#[must_use]
pub fn name_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            previous_lower = false;
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            continue;
        }
        if c.is_uppercase() && previous_lower && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        word.extend(c.to_lowercase());
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Whether the sensitive data in `matched` is what the tool `tool` is named for (the tool needs
/// it): `add_conversation_note` and a "chat transcript", `replace_environment_variables` and a
/// `.env` file.
#[must_use]
pub fn tools_own_object(matched: &str, tool: Option<&str>) -> bool {
    let Some(tool) = tool else {
        return false;
    };
    let matched = matched.to_ascii_lowercase();
    let words = name_words(tool);
    OWN_OBJECTS.iter().any(|(nouns, tool_words)| {
        nouns.iter().any(|n| matched.contains(n))
            && words.iter().any(|w| tool_words.contains(&w.as_str()))
    })
}

/// Identifiers in text that may name a tool or a parameter: 'quoted' (normalization folds
/// backticks to quotes), snake_case, kebab-case, camelCase.
static IDENTIFIER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"'([A-Za-z][\w.-]*)|'([A-Za-z][\w.-]*)'|\b([A-Za-z][A-Za-z0-9]*(?:[_-][A-Za-z0-9]+)+)\b|\b([a-z]+[A-Z][A-Za-z0-9]*|[A-Z][a-z]+[A-Z][A-Za-z0-9]*)\b")
        .expect("identifier regex")
});

/// Orders that name other tools in general ("any other tool", "all servers").
static OTHER_TOOLS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&ascii_classes(r"(?i)\b(other|another|any|all|every|each|different)\s+(\w+\s+)?(tools?|servers?|functions?|integrations?|plugins?|assistants?|agents?)\b")).expect("other tools regex")
});

/// Whether an identifier is shaped like a tool or parameter name (not a plain word).
fn tool_shaped(id: &str) -> bool {
    id.contains('_')
        || id.contains('-')
        || id.chars().skip(1).any(char::is_uppercase) && id.chars().any(char::is_lowercase)
}

/// Scope: whether the order at `start..end` (with the rest of its sentence) names tools or
/// parameters, all of them this server's. An order that names none, or names a tool-shaped
/// identifier the server does not declare, is not excused.
/// An order whose object is the tool itself ("call this tool", "use these tools").
static SELF_REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(this|these|the\s+same)\s+(tools?|functions?)\s*$").expect("self regex")
});

fn same_server(text: &str, start: usize, end: usize, scope: &Scope<'_>) -> bool {
    if scope.tools.is_empty() && scope.tool.is_none() {
        return false;
    }
    let from = clause_before(text, start, 80).len();
    let after = &text[end..];
    let region = &text[start - from..end + head(after, sentence_end(after).min(200)).len()];
    if OTHER_TOOLS.is_match(region) {
        return false;
    }
    // "you must call this tool again": the tool itself.
    let mut own = SELF_REFERENCE.is_match(&text[start..end]);
    for c in IDENTIFIER.captures_iter(region) {
        let Some((group, id)) = (1..=4).find_map(|i| c.get(i).map(|m| (i, m.as_str()))) else {
            continue;
        };
        let id = id.trim_end_matches(['.', '-']);
        // Unquoted hyphenated words are English ("hash-based", "real-time"), not names.
        let quoted = group <= 2;
        if scope.declares(id) {
            own = true;
        } else if tool_shaped(id) && (quoted || !id.contains('-') || id.contains('_')) {
            return false;
        }
    }
    own
}

/// A send-to phrase whose URL is introduced as something to read.
static READING_REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(guides?|docs?|documentation|references?|pages?|articles?|specs?|specification|blog|readme|details|described|documented|explained|available|found|listed|see|visit|read|info|information)\s+(is\s+|are\s+)?(at|in|on)\s+https?://\s*$")
        .expect("reading reference regex")
});

/// Verbs and nouns that make an attack term the topic of a check rather than an act.
static ANALYSIS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&ascii_classes(r"(?i)\b(check|checks|checking|scan|scans|scanning|scanner|detect|detects|detecting|detection|detector|flag|flags|flagging|analy[sz]e|analy[sz]es|analy[sz]ing|analysis|investigate|investigates|investigating|investigation|hunt|hunts|hunting|assess|assesses|assessing|assessment|classify|classifies|classifier|identify|identifies|report|reports|reporting|return|returns|list|lists|listing|look\s+up|looks\s+up|lookup|search|searches|monitor|monitors|monitoring|audit|audits|auditing|vet|vets|vetting|review|reviews|triage|parse|parses|parsing|label|labels|explain|explains|recogni[sz]e|recogni[sz]es|signatures?|rules|indicators?|signals?|exposure|risks?|threats?|dangers?|vulnerabilit(y|ies)|intelligence|breach(es)?|database|feeds?|alerts?|yara|iocs?|awareness|training|forensics?|verdict|protection|prevention|defen[cs]e|mitigation|safeguards?|hardening|resistant|resistance|confirm|confirms|probe|probes|findings?|cwe)\b")).expect("analysis regex")
});
/// What a described failure leaves behind ("… silently stores null"): nothing is being hidden.
static FAILS_TO_NOTHING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(null|nothing|none|empty|zero|an?\s+empty|the\s+default|undefined|nan)\b")
        .expect("fails-to-nothing regex")
});

/// A prohibition of misuse: "don't use it to …", "must not be used for …", "is not intended to".
static PROHIBITED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&ascii_classes(r"(?i)\b(do\s+not|don'?t|never|must\s+not|should\s+not|may\s+not|cannot|can'?t)\s+(\w+\s+){0,2}(use|used|using)\b|\b(is|are)\s+not\s+(meant|designed|intended|allowed|permitted)\s+(to|for)\b|\bprohibit\w*|\bforbid\w*")).expect("prohibited regex")
});

/// Verbs by which a tool makes or runs the attack tool it names ("installs a backdoor").
static PRODUCES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&ascii_classes(r"(?i)\b(install|installs|deploy|deploys|create|creates|build|builds|craft|crafts|drop|drops|plant|plants|spread|spreads|launch|launches|run|runs|execute|executes|spawn|spawns|open|opens|establish|establishes|inject|injects|send|sends|upload|uploads|generate|generates|write|writes|host|hosts|use|uses|using)\s+((a|an|the|its|their|your|our|some|new|small|tiny|custom|hidden|persistent|remote)\s+){0,2}$")).expect("produces regex")
});

/// Whether an attack tool or malware is named as the topic of a check, scan or report: an
/// analysis word in its sentence before it or just after it ("phishing analysis"), or, in a
/// tool whose name says it checks, scans or investigates, when no verb just before it makes or
/// runs it ("installs a backdoor" stays evidence).
fn topic_of_analysis(text: &str, start: usize, end: usize, tool: Option<&str>) -> bool {
    let before = clause_before(text, start, 240);
    let after: String = text[end..]
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    // A verb right before it that makes or runs it ("also installs a small keylogger") makes it
    // the tool's act, whatever else the sentence checks.
    let near = clause_before(text, start, 40);
    if PRODUCES.is_match(near) {
        return false;
    }
    ANALYSIS.is_match(before)
        || ANALYSIS.is_match(&after)
        || tool.is_some_and(|t| ANALYSIS.is_match(&name_words(t).join(" ")))
}

/// Commands that no documentation example needs.
static DANGEROUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)/dev/tcp|bash\s+-i|rm\s+-(rf|fr)|\bnc\s+-|\|\s*(ba|z)?sh\b|powershell|\biex\b|chmod\s+(-r\s+)?(777|666)|>>\s*~?/?\.")
        .expect("dangerous regex")
});

/// Whether byte `at` lies inside a fenced code block: an odd number of fences (```, read as
/// `'''` after normalization folds backticks to quotes) before it.
fn in_code_fence(text: &str, at: usize) -> bool {
    text[..at].matches("'''").count() % 2 == 1
}

/// Whether the match is named as what is checked for: a word of checking in its sentence
/// before it ("scans … for supply-chain danger: … (curl|bash)").
fn checked_for(text: &str, start: usize) -> bool {
    CHECKING.is_match(clause_before(text, start, 240))
}

/// Words of checking, stricter than [`ANALYSIS`] (which also counts reporting words such as
/// "returns", "lists", "search" around an attack tool's name).
static CHECKING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&ascii_classes(r"(?i)\b(check|checks|checking|scan|scans|scanning|scanner|detect|detects|detecting|detection|flag|flags|flagging|analy[sz]e|analy[sz]es|analy[sz]ing|analysis|investigate|investigates|investigating|hunt|hunts|hunting|audit|audits|auditing|vet|vets|vetting|classify|classifies|identify|identifies|signatures?|indicators?|dangers?|threats?|vulnerabilit(y|ies)|yara)\b")).expect("checking regex")
});

/// Whether an angle-bracket word is glued to other text, as a placeholder is
/// (`<secret>.m.example.net`, `https://<host>/`), rather than wrapping instructions.
fn placeholder(text: &str, start: usize, end: usize) -> bool {
    let tag = &text[start..end];
    if !tag.starts_with('<') || !tag.ends_with('>') || tag.starts_with("</") {
        return false;
    }
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || "/.:@=_-'".contains(c));
    glued(text[..start].chars().next_back()) || glued(text[end..].chars().next())
}

/// A telling verb under a negation: the match forbids saying something.
static FORBIDS_SAYING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(not|never|n't|no)\b.*\b(tell|tells|say|claim|report|inform|mention|state|notify|show)\b")
        .expect("forbids regex")
});
/// A condition under which the forbidden claim would be untrue: "… when it did not", "unless it
/// actually was".
static UNTRUE_IF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&ascii_classes(r"(?i)\b(when|if|while)\s+(it|this|that|they|the\s+\w+)\s+(is|was|were|has|have|did|does|do)\s*(not|n't|never)\b|\bunless\s+(it|this|that|they|the\s+\w+)\s+(\w+\s+){0,2}(is|was|were|has|have|did|does|actually|really|truly)\b")).expect("untrue regex")
});
/// The claim itself: its subject and participle ("a *filter* was *applied*").
static CLAIMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&ascii_classes(
        r"(?i)\b([a-z]{4,})\s+(is|are|was|were|been|be|has|have|had)\s+(\w+ly\s+)?([a-z]{4,})\b",
    ))
    .expect("claimed regex")
});

/// Honesty: whether the match forbids telling the user something the text itself says is
/// untrue — under a stated condition ("… when it did not"), or because the text denies it
/// elsewhere ("cannot schedule … never tell a user a message was scheduled").
fn forbids_false_claim(text: &str, start: usize, end: usize) -> bool {
    if !FORBIDS_SAYING.is_match(&text[start..end]) {
        return false;
    }
    let after = &text[end..];
    let claim = head(after, sentence_end(after).min(200));
    if UNTRUE_IF.is_match(claim) {
        return true;
    }
    let lower = text.to_ascii_lowercase();
    CLAIMED.captures_iter(claim).any(|c| {
        [&c[1], &c[4]].iter().any(|word| {
            let word = word.to_ascii_lowercase();
            denied(&lower, head(&word, 5))
        })
    })
}

/// Whether `lower` (the whole text, lowercase) denies what `stem` names: "cannot schedule",
/// "does not support scheduling", "unscheduled", "no filters".
fn denied(lower: &str, stem: &str) -> bool {
    let pattern = format!(
        r"\b(cannot|can't|can not|does not|doesn't|do not|don't|will not|won't|is not|are not|never|not|no)\s+(\w+\s+){{0,2}}{stem}|\bun{stem}|\bnon-?{stem}|\b{stem}\w*\s+(is|are|was|were)\s+(not|never)\b"
    );
    Regex::new(&pattern).is_ok_and(|re| re.is_match(lower))
}

/// Sentence ends: punctuation followed by a space (file names and "e.g." have dots too).
const SENTENCE_STOPS: [&str; 4] = [". ", "; ", "! ", "? "];

/// Where the sentence holding byte `at` starts (0 if no sentence ends before it).
pub(super) fn sentence_start(text: &str, at: usize) -> usize {
    SENTENCE_STOPS
        .iter()
        .filter_map(|stop| text[..at].rfind(stop).map(|i| i + stop.len()))
        .max()
        .unwrap_or(0)
}

/// Where the sentence that `after` starts in ends (its length if no sentence stop follows).
pub(super) fn sentence_end(after: &str) -> usize {
    SENTENCE_STOPS
        .iter()
        .filter_map(|stop| after.find(stop))
        .min()
        .unwrap_or(after.len())
}

/// The char boundary at or after `at - back` (saturating).
fn back_from(text: &str, at: usize, back: usize) -> usize {
    let mut from = at.saturating_sub(back);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    from
}

/// The part of the sentence before byte `start`, at most `back` bytes of it.
pub(super) fn clause_before(text: &str, start: usize, back: usize) -> &str {
    let before = &text[back_from(text, start, back)..start];
    &before[sentence_start(before, before.len())..]
}

/// Whether a secret file is named as where the user's own new values go ("place the returned
/// credentials in the project's `.env` file"), not as something to read.
fn destination(text: &str, start: usize, end: usize) -> bool {
    static STORE_INTO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&ascii_classes(
            r"(?i)\b(place|put|save|store|write|add|paste|set|keep)(s|d|ed|es|ing)?\s+(the\s+|these\s+|them\s+|returned\s+|generated\s+|new\s+|your\s+)*(\w+\s+){0,3}(in|into|to)(\s+(the|your|a))?(\s+\w+('s)?){0,2}(\s+['\x22`]?[\w./-]+['\x22`]?\s+(or|and))?(\s*['\x22`])?$|\b(writ(e|es|ing)|creat(e|es|ing)|generat(e|es|ing)|updat(e|es|ing))(\s+(the|a|an|your|project('s)?))*\s*['\x22`]?$",
        ))
        .expect("destination regex")
    });
    static WRITTEN_AFTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^\S*(\s+files?)?\s+(is|are|will\s+be|gets|get)\s+(written|created|generated|saved|updated)\b",
        )
        .expect("written-after regex")
    });
    let clause = clause_before(text, start, 120);
    (STORE_INTO.is_match(clause.trim_end()) || WRITTEN_AFTER.is_match(&text[end..]))
        && !clause.to_ascii_lowercase().contains("content")
}

/// Whether what the user is to be told, in the rest of the sentence, is that something is
/// withheld from them for protection ("… is redacted", "… is masked", "… was not returned").
fn discloses_redaction(text: &str, end: usize) -> bool {
    static WITHHELD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(is|are|was|were|has\s+been|have\s+been|will\s+be)\s+(redacted|masked|omitted|hidden|withheld|unavailable|not\s+(shown|returned|included|displayed|available|supported|possible))\b")
            .expect("withheld regex")
    });
    let after = &text[end..];
    let sentence_end = sentence_end(after);
    WITHHELD.is_match(&after[..sentence_end])
}

/// Whether a match is (or sits in) an example: "(e.g., …)", "for example", "such as".
fn example(text: &str, start: usize, end: usize) -> bool {
    let around = text[back_from(text, start, 24)..end].to_ascii_lowercase();
    around.contains("e.g.") || around.contains("for example") || around.contains("such as")
}

/// Generic section names that vendors' structured tool descriptions use as XML-style tags.
static SECTION_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^<\s*/?\s*(important|instructions?|critical|priority|mandatory)\s*>$")
        .expect("section tag regex")
});
/// Distinct XML-style tags from which a description is a structured prompt.
const STRUCTURED_FROM_TAGS: usize = 3;

/// Whether the text is laid out in XML-style sections (`<use_case>…</use_case>`,
/// `<workflow>…`, `<example>…`): at least [`STRUCTURED_FROM_TAGS`] distinct closed tags.
fn structured_prompt(text: &str) -> bool {
    static CLOSING: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"</([a-z][a-z0-9_-]{1,30})>").expect("closing tag regex"));
    let mut names: Vec<&str> = CLOSING
        .captures_iter(text)
        .filter_map(|c| c.get(1).map(|m| m.as_str()))
        .collect();
    names.sort_unstable();
    names.dedup();
    names.len() >= STRUCTURED_FROM_TAGS
}

/// A refusal right after a named secret: "(e.g. `/etc`, `~/.ssh`) are rejected".
static REFUSED_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&ascii_classes(
        r"(?i)^[^.;!?]{0,40}?\b(are|is|will\s+be|get|gets|being)\s+(rejected|refused|denied|blocked|forbidden|disallowed|excluded|ignored|not\s+(allowed|permitted|accessed|read))\b",
    ))
    .expect("refusal regex")
});
/// A refusal right before one: "never reads ~/.aws", "rejects paths such as ~/.ssh".
static REFUSED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&ascii_classes(
        r"(?i)\b(rejects?|refuses?\s+to\s+(read|access|open|touch)|denies|blocks|never\s+(reads?|accesses|touches|opens|sends?)|cannot\s+(read|access|open))\b[^.;!?]{0,60}$",
    ))
    .expect("refusal regex")
});
/// Coercion dressed as a refusal: "calls that do not include ~/.ssh/id_rsa are rejected".
static COERCION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(include|includes|including|pass|provide|send|attach|contain|contains|without|unless|missing)\b")
        .expect("coercion regex")
});

/// Whether a named secret is named to say it is refused: a refusal within a few words after
/// it or just before it in the same sentence, and no sign that the refusal punishes leaving
/// it out.
#[must_use]
pub fn refused(text: &str, start: usize, end: usize) -> bool {
    let before = &text[back_from(text, start, 80).max(sentence_start(text, start))..start];
    let after = &text[end..];
    let sentence_end = sentence_end(after);
    (REFUSED_AFTER.is_match(after) || REFUSED_BEFORE.is_match(before))
        && !COERCION.is_match(before)
        && !COERCION.is_match(&after[..sentence_end])
}

static EXCLUSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&ascii_classes(
        r"(?i)\b(do\s+not|don'?t|never|must\s+not|should\s+not|avoid)\s+(\w+\s+)?(include|pass|send|share|store|log|put|paste|enter|provide|expose|print|return|read|access|touch|open|upload|commit)\b|\b(exclude|excluding|except|redact\w*)\b",
    ))
    .expect("exclusion regex")
});

/// Whether a secret is mentioned to be kept out ("do not include API keys in the query").
fn excluded(text: &str, start: usize) -> bool {
    // A sentence stop, not the dot inside `.env` or `config.json`.
    let clause_start =
        sentence_start(text, start).max(text[..start].rfind('\n').map_or(0, |i| i + 1));
    EXCLUSION.is_match(&text[clause_start..start])
}
