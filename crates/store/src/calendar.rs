//! Calendar events. Dates are ISO text, so text order is date order on both backends.

use agora_core::calendar::Event;
use jiff::civil::Date;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;
use uuid::Uuid;

use crate::page::{Page, PageRequest};
use crate::{Insert, Result, Store, constraint_as, now_ms, row};

const EVENT_COLUMNS: &str =
    "id, title, acronym, organiser, place, starts_on, ends_on, process_id, url, description";

fn event(r: &AnyRow) -> Result<Event> {
    Ok(Event {
        id: row::uuid(r, "id")?,
        title: row::text(r, "title")?,
        acronym: row::opt_text(r, "acronym")?,
        organiser: row::text(r, "organiser")?,
        place: row::text(r, "place")?,
        starts_on: row::date(r, "starts_on")?,
        ends_on: row::date(r, "ends_on")?,
        process_id: row::opt_uuid(r, "process_id")?,
        url: row::opt_text(r, "url")?,
        description: row::opt_text(r, "description")?,
    })
}

impl Store {
    pub async fn event(&self, id: Uuid) -> Result<Option<Event>> {
        let sql = format!("SELECT {EVENT_COLUMNS} FROM events WHERE id = $1");
        let found = sqlx::query(&sql)
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        found.as_ref().map(event).transpose()
    }

    /// Events by start date.
    pub async fn events(&self, request: &PageRequest) -> Result<Page<Event>> {
        self.keyset_page(EVENT_COLUMNS, "events", "starts_on", request, event)
            .await
    }

    /// Every event taking place on a day of `[from, to]`, by start date.
    pub async fn events_between(&self, from: Date, to: Date) -> Result<Vec<Event>> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events WHERE starts_on <= $2 AND ends_on >= $1 ORDER BY starts_on, id"
        );
        let rows = sqlx::query(&sql)
            .bind(from.to_string())
            .bind(to.to_string())
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(event).collect()
    }

    /// All events, by start date (the iCalendar feed).
    pub async fn all_events(&self) -> Result<Vec<Event>> {
        self.events_between(Date::MIN, Date::MAX).await
    }

    pub async fn events_of_process(&self, process_id: Uuid) -> Result<Vec<Event>> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events WHERE process_id = $1 ORDER BY starts_on, id"
        );
        let rows = sqlx::query(&sql)
            .bind(process_id.to_string())
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(event).collect()
    }
}

impl Insert for Event {
    const ENTITY: &'static str = "event";

    fn key(&self) -> String {
        self.id.to_string()
    }

    async fn insert(&self, conn: &mut AnyConnection) -> Result<()> {
        let event = self;
        sqlx::query(
            "INSERT INTO events (id, title, acronym, organiser, place, starts_on, ends_on, process_id, url, \
                                 description, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(event.id.to_string())
        .bind(&event.title)
        .bind(&event.acronym)
        .bind(&event.organiser)
        .bind(&event.place)
        .bind(event.starts_on.to_string())
        .bind(event.ends_on.to_string())
        .bind(event.process_id.map(|id| id.to_string()))
        .bind(&event.url)
        .bind(&event.description)
        .bind(now_ms())
        .execute(conn)
        .await
        .map_err(constraint_as("process_id"))?;
        Ok(())
    }
}
