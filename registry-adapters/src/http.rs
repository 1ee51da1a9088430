//! The shared HTTP client: rustls, timeouts, bounded retries with backoff, a size cap, a
//! User-Agent, proxies from the environment, and redirects followed by hand so that only https
//! or same-origin targets are allowed and a token never leaves the origin it was meant for.

use std::io::Read;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use reqwest::blocking::Client as Reqwest;
use reqwest::header::{HeaderMap, ACCEPT, AUTHORIZATION, CONTENT_LENGTH, LOCATION, RETRY_AFTER};
use url::Url;

use crate::{Error, Reporter};

/// Most redirects followed for one request.
const MAX_REDIRECTS: usize = 10;
/// A `Retry-After` longer than this is not waited for; the status is returned instead.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(30);

/// Network settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpSettings {
    /// Time allowed to establish a connection.
    pub connect_timeout: Duration,
    /// Time allowed between two reads (and for the response head).
    pub read_timeout: Duration,
    /// Extra attempts after the first on 429/5xx/transport errors.
    pub retries: u32,
    /// First backoff delay; doubled at each retry.
    pub backoff: Duration,
    /// Largest registry document (packument, JSON, index file) read into memory.
    pub max_document_bytes: u64,
    /// Largest artifact downloaded.
    pub max_download_bytes: u64,
    /// The User-Agent header.
    pub user_agent: String,
}

impl Default for HttpSettings {
    fn default() -> Self {
        HttpSettings {
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(30),
            retries: 3,
            backoff: Duration::from_millis(500),
            max_document_bytes: 64 * 1024 * 1024,
            max_download_bytes: 512 * 1024 * 1024,
            user_agent: concat!(
                "mcp-audit/",
                env!("CARGO_PKG_VERSION"),
                " (+https://github.com/mcp-audit/mcp-audit)"
            )
            .to_string(),
        }
    }
}

/// A bearer token bound to the origin it may be sent to.
#[derive(Clone)]
pub struct Credential {
    origin: url::Origin,
    header: String,
}

impl Credential {
    /// A `Bearer` token valid for `base`'s origin only.
    #[must_use]
    pub fn bearer(base: &Url, token: &str) -> Credential {
        Credential {
            origin: base.origin(),
            header: format!("Bearer {token}"),
        }
    }
}

impl std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credential({}, ***)", self.origin.ascii_serialization())
    }
}

/// One GET request.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// Where to.
    pub url: Url,
    /// The `Accept` header.
    pub accept: Option<&'a str>,
    /// Extra headers (name, value).
    pub headers: &'a [(&'a str, &'a str)],
    /// A token, sent only while the URL stays on its origin.
    pub credential: Option<&'a Credential>,
    /// A JSON body: the request is then a POST, and redirects are not followed.
    pub json_body: Option<&'a [u8]>,
}

impl<'a> Request<'a> {
    /// A plain GET.
    #[must_use]
    pub fn get(url: Url) -> Request<'a> {
        Request {
            url,
            accept: None,
            headers: &[],
            credential: None,
            json_body: None,
        }
    }

    /// A POST of a JSON body (the npm bulk advisory endpoint).
    #[must_use]
    pub fn post_json(url: Url, body: &'a [u8]) -> Request<'a> {
        Request {
            json_body: Some(body),
            ..Request::get(url)
        }
    }

    /// Sets the `Accept` header.
    #[must_use]
    pub fn accept(mut self, accept: &'a str) -> Self {
        self.accept = Some(accept);
        self
    }
}

/// A complete response read into memory.
#[derive(Debug)]
pub struct Response {
    /// The URL that answered (after redirects).
    pub url: Url,
    /// Status code.
    pub status: u16,
    /// Headers.
    pub headers: HeaderMap,
    /// Body.
    pub body: Vec<u8>,
}

impl Response {
    /// A header as text.
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// Receives a download's bytes; reset before each retry.
pub trait Sink {
    /// Discards what was written so far.
    ///
    /// # Errors
    /// The sink cannot be reset.
    fn reset(&mut self) -> std::io::Result<()>;
    /// Appends bytes.
    ///
    /// # Errors
    /// The bytes cannot be stored.
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<()>;
}

/// The shared client. The underlying HTTP client (TLS configuration, root certificates, its
/// I/O thread) is built on the first request, once for every clone: an audit served from the
/// cache never pays for it.
#[derive(Debug, Clone)]
pub struct HttpClient {
    inner: Arc<OnceLock<Result<Reqwest, String>>>,
    settings: HttpSettings,
}

/// The URL as text without user name or password, for messages and logs.
#[must_use]
pub fn redact(url: &Url) -> String {
    let mut url = url.clone();
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url.to_string()
}

enum Attempt<T> {
    Done(T),
    Retry {
        error: Error,
        after: Option<Duration>,
    },
}

impl HttpClient {
    /// Builds the client. Proxies come from `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY`/`NO_PROXY`.
    ///
    /// # Errors
    /// The TLS backend cannot be initialised.
    pub fn new(settings: HttpSettings) -> Result<HttpClient, Error> {
        Ok(HttpClient {
            inner: Arc::new(OnceLock::new()),
            settings,
        })
    }

    /// The HTTP client, built on first use.
    fn inner(&self) -> Result<&Reqwest, Error> {
        self.inner
            .get_or_init(|| {
                Reqwest::builder()
                    .use_rustls_tls()
                    .user_agent(self.settings.user_agent.clone())
                    .connect_timeout(self.settings.connect_timeout)
                    .timeout(self.settings.read_timeout)
                    .redirect(reqwest::redirect::Policy::none())
                    .referer(false)
                    .build()
                    .map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(|e| Error::Config {
                message: format!("cannot set up the HTTP client: {e}"),
            })
    }

    /// The settings in force.
    #[must_use]
    pub fn settings(&self) -> &HttpSettings {
        &self.settings
    }

    /// GETs a document into memory (at most `max_document_bytes`). Any final status is returned;
    /// 429 and 5xx are retried first.
    ///
    /// # Errors
    /// Transport failures after retries, a refused redirect, an oversized body.
    pub fn get(&self, request: &Request<'_>) -> Result<Response, Error> {
        let limit = self.settings.max_document_bytes;
        self.with_retries(&request.url, |last| {
            let (url, mut response) = match self.send(request) {
                Ok(r) => r,
                Err(e @ (Error::Redirect { .. } | Error::Config { .. })) => return Err(e),
                Err(e) => return Ok(transport_attempt(e)),
            };
            let status = response.status().as_u16();
            if is_retryable(status) && !last {
                let after = retry_after(response.headers());
                if after.is_none_or(|a| a <= MAX_RETRY_AFTER) {
                    return Ok(Attempt::Retry {
                        error: Error::Status {
                            url: redact(&url),
                            status,
                            hint: String::new(),
                        },
                        after,
                    });
                }
            }
            let headers = response.headers().clone();
            let mut body = Vec::new();
            match read_capped(&url, &mut response, limit, &mut |b| {
                body.extend_from_slice(b);
                Ok(())
            }) {
                Ok(_) => Ok(Attempt::Done(Response {
                    url,
                    status,
                    headers,
                    body,
                })),
                Err(e @ (Error::TooLarge { .. } | Error::Cache { .. })) => Err(e),
                Err(e) => Ok(Attempt::Retry {
                    error: e,
                    after: None,
                }),
            }
        })
    }

    /// Streams a download into `sink` (at most `max_download_bytes`), reporting progress.
    /// Returns the final URL and the number of bytes.
    ///
    /// # Errors
    /// A non-200 status, transport failures after retries, truncation, an oversized body.
    pub fn download(
        &self,
        request: &Request<'_>,
        sink: &mut dyn Sink,
        reporter: Option<&dyn Reporter>,
        label: &str,
    ) -> Result<(Url, u64), Error> {
        let limit = self.settings.max_download_bytes;
        self.with_retries(&request.url, |last| {
            sink.reset()
                .map_err(|e| Error::cache("download temp file", e))?;
            let (url, mut response) = match self.send(request) {
                Ok(r) => r,
                Err(e @ (Error::Redirect { .. } | Error::Config { .. })) => return Err(e),
                Err(e) => return Ok(transport_attempt(e)),
            };
            let status = response.status().as_u16();
            if status != 200 {
                let error = Error::Status {
                    url: redact(&url),
                    status,
                    hint: String::new(),
                };
                let after = retry_after(response.headers());
                if is_retryable(status) && !last && after.is_none_or(|a| a <= MAX_RETRY_AFTER) {
                    return Ok(Attempt::Retry { error, after });
                }
                return Err(error);
            }
            if let Some(r) = reporter {
                r.on_download_start(label, response.content_length());
            }
            let result = read_capped(&url, &mut response, limit, &mut |b| {
                if let Some(r) = reporter {
                    r.on_download_progress(b.len() as u64);
                }
                sink.write(b)
            });
            if let Some(r) = reporter {
                r.on_download_done(label);
            }
            match result {
                Ok(n) => Ok(Attempt::Done((url, n))),
                Err(e @ (Error::TooLarge { .. } | Error::Cache { .. })) => Err(e),
                Err(e) => Ok(Attempt::Retry {
                    error: e,
                    after: None,
                }),
            }
        })
    }

    fn with_retries<T>(
        &self,
        url: &Url,
        mut attempt: impl FnMut(bool) -> Result<Attempt<T>, Error>,
    ) -> Result<T, Error> {
        let mut delay = self.settings.backoff;
        for n in 0..=self.settings.retries {
            let last = n == self.settings.retries;
            match attempt(last)? {
                Attempt::Done(v) => return Ok(v),
                Attempt::Retry { error, after } => {
                    if last {
                        return Err(error);
                    }
                    let wait = after.unwrap_or(delay);
                    tracing::info!("retrying {} in {:?} after: {error}", redact(url), wait);
                    std::thread::sleep(wait);
                    delay = delay.saturating_mul(2);
                }
            }
        }
        unreachable!("the last attempt returns")
    }

    /// Sends the request, following redirects under the policy. Returns the final URL.
    fn send(&self, request: &Request<'_>) -> Result<(Url, reqwest::blocking::Response), Error> {
        let inner = self.inner()?;
        let mut url = request.url.clone();
        for _ in 0..=MAX_REDIRECTS {
            let mut builder = match request.json_body {
                Some(body) => inner
                    .post(url.clone())
                    .header(reqwest::header::CONTENT_TYPE, "application/json")
                    .body(body.to_vec()),
                None => inner.get(url.clone()),
            };
            if let Some(accept) = request.accept {
                builder = builder.header(ACCEPT, accept);
            }
            for (name, value) in request.headers {
                builder = builder.header(*name, *value);
            }
            if let Some(cred) = request.credential {
                if url.origin() == cred.origin {
                    builder = builder.header(AUTHORIZATION, cred.header.as_str());
                }
            }
            tracing::debug!(
                "{} {}",
                if request.json_body.is_some() {
                    "POST"
                } else {
                    "GET"
                },
                redact(&url)
            );
            let response = builder.send().map_err(|e| Error::Transport {
                url: redact(&url),
                message: describe(&e),
            })?;
            let status = response.status().as_u16();
            if request.json_body.is_some() || !matches!(status, 301 | 302 | 303 | 307 | 308) {
                return Ok((url, response));
            }
            let Some(location) = response
                .headers()
                .get(LOCATION)
                .and_then(|v| v.to_str().ok())
            else {
                return Ok((url, response));
            };
            let next = url.join(location).map_err(|_| Error::Redirect {
                from: redact(&url),
                to: location.to_string(),
            })?;
            if next.scheme() != "https" && next.origin() != url.origin() {
                return Err(Error::Redirect {
                    from: redact(&url),
                    to: redact(&next),
                });
            }
            url = next;
        }
        Err(Error::Transport {
            url: redact(&request.url),
            message: format!("more than {MAX_REDIRECTS} redirects"),
        })
    }
}

fn transport_attempt<T>(error: Error) -> Attempt<T> {
    Attempt::Retry { error, after: None }
}

fn is_retryable(status: u16) -> bool {
    matches!(status, 429 | 500 | 502 | 503 | 504)
}

fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    headers
        .get(RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(Duration::from_secs)
}

/// Reads the body in chunks into `out`, enforcing `limit` and the announced length.
fn read_capped(
    url: &Url,
    response: &mut reqwest::blocking::Response,
    limit: u64,
    out: &mut dyn FnMut(&[u8]) -> std::io::Result<()>,
) -> Result<u64, Error> {
    let announced = response
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > limit) {
        return Err(Error::TooLarge {
            url: redact(url),
            limit,
        });
    }
    let mut buf = vec![0u8; 64 * 1024];
    let mut total: u64 = 0;
    loop {
        let n = match response.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) => {
                return Err(match announced {
                    Some(expected) if total < expected => Error::Truncated {
                        url: redact(url),
                        expected,
                        received: total,
                    },
                    _ => Error::Transport {
                        url: redact(url),
                        message: format!("reading the body failed: {e}"),
                    },
                })
            }
        };
        total += n as u64;
        if total > limit {
            return Err(Error::TooLarge {
                url: redact(url),
                limit,
            });
        }
        out(&buf[..n]).map_err(|e| Error::cache("download temp file", e))?;
    }
    if let Some(expected) = announced {
        if total != expected {
            return Err(Error::Truncated {
                url: redact(url),
                expected,
                received: total,
            });
        }
    }
    Ok(total)
}

/// A one-line description of a reqwest error with its causes.
fn describe(error: &reqwest::Error) -> String {
    let mut text = if error.is_timeout() {
        "timed out".to_string()
    } else if error.is_connect() {
        "could not connect".to_string()
    } else {
        "transport error".to_string()
    };
    let mut source = std::error::Error::source(error);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_removes_credentials() {
        let url = Url::parse("https://user:secret@registry.example/npm/").unwrap();
        assert_eq!(redact(&url), "https://registry.example/npm/");
    }

    #[test]
    fn credential_debug_hides_the_token() {
        let base = Url::parse("https://api.github.com/").unwrap();
        let c = Credential::bearer(&base, "ghp_secret");
        assert!(!format!("{c:?}").contains("ghp_secret"));
    }

    #[test]
    fn retry_after_parses_seconds_only() {
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, "3".parse().unwrap());
        assert_eq!(retry_after(&h), Some(Duration::from_secs(3)));
        h.insert(
            RETRY_AFTER,
            "Wed, 21 Oct 2015 07:28:00 GMT".parse().unwrap(),
        );
        assert_eq!(retry_after(&h), None);
    }
}
