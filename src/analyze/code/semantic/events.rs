//! What the interpreter reports: a sink reached (with the labels of the data that reached it
//! and the calls that led there), and text decoded or reassembled at run time.

use super::ir::FileId;
use super::value::Taint;

/// A kind of sink (see `library.rs` for which calls are which).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Sink {
    /// A command line run by a shell.
    Shell,
    /// A program run with an argument list.
    Exec,
    /// Code evaluated (`eval`, `new Function`, `exec`, `vm`).
    Eval,
    /// A module loaded by a computed name.
    Import,
    /// Data deserialized into objects or code (`pickle.loads`, `yaml.unsafe_load`).
    Deserialize,
    /// A template compiled from a string.
    Template,
    /// A database, directory or document query (SQL, LDAP filter, XPath, MongoDB) built as text,
    /// or a MongoDB filter object taken whole from a tool argument.
    Query,
    /// A format string (`fmt.format(**values)`) that is not the package's own text.
    Format,
    /// Threads, processes, sockets or pipes created in a loop a tool argument sizes, or a
    /// huge one (`text` says what and how many).
    Bulk,
    /// Data sent over the network.
    Net,
    /// A host name resolved.
    Dns,
    /// Mail sent.
    Mail,
    FileWrite,
    FileDelete,
    FileChmod,
    FileLink,
    FileCopy,
    FileRead,
    /// A tool's description or title set from a value.
    Description,
    /// A source read (a credential file, a secret environment variable).
    SourceRead,
}

/// Event flags.
pub(crate) mod flag {
    /// The call's result is thrown away (fire and forget).
    pub(crate) const DISCARDED: u32 = 1;
    /// A process started detached, in its own session, or not waited for.
    pub(crate) const DETACHED: u32 = 1 << 1;
    /// The mail message names a blind copy (`text` holds it).
    pub(crate) const BCC: u32 = 1 << 2;
    /// The mail message names a copy.
    pub(crate) const CC: u32 = 1 << 3;
    /// A chmod that sets the setuid or setgid bit.
    pub(crate) const SETUID: u32 = 1 << 4;
    /// The program run was copied or written out of the package first.
    pub(crate) const DROPPED: u32 = 1 << 5;
    /// A file's access and modification times set (`os.utime`, `fs.utimes`).
    pub(crate) const TIMES: u32 = 1 << 6;
}

/// One call on the way to a sink.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hop {
    pub file: FileId,
    /// The line of the call (or of the entry's start).
    pub line: u32,
    /// The function called (empty for a module's top level).
    pub func: String,
    /// The function called handles a tool call.
    pub handler: bool,
}

/// A sink reached.
#[derive(Debug, Clone)]
pub(crate) struct Event {
    pub sink: Sink,
    pub file: FileId,
    pub line: u32,
    /// The calls from the entry to the sink (the first is the entry).
    pub hops: Vec<Hop>,
    /// Index of the entry that was running.
    pub entry: usize,
    /// Labels reaching the data position (body, URL, DNS name, command, code, path).
    pub data: Taint,
    /// Labels only in credential positions (auth headers, `api_key=` fields).
    pub cred: Taint,
    /// The command, code, URL, module name, path or description, unknown parts as `…`.
    pub text: String,
    /// Whether `text` is fully known.
    pub known: bool,
    /// Network destination, or a second path (copy/link target); unknown parts as `…`.
    pub dest: String,
    pub dest_taint: Taint,
    pub flags: u32,
    /// A second text: the program's package path for process starts, the copy source.
    pub extra: String,
}

/// Text decoded or reassembled at run time, to be read again as code and as text.
#[derive(Debug, Clone)]
pub(crate) struct Derived {
    pub file: FileId,
    pub line: u32,
    /// How it was obtained: "base64", "hex", "char codes", "XOR", "pieces".
    pub how: &'static str,
    pub text: String,
}

/// How an entry starts running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EntryKind {
    /// A file's top level (run when the module loads).
    ModuleLoad,
    /// A function the package's own code never calls by name (framework callbacks,
    /// `main`, dead code).
    Root,
    /// A tool handler (its parameters are tool arguments).
    Handler,
}

/// An entry the interpreter ran.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub kind: EntryKind,
    pub file: FileId,
    /// The function (empty for module loads).
    pub func: String,
}
