//! Throwaway PostgreSQL databases, one per run, on the server that an admin URL names.

use anyhow::{Context, Result};
use sqlx::{Connection, PgConnection};

/// A fresh database next to the one `admin_url` names (same server and credentials), for one
/// run; [`ScratchDatabase::drop`] removes it.
pub struct ScratchDatabase {
    admin_url: String,
    name: String,
    /// The new database's URL.
    pub url: String,
}

impl ScratchDatabase {
    /// Creates `<prefix>_<uuid>`.
    pub async fn create(admin_url: &str, prefix: &str) -> Result<ScratchDatabase> {
        let name = format!("{prefix}_{}", uuid::Uuid::now_v7().simple());
        let mut admin = PgConnection::connect(admin_url)
            .await
            .context("connecting to PostgreSQL")?;
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .await?;
        admin.close().await?;
        let base = admin_url
            .rsplit_once('/')
            .map_or(admin_url, |(base, _)| base);
        Ok(ScratchDatabase {
            admin_url: admin_url.to_owned(),
            url: format!("{base}/{name}"),
            name,
        })
    }

    /// Drops the database, closing whatever connections are still open on it.
    pub async fn drop(self) -> Result<()> {
        let mut admin = PgConnection::connect(&self.admin_url).await?;
        sqlx::query(&format!("DROP DATABASE {} WITH (FORCE)", self.name))
            .execute(&mut admin)
            .await?;
        admin.close().await?;
        Ok(())
    }
}
