//! The same store operations on SQLite and on PostgreSQL, in one run, so the figures compare
//! as a ratio on the same machine: a write (organisation + audit row in one transaction), the
//! two list pages the web serves most, and the session lookup every signed-in request makes.
//!
//! `cargo bench -p agora-store --bench backends`; the PostgreSQL rows run when
//! `AGORA_TEST_POSTGRES_URL` is set (a fresh database is created and dropped).

use std::sync::LazyLock;

use agora_core::directory::OrganisationDraft;
use agora_store::{NewUser, PageRequest, Store};
use tokio::runtime::Runtime;

fn main() {
    divan::main();
}

struct Backends {
    runtime: Runtime,
    stores: Vec<(&'static str, Store, String)>,
    _dir: tempfile::TempDir,
}

const SESSION: &str = "bench-session-token-hash";

static BACKENDS: LazyLock<Backends> = LazyLock::new(|| {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let stores = runtime.block_on(async {
        let mut urls = vec![(
            "sqlite",
            format!("sqlite://{}/bench.db", dir.path().display()),
        )];
        if let Ok(admin_url) = std::env::var("AGORA_TEST_POSTGRES_URL") {
            urls.push(("postgres", fresh_postgres(&admin_url).await));
        }
        let mut stores = Vec::new();
        for (name, url) in urls {
            let store = Store::open(&url).await.unwrap();
            store.load_demo().await.unwrap();
            for i in 0..500 {
                store.create(None, &organisation(i)).await.unwrap();
            }
            let user = store
                .create_user(
                    None,
                    &NewUser {
                        email: "bench@example.org",
                        display_name: "Bench",
                        password_hash: "x",
                    },
                    None,
                )
                .await
                .unwrap();
            let far = jiff::Timestamp::now() + jiff::SignedDuration::from_hours(24);
            store.create_session(SESSION, user.id, far).await.unwrap();
            stores.push((name, store, url));
        }
        stores
    });
    Backends {
        runtime,
        stores,
        _dir: dir,
    }
});

async fn fresh_postgres(admin_url: &str) -> String {
    use sqlx::Connection;
    let name = format!("agora_bench_{}", agora_core::new_id().simple());
    let mut admin = sqlx::PgConnection::connect(admin_url).await.unwrap();
    // divan has no teardown hook: each run removes the databases earlier runs left.
    let earlier: Vec<(String,)> =
        sqlx::query_as("SELECT datname FROM pg_database WHERE datname LIKE 'agora_bench_%'")
            .fetch_all(&mut admin)
            .await
            .unwrap();
    for (earlier,) in earlier {
        sqlx::query(&format!("DROP DATABASE {earlier} WITH (FORCE)"))
            .execute(&mut admin)
            .await
            .unwrap();
    }
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .unwrap();
    let base = admin_url
        .rsplit_once('/')
        .map_or(admin_url, |(base, _)| base);
    format!("{base}/{name}")
}

fn organisation(i: usize) -> agora_core::directory::Organisation {
    OrganisationDraft {
        name: format!("Organisation {i:05}"),
        stakeholder_group: "civil-society".into(),
        country: "CH".into(),
        ..Default::default()
    }
    .validate(&Default::default())
    .unwrap()
}

fn backends() -> Vec<&'static str> {
    BACKENDS.stores.iter().map(|(name, _, _)| *name).collect()
}

fn with_store<T>(backend: &str, work: impl AsyncFnOnce(&Store) -> T) -> T {
    let (_, store, _) = BACKENDS
        .stores
        .iter()
        .find(|(name, _, _)| *name == backend)
        .unwrap();
    BACKENDS.runtime.block_on(work(store))
}

#[divan::bench(args = backends(), sample_count = 30, sample_size = 10)]
fn create_organisation(backend: &str) {
    with_store(backend, async |store| {
        store.create(None, &organisation(usize::MAX)).await.unwrap();
    });
}

#[divan::bench(args = backends(), sample_count = 30, sample_size = 10)]
fn organisations_page_of_50(backend: &str) -> usize {
    with_store(backend, async |store| {
        store
            .organisations(&PageRequest::first(50))
            .await
            .unwrap()
            .items
            .len()
    })
}

#[divan::bench(args = backends(), sample_count = 30, sample_size = 10)]
fn calendar_month(backend: &str) -> usize {
    let from = jiff::civil::date(2013, 5, 1);
    with_store(backend, async |store| {
        store
            .events_between(from, from.last_of_month())
            .await
            .unwrap()
            .len()
    })
}

#[divan::bench(args = backends(), sample_count = 30, sample_size = 10)]
fn session_lookup(backend: &str) -> bool {
    with_store(backend, async |store| {
        store
            .session_user(SESSION, jiff::Timestamp::now())
            .await
            .unwrap()
            .is_some()
    })
}
