//! Meetings, their agenda items and their participants (migration 0010).

use agora_core::meeting::{AgendaItem, Meeting, Participant, Role};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use uuid::Uuid;

use crate::page::{Page, PageRequest};
use crate::row::{self, sort_key};
use crate::{Actor, Insert, Result, Store, StoreError, audit, constraint_as, now_ms};

const MEETING_COLUMNS: &str =
    "id, process_id, title, description, starts_at, ends_at, place, online_url, languages";
const PARTICIPANT_COLUMNS: &str =
    "id, meeting_id, name, person_id, user_id, stakeholder_group, gender, role, remote";

fn participant(r: &AnyRow) -> Result<Participant> {
    let role = row::text(r, "role")?;
    Ok(Participant {
        id: row::uuid(r, "id")?,
        meeting_id: row::uuid(r, "meeting_id")?,
        name: row::text(r, "name")?,
        person_id: row::opt_uuid(r, "person_id")?,
        user_id: row::opt_uuid(r, "user_id")?,
        stakeholder_group: row::text(r, "stakeholder_group")?,
        gender: row::opt_text(r, "gender")?,
        role: Role::from_code(&role)
            .ok_or_else(|| StoreError::Corrupt(format!("participant role {role}")))?,
        remote: row::int(r, "remote")? != 0,
    })
}

impl Store {
    async fn meeting_from_row(&self, r: &AnyRow) -> Result<Meeting> {
        let id = row::uuid(r, "id")?;
        let agenda = sqlx::query(
            "SELECT title, minutes FROM agenda_items WHERE meeting_id = $1 ORDER BY position",
        )
        .bind(id.to_string())
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|a| {
            Ok(AgendaItem {
                title: row::text(a, "title")?,
                minutes: a
                    .try_get::<Option<i64>, _>("minutes")?
                    .and_then(|m| u32::try_from(m).ok()),
            })
        })
        .collect::<Result<Vec<_>>>()?;
        let languages = row::text(r, "languages")?;
        Ok(Meeting {
            id,
            process_id: row::uuid(r, "process_id")?,
            title: row::text(r, "title")?,
            description: row::text(r, "description")?,
            starts_at: row::timestamp(r, "starts_at")?,
            ends_at: row::timestamp(r, "ends_at")?,
            place: row::opt_text(r, "place")?,
            online_url: row::opt_text(r, "online_url")?,
            languages: languages
                .split(',')
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            agenda,
        })
    }

    async fn meetings_where(&self, condition: &str, value: String) -> Result<Vec<Meeting>> {
        let sql = format!(
            "SELECT {MEETING_COLUMNS} FROM meetings WHERE {condition} ORDER BY starts_at, id"
        );
        let rows = sqlx::query(&sql).bind(value).fetch_all(&self.pool).await?;
        let mut meetings = Vec::with_capacity(rows.len());
        for r in &rows {
            meetings.push(self.meeting_from_row(r).await?);
        }
        Ok(meetings)
    }

    pub async fn meeting(&self, id: Uuid) -> Result<Option<Meeting>> {
        Ok(self.meetings_where("id = $1", id.to_string()).await?.pop())
    }

    /// Every meeting of every process, earliest first, a page at a time (the keyset is the
    /// start and the id, so meetings added meanwhile never shift a page).
    pub async fn meetings(&self, request: &PageRequest) -> Result<Page<Meeting>> {
        let (after_key, after_id) = request.bounds();
        let after_start = if after_key.is_empty() {
            i64::MIN
        } else {
            after_key
                .parse::<i64>()
                .map_err(|_| StoreError::BadCursor)?
        };
        let sql = format!(
            "SELECT {MEETING_COLUMNS} FROM meetings \
             WHERE starts_at > $1 OR (starts_at = $1 AND id > $2) \
             ORDER BY starts_at, id LIMIT $3"
        );
        let rows = sqlx::query(&sql)
            .bind(after_start)
            .bind(after_id)
            .bind(request.clamped_limit() + 1)
            .fetch_all(&self.pool)
            .await?;
        let mut meetings = Vec::with_capacity(rows.len());
        for r in &rows {
            let start = row::int(r, "starts_at")?;
            meetings.push((start.to_string(), self.meeting_from_row(r).await?));
        }
        Ok(Page::from_rows(meetings, request, |m| m.id.to_string()))
    }

    /// The names of every meeting's participants, each once, in order.
    pub async fn participant_names(&self) -> Result<Vec<String>> {
        sqlx::query("SELECT DISTINCT name FROM meeting_participants ORDER BY name")
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| row::text(r, "name"))
            .collect()
    }

    /// A process's meetings, earliest first.
    pub async fn meetings_of_process(&self, process_id: Uuid) -> Result<Vec<Meeting>> {
        self.meetings_where("process_id = $1", process_id.to_string())
            .await
    }

    /// Replaces a meeting's fields and agenda; the audit entry keeps it before and after.
    pub async fn update_meeting(&self, actor: Actor, meeting: &Meeting) -> Result<()> {
        let before = self
            .meeting(meeting.id)
            .await?
            .ok_or(StoreError::NotFound)?;
        let mut tx = self.write().await?;
        sqlx::query(
            "UPDATE meetings SET title = $2, description = $3, starts_at = $4, ends_at = $5, \
             place = $6, online_url = $7, languages = $8 WHERE id = $1",
        )
        .bind(meeting.id.to_string())
        .bind(&meeting.title)
        .bind(&meeting.description)
        .bind(meeting.starts_at.as_millisecond())
        .bind(meeting.ends_at.as_millisecond())
        .bind(&meeting.place)
        .bind(&meeting.online_url)
        .bind(meeting.languages.join(","))
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM agenda_items WHERE meeting_id = $1")
            .bind(meeting.id.to_string())
            .execute(&mut *tx)
            .await?;
        insert_agenda(&mut tx, meeting).await?;
        let id = meeting.id.to_string();
        audit::record(
            &mut tx,
            actor,
            "update",
            "meeting",
            &id,
            Some(&before),
            Some(meeting),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A meeting's participants: moderators, then panellists, then attendees, each by name.
    pub async fn participants(&self, meeting_id: Uuid) -> Result<Vec<Participant>> {
        let sql = format!(
            "SELECT {PARTICIPANT_COLUMNS} FROM meeting_participants WHERE meeting_id = $1 \
             ORDER BY CASE role WHEN 'moderator' THEN 0 WHEN 'panellist' THEN 1 ELSE 2 END, \
             sort_key, id"
        );
        sqlx::query(&sql)
            .bind(meeting_id.to_string())
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(participant)
            .collect()
    }

    pub async fn participant(&self, id: Uuid) -> Result<Option<Participant>> {
        let sql = format!("SELECT {PARTICIPANT_COLUMNS} FROM meeting_participants WHERE id = $1");
        sqlx::query(&sql)
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(participant)
            .transpose()
    }

    /// The participant an account joined a meeting as, if it did.
    pub async fn participant_of_user(
        &self,
        meeting_id: Uuid,
        user_id: Uuid,
    ) -> Result<Option<Participant>> {
        let sql = format!(
            "SELECT {PARTICIPANT_COLUMNS} FROM meeting_participants \
             WHERE meeting_id = $1 AND user_id = $2"
        );
        sqlx::query(&sql)
            .bind(meeting_id.to_string())
            .bind(user_id.to_string())
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(participant)
            .transpose()
    }

    /// Changes a participant's name, group, gender, role or place (in the room or remote).
    pub async fn update_participant(&self, actor: Actor, updated: &Participant) -> Result<()> {
        let before = self
            .participant(updated.id)
            .await?
            .ok_or(StoreError::NotFound)?;
        let mut tx = self.write().await?;
        sqlx::query(
            "UPDATE meeting_participants SET sort_key = $2, name = $3, person_id = $4, \
             stakeholder_group = $5, gender = $6, role = $7, remote = $8 WHERE id = $1",
        )
        .bind(updated.id.to_string())
        .bind(sort_key(&updated.name))
        .bind(&updated.name)
        .bind(updated.person_id.map(|id| id.to_string()))
        .bind(&updated.stakeholder_group)
        .bind(&updated.gender)
        .bind(updated.role.code())
        .bind(i64::from(updated.remote))
        .execute(&mut *tx)
        .await
        .map_err(constraint_as("person_id"))?;
        let id = updated.id.to_string();
        audit::record(
            &mut tx,
            actor,
            "update",
            "participant",
            &id,
            Some(&before),
            Some(updated),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn remove_participant(&self, actor: Actor, id: Uuid) -> Result<()> {
        let before = self.participant(id).await?.ok_or(StoreError::NotFound)?;
        let mut tx = self.write().await?;
        sqlx::query("DELETE FROM meeting_participants WHERE id = $1")
            .bind(id.to_string())
            .execute(&mut *tx)
            .await?;
        let key = id.to_string();
        audit::record::<Participant, ()>(
            &mut tx,
            actor,
            "delete",
            "participant",
            &key,
            Some(&before),
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

async fn insert_agenda(conn: &mut AnyConnection, meeting: &Meeting) -> Result<()> {
    for (position, item) in meeting.agenda.iter().enumerate() {
        sqlx::query(
            "INSERT INTO agenda_items (meeting_id, position, title, minutes) VALUES ($1, $2, $3, $4)",
        )
        .bind(meeting.id.to_string())
        .bind(position as i64)
        .bind(&item.title)
        .bind(item.minutes.map(i64::from))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

impl Insert for Meeting {
    const ENTITY: &'static str = "meeting";

    fn key(&self) -> String {
        self.id.to_string()
    }

    async fn insert(&self, conn: &mut AnyConnection) -> Result<()> {
        let meeting = self;
        sqlx::query(
            "INSERT INTO meetings (id, process_id, title, description, starts_at, ends_at, place, \
                                   online_url, languages, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(meeting.id.to_string())
        .bind(meeting.process_id.to_string())
        .bind(&meeting.title)
        .bind(&meeting.description)
        .bind(meeting.starts_at.as_millisecond())
        .bind(meeting.ends_at.as_millisecond())
        .bind(&meeting.place)
        .bind(&meeting.online_url)
        .bind(meeting.languages.join(","))
        .bind(now_ms())
        .execute(&mut *conn)
        .await
        .map_err(constraint_as("process_id"))?;
        insert_agenda(conn, meeting).await
    }
}

impl Insert for Participant {
    const ENTITY: &'static str = "participant";

    fn key(&self) -> String {
        self.id.to_string()
    }

    async fn insert(&self, conn: &mut AnyConnection) -> Result<()> {
        let p = self;
        sqlx::query(
            "INSERT INTO meeting_participants (id, meeting_id, sort_key, name, person_id, user_id, \
                 stakeholder_group, gender, role, remote, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(p.id.to_string())
        .bind(p.meeting_id.to_string())
        .bind(sort_key(&p.name))
        .bind(&p.name)
        .bind(p.person_id.map(|id| id.to_string()))
        .bind(p.user_id.map(|id| id.to_string()))
        .bind(&p.stakeholder_group)
        .bind(&p.gender)
        .bind(p.role.code())
        .bind(i64::from(p.remote))
        .bind(now_ms())
        .execute(conn)
        .await
        .map_err(|error| match error.as_database_error() {
            // One participant per account and meeting; a missing reference is the person.
            Some(db) if db.is_unique_violation() => StoreError::Conflict { field: "user_id" },
            _ => constraint_as("person_id")(error),
        })?;
        Ok(())
    }
}
