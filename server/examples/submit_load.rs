//! Load generator of issue #4's benchmark (`bench/submissions.sh`): posts distinct, valid
//! participation requests to `POST /participer` at a fixed concurrency and reports the
//! accepted ones (303) per second, the latency and every other status; or posts accepted
//! applications again and checks each gets its first receipt back (idempotency).
//!
//! ```sh
//! cargo run --release -p server --features app/ssr --example submit_load -- \
//!     --addr 127.0.0.1:3410 --first 0 --count 2000 --concurrency 16 --receipts /tmp/r.tsv
//! cargo run --release -p server --features app/ssr --example submit_load -- \
//!     --addr 127.0.0.1:3410 --first 0 --count 200 --concurrency 16 --receipts /tmp/r.tsv --resend
//! ```
//!
//! Application `i` has its own organisation name, contact, idempotency key (`bench-i`) and
//! client address (`X-Forwarded-For: 10.x.y.z`, derived from `i`): the server must run with
//! `CCMEX_TRUST_PROXY=true`, as it does behind a proxy, and every simulated client stays far
//! under the per-address limits (10 applications an hour, 120 posts a minute). A resend
//! uses the same address as the first post, like a browser posting twice. `--address`
//! gives every request the same one instead, to see the limit at work.
//!
//! HTTP/1.1 is spoken by hand over one keep-alive connection per worker (tokio only, no
//! client library in the dependency tree); nothing is retried: a request without an answer
//! counts as a transport error. `--receipts` keeps `index<TAB>Location` of each accepted
//! request (written when submitting, read when resending).

use clap::Parser;
use std::{
    collections::{BTreeMap, HashMap},
    error::Error,
    fmt::Write as _,
    net::Ipv4Addr,
    path::PathBuf,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

type Result<T> = std::result::Result<T, Box<dyn Error + Send + Sync>>;

#[derive(Debug, Parser)]
#[command(about = "Posts distinct participation requests to POST /participer")]
struct Args {
    /// The server's `host:port`.
    #[arg(long, default_value = "127.0.0.1:3410")]
    addr: String,
    /// Index of the first application (names, keys and addresses derive from it).
    #[arg(long, default_value_t = 0)]
    first: usize,
    /// Applications to post.
    #[arg(long, default_value_t = 2000)]
    count: usize,
    /// Requests in flight at once (one connection each).
    #[arg(long, default_value_t = 16)]
    concurrency: usize,
    /// `index<TAB>Location` of accepted requests: written, or read with `--resend`.
    #[arg(long)]
    receipts: Option<PathBuf>,
    /// Post again the first `count` applications from `first` on that were accepted (read
    /// from `--receipts`) and compare each receipt with the first one.
    #[arg(long, default_value_t = false)]
    resend: bool,
    /// One `X-Forwarded-For` for every request (to show the per-address limit).
    #[arg(long)]
    address: Option<Ipv4Addr>,
}

/// The answer to one request.
struct Outcome {
    index: usize,
    /// `None`: no answer (connection refused, reset or closed).
    status: Option<u16>,
    location: Option<String>,
    /// The body of an unexpected answer, to say why.
    sample: String,
    elapsed: Duration,
}

/// The form of application `i`, URL-encoded, as a browser posts it.
fn application(i: usize) -> Result<String> {
    let key = format!("bench-{i:08}");
    let name = format!("Association des Maliens de la ville {i}");
    let email = format!("contact{i}@example.org");
    let first = format!("moussa{i}@example.org");
    let second = format!("fatoumata{i}@example.org");
    let fields: [(&str, &str); 24] = [
        ("idempotency_key", &key),
        ("website_url", ""),
        ("name", &name),
        ("acronym", "AMV"),
        ("kind", "association"),
        ("country", "FR"),
        ("city", "Montreuil"),
        ("founded_year", "1998"),
        ("member_count", "250"),
        ("sector_education", "on"),
        ("sector_culture", "on"),
        ("website", "https://amv.example.org"),
        ("contact_name", "Awa Koné"),
        ("contact_email", &email),
        ("contact_phone", "+33 6 12 34 56 78"),
        ("delegate_name_1", "Moussa Diarra"),
        ("delegate_function_1", "Président"),
        ("delegate_email_1", &first),
        ("delegate_name_2", "Fatoumata Traoré"),
        ("delegate_function_2", "Secrétaire générale"),
        ("delegate_email_2", &second),
        (
            "motivation",
            "Porter la voix des Maliens de la ville auprès du Gouvernement.",
        ),
        (
            "contribution",
            "Une étude sur les transferts d’argent et l’emploi des jeunes.",
        ),
        ("consent_processing", "on"),
    ];
    Ok(serde_urlencoded::to_string(fields)?)
}

/// The client address of application `i`: 10.0.0.1, 10.0.0.2, …
fn client(i: usize) -> Result<Ipv4Addr> {
    let offset = u32::try_from(i)?;
    Ok(Ipv4Addr::from(
        0x0a00_0001_u32.checked_add(offset).ok_or("too many")?,
    ))
}

fn request(addr: &str, i: usize, address: Option<Ipv4Addr>) -> Result<Vec<u8>> {
    let body = application(i)?;
    let mut head = String::new();
    write!(
        head,
        "POST /participer HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\n\
         Sec-Fetch-Site: same-origin\r\nAccept-Language: fr\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\
         X-Forwarded-For: {}\r\n\r\n",
        body.len(),
        address.map_or_else(|| client(i), Ok)?
    )?;
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body.as_bytes());
    Ok(bytes)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Reads more bytes into `buf`; an error if the server closed the connection.
async fn fill(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Result<()> {
    let mut chunk = [0_u8; 8192];
    let n = stream.read(&mut chunk).await?;
    if n == 0 {
        return Err("connection closed by the server".into());
    }
    buf.extend_from_slice(&chunk[..n]);
    Ok(())
}

/// A response: status, `Location`, body, and whether the server closes the connection.
struct Response {
    status: u16,
    location: Option<String>,
    body: Vec<u8>,
    close: bool,
}

/// Sends one request and reads its whole response (`Content-Length` or chunked).
async fn exchange(stream: &mut TcpStream, request: &[u8]) -> Result<Response> {
    stream.write_all(request).await?;
    let mut buf = Vec::with_capacity(1024);
    let head_end = loop {
        if let Some(at) = find(&buf, b"\r\n\r\n") {
            break at + 4;
        }
        fill(stream, &mut buf).await?;
    };
    let head = std::str::from_utf8(&buf[..head_end])?.to_string();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .ok_or("no status line")?
        .parse()?;
    let (mut length, mut chunked, mut location, mut close) = (None, false, None, false);
    for (name, value) in lines.filter_map(|line| line.split_once(':')) {
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-length" => length = Some(value.parse::<usize>()?),
            "transfer-encoding" => chunked = value.eq_ignore_ascii_case("chunked"),
            "location" => location = Some(value.to_string()),
            "connection" => close = value.eq_ignore_ascii_case("close"),
            _ => {}
        }
    }
    let mut rest = buf.split_off(head_end);
    let body = if chunked {
        let mut body = Vec::new();
        let mut at = 0;
        loop {
            let line_end = loop {
                if let Some(end) = find(&rest[at..], b"\r\n") {
                    break at + end;
                }
                fill(stream, &mut rest).await?;
            };
            let size_text = std::str::from_utf8(&rest[at..line_end])?;
            let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)?;
            at = line_end + 2;
            if size == 0 {
                // No trailers are sent: the last chunk ends with an empty line.
                while rest.len() < at + 2 {
                    fill(stream, &mut rest).await?;
                }
                break body;
            }
            while rest.len() < at + size + 2 {
                fill(stream, &mut rest).await?;
            }
            body.extend_from_slice(&rest[at..at + size]);
            at += size + 2;
        }
    } else if let Some(length) = length {
        while rest.len() < length {
            fill(stream, &mut rest).await?;
        }
        rest.truncate(length);
        rest
    } else if status == 204 || status == 304 || (100..200).contains(&status) {
        Vec::new()
    } else {
        // Neither length nor chunks: the body ends with the connection.
        loop {
            let mut chunk = [0_u8; 8192];
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                break;
            }
            rest.extend_from_slice(&chunk[..n]);
        }
        close = true;
        rest
    };
    Ok(Response {
        status,
        location,
        body,
        close,
    })
}

/// One connection posting applications until none is left.
async fn worker(
    addr: Arc<str>,
    indices: Arc<[usize]>,
    next: Arc<AtomicUsize>,
    address: Option<Ipv4Addr>,
) -> Vec<Outcome> {
    let mut outcomes = Vec::new();
    let mut connection: Option<TcpStream> = None;
    loop {
        let Some(&index) = indices.get(next.fetch_add(1, Ordering::Relaxed)) else {
            return outcomes;
        };
        let started = Instant::now();
        let answer = async {
            let bytes = request(&addr, index, address)?;
            let stream = match connection.as_mut() {
                Some(stream) => stream,
                None => {
                    let stream = TcpStream::connect(&*addr).await?;
                    stream.set_nodelay(true)?;
                    connection.insert(stream)
                }
            };
            exchange(stream, &bytes).await
        }
        .await;
        let elapsed = started.elapsed();
        outcomes.push(match answer {
            Ok(response) => {
                if response.close {
                    connection = None;
                }
                let sample = if response.status == 303 {
                    String::new()
                } else {
                    String::from_utf8_lossy(&response.body).into_owned()
                };
                Outcome {
                    index,
                    status: Some(response.status),
                    location: response.location,
                    sample,
                    elapsed,
                }
            }
            Err(error) => {
                connection = None;
                Outcome {
                    index,
                    status: None,
                    location: None,
                    sample: error.to_string(),
                    elapsed,
                }
            }
        });
    }
}

/// The `q` quantile of sorted durations, in milliseconds.
fn quantile(sorted: &[Duration], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (q * sorted.len() as f64).ceil() as usize;
    let at = rank.clamp(1, sorted.len()) - 1;
    sorted[at].as_secs_f64() * 1000.0
}

/// The text of an error page's message, for the report (markup dropped, spaces folded).
fn gist(html: &str) -> String {
    // The page's own message: its error notice, else its <main> (after the navigation).
    let html = ["role=\"alert\"", "<main"]
        .iter()
        .find_map(|mark| html.find(mark))
        .map_or(html, |at| &html[at..]);
    let mut text = String::new();
    // Found inside a tag (`role=…`): its end comes first.
    let mut in_tag = !html.starts_with('<');
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let joined = words.join(" ");
    joined.chars().take(110).collect()
}

#[tokio::main]
async fn main() -> Result<()> {
    let args = Args::parse();
    let addr: Arc<str> = Arc::from(args.addr.as_str());
    // The receipts of the first posts, when resending: only accepted applications are
    // posted again (the first `count` from `first` on).
    let recorded: HashMap<usize, String> = match (&args.receipts, args.resend) {
        (Some(path), true) => std::fs::read_to_string(path)?
            .lines()
            .filter_map(|line| line.split_once('\t'))
            .filter_map(|(i, location)| Some((i.parse().ok()?, location.to_string())))
            .collect(),
        (None, true) => return Err("--resend needs --receipts".into()),
        _ => HashMap::new(),
    };
    let indices: Arc<[usize]> = if args.resend {
        let mut accepted: Vec<usize> = recorded
            .keys()
            .copied()
            .filter(|i| *i >= args.first)
            .collect();
        accepted.sort_unstable();
        accepted.truncate(args.count);
        accepted.into()
    } else {
        (args.first..args.first + args.count).collect()
    };
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..args.concurrency.max(1))
        .map(|_| {
            tokio::spawn(worker(
                addr.clone(),
                indices.clone(),
                next.clone(),
                args.address,
            ))
        })
        .collect();
    let mut outcomes = Vec::with_capacity(indices.len());
    for handle in workers {
        outcomes.extend(handle.await?);
    }
    let wall = started.elapsed();
    outcomes.sort_by_key(|o| o.index);

    let mut statuses: BTreeMap<String, usize> = BTreeMap::new();
    let mut samples: BTreeMap<String, String> = BTreeMap::new();
    for outcome in &outcomes {
        let name = outcome
            .status
            .map_or_else(|| "no answer".to_string(), |s| s.to_string());
        *statuses.entry(name.clone()).or_default() += 1;
        if !outcome.sample.is_empty() {
            samples.entry(name).or_insert_with(|| gist(&outcome.sample));
        }
    }
    let accepted: Vec<&Outcome> = outcomes.iter().filter(|o| o.status == Some(303)).collect();
    let mut latencies: Vec<Duration> = outcomes.iter().map(|o| o.elapsed).collect();
    latencies.sort();
    let rate = accepted.len() as f64 / wall.as_secs_f64();

    let mut same = 0;
    let mut changed = 0;
    if let Some(path) = &args.receipts {
        if args.resend {
            for outcome in &accepted {
                if recorded.get(&outcome.index) == outcome.location.as_ref() {
                    same += 1;
                } else {
                    changed += 1;
                }
            }
        } else {
            let mut lines = String::new();
            for outcome in &accepted {
                writeln!(
                    lines,
                    "{}\t{}",
                    outcome.index,
                    outcome.location.as_deref().unwrap_or("")
                )?;
            }
            std::fs::write(path, lines)?;
        }
    }

    let other: usize = outcomes.len() - accepted.len();
    let statuses_text: Vec<String> = statuses.iter().map(|(s, n)| format!("{s}: {n}")).collect();
    println!(
        "{} {} applications from index {}, concurrency {}: {:.2} s, statuses {{{}}}",
        if args.resend { "resent" } else { "sent" },
        outcomes.len(),
        args.first,
        args.concurrency,
        wall.as_secs_f64(),
        statuses_text.join(", ")
    );
    for (status, sample) in &samples {
        println!("  {status} e.g.: {sample}");
    }
    println!(
        "  accepted (303) per second: {rate:.0}; latency ms p50 {:.1}, p90 {:.1}, p99 {:.1}, max {:.1}",
        quantile(&latencies, 0.5),
        quantile(&latencies, 0.9),
        quantile(&latencies, 0.99),
        quantile(&latencies, 1.0)
    );
    if args.resend {
        println!("  same receipt as the first post: {same}, a different one: {changed}");
    }
    // One line for scripts.
    println!(
        "RESULT sent={} accepted={} other={other} seconds={:.3} rate={rate:.0} p50={:.1} p90={:.1} p99={:.1} max={:.1} same={same} changed={changed}",
        outcomes.len(),
        accepted.len(),
        wall.as_secs_f64(),
        quantile(&latencies, 0.5),
        quantile(&latencies, 0.9),
        quantile(&latencies, 0.99),
        quantile(&latencies, 1.0)
    );
    Ok(())
}
