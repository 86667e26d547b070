//! Load test of a running `dondoc serve`: N virtual users for S seconds, each logged in and
//! cycling through the dashboard, a page of the task list and a search, as fast as answers
//! come. Prints p50/p95/p99 per page and overall, requests per second and errors.
//!
//! ```text
//! cargo run --release -p dondoc-web --example load -- BASE_URL [USERS=32] [SECONDS=60]
//! ```
//!
//! `scripts/load-test.sh` prepares 1,000,000 assignments in SQLite, starts the server and
//! reports its peak memory too. Accounts are the demo ones (password `DONDOC_DEMO_PASSWORD`,
//! default `dondoc-demo`): the monitor, the leader and the two focal points, in turn.

use std::time::{Duration, Instant};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

const PAGES: [&str; 3] = ["dashboard", "task_list", "search"];
const WORDS: [&str; 8] = [
    "ke hoach",
    "dan van",
    "nong dan",
    "tuyen truyen",
    "doan vien",
    "bao cao",
    "phu nu",
    "kiem tra",
];

fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted.get(i).copied().unwrap_or(f64::NAN)
}

#[tokio::main(flavor = "multi_thread")]
async fn main() -> Result<(), BoxError> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let base = args
        .first()
        .ok_or("usage: load BASE_URL [USERS] [SECONDS]")?
        .trim_end_matches('/')
        .to_owned();
    let users: usize = args.get(1).map_or(Ok(32), |s| s.parse())?;
    let secs: u64 = args.get(2).map_or(Ok(60), |s| s.parse())?;
    let password =
        std::env::var("DONDOC_DEMO_PASSWORD").unwrap_or_else(|_| "dondoc-demo".to_owned());
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(users)
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    // One session per account, shared by the virtual users of that account.
    let mut tokens = Vec::new();
    for name in ["theodoi", "lanhdao", "hoinongdan", "huyendoan"] {
        let r = client
            .post(format!("{base}/api/v1/session"))
            .json(&serde_json::json!({ "username": name, "password": password }))
            .send()
            .await?;
        if !r.status().is_success() {
            return Err(format!("log-in of {name}: {}", r.status()).into());
        }
        let v: serde_json::Value = r.json().await?;
        let t = v
            .get("token")
            .and_then(|t| t.as_str())
            .ok_or("no token")?
            .to_owned();
        tokens.push(t);
    }
    let started = Instant::now();
    let deadline = started + Duration::from_secs(secs);
    let mut tasks = Vec::new();
    for u in 0..users {
        let client = client.clone();
        let base = base.clone();
        let cookie = format!(
            "dondoc_session={}",
            tokens.get(u % tokens.len()).cloned().unwrap_or_default()
        );
        tasks.push(tokio::spawn(async move {
            let mut times: Vec<Vec<f64>> = vec![Vec::new(); PAGES.len()];
            let mut errors = 0_u64;
            let mut i = u;
            while Instant::now() < deadline {
                let kind = i % PAGES.len();
                let path = match kind {
                    0 => "/".to_owned(),
                    1 => format!("/nhiem-vu?offset={}", (i * 50) % 2000),
                    _ => format!(
                        "/tim-kiem?q={}",
                        WORDS
                            .get(i % WORDS.len())
                            .unwrap_or(&"ke hoach")
                            .replace(' ', "+")
                    ),
                };
                let t = Instant::now();
                let ok = match client
                    .get(format!("{base}{path}"))
                    .header("cookie", &cookie)
                    .send()
                    .await
                {
                    Ok(r) if r.status().is_success() => r.bytes().await.is_ok(),
                    _ => false,
                };
                let ms = t.elapsed().as_secs_f64() * 1e3;
                if ok {
                    if let Some(v) = times.get_mut(kind) {
                        v.push(ms);
                    }
                } else {
                    errors += 1;
                }
                i += 1;
            }
            (times, errors)
        }));
    }
    let mut all: Vec<Vec<f64>> = vec![Vec::new(); PAGES.len()];
    let mut errors = 0;
    for t in tasks {
        let (times, e) = t.await?;
        errors += e;
        for (a, t) in all.iter_mut().zip(times) {
            a.extend(t);
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    let mut total: Vec<f64> = all.iter().flatten().copied().collect();
    total.sort_by(f64::total_cmp);
    println!("{users} users, {elapsed:.1} s, base {base}");
    for (name, mut t) in PAGES.iter().zip(all) {
        t.sort_by(f64::total_cmp);
        println!(
            "{name:<10} {:>7} req  p50 {:>7.2} ms  p95 {:>7.2} ms  p99 {:>7.2} ms",
            t.len(),
            percentile(&t, 0.5),
            percentile(&t, 0.95),
            percentile(&t, 0.99)
        );
    }
    println!(
        "all        {:>7} req  p50 {:>7.2} ms  p95 {:>7.2} ms  p99 {:>7.2} ms  {:.0} req/s  errors {errors}",
        total.len(),
        percentile(&total, 0.5),
        percentile(&total, 0.95),
        percentile(&total, 0.99),
        total.len() as f64 / elapsed
    );
    Ok(())
}
