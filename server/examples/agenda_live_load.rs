//! Live agenda benchmark: holds N viewers of `/sessions/{n}/agenda/direct` (server-sent
//! events) on one server, applies status changes through the editor's server function as a
//! committee member would, and reports how long each change took to reach every viewer
//! (p50 / p95 / p99 over all viewer × change pairs) and the server's memory per viewer.
//!
//! Plain HTTP/1.1 over TCP, one connection per viewer, as browsers do. Run by
//! `bench/agenda.sh`, which starts the server and creates the committee account.
//!
//! Usage: agenda_live_load ADDR SUBSCRIBERS CHANGES EMAIL PASSWORD [SERVER_PID]
//! (ADDR like 127.0.0.1:3420; SERVER_PID to read the server's resident memory).

use std::{
    sync::Arc,
    time::{Duration, Instant},
};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
    sync::Mutex,
};

type Failure = Box<dyn std::error::Error + Send + Sync>;
/// Per viewer, the sequence numbers it received and when.
type Seen = Arc<Vec<Mutex<Vec<(i64, Instant)>>>>;

#[tokio::main]
async fn main() -> Result<(), Failure> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 6 {
        return Err(
            "usage: agenda_live_load ADDR SUBSCRIBERS CHANGES EMAIL PASSWORD [SERVER_PID]".into(),
        );
    }
    let addr = args[1].clone();
    let subscribers: usize = args[2].parse()?;
    let changes: usize = args[3].parse()?;
    let pid = args.get(6).cloned();

    let cookie = sign_in(&addr, &args[4], &args[5]).await?;
    let editor = post(&addr, "/api/agenda-editor", "", &cookie).await?;
    let editor: serde_json::Value = serde_json::from_str(&editor)?;
    let first = &editor["items"][0];
    let (id, mut version) = (
        first["id"].as_i64().ok_or("no agenda item")?,
        first["version"].as_i64().ok_or("no version")?,
    );
    let number = editor["session"]["number"].as_i64().ok_or("no session")?;

    let rss_before = pid.as_deref().and_then(resident_kib);
    // Each viewer records when it saw each sequence number.
    let seen: Seen = Arc::new((0..subscribers).map(|_| Mutex::new(Vec::new())).collect());
    let connected = Arc::new(tokio::sync::Semaphore::new(0));
    let started = Instant::now();
    for index in 0..subscribers {
        let (addr, seen, connected) = (addr.clone(), seen.clone(), connected.clone());
        tokio::spawn(async move {
            if let Err(error) = watch(&addr, number, index, &seen, &connected).await {
                eprintln!("viewer {index}: {error}");
            }
        });
    }
    let all = connected.acquire_many(subscribers as u32).await?;
    all.forget();
    println!(
        "{subscribers} viewers connected in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    // Let the last connections settle before measuring memory.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let rss_after = pid.as_deref().and_then(resident_kib);

    let mut sent: Vec<(i64, Instant)> = Vec::new();
    for round in 0..changes {
        let status = if round % 2 == 0 {
            "InProgress"
        } else {
            "Scheduled"
        };
        let at = Instant::now();
        let body = post(
            &addr,
            "/api/agenda-item-status",
            &format!("id={id}&version={version}&status={status}"),
            &cookie,
        )
        .await?;
        let item: serde_json::Value = serde_json::from_str(&body)
            .map_err(|e| format!("status change refused: {e}: {body}"))?;
        version = item["version"].as_i64().ok_or("no version in answer")?;
        sent.push((round as i64, at));
        // Spaced out: each change is measured on its own, not queued behind the previous.
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;

    // Viewer k's i-th change after connecting is change i.
    let mut latencies = Vec::new();
    let mut missing = 0usize;
    for viewer in seen.iter() {
        let got = viewer.lock().await;
        for (round, at) in &sent {
            match got.get(*round as usize) {
                Some((_, when)) => latencies.push(when.duration_since(*at)),
                None => missing += 1,
            }
        }
    }
    latencies.sort();
    let pick = |q: f64| {
        latencies
            .get(((latencies.len() as f64 * q).ceil() as usize).saturating_sub(1))
            .map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0)
    };
    println!(
        "changes: {changes}, deliveries: {}, missing: {missing}",
        latencies.len()
    );
    println!(
        "delivery latency (change request sent → event read by the viewer): p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        pick(0.50),
        pick(0.95),
        pick(0.99),
        pick(1.0)
    );
    if let (Some(before), Some(after)) = (rss_before, rss_after) {
        println!(
            "server resident memory: {:.1} MiB before, {:.1} MiB with {subscribers} viewers: {:.1} KiB per viewer",
            before as f64 / 1024.0,
            after as f64 / 1024.0,
            (after.saturating_sub(before)) as f64 / subscribers as f64
        );
    }
    Ok(())
}

/// One viewer: opens the stream and notes the time each `change` event arrives.
async fn watch(
    addr: &str,
    number: i64,
    index: usize,
    seen: &[Mutex<Vec<(i64, Instant)>>],
    connected: &tokio::sync::Semaphore,
) -> Result<(), Failure> {
    let mut stream = TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    // Resuming from a huge number would get a reset; from the current one, nothing.
    let request = format!(
        "GET /sessions/{number}/agenda/direct HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await?;
    let mut buffer = vec![0u8; 16 * 1024];
    let mut text = String::new();
    let mut announced = false;
    loop {
        let read = stream.read(&mut buffer).await?;
        if read == 0 {
            return Err("stream closed".into());
        }
        let now = Instant::now();
        text.push_str(&String::from_utf8_lossy(&buffer[..read]));
        if !announced && text.contains("ccmex agenda") {
            announced = true;
            // The first message without `since` is the whole agenda: not a change.
            connected.add_permits(1);
        }
        while let Some(start) = text.find("event: change") {
            let Some(end) = text[start..].find("\n\n") else {
                break;
            };
            let block: String = text.drain(..start + end + 2).collect();
            let seq = block
                .lines()
                .find_map(|l| l.strip_prefix("id: "))
                .and_then(|id| id.trim().parse().ok())
                .unwrap_or(0);
            if block.contains("\"reset\":true") {
                continue;
            }
            seen[index].lock().await.push((seq, now));
        }
        if text.len() > 64 * 1024 {
            text.clear();
        }
    }
}

/// Signs in; returns the session cookie.
async fn sign_in(addr: &str, email: &str, password: &str) -> Result<String, Failure> {
    let body = format!(
        "email={}&password={}",
        form_escape(email),
        form_escape(password)
    );
    let response = request(addr, "POST", "/connexion", &body, "").await?;
    response
        .lines()
        .take_while(|l| !l.is_empty())
        .find_map(|l| {
            let lower = l.to_ascii_lowercase();
            lower.starts_with("set-cookie:").then(|| {
                l["set-cookie:".len()..]
                    .trim()
                    .split(';')
                    .next()
                    .unwrap_or("")
                    .to_string()
            })
        })
        .ok_or_else(|| format!("sign-in refused: {}", response.lines().next().unwrap_or("")).into())
}

/// A server function call; returns the body (an error for a non-2xx answer).
async fn post(addr: &str, path: &str, body: &str, cookie: &str) -> Result<String, Failure> {
    let response = request(addr, "POST", path, body, cookie).await?;
    let status = response.lines().next().unwrap_or("").to_string();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_string()
    };
    if !status.contains(" 200 ") {
        return Err(format!("{path}: {status}: {body}").into());
    }
    Ok(body)
}

async fn request(
    addr: &str,
    method: &str,
    path: &str,
    body: &str,
    cookie: &str,
) -> Result<String, Failure> {
    let mut stream = TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let cookie = if cookie.is_empty() {
        String::new()
    } else {
        format!("Cookie: {cookie}\r\n")
    };
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nAccept: application/json\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n{cookie}\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await?;
    Ok(String::from_utf8_lossy(&response).into_owned())
}

/// The body of a chunked response.
fn dechunk(mut rest: &str) -> String {
    let mut body = String::new();
    while let Some((size, after)) = rest.split_once("\r\n") {
        let Ok(size) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if size == 0 || after.len() < size {
            break;
        }
        body.push_str(&after[..size]);
        rest = after[size..].trim_start_matches("\r\n");
    }
    body
}

fn form_escape(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The resident memory of process `pid`, in KiB.
fn resident_kib(pid: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}
